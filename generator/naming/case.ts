/**
 * PascalCase (type names) and camelCase (property, const and function names) built on {@link splitWords}.
 * Casing never escapes reserved words; that is `reserved.ts`'s job (and {@link NameScope}'s).
 */

import { splitWords } from './words.js';

const HAS_LETTER = /\p{L}/u;
const HAS_LOWER = /\p{Ll}/u;
const HAS_UPPER = /[\p{Lu}\p{Lt}]/u;
const STARTS_WITH_DIGIT = /^\p{Nd}/u;

/** Upper-cases the first code point and keeps the rest (`fa` -> `Fa`, `ID` -> `ID`). */
function capitalize(word: string): string {
  const first = String.fromCodePoint(word.codePointAt(0)!);
  return first.toUpperCase() + word.slice(first.length);
}

/**
 * A name written in SCREAMING_CASE (letters all upper case, at least two words with letters) uses its
 * capitals for emphasis, not for acronyms: its words are cased like ordinary words (`MAX_FILES` -> `MaxFiles`).
 */
function isScreaming(name: string, words: readonly string[]): boolean {
  return HAS_UPPER.test(name) && !HAS_LOWER.test(name) && words.filter((w) => HAS_LETTER.test(w)).length >= 2;
}

/** Turns joined words into a usable identifier: `_` for nothing, a `_` prefix before a leading digit. */
function finish(joined: string): string {
  if (joined === '') return '_';
  return STARTS_WITH_DIGIT.test(joined) ? `_${joined}` : joined;
}

/**
 * PascalCase for type names. Each word gets an upper-case first letter; the rest of the word keeps its case,
 * so acronyms keep their capitals (`USAddress` -> `USAddress`, `BackupID` -> `BackupID`), while a name in
 * SCREAMING_CASE with two or more words is cased like ordinary words (`MAX_FILES` -> `MaxFiles`).
 * A result starting with a digit gets a `_` prefix; a name without letters or digits becomes `_`.
 * Reserved names are not escaped here (`array` -> `Array`; see `escapeIdentifier`).
 *
 * @example
 * pascalCase('backup-webspace') // 'BackupWebspace'
 * pascalCase('us-address')      // 'UsAddress'
 * pascalCase('USAddress')       // 'USAddress'
 * pascalCase('IPv6Address')     // 'IPV6Address'
 * pascalCase('2fa')             // '_2Fa'
 * pascalCase('größe')           // 'Größe'
 * pascalCase('-')               // '_'
 */
export function pascalCase(name: string): string {
  const words = splitWords(name);
  const screaming = isScreaming(name, words);
  return finish(words.map((word) => capitalize(screaming ? word.toLowerCase() : word)).join(''));
}

/**
 * camelCase for property, const and function names. The first word that has letters is lower-cased entirely
 * (a leading acronym too: `USAddress` -> `usAddress`, `ID` -> `id`); every later word is cased like an
 * ordinary word, acronyms included (`BackupID` -> `backupId`, `XMLHttpRequest` -> `xmlHttpRequest`).
 * Leading digit words do not count as the first word (`2fa` -> `_2fa`, not `_2Fa`).
 * A result starting with a digit gets a `_` prefix; a name without letters or digits becomes `_`.
 * Keywords are not escaped here: they are legal property names (`class` -> `class`).
 *
 * @example
 * camelCase('split-size')      // 'splitSize'
 * camelCase('HasRun')          // 'hasRun'
 * camelCase('USAddress')       // 'usAddress'
 * camelCase('BackupID')        // 'backupId'
 * camelCase('webspace_id')     // 'webspaceId'
 * camelCase('2fa')             // '_2fa'
 * camelCase('__proto__')       // 'proto'
 */
export function camelCase(name: string): string {
  const words = splitWords(name);
  const first = words.findIndex((word) => HAS_LETTER.test(word));
  const cased = words.map((word, index) => {
    if (index < first || first === -1) return word; // leading digits
    const lower = word.toLowerCase();
    return index === first ? lower : capitalize(lower);
  });
  return finish(cased.join(''));
}
