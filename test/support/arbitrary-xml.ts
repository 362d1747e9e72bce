/**
 * fast-check arbitraries derived from the runtime descriptors of XML types (templates/runtime/schema.ts):
 * values in the SDK's canonical TypeScript form, valid by construction, so that for any generated `v` of
 * a type T and `C = codec('x', () => T)`: `C.validate(v)` is empty, `C.decode(C.encode(v))` deep-equals
 * `v`, and libxml2 accepts `C.encode(v)` against the schema T came from.
 *
 * Values (the mapping of templates/runtime/simple.ts and compile.ts `shapeOf`):
 * - simple types by builtin: strings (whiteSpace applied: a `collapse` value has no tab/LF/CR and no
 *   leading, trailing or double spaces; a `replace` value no tab/LF/CR), booleans, bigint for
 *   integer/long/positiveInteger/unsignedLong/..., number for int/short/byte/unsigned*, float/double,
 *   canonical decimal strings ('-1.5', '0', no '+', no leading or trailing zeros), date/time and duration
 *   strings, Uint8Array for hexBinary/base64Binary; lists as arrays of item values; unions as a value of one
 *   member that no earlier member would read (decoding gives the FIRST member that accepts the text);
 * - facets: enumeration (a member, read as its canonical value), patterns (fc.stringMatching on the
 *   translated RegExp of the first derivation step, the others as filters), length/minLength/maxLength (code
 *   points, bytes or items), the four range facets, totalDigits/fractionDigits;
 * - complex types: `true` for empty content without attributes, the simple value for simple content without
 *   attributes, AnyValue for untyped content, else an object: attributes (required always, optional
 *   sometimes; fixed ones at their value), the simple content in its property, and element content:
 *   - an element with max 1: the value (absent sometimes when optional; `null` sometimes when nillable and
 *     its type needs no attribute); max > 1: a non-empty array (short), absent instead of empty;
 *   - sequence/all: every child; an optional group sometimes absent altogether;
 *   - choice: exactly one branch (its properties only, so the value fits the OneOf type), or none when optional;
 *   - a repeating group: an array of item objects, one per iteration, each iteration emitting at least one
 *     element (an empty iteration cannot be read back), absent instead of empty;
 *   - a wildcard: a few `{name, value}` items (one when it does not repeat) whose names are declared
 *     neither in the content model nor in `reservedNames`;
 * - untyped content (xs:anyType): `true`, a short text, or (option `anyElements`) `{attributes?, children}`
 *   in the form the decoder builds (no empty attribute map, no whitespace-only or adjacent text children,
 *   at least one element child when there are no attributes);
 * - elements with a `default`: never the empty text (an empty element reads back as the default); with a
 *   `fixed` value: that value.
 *
 * Canonical repetition: the decoder is greedy, so an iteration of a repeating group that could continue the
 * previous one (e.g. `(a*)*` with items [{a:[1]}, {a:[2]}], read back as [{a:[1, 2]}]) is dropped.
 *
 * Recursion is bounded by `maxDepth` (element nesting): past it optional content is left out, repeats are
 * at their minimum and choices take a branch of least nesting; a type that cannot be finite (a required
 * cycle) throws.
 *
 * Not supported (throws when met, never a silently invalid value): `strict` wildcards (libxml2 needs a
 * global declaration per name), range facets on date/time/duration types. QName/NOTATION values carry no
 * prefix (libxml2 checks that a prefix is declared in scope); ENTITY/ENTITIES values, which libxml2 checks
 * against unparsed entities a schema-validated document cannot declare, are generated but cannot pass it.
 */
import fc from 'fast-check';
import type {
  AttributeDesc,
  ComplexTypeDesc,
  ElementDesc,
  GroupDesc,
  ParticleDesc,
  SimpleTypeDesc,
  TypeDesc,
  WildcardDesc,
} from '../../generated/runtime/schema.js';
import { formatSimple, parseSimple, Problem } from '../../generated/runtime/simple.js';

export interface XmlArbitraryOptions {
  /** Element nesting past which optional content is left out and repeats are at their minimum. Default 4. */
  readonly maxDepth?: number;
  /** Items generated past the minimum of a repeat (elements, groups, wildcards, lists). Default 2. */
  readonly maxItems?: number;
  /** Code points generated past minLength for free text. Default 12. */
  readonly maxText?: number;
  /**
   * Global element names of the schema set: never used for wildcard items or untyped children (a lax
   * wildcard, and xs:anyType's content, validate an element that has a global declaration against it).
   */
  readonly reservedNames?: readonly string[];
  /** Untyped content sometimes as `{attributes?, children}` (default true); else only `true` or a text. */
  readonly anyElements?: boolean;
}

type Obj = Record<string, unknown>;
type Arb<T = unknown> = fc.Arbitrary<T>;

interface Context {
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly maxText: number;
  readonly reserved: ReadonlySet<string>;
  readonly anyElements: boolean;
  /** Memos (per arbitraryOf call, no module state): complex type -> depth -> arbitrary. */
  readonly complexMemo: Map<ComplexTypeDesc, Map<number, Arb>>;
  readonly simpleMemo: Map<SimpleTypeDesc, Arb>;
  /** Least element nesting a valid value of a complex type needs (Infinity: none is finite). */
  readonly cost: Map<ComplexTypeDesc, number>;
}

/** An arbitrary of valid values of `t` (the value of an element of type `t`). */
export function arbitraryOf(t: TypeDesc, options: XmlArbitraryOptions = {}): Arb {
  const ctx: Context = {
    maxDepth: options.maxDepth ?? 4,
    maxItems: options.maxItems ?? 2,
    maxText: options.maxText ?? 12,
    reserved: new Set(options.reservedNames ?? []),
    anyElements: options.anyElements ?? true,
    complexMemo: new Map(),
    simpleMemo: new Map(),
    cost: new Map(),
  };
  if (t.kind === 'complex') computeCosts(t, ctx);
  return build(t, ctx, 0);
}

