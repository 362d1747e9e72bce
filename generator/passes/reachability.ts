/**
 * Keeps the types that the global elements reach (Plesk's backup.xsd carries unused legacy types).
 * A set without global elements keeps every type, so that type-only schemas still generate.
 */
import type { ComplexType, ModelType, Particle, SchemaModel, SimpleType, TypeId } from '../model/model.js';
import type { Pass } from './pass.js';

export const reachability: Pass = {
  name: 'reachability',
  run(model) {
    if (model.elements.length === 0) return model;
    const byId = new Map(model.types.map((t) => [t.id, t]));
    const reached = new Set<TypeId>();
    const queue: TypeId[] = model.elements.map((e) => e.type);
    while (queue.length) {
      const id = queue.pop()!;
      if (reached.has(id)) continue;
      reached.add(id);
      const t = byId.get(id);
      if (t) queue.push(...references(t));
    }
    return { ...model, types: model.types.filter((t) => reached.has(t.id)) };
  },
};

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
