/**
 * fast-check arbitraries derived from the runtime descriptors of JSON types (json-schema.ts): values in
 * TypeScript form (property names, not wire names), valid by construction, so that for any generated
 * `v` of a type T: `TCodec.validate(v)` has no errors and `TCodec.decode(TCodec.encode(v))` equals `v`.
 *
 * - jscalar: `enum` picks a member; otherwise by `type`: strings from `pattern` (fc.stringMatching) or of
 *   `minLength..maxLength` code points, integers in `minimum..maximum` (exclusive bounds moved inwards,
 *   safe integers only), finite doubles, booleans, null; `any` is any JSON value.
 * - jobject: required properties always, optional ones sometimes absent (never `undefined`: the types use
 *   exactOptionalPropertyTypes); nullable ones sometimes `null`; `extra: 'keep'` objects sometimes carry
 *   unknown members (kept with a warning); `{map}` objects are dictionaries of the map's type.
 * - jarray: `minItems..maxItems` items (at most `maxItems` of the options past the minimum).
 * - junion: a value of one member, picked at random. Decoding gives the FIRST member that accepts the
 *   value, and a value of member 2 may be accepted by member 1 as well (e.g. an object of member 2 by an
 *   object member 1 that keeps unknown fields, its own members all optional). That is still a round trip
 *   of the JSON value: the walker returns what it read, member 1's declared properties under their names
 *   and everything else kept verbatim, so the decoded value holds the same members with the same values;
 *   only the type it is read as differs. (With `x-ts-name` renames inside such a member this would stop
 *   holding, and the property would fail, which is what it is for.)
 *
 * Numbers never include -0: JSON has no negative zero (JSON.stringify(-0) is "0"), so -0 cannot survive a
 * text round trip and is not a value a server can send.
 *
 * `form: true` restricts values to what PHP form parameters carry back unchanged (templates/runtime/form.ts):
 * no `null` members, unknown members only as strings under bracket-safe names, map keys without `[`, `]`
 * or the empty name, and list items that produce at least one parameter (no empty lists or objects in
 * lists). Empty lists and maps as members are still generated; they produce no parameter and read back as
 * absent (`withoutEmpty` gives the expected value).
 */
import fc from 'fast-check';
import type { JsonObjectDesc, JsonScalarDesc, JsonTypeDesc } from '../../generated/runtime/index.js';

export interface JsonArbitraryOptions {
  /** Nesting (objects and lists) past which optional members and list items are left out. Default 5. */
  readonly maxDepth?: number;
  /** Items generated past `minItems`. Default 3. */
  readonly maxItems?: number;
  /** Unknown members on `extra: 'keep'` objects. Default true (each one is a warning, never an error). */
  readonly extras?: boolean;
  /** Only values that survive a PHP form round trip (see the module comment). Default false. */
  readonly form?: boolean;
}

interface Context {
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly extras: boolean;
  readonly form: boolean;
}

/** An arbitrary of valid TypeScript values of a JSON type. */
export function arbitraryOf(t: JsonTypeDesc, options: JsonArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const ctx: Context = { maxDepth: options.maxDepth ?? 5, maxItems: options.maxItems ?? 3, extras: options.extras ?? true, form: options.form ?? false };
  return build(t, ctx, 0, false);
}

/** Names that trip up naive object handling or JSON pointers. */
const TRICKY_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'a/b', 'a~b', '0', 'é', ' '];

/** Any JSON value (no -0), small. */
export function jsonValue(): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: 2 }).map(withoutNegativeZero);
}

function withoutNegativeZero(v: unknown): unknown {
  if (typeof v === 'number') return Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map(withoutNegativeZero);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) define(out, k, withoutNegativeZero(x));
    return out;
  }
  return v;
}

function build(t: JsonTypeDesc, ctx: Context, depth: number, inList: boolean): fc.Arbitrary<unknown> {
  if (depth > ctx.maxDepth + 20) throw new Error(`${t.name || t.kind}: the type nests without end (a required cycle)`);
  switch (t.kind) {
    case 'jscalar':
      return scalar(t);
    case 'jarray': {
      const deep = depth >= ctx.maxDepth;
      const min = t.minItems ?? 0;
      const max = deep ? min : Math.min(t.maxItems ?? Infinity, min + ctx.maxItems);
      const items = build(t.items(), ctx, depth + 1, true);
      const list = fc.array(ctx.form ? items.filter(producesParameter) : items, { minLength: min, maxLength: max });
      return ctx.form && inList ? list.filter((l) => l.length > 0) : list;
    }
    case 'jobject':
      return object(t, ctx, depth, inList);
    case 'junion':
      return fc.oneof(...t.members.map((m) => build(m(), ctx, depth, inList)));
  }
}