/** An arbitrary of valid values of a simple type. */
export function simpleArbitraryOf(t: SimpleTypeDesc, options: Pick<XmlArbitraryOptions, 'maxItems' | 'maxText'> = {}): Arb {
  return arbitraryOf(t, options);
}

// ---------------------------------------------------------------------------------------------
// Shapes (as compile.ts `shapeOf` decides them; restated here so the arbitrary does not lean on the runtime)

type Shape = 'flag' | 'simple' | 'object' | 'any';

function shapeOf(t: TypeDesc): Shape {
  if (t.kind === 'simple') return 'simple';
  const plain = t.attributes.length === 0 && !t.anyAttribute;
  switch (t.content.k) {
    case 'any':
      return 'any';
    case 'empty':
      return plain ? 'flag' : 'object';
    case 'simple':
      return plain ? 'simple' : 'object';
    case 'elements':
      return 'object';
  }
}

function simpleOf(t: TypeDesc): SimpleTypeDesc | undefined {
  if (t.kind === 'simple') return t;
  return t.content.k === 'simple' ? t.content.type() : undefined;
}

// ---------------------------------------------------------------------------------------------
// Least nesting (a fixpoint over the complex types reachable from the root)

function computeCosts(root: ComplexTypeDesc, ctx: Context): void {
  const universe: ComplexTypeDesc[] = [];
  const seen = new Set<ComplexTypeDesc>();
  const visitType = (t: TypeDesc): void => {
    if (t.kind !== 'complex' || seen.has(t)) return;
    seen.add(t);
    universe.push(t);
    if (t.content.k === 'elements') visitParticle(t.content.particle);
  };
  const visitParticle = (p: ParticleDesc): void => {
    if (p.k === 'el') visitType(p.type());
    else if (p.k !== 'any') p.particles.forEach(visitParticle);
  };
  visitType(root);
  for (const t of universe) ctx.cost.set(t, Infinity);
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of universe) {
      const c = typeCost(t, ctx);
      if (c < ctx.cost.get(t)!) {
        ctx.cost.set(t, c);
        changed = true;
      }
    }
  }
}

function typeCost(t: TypeDesc, ctx: Context): number {
  if (t.kind === 'simple' || shapeOf(t) !== 'object' || t.content.k !== 'elements') return 0;
  return particleCost(t.content.particle, ctx, false);
}

function costOf(t: TypeDesc, ctx: Context): number {
  if (t.kind === 'simple') return 0;
  const known = ctx.cost.get(t);
  if (known !== undefined) return known;
  computeCosts(t, ctx);
  return ctx.cost.get(t)!;
}

/** Least nesting of a particle's content; `forced`: it must emit at least one element. */
function particleCost(p: ParticleDesc, ctx: Context, forced: boolean): number {
  if (p.k === 'any') return forced ? 1 : 0;
  if (p.k === 'el') return p.min === 0 && !forced ? 0 : 1 + costOf(p.type(), ctx);
  if (p.min === 0 && !forced) return 0;
  const must = forced || p.max > 1; // an iteration of a repeating group emits something
  if (p.k === 'choice') return Math.min(...p.particles.map((c) => particleCost(c, ctx, must)));
  const plain = p.particles.map((c) => particleCost(c, ctx, false));
  const base = Math.max(0, ...plain);
  if (!must) return base;
  return Math.min(...p.particles.map((c, i) => Math.max(particleCost(c, ctx, true), ...plain.filter((_, j) => j !== i))));
}

// ---------------------------------------------------------------------------------------------
// Types

function build(t: TypeDesc, ctx: Context, depth: number): Arb {
  if (t.kind === 'simple') return simpleArb(t, ctx);
  const d = Math.min(depth, ctx.maxDepth);
  let byDepth = ctx.complexMemo.get(t);
  if (!byDepth) {
    byDepth = new Map();
    ctx.complexMemo.set(t, byDepth);
  }
  const known = byDepth.get(d);
  if (known) return known;
  if (costOf(t, ctx) === Infinity) throw new Error(`type '${t.name || '(anonymous)'}': no finite value (a required cycle)`);
  // Past maxDepth every level behaves alike (one memo entry); content is built lazily, so a recursive type
  // meets its own memo entry instead of building without end, and least-nesting choices end the values.
  const arb = complexArb(t, ctx, depth);
  byDepth.set(d, arb);
  return arb;
}

function complexArb(t: ComplexTypeDesc, ctx: Context, depth: number): Arb {
  switch (shapeOf(t)) {
    case 'flag':
      return fc.constant(true);
    case 'simple':
      return simpleArb(simpleOf(t)!, ctx);
    case 'any':
      return anyValueArb(ctx, 2);
    case 'object':
      break;
  }
  const parts: Arb<Obj>[] = [attributesArb(t.attributes, ctx)];
  const content = t.content;
  if (content.k === 'simple') {
    const prop = content.prop;
    parts.push(simpleArb(content.type(), ctx).map((v) => ({ [prop]: v })));
  } else if (content.k === 'elements') {
    const names = new Set<string>();
    collectNames(content.particle, names);
    parts.push(lazy(() => particleArb(content.particle, ctx, depth, false, names)));
  }
  return fc.tuple(...parts).map(merge);
}

/** Defers building nested arbitraries until first use (recursive types build one level per depth). */
function lazy<T>(make: () => Arb<T>): Arb<T> {
  let made: Arb<T> | undefined;
  return fc.constant(undefined).chain(() => (made ??= make()));
}

function attributesArb(attributes: readonly AttributeDesc[], ctx: Context): Arb<Obj> {
  if (attributes.length === 0) return fc.constant({});
  const record: Record<string, Arb> = {};
  const required: string[] = [];
  for (const a of attributes) {
    const t = a.type();
    record[a.prop] = a.fixed !== undefined ? fc.constant(canonical(t, a.fixed)) : simpleArb(t, ctx);
    if (a.required) required.push(a.prop);
  }
  return fc.record(record, { requiredKeys: required, noNullPrototype: true }) as Arb<Obj>;
}

