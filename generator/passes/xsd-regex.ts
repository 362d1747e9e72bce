/**
 * XSD 1.0 regular expressions (XML Schema Part 2, appendix F) -> JavaScript RegExp sources for
 * `new RegExp(source, 'u')`, implicitly anchored as `^(?:…)$`.
 *
 * Differences handled here:
 *  - XSD has no anchors: `^` and `$` are ordinary characters.
 *  - `.` is `[^\n\r]`; `\d` `\w` `\s` `\i` `\c` and their complements follow XSD, not JavaScript.
 *  - `\p{IsBlock}` block escapes become explicit ranges (JavaScript has no block properties).
 *  - Character class subtraction `[a-z-[aeiou]]` becomes a negative lookahead `(?:(?![aeiou])[a-z])`.
 *  - Groups become non-capturing; XSD has no `(?` syntax, no back-references, no lazy quantifiers.
 *  - In `u` mode JavaScript rejects identity escapes of ordinary characters, so only syntax
 *    characters and `/` are escaped; characters outside printable ASCII are written as `\u{…}`,
 *    which keeps the source printable inside a regex literal or a string.
 *
 * Error offsets are UTF-16 indexes into the pattern.
 */

export type XsdPatternResult = { ok: true; source: string } | { ok: false; message: string; offset: number };

export function translateXsdPattern(pattern: string): XsdPatternResult {
  try {
    const body = new Translator(pattern).translate();
    const source = `^(?:${body})$`;
    try {
      new RegExp(source, 'u');
    } catch (error: unknown) {
      return { ok: false, message: `internal error: the translation is not a valid JavaScript regular expression (${String(error)})`, offset: 0 };
    }
    return { ok: true, source };
  } catch (error: unknown) {
    if (error instanceof PatternError) return { ok: false, message: error.message, offset: error.offset };
    throw error;
  }
}

class PatternError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

type Range = readonly [number, number];

/**
 * A set of code points as JavaScript class items: `items` are united (`[items]`), and so is the
 * complement of each entry of `negs` (`[^neg]`) — needed for `\w`, which is a complement of
 * property escapes and cannot be written as positive class items.
 */
interface CharSet {
  items: string[];
  negs: string[][];
}

/** One code point matcher, either still a CharSet (can be merged into a class) or finished source. */
type Matcher = { k: 'set'; set: CharSet } | { k: 'src'; src: string };

const MAX_CODE_POINT = 0x10ffff;

// XML 1.0 (fifth edition) NameStartChar and NameChar.
const NAME_START: readonly Range[] = [
  [0x3a, 0x3a], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x2ff],
  [0x370, 0x37d], [0x37f, 0x1fff], [0x200c, 0x200d], [0x2070, 0x218f], [0x2c00, 0x2fef], [0x3001, 0xd7ff],
  [0xf900, 0xfdcf], [0xfdf0, 0xfffd], [0x10000, 0xeffff],
];
const NAME_CHAR: readonly Range[] = normalize([
  ...NAME_START, [0x2d, 0x2e], [0x30, 0x39], [0xb7, 0xb7], [0x300, 0x36f], [0x203f, 0x2040],
]);
const SPACE_RANGES: readonly Range[] = [[0x9, 0xa], [0xd, 0xd], [0x20, 0x20]];
const DOT_COMPLEMENT: readonly Range[] = [[0xa, 0xa], [0xd, 0xd]];

/** Unicode general categories XSD 1.0 allows in `\p{…}` (JavaScript knows the same names). */
const CATEGORIES: ReadonlySet<string> = new Set([
  'L', 'Lu', 'Ll', 'Lt', 'Lm', 'Lo', 'M', 'Mn', 'Mc', 'Me', 'N', 'Nd', 'Nl', 'No', 'P', 'Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po',
  'Z', 'Zs', 'Zl', 'Zp', 'S', 'Sm', 'Sc', 'Sk', 'So', 'C', 'Cc', 'Cf', 'Co', 'Cn',
]);

