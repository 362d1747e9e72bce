/**
 * Codecs of JSON types. One walker serves decoding (wire names -> TypeScript names), validation and
 * encoding (TypeScript names -> wire names), so what validates always encodes and the issues carry
 * the same JSON pointers (`/data/jobs/0/destination/1`, in wire names) in every direction.
 *
 * Unknown properties are kept (with their wire name) and reported as warnings, unless the type
 * forbids them; nothing is dropped silently.
 */
import { DecodeError, EncodeError, errorsOf, JsonParseError, summarize, type Issue, type IssueCode } from './errors.js';
import type { JsonObjectDesc, JsonPropDesc, JsonScalar, JsonScalarDesc, JsonTypeDesc } from './json-schema.js';
import { readJson, type JsonReadOptions } from './json-reader.js';

export interface JsonValidateOptions {
  /** Ignore missing required properties (for fragments, e.g. one cell of a documentation table). */
  readonly partial?: boolean;
  /**
   * Stop after this many issues (default 100). Warnings beyond it are left out of the report (the value
   * is still decoded, kept fields included); an error beyond it is still reported, then the walk stops.
   */
  readonly maxIssues?: number;
}

export interface JsonDecodeOptions extends JsonReadOptions, JsonValidateOptions {}

export type JsonDecodeResult<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly error: Error };

interface CompiledObject {
  readonly byWire: ReadonlyMap<string, JsonPropDesc>;
  readonly byProp: ReadonlyMap<string, JsonPropDesc>;
}

/** decode: wire -> TS names; encode: TS -> wire names; check: like encode, but builds nothing (validate). */
type Direction = 'decode' | 'encode' | 'check';

class TooMany extends Error {}

class Walker {
  readonly issues: Issue[] = [];
  readonly #path: (string | number)[] = [];
  readonly #dir: Direction;
  readonly #partial: boolean;
  readonly #max: number;
  readonly #objects: Map<JsonObjectDesc, CompiledObject>;
  #errors = 0;

  constructor(dir: Direction, options: JsonValidateOptions, objects: Map<JsonObjectDesc, CompiledObject>) {
    this.#dir = dir;
    this.#partial = options.partial ?? false;
    this.#max = options.maxIssues ?? 100;
    this.#objects = objects;
  }

  walk(t: JsonTypeDesc, v: unknown): unknown {
    switch (t.kind) {
      case 'jscalar':
        return this.#scalar(t, v);
      case 'jobject':
        return this.#object(t, v);
      case 'jarray': {
        if (!Array.isArray(v)) return this.#issue('wrong-type', `expected an array${t.name ? ` (${t.name})` : ''}, got ${describe(v)}`);
        if (t.minItems !== undefined && v.length < t.minItems) this.#issue('min-items', `at least ${t.minItems} item(s) required, got ${v.length}`);
        if (t.maxItems !== undefined && v.length > t.maxItems) this.#issue('max-items', `at most ${t.maxItems} item(s) allowed, got ${v.length}`);
        const items = t.items();
        if (this.#dir === 'check') {
          for (let i = 0; i < v.length; i++) {
            this.#path.push(i);
            this.walk(items, v[i]);
            this.#path.pop();
          }
          return v;
        }
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          this.#path.push(i);
          out[i] = this.walk(items, v[i]);
          this.#path.pop();
        }
        return out;
      }
      case 'junion': {
        // The first member that accepts the value wins; its warnings are kept.
        for (const member of t.members) {
          const probe = new Walker(this.#dir, { partial: this.#partial, maxIssues: this.#max }, this.#objects);
          probe.#path.push(...this.#path);
          const out = run(probe, member(), v);
          // A probe stops early only on an error, so no errors means it walked the whole value.
          if (errorsOf(probe.issues).length === 0) {
            for (const w of probe.issues) this.#warn(w.code, w.message, w.path);
            return out;
          }
        }
        const names = t.members.map((m) => m().name || m().kind).join(', ');
        return this.#issue('no-match', `${describe(v)} matches none of: ${names}`);
      }
    }
  }