function collectNames(p: ParticleDesc, out: Set<string>): void {
  if (p.k === 'el') out.add(p.name);
  else if (p.k !== 'any') for (const c of p.particles) collectNames(c, out);
}

function merge(parts: readonly Obj[]): Obj {
  const out: Obj = {};
  for (const part of parts) Object.assign(out, part);
  return out;
}

/** The canonical value of a lexical form (an enumeration member, a fixed value). */
function canonical(t: SimpleTypeDesc, lexical: string): unknown {
  const v = parseSimple(t, lexical);
  if (v instanceof Problem) throw new Error(`type '${t.name || t.builtin}': '${lexical}' is not one of its values: ${v.message}`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Particles: each gives the properties it sets on the object of the enclosing iteration

function particleArb(p: ParticleDesc, ctx: Context, depth: number, forced: boolean, names: ReadonlySet<string>): Arb<Obj> {
  const deep = depth >= ctx.maxDepth;
  if (p.k === 'el') return elementParticleArb(p, ctx, depth, forced);
  if (p.k === 'any') return wildcardArb(p, ctx, forced, names);
  if (p.max > 1) return repeatingGroupArb(p, ctx, depth, forced, names);
  if (p.min === 0 && !forced) {
    if (deep) return fc.constant({});
    return fc.oneof({ weight: 1, arbitrary: fc.constant({}) }, { weight: 3, arbitrary: groupBodyArb(p, ctx, depth, false, names) });
  }
  return groupBodyArb(p, ctx, depth, forced, names);
}

/** One iteration of a group; `forced`: it emits at least one element. */
function groupBodyArb(g: GroupDesc, ctx: Context, depth: number, forced: boolean, names: ReadonlySet<string>): Arb<Obj> {
  const deep = depth >= ctx.maxDepth;
  const children = g.particles;
  if (g.k === 'choice') {
    // Exactly one branch, and that branch really there (otherwise the choice was not taken).
    let branches = children.map((c, i) => ({ c, i }));
    if (deep) {
      const costs = children.map((c) => particleCost(c, ctx, true));
      const least = Math.min(...costs);
      branches = branches.filter(({ i }) => costs[i] === least);
    }
    if (branches.length === 0) return fc.constant({});
    return fc.oneof(...branches.map(({ c }) => particleArb(c, ctx, depth, true, names)));
  }
  const plain = children.map((c) => particleArb(c, ctx, depth, false, names));
  const all = fc.tuple(...plain).map(merge);
  if (!forced || children.length === 0) return all;
  // Forced: one child (least nesting when deep) must emit; the others as usual.
  let candidates = children.map((_, i) => i);
  if (deep) {
    const costs = children.map((c) => particleCost(c, ctx, true));
    const least = Math.min(...costs);
    candidates = candidates.filter((i) => costs[i] === least);
  }
  return fc.oneof(
    ...candidates.map((i) =>
      fc.tuple(...children.map((c, j) => (j === i ? particleArb(c, ctx, depth, true, names) : plain[j]!))).map(merge),
    ),
  );
}

function elementParticleArb(d: ElementDesc, ctx: Context, depth: number, forced: boolean): Arb<Obj> {
  const deep = depth >= ctx.maxDepth;
  const value = elementValueArb(d, ctx, depth);
  const prop = d.prop;
  const optional = d.min === 0 && !forced;
  if (d.max > 1) {
    const lo = Math.max(d.min, 1);
    const hi = deep ? lo : Math.min(d.max, lo + ctx.maxItems);
    const list = fc.array(value, { minLength: lo, maxLength: hi }).map((items) => ({ [prop]: items }));
    if (!optional) return list;
    return deep ? fc.constant({}) : fc.oneof(fc.constant({}), list);
  }
  const one = value.map((v) => ({ [prop]: v }));
  if (!optional) return one;
  return deep ? fc.constant({}) : fc.oneof(fc.constant({}), one);
}

function elementValueArb(d: ElementDesc, ctx: Context, depth: number): Arb {
  const t = d.type();
  const shape = shapeOf(t);
  let value = lazy(() => build(t, ctx, depth + 1));
  const s = simpleOf(t);
  if (d.fixed !== undefined && s !== undefined) {
    const fixed = canonical(s, d.fixed);
    if (shape === 'simple') value = fc.constant(fixed);
    else if (t.kind === 'complex' && t.content.k === 'simple') {
      const prop = t.content.prop;
      value = value.map((o) => ({ ...(o as Obj), [prop]: fixed }));
    }
  } else if (d.default !== undefined && s !== undefined) {
    // An element without content reads back as its default.
    if (shape === 'simple') value = value.filter((v) => !isEmptyText(v));
    else if (t.kind === 'complex' && t.content.k === 'simple') {
      const prop = t.content.prop;
      value = value.filter((o) => !isEmptyText((o as Obj)[prop]));
    }
  }
  // A nilled element still needs its required attributes (libxml2 checks them); the SDK writes none.
  const needsAttributes = t.kind === 'complex' && t.attributes.some((a) => a.required);
  if (d.nillable && !needsAttributes) value = fc.oneof({ weight: 4, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) });
  return value;
}

function isEmptyText(v: unknown): boolean {
  return v === '' || (Array.isArray(v) && v.length === 0);
}

function repeatingGroupArb(g: GroupDesc, ctx: Context, depth: number, forced: boolean, names: ReadonlySet<string>): Arb<Obj> {
  const prop = g.prop;
  if (prop === undefined) throw new Error(`a ${g.k} group repeats (max ${g.max}) but has no array property`);
  const deep = depth >= ctx.maxDepth;
  const lo = Math.max(g.min, 1);
  const hi = deep ? lo : Math.min(g.max, lo + ctx.maxItems);
  const item = groupBodyArb(g, ctx, depth, true, names);
  const list = fc.array(item, { minLength: lo, maxLength: hi }).map((items) => ({ [prop]: greedy(g, items) }));
  if (g.min > 0 || forced) return list;
  return deep ? fc.constant({}) : fc.oneof(fc.constant({}), list);
}

// ---------------------------------------------------------------------------------------------
// Greedy decoding: drop iterations whose first element the previous iteration would take

const WILDCARD = '*';

function greedy(g: GroupDesc, items: readonly Obj[]): Obj[] {
  const body = iteration(g);
  const out: Obj[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (prev !== undefined) {
      const first = firstName(body, item);
      const cont = continuation(body, prev);
      if (first !== undefined && (cont.has(first) || (cont.has(WILDCARD) && first.startsWith(WILDCARD)))) continue;
    }
    out.push(item);
  }
  return out;
}

/** One iteration of a repeating group: the group once, its properties on the item object. */
function iteration(g: GroupDesc): GroupDesc {
  return { k: g.k, min: 1, max: 1, particles: g.particles };
}

/** The name of the first element an iteration of `p` emits (wildcard items as `*name`). */
function firstName(p: ParticleDesc, obj: Obj): string | undefined {
  if (p.k === 'el') return obj[p.prop] === undefined ? undefined : p.name;
  if (p.k === 'any') {
    const v = obj[p.prop];
    if (v === undefined) return undefined;
    const first = (Array.isArray(v) ? v[0] : v) as { name: string } | undefined;
    return first ? `${WILDCARD}${first.name}` : undefined;
  }
  if (p.max > 1 && p.prop !== undefined) {
    const items = obj[p.prop] as Obj[] | undefined;
    return items?.[0] === undefined ? undefined : firstName(iteration(p), items[0]);
  }
  for (const c of p.particles) {
    const f = firstName(c, obj);
    if (f !== undefined) return f;
  }
  return undefined;
}

/** Names the content of `p` on `obj` could still take after what it emitted (over-approximated). */
function continuation(p: ParticleDesc, obj: Obj): Set<string> {
  const out = new Set<string>();
  if (p.k === 'el') {
    const v = obj[p.prop];
    const count = v === undefined ? 0 : p.max > 1 && Array.isArray(v) ? v.length : 1;
    if (count < p.max) out.add(p.name);
    return out;
  }
  if (p.k === 'any') {
    const v = obj[p.prop];
    const count = v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
    if (count < p.max) out.add(WILDCARD);
    return out;
  }
  if (p.max > 1 && p.prop !== undefined) {
    const items = (obj[p.prop] as Obj[] | undefined) ?? [];
    const last = items[items.length - 1];
    if (last !== undefined) for (const n of continuation(iteration(p), last)) out.add(n);
    if (items.length < p.max) for (const n of firstNames(p)) out.add(n);
    return out;
  }
  const present = p.particles.filter((c) => emits(c, obj));
  if (p.k === 'choice') {
    const chosen = present[0];
    return chosen ? continuation(chosen, obj) : firstNames(p);
  }
  if (p.k === 'all') {
    for (const c of p.particles) for (const n of present.includes(c) ? continuation(c, obj) : firstNames(c)) out.add(n);
    return out;
  }
  const last = present.length ? p.particles.lastIndexOf(present[present.length - 1]!) : -1;
  p.particles.forEach((c, i) => {
    if (i < last) return;
    for (const n of i === last ? continuation(c, obj) : firstNames(c)) out.add(n);
  });
  return out;
}

function emits(p: ParticleDesc, obj: Obj): boolean {
  if (p.k === 'el' || p.k === 'any') return obj[p.prop] !== undefined;
  if (p.max > 1 && p.prop !== undefined) return obj[p.prop] !== undefined;
  return p.particles.some((c) => emits(c, obj));
}

function firstNames(p: ParticleDesc): Set<string> {
  const out = new Set<string>();
  const visit = (q: ParticleDesc): boolean => {
    // returns whether q can be empty (so what follows it in a sequence can come first)
    if (q.k === 'el') {
      out.add(q.name);
      return q.min === 0;
    }
    if (q.k === 'any') {
      out.add(WILDCARD);
      return q.min === 0;
    }
    if (q.k === 'seq') {
      let nullable = true;
      for (const c of q.particles) {
        if (!visit(c)) {
          nullable = false;
          break;
        }
      }
      return nullable || q.min === 0;
    }
    let any = q.k === 'all';
    for (const c of q.particles) {
      const n = visit(c);
      any = q.k === 'all' ? any && n : any || n;
    }
    return any || q.min === 0;
  };
  visit(p);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Wildcards and untyped content

const NAME_POOL = ['x', 'item', 'data-1', 'é', '_k', 'a.b', 'Z9', 'ext'];
const ATTRIBUTE_POOL = ['id', 'lang', 'a-b', 'x.y', '_z'];

function namePool(ctx: Context, declared: ReadonlySet<string>): Arb<string> {
  const names = NAME_POOL.filter((n) => !declared.has(n) && !ctx.reserved.has(n));
  if (names.length === 0) throw new Error('no free element name for wildcard or untyped content');
  return fc.constantFrom(...names);
}

function wildcardArb(w: WildcardDesc, ctx: Context, forced: boolean, declared: ReadonlySet<string>): Arb<Obj> {
  if (w.process === 'strict') throw new Error(`strict wildcard (property "${w.prop}"): values need global declarations, not supported`);
  const item = fc.record({ name: namePool(ctx, declared), value: anyValueArb(ctx, 1) }, { noNullPrototype: true });
  const optional = w.min === 0 && !forced;
  let some: Arb<Obj>;
  if (w.max > 1) {
    const lo = Math.max(w.min, 1);
    some = fc.array(item, { minLength: lo, maxLength: Math.min(w.max, lo + ctx.maxItems) }).map((items) => ({ [w.prop]: items }));
  } else some = item.map((v) => ({ [w.prop]: v }));
  return optional ? fc.oneof(fc.constant({}), some) : some;
}

/** Text that is not whitespace only (the decoder drops whitespace-only text between child elements). */
function anyText(ctx: Context): Arb<string> {
  return freeText('preserve', 1, 1 + ctx.maxText).filter((s) => s.trim() !== '');
}

/** A value of untyped content: `true`, a text, or an element with attributes and/or children. */
function anyValueArb(ctx: Context, depth: number): Arb {
  const simple = fc.oneof(fc.constant(true), freeText('preserve', 1, 1 + ctx.maxText));
  if (!ctx.anyElements || depth <= 0) return simple;
  const attributes = fc.dictionary(fc.constantFrom(...ATTRIBUTE_POOL), freeText('preserve', 0, ctx.maxText), { minKeys: 1, maxKeys: 2, noNullPrototype: true });
  const child = fc.record({ name: namePool(ctx, new Set()), value: lazy(() => anyValueArb(ctx, depth - 1)) }, { noNullPrototype: true });
  const children = fc.array(fc.oneof(child, anyText(ctx)), { maxLength: 3 }).map(joinTexts);
  const element = fc
    .record({ attributes: fc.option(attributes, { nil: undefined }), children })
    .filter((e) => e.attributes !== undefined || e.children.some((c) => typeof c !== 'string'))
    .map((e) => (e.attributes === undefined ? { children: e.children } : { attributes: e.attributes, children: e.children }));
  return fc.oneof({ weight: 3, arbitrary: simple }, { weight: 1, arbitrary: element });
}

/** Adjacent texts read back as one. */
function joinTexts(nodes: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const n of nodes) {
    const last = out[out.length - 1];
    if (typeof n === 'string' && typeof last === 'string') out[out.length - 1] = last + n;
    else out.push(n);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Simple types

function simpleArb(t: SimpleTypeDesc, ctx: Context): Arb {
  let arb = ctx.simpleMemo.get(t);
  if (!arb) {
    arb = makeSimple(t, ctx);
    ctx.simpleMemo.set(t, arb);
  }
  return arb;
}

const LIST_ITEM: Partial<Record<string, SimpleTypeDesc['builtin']>> = { IDREFS: 'IDREF', ENTITIES: 'ENTITY', NMTOKENS: 'NMTOKEN' };

function makeSimple(t: SimpleTypeDesc, ctx: Context): Arb {
  if (t.enumeration !== undefined) return enumerationArb(t);
  if (t.variety === 'union') return unionArb(t, ctx);
  const builtinItem = LIST_ITEM[t.builtin];
  if (t.variety === 'list' || builtinItem !== undefined) {
    const item = t.item ? t.item() : ({ kind: 'simple', name: '', variety: 'atomic', builtin: builtinItem!, whiteSpace: 'collapse' } as SimpleTypeDesc);
    return listArb(t, simpleArb(item, ctx), item, builtinItem !== undefined, ctx);
  }
  return withPatterns(t, atomicArb(t, ctx));
}

function enumerationArb(t: SimpleTypeDesc): Arb {
  const values: unknown[] = [];
  const texts = new Set<string>();
  for (const e of t.enumeration ?? []) {
    // An enumeration member may fail another facet of the same type (then it is no value at all).
    const v = parseSimple(t, e);
    if (v instanceof Problem) continue;
    const text = formatSimple(t, v);
    if (typeof text !== 'string' || texts.has(text)) continue;
    texts.add(text);
    values.push(v);
  }
  if (values.length === 0) throw new Error(`type '${t.name || t.builtin}': no enumeration member is a valid value`);
  return fc.constantFrom(...values);
}

function unionArb(t: SimpleTypeDesc, ctx: Context): Arb {
  const members = (t.members ?? []).map((m) => m());
  if (members.length === 0) throw new Error(`union '${t.name}' has no members`);
  const arbs = members.map((m, i) =>
    simpleArb(m, ctx).filter((v) => {
      const text = formatSimple(m, v);
      if (typeof text !== 'string') return false;
      // Decoding takes the first member that reads the text; encoding the first that can write the value.
      for (let j = 0; j < i; j++) {
        if (!(parseSimple(members[j]!, text) instanceof Problem)) return false;
        if (typeof formatSimple(members[j]!, v) === 'string') return false;
      }
      return true;
    }),
  );
  return withPatterns(t, fc.oneof(...arbs));
}

function listArb(t: SimpleTypeDesc, item: Arb, itemType: SimpleTypeDesc, builtin: boolean, ctx: Context): Arb {
  const lo = t.length ?? t.minLength ?? (builtin ? 1 : 0);
  const hi = t.length ?? Math.min(t.maxLength ?? Infinity, lo + ctx.maxItems + 1);
  const usable = item.filter((v) => {
    const text = formatSimple(itemType, v);
    return typeof text === 'string' && text !== '' && !/[ \t\n\r]/.test(text);
  });
  return withPatterns(t, fc.array(usable, { minLength: lo, maxLength: hi }));
}

/** Patterns (AND across entries, OR within one) on the canonical text; the first entry generates. */
function withPatterns(t: SimpleTypeDesc, arb: Arb): Arb {
  const entries = t.patterns ?? [];
  if (entries.length === 0) return arb;
  const matches = (v: unknown): boolean => {
    const text = formatSimple({ ...t, patterns: [] } as SimpleTypeDesc, v);
    return typeof text === 'string' && entries.every((e) => e.some((re) => re.test(text)));
  };
  return arb.filter(matches);
}

// ---------------------------------------------------------------------------------------------
// Atomic built-ins

function atomicArb(t: SimpleTypeDesc, ctx: Context): Arb {
  const b = t.builtin;
  switch (b) {
    case 'boolean':
      return fc.boolean();
    case 'decimal':
      return decimalArb(t);
    case 'integer':
    case 'nonPositiveInteger':
    case 'negativeInteger':
    case 'long':
    case 'nonNegativeInteger':
    case 'positiveInteger':
    case 'unsignedLong':
      return bigIntArb(t);
    case 'int':
    case 'short':
    case 'byte':
    case 'unsignedInt':
    case 'unsignedShort':
    case 'unsignedByte':
      return smallIntArb(t);
    case 'float':
    case 'double':
      return doubleArb(t);
    case 'hexBinary':
    case 'base64Binary': {
      const lo = t.length ?? t.minLength ?? 0;
      const hi = t.length ?? Math.min(t.maxLength ?? Infinity, lo + 8);
      return fc.uint8Array({ minLength: lo, maxLength: hi });
    }
    case 'duration':
    case 'dateTime':
    case 'time':
    case 'date':
    case 'gYearMonth':
    case 'gYear':
    case 'gMonthDay':
    case 'gDay':
    case 'gMonth':
      if (t.minInclusive ?? t.maxInclusive ?? t.minExclusive ?? t.maxExclusive) {
        throw new Error(`type '${t.name || b}': range facets on ${b} are not supported by the arbitrary`);
      }
      return stringFacets(t, b === 'duration' ? durationArb() : temporalArb(b));
    default:
      return stringArb(t, ctx);
  }
}

// Strings ------------------------------------------------------------------------------------

/** Characters worth testing: markup, quotes, whitespace of every kind, non-ASCII, astral, NBSP. */
const SPECIAL = ['<', '>', '&', '"', "'", ']]>', '&amp;', ' ', '  ', '\t', '\n', '\r', '\r\n', 'é', '€', '\u00a0', '😀', 'ÿ', '\u2028'];

function charArb(): Arb<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }) },
  );
}

