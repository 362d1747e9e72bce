/**
 * Semantic comparison of two models of a schema set. The scope is what the entry files declare
 * (their named types and global elements) and everything those reach: a type an entry file does not
 * lead to is not part of the API being compared. Named types are matched by name; anonymous types
 * are compared where they are used. Content models are compared through their elements' effective
 * occurrence (an element in an optional choice is optional; in a repeating group it repeats),
 * position in sequences, enclosing compositors, nillability and types.
 */
import type { AttributeUse, ComplexType, ElementParticle, GlobalElement, ModelType, Particle, SchemaModel, SimpleType, TypeId } from '../model/model.js';
import { reachableFrom } from '../passes/reachability.js';
import { CLASSIFICATION, type Change, type ChangeKind, type Side } from './changes.js';

export interface DiffInput {
  readonly model: SchemaModel;
  /** Named types and global elements declared by the entry files (the API surface). */
  readonly roots: readonly TypeId[];
  /** The global elements the entry files declare (XML roots; in JSON sets one per `$defs` entry). */
  readonly elements: readonly GlobalElement[];
  /** Root type id -> the side it serves (from names and files), when known. */
  readonly sideOf: (root: TypeId) => Side;
}

interface Flat {
  readonly name: string;
  readonly particle: ElementParticle;
  readonly min: number;
  readonly max: number;
  /** Position among the elements of the content, in document order. */
  readonly index: number;
  /** Compositors from the content root down to the element, e.g. `sequence/choice*`. */
  readonly compositors: string;
  /** Inside an unordered group (choice or all), where order means nothing. */
  readonly unordered: boolean;
  /** Member of a repeating choice: an operation of an operator type. */
  readonly operation: boolean;
}

