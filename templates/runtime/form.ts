/**
 * The form encodings of the JSON APIs. JetBackup 5 (`jetbackup5api -D`, HTTP POST) and Akeeba APIv2 take
 * their arguments as PHP form parameters, not as a JSON body: the wire JSON value of a request (what
 * `JsonCodec.toWire` gives) is flattened into bracket syntax (`schedules[0][retain]=7`), and a server or a
 * sample check reads it back with `parseForm` + `formToWire`, which rebuilds the nesting and coerces every
 * text by the schema type it lands on, so that `JsonCodec.decodeValue` of the same type accepts the result.
 *
 * Decisions (PHP's `http_build_query` and `parse_str` are the reference where the API docs are silent):
 * - booleans are sent as `1`/`0` (JetBackup: "true/false are not supported"; Akeeba reads non-array inputs
 *   as raw strings and PHP's `(bool)"false"` is true); reading back, `true`/`false` are reported.
 * - `null` members are left out, as `http_build_query` does: the server sees the parameter absent. To send
 *   an empty value, pass `''`. A nullable property that arrives as an empty value reads back as `null` when
 *   its type does not accept the empty text (integers, booleans, objects).
 * - empty arrays and objects produce no pair (PHP forms cannot express them). Inside a list, an item that
 *   produces no pair (null, [], {}) is refused: it would leave a gap in the indices.
 * - numbers in plain decimal (`1e21` is sent as `1000000000000000000000`); non-finite numbers are refused.
 * - names that bracket syntax cannot carry are refused: empty names, names with `[` or `]`, and top-level
 *   names with `.` or a space (PHP renames `a.b` to `a_b`).
 * - `encodeForm` percent-encodes every character except ASCII letters, digits and `_` (JetBackup, README §2:
 *   `123+abc` -> `123%2Babc`; UTF-8, uppercase hex); keys keep `[` and `]` literal as the docs show.
 * - reading: `+` is a space; a malformed `%` escape is kept as is and reported, as are escapes that are not
 *   UTF-8; a repeated key keeps the last value (PHP) with a warning; `a[]=` appends (PHP); list indices
 *   must be 0..n-1 (in any order; out of order is a warning).
 */
import { EncodeError, summarize, type Issue, type IssueCode } from './errors.js';
import { JsonCodec, pointer } from './json-codec.js';
import type { JsonObjectDesc, JsonPropDesc, JsonScalar, JsonScalarDesc, JsonTypeDesc } from './json-schema.js';

/** Pairs read by `parseForm`; `issues` (not enumerable) lists malformed escapes, and `formToWire` reports them. */
export type ParsedForm = [string, string][] & { readonly issues: readonly Issue[] };

export interface FormToWireOptions {
  /** Most bracket levels in one key (default 64, PHP's `max_input_nesting_level`). */
  readonly maxDepth?: number;
  /** Stop after this many issues (default 100). */
  readonly maxIssues?: number;
}

export interface FormToWireResult {
  /** The wire JSON value (wire names), for `JsonCodec.decodeValue`; with errors, offending texts are kept as they came. */
  readonly value: unknown;
  /** Errors and warnings (`severity: 'warning'`: unknown keys kept, repeated keys, indices out of order). */
  readonly issues: Issue[];
}

// ---------------------------------------------------------------------------------------------------
// Encoding

/**
 * The form pairs of a wire JSON value, in object key order, depth first: lists `a[0]=x`, objects `a[k]=x`,
 * booleans `1`/`0`, numbers in plain decimal; `null` members and empty containers produce no pair.
 * Without `prefix` the value must be an object (of parameters); with it, the value is sent under that name.
 * Throws EncodeError listing every value that cannot be sent.
 */