function applyWhiteSpace(ws: SimpleTypeDesc['whiteSpace'], s: string): string {
  if (ws === 'preserve') return s;
  const replaced = s.replace(/[\t\n\r]/g, ' ');
  return ws === 'replace' ? replaced : replaced.split(' ').filter((w) => w !== '').join(' ');
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Text XML 1.0 can carry (what the SDK can encode). */
function isXmlText(s: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** Free text of `lo..hi` code points after whiteSpace normalization. */
function freeText(ws: SimpleTypeDesc['whiteSpace'], lo: number, hi: number): Arb<string> {
  // Collapsing shrinks the text: generate a little longer and keep what fits.
  const slack = ws === 'collapse' ? 2 : 0;
  return fc
    .array(charArb(), { minLength: lo, maxLength: Math.max(lo, hi) + slack })
    .map((cs) => applyWhiteSpace(ws, cs.join('')))
    .filter((s) => isXmlText(s) && codePoints(s) >= lo && codePoints(s) <= hi);
}

const NAME_START = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_éÀ';
const NAME_CHAR = `${NAME_START}0123456789.-·`;

function ncNameArb(): Arb<string> {
  return fc
    .tuple(fc.constantFrom(...NAME_START), fc.array(fc.constantFrom(...NAME_CHAR), { maxLength: 8 }))
    .map(([a, rest]) => a + rest.join(''));
}

function stringArb(t: SimpleTypeDesc, ctx: Context): Arb {
  const b = t.builtin;
  const lo = t.length ?? t.minLength ?? 0;
  const hi = t.length ?? Math.min(t.maxLength ?? Infinity, lo + ctx.maxText);
  const entries = t.patterns ?? [];
  let base: Arb<string>;
  if (entries.length > 0) {
    const first = entries[0]!;
    base = fc.oneof(...first.map(matching)).map((s) => applyWhiteSpace(t.whiteSpace, s));
    // Patterns constrain the normalized text: keep only texts that normalization leaves alone.
    return stringFacets(t, base.filter((s) => entries.every((e) => e.some((re) => re.test(s)))));
  }
  switch (b) {
    case 'language':
      base = fc.stringMatching(/^[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8}){0,2}$/);
      break;
    case 'Name':
    case 'NCName':
    case 'ID':
    case 'IDREF':
    case 'ENTITY':
    case 'QName':
    case 'NOTATION':
      base = ncNameArb();
      break;
    case 'NMTOKEN':
      base = fc.array(fc.constantFrom(...NAME_CHAR, ':'), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
      break;
    case 'anyURI':
      base = fc.oneof(fc.webUrl(), fc.constantFrom('', 'a/b', '#frag', 'mailto:x@example.com', 'urn:isbn:0451450523', '%C3%A9'));
      break;
    default:
      return stringFacets(t, freeText(t.whiteSpace, lo, Math.max(lo, hi)));
  }
  return stringFacets(t, base.map((s) => applyWhiteSpace(t.whiteSpace, s)));
}

/**
 * Strings matching a translated pattern. fc.stringMatching does not implement lookahead, which the
 * translation of character class subtraction (`[\w-[_]]`) uses: then generate from the pattern without its
 * lookaheads (a superset) and keep what matches.
 */
function matching(re: RegExp): Arb<string> {
  try {
    return fc.stringMatching(re);
  } catch {
    const superset = new RegExp(re.source.replace(/\(\?[!=](?:[^()\\[]|\\.|\[(?:[^\]\\]|\\.)*\])*\)/g, ''), re.flags);
    return fc.stringMatching(superset).filter((s) => re.test(s));
  }
}

/** Length facets (code points) and XML characters, on string values. */
function stringFacets(t: SimpleTypeDesc, arb: Arb<string>): Arb<string> {
  const { length, minLength, maxLength } = t;
  return arb.filter((s) => {
    const n = codePoints(s);
    return isXmlText(s) && (length === undefined || n === length) && (minLength === undefined || n >= minLength) && (maxLength === undefined || n <= maxLength);
  });
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function daysIn(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function temporalArb(b: 'dateTime' | 'time' | 'date' | 'gYearMonth' | 'gYear' | 'gMonthDay' | 'gDay' | 'gMonth'): Arb<string> {
  const tz = fc.oneof(
    fc.constant(''),
    fc.constant('Z'),
    fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 13 }), fc.constantFrom(0, 30, 45)).map(([s, h, m]) => `${s}${twoDigits(h)}:${twoDigits(m)}`),
    fc.constantFrom('+14:00', '-14:00'),
  );
  const year = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1000, max: 2999 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 999 }) });
  const ymd = fc
    .tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => ({ y, m, d: Math.min(d, daysIn(y, m)) }));
  const yearText = (y: number): string => String(y).padStart(4, '0');
  const seconds = fc.oneof(
    fc.integer({ min: 0, max: 59 }).map(twoDigits),
    fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 999 })).map(([s, f]) => `${twoDigits(s)}.${String(f).padStart(3, '0')}`),
  );
  const hms = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), seconds).map(([h, m, s]) => `${twoDigits(h)}:${twoDigits(m)}:${s}`);
  switch (b) {
    case 'dateTime':
      return fc.tuple(ymd, hms, tz).map(([{ y, m, d }, t, z]) => `${yearText(y)}-${twoDigits(m)}-${twoDigits(d)}T${t}${z}`);
    case 'time':
      return fc.tuple(hms, tz).map(([t, z]) => `${t}${z}`);
    case 'date':
      return fc.tuple(ymd, tz).map(([{ y, m, d }, z]) => `${yearText(y)}-${twoDigits(m)}-${twoDigits(d)}${z}`);
    case 'gYearMonth':
      return fc.tuple(year, fc.integer({ min: 1, max: 12 }), tz).map(([y, m, z]) => `${yearText(y)}-${twoDigits(m)}${z}`);
    case 'gYear':
      return fc.tuple(year, tz).map(([y, z]) => `${yearText(y)}${z}`);
    case 'gMonthDay':
      return fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), tz).map(([m, d, z]) => `--${twoDigits(m)}-${twoDigits(Math.min(d, daysIn(2000, m)))}${z}`);
    case 'gDay':
      return fc.tuple(fc.integer({ min: 1, max: 31 }), tz).map(([d, z]) => `---${twoDigits(d)}${z}`);
    case 'gMonth':
      return fc.tuple(fc.integer({ min: 1, max: 12 }), tz).map(([m, z]) => `--${twoDigits(m)}${z}`);
  }
}