/** The block names of XSD 1.0 (Unicode 3.1 Blocks.txt, spaces removed) and their ranges. */
const BLOCKS: ReadonlyMap<string, readonly Range[]> = new Map<string, readonly Range[]>([
  ['BasicLatin', [[0x0000, 0x007f]]],
  ['Latin-1Supplement', [[0x0080, 0x00ff]]],
  ['LatinExtended-A', [[0x0100, 0x017f]]],
  ['LatinExtended-B', [[0x0180, 0x024f]]],
  ['IPAExtensions', [[0x0250, 0x02af]]],
  ['SpacingModifierLetters', [[0x02b0, 0x02ff]]],
  ['CombiningDiacriticalMarks', [[0x0300, 0x036f]]],
  ['Greek', [[0x0370, 0x03ff]]],
  ['Cyrillic', [[0x0400, 0x04ff]]],
  ['Armenian', [[0x0530, 0x058f]]],
  ['Hebrew', [[0x0590, 0x05ff]]],
  ['Arabic', [[0x0600, 0x06ff]]],
  ['Syriac', [[0x0700, 0x074f]]],
  ['Thaana', [[0x0780, 0x07bf]]],
  ['Devanagari', [[0x0900, 0x097f]]],
  ['Bengali', [[0x0980, 0x09ff]]],
  ['Gurmukhi', [[0x0a00, 0x0a7f]]],
  ['Gujarati', [[0x0a80, 0x0aff]]],
  ['Oriya', [[0x0b00, 0x0b7f]]],
  ['Tamil', [[0x0b80, 0x0bff]]],
  ['Telugu', [[0x0c00, 0x0c7f]]],
  ['Kannada', [[0x0c80, 0x0cff]]],
  ['Malayalam', [[0x0d00, 0x0d7f]]],
  ['Sinhala', [[0x0d80, 0x0dff]]],
  ['Thai', [[0x0e00, 0x0e7f]]],
  ['Lao', [[0x0e80, 0x0eff]]],
  ['Tibetan', [[0x0f00, 0x0fff]]],
  ['Myanmar', [[0x1000, 0x109f]]],
  ['Georgian', [[0x10a0, 0x10ff]]],
  ['HangulJamo', [[0x1100, 0x11ff]]],
  ['Ethiopic', [[0x1200, 0x137f]]],
  ['Cherokee', [[0x13a0, 0x13ff]]],
  ['UnifiedCanadianAboriginalSyllabics', [[0x1400, 0x167f]]],
  ['Ogham', [[0x1680, 0x169f]]],
  ['Runic', [[0x16a0, 0x16ff]]],
  ['Khmer', [[0x1780, 0x17ff]]],
  ['Mongolian', [[0x1800, 0x18af]]],
  ['LatinExtendedAdditional', [[0x1e00, 0x1eff]]],
  ['GreekExtended', [[0x1f00, 0x1fff]]],
  ['GeneralPunctuation', [[0x2000, 0x206f]]],
  ['SuperscriptsandSubscripts', [[0x2070, 0x209f]]],
  ['CurrencySymbols', [[0x20a0, 0x20cf]]],
  ['CombiningMarksforSymbols', [[0x20d0, 0x20ff]]],
  ['LetterlikeSymbols', [[0x2100, 0x214f]]],
  ['NumberForms', [[0x2150, 0x218f]]],
  ['Arrows', [[0x2190, 0x21ff]]],
  ['MathematicalOperators', [[0x2200, 0x22ff]]],
  ['MiscellaneousTechnical', [[0x2300, 0x23ff]]],
  ['ControlPictures', [[0x2400, 0x243f]]],
  ['OpticalCharacterRecognition', [[0x2440, 0x245f]]],
  ['EnclosedAlphanumerics', [[0x2460, 0x24ff]]],
  ['BoxDrawing', [[0x2500, 0x257f]]],
  ['BlockElements', [[0x2580, 0x259f]]],
  ['GeometricShapes', [[0x25a0, 0x25ff]]],
  ['MiscellaneousSymbols', [[0x2600, 0x26ff]]],
  ['Dingbats', [[0x2700, 0x27bf]]],
  ['BraillePatterns', [[0x2800, 0x28ff]]],
  ['CJKRadicalsSupplement', [[0x2e80, 0x2eff]]],
  ['KangxiRadicals', [[0x2f00, 0x2fdf]]],
  ['IdeographicDescriptionCharacters', [[0x2ff0, 0x2fff]]],
  ['CJKSymbolsandPunctuation', [[0x3000, 0x303f]]],
  ['Hiragana', [[0x3040, 0x309f]]],
  ['Katakana', [[0x30a0, 0x30ff]]],
  ['Bopomofo', [[0x3100, 0x312f]]],
  ['HangulCompatibilityJamo', [[0x3130, 0x318f]]],
  ['Kanbun', [[0x3190, 0x319f]]],
  ['BopomofoExtended', [[0x31a0, 0x31bf]]],
  ['EnclosedCJKLettersandMonths', [[0x3200, 0x32ff]]],
  ['CJKCompatibility', [[0x3300, 0x33ff]]],
  ['CJKUnifiedIdeographsExtensionA', [[0x3400, 0x4db5]]],
  ['CJKUnifiedIdeographs', [[0x4e00, 0x9fff]]],
  ['YiSyllables', [[0xa000, 0xa48f]]],
  ['YiRadicals', [[0xa490, 0xa4cf]]],
  ['HangulSyllables', [[0xac00, 0xd7a3]]],
  ['HighSurrogates', [[0xd800, 0xdb7f]]],
  ['HighPrivateUseSurrogates', [[0xdb80, 0xdbff]]],
  ['LowSurrogates', [[0xdc00, 0xdfff]]],
  ['PrivateUse', [[0xe000, 0xf8ff], [0xf0000, 0xffffd], [0x100000, 0x10fffd]]],
  ['CJKCompatibilityIdeographs', [[0xf900, 0xfaff]]],
  ['AlphabeticPresentationForms', [[0xfb00, 0xfb4f]]],
  ['ArabicPresentationForms-A', [[0xfb50, 0xfdff]]],
  ['CombiningHalfMarks', [[0xfe20, 0xfe2f]]],
  ['CJKCompatibilityForms', [[0xfe30, 0xfe4f]]],
  ['SmallFormVariants', [[0xfe50, 0xfe6f]]],
  ['ArabicPresentationForms-B', [[0xfe70, 0xfefe]]],
  ['Specials', [[0xfeff, 0xfeff], [0xfff0, 0xfffd]]],
  ['HalfwidthandFullwidthForms', [[0xff00, 0xffef]]],
  ['OldItalic', [[0x10300, 0x1032f]]],
  ['Gothic', [[0x10330, 0x1034f]]],
  ['Deseret', [[0x10400, 0x1044f]]],
  ['ByzantineMusicalSymbols', [[0x1d000, 0x1d0ff]]],
  ['MusicalSymbols', [[0x1d100, 0x1d1ff]]],
  ['MathematicalAlphanumericSymbols', [[0x1d400, 0x1d7ff]]],
  ['CJKUnifiedIdeographsExtensionB', [[0x20000, 0x2a6d6]]],
  ['CJKCompatibilityIdeographsSupplement', [[0x2f800, 0x2fa1f]]],
  ['Tags', [[0xe0000, 0xe007f]]],
]);