export function compareModels(oldSide: DiffInput, newSide: DiffInput, forcedSide?: Side): Change[] {
  const oldTypes = new Map(oldSide.model.types.map((t) => [t.id, t]));
  const newTypes = new Map(newSide.model.types.map((t) => [t.id, t]));
  const oldScope = closure(oldSide.roots, oldTypes, oldSide.model);
  const newScope = closure(newSide.roots, newTypes, newSide.model);
  const sides = sidesOf(oldSide, oldTypes, newSide, newTypes);
  const out: Change[] = [];
  /** `owner`: the type(s) the change is in; its side is that of the roots reaching them (merged). */
  const add = (kind: ChangeKind, path: string, message: string, owner: TypeId | readonly TypeId[], values: { old?: string; new?: string } = {}) => {
    const [request, response] = CLASSIFICATION[kind];
    const found = (typeof owner === 'string' ? [owner] : owner).map((id) => sides.get(id) ?? 'both');
    const side = found.reduce((a, b) => (a === b ? a : 'both'));
    out.push({ kind, path, message, side: forcedSide ?? side, request, response, ...values });
  };
  const visited = new Set<string>();

  const compareAt = (oldId: TypeId, newId: TypeId, path: string, owner: TypeId | readonly TypeId[]) => {
    const o = oldTypes.get(oldId);
    const n = newTypes.get(newId);
    const oldNamed = o?.xmlName !== undefined || isBuiltin(oldId);
    const newNamed = n?.xmlName !== undefined || isBuiltin(newId);
    if (oldNamed || newNamed) {
      if (displayType(oldId, o) !== displayType(newId, n)) {
        add('type-changed', path, `type changed from ${displayType(oldId, o)} to ${displayType(newId, n)}`, owner, { old: displayType(oldId, o), new: displayType(newId, n) });
      }
      return; // a named type is compared once, under its own name
    }
    if (!o || !n) return;
    compareTypes(o, n, path, owner);
  };

  const compareTypes = (o: ModelType, n: ModelType, path: string, owner: TypeId | readonly TypeId[]) => {
    const key = `${o.id}\u0000${n.id}\u0000${path}`;
    if (visited.has(key)) return;
    visited.add(key);
    if (o.kind !== n.kind) {
      add('type-changed', path, `changed from a ${o.kind} type to a ${n.kind} type`, owner, { old: o.kind, new: n.kind });
      return;
    }
    if (o.kind === 'simple' && n.kind === 'simple') compareSimple(o, n, path, owner);
    else if (o.kind === 'complex' && n.kind === 'complex') compareComplex(o, n, path, owner);
    else if (o.kind === 'array' && n.kind === 'array') {
      compareAt(o.items, n.items, `${path}/items`, owner);
      compareBound('minItems', o.minItems, n.minItems, 'min', path, owner);
      compareBound('maxItems', o.maxItems, n.maxItems, 'max', path, owner);
    } else if (o.kind === 'union' && n.kind === 'union') {
      const before = o.members.map((m) => displayType(m, oldTypes.get(m))).join(' | ');
      const after = n.members.map((m) => displayType(m, newTypes.get(m))).join(' | ');
      if (before !== after) add('type-changed', path, `union members changed from ${before} to ${after}`, owner, { old: before, new: after });
    }
  };

  const compareSimple = (o: SimpleType, n: SimpleType, path: string, owner: TypeId | readonly TypeId[]) => {
    const oBase = o.builtin ?? o.json ?? o.variety;
    const nBase = n.builtin ?? n.json ?? n.variety;
    if (o.variety !== n.variety || oBase !== nBase) {
      add('type-changed', path, `value type changed from ${oBase} to ${nBase}`, owner, { old: String(oBase), new: String(nBase) });
      return;
    }
    const of = o.facets;
    const nf = n.facets;
    const oldEnum = new Set((of.enumeration ?? []).map((e) => e.value));
    const newEnum = new Set((nf.enumeration ?? []).map((e) => e.value));
    if (oldEnum.size && newEnum.size) {
      for (const v of newEnum) if (!oldEnum.has(v)) add('enum-added', path, `enumeration value ${v} added`, owner, { new: v });
      for (const v of oldEnum) if (!newEnum.has(v)) add('enum-removed', path, `enumeration value ${v} removed`, owner, { old: v });
    } else if (oldEnum.size && !newEnum.size) add('facet-loosened', path, 'enumeration removed: any value of the base type allowed', owner);
    else if (!oldEnum.size && newEnum.size) add('facet-tightened', path, `enumeration added: ${[...newEnum].join(', ')}`, owner);
    const op = JSON.stringify(of.patterns ?? of.jsPatterns ?? []);
    const np = JSON.stringify(nf.patterns ?? nf.jsPatterns ?? []);
    if (op !== np) {
      if (op === '[]') add('facet-tightened', path, `pattern added: ${np}`, owner, { new: np });
      else if (np === '[]') add('facet-loosened', path, `pattern removed: ${op}`, owner, { old: op });
      else add('facet-changed', path, `pattern changed from ${op} to ${np}`, owner, { old: op, new: np });
    }
    if ((of.whiteSpace ?? 'preserve') !== (nf.whiteSpace ?? 'preserve')) {
      add('facet-changed', path, `whiteSpace changed from ${of.whiteSpace ?? 'preserve'} to ${nf.whiteSpace ?? 'preserve'}`, owner, { old: of.whiteSpace ?? 'preserve', new: nf.whiteSpace ?? 'preserve' });
    }
    compareBound('length', of.length, nf.length, 'exact', path, owner);
    compareBound('minLength', of.minLength, nf.minLength, 'min', path, owner);
    compareBound('maxLength', of.maxLength, nf.maxLength, 'max', path, owner);
    compareBound('minInclusive', num(of.minInclusive), num(nf.minInclusive), 'min', path, owner);
    compareBound('maxInclusive', num(of.maxInclusive), num(nf.maxInclusive), 'max', path, owner);
    compareBound('minExclusive', num(of.minExclusive), num(nf.minExclusive), 'min', path, owner);
    compareBound('maxExclusive', num(of.maxExclusive), num(nf.maxExclusive), 'max', path, owner);
    compareBound('totalDigits', of.totalDigits, nf.totalDigits, 'max', path, owner);
    compareBound('fractionDigits', of.fractionDigits, nf.fractionDigits, 'max', path, owner);
    if (o.variety === 'union') {
      const before = (o.members ?? []).map((m) => displayType(m, oldTypes.get(m))).join(' | ');
      const after = (n.members ?? []).map((m) => displayType(m, newTypes.get(m))).join(' | ');
      if (before !== after) add('type-changed', path, `union members changed from ${before} to ${after}`, owner, { old: before, new: after });
    }
    if (o.variety === 'list' && o.itemType && n.itemType) compareAt(o.itemType, n.itemType, `${path}/item`, owner);
  };

  /** A bound: `min` bounds tighten when they grow, `max` bounds when they shrink. */
  const compareBound = (facet: string, a: number | undefined, b: number | undefined, kind: 'min' | 'max' | 'exact', path: string, owner: TypeId | readonly TypeId[]) => {
    if (a === b) return;
    const text = `${facet} ${a ?? 'none'} -> ${b ?? 'none'}`;
    if (kind === 'exact' || (a !== undefined && b !== undefined && Number.isNaN(a - b))) {
      add('facet-changed', path, text, owner, { old: String(a ?? 'none'), new: String(b ?? 'none') });
      return;
    }
    const tighter = a === undefined ? true : b === undefined ? false : kind === 'min' ? b > a : b < a;
    add(tighter ? 'facet-tightened' : 'facet-loosened', path, text, owner, { old: String(a ?? 'none'), new: String(b ?? 'none') });
  };

  const compareComplex = (o: ComplexType, n: ComplexType, path: string, owner: TypeId | readonly TypeId[]) => {
    if (o.content.kind !== n.content.kind && !(isElementish(o) && isElementish(n))) {
      add('type-changed', path, `content changed from ${o.content.kind} to ${n.content.kind}`, owner, { old: o.content.kind, new: n.content.kind });
      return;
    }
    if (o.content.kind === 'simple' && n.content.kind === 'simple') compareAt(o.content.valueType, n.content.valueType, `${path}/value`, owner);
    const of = flatten(o);
    const nf = flatten(n);
    const oldByName = byName(of);
    const newByName = byName(nf);
    for (const e of nf) {
      if (oldByName.has(e.name)) continue;
      const what = e.particle.jsonName !== undefined ? '' : 'element '; // label(e) says `property "x"` for JSON
      if (e.operation) add('operation-added', `${path}/${e.name}`, `operation <${e.name}> added`, owner);
      else if (e.min > 0) add('required-element-added', `${path}/${e.name}`, `required ${what}${label(e)} added`, owner);
      else add('element-added', `${path}/${e.name}`, `optional ${what}${label(e)} added${positionNote(e, nf)}`, owner);
    }
    for (const e of of) {
      if (newByName.has(e.name)) continue;
      add(e.operation ? 'operation-removed' : 'element-removed', `${path}/${e.name}`, `${e.operation ? 'operation' : 'element'} ${label(e)} removed`, owner);
    }
    for (const e of of) {
      const m = newByName.get(e.name);
      if (!m) continue;
      const p = `${path}/${e.name}`;
      if (e.min === 0 && m.min > 0) add('required-added', p, `${label(e)} became required`, owner);
      if (e.min > 0 && m.min === 0) add('required-removed', p, `${label(e)} became optional`, owner);
      if (e.max <= 1 && m.max > 1) add('became-repeated', p, `${label(e)} may now repeat (max ${bound(m.max)})`, owner);
      else if (e.max > 1 && m.max <= 1) add('became-single', p, `${label(e)} no longer repeats`, owner);
      else if (e.max > 1 && m.max > 1 && e.max !== m.max) {
        add(m.max > e.max ? 'cardinality-increased' : 'cardinality-decreased', p, `maxOccurs ${bound(e.max)} -> ${bound(m.max)}`, owner, { old: bound(e.max), new: bound(m.max) });
      }
      if (e.min > 1 || m.min > 1) {
        if (m.min > e.min && e.min > 0) add('cardinality-decreased', p, `minOccurs ${e.min} -> ${m.min}`, owner);
        else if (m.min < e.min && m.min > 0) add('cardinality-increased', p, `minOccurs ${e.min} -> ${m.min}`, owner);
      }
      if (!e.particle.nillable && m.particle.nillable) add('nillable-added', p, `${label(e)} became nillable`, owner);
      if (e.particle.nillable && !m.particle.nillable) add('nillable-removed', p, `${label(e)} is no longer nillable`, owner);
      if (e.compositors !== m.compositors) {
        add('compositor-changed', p, `${label(e)} moved from ${e.compositors || 'the content'} to ${m.compositors || 'the content'}`, owner, { old: e.compositors, new: m.compositors });
      }
      compareAt(e.particle.type, m.particle.type, p, owner);
    }
    // Order: elements both sides keep in ordered positions must keep their relative order.
    const commonOld = of.filter((e) => !e.unordered && newByName.has(e.name) && !newByName.get(e.name)!.unordered).map((e) => e.name);
    const commonNew = nf.filter((e) => !e.unordered && oldByName.has(e.name) && !oldByName.get(e.name)!.unordered).map((e) => e.name);
    for (let i = 0; i < commonOld.length; i++) {
      if (commonOld[i] !== commonNew[i]) {
        add('order-changed', `${path}/${commonNew[i]}`, `order changed: ${commonOld.join(', ')} -> ${commonNew.join(', ')}`, owner, { old: commonOld.join(','), new: commonNew.join(',') });
        break;
      }
    }
    compareAttributes(o.attributes, n.attributes, path, owner);
    const oe = o.extra?.kind;
    const ne = n.extra?.kind;
    if (oe !== ne && oe !== undefined && ne !== undefined) {
      if (ne === 'forbid') add('extra-properties-forbidden', path, 'undeclared properties are now refused', owner);
      else if (oe === 'forbid') add('extra-properties-allowed', path, 'undeclared properties are now accepted', owner);
    }
    if (o.extra?.kind === 'map' && n.extra?.kind === 'map') compareAt(o.extra.valueType, n.extra.valueType, `${path}/*`, owner);
  };

  const compareAttributes = (o: readonly AttributeUse[], n: readonly AttributeUse[], path: string, owner: TypeId | readonly TypeId[]) => {
    const oldByName = new Map(o.map((a) => [a.xmlName, a]));
    const newByName = new Map(n.map((a) => [a.xmlName, a]));
    for (const a of n) {
      if (oldByName.has(a.xmlName)) continue;
      add(a.required ? 'required-attribute-added' : 'attribute-added', `${path}/@${a.xmlName}`, `${a.required ? 'required' : 'optional'} attribute ${a.xmlName} added`, owner);
    }
    for (const a of o) {
      const m = newByName.get(a.xmlName);
      const p = `${path}/@${a.xmlName}`;
      if (!m) {
        add('attribute-removed', p, `attribute ${a.xmlName} removed`, owner);
        continue;
      }
      if (!a.required && m.required) add('required-added', p, `attribute ${a.xmlName} became required`, owner);
      if (a.required && !m.required) add('required-removed', p, `attribute ${a.xmlName} became optional`, owner);
      if (a.fixed !== m.fixed) add('facet-changed', p, `fixed value ${a.fixed ?? 'none'} -> ${m.fixed ?? 'none'}`, owner);
      compareAt(a.type, m.type, p, owner);
    }
  };

  // Named types: removed, added, compared.
  const names = [...new Set([...oldScope, ...newScope])].filter((id) => !isAnonymous(id) && !isBuiltin(id));
  for (const id of names.sort()) {
    const o = oldScope.has(id) ? oldTypes.get(id) : undefined;
    const n = newScope.has(id) ? newTypes.get(id) : undefined;
    if (o && !n) add('type-removed', id, `type ${id} removed`, id);
    else if (!o && n) add('type-added', id, `type ${id} added`, id);
    else if (o && n) compareTypes(o, n, id, id);
  }
  // Global elements the entry files declare (XML roots): added, removed, or compared through their
  // types (a switch between two named types is a type change too). In JSON sets they are the $defs
  // entries under their own names, whose addition or removal type-added/-removed already report.
  const oldElements = new Map(oldSide.elements.map((e) => [e.xmlName, e]));
  const newElements = new Map(newSide.elements.map((e) => [e.xmlName, e]));
  const json = newSide.model.wire === 'json';
  for (const e of newSide.elements) {
    const o = oldElements.get(e.xmlName);
    const p = `<${e.xmlName}>`;
    if (!o) {
      if (!json) add('element-added', p, `global element ${p} added`, e.type);
      continue;
    }
    if (!o.nillable && e.nillable) add('nillable-added', p, `${p} became nillable`, [o.type, e.type]);
    if (o.nillable && !e.nillable) add('nillable-removed', p, `${p} is no longer nillable`, [o.type, e.type]);
    compareAt(o.type, e.type, p, [o.type, e.type]);
  }
  if (!json) for (const o of oldSide.elements) if (!newElements.has(o.xmlName)) add('element-removed', `<${o.xmlName}>`, `global element <${o.xmlName}> removed`, o.type);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));

  function displayType(id: TypeId, t: ModelType | undefined): string {
    if (isBuiltin(id)) return id;
    return t?.xmlName ?? (t ? `anonymous ${t.kind} type` : id);
  }
}

