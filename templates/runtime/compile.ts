/**
 * Compiled forms of descriptors, built lazily once per codec (the `Compiler` is the cache, owned by
 * a codec: no module-level state). A compiled particle knows its first set and nullability, which
 * the streaming decoder's cursor and the value walker need on every step.
 */
import type {
  ComplexTypeDesc,
  ElementDesc,
  GroupDesc,
  ParticleDesc,
  SimpleTypeDesc,
  TypeDesc,
  WildcardDesc,
} from './schema.js';
import { compileSimple, type CompiledSimple } from './simple.js';

/** How a value of a type looks in JavaScript. */
export type Shape =
  /** complex, empty content, no attributes: `true` */
  | 'flag'
  /** simple type, or complex with simple content and no attributes: the simple value itself */
  | 'simple'
  /** complex with attributes and/or element content: an object */
  | 'object'
  /** xs:anyType: AnyValue */
  | 'any';

export interface CElement {
  readonly k: 'el';
  readonly desc: ElementDesc;
  readonly name: string;
  readonly prop: string;
  readonly min: number;
  readonly max: number;
  readonly nullable: boolean;
  readonly first: ReadonlySet<string>;
  readonly wildcardFirst: false;
  /** Whether an element of this name may occur more than once among the children (paths then carry an index). */
  multi: boolean;
  /** `desc.type()`, resolved on first use by the value walker. */
  type: TypeDesc | undefined;
  /** The compiled simple type of `type` when it is a simple type, cached by the value walker. */
  simple: CompiledSimple | undefined;
  /** The compiled complex type of `type` when it is a complex type, cached by the value walker. */
  complex: CComplex | undefined;
}

export interface CGroup {
  readonly k: 'seq' | 'choice' | 'all';
  readonly desc: GroupDesc;
  readonly prop: string | undefined;
  readonly min: number;
  readonly max: number;
  readonly children: readonly CParticle[];
  readonly nullable: boolean;
  /** Element names that can start this particle. */
  readonly first: ReadonlySet<string>;
  /** True if a wildcard can start this particle. */
  readonly wildcardFirst: boolean;
  /** Properties this group's content sets on its target object (not descending into repeating subgroups). */
  readonly props: readonly string[];
  /** `props` as a set (the properties an item of a repeating group may have). */
  readonly propSet: ReadonlySet<string>;
}

export interface CWildcard {
  readonly k: 'any';
  readonly desc: WildcardDesc;
  readonly prop: string;
  readonly min: number;
  readonly max: number;
  readonly nullable: boolean;
  readonly first: ReadonlySet<string>;
  readonly wildcardFirst: true;
}

export type CParticle = CElement | CGroup | CWildcard;

export interface CComplex {
  readonly desc: ComplexTypeDesc;
  readonly shape: Shape;
  /** Root particle for element content, wrapped in a one-child sequence so that the cursor always starts in a group. */
  readonly root: CGroup | undefined;
  /** Every element name that appears anywhere in the content model -> its first particle. */
  readonly byName: ReadonlyMap<string, CElement>;
  /** Names that may occur more than once among the children (paths then carry an index). */
  readonly multi: ReadonlySet<string>;
  /** Every property an object of this type may have (content, attributes, simple value). */
  readonly props: ReadonlySet<string>;
  readonly attributesByName: ReadonlyMap<string, ComplexTypeDesc['attributes'][number]>;
  readonly hasWildcard: boolean;
  /** Every element name in the content model (for "is it in the model at all?"). */
  readonly allNames: ReadonlySet<string>;
}

const EMPTY_SET: ReadonlySet<string> = new Set();

export class Compiler {
  readonly #complex = new Map<ComplexTypeDesc, CComplex>();
  readonly #simple = new Map<SimpleTypeDesc, CompiledSimple>();

  simple(desc: SimpleTypeDesc): CompiledSimple {
    let c = this.#simple.get(desc);
    if (!c) {
      c = compileSimple(desc);
      this.#simple.set(desc, c);
    }
    return c;
  }

  complex(desc: ComplexTypeDesc): CComplex {
    let c = this.#complex.get(desc);
    if (!c) {
      c = compileComplex(desc);
      this.#complex.set(desc, c);
    }
    return c;
  }
}

export function shapeOf(t: TypeDesc): Shape {
  if (t.kind === 'simple') return 'simple';
  switch (t.content.k) {
    case 'any':
      return 'any';
    case 'empty':
      return t.attributes.length === 0 && !t.anyAttribute ? 'flag' : 'object';
    case 'simple':
      return t.attributes.length === 0 && !t.anyAttribute ? 'simple' : 'object';
    case 'elements':
      return 'object';
  }
}