function durationArb(): Arb<string> {
  const part = (unit: string) => fc.option(fc.integer({ min: 0, max: 400 }).map((n) => `${n}${unit}`), { nil: '' });
  const secondsPart = fc.option(
    fc.oneof(fc.integer({ min: 0, max: 90 }).map(String), fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 99 })).map(([s, f]) => `${s}.${f}`)).map((s) => `${s}S`),
    { nil: '' },
  );
  return fc
    .tuple(fc.constantFrom('', '-'), part('Y'), part('M'), part('D'), part('H'), part('M'), secondsPart)
    .map(([sign, y, mo, d, h, mi, s]) => {
      const time = h + mi + s;
      return `${sign}P${y}${mo}${d}${time ? `T${time}` : ''}`;
    })
    .filter((s) => !s.endsWith('P'));
}

// Numbers ------------------------------------------------------------------------------------

const BIG_RANGE: Readonly<Record<string, readonly [bigint | undefined, bigint | undefined]>> = {
  integer: [undefined, undefined],
  nonPositiveInteger: [undefined, 0n],
  negativeInteger: [undefined, -1n],
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  nonNegativeInteger: [0n, undefined],
  positiveInteger: [1n, undefined],
  unsignedLong: [0n, 2n ** 64n - 1n],
};

const SMALL_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  int: [-2147483648, 2147483647],
  short: [-32768, 32767],
  byte: [-128, 127],
  unsignedInt: [0, 4294967295],
  unsignedShort: [0, 65535],
  unsignedByte: [0, 255],
};