/** Elements of a type's content with their effective occurrence and context. */
function flatten(t: ComplexType): Flat[] {
  if (t.content.kind !== 'elements') return [];
  const out: Flat[] = [];
  const walk = (p: Particle, min: number, max: number, compositors: string, unordered: boolean, operation: boolean) => {
    const m = min * p.occurs.min;
    const x = max * p.occurs.max;
    if (p.kind === 'element') {
      out.push({ name: p.xmlName, particle: p, min: m, max: x, index: out.length, compositors, unordered, operation });
      return;
    }
    if (p.kind === 'any') return;
    const step = `${compositors ? `${compositors}/` : ''}${p.kind}${p.occurs.max > 1 ? '*' : p.occurs.min === 0 ? '?' : ''}`;
    const isChoice = p.kind === 'choice';
    const repeatingChoice = isChoice && p.occurs.max > 1;
    for (const c of p.particles) {
      // In a choice each branch is optional (another branch may be taken).
      walk(c, isChoice && p.particles.length > 1 ? 0 : m, x, step, unordered || p.kind !== 'sequence', repeatingChoice || operation);
    }
  };
  walk(t.content.particle, 1, 1, '', false, false);
  return out;
}

function byName(flat: readonly Flat[]): Map<string, Flat> {
  const out = new Map<string, Flat>();
  for (const f of flat) if (!out.has(f.name)) out.set(f.name, f);
  return out;
}

