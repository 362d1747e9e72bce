/**
 * Codecs of JSON types. One walker serves decoding (wire names -> TypeScript names), validation and
 * encoding (TypeScript names -> wire names), so what validates always encodes and the issues carry
 * the same JSON pointers (`/data/jobs/0/destination/1`, in wire names) in every direction.
 *
 * Unknown properties are kept (with their wire name) and reported as warnings, unless the type
 * forbids them; nothing is dropped silently.
 */
import { DecodeError, EncodeError, errorsOf, JsonParseError, summarize, type Issue, type IssueCode } from './errors.js';
import type { JsonObjectDesc, JsonPropDesc, JsonScalarDesc, JsonTypeDesc } from './json-schema.js';
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
  validate(value: unknown, options: JsonValidateOptions = {}): Issue[] {
    if (value === null && this.#nullable) return [];
    const w = new Walker('check', options, this.#objects);
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
