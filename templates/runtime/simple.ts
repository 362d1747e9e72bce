/**
 * The value layer of XSD simple types: raw text <-> JavaScript value, with whiteSpace normalization,
 * lexical checks and facet checks.
 *
 * Value mapping (the public contract of the SDK):
 *  - string-like types, the date/time types and `decimal` (its canonical string, so it stays exact) -> string
 *  - boolean -> boolean
 *  - integer, nonPositiveInteger, negativeInteger, long, nonNegativeInteger, positiveInteger, unsignedLong -> bigint
 *  - int, short, byte, unsignedInt, unsignedShort, unsignedByte, float, double -> number
 *  - hexBinary, base64Binary -> Uint8Array
 *  - lists (IDREFS, ENTITIES, NMTOKENS, `item` lists) -> array of item values
 *  - unions -> the value of the first member type that accepts the text
 *
 * Use `compileSimple(t)` once per type and keep the result (the caller caches; this module keeps no
 * state); `parseSimple` / `formatSimple` compile on every call and are for one-off use.
 * Runs anywhere: no Node APIs, no dependencies.
 */
import type { IssueCode } from './errors.js';
import type { BuiltinName, FacetsDesc, SimpleTypeDesc, WhiteSpace } from './schema.js';

/** A value that does not fit its type. Returned, never thrown: the caller adds the path. */
export class Problem {
  readonly code: IssueCode;
  readonly message: string;
  constructor(code: IssueCode, message: string) {
    this.code = code;
    this.message = message;
  }
}

/** The JavaScript representation of a built-in type's values. */
export type JsKind = 'string' | 'boolean' | 'number' | 'bigint' | 'bytes' | 'list';

/** A simple type specialised into two closures. `parse` returns the value or a `Problem`. */
export interface CompiledSimple {
  readonly type: SimpleTypeDesc;
  readonly js: JsKind | 'union';
  /** Raw text as it appeared in the document (entity-decoded) -> value, or a `Problem`. */
  parse(raw: string): unknown;
  /** Value -> canonical lexical text (not XML-escaped), or a `Problem`. */
  format(value: unknown): string | Problem;
}

export function parseSimple(t: SimpleTypeDesc, raw: string): unknown {
  return compileSimple(t).parse(raw);
}

export function formatSimple(t: SimpleTypeDesc, value: unknown): string | Problem {
  return compileSimple(t).format(value);
}

export function jsTypeOf(t: SimpleTypeDesc): JsKind | 'union' {
  if (t.variety === 'union') return 'union';
  if (t.variety === 'list') return 'list';
  return jsTypeOfBuiltin(t.builtin);
}

/**
 * Can a value of this type be an array? List types (`variety` 'list', and the built-in lists
 * xs:NMTOKENS, xs:IDREFS, xs:ENTITIES and their restrictions, which have variety 'atomic'), and
 * unions with such a member.
 */
export function hasListValues(t: SimpleTypeDesc): boolean {
  if (t.variety === 'union') return (t.members ?? []).some((m) => hasListValues(m()));
  return jsTypeOf(t) === 'list';
}

export function jsTypeOfBuiltin(b: BuiltinName): JsKind {
  return LIST_ITEM[b] !== undefined ? 'list' : INFO[b].js;
}

// ---------------------------------------------------------------------------------------------
// Whitespace

function isXmlSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** XSD whiteSpace normalization: replace turns tab/LF/CR into spaces; collapse also trims and squeezes runs. */
export function applyWhiteSpace(ws: WhiteSpace, raw: string): string {
  if (ws === 'preserve') return raw;
  const n = raw.length;
  if (ws === 'replace') {
    for (let i = 0; i < n; i++) {
      const c = raw.charCodeAt(i);
      if (c === 9 || c === 10 || c === 13) return raw.replace(/[\t\n\r]/g, ' ');
    }
    return raw;
  }
  if (n === 0) return raw;
  if (raw.charCodeAt(0) === 32 || raw.charCodeAt(n - 1) === 32) return collapseSlow(raw);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c === 32 && prev === 32)) return collapseSlow(raw);
    prev = c;
  }
  return raw;
}

function collapseSlow(raw: string): string {
  const n = raw.length;
  let out = '';
  let i = 0;
  while (i < n) {
    while (i < n && isXmlSpace(raw.charCodeAt(i))) i++;
    const start = i;
    while (i < n && !isXmlSpace(raw.charCodeAt(i))) i++;
    if (i > start) out = out === '' ? raw.slice(start, i) : `${out} ${raw.slice(start, i)}`;
  }
  return out;
}

/** Collapse for types whose lexical space has no whitespace at all: inner whitespace fails the lexical check anyway. */
function trimXml(s: string): string {
  const n = s.length;
  if (n === 0 || (s.charCodeAt(0) > 32 && s.charCodeAt(n - 1) > 32)) return s;
  let a = 0;
  let b = n;
  while (a < b && isXmlSpace(s.charCodeAt(a))) a++;
  while (b > a && isXmlSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === n ? s : s.slice(a, b);
}

const identity = (s: string): string => s;

function normalizer(ws: WhiteSpace, tight: boolean): (s: string) => string {
  if (ws === 'preserve') return identity;
  if (ws === 'collapse' && tight) return trimXml;
  return (s) => applyWhiteSpace(ws, s);
}

// ---------------------------------------------------------------------------------------------
// Messages

function q(s: string): string {
  if (s.length > 64) {
    const c = s.charCodeAt(63);
    s = `${s.slice(0, c >= 0xd800 && c <= 0xdbff ? 63 : 64)}…`;
  }
  return `'${s}'`;
}

function labelOf(t: SimpleTypeDesc): string {
  return t.name || t.builtin;
}

function invalid(text: string, label: string): Problem {
  return new Problem('invalid-value', `${q(text)} is not a valid value of type '${label}'`);
}

function describe(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return `string ${q(v)}`;
    case 'number':
    case 'boolean':
      return `${typeof v} ${String(v)}`;
    case 'bigint':
      return `bigint ${String(v)}n`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      if (v === null) return 'null';
      if (Array.isArray(v)) return `an array of length ${v.length}`;
      if (v instanceof Date) return 'a Date';
      if (v instanceof Uint8Array) return 'a Uint8Array';
      return 'an object';
  }
}