export function toFormPairs(wire: unknown, prefix?: string): [string, string][] {
  const out: [string, string][] = [];
  const issues: Issue[] = [];
  const path: (string | number)[] = [];
  const ancestors = new Set<unknown>();
  const issue = (code: IssueCode, message: string): void => {
    issues.push({ path: pointer(path), code, message });
  };

  const walk = (key: string, v: unknown): void => {
    if (v === null || v === undefined) return;
    if (typeof v === 'boolean') out.push([key, v ? '1' : '0']);
    else if (typeof v === 'number') {
      if (Number.isFinite(v)) out.push([key, plainDecimal(v)]);
      else issue('invalid-value', `${v} cannot be sent (not a finite number)`);
    } else if (typeof v === 'string') {
      if (isWellFormed(v)) out.push([key, v]);
      else issue('invalid-value', 'the string contains a lone surrogate (not Unicode text)');
    } else if (ancestors.has(v)) issue('invalid-value', 'the value contains itself (a cycle)');
    else if (Array.isArray(v)) {
      ancestors.add(v);
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        item(`${key}[${i}]`, v[i]);
        path.pop();
      }
      ancestors.delete(v);
    } else if (isPlainObject(v)) {
      ancestors.add(v);
      for (const k of Object.keys(v)) {
        path.push(k);
        if (checkName(k, false)) walk(`${key}[${k}]`, v[k]);
        path.pop();
      }
      ancestors.delete(v);
    } else issue('wrong-type', `${typeof v === 'object' ? 'an object that is not plain data' : `a ${typeof v}`} cannot be sent`);
  };

  // A list item must produce at least one pair, or the server sees a gap in the indices.
  const item = (key: string, v: unknown): void => {
    const before = out.length;
    const issuesBefore = issues.length;
    walk(key, v);
    if (out.length === before && issues.length === issuesBefore) {
      issue('invalid-value', `${describe(v)} cannot be a list item in a form: it produces no parameter and the indices would have a gap`);
    }
  };

  const checkName = (k: string, topLevel: boolean): boolean => {
    let why: string | undefined;
    if (k === '') why = 'an empty name';
    else if (!isWellFormed(k)) why = 'a name with a lone surrogate';
    else if (/[[\]]/.test(k)) why = 'a name with [ or ]';
    else if (topLevel && /[. ]/.test(k)) why = 'a top-level name with "." or a space (PHP renames them to "_")';
    if (why) issue('invalid-value', `${JSON.stringify(k)} cannot be sent in bracket syntax: ${why}`);
    return why === undefined;
  };

  if (prefix === undefined) {
    if (!isPlainObject(wire)) {
      issue('wrong-type', `the parameters must be an object, got ${describe(wire)}`);
    } else {
      ancestors.add(wire);
      for (const k of Object.keys(wire)) {
        path.push(k);
        if (checkName(k, true)) walk(k, wire[k]);
        path.pop();
      }
    }
  } else {
    const segments = parseKey(prefix);
    if (!segments || segments.includes(null) || /[. ]/.test(segments[0]!)) {
      throw new RangeError(`invalid form prefix ${JSON.stringify(prefix)}: expected name or name[key]... (no "." or space in the name, no [])`);
    }
    walk(prefix, wire);
  }
  if (issues.length) throw new EncodeError(summarize('cannot encode as form parameters', issues), issues);
  return out;
}

/**
 * `k=v&k=v`. Every character except ASCII letters, digits and `_` is percent-encoded as UTF-8 bytes
 * (uppercase hex); keys keep `[` and `]` literal. Throws RangeError on a lone surrogate.
 */
export function encodeForm(pairs: readonly (readonly [string, string])[]): string {
  return pairs.map(([k, v]) => `${percentEncode(k, true)}=${percentEncode(v, false)}`).join('&');
}

/**
 * The argv of a `jetbackup5api` call, program name first (spawn with `argv[0]`, `argv.slice(1)`):
 * `jetbackup5api -F <fn> -D <data> -O json` with all the data in one `-D` (README §1.1: repeated `-D`
 * made manageBackupJob ignore `action=modify`); without pairs, no `-D` at all, as the docs' examples.
 * The data never starts with `-` (it is percent-encoded). Throws RangeError unless `fn` is letters only.
 */