/** floor and ceiling of a decimal lexical form (a bound may be written '+05' or '3.5'). */
function floorCeil(lexical: string): [bigint, bigint] {
  const [m, s] = decimalParts(lexical);
  const unit = 10n ** BigInt(s);
  const q = m / unit; // truncates towards zero
  const exact = q * unit === m;
  if (exact) return [q, q];
  return m < 0n ? [q - 1n, q] : [q, q + 1n];
}

/** The least integer a lower bound allows / the greatest an upper bound allows. */
function intBound(lexical: string | undefined, which: 'min-in' | 'min-ex' | 'max-in' | 'max-ex'): bigint | undefined {
  if (lexical === undefined) return undefined;
  const [floor, ceil] = floorCeil(lexical);
  switch (which) {
    case 'min-in':
      return ceil;
    case 'min-ex':
      return floor + 1n;
    case 'max-in':
      return floor;
    case 'max-ex':
      return ceil - 1n;
  }
}

function integerRange(t: SimpleTypeDesc, lo0: bigint | undefined, hi0: bigint | undefined): [bigint, bigint] {
  const pick = (a: bigint | undefined, b: bigint | undefined, max: boolean): bigint | undefined =>
    a === undefined ? b : b === undefined ? a : (max ? a > b : a < b) ? a : b;
  let lo = pick(pick(lo0, intBound(t.minInclusive, 'min-in'), true), intBound(t.minExclusive, 'min-ex'), true);
  let hi = pick(pick(hi0, intBound(t.maxInclusive, 'max-in'), false), intBound(t.maxExclusive, 'max-ex'), false);
  if (t.totalDigits !== undefined) {
    const limit = 10n ** BigInt(t.totalDigits) - 1n;
    lo = pick(lo, -limit, true);
    hi = pick(hi, limit, false);
  }
  const wide = 2n ** 70n;
  const l = lo ?? (hi !== undefined && hi < -wide ? hi - wide : -wide);
  const h = hi ?? (lo !== undefined && lo > wide ? lo + wide : wide);
  if (l > h) throw new Error(`type '${t.name || t.builtin}': no integer between ${l} and ${h}`);
  return [l, h];
}

