/**
 * Splitting wire names (XML element/attribute names, JSON keys, file names) into words.
 * Everything else in `naming/` is built on {@link splitWords}.
 */

/** How one code point takes part in a word. */
type CharClass =
  | 'upper' // \p{Lu}, \p{Lt}
  | 'lower' // \p{Ll}
  | 'caseless' // \p{Lo}, \p{Lm}: letters without case (CJK, kana, modifier letters)
  | 'digit' // \p{Nd}
  | 'mark' // \p{M}: belongs to the code point before it
  | 'separator'; // everything else: punctuation, spaces, symbols, `_`, `$`, `:`, `.`

function classify(ch: string): CharClass {
  if (/^[\p{Lu}\p{Lt}]$/u.test(ch)) return 'upper';
  if (/^\p{Ll}$/u.test(ch)) return 'lower';
  if (/^[\p{Lo}\p{Lm}]$/u.test(ch)) return 'caseless';
  if (/^\p{Nd}$/u.test(ch)) return 'digit';
  if (/^\p{M}$/u.test(ch)) return 'mark';
  return 'separator';
}

/** A maximal run of code points of one kind inside a separator-free segment. */
interface Group {
  readonly kind: 'cased' | 'caseless' | 'digit';
  /** For `cased` groups: alternating runs of upper-case and lower-case code points (marks included). */
  readonly runs: { upper: boolean; text: string }[];
}

function groupKind(cls: Exclude<CharClass, 'mark' | 'separator'>): Group['kind'] {
  return cls === 'upper' || cls === 'lower' ? 'cased' : cls;
}

/** Splits one separator-free segment into groups of cased letters, caseless letters and digits. */
function groupsOf(segment: readonly { ch: string; cls: CharClass }[]): Group[] {
  const groups: Group[] = [];
  let current: Group | undefined;
  for (const { ch, cls } of segment) {
    if (cls === 'mark' || cls === 'separator') {
      // Marks only reach here after a letter or digit (see splitWords); they extend the current run.
      const run = current?.runs[current.runs.length - 1];
      if (run) run.text += ch;
      continue;
    }
    const kind = groupKind(cls);
    if (!current || current.kind !== kind) {
      current = { kind, runs: [] };
      groups.push(current);
    }
    const upper = cls === 'upper';
    const last = current.runs[current.runs.length - 1];
    if (last && (kind !== 'cased' || last.upper === upper)) last.text += ch;
    else current.runs.push({ upper, text: ch });
  }
  return groups;
}

/**
 * Splits a group of cased letters at lower->upper changes and at acronym ends.
 * `followedByDigit` tells whether a digit group comes right after (for `IPv6`).
 */
function splitCased(runs: readonly { upper: boolean; text: string }[], followedByDigit: boolean): string[] {
  const words: string[] = [];
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]!;
    const next = runs[i + 1];
    if (!run.upper || !next) {
      // A leading lower-case run (`split` in `splitSize`) or a trailing upper-case run (`ID` in `BackupID`).
      words.push(run.text);
      continue;
    }
    const upper = [...run.text];
    const isLastRun = i + 2 === runs.length;
    if (upper.length === 1) {
      words.push(run.text + next.text); // `Has` + `Run`
    } else if (next.text === 's') {
      words.push(run.text + next.text); // plural acronym: `IDs`, `URLsList` -> `URLs`, `List`
    } else if ([...next.text].length === 1 && isLastRun && followedByDigit) {
      words.push(run.text, next.text); // version-like suffix: `IPv6` -> `IP`, `v`, `6`
    } else {
      // The last capital starts the next word: `XMLHttp` -> `XML`, `Http`.
      const last = upper.pop()!;
      words.push(upper.join(''), last + next.text);
    }
    i++;
  }
  return words;
}

/**
 * Splits a wire name into words, keeping the case of every letter.
 *
 * Rules, in order:
 * - The name is NFC-normalized. Letters are `\p{L}`, digits `\p{Nd}`; combining marks (`\p{M}`) stay with the
 *   letter or digit before them. Every other code point (`-`, `_`, `.`, `:`, `$`, spaces, symbols) separates words
 *   and is dropped.
 * - Words split at letter/digit borders, and at borders between cased letters and caseless letters (CJK, kana).
 * - Words split at lower->upper changes (`stepNumber` -> `step`, `Number`).
 * - An upper-case run followed by lower-case letters is an acronym whose last capital starts the next word
 *   (`USAddress` -> `US`, `Address`; `XMLHttpRequest` -> `XML`, `Http`, `Request`), except:
 *   - a single `s` after it is a plural and stays with the acronym (`IDs`, `URLsList` -> `URLs`, `List`);
 *   - a single lower-case letter between the acronym and digits stays on its own (`IPv6` -> `IP`, `v`, `6`).
 *
 * @example
 * splitWords('backup-webspace')   // ['backup', 'webspace']
 * splitWords('USAddress')         // ['US', 'Address']
 * splitWords('XMLHttpRequest')    // ['XML', 'Http', 'Request']
 * splitWords('IPv6Address')       // ['IP', 'v', '6', 'Address']
 * splitWords('split2size')        // ['split', '2', 'size']
 * splitWords('2fa')               // ['2', 'fa']
 * splitWords('__proto__')         // ['proto']
 * splitWords('ns:name')           // ['ns', 'name']
 * splitWords('größe')             // ['größe']
 * splitWords('-')                 // []
 */
export function splitWords(name: string): string[] {
  const words: string[] = [];
  let segment: { ch: string; cls: CharClass }[] = [];
  const flush = (): void => {
    const groups = groupsOf(segment);
    groups.forEach((group, index) => {
      if (group.kind === 'cased') {
        words.push(...splitCased(group.runs, groups[index + 1]?.kind === 'digit'));
      } else {
        words.push(group.runs.map((run) => run.text).join(''));
      }
    });
    segment = [];
  };
  for (const ch of name.normalize('NFC')) {
    const cls = classify(ch);
    // A mark that does not follow a letter or digit cannot start an identifier part: treat it as a separator.
    if (cls === 'separator' || (cls === 'mark' && segment.length === 0)) flush();
    else segment.push({ ch, cls });
  }
  flush();
  return words;
}