/** Sorts and merges ranges. */
function normalize(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function complement(ranges: readonly Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** Syntax characters of JavaScript regular expressions, plus '/', which are escaped outside classes. */
const SYNTAX_OUTSIDE = new Set('^$\\.*+?()[]{}|/');
/** Characters escaped inside a class ('-' and '^' can be special there; '/' for regex literals). */
const SYNTAX_INSIDE = new Set('\\]^-[/');

function codePointSource(cp: number, special: ReadonlySet<string>): string {
  if (cp === 0x0a) return '\\n';
  if (cp === 0x0d) return '\\r';
  if (cp === 0x09) return '\\t';
  if (cp < 0x20 || cp > 0x7e) return `\\u{${cp.toString(16).toUpperCase()}}`;
  const ch = String.fromCharCode(cp);
  return special.has(ch) ? `\\${ch}` : ch;
}

function literalSource(cp: number): string {
  return codePointSource(cp, SYNTAX_OUTSIDE);
}

function classCharSource(cp: number): string {
  return codePointSource(cp, SYNTAX_INSIDE);
}

function rangeItems(ranges: readonly Range[]): string[] {
  return ranges.map(([lo, hi]) => (lo === hi ? classCharSource(lo) : `${classCharSource(lo)}-${classCharSource(hi)}`));
}

function positiveSet(items: string[]): CharSet {
  return { items, negs: [] };
}

function emptySet(): CharSet {
  return { items: [], negs: [] };
}

function addTo(target: CharSet, s: CharSet): void {
  target.items.push(...s.items);
  target.negs.push(...s.negs);
}

/** Source matching exactly one code point in the set (or, with `negate`, one not in it). */
function setSource(s: CharSet, negate: boolean): string {
  const items = s.items.join('');
  if (!negate) {
    const parts: string[] = [];
    if (s.items.length > 0 || s.negs.length === 0) parts.push(`[${items}]`);
    for (const n of s.negs) parts.push(`[^${n.join('')}]`);
    const only = s.items[0];
    if (s.items.length === 1 && s.negs.length === 0 && only !== undefined && /^\\[pP]\{\w+\}$/.test(only)) return only;
    return parts.length === 1 ? (parts[0] ?? '[]') : `(?:${parts.join('|')})`;
  }
  const [firstNeg, ...restNegs] = s.negs;
  if (firstNeg === undefined) return `[^${items}]`;
  // not (I or not N1 or not N2 ...) = not I and N1 and N2 ...
  const guards = (s.items.length > 0 ? `(?![${items}])` : '') + restNegs.map((n) => `(?![^${n.join('')}])`).join('');
  const last = `[${firstNeg.join('')}]`;
  return guards === '' ? last : `(?:${guards}${last})`;
}

function matcherSource(m: Matcher): string {
  return m.k === 'src' ? m.src : setSource(m.set, false);
}

const SINGLE_ESCAPES: ReadonlyMap<string, number> = new Map([
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
  ['\\', 0x5c],
  ['|', 0x7c],
  ['.', 0x2e],
  ['?', 0x3f],
  ['*', 0x2a],
  ['+', 0x2b],
  ['(', 0x28],
  [')', 0x29],
  ['{', 0x7b],
  ['}', 0x7d],
  ['-', 0x2d],
  ['[', 0x5b],
  [']', 0x5d],
  ['^', 0x5e],
]);

const W_COMPLEMENT = ['\\p{P}', '\\p{Z}', '\\p{C}'];

/** The multi-character escapes `\s \S \i \I \c \C \d \D \w \W` as sets. */
function multiEscape(letter: string): CharSet | undefined {
  switch (letter) {
    case 's':
      return positiveSet(rangeItems(SPACE_RANGES));
    case 'S':
      return positiveSet(rangeItems(complement(SPACE_RANGES)));
    case 'i':
      return positiveSet(rangeItems(NAME_START));
    case 'I':
      return positiveSet(rangeItems(complement(NAME_START)));
    case 'c':
      return positiveSet(rangeItems(NAME_CHAR));
    case 'C':
      return positiveSet(rangeItems(complement(NAME_CHAR)));
    case 'd':
      return positiveSet(['\\p{Nd}']);
    case 'D':
      return positiveSet(['\\P{Nd}']);
    case 'w':
      return { items: [], negs: [[...W_COMPLEMENT]] };
    case 'W':
      return positiveSet([...W_COMPLEMENT]);
    default:
      return undefined;
  }
}

class Translator {
  private i = 0;
  private readonly p: string;

  constructor(pattern: string) {
    this.p = pattern;
  }

  translate(): string {
    const body = this.regExp();
    if (this.i < this.p.length) throw new PatternError("unmatched ')'", this.i);
    return body;
  }

  private fail(message: string, offset = this.i): never {
    throw new PatternError(message, offset);
  }

  private peek(ahead = 0): string | undefined {
    return this.p[this.i + ahead];
  }

  /** The code point at the cursor (undefined at the end), without consuming it. */
  private codePoint(): number | undefined {
    return this.p.codePointAt(this.i);
  }

  private advance(cp: number): void {
    this.i += cp > 0xffff ? 2 : 1;
  }

  private regExp(): string {
    const branches = [this.branch()];
    while (this.peek() === '|') {
      this.i++;
      branches.push(this.branch());
    }
    return branches.join('|');
  }

  private branch(): string {
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') return out;
      out += this.piece();
    }
  }

  private piece(): string {
    const atom = this.atom();
    return atom + this.quantifier();
  }

  private quantifier(): string {
    const c = this.peek();
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      return c;
    }
    if (c !== '{') return '';
    const start = this.i;
    this.i++;
    const min = this.number(start);
    if (this.peek() === '}') {
      this.i++;
      return `{${min}}`;
    }
    if (this.peek() !== ',') this.fail("expected ',' or '}' in a quantifier", this.i);
    this.i++;
    if (this.peek() === '}') {
      this.i++;
      return `{${min},}`;
    }
    const max = this.number(start);
    if (this.peek() !== '}') this.fail("expected '}' to close the quantifier", this.i);
    this.i++;
    if (BigInt(min) > BigInt(max)) this.fail(`quantifier {${min},${max}}: the minimum is greater than the maximum`, start);
    return `{${min},${max}}`;
  }

  private number(quantifierStart: number): string {
    const start = this.i;
    while (/[0-9]/.test(this.peek() ?? '')) this.i++;
    if (this.i === start) this.fail('expected a number in the quantifier', this.i === this.p.length ? quantifierStart : this.i);
    return String(BigInt(this.p.slice(start, this.i)));
  }

  private atom(): string {
    const start = this.i;
    const cp = this.codePoint();
    if (cp === undefined) this.fail('unexpected end of pattern');
    switch (cp) {
      case 0x28 /* ( */: {
        if (this.peek(1) === '?') this.fail("'(?' is not XSD syntax (XSD groups cannot be named, non-capturing or lookarounds)");
        this.i++;
        const inner = this.regExp();
        if (this.peek() !== ')') this.fail("unclosed '('", start);
        this.i++;
        return `(?:${inner})`;
      }
      case 0x5b /* [ */:
        return matcherSource(this.charClassExpr());
      case 0x5c /* \ */: {
        const m = this.escape(false);
        return m.k === 'src' ? m.src : setSource(m.set, false);
      }
      case 0x2e /* . */:
        this.i++;
        return setSource(positiveSet(rangeItems(DOT_COMPLEMENT)), true);
      case 0x3f /* ? */:
      case 0x2a /* * */:
      case 0x2b /* + */:
        return this.fail(`quantifier '${String.fromCodePoint(cp)}' has nothing to repeat`);
      case 0x7b /* { */:
        return this.fail("'{' has nothing to repeat (write '\\{' for the character)");
      case 0x7d /* } */:
        return this.fail("unescaped '}' (write '\\}')");
      case 0x5d /* ] */:
        return this.fail("unescaped ']' (write '\\]')");
      case 0x29 /* ) */:
        return this.fail("unmatched ')'");
      default:
        this.advance(cp);
        return literalSource(cp);
    }
  }

  /**
   * An escape at the cursor. Returns a single code point as source (`src`, or `cp` when a class
   * range may use it) or a set.
   */
  private escape(inClass: boolean): Matcher & { cp?: number } {
    const start = this.i;
    this.i++;
    const c = this.peek();
    if (c === undefined) this.fail("'\\' at the end of the pattern", start);
    const single = SINGLE_ESCAPES.get(c);
    if (single !== undefined) {
      this.i++;
      return { k: 'src', src: inClass ? classCharSource(single) : literalSource(single), cp: single };
    }
    const multi = multiEscape(c);
    if (multi !== undefined) {
      this.i++;
      return { k: 'set', set: multi };
    }
    if (c === 'p' || c === 'P') {
      this.i++;
      return { k: 'set', set: this.property(c === 'P', start) };
    }
    return this.fail(`unknown escape '\\${String.fromCodePoint(this.p.codePointAt(this.i) ?? 0)}'`, start);
  }

  /** `\p{…}` / `\P{…}` after the letter: a category or an `Is` block. */
  private property(negated: boolean, start: number): CharSet {
    if (this.peek() !== '{') this.fail(`expected '{' after '\\${negated ? 'P' : 'p'}'`, start);
    const close = this.p.indexOf('}', this.i);
    if (close < 0) this.fail("unclosed '\\p{'", start);
    const name = this.p.slice(this.i + 1, close);
    this.i = close + 1;
    if (name.startsWith('Is')) {
      const ranges = BLOCKS.get(name.slice(2));
      if (ranges === undefined) this.fail(`unknown Unicode block '${name.slice(2)}' in '\\${negated ? 'P' : 'p'}{${name}}'`, start);
      return positiveSet(rangeItems(negated ? complement(ranges) : ranges));
    }
    if (!CATEGORIES.has(name)) this.fail(`unknown Unicode category '${name}' (XSD allows L, Lu, Ll, Lt, Lm, Lo, M…, N…, P…, Z…, S…, C… and Is<Block>)`, start);
    return positiveSet([`\\${negated ? 'P' : 'p'}{${name}}`]);
  }

  /** `[` charGroup `]` at the cursor. */
  private charClassExpr(): Matcher {
    const start = this.i;
    this.i++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const set = emptySet();
    let count = 0;
    for (;;) {
      const cp = this.codePoint();
      if (cp === undefined) this.fail("unclosed '['", start);
      if (cp === 0x5d /* ] */) {
        if (count === 0) this.fail('empty character class', start);
        this.i++;
        return negated ? { k: 'src', src: setSource(set, true) } : { k: 'set', set };
      }
      if (cp === 0x2d /* - */ && this.peek(1) === '[') {
        if (count === 0) this.fail('character class subtraction needs something to subtract from', this.i);
        this.i++;
        const subtrahend = matcherSource(this.charClassExpr());
        if (this.peek() !== ']') this.fail("a subtraction must be the last part of a character class: expected ']'", this.i);
        this.i++;
        return { k: 'src', src: `(?:(?!${subtrahend})${setSource(set, negated)})` };
      }
      if (cp === 0x5b /* [ */) this.fail("unescaped '[' in a character class (write '\\[')");
      count++;
      let from: number;
      const itemStart = this.i;
      if (cp === 0x5c /* \ */) {
        const e = this.escape(true);
        if (e.k === 'set') {
          addTo(set, e.set);
          continue;
        }
        from = e.cp ?? 0;
      } else {
        this.advance(cp);
        from = cp;
      }
      // A range 'x-y'; a '-' before ']' or '[' (or not followed by a character) is literal.
      const next = this.peek(1);
      if (this.peek() === '-' && next !== undefined && next !== ']' && next !== '[' && next !== '-') {
        this.i++;
        const to = this.rangeEnd(itemStart);
        if (to < from) this.fail(`invalid range: '${String.fromCodePoint(to)}' comes before '${String.fromCodePoint(from)}'`, itemStart);
        set.items.push(from === to ? classCharSource(from) : `${classCharSource(from)}-${classCharSource(to)}`);
      } else {
        set.items.push(classCharSource(from));
      }
    }
  }

  private rangeEnd(rangeStart: number): number {
    const cp = this.codePoint();
    if (cp === undefined) this.fail("unclosed '['", rangeStart);
    if (cp === 0x5c /* \ */) {
      const escStart = this.i;
      const e = this.escape(true);
      if (e.k === 'set' || e.cp === undefined) this.fail('a range cannot end with a multi-character escape', escStart);
      return e.cp;
    }
    this.advance(cp);
    return cp;
  }
}
