/**
 * Keeps what the set's API reaches: its global elements and the named types its entry files declare
 * (an included file's unreferenced types are not part of it: Plesk's agent_input.xsd does not reach
 * backup.xsd's unused legacy types, while backup.xsd given as the entry keeps them). A type-only
 * schema given as the entry keeps its types even when an included file declares a global element.
 */
import type { ComplexType, ModelType, Particle, SchemaModel, SimpleType, TypeId } from '../model/model.js';
import type { Pass } from './pass.js';

export const reachability: Pass = {
  name: 'reachability',
  run(model) {
    const entries = new Set(model.entries ?? []);
    const byId = new Map(model.types.map((t) => [t.id, t]));
    const queue: TypeId[] = [
      ...model.elements.map((e) => e.type),
      ...model.types.filter((t) => t.xmlName !== undefined && entries.has(t.source.file)).map((t) => t.id),
    ];
    if (entries.size === 0 && model.elements.length === 0) return model;
    const reached = reachableFrom(queue, byId);
    return { ...model, types: model.types.filter((t) => reached.has(t.id)) };
  },
};

/** Every type id reachable from `roots` (the roots included). */
export function reachableFrom(roots: readonly TypeId[], types: ReadonlyMap<TypeId, ModelType>): Set<TypeId> {
  const seen = new Set<TypeId>();
  const queue = [...roots];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const t = types.get(id);
    if (t) queue.push(...references(t));
  }
  return seen;
}

/** Type ids a type refers to directly. */
export function references(t: ModelType): TypeId[] {
  switch (t.kind) {
    case 'simple':
      return simpleRefs(t);
    case 'complex':
      return complexRefs(t);
    case 'array':
      return [t.items];
    case 'union':
      return [...t.members];
  }
}

function simpleRefs(t: SimpleType): TypeId[] {
  return [...(t.base ? [t.base] : []), ...(t.members ?? []), ...(t.itemType ? [t.itemType] : [])];
}

function complexRefs(t: ComplexType): TypeId[] {
  const out: TypeId[] = t.attributes.map((a) => a.type);
  if (t.derivation) out.push(t.derivation.base);
  if (t.content.kind === 'simple') out.push(t.content.valueType);
  if (t.content.kind === 'elements') collect(t.content.particle, out);
  if (t.extra?.kind === 'map') out.push(t.extra.valueType);
  return out;
}

function collect(p: Particle, out: TypeId[]): void {
  if (p.kind === 'element') out.push(p.type);
  else if (p.kind !== 'any') for (const c of p.particles) collect(c, out);
}