function bigIntArb(t: SimpleTypeDesc): Arb<bigint> {
  const [lo0, hi0] = BIG_RANGE[t.builtin]!;
  const [lo, hi] = integerRange(t, lo0, hi0);
  const near = (x: bigint): Arb<bigint> => fc.bigInt({ min: x - 50n < lo ? lo : x - 50n, max: x + 50n > hi ? hi : x + 50n });
  const zero = lo <= 0n && 0n <= hi ? 0n : lo > 0n ? lo : hi;
  const safe = 2n ** 53n;
  const edges = [lo, hi, zero, safe, safe + 1n, -safe - 1n].filter((x) => x >= lo && x <= hi);
  return fc.oneof(near(zero), fc.bigInt({ min: lo, max: hi }), fc.constantFrom(...edges));
}

function smallIntArb(t: SimpleTypeDesc): Arb<number> {
  const [lo0, hi0] = SMALL_RANGE[t.builtin]!;
  const [lo, hi] = integerRange(t, BigInt(lo0), BigInt(hi0)).map(Number) as [number, number];
  const zero = lo <= 0 && 0 <= hi ? 0 : lo > 0 ? lo : hi;
  return fc.oneof(fc.integer({ min: Math.max(lo, zero - 50), max: Math.min(hi, zero + 50) }), fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
}

function doubleArb(t: SimpleTypeDesc): Arb<number> {
  const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : s === 'INF' ? Infinity : s === '-INF' ? -Infinity : Number(s));
  const minIn = num(t.minInclusive);
  const maxIn = num(t.maxInclusive);
  const minEx = num(t.minExclusive);
  const maxEx = num(t.maxExclusive);
  const bounded = minIn !== undefined || maxIn !== undefined || minEx !== undefined || maxEx !== undefined;
  const fits = (x: number): boolean =>
    (minIn === undefined || x >= minIn) && (maxIn === undefined || x <= maxIn) && (minEx === undefined || x > minEx) && (maxEx === undefined || x < maxEx);
  const float = t.builtin === 'float';
  const min = minIn ?? minEx;
  const max = maxIn ?? maxEx;
  // float values are float32 values (libxml2 reads xs:float as a C float): bounds rounded to float32 too.
  const round = (x: number): number => (float ? Math.fround(x) : x);
  const constraints: fc.DoubleConstraints & fc.FloatConstraints = {
    noNaN: bounded,
    ...(min !== undefined ? { min: round(min), minExcluded: minIn === undefined } : {}),
    ...(max !== undefined ? { max: round(max), maxExcluded: maxIn === undefined } : {}),
  };
  const any = (float ? fc.float(constraints) : fc.double(constraints)).filter((x) => fits(x));
  const small = fc.integer({ min: -1000, max: 1000 }).map((n) => n / 8);
  return fc.oneof(any, small.filter(fits));
}