const ARTICLE: Readonly<Record<JsKind, string>> = {
  string: 'a string',
  boolean: 'a boolean',
  number: 'a number',
  bigint: 'a bigint',
  bytes: 'a Uint8Array',
  list: 'an array',
};

function hintFor(expected: readonly JsKind[], family: Family | undefined, v: unknown): string {
  if (expected.includes('bigint') && typeof v === 'number' && Number.isInteger(v)) return ` (write ${String(v)}n)`;
  if (expected.includes('number') && typeof v === 'bigint') return ` (write ${String(v)})`;
  if (expected.includes('string') && family === 'decimal' && (typeof v === 'number' || typeof v === 'bigint')) {
    return ` (decimals are strings to stay exact: write '${String(v)}')`;
  }
  if (expected.includes('string') && v instanceof Date) return ' (write an ISO 8601 string, e.g. date.toISOString())';
  if (expected.includes('boolean') && (v === 'true' || v === 'false')) return ` (write ${v})`;
  return '';
}

function wrongType(expected: readonly JsKind[], family: Family | undefined, v: unknown): Problem {
  const what = [...new Set(expected)].map((k) => ARTICLE[k]).join(' or ');
  return new Problem('wrong-type', `expected ${what}, got ${describe(v)}${hintFor(expected, family, v)}`);
}

/** Whether `s` only holds characters XML 1.0 can carry (no NUL, C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
function isXmlText(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c < 0x20) {
      if (c === 9 || c === 10 || c === 13) continue;
      return false;
    }
    if (c <= 0xdbff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return false;
      i++;
      continue;
    }
    if (c <= 0xdfff || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Lexical checks of the built-ins

type Family = 'string' | 'boolean' | 'decimal' | 'bigint' | 'int' | 'float' | 'temporal' | 'duration' | 'hex' | 'base64';

type TemporalFormat = 'dateTime' | 'time' | 'date' | 'gYearMonth' | 'gYear' | 'gMonthDay' | 'gDay' | 'gMonth';

interface Atomic {
  readonly js: JsKind;
  readonly family: Family;
  /** The lexical space holds no whitespace, so collapsing is trimming. */
  readonly tight: boolean;
  /** Normalized text -> value; `undefined` when the text is not in the lexical space (or out of range). */
  readonly lex: (s: string) => unknown;
  /** Range of the integer types (bigint for the bigint family, number for the int family). */
  readonly lo: bigint | number | undefined;
  readonly hi: bigint | number | undefined;
  readonly temporal: TemporalFormat | undefined;
}

function atomic(js: JsKind, family: Family, tight: boolean, lex: (s: string) => unknown, extra: Partial<Pick<Atomic, 'lo' | 'hi' | 'temporal'>> = {}): Atomic {
  return Object.freeze({ js, family, tight, lex, lo: extra.lo, hi: extra.hi, temporal: extra.temporal });
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function lexBoolean(s: string): boolean | undefined {
  switch (s) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
    default:
      return undefined;
  }
}

/** Where the digits of an optionally signed decimal integer start: 1 after `+` or `-`, else 0. */
function digitsStart(s: string): number {
  const first = s.charCodeAt(0);
  return first === 45 || first === 43 ? 1 : 0;
}