export function jetbackupCliArgs(fn: string, pairs: readonly (readonly [string, string])[]): string[] {
  if (!/^[A-Za-z]+$/.test(fn)) throw new RangeError(`invalid JetBackup function name ${JSON.stringify(fn)}: letters only`);
  const data = encodeForm(pairs);
  return data === '' ? ['jetbackup5api', '-F', fn, '-O', 'json'] : ['jetbackup5api', '-F', fn, '-D', data, '-O', 'json'];
}

/**
 * A POSIX shell command line: arguments of safe characters as they are, others in single quotes
 * (`'` -> `'\''`); a first word with `=` is quoted too (it would be an assignment). Throws RangeError on NUL.
 */
export function shellQuote(argv: readonly string[]): string {
  return argv
    .map((a, i) => {
      if (a.includes('\0')) throw new RangeError('an argument cannot contain NUL');
      if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) && !(i === 0 && a.includes('='))) return a;
      return `'${a.replaceAll("'", "'\\''")}'`;
    })
    .join(' ');
}

/**
 * Akeeba APIv2 parameters: `method=<name>`, then every argument as its own parameter (arrays and objects
 * in bracket syntax, booleans 1/0, nulls left out; see `toFormPairs`). Authentication (`_akeebaAuth`,
 * header) and the endpoint's `option`/`view`/`format` are the transport's business.
 * Throws RangeError on a method name outside `[A-Za-z0-9_.-]` (the server's route pattern) or an argument named `method`.
 */
export function akeebaFormParams(method: string, wire: object): [string, string][] {
  if (!/^[A-Za-z0-9_.-]+$/.test(method)) throw new RangeError(`invalid Akeeba method name ${JSON.stringify(method)}`);
  if (Object.hasOwn(wire, 'method') && (wire as Record<string, unknown>)['method'] !== undefined) {
    throw new RangeError('an Akeeba argument cannot be named "method" (it would replace the method name)');
  }
  return [['method', method], ...toFormPairs(wire)];
}

function percentEncode(s: string, key: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || (key && (c === 0x5b || c === 0x5d))) {
      out += s[i];
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) throw new RangeError(`lone surrogate at index ${i} of ${key ? 'a key' : 'a value'}`);
      cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) throw new RangeError(`lone surrogate at index ${i} of ${key ? 'a key' : 'a value'}`);
    for (const b of utf8(cp)) out += `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

const HEX = '0123456789ABCDEF';

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}

/** Plain decimal text of a finite number: no exponent, `-0` as `0`; `Number(text)` gives the number back. */
function plainDecimal(n: number): string {
  if (n === 0) return '0';
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const exp = Number(s.slice(e + 1));
  let mantissa = s.slice(0, e);
  const negative = mantissa.startsWith('-');
  if (negative) mantissa = mantissa.slice(1);
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intLength = (dot < 0 ? mantissa.length : dot) + exp;
  let r: string;
  if (intLength <= 0) r = `0.${'0'.repeat(-intLength)}${digits}`;
  else if (intLength >= digits.length) r = digits + '0'.repeat(intLength - digits.length);
  else r = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
  return negative ? `-${r}` : r;
}

/** The text a scalar is sent as (null is never sent; '' stands for it when matching). */
function formText(v: JsonScalar): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return plainDecimal(v);
  return v;
}

// ---------------------------------------------------------------------------------------------------
// Decoding

/**
 * The pairs of a query string or form body: split on `&` (empty pieces skipped), a piece without `=` has
 * an empty value, `+` is a space, `%XX` are UTF-8 bytes. Accepts a leading `?` or a full URL (the part
 * after the first `?`; from a URL or `?...`, a `#` after it starts the fragment, which is dropped; a `#`
 * before the `?` does not count, as in the docs' `cpsess####` placeholders). Never throws: a malformed `%`
 * is kept literally and, like escapes that are not UTF-8, reported in `issues` with its line and column.
 */
