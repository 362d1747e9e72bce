/**
 * Unique Particle Attribution (XSD 1.0 section 3.8.6, cos-nonambig): in every content model, the
 * next element name alone must say which particle it belongs to. The runtime's streaming cursor
 * relies on it (it looks at the next name only), and libxml2 refuses such schemas ("not
 * determinist"), so a breach is an invalid-schema error. Checks nothing, changes nothing else.
 *
 * Detected (each is a real ambiguity, so there are no false alarms; not every ambiguity is found):
 * - two branches of a choice (or two members of an all group) that can start with the same name;
 * - a particle that may occur a varying number of times (minOccurs < maxOccurs) whose first names
 *   meet the names that can come right after it (`a?` or `a*` followed by something starting with `a`).
 * A wildcard counts as every name it accepts (the schemas have no target namespace).
 */
import type { ComplexType, ElementParticle, GroupParticle, Particle, SourceRef, WildcardParticle } from '../model/model.js';
import type { Pass } from './pass.js';

/**
 * What can start a particle: element names (with the element particles that take them) and
 * wildcards. UPA is about particles: the same particle reached two ways (another iteration of a
 * repeating group) is no ambiguity.
 */
interface Starters {
  readonly names: ReadonlyMap<string, readonly ElementParticle[]>;
  readonly wildcards: readonly WildcardParticle[];
}

const NONE: Starters = { names: new Map(), wildcards: [] };

export const checkDeterminism: Pass = {
  name: 'check-determinism',
  run(model, ctx) {
    if (model.wire !== 'xml') return model;
    const reported = new Set<string>();
    const report = (at: SourceRef, message: string) => {
      const key = `${at.file}:${at.line}:${at.path}:${message}`;
      if (reported.has(key)) return; // a base type's content model recurs in every extension
      reported.add(key);
      ctx.diagnostics.error('invalid-schema', at, message);
    };
    for (const t of model.types) {
      if (t.kind === 'complex' && t.content.kind === 'elements') check(t, t.content.particle, NONE, report);
    }
    return model;
  },
};

type Report = (at: SourceRef, message: string) => void;

function check(t: ComplexType, p: Particle, follow: Starters, report: Report): void {
  if (p.occurs.min < p.occurs.max) {
    const clash = overlap(first(p), follow);
    if (clash) {
      report(p.source, `content model of ${typeLabel(t)} is not deterministic (Unique Particle Attribution): ${clash} can continue this ${what(p)}, which may occur ${occursText(p)}, or start what follows it`);
    }
  }
  if (p.kind === 'element' || p.kind === 'any') return;
  // Inside a repeating group, the next iteration can follow any of its members' ends.
  const outer = p.occurs.max > 1 ? union(follow, first(p)) : follow;
  const kids = p.particles;
  if (p.kind === 'sequence') {
    for (let i = 0; i < kids.length; i++) {
      let after = NONE;
      let restNullable = true;
      for (let j = i + 1; j < kids.length && restNullable; j++) {
        after = union(after, first(kids[j]!));
        restNullable = nullable(kids[j]!);
      }
      check(t, kids[i]!, restNullable ? union(after, outer) : after, report);
    }
    return;
  }
  for (let i = 0; i < kids.length; i++) {
    for (let j = 0; j < i; j++) {
      const clash = overlap(first(kids[j]!), first(kids[i]!));
      if (clash) {
        report(kids[i]!.source, `content model of ${typeLabel(t)} is not deterministic (Unique Particle Attribution): ${clash} can start this ${what(kids[i]!)} and also an earlier ${p.kind === 'all' ? 'member of the xs:all' : 'branch of the xs:choice'} (line ${kids[j]!.source.line})`);
      }
    }
  }
  for (const [i, kid] of kids.entries()) {
    // In an all group the other members may come after a member; in a choice only what follows the choice.
    const others = p.kind === 'all' ? kids.filter((_, j) => j !== i).reduce((s, k) => union(s, first(k)), NONE) : NONE;
    check(t, kid, union(others, outer), report);
  }
}

function first(p: Particle): Starters {
  if (p.kind === 'element') return { names: new Map([[p.xmlName, [p]]]), wildcards: [] };
  if (p.kind === 'any') return { names: new Map(), wildcards: [p] };
  let out = NONE;
  for (const k of p.particles) {
    out = union(out, first(k));
    if (p.kind === 'sequence' && !nullable(k)) break;
  }
  return out;
}

function nullable(p: Particle): boolean {
  if (p.occurs.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return p.kind === 'choice' ? p.particles.some(nullable) : p.particles.every(nullable);
}

function union(a: Starters, b: Starters): Starters {
  if (b === NONE) return a;
  if (a === NONE) return b;
  const names = new Map(a.names);
  for (const [name, ps] of b.names) names.set(name, [...new Set([...(names.get(name) ?? []), ...ps])]);
  return { names, wildcards: [...new Set([...a.wildcards, ...b.wildcards])] };
}

/** A description of a name both sets can start with, or undefined. */
function overlap(a: Starters, b: Starters): string | undefined {
  for (const [name, ps] of a.names) {
    const others = b.names.get(name) ?? [];
    if (ps.some((x) => others.some((y) => x !== y))) return `<${name}>`;
    if (b.wildcards.some(acceptsUnqualified)) return `<${name}>`;
  }
  for (const name of b.names.keys()) if (a.wildcards.some(acceptsUnqualified)) return `<${name}>`;
  for (const x of a.wildcards) for (const y of b.wildcards) if (x !== y && wildcardsOverlap(x, y)) return 'an element matched by both wildcards';
  return undefined;
}

function tokens(w: WildcardParticle): string[] {
  return w.namespace.trim().split(/\s+/).filter((s) => s !== '');
}

/** Does the wildcard accept an element in no namespace (every element these schemas declare)? */
function acceptsUnqualified(w: WildcardParticle): boolean {
  return tokens(w).some((s) => s === '##any' || s === '##local' || s === '##targetNamespace');
}

function wildcardsOverlap(a: WildcardParticle, b: WildcardParticle): boolean {
  if (acceptsUnqualified(a) && acceptsUnqualified(b)) return true;
  // Namespaced elements: ##any and ##other accept every one (there is no target namespace).
  const uris = (w: WildcardParticle) => tokens(w).filter((s) => !s.startsWith('##'));
  const all = (w: WildcardParticle) => tokens(w).some((s) => s === '##any' || s === '##other');
  if (all(a)) return all(b) || uris(b).length > 0;
  if (all(b)) return uris(a).length > 0;
  return uris(a).some((u) => uris(b).includes(u));
}

function what(p: Particle): string {
  if (p.kind === 'element') return `element <${p.xmlName}>`;
  if (p.kind === 'any') return 'xs:any';
  return `xs:${(p as GroupParticle).kind}`;
}

function occursText(p: Particle): string {
  const max = p.occurs.max === Infinity ? 'unbounded' : String(p.occurs.max);
  return `${p.occurs.min} to ${max} times`;
}

function typeLabel(t: ComplexType): string {
  return t.xmlName !== undefined ? `type "${t.xmlName}"` : 'an anonymous type';
}