/** The value of the decimal digits of `s` from `start` (exact up to 15 digits); -1 when there are none or a non-digit occurs. */
function digitsValue(s: string, start: number): number {
  const n = s.length;
  if (start >= n) return -1;
  let v = 0;
  for (let i = start; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function lexBigInt(s: string, lo: bigint | undefined, hi: bigint | undefined): bigint | undefined {
  const start = digitsStart(s);
  const v = digitsValue(s, start);
  if (v < 0) return undefined;
  const neg = start === 1 && s.charCodeAt(0) === 45;
  const r = s.length - start <= 15 ? BigInt(neg ? -v : v) : BigInt(s);
  if ((lo !== undefined && r < lo) || (hi !== undefined && r > hi)) return undefined;
  return r;
}

function lexSmallInt(s: string, lo: number, hi: number): number | undefined {
  const start = digitsStart(s);
  let v = digitsValue(s, start);
  if (v < 0) return undefined;
  if (start === 1 && s.charCodeAt(0) === 45 && v !== 0) v = -v;
  return v < lo || v > hi ? undefined : v;
}

/** Decimal lexical form -> canonical string: no '+', no leading or trailing zeros, no '.' for integers, '0' for zero. */
function lexDecimal(s: string): string | undefined {
  const n = s.length;
  const first = n > 0 ? s.charCodeAt(0) : 0;
  const neg = first === 45;
  let i = neg || first === 43 ? 1 : 0;
  const intStart = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i;
  let point = false;
  if (i < n && s.charCodeAt(i) === 46) {
    point = true;
    fracStart = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  const fracEnd = i;
  if (i !== n || (intEnd === intStart && fracEnd === fracStart)) return undefined;
  let a = intStart;
  while (a < intEnd && s.charCodeAt(a) === 48) a++;
  let b = fracEnd;
  while (b > fracStart && s.charCodeAt(b - 1) === 48) b--;
  if (a === intEnd && b === fracStart) return '0';
  const intOk = a === intEnd ? intEnd - intStart === 1 : a === intStart;
  const fracOk = b === fracStart ? !point : b === fracEnd;
  if (first !== 43 && intOk && fracOk) return s;
  return `${neg ? '-' : ''}${a === intEnd ? '0' : s.slice(a, intEnd)}${b > fracStart ? `.${s.slice(fracStart, b)}` : ''}`;
}

const FLOAT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function lexDouble(s: string): number | undefined {
  if (FLOAT_RE.test(s)) return Number(s);
  if (s === 'INF') return Infinity;
  if (s === '-INF') return -Infinity;
  if (s === 'NaN') return NaN;
  return undefined;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

function lexHex(s: string): Uint8Array | undefined {
  const n = s.length;
  if ((n & 1) !== 0) return undefined;
  const out = new Uint8Array(n >> 1);
  for (let i = 0; i < n; i += 2) {
    const h = hexValue(s.charCodeAt(i));
    const l = hexValue(s.charCodeAt(i + 1));
    if (h < 0 || l < 0) return undefined;
    out[i >> 1] = (h << 4) | l;
  }
  return out;
}

function b64Value(c: number): number {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43) return 62;
  if (c === 47) return 63;
  return -1;
}

/**
 * base64Binary per XSD 1.0: groups of four, single spaces allowed between characters (after collapse),
 * '=' only as final padding, and the last data character before padding must leave no stray bits.
 */
function lexBase64(s: string): Uint8Array | undefined {
  const n = s.length;
  let count = 0;
  let pad = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) continue;
    count++;
    if (c === 61) {
      pad++;
      continue;
    }
    if (pad > 0) return undefined;
    last = b64Value(c);
    if (last < 0) return undefined;
  }
  if (count % 4 !== 0 || pad > 2) return undefined;
  if (pad === 1 && (last & 3) !== 0) return undefined;
  if (pad === 2 && (last & 15) !== 0) return undefined;
  const out = new Uint8Array((count / 4) * 3 - pad);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 61) continue;
    acc = ((acc << 6) | b64Value(c)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

const HEX_DIGITS = '0123456789ABCDEF';
const B64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function formatHex(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i++) {
    const x = b[i] ?? 0;
    out += HEX_DIGITS.charAt(x >> 4) + HEX_DIGITS.charAt(x & 15);
  }
  return out;
}

function formatBase64(b: Uint8Array): string {
  let out = '';
  const n = b.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const x = ((b[i] ?? 0) << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64_DIGITS.charAt(x >> 18) + B64_DIGITS.charAt((x >> 12) & 63) + B64_DIGITS.charAt((x >> 6) & 63) + B64_DIGITS.charAt(x & 63);
  }
  if (i < n) {
    const x = ((b[i] ?? 0) << 16) | (i + 1 < n ? (b[i + 1] ?? 0) << 8 : 0);
    out += B64_DIGITS.charAt(x >> 18) + B64_DIGITS.charAt((x >> 12) & 63);
    out += i + 1 < n ? `${B64_DIGITS.charAt((x >> 6) & 63)}=` : '==';
  }
  return out;
}

/** Doubles: INF, -INF, NaN, else the shortest round-trip form with an XSD exponent ('1E21', '1E-7'). */
function formatDouble(v: number): string {
  if (v !== v) return 'NaN';
  if (v === Infinity) return 'INF';
  if (v === -Infinity) return '-INF';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  return `${s.slice(0, e)}E${s.charCodeAt(e + 1) === 43 ? s.slice(e + 2) : s.slice(e + 1)}`;
}

// XML 1.0 (fifth edition) NameStartChar / NameChar.
function isNameStart(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0xeffff)
  );
}

function isNameChar(c: number): boolean {
  return (
    isNameStart(c) || c === 45 || c === 46 || (c >= 48 && c <= 57) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040)
  );
}

/** Name-like check of s[from, to): `startRule` requires a NameStartChar first; `noColon` forbids ':'. */
function isNameRange(s: string, from: number, to: number, startRule: boolean, noColon: boolean): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const first = i === from;
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (c === 58 && noColon) return false;
    if (first && startRule ? !isNameStart(c) : !isNameChar(c)) return false;
  }
  return true;
}

const LANGUAGE_RE = /^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*$/;

function lexQName(s: string): string | undefined {
  const colon = s.indexOf(':');
  if (colon < 0) return isNameRange(s, 0, s.length, true, true) ? s : undefined;
  return isNameRange(s, 0, colon, true, true) && isNameRange(s, colon + 1, s.length, true, true) ? s : undefined;
}

const lexAnyString = (s: string): unknown => s;
const lexName = (s: string): unknown => (isNameRange(s, 0, s.length, true, false) ? s : undefined);
const lexNCName = (s: string): unknown => (isNameRange(s, 0, s.length, true, true) ? s : undefined);
const lexNmtoken = (s: string): unknown => (isNameRange(s, 0, s.length, false, false) ? s : undefined);
const lexLanguage = (s: string): unknown => (LANGUAGE_RE.test(s) ? s : undefined);

// ---------------------------------------------------------------------------------------------
// Dates, times and durations: lexical checks, and keys for the order facets