  #scalar(t: JsonScalarDesc, v: unknown): unknown {
    if (t.enum) {
      let hit = false;
      for (let i = 0; i < t.enum.length; i++) if (t.enum[i] === v) hit = true;
      if (!hit) {
        return this.#issue('enumeration', `${describe(v)} is not one of ${t.enum.map((e) => JSON.stringify(e)).join(', ')}${t.name ? ` (${t.name})` : ''}`);
      }
    }
    switch (t.type) {
      case 'any':
        if (!t.enum && !isJson(v)) {
          return nonFinite(v) ? this.#issue('invalid-value', 'a number beyond the range of a double') : this.#issue('wrong-type', `${describe(v)} is not a JSON value`);
        }
        return v;
      case 'string':
        if (typeof v !== 'string') return this.#issue('wrong-type', `expected a string, got ${describe(v)}`);
        if (t.minLength !== undefined || t.maxLength !== undefined) {
          const n = codePoints(v);
          if (t.minLength !== undefined && n < t.minLength) this.#issue('min-length', `${describe(v)} is shorter than ${t.minLength}`);
          if (t.maxLength !== undefined && n > t.maxLength) this.#issue('max-length', `${describe(v)} is longer than ${t.maxLength}`);
        }
        if (t.pattern && !t.pattern.test(v)) this.#issue('pattern', `${describe(v)} does not match ${t.pattern.source}`);
        return v;
      case 'integer':
      case 'number':
        if (typeof v !== 'number') return this.#issue('wrong-type', `expected ${t.type === 'integer' ? 'an integer' : 'a number'}, got ${describe(v)}`);
        if (nonFinite(v)) return this.#issue('invalid-value', `a number beyond the range of a double (${v})`);
        if (Number.isNaN(v)) return this.#issue('wrong-type', `expected ${t.type === 'integer' ? 'an integer' : 'a number'}, got NaN`);
        if (t.type === 'integer' && !Number.isInteger(v)) return this.#issue('wrong-type', `expected an integer, got ${v}`);
        if (t.type === 'integer' && !Number.isSafeInteger(v)) return this.#issue('invalid-value', `${v} is beyond 2^53 and cannot be represented exactly`);
        if (t.minimum !== undefined && v < t.minimum) this.#issue('min-inclusive', `${v} is less than ${t.minimum}`);
        if (t.maximum !== undefined && v > t.maximum) this.#issue('max-inclusive', `${v} is greater than ${t.maximum}`);
        if (t.exclusiveMinimum !== undefined && v <= t.exclusiveMinimum) this.#issue('min-exclusive', `${v} must be greater than ${t.exclusiveMinimum}`);
        if (t.exclusiveMaximum !== undefined && v >= t.exclusiveMaximum) this.#issue('max-exclusive', `${v} must be less than ${t.exclusiveMaximum}`);
        return v;
      case 'boolean':
        if (typeof v !== 'boolean') return this.#issue('wrong-type', `expected true or false, got ${describe(v)}`);
        return v;
      case 'null':
        if (v !== null) return this.#issue('wrong-type', `expected null, got ${describe(v)}`);
        return v;
    }
  }

  #object(t: JsonObjectDesc, v: unknown): unknown {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return this.#issue('wrong-type', `expected an object${t.name ? ` (${t.name})` : ''}, got ${describe(v)}`);
    }
    const c = this.#compile(t);
    const input = v as Record<string, unknown>;
    // `check` (validate) builds nothing: `out` stays a throwaway that nothing writes to.
    const build = this.#dir !== 'check';
    const out: Record<string, unknown> = build ? {} : NOTHING;
    const decoding = this.#dir === 'decode';
    let found = 0;
    for (const p of t.props) {
      const inKey = decoding ? p.wire : p.prop;
      const outKey = decoding ? p.prop : p.wire;
      // Own properties only: a key Object.prototype also has (`constructor`) must not read the inherited one.
      const x = INHERITED.has(inKey) ? (Object.prototype.hasOwnProperty.call(input, inKey) ? input[inKey] : undefined) : input[inKey];
      if (x === undefined) {
        if (p.required && !this.#partial) {
          this.#path.push(p.wire);
          this.#issue('missing-property', `"${p.wire}" is required${t.name ? ` in ${t.name}` : ''}`);
          this.#path.pop();
        }
        continue;
      }
      found++;
      this.#path.push(p.wire);
      const y = x === null && p.nullable ? null : this.walk(p.type(), x);
      this.#path.pop();
      if (build) define(out, outKey, y);
    }
    // Undeclared properties: counting first spares the lookups when there are none (the common case).
    // (Object.keys is cached per object shape by the engine: cheaper than a for-in with own checks.)
    if (Object.keys(input).length === found) return build ? out : v;
    for (const key of Object.keys(input)) {
      if ((decoding ? c.byWire : c.byProp).has(key)) continue;
      const x = input[key];
      if (x === undefined) continue;
      this.#path.push(key);
      const extra = t.extra;
      if (extra === 'forbid') {
        this.#issue('unknown-property', `unknown property "${key}"${t.name ? ` in ${t.name}` : ''}`);
      } else if (extra === 'keep') {
        const shadow = decoding ? c.byProp.get(key) : c.byWire.get(key);
        if (shadow) {
          this.#issue('unknown-property', `unknown property "${key}" has the name "${key}" uses for "${shadow.wire}": it cannot be kept`);
        } else {
          this.#warn('unknown-property', `unknown property "${key}"${t.name ? ` in ${t.name}` : ''} (kept)`);
          if (isJson(x)) {
            if (build) define(out, key, x);
          } else this.#issue(nonFinite(x) ? 'invalid-value' : 'wrong-type', nonFinite(x) ? `"${key}": a number beyond the range of a double` : `"${key}" is not a JSON value`);
        }
      } else {
        const y = this.walk(extra.map(), x);
        if (build) define(out, key, y);
      }
      this.#path.pop();
    }
    return build ? out : v;
  }

  #compile(t: JsonObjectDesc): CompiledObject {
    let c = this.#objects.get(t);
    if (!c) {
      c = { byWire: new Map(t.props.map((p) => [p.wire, p])), byProp: new Map(t.props.map((p) => [p.prop, p])) };
      this.#objects.set(t, c);
    }
    return c;
  }

  #issue(code: IssueCode, message: string): undefined {
    if (this.issues.length >= this.#max) {
      // Over the limit: stop. If only warnings filled it, this error is kept, or the result would
      // wrongly read as a success (with no value, the walk being cut short).
      if (this.#errors === 0) this.issues.push({ path: pointer(this.#path), code, message });
      throw new TooMany();
    }
    this.#errors++;
    this.issues.push({ path: pointer(this.#path), code, message });
    return undefined;
  }

  #warn(code: IssueCode, message: string, path = pointer(this.#path)): void {
    if (this.issues.length >= this.#max) {
      // Once an error is known there is nothing left to decode: stop. Before that, keep walking (the
      // value may well be valid) and leave the warning out of the report.
      if (this.#errors > 0) throw new TooMany();
      return;
    }
    this.issues.push({ path, code, message, severity: 'warning' });
  }
}

/** A JSON pointer (RFC 6901) from path segments. */
export function pointer(path: readonly (string | number)[]): string {
  let out = '';
  for (const s of path) out += `/${typeof s === 'number' ? s : s.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  return out;
}

/** Names every object inherits: reading them needs an own-property check. */
const INHERITED: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A sink for `check` walks (never read). */
const NOTHING: Record<string, unknown> = {};

/** A JSON number that does not fit a double: JSON.parse turns 1e400 into Infinity. */
function nonFinite(v: unknown): boolean {
  return v === Infinity || v === -Infinity;
}

/** Own data property, even for names like `__proto__`. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

function isJson(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  if (typeof v === 'object') return Object.values(v as object).every(isJson);
  return false;
}

/** Length in code points: a surrogate pair counts once, a lone surrogate once too. */
function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n++;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

export interface JsonCodecOptions {
  /** The value may be `null` (a `$defs` entry typed `[T, "null"]`). */
  readonly nullable?: boolean;
}

export class JsonCodec<T> {
  readonly #type: () => JsonTypeDesc;
  readonly name: string;
  readonly #nullable: boolean;
  readonly #objects = new Map<JsonObjectDesc, CompiledObject>();

  constructor(name: string, type: () => JsonTypeDesc, options: JsonCodecOptions = {}) {
    this.name = name;
    this.#type = type;
    this.#nullable = options.nullable ?? false;
  }

  get type(): JsonTypeDesc {
    return this.#type();
  }

  /** Parses and decodes JSON text; throws JsonParseError or DecodeError (errors only: warnings do not throw). */
  decode(input: string | Uint8Array, options: JsonDecodeOptions = {}): T {
    const r = this.safeDecode(input, options);
    if (!r.ok) throw r.error;
    return r.value;
  }

  /** Like `decode`, without throwing; a successful result carries the warnings (e.g. unknown fields kept). */
  safeDecode(input: string | Uint8Array, options: JsonDecodeOptions = {}): JsonDecodeResult<T> {
    try {
      return this.decodeValue(readJson(input, options), options);
    } catch (e) {
      if (e instanceof Error && 'issues' in e) return { ok: false, issues: (e as DecodeError).issues, error: e };
      // Only with a maxDepth raised beyond what the call stack holds: the reader's error locator or
      // the walker (both recursive) ran out of stack. Still a result, not a throw.
      if (e instanceof RangeError) {
        const error = new JsonParseError('too-deep', 'nesting too deep for the call stack (lower maxDepth)', 1, 1);
        return { ok: false, issues: error.issues, error };
      }
      throw e;
    }
  }

  /** Decodes an already parsed JSON value (wire names). */
  decodeValue(value: unknown, options: JsonValidateOptions = {}): JsonDecodeResult<T> {
    const w = new Walker('decode', options, this.#objects);
    const out = value === null && this.#nullable ? null : run(w, this.#type(), value);
    const errors = errorsOf(w.issues);
    if (errors.length) return { ok: false, issues: w.issues, error: new DecodeError(summarize(`invalid ${this.name}`, errors), w.issues) };
    return { ok: true, value: out as T, warnings: w.issues };
  }

  /** Every issue of a JSON document: errors and warnings ([] when clean). */
  validateJson(input: string | Uint8Array, options: JsonDecodeOptions = {}): Issue[] {
    const r = this.safeDecode(input, options);
    return r.ok ? [...r.warnings] : [...r.issues];
  }

  /** Issues of a TypeScript value (errors and warnings). */
  validate(value: unknown, options?: JsonValidateOptions): Issue[] {
    if (value === null && this.#nullable) return [];
    // A compiled pre-check first: it builds no paths and allocates nothing, and answers CLEAN only
    // when the walker would report no issue at all. Anything else (an issue, or a doubt) is walked
    // as before, so the issues, their pointers, codes and messages are the walker's.
    if (quickCheck(this.#type(), value, options?.partial ?? false) === CLEAN) return [];
    const w = new Walker('check', options ?? {}, this.#objects);
    run(w, this.#type(), value);
    return w.issues;
  }

  /**
   * The wire form of a value (JSON names), ready for JSON.stringify or form encoding; throws
   * EncodeError. `partial` lets a fragment decoded with `partial` be encoded back.
   */
  toWire(value: T, options: { readonly partial?: boolean } = {}): unknown {
    if (value === null && this.#nullable) return null;
    const w = new Walker('encode', options, this.#objects);
    const out = run(w, this.#type(), value);
    const errors = errorsOf(w.issues);
    if (errors.length) throw new EncodeError(summarize(`cannot encode ${this.name}`, errors), w.issues);
    return out;
  }

  /** JSON text of a value; throws EncodeError listing every error. */
  encode(value: T, options: { readonly indent?: number | string; readonly partial?: boolean } = {}): string {
    return JSON.stringify(this.toWire(value, options.partial ? { partial: true } : {}), null, options.indent);
  }
}

/*
 * The validate pre-check. Each descriptor is compiled once (per descriptor, cached) into a checker
 * that answers, for a TypeScript value, what the `check` walker would report:
 *   CLEAN: no issue at all (no error, no warning);
 *   ERROR: at least one error (used by unions, whose members are probed in order);
 *   UNSURE: anything else (e.g. an unknown property, which is a warning): the walker decides.
 * It reads exactly what the walker reads, in the same way, and never calls a stateful (global or
 * sticky) pattern, so running it first changes nothing the caller can see.
 */
const CLEAN = 0;
const ERROR = 1;
const UNSURE = 2;
type Verdict = typeof CLEAN | typeof ERROR | typeof UNSURE;
type Checker = (v: unknown, partial: boolean) => Verdict;

const checkers = new WeakMap<JsonTypeDesc, Checker>();

function quickCheck(t: JsonTypeDesc, v: unknown, partial: boolean): Verdict {
  try {
    return checkerOf(t)(v, partial);
  } catch {
    // E.g. a value nested beyond the call stack: let the walker meet it as before.
    return UNSURE;
  }
}

function checkerOf(t: JsonTypeDesc): Checker {
  let c = checkers.get(t);
  if (!c) {
    c = compileChecker(t);
    checkers.set(t, c);
  }
  return c;
}


function compileChecker(t: JsonTypeDesc): Checker {
  switch (t.kind) {
    case 'jscalar':
      return scalarChecker(t);
    case 'jarray': {
      // Children are compiled on first use (types may refer to themselves).
      let items: Checker | undefined;
      const min = t.minItems ?? -1;
      const max = t.maxItems ?? Infinity;
      return (v, partial) => {
        if (!Array.isArray(v)) return ERROR;
        items ??= checkerOf(t.items());
        if (v.length < min || v.length > max) return ERROR;
        let verdict: Verdict = CLEAN;
        for (let i = 0; i < v.length; i++) {
          const r = items(v[i], partial);
          if (r === ERROR) return ERROR;
          if (r !== CLEAN) verdict = UNSURE;
        }
        return verdict;
      };
    }
    case 'junion': {
      let members: Checker[] | undefined;
      return (v, partial) => {
        members ??= t.members.map((m) => checkerOf(m()));
        // The walker takes the first member without errors (keeping its warnings).
        for (let i = 0; i < members.length; i++) {
          const r = members[i]!(v, partial);
          if (r !== ERROR) return r;
        }
        return ERROR;
      };
    }
    case 'jobject':
      return objectChecker(t);
  }
}

const CALL = 0;
const STRING = 1;
const PATTERN = 2;
const INTEGER = 3;
const BOOLEAN = 4;
const ENUM = 5;
const ENUM_INTEGER = 6;

function objectChecker(t: JsonObjectDesc): Checker {
  const n = t.props.length;
  const keys = t.props.map((p) => p.prop);
  const inherited = t.props.map((p) => INHERITED.has(p.prop));
  const required = t.props.map((p) => p.required);
  const nullable = t.props.map((p) => p.nullable);
  // Children are compiled on first use (types may refer to themselves).
  let types: Checker[] | undefined;
  const declared: ReadonlySet<string> = new Set(keys);
  const extra = t.extra;
  let map: Checker | undefined;
  const hasOwn = Object.prototype.hasOwnProperty;
  // The common scalars are checked in the loop itself (no call): `op` says how, with `low`, `high`
  // (integer bounds), `pattern` and `values` (enumeration). The others call their checker.
  const op: number[] = new Array<number>(n).fill(CALL);
  const low: number[] = new Array<number>(n).fill(-Infinity);
  const high: number[] = new Array<number>(n).fill(Infinity);
  const pattern: (RegExp | undefined)[] = new Array<RegExp | undefined>(n).fill(undefined);
  const values: (readonly JsonScalar[] | undefined)[] = new Array<readonly JsonScalar[] | undefined>(n).fill(undefined);
  const inline = (d: JsonTypeDesc, i: number): void => {
    if (d.kind !== 'jscalar' || d.minLength !== undefined || d.maxLength !== undefined) return;
    if (d.exclusiveMinimum !== undefined || d.exclusiveMaximum !== undefined) return;
    if (d.pattern && (d.pattern.global || d.pattern.sticky)) return;
    low[i] = d.minimum ?? -Infinity;
    high[i] = d.maximum ?? Infinity;
    pattern[i] = d.pattern;
    values[i] = d.enum;
    if (d.type === 'any' && d.enum) op[i] = ENUM;
    else if (d.type === 'string' && !d.enum) op[i] = d.pattern ? PATTERN : STRING;
    else if (d.type === 'integer') op[i] = d.enum ? ENUM_INTEGER : INTEGER;
    else if (d.type === 'boolean' && !d.enum) op[i] = BOOLEAN;
  };
  return (v, partial) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return ERROR;
    if (!types) {
      const descs = t.props.map((p) => p.type());
      for (let i = 0; i < n; i++) inline(descs[i]!, i);
      types = descs.map(checkerOf);
      if (typeof extra === 'object') map = checkerOf(extra.map());
    }
    const input = v as Record<string, unknown>;
    let verdict: Verdict = CLEAN;
    let found = 0;
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const x = inherited[i] ? (hasOwn.call(input, key) ? input[key] : undefined) : input[key];
      if (x === undefined) {
        if (required[i] && !partial) return ERROR;
        continue;
      }
      found++;
      if (x === null && nullable[i]) continue;
      switch (op[i]) {
        case STRING:
          if (typeof x !== 'string') return ERROR;
          continue;
        case PATTERN:
          if (typeof x !== 'string' || !pattern[i]!.test(x)) return ERROR;
          continue;
        case INTEGER:
          if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < low[i]! || x > high[i]!) return ERROR;
          continue;
        case BOOLEAN:
          if (typeof x !== 'boolean') return ERROR;
          continue;
        case ENUM:
        case ENUM_INTEGER: {
          const e = values[i]!;
          let hit = false;
          for (let k = 0; k < e.length; k++) {
            if (e[k] === x) {
              hit = true;
              break;
            }
          }
          if (!hit) return ERROR;
          if (op[i] === ENUM_INTEGER && (typeof x !== 'number' || !Number.isSafeInteger(x) || x < low[i]! || x > high[i]!)) return ERROR;
          continue;
        }
      }
      const r = types![i]!(x, partial);
      if (r === ERROR) return ERROR;
      if (r !== CLEAN) verdict = UNSURE;
    }
    const all = Object.keys(input);
    if (all.length === found) return verdict;
    for (let i = 0; i < all.length; i++) {
      const key = all[i]!;
      if (declared.has(key)) continue;
      const x = input[key];
      if (x === undefined) continue;
      if (extra === 'forbid') return ERROR;
      if (!map) return UNSURE; // kept with a warning (or refused): the walker words it
      const r = map(x, partial);
      if (r === ERROR) return ERROR;
      if (r !== CLEAN) verdict = UNSURE;
    }
    return verdict;
  };
}

function scalarChecker(t: JsonScalarDesc): Checker {
  const values = t.enum;
  const base = baseScalarChecker(t);
  if (!values || t.type === 'any') return base;
  // An enumeration first, as the walker checks it first.
  return (v, partial) => {
    for (let i = 0; i < values.length; i++) if (values[i] === v) return base(v, partial);
    return ERROR;
  };
}

function baseScalarChecker(t: JsonScalarDesc): Checker {
  switch (t.type) {
    case 'any': {
      const values = t.enum;
      if (values) {
        return (v) => {
          for (let i = 0; i < values.length; i++) if (values[i] === v) return CLEAN;
          return ERROR;
        };
      }
      return (v) => (isJson(v) ? CLEAN : ERROR);
    }
    case 'string': {
      const pattern = t.pattern;
      // A global or sticky pattern keeps state between calls: leave it to the walker alone.
      if (pattern && (pattern.global || pattern.sticky)) return () => UNSURE;
      if (t.minLength !== undefined || t.maxLength !== undefined) {
        const minLength = t.minLength ?? -1;
        const maxLength = t.maxLength ?? Infinity;
        return (v) => {
          if (typeof v !== 'string') return ERROR;
          const n = codePoints(v);
          if (n < minLength || n > maxLength) return ERROR;
          return pattern && !pattern.test(v) ? ERROR : CLEAN;
        };
      }
      if (pattern) return (v) => (typeof v === 'string' && pattern.test(v) ? CLEAN : ERROR);
      return (v) => (typeof v === 'string' ? CLEAN : ERROR);
    }
    case 'integer':
    case 'number': {
      const integer = t.type === 'integer';
      const minimum = t.minimum ?? -Infinity;
      const maximum = t.maximum ?? Infinity;
      const exclusiveMinimum = t.exclusiveMinimum;
      const exclusiveMaximum = t.exclusiveMaximum;
      // Number.isSafeInteger and Number.isFinite also refuse NaN and the infinities, as the walker does.
      if (exclusiveMinimum !== undefined || exclusiveMaximum !== undefined) {
        const lower = exclusiveMinimum ?? -Infinity;
        const upper = exclusiveMaximum ?? Infinity;
        return (v) => {
          if (typeof v !== 'number') return ERROR;
          if (integer ? !Number.isSafeInteger(v) : !Number.isFinite(v)) return ERROR;
          return v < minimum || v > maximum || v <= lower || v >= upper ? ERROR : CLEAN;
        };
      }
      if (integer) return (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= minimum && v <= maximum ? CLEAN : ERROR);
      return (v) => (typeof v === 'number' && Number.isFinite(v) && v >= minimum && v <= maximum ? CLEAN : ERROR);
    }
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? CLEAN : ERROR);
    case 'null':
      return (v) => (v === null ? CLEAN : ERROR);
  }
}

function run(w: Walker, t: JsonTypeDesc, v: unknown): unknown {
  try {
    return w.walk(t, v);
  } catch (e) {
    if (e instanceof TooMany) return undefined;
    throw e;
  }
}

/** Declares the codec of a JSON type (used by generated code). */
export function jsonCodec<T>(name: string, type: () => JsonTypeDesc, options: JsonCodecOptions = {}): JsonCodec<T> {
  return new JsonCodec<T>(name, type, options);
}