/** Canonical decimals: mantissa and scale (within the bounds at that scale), written without '+', leading or trailing zeros. */
function decimalArb(t: SimpleTypeDesc): Arb<string> {
  const maxScale = Math.min(t.fractionDigits ?? 6, t.totalDigits ?? 6);
  const [lo, hi] = decimalRange(t);
  const wide = 10n ** 30n;
  const mantissa = (s: number): Arb<bigint> => {
    const unit = 10n ** BigInt(s);
    // The bounds at scale s, rounded inwards (exclusive ones are filtered below).
    const min = lo === undefined ? -wide : ceilDiv(lo.value[0] * unit, 10n ** BigInt(lo.value[1]));
    const max = hi === undefined ? wide : floorDiv(hi.value[0] * unit, 10n ** BigInt(hi.value[1]));
    if (min > max) return fc.constant(min);
    const near = min > -100000n && min < 100000n ? min : max < 100000n && max > -100000n ? max - 100000n : -100000n;
    const small = fc.bigInt({ min: near < min ? min : near, max: near + 200000n > max ? max : near + 200000n });
    return fc.oneof(small, fc.bigInt({ min, max }));
  };
  const text = fc.integer({ min: 0, max: maxScale }).chain((s) => mantissa(s).map((m) => decimalText(m, s)));
  const fits = (d: string): boolean => {
    const [m, s] = decimalParts(d);
    if (t.totalDigits !== undefined && digitCount(d) > t.totalDigits) return false;
    if (t.fractionDigits !== undefined && s > t.fractionDigits) return false;
    return (lo === undefined || compare([m, s], lo.value) > (lo.exclusive ? 0 : -1)) && (hi === undefined || compare([m, s], hi.value) < (hi.exclusive ? 0 : 1));
  };
  const edges = [lo, hi].filter((b) => b !== undefined && !b.exclusive).map((b) => decimalText(...b!.value));
  return (edges.length ? fc.oneof({ weight: 6, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom(...edges) }) : text).filter(fits);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b !== a && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b !== a && (a < 0n) === (b < 0n) ? q + 1n : q;
}

function decimalText(m: bigint, s: number): string {
  const neg = m < 0n;
  let digits = (neg ? -m : m).toString().padStart(s + 1, '0');
  let int = digits.slice(0, digits.length - s);
  let frac = digits.slice(digits.length - s).replace(/0+$/, '');
  int = int.replace(/^0+(?=\d)/, '');
  digits = frac ? `${int}.${frac}` : int;
  return digits === '0' ? '0' : `${neg ? '-' : ''}${digits}`;
}

function decimalParts(d: string): [bigint, number] {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(d.trim());
  if (!m) throw new Error(`'${d}' is not a decimal`);
  const frac = m[3] ?? '';
  return [BigInt(`${m[1] === '-' ? '-' : ''}${m[2] || '0'}${frac}`), frac.length];
}

function compare(a: [bigint, number], b: [bigint, number]): number {
  const s = Math.max(a[1], b[1]);
  const x = a[0] * 10n ** BigInt(s - a[1]);
  const y = b[0] * 10n ** BigInt(s - b[1]);
  return x < y ? -1 : x > y ? 1 : 0;
}

function digitCount(canonicalDecimal: string): number {
  const [int = '', frac = ''] = canonicalDecimal.replace('-', '').split('.');
  return (int === '0' ? 0 : int.length) + frac.length;
}

function decimalRange(t: SimpleTypeDesc): [{ value: [bigint, number]; exclusive: boolean } | undefined, { value: [bigint, number]; exclusive: boolean } | undefined] {
  const lo = t.minInclusive ?? t.minExclusive;
  const hi = t.maxInclusive ?? t.maxExclusive;
  return [
    lo === undefined ? undefined : { value: decimalParts(lo), exclusive: t.minInclusive === undefined },
    hi === undefined ? undefined : { value: decimalParts(hi), exclusive: t.maxInclusive === undefined },
  ];
}