const TZ = '(Z|[+-]\\d\\d:\\d\\d)?';
const YEAR = '(-?)(\\d{4,})';
const TEMPORAL_RE: Readonly<Record<TemporalFormat, RegExp>> = {
  dateTime: new RegExp(`^${YEAR}-(\\d\\d)-(\\d\\d)T(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)${TZ}$`),
  time: new RegExp(`^(\\d\\d):(\\d\\d):(\\d\\d(?:\\.\\d+)?)${TZ}$`),
  date: new RegExp(`^${YEAR}-(\\d\\d)-(\\d\\d)${TZ}$`),
  gYearMonth: new RegExp(`^${YEAR}-(\\d\\d)${TZ}$`),
  gYear: new RegExp(`^${YEAR}${TZ}$`),
  gMonthDay: new RegExp(`^--(\\d\\d)-(\\d\\d)${TZ}$`),
  gDay: new RegExp(`^---(\\d\\d)${TZ}$`),
  gMonth: new RegExp(`^--(\\d\\d)${TZ}$`),
};

/** A point on the time line in seconds; `tz` tells whether the lexical form had a timezone. */
interface TemporalKey {
  readonly s: number;
  readonly tz: boolean;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (astronomical year numbering). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Checks a date/time lexical form and returns its key, or undefined. XSD 1.0 rules: no year 0000,
 * more than four year digits only without leading zeros, day within the month (leap years
 * included), 24:00:00 allowed, timezone within +-14:00. Partial types use 1972 (a leap year) and
 * January / the first day as reference values, which keeps them comparable among themselves.
 */
function temporalKey(f: TemporalFormat, s: string): TemporalKey | undefined {
  const m = TEMPORAL_RE[f].exec(s);
  if (m === null) return undefined;
  let y = 1972;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let g = 1;
  const num = (): number => Number(m[g++]);
  if (f === 'dateTime' || f === 'date' || f === 'gYearMonth' || f === 'gYear') {
    const neg = m[g++] === '-';
    const ys = m[g++] ?? '';
    if (ys.length > 4 && ys.charCodeAt(0) === 48) return undefined;
    const yv = Number(ys);
    if (yv === 0) return undefined;
    // XSD 1.0 has no year zero: '-0001' is 1 BCE, astronomical year 0.
    y = neg ? 1 - yv : yv;
    if (f !== 'gYear') mo = num();
    if (f === 'dateTime' || f === 'date') d = num();
  } else if (f === 'gMonthDay') {
    mo = num();
    d = num();
  } else if (f === 'gMonth') {
    mo = num();
  } else if (f === 'gDay') {
    d = num();
  }
  if (f === 'dateTime' || f === 'time') {
    h = num();
    mi = num();
    sec = num();
    if (mi > 59 || sec >= 60 || h > 24 || (h === 24 && (mi !== 0 || sec !== 0))) return undefined;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  const tz = m[g];
  let offset = 0;
  if (tz !== undefined && tz !== 'Z') {
    const th = Number(tz.slice(1, 3));
    const tm = Number(tz.slice(4, 6));
    if (th > 14 || tm > 59 || (th === 14 && tm !== 0)) return undefined;
    offset = (th * 60 + tm) * (tz.charCodeAt(0) === 45 ? -1 : 1);
  }
  const s0 = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset * 60;
  return { s: s0, tz: tz !== undefined };
}

const FOURTEEN_HOURS = 14 * 3600;

function sign(x: number): number {
  return x < 0 ? -1 : x > 0 ? 1 : x === 0 ? 0 : NaN;
}

/** XSD 1.0 order of date/time values; NaN when indeterminate (one side without timezone, within 14 hours). */
function compareTemporal(a: TemporalKey, b: TemporalKey): number {
  if (a.tz === b.tz) return sign(a.s - b.s);
  if (a.tz) {
    if (a.s < b.s - FOURTEEN_HOURS) return -1;
    if (a.s > b.s + FOURTEEN_HOURS) return 1;
    return NaN;
  }
  if (a.s + FOURTEEN_HOURS < b.s) return -1;
  if (a.s - FOURTEEN_HOURS > b.s) return 1;
  return NaN;
}

const DURATION_RE = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d*)?|\.\d+)S)?)?$/;

interface DurationKey {
  readonly months: number;
  readonly seconds: number;
}

function durationKey(s: string): DurationKey | undefined {
  const m = DURATION_RE.exec(s);
  if (m === null) return undefined;
  const lastChar = s.charCodeAt(s.length - 1);
  if (lastChar === 80 || lastChar === 84) return undefined; // 'P' or 'T' with nothing after it
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  const sg = m[1] === '-' ? -1 : 1;
  return { months: sg * (n(2) * 12 + n(3)), seconds: sg * (n(4) * 86400 + n(5) * 3600 + n(6) * 60 + n(7)) };
}

/** The four reference dateTimes of XSD 1.0 §3.2.6.2, as [year, month]; all on the 1st at 00:00:00Z. */
const DURATION_REFERENCES: readonly (readonly [number, number])[] = [
  [1696, 9],
  [1697, 2],
  [1903, 3],
  [1903, 7],
];

function plusDuration(y: number, m: number, d: DurationKey): number {
  const total = m - 1 + d.months;
  const yy = y + Math.floor(total / 12);
  const mm = total - Math.floor(total / 12) * 12 + 1;
  return daysFromCivil(yy, mm, 1) * 86400 + d.seconds;
}