function label(e: Flat): string {
  return e.particle.jsonName !== undefined ? `property "${e.name}"` : `<${e.name}>`;
}

function positionNote(e: Flat, all: readonly Flat[]): string {
  const prev = all[e.index - 1];
  return prev && !e.unordered ? ` (after ${label(prev)})` : '';
}

function bound(n: number): string {
  return n === Infinity ? 'unbounded' : String(n);
}

function num(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

function isElementish(t: ComplexType): boolean {
  return t.content.kind === 'elements' || t.content.kind === 'empty';
}

function isBuiltin(id: TypeId): boolean {
  return /^(xs|json):/.test(id);
}

function isAnonymous(id: TypeId): boolean {
  return id.includes('#') || id.includes('/');
}

/** Every type id reachable from the roots (a root may also name a global element). */
function closure(roots: readonly TypeId[], types: ReadonlyMap<TypeId, ModelType>, model: SchemaModel): Set<TypeId> {
  const elementTypes = new Map(model.elements.map((e) => [e.xmlName, e.type]));
  return reachableFrom(roots.map((r) => (types.has(r) ? r : (elementTypes.get(r) ?? r))), types);
}

/** Which side uses each type, from the sides of the roots that reach it (both models merged). */
function sidesOf(
  oldSide: DiffInput,
  oldTypes: ReadonlyMap<TypeId, ModelType>,
  newSide: DiffInput,
  newTypes: ReadonlyMap<TypeId, ModelType>,
): Map<TypeId, Side> {
  const out = new Map<TypeId, Side>();
  for (const [input, types] of [[oldSide, oldTypes], [newSide, newTypes]] as const) {
    for (const root of input.roots) {
      const side = input.sideOf(root);
      for (const id of closure([root], types, input.model)) {
        const before = out.get(id);
        out.set(id, before === undefined || before === side ? side : 'both');
      }
    }
  }
  return out;
}