function object(t: JsonObjectDesc, ctx: Context, depth: number, inList: boolean): fc.Arbitrary<unknown> {
  const deep = depth >= ctx.maxDepth;
  const known: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const p of t.props) {
    if (deep && !p.required) continue;
    const value = build(p.type(), ctx, depth + 1, false);
    known[p.prop] = p.nullable && !ctx.form ? fc.option(value, { nil: null, freq: 4 }) : value;
    if (p.required) required.push(p.prop);
  }
  const declared = new Set(t.props.flatMap((p) => [p.prop, p.wire]));
  const key = (ctx.form ? formKey() : fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ maxLength: 8 }))).filter((k) => !declared.has(k));
  const record = fc.record(known, { requiredKeys: required, noNullPrototype: true });
  let extra: fc.Arbitrary<Record<string, unknown>> | undefined;
  const maxKeys = deep ? 0 : ctx.maxItems;
  if (t.extra === 'keep' && ctx.extras && !deep) {
    extra = fc.dictionary(key, ctx.form ? fc.string({ minLength: 1 }) : jsonValue(), { maxKeys: 2, noNullPrototype: true });
  } else if (typeof t.extra === 'object') {
    const values = build(t.extra.map(), ctx, depth + 1, false);
    extra = fc.dictionary(key, ctx.form ? values.filter(producesParameter) : values, { maxKeys, noNullPrototype: true });
  }
  const whole = extra
    ? fc.tuple(record, extra).map(([r, x]) => {
        const out: Record<string, unknown> = { ...r };
        for (const [k, v] of Object.entries(x)) define(out, k, v);
        return out;
      })
    : record;
  return ctx.form && inList ? whole.filter(producesParameter) : whole;
}

/** Names a form can carry: no brackets, not empty; no `.` or space either (PHP renames them at the top level). */
function formKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom('__proto__', 'constructor', '0', '12', 'é'), fc.string({ minLength: 1, maxLength: 8 })).filter((k) => !/[[\]. ]/.test(k));
}

function scalar(t: JsonScalarDesc): fc.Arbitrary<unknown> {
  if (t.enum) {
    if (t.enum.length === 0) throw new Error(`${t.name}: an empty enum has no values`);
    return fc.constantFrom(...t.enum);
  }
  switch (t.type) {
    case 'any':
      return jsonValue();
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string': {
      const { minLength: min = 0, maxLength: max } = t;
      const fits = (s: string) => {
        const n = [...s].length;
        return n >= min && (max === undefined || n <= max) && (!t.pattern || t.pattern.test(s));
      };
      if (t.pattern) return fc.stringMatching(t.pattern).filter(fits);
      const limits = max === undefined ? { minLength: min } : { minLength: min, maxLength: max };
      // Printable ASCII mostly, any code point (astral ones, controls, quotes, backslashes) too.
      return fc.oneof(fc.string(limits), fc.string({ ...limits, unit: 'binary' })).filter(fits);
    }
    case 'integer': {
      const lo = Math.max(Number.MIN_SAFE_INTEGER, t.minimum ?? -Infinity, t.exclusiveMinimum === undefined ? -Infinity : Math.floor(t.exclusiveMinimum) + 1);
      const hi = Math.min(Number.MAX_SAFE_INTEGER, t.maximum ?? Infinity, t.exclusiveMaximum === undefined ? Infinity : Math.ceil(t.exclusiveMaximum) - 1);
      const lo2 = Math.ceil(lo);
      const hi2 = Math.floor(hi);
      if (lo2 > hi2) throw new Error(`${t.name}: no integer between ${lo} and ${hi}`);
      // Small values near the lower bound are the common case; the whole range for the edges.
      return fc.oneof(fc.integer({ min: lo2, max: Math.min(hi2, lo2 + 100) }), fc.integer({ min: lo2, max: hi2 }), fc.constantFrom(lo2, hi2));
    }
    case 'number': {
      const constraints: fc.DoubleConstraints = { noNaN: true, noDefaultInfinity: true };
      const min = t.minimum ?? t.exclusiveMinimum;
      const max = t.maximum ?? t.exclusiveMaximum;
      return fc
        .double({
          ...constraints,
          ...(min === undefined ? {} : { min, minExcluded: t.minimum === undefined }),
          ...(max === undefined ? {} : { max, maxExcluded: t.maximum === undefined }),
        })
        .filter((n) => Number.isFinite(n))
        .map((n) => (Object.is(n, -0) ? 0 : n));
    }
  }
}

/** A list item a form can carry: it produces at least one `name=value` pair. */
function producesParameter(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (Array.isArray(v)) return v.some(producesParameter);
  if (typeof v === 'object') return Object.values(v).some(producesParameter);
  return true;
}

/**
 * What a value reads back as from form parameters: members that produce no parameter (null, empty lists
 * and objects, and objects of such) are absent.
 */
export function withoutEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutEmpty);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (producesParameter(x)) define(out, k, withoutEmpty(x));
    return out;
  }
  return v;
}

/** Own data property, even for `__proto__`. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