/** Partial order of durations: compare at the four reference points; NaN when they disagree. */
function compareDuration(a: DurationKey, b: DurationKey): number {
  let result = 0;
  for (let i = 0; i < DURATION_REFERENCES.length; i++) {
    const ref = DURATION_REFERENCES[i];
    if (ref === undefined) continue;
    const r = sign(plusDuration(ref[0], ref[1], a) - plusDuration(ref[0], ref[1], b));
    if (i === 0) result = r;
    else if (r !== result) return NaN;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The built-in table

const NO_SPACE = true;
const BIG_LONG_MIN = -(2n ** 63n);
const BIG_LONG_MAX = 2n ** 63n - 1n;
const BIG_ULONG_MAX = 2n ** 64n - 1n;

function bigInfo(lo: bigint | undefined, hi: bigint | undefined): Atomic {
  return atomic('bigint', 'bigint', NO_SPACE, (s) => lexBigInt(s, lo, hi), { lo, hi });
}

function intInfo(lo: number, hi: number): Atomic {
  return atomic('number', 'int', NO_SPACE, (s) => lexSmallInt(s, lo, hi), { lo, hi });
}

function temporalInfo(f: TemporalFormat): Atomic {
  return atomic('string', 'temporal', NO_SPACE, (s) => (temporalKey(f, s) === undefined ? undefined : s), { temporal: f });
}

const STRING_INFO = atomic('string', 'string', false, lexAnyString);
const NMTOKEN_INFO = atomic('string', 'string', NO_SPACE, lexNmtoken);
const NCNAME_INFO = atomic('string', 'string', NO_SPACE, lexNCName);
const DOUBLE_INFO = atomic('number', 'float', NO_SPACE, lexDouble);

const INFO: Readonly<Record<BuiltinName, Atomic>> = Object.freeze({
  anySimpleType: STRING_INFO,
  string: STRING_INFO,
  normalizedString: STRING_INFO,
  token: STRING_INFO,
  anyURI: STRING_INFO,
  language: atomic('string', 'string', NO_SPACE, lexLanguage),
  Name: atomic('string', 'string', NO_SPACE, lexName),
  NCName: NCNAME_INFO,
  ID: NCNAME_INFO,
  IDREF: NCNAME_INFO,
  ENTITY: NCNAME_INFO,
  NMTOKEN: NMTOKEN_INFO,
  QName: atomic('string', 'string', NO_SPACE, lexQName),
  NOTATION: atomic('string', 'string', NO_SPACE, lexQName),
  // The list built-ins: their entry describes the item (used only for messages); see LIST_ITEM.
  IDREFS: NCNAME_INFO,
  ENTITIES: NCNAME_INFO,
  NMTOKENS: NMTOKEN_INFO,
  boolean: atomic('boolean', 'boolean', NO_SPACE, lexBoolean),
  decimal: atomic('string', 'decimal', NO_SPACE, lexDecimal),
  integer: bigInfo(undefined, undefined),
  nonPositiveInteger: bigInfo(undefined, 0n),
  negativeInteger: bigInfo(undefined, -1n),
  long: bigInfo(BIG_LONG_MIN, BIG_LONG_MAX),
  nonNegativeInteger: bigInfo(0n, undefined),
  positiveInteger: bigInfo(1n, undefined),
  unsignedLong: bigInfo(0n, BIG_ULONG_MAX),
  int: intInfo(-2147483648, 2147483647),
  short: intInfo(-32768, 32767),
  byte: intInfo(-128, 127),
  unsignedInt: intInfo(0, 4294967295),
  unsignedShort: intInfo(0, 65535),
  unsignedByte: intInfo(0, 255),
  float: DOUBLE_INFO,
  double: DOUBLE_INFO,
  duration: atomic('string', 'duration', NO_SPACE, (s) => (durationKey(s) === undefined ? undefined : s)),
  dateTime: temporalInfo('dateTime'),
  time: temporalInfo('time'),
  date: temporalInfo('date'),
  gYearMonth: temporalInfo('gYearMonth'),
  gYear: temporalInfo('gYear'),
  gMonthDay: temporalInfo('gMonthDay'),
  gDay: temporalInfo('gDay'),
  gMonth: temporalInfo('gMonth'),
  hexBinary: atomic('bytes', 'hex', NO_SPACE, lexHex),
  base64Binary: atomic('bytes', 'base64', false, lexBase64),
});

function itemDesc(builtin: BuiltinName): SimpleTypeDesc {
  return Object.freeze({ kind: 'simple', name: '', variety: 'atomic', builtin, whiteSpace: 'collapse' });
}

/** The list built-ins and their item types. */
const LIST_ITEM: Readonly<Partial<Record<BuiltinName, SimpleTypeDesc>>> = Object.freeze({
  IDREFS: itemDesc('IDREF'),
  ENTITIES: itemDesc('ENTITY'),
  NMTOKENS: itemDesc('NMTOKEN'),
});

// ---------------------------------------------------------------------------------------------
// Facets

type Check = (text: string, value: unknown) => Problem | undefined;

/** How a family measures, compares and counts digits; only what the facets of that family need. */
interface Ops {
  /** What `measure` counts, singular: character (code point), byte or item. */
  readonly unit: string;
  readonly measure: ((v: unknown) => number) | undefined;
  readonly equal: (a: unknown, b: unknown) => boolean;
  readonly key: ((v: unknown) => unknown) | undefined;
  readonly cmp: ((a: unknown, b: unknown) => number) | undefined;
  readonly digits: ((v: unknown) => readonly [number, number]) | undefined;
  /** Values can be looked up in a Set (primitives compared with SameValueZero). */
  readonly hashable: boolean;
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return a !== a && b !== b;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  return false;
}

function numericCompare(a: unknown, b: unknown): number {
  const x = a as number | bigint;
  const y = b as number | bigint;
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

/** Exact order of two canonical decimal strings. */
function compareDecimal(a: string, b: string): number {
  const na = a.charCodeAt(0) === 45;
  const nb = b.charCodeAt(0) === 45;
  if (na !== nb) return na ? -1 : 1;
  const r = compareAbsDecimal(na ? a.slice(1) : a, nb ? b.slice(1) : b);
  return na ? -r : r;
}

function compareAbsDecimal(a: string, b: string): number {
  const da = a.indexOf('.');
  const db = b.indexOf('.');
  const ia = da < 0 ? a : a.slice(0, da);
  const ib = db < 0 ? b : b.slice(0, db);
  if (ia.length !== ib.length) return ia.length < ib.length ? -1 : 1;
  if (ia !== ib) return ia < ib ? -1 : 1;
  // Canonical fractions have no trailing zeros, so plain string order is numeric order.
  const fa = da < 0 ? '' : a.slice(da + 1);
  const fb = db < 0 ? '' : b.slice(db + 1);
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

function decimalDigits(v: unknown): readonly [number, number] {
  const s = v as string;
  const start = s.charCodeAt(0) === 45 ? 1 : 0;
  const dot = s.indexOf('.');
  const intPart = dot < 0 ? s.slice(start) : s.slice(start, dot);
  const frac = dot < 0 ? 0 : s.length - dot - 1;
  return [(intPart === '0' ? 0 : intPart.length) + frac, frac];
}

function integerDigits(v: unknown): readonly [number, number] {
  const x = v as number | bigint;
  const s = String(x);
  if (s === '0') return [0, 0];
  return [s.charCodeAt(0) === 45 ? s.length - 1 : s.length, 0];
}

const strictEqual = (a: unknown, b: unknown): boolean => a === b;
const byteLength = (v: unknown): number => (v as Uint8Array).length;
const itemCount = (v: unknown): number => (v as readonly unknown[]).length;
const stringLength = (v: unknown): number => codePointLength(v as string);

function ops(partial: Partial<Ops>): Ops {
  return Object.freeze({
    unit: partial.unit ?? 'character',
    measure: partial.measure,
    equal: partial.equal ?? sameValue,
    key: partial.key,
    cmp: partial.cmp,
    digits: partial.digits,
    hashable: partial.hashable ?? false,
  });
}

const STRING_OPS = ops({ measure: stringLength, equal: strictEqual, hashable: true });
const BOOLEAN_OPS = ops({ equal: strictEqual, hashable: true });
const DECIMAL_OPS = ops({ equal: strictEqual, hashable: true, key: identityKey, cmp: (a, b) => compareDecimal(a as string, b as string), digits: decimalDigits });
const INTEGER_OPS = ops({ equal: strictEqual, hashable: true, key: identityKey, cmp: numericCompare, digits: integerDigits });
const FLOAT_OPS = ops({ equal: sameValue, hashable: true, key: identityKey, cmp: numericCompare });
const BYTES_OPS = ops({ unit: 'byte', measure: byteLength });
const LIST_OPS = ops({ unit: 'item', measure: itemCount });
const UNION_OPS = ops({});
const DURATION_OPS = ops({
  key: (v) => durationKey(v as string),
  cmp: (a, b) => compareDuration(a as DurationKey, b as DurationKey),
  equal: (a, b) => a === b || compareDuration(durationKey(a as string) as DurationKey, durationKey(b as string) as DurationKey) === 0,
});

function identityKey(v: unknown): unknown {
  return v;
}

function temporalOps(f: TemporalFormat): Ops {
  const key = (v: unknown): unknown => temporalKey(f, v as string);
  const cmp = (a: unknown, b: unknown): number => compareTemporal(a as TemporalKey, b as TemporalKey);
  return ops({ measure: stringLength, key, cmp, equal: (a, b) => a === b || cmp(key(a), key(b)) === 0 });
}

function opsOf(info: Atomic): Ops {
  switch (info.family) {
    case 'string':
      return STRING_OPS;
    case 'boolean':
      return BOOLEAN_OPS;
    case 'decimal':
      return DECIMAL_OPS;
    case 'bigint':
    case 'int':
      return INTEGER_OPS;
    case 'float':
      return FLOAT_OPS;
    case 'temporal':
      return temporalOps(info.temporal ?? 'dateTime');
    case 'duration':
      return DURATION_OPS;
    case 'hex':
    case 'base64':
      return BYTES_OPS;
  }
}

function quoteList(values: readonly string[]): string {
  const shown = values.slice(0, 8).map(q).join(', ');
  return values.length > 8 ? `${shown}, ... (${values.length} in all)` : shown;
}

/**
 * Builds one function that checks every facet of `t`, or null when there is none. `base` parses a
 * facet literal (an enumeration value or a bound) in the base type's value space; a literal it
 * rejects is a bug in the descriptor and throws here, once, rather than failing every value.
 */
function buildChecks(t: SimpleTypeDesc, o: Ops, base: (raw: string) => unknown): Check | null {
  const checks: Check[] = [];
  const label = labelOf(t);
  const literal = (facet: string, lexical: string): unknown => {
    const v = base(lexical);
    if (v === undefined) throw new TypeError(`type '${label}': ${facet} value ${q(lexical)} is not a valid value of its base type`);
    return v;
  };

  const measure = o.measure;
  if (measure !== undefined) {
    const count = (n: number): string => `${n} ${o.unit}${n === 1 ? '' : 's'}`;
    const { length, minLength, maxLength } = t;
    if (length !== undefined) {
      checks.push((text, v) => {
        const n = measure(v);
        return n === length ? undefined : new Problem('length', `${q(text)} has ${count(n)}; the length must be ${length}`);
      });
    }
    if (minLength !== undefined) {
      checks.push((text, v) => {
        const n = measure(v);
        return n >= minLength ? undefined : new Problem('min-length', `${q(text)} has ${count(n)}; minLength is ${minLength}`);
      });
    }
    if (maxLength !== undefined) {
      checks.push((text, v) => {
        const n = measure(v);
        return n <= maxLength ? undefined : new Problem('max-length', `${q(text)} has ${count(n)}; maxLength is ${maxLength}`);
      });
    }
  }

  for (const entry of t.patterns ?? []) {
    const shown = entry.map((re) => `/${re.source}/`).join(' or ');
    checks.push((text) => {
      for (const re of entry) if (re.test(text)) return undefined;
      return new Problem('pattern', `${q(text)} does not match the pattern ${shown}`);
    });
  }

  const enumeration = t.enumeration;
  if (enumeration !== undefined) {
    const values = enumeration.map((e) => literal('enumeration', e));
    const fail = (text: string): Problem => new Problem('enumeration', `${q(text)} is not one of the allowed values ${quoteList(enumeration)}`);
    if (o.hashable) {
      const set = new Set(values);
      checks.push((text, v) => (set.has(v) ? undefined : fail(text)));
    } else {
      const equal = o.equal;
      checks.push((text, v) => {
        for (const e of values) if (equal(v, e)) return undefined;
        return fail(text);
      });
    }
  }

  const { key, cmp } = o;
  if (key !== undefined && cmp !== undefined) {
    const bound = (facet: keyof FacetsDesc, lexical: string | undefined, code: IssueCode, ok: (c: number) => boolean, words: string): void => {
      if (lexical === undefined) return;
      const b = key(literal(facet, lexical));
      checks.push((text, v) => (ok(cmp(key(v), b)) ? undefined : new Problem(code, `${q(text)} ${words} ${facet} ${q(lexical)}`)));
    };
    bound('minInclusive', t.minInclusive, 'min-inclusive', (c) => c >= 0, 'is less than');
    bound('maxInclusive', t.maxInclusive, 'max-inclusive', (c) => c <= 0, 'is greater than');
    bound('minExclusive', t.minExclusive, 'min-exclusive', (c) => c > 0, 'is not greater than');
    bound('maxExclusive', t.maxExclusive, 'max-exclusive', (c) => c < 0, 'is not less than');
  }

  const digits = o.digits;
  if (digits !== undefined) {
    const { totalDigits, fractionDigits } = t;
    if (totalDigits !== undefined) {
      checks.push((text, v) => {
        const n = digits(v)[0];
        return n <= totalDigits ? undefined : new Problem('total-digits', `${q(text)} has ${n} digits; totalDigits is ${totalDigits}`);
      });
    }
    if (fractionDigits !== undefined) {
      checks.push((text, v) => {
        const n = digits(v)[1];
        return n <= fractionDigits ? undefined : new Problem('fraction-digits', `${q(text)} has ${n} fraction digits; fractionDigits is ${fractionDigits}`);
      });
    }
  }

  if (checks.length === 0) return null;
  if (checks.length === 1) return checks[0] ?? null;
  return (text, v) => {
    for (const c of checks) {
      const p = c(text, v);
      if (p !== undefined) return p;
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// Compilation

/** Specialises a simple type into parse/format closures. Compile once per type and keep the result. */
export function compileSimple(t: SimpleTypeDesc): CompiledSimple {
  if (t.variety === 'union') {
    if (t.members === undefined) throw new TypeError(`union type '${labelOf(t)}' has no members`);
    return compileUnion(t, t.members.map((m) => compileSimple(m())));
  }
  if (t.variety === 'list') {
    if (t.item === undefined) throw new TypeError(`list type '${labelOf(t)}' has no item type`);
    return compileList(t, compileSimple(t.item()), false);
  }
  const item = LIST_ITEM[t.builtin];
  if (item !== undefined) return compileList(t, compileSimple(item), true);
  return compileAtomic(t, INFO[t.builtin]);
}

function compileAtomic(t: SimpleTypeDesc, info: Atomic): CompiledSimple {
  const label = labelOf(t);
  const norm = normalizer(t.whiteSpace, info.tight);
  const lex = info.lex;
  const checks = buildChecks(t, opsOf(info), (raw) => lex(norm(raw)));

  const parse =
    checks === null
      ? (raw: string): unknown => {
          const text = norm(raw);
          const v = lex(text);
          return v === undefined ? invalid(text, label) : v;
        }
      : (raw: string): unknown => {
          const text = norm(raw);
          const v = lex(text);
          if (v === undefined) return invalid(text, label);
          return checks(text, v) ?? v;
        };

  const toText = textFormatter(info, norm, label);
  const stringValued = info.js === 'string';
  const format =
    checks === null
      ? toText
      : (value: unknown): string | Problem => {
          const text = toText(value);
          if (typeof text !== 'string') return text;
          return checks(text, stringValued ? text : value) ?? text;
        };
  return { type: t, js: info.js, parse, format };
}

/** Value -> canonical text for one atomic family, checking the JavaScript type and the value space. */
function textFormatter(info: Atomic, norm: (s: string) => string, label: string): (v: unknown) => string | Problem {
  const expected: readonly JsKind[] = [info.js];
  const family = info.family;
  switch (family) {
    case 'string':
    case 'decimal':
    case 'temporal':
    case 'duration': {
      const lex = info.lex;
      return (v) => {
        if (typeof v !== 'string') return wrongType(expected, family, v);
        const s = norm(v);
        if (!isXmlText(s)) return new Problem('invalid-value', `${q(s)} contains a character that XML cannot carry`);
        const r = lex(s);
        return typeof r === 'string' ? r : invalid(s, label);
      };
    }
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? (v ? 'true' : 'false') : wrongType(expected, family, v));
    case 'bigint': {
      const lo = info.lo as bigint | undefined;
      const hi = info.hi as bigint | undefined;
      return (v) => {
        if (typeof v !== 'bigint') return wrongType(expected, family, v);
        const s = v.toString();
        if ((lo !== undefined && v < lo) || (hi !== undefined && v > hi)) return invalid(s, label);
        return s;
      };
    }
    case 'int': {
      const lo = info.lo as number;
      const hi = info.hi as number;
      return (v) => {
        if (typeof v !== 'number') return wrongType(expected, family, v);
        const s = String(v);
        if (!Number.isInteger(v) || v < lo || v > hi) return invalid(s, label);
        return s;
      };
    }
    case 'float':
      return (v) => (typeof v === 'number' ? formatDouble(v) : wrongType(expected, family, v));
    case 'hex':
      return (v) => (v instanceof Uint8Array ? formatHex(v) : wrongType(expected, family, v));
    case 'base64':
      return (v) => (v instanceof Uint8Array ? formatBase64(v) : wrongType(expected, family, v));
  }
}

const HAS_SPACE = /[ \t\n\r]/;

function compileList(t: SimpleTypeDesc, item: CompiledSimple, builtinList: boolean): CompiledSimple {
  const label = labelOf(t);
  const itemProblem = (i: number, p: Problem): Problem => new Problem(p.code, `item ${i + 1}: ${p.message}`);
  // Lists always collapse (XSD fixes whiteSpace=collapse for them); items are split on single spaces.
  const items = (text: string): unknown => {
    if (text === '') return builtinList ? invalid(text, label) : [];
    const parts = text.split(' ');
    const out: unknown[] = new Array(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const v = item.parse(parts[i] ?? '');
      if (v instanceof Problem) return itemProblem(i, v);
      out[i] = v;
    }
    return out;
  };
  const base = (raw: string): unknown => {
    const v = items(applyWhiteSpace('collapse', raw));
    return v instanceof Problem ? undefined : v;
  };
  const checks = buildChecks(t, LIST_OPS, base);

  const parse = (raw: string): unknown => {
    const text = applyWhiteSpace('collapse', raw);
    const v = items(text);
    if (checks === null || v instanceof Problem) return v;
    return checks(text, v) ?? v;
  };

  const format = (value: unknown): string | Problem => {
    if (!Array.isArray(value)) return wrongType(['list'], undefined, value);
    if (builtinList && value.length === 0) return invalid('', label);
    let text = '';
    for (let i = 0; i < value.length; i++) {
      const s = item.format(value[i]);
      if (typeof s !== 'string') return itemProblem(i, s);
      if (s === '' || HAS_SPACE.test(s)) return itemProblem(i, new Problem('invalid-value', `${q(s)} cannot be a list item (empty or with whitespace)`));
      text = i === 0 ? s : `${text} ${s}`;
    }
    if (checks === null) return text;
    // Facets see canonical item values (a decimal '01.50' was written as '1.5').
    return checks(text, base(text)) ?? text;
  };
  return { type: t, js: 'list', parse, format };
}

function compileUnion(t: SimpleTypeDesc, members: readonly CompiledSimple[]): CompiledSimple {
  const label = labelOf(t);
  const ws = t.whiteSpace;
  const first = (raw: string): unknown => {
    for (const m of members) {
      const v = m.parse(raw);
      if (!(v instanceof Problem)) return v;
    }
    return undefined;
  };
  const checks = buildChecks(t, UNION_OPS, first);
  const expected: JsKind[] = [];
  const collect = (ms: readonly CompiledSimple[]): void => {
    for (const m of ms) {
      if (m.js === 'union') collect(unionMembers(m));
      else expected.push(m.js);
    }
  };
  collect(members);

  const parse = (raw: string): unknown => {
    // Each member applies its own whiteSpace to the raw text.
    const v = first(raw);
    if (v === undefined) return invalid(applyWhiteSpace(ws, raw), label);
    if (checks === null) return v;
    return checks(applyWhiteSpace(ws, raw), v) ?? v;
  };

  const format = (value: unknown): string | Problem => {
    let problem: Problem | undefined;
    for (const m of members) {
      if (!acceptsJs(m.js, value)) continue;
      const text = m.format(value);
      if (typeof text !== 'string') {
        problem ??= text;
        continue;
      }
      const p = checks === null ? undefined : checks(text, m.parse(text));
      if (p === undefined) return text;
      problem ??= p;
    }
    return problem ?? wrongType(expected, undefined, value);
  };
  const compiled: CompiledSimple & { readonly members: readonly CompiledSimple[] } = { type: t, js: 'union', parse, format, members };
  return compiled;
}

function unionMembers(m: CompiledSimple): readonly CompiledSimple[] {
  return (m as CompiledSimple & { readonly members?: readonly CompiledSimple[] }).members ?? [];
}

function acceptsJs(js: JsKind | 'union', v: unknown): boolean {
  switch (js) {
    case 'string':
    case 'boolean':
    case 'number':
    case 'bigint':
      return typeof v === js;
    case 'bytes':
      return v instanceof Uint8Array;
    case 'list':
      return Array.isArray(v);
    case 'union':
      return true;
  }
}