export function parseForm(query: string): ParsedForm {
  const issues: Issue[] = [];
  const pairs: [string, string][] = [];
  Object.defineProperty(pairs, 'issues', { value: issues, enumerable: false });
  let start = 0;
  let end = query.length;
  let url = false;
  if (query.startsWith('?')) {
    start = 1;
    url = true;
  } else if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(query)) {
    const q = query.indexOf('?');
    start = q < 0 ? query.length : q + 1;
    url = true;
  }
  if (url) {
    const hash = query.indexOf('#', start);
    if (hash >= 0) end = hash;
  }
  const position = positions(query);
  let at = start;
  while (at <= end) {
    let amp = query.indexOf('&', at);
    if (amp < 0 || amp > end) amp = end;
    if (amp > at) {
      let keyEnd = at;
      while (keyEnd < amp && query.charCodeAt(keyEnd) !== 0x3d) keyEnd++;
      const key = percentDecode(query, at, keyEnd, '', issues, position);
      const value = keyEnd < amp ? percentDecode(query, keyEnd + 1, amp, keyPointer(key), issues, position) : '';
      pairs.push([key, value]);
    }
    at = amp + 1;
  }
  return pairs as ParsedForm;
}

function percentDecode(
  text: string,
  from: number,
  to: number,
  path: string,
  issues: Issue[],
  position: (offset: number) => { line: number; column: number },
): string {
  let out = '';
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x2b) {
      out += ' ';
      i++;
    } else if (c !== 0x25) {
      let stop = i + 1;
      while (stop < to && text.charCodeAt(stop) !== 0x25 && text.charCodeAt(stop) !== 0x2b) stop++;
      out += text.slice(i, stop);
      i = stop;
    } else {
      // A run of %XX escapes is one byte sequence.
      const runStart = i;
      const bytes: number[] = [];
      while (i + 2 < to && text.charCodeAt(i) === 0x25 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 3;
      }
      if (bytes.length === 0) {
        issues.push({ path, code: 'invalid-value', message: `malformed percent-escape ${JSON.stringify(text.slice(i, Math.min(i + 3, to)))} (kept as is)`, ...position(i) });
        out += '%';
        i++;
        continue;
      }
      const data = new Uint8Array(bytes);
      try {
        out += new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
      } catch {
        issues.push({ path, code: 'invalid-utf8', message: `percent-escapes ${JSON.stringify(text.slice(runStart, i))} are not UTF-8 (decoded with U+FFFD)`, ...position(runStart) });
        out += new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);
      }
    }
  }
  return out;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Line and column (1-based) of offsets asked in increasing order: linear in the text overall. */