/** The simple type of a type whose values are simple (simple types, simple content). */
export function simpleTypeOf(t: TypeDesc): SimpleTypeDesc | undefined {
  if (t.kind === 'simple') return t;
  return t.content.k === 'simple' ? t.content.type() : undefined;
}

function compileComplex(desc: ComplexTypeDesc): CComplex {
  const byName = new Map<string, CElement>();
  const counts = new Map<string, number>();
  let hasWildcard = false;
  const props = new Set<string>();
  const elementParticles: CElement[] = [];
  const root = desc.content.k === 'elements' ? wrap(compileParticle(desc.content.particle, false)) : undefined;

  function compileParticle(p: ParticleDesc, insideRepeat: boolean): CParticle {
    if (p.k === 'el') {
      const repeat = insideRepeat || p.max > 1;
      counts.set(p.name, (counts.get(p.name) ?? 0) + (repeat ? 2 : 1));
      const ce: CElement = {
        k: 'el',
        desc: p,
        name: p.name,
        prop: p.prop,
        min: p.min,
        max: p.max,
        nullable: p.min === 0,
        first: new Set([p.name]),
        wildcardFirst: false,
        multi: false,
        type: undefined,
        simple: undefined,
        complex: undefined,
      };
      elementParticles.push(ce);
      if (!byName.has(p.name)) byName.set(p.name, ce);
      return ce;
    }
    if (p.k === 'any') {
      hasWildcard = true;
      return { k: 'any', desc: p, prop: p.prop, min: p.min, max: p.max, nullable: p.min === 0, first: EMPTY_SET, wildcardFirst: true };
    }
    const repeat = insideRepeat || p.max > 1;
    const children = p.particles.map((c) => compileParticle(c, repeat));
    let nullable: boolean;
    const first = new Set<string>();
    let wildcardFirst = false;
    if (p.k === 'seq') {
      nullable = true;
      for (const c of children) {
        for (const n of c.first) first.add(n);
        wildcardFirst ||= c.wildcardFirst;
        if (!c.nullable) {
          nullable = false;
          break;
        }
      }
    } else {
      nullable = p.k === 'all' ? children.every((c) => c.nullable) : children.some((c) => c.nullable);
      for (const c of children) {
        for (const n of c.first) first.add(n);
        wildcardFirst ||= c.wildcardFirst;
      }
    }
    return {
      k: p.k,
      desc: p,
      prop: p.prop,
      min: p.min,
      max: p.max,
      children,
      nullable: nullable || p.min === 0,
      first,
      wildcardFirst,
      ...propsOf(children),
    };
  }

  // Properties of the top-level object: those reachable without entering a repeating group.
  if (root) for (const prop of directProps([root])) props.add(prop);
  for (const a of desc.attributes) props.add(a.prop);
  if (desc.content.k === 'simple') props.add(desc.content.prop);
  const multi = new Set<string>();
  for (const [name, n] of counts) if (n > 1) multi.add(name);
  for (const e of elementParticles) e.multi = multi.has(e.name);
  return {
    desc,
    shape: shapeOf(desc),
    root,
    byName,
    multi,
    props,
    attributesByName: new Map(desc.attributes.map((a) => [a.name, a])),
    hasWildcard,
    allNames: new Set(byName.keys()),
  };
}

/** A synthetic sequence around the content's particle. */
function wrap(p: CParticle): CGroup {
  return {
    k: 'seq',
    desc: { k: 'seq', min: 1, max: 1, particles: [p.desc] },
    prop: undefined,
    min: 1,
    max: 1,
    children: [p],
    nullable: p.nullable,
    first: p.first,
    wildcardFirst: p.wildcardFirst,
    ...propsOf([p]),
  };
}

function propsOf(particles: readonly CParticle[]): { props: string[]; propSet: Set<string> } {
  const props = directProps(particles);
  return { props, propSet: new Set(props) };
}

/** Properties set directly on the target object by these particles (a repeating group contributes its own array property). */
function directProps(particles: readonly CParticle[]): string[] {
  const out: string[] = [];
  for (const p of particles) {
    if (p.k === 'el' || p.k === 'any') out.push(p.prop);
    else if (p.max > 1 && p.prop !== undefined) out.push(p.prop);
    else out.push(...p.props);
  }
  return out;
}

/** Names of the elements a particle can start with, for messages ("expected one of ..."). */
export function describeFirst(p: CParticle): string {
  const names = [...p.first].map((n) => `<${n}>`);
  if (p.wildcardFirst) names.push('any element');
  return names.length === 1 ? names[0]! : `one of ${names.join(', ')}`;
}
