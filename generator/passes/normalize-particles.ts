/**
 * Simplifies content models without changing the language they accept, so that types read
 * naturally: a group holding one particle becomes that particle (`sequence minOccurs=0 (settings)`
 * is an optional `settings`; a repeating sequence of one `setting` is a repeating `setting`),
 * a sequence directly inside a sequence (and a choice inside a choice) is spliced into its parent,
 * and empty sequences disappear.
 */
import type { ComplexType, GroupParticle, Occurs, Particle, SchemaModel } from '../model/model.js';
import type { Pass } from './pass.js';

export const normalizeParticles: Pass = {
  name: 'normalize-particles',
  run(model: SchemaModel): SchemaModel {
    return {
      ...model,
      types: model.types.map((t) => {
        if (t.kind !== 'complex' || t.content.kind !== 'elements') return t;
        const particle = normalize(t.content.particle);
        const content = particle ? { kind: 'elements' as const, particle } : { kind: 'empty' as const };
        return { ...t, content } satisfies ComplexType;
      }),
    };
  },
};

/** Normalizes a particle; undefined when it matches only the empty sequence. */
export function normalize(p: Particle): Particle | undefined {
  if (p.kind === 'element' || p.kind === 'any') return p;
  const children: Particle[] = [];
  let emptyAlternative = false;
  for (const c of p.particles) {
    const n = normalize(c);
    if (!n) {
      // An empty alternative makes a choice optional; in a sequence or all it contributes nothing.
      emptyAlternative = true;
      continue;
    }
    if (n.kind === p.kind && n.kind !== 'all' && isOne(n.occurs) && !n.nameHint) children.push(...(n as GroupParticle).particles);
    else children.push(n);
  }
  // An empty choice matches nothing at all, unless it is optional: then it matches only the empty sequence.
  if (children.length === 0) return emptyAlternative || p.kind !== 'choice' || p.occurs.min === 0 ? undefined : { ...p, particles: [] };
  const occurs = emptyAlternative && p.kind === 'choice' ? { min: 0, max: p.occurs.max } : p.occurs;
  const group: GroupParticle = { ...p, occurs, particles: children };
  if (children.length === 1 && p.kind !== 'all') {
    const only = children[0]!;
    const merged = mergeOccurs(group.occurs, only.occurs);
    if (merged && !(group.nameHint && merged.max > 1 && only.kind !== 'element')) return { ...only, occurs: merged } as Particle;
  }
  return group;
}

function isOne(o: Occurs): boolean {
  return o.min === 1 && o.max === 1;
}

/**
 * Occurrence of `(inner){outer}` as a single range, when that is exact: always when either side is
 * exactly once, and for the 0/1/unbounded combinations (x?)? = x?, (x*)? = x*, (x+)* = x*, ...
 */
export function mergeOccurs(outer: Occurs, inner: Occurs): Occurs | undefined {
  if (isOne(outer)) return inner;
  if (isOne(inner)) return outer;
  const simple = (o: Occurs) => (o.min === 0 || o.min === 1) && (o.max === 1 || o.max === Infinity);
  if (simple(outer) && simple(inner)) {
    return { min: outer.min * inner.min, max: outer.max === Infinity || inner.max === Infinity ? Infinity : 1 };
  }
  return undefined;
}