function positions(text: string): (offset: number) => { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  return (offset) => {
    for (; scanned < offset; scanned++) {
      if (text.charCodeAt(scanned) === 0x0a) {
        line++;
        lineStart = scanned + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
}

/** `name[a][]` -> ['name', 'a', null] (null = `[]`, append); undefined when the key is not bracket syntax. */
function parseKey(key: string): (string | null)[] | undefined {
  const open = key.indexOf('[');
  const name = open < 0 ? key : key.slice(0, open);
  if (name === '' || name.includes(']')) return undefined;
  const segments: (string | null)[] = [name];
  let i = open < 0 ? key.length : open;
  while (i < key.length) {
    if (key[i] !== '[') return undefined;
    const close = key.indexOf(']', i);
    if (close < 0) return undefined;
    const seg = key.slice(i + 1, close);
    if (seg.includes('[')) return undefined;
    segments.push(seg === '' ? null : seg);
    i = close + 1;
  }
  return segments;
}

/** The JSON pointer of a key as far as it can be told without the tree (`[]` shows as `-`). */
function keyPointer(key: string): string {
  const segs = parseKey(key);
  return segs ? pointer(segs.map((s) => s ?? '-')) : '';
}

type FormNode = { readonly kind: 'text'; readonly text: string } | FormMap;

interface FormMap {
  readonly kind: 'map';
  readonly entries: Map<string, FormNode>;
  /** The index `[]` appends at: one more than the greatest list index so far (PHP). */
  next: number;
}

const INDEX = /^(0|[1-9][0-9]*)$/;

function isIndex(k: string): boolean {
  return INDEX.test(k) && Number(k) <= Number.MAX_SAFE_INTEGER;
}

class TooMany extends Error {}

/**
 * Rebuilds the nested wire value from bracket keys and coerces each text by the type it lands on:
 * integer/number from decimal text, boolean from 1/0, null from '', strings as they are, enums of mixed
 * type by their sent text. Objects with `extra: {map}` take any key; unknown keys are kept as text with a
 * `unknown-property` warning (errors when the type forbids them). Lists need indices 0..n-1 or `[]`.
 * A union takes its first member whose coerced value `JsonCodec` accepts (as `decodeValue` would).
 * Issues carry JSON pointers in wire names (`/schedules/0/retain`). Checks beyond what coercion needs
 * (required properties, ranges, patterns) are `JsonCodec.decodeValue`'s: run it on `value`.
 */
export function formToWire(pairs: readonly (readonly [string, string])[], type: JsonTypeDesc, options: FormToWireOptions = {}): FormToWireResult {
  const maxDepth = options.maxDepth ?? 64;
  const c = new Coercer(options.maxIssues ?? 100, new Map(), []);
  const parsed = (pairs as { readonly issues?: unknown }).issues;
  try {
    if (Array.isArray(parsed)) for (const i of parsed as Issue[]) c.add(i);
    const root: FormMap = { kind: 'map', entries: new Map(), next: 0 };
    for (const [key, text] of pairs) {
      const segs = parseKey(key);
      if (!segs) {
        c.add({ path: '', code: 'invalid-value', message: `${JSON.stringify(key)} is not a parameter name in bracket syntax (name, name[key], name[])` });
        continue;
      }
      if (segs.length - 1 > maxDepth) {
        c.add({ path: pointer([segs[0]!]), code: 'too-deep', message: `${JSON.stringify(key)} nests deeper than ${maxDepth} levels` });
        continue;
      }
      let node = root;
      const path: string[] = [];
      for (let j = 0; j < segs.length; j++) {
        const k = segs[j] ?? String(node.next);
        if (isIndex(k) && Number(k) >= node.next) node.next = Number(k) + 1;
        path.push(k);
        const existing = node.entries.get(k);
        if (j === segs.length - 1) {
          if (existing) c.add({ path: pointer(path), code: 'duplicate-element', message: `${JSON.stringify(key)} is given again: the last value wins`, severity: 'warning' });
          node.entries.set(k, { kind: 'text', text });
        } else if (existing?.kind === 'map') {
          node = existing;
        } else {
          if (existing) c.add({ path: pointer(path), code: 'duplicate-element', message: `${JSON.stringify(key)} replaces the value given earlier for ${pointer(path)}`, severity: 'warning' });
          const child: FormMap = { kind: 'map', entries: new Map(), next: 0 };
          node.entries.set(k, child);
          node = child;
        }
      }
    }
    const value = c.coerce(root, type);
    return { value, issues: c.issues };
  } catch (e) {
    if (e instanceof TooMany) return { value: undefined, issues: c.issues };
    throw e;
  }
}

class Coercer {
  readonly issues: Issue[] = [];
  readonly #path: (string | number)[];
  readonly #max: number;
  readonly #codecs: Map<JsonTypeDesc, JsonCodec<unknown>>;
  readonly #objects = new Map<JsonObjectDesc, ReadonlyMap<string, JsonPropDesc>>();

  constructor(max: number, codecs: Map<JsonTypeDesc, JsonCodec<unknown>>, path: readonly (string | number)[]) {
    this.#max = max;
    this.#codecs = codecs;
    this.#path = [...path];
  }

  add(issue: Issue): void {
    if (this.issues.length >= this.#max) throw new TooMany();
    this.issues.push(issue);
  }

  #issue(code: IssueCode, message: string, severity?: 'warning'): void {
    this.add(severity ? { path: pointer(this.#path), code, message, severity } : { path: pointer(this.#path), code, message });
  }

  coerce(node: FormNode, t: JsonTypeDesc): unknown {
    switch (t.kind) {
      case 'jscalar':
        if (node.kind === 'text') return this.#scalar(node.text, t);
        if (t.type === 'any' && !t.enum) return untyped(node);
        this.#issue('wrong-type', `expected ${scalarName(t)}, got bracketed parameters (${describeKeys(node)})`);
        return untyped(node);
      case 'jobject':
        if (node.kind === 'text') {
          this.#issue('wrong-type', `expected an object${t.name ? ` (${t.name})` : ''} sent as name[key]=value, got the value ${describe(node.text)}`);
          return node.text;
        }
        return this.#object(node, t);
      case 'jarray':
        if (node.kind === 'text') {
          this.#issue('wrong-type', `expected a list${t.name ? ` (${t.name})` : ''} sent as name[0]=value, got the value ${describe(node.text)}`);
          return node.text;
        }
        return this.#array(node, t.items());
      case 'junion': {
        const failures: string[] = [];
        for (const m of t.members) {
          const member = m();
          const r = this.#probe(node, member);
          const firstError = r.issues.find((i) => i.severity !== 'warning');
          if (!firstError) {
            const decoded = this.#codec(member).decodeValue(r.value);
            if (decoded.ok) {
              for (const w of r.issues) this.add(w);
              return r.value;
            }
            failures.push(`${member.name || member.kind} (${decoded.issues[0]?.path ?? ''}: ${decoded.issues[0]?.message ?? 'rejected'})`);
          } else failures.push(`${member.name || member.kind} (${firstError.path}: ${firstError.message})`);
        }
        this.#issue('no-match', `the parameters match none of: ${failures.join(', ')}`);
        return untyped(node);
      }
    }
  }

  #probe(node: FormNode, t: JsonTypeDesc): { value: unknown; issues: Issue[] } {
    const probe = new Coercer(this.#max, this.#codecs, this.#path);
    try {
      return { value: probe.coerce(node, t), issues: probe.issues };
    } catch (e) {
      if (e instanceof TooMany) return { value: undefined, issues: probe.issues };
      throw e;
    }
  }

  #codec(t: JsonTypeDesc): JsonCodec<unknown> {
    let codec = this.#codecs.get(t);
    if (!codec) {
      codec = new JsonCodec<unknown>(t.name, () => t);
      this.#codecs.set(t, codec);
    }
    return codec;
  }

  #object(node: FormMap, t: JsonObjectDesc): unknown {
    let props = this.#objects.get(t);
    if (!props) {
      props = new Map(t.props.map((p) => [p.wire, p]));
      this.#objects.set(t, props);
    }
    const out: Record<string, unknown> = {};
    for (const [k, child] of node.entries) {
      this.#path.push(k);
      const p = props.get(k);
      if (p) {
        const type = p.type();
        if (p.nullable && child.kind === 'text' && child.text === '') {
          // Empty text at a nullable property: null unless the type takes the empty text itself.
          const r = this.#probe(child, type);
          if (r.issues.some((i) => i.severity !== 'warning')) define(out, k, null);
          else {
            for (const i of r.issues) this.add(i);
            define(out, k, r.value);
          }
        } else define(out, k, this.coerce(child, type));
      } else if (t.extra === 'forbid') {
        this.#issue('unknown-property', `unknown parameter "${k}"${t.name ? ` in ${t.name}` : ''}`);
      } else if (t.extra === 'keep') {
        this.#issue('unknown-property', `unknown parameter "${k}"${t.name ? ` in ${t.name}` : ''} (kept as text)`, 'warning');
        define(out, k, untyped(child));
      } else define(out, k, this.coerce(child, t.extra.map()));
      this.#path.pop();
    }
    return out;
  }

  #array(node: FormMap, items: JsonTypeDesc): unknown {
    const indexed: [number, FormNode][] = [];
    let last = -1;
    let outOfOrder = false;
    for (const [k, child] of node.entries) {
      if (!isIndex(k)) {
        this.#path.push(k);
        this.#issue('invalid-value', `"${k}" is not a list index (0, 1, 2, ...)`);
        this.#path.pop();
        continue;
      }
      const n = Number(k);
      if (n < last) outOfOrder = true;
      last = n;
      indexed.push([n, child]);
    }
    indexed.sort((a, b) => a[0] - b[0]);
    if (outOfOrder) this.#issue('out-of-order', 'list indices are not in ascending order (items are placed by index)', 'warning');
    const missing = indexed.findIndex(([n], i) => n !== i);
    if (missing >= 0) this.#issue('invalid-value', `list indices must be 0..${indexed.length - 1}: index ${missing} is missing`);
    return indexed.map(([n, child]) => {
      this.#path.push(n);
      const v = this.coerce(child, items);
      this.#path.pop();
      return v;
    });
  }

  #scalar(text: string, t: JsonScalarDesc): unknown {
    switch (t.type) {
      case 'any':
        if (t.enum) {
          const hit = t.enum.find((e) => formText(e) === text);
          if (hit !== undefined) return hit;
          this.#issue('enumeration', `${describe(text)} is not one of ${t.enum.map((e) => JSON.stringify(e)).join(', ')}${t.name ? ` (${t.name})` : ''}`);
        }
        return text;
      case 'string':
        return text;
      case 'integer':
      case 'number': {
        if (!DECIMAL.test(text)) {
          this.#issue('invalid-value', `${describe(text)} is not ${t.type === 'integer' ? 'a decimal integer' : 'a decimal number'}`);
          return text;
        }
        const n = Number(text);
        if (!Number.isFinite(n)) {
          this.#issue('invalid-value', `${describe(text)} is out of range`);
          return text;
        }
        if (t.type === 'integer' && !Number.isInteger(n)) {
          this.#issue('invalid-value', `${describe(text)} is not an integer`);
          return text;
        }
        return n === 0 ? 0 : n;
      }
      case 'boolean':
        if (text === '1') return true;
        if (text === '0') return false;
        if (/^(true|false)$/i.test(text)) {
          this.#issue('invalid-value', `${describe(text)}: booleans are sent as 1 or 0 (JetBackup does not support true/false, and PHP reads "false" as true)`);
        } else this.#issue('invalid-value', `${describe(text)} is not a boolean (1 or 0)`);
        return text;
      case 'null':
        if (text === '') return null;
        this.#issue('invalid-value', `${describe(text)} is not null (an empty value)`);
        return text;
    }
  }
}

/** Decimal text: optional minus, digits with an optional fraction (leading zeros allowed: `time=0350`), optional exponent. */
const DECIMAL = /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/** PHP's view of untyped input: a map with keys exactly 0..n-1 in order is a list, any other an object. */
function untyped(node: FormNode): unknown {
  if (node.kind === 'text') return node.text;
  let i = 0;
  let list = true;
  for (const k of node.entries.keys()) {
    if (k !== String(i++)) {
      list = false;
      break;
    }
  }
  if (list) return [...node.entries.values()].map(untyped);
  const out: Record<string, unknown> = {};
  for (const [k, v] of node.entries) define(out, k, untyped(v));
  return out;
}

function scalarName(t: JsonScalarDesc): string {
  const what = { any: 'a scalar', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', null: 'null' }[t.type];
  return t.name && t.name !== t.type ? `${what} (${t.name})` : what;
}

function describeKeys(node: FormMap): string {
  const keys = [...node.entries.keys()];
  return keys.length > 3 ? `[${keys.slice(0, 3).join('], [')}], ...` : `[${keys.join('], [')}]`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return v.length ? 'an array' : 'an empty array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return Object.keys(v).length ? 'an object' : 'an empty object';
  return String(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isWellFormed(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d < 0xdc00 || d > 0xdfff) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

/** Own data property, even for names like `__proto__`. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
