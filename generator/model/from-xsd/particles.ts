/** Content-model particles: xs:element, xs:sequence, xs:choice, xs:all, xs:group ref, xs:any. */
import type { XmlNode } from '../../load/xml-tree.js';
import type { ElementParticle, GroupParticle, Occurs, Particle, TypeId, WildcardParticle } from '../model.js';
import type { XsdContext } from './context.js';

export interface ParticleBuilder {
  /** Type id of an element declaration: its type attribute, its nested anonymous type, or xs:anyType. */
  elementType(node: XmlNode): TypeId;
}

/** Parses minOccurs/maxOccurs; reports bad values. */
export function occursOf(ctx: XsdContext, node: XmlNode): Occurs {
  const minText = node.attrs['minOccurs'];
  const maxText = node.attrs['maxOccurs'];
  let min = 1;
  let max = 1;
  if (minText !== undefined) {
    if (/^\s*\+?[0-9]+\s*$/.test(minText)) min = Number(minText);
    else ctx.diagnostics.error('invalid-schema', node.source, `minOccurs="${minText}" is not a non-negative integer`);
  }
  if (maxText !== undefined) {
    if (maxText.trim() === 'unbounded') max = Infinity;
    else if (/^\s*\+?[0-9]+\s*$/.test(maxText)) max = Number(maxText);
    else ctx.diagnostics.error('invalid-schema', node.source, `maxOccurs="${maxText}" is not a non-negative integer or "unbounded"`);
  }
  if (min > max) ctx.diagnostics.error('invalid-schema', node.source, `minOccurs (${min}) is greater than maxOccurs (${maxText})`);
  return { min, max };
}

/** Builds the particle declared by `node`, or undefined when it cannot occur (maxOccurs=0) or is broken. */
export function buildParticle(ctx: XsdContext, node: XmlNode, b: ParticleBuilder, groupRefs: readonly string[] = []): Particle | undefined {
  if (!ctx.isXsd(node)) return undefined;
  const occurs = occursOf(ctx, node);
  if (occurs.max === 0) {
    ctx.diagnostics.warning('invalid-schema', node.source, 'maxOccurs="0": this particle can never occur and is left out');
    return undefined;
  }
  switch (node.local) {
    case 'element':
      return buildElement(ctx, node, occurs, b);
    case 'sequence':
    case 'choice':
    case 'all':
      return buildGroup(ctx, node, node.local, occurs, b, groupRefs);
    case 'group':
      return buildGroupRef(ctx, node, occurs, b, groupRefs);
    case 'any':
      return buildWildcard(ctx, node, occurs);
    default:
      ctx.diagnostics.error('invalid-schema', node.source, `xs:${node.local} is not allowed in a content model`);
      return undefined;
  }
}

function buildElement(ctx: XsdContext, node: XmlNode, occurs: Occurs, b: ParticleBuilder): ElementParticle | undefined {
  for (const c of ctx.xsdChildren(node)) {
    if (c.local === 'key' || c.local === 'keyref' || c.local === 'unique') {
      ctx.diagnostics.error('unsupported-construct', c.source, `identity constraint xs:${c.local} is not supported`);
    }
  }
  for (const attr of ['substitutionGroup', 'abstract'] as const) {
    if (node.attrs[attr] !== undefined) ctx.diagnostics.error('unsupported-construct', node.source, `${attr} on an element is not supported`);
  }
  const ref = node.attrs['ref'];
  let decl = node;
  if (ref !== undefined) {
    const entry = ctx.resolveGlobal('element', ref, node);
    if (!entry) return undefined;
    decl = entry.node;
  }
  const name = decl.attrs['name'];
  if (name === undefined) {
    ctx.diagnostics.error('invalid-schema', node.source, 'xs:element needs a name or a ref');
    return undefined;
  }
  if (decl === node) ctx.checkName(node, name, 'element');
  const doc = ctx.doc(node) ?? (decl !== node ? ctx.doc(decl) : undefined);
  const fixed = decl.attrs['fixed'] ?? node.attrs['fixed'];
  const dflt = decl.attrs['default'] ?? node.attrs['default'];
  return {
    kind: 'element',
    xmlName: name,
    propName: '',
    type: b.elementType(decl),
    occurs,
    nillable: (decl.attrs['nillable'] ?? '').trim() === 'true' || (decl.attrs['nillable'] ?? '').trim() === '1',
    ...(dflt !== undefined ? { default: dflt } : {}),
    ...(fixed !== undefined ? { fixed } : {}),
    ...(doc !== undefined ? { doc } : {}),
    source: node.source,
  };
}

function buildGroup(
  ctx: XsdContext,
  node: XmlNode,
  local: 'sequence' | 'choice' | 'all',
  occurs: Occurs,
  b: ParticleBuilder,
  groupRefs: readonly string[],
): GroupParticle {
  const particles: Particle[] = [];
  for (const c of ctx.xsdChildren(node)) {
    if (local === 'all' && !ctx.isXsd(c, 'element')) {
      ctx.diagnostics.error('invalid-schema', c.source, `xs:all may only contain elements, not xs:${c.local}`);
      continue;
    }
    const p = buildParticle(ctx, c, b, groupRefs);
    if (p?.kind === 'all') {
      // XSD 1.0 (cos-all-limited): an all group is a whole content model, never a member of another group.
      const what = ctx.isXsd(c, 'group') ? `xs:group "${c.attrs['ref'] ?? ''}" (an xs:all)` : 'xs:all';
      ctx.diagnostics.error('invalid-schema', c.source, `${what} cannot be inside xs:${local}: an xs:all group must be the whole content model`);
      continue;
    }
    if (p) particles.push(p);
  }
  if (local === 'all') {
    if (occurs.max > 1) ctx.diagnostics.error('invalid-schema', node.source, 'xs:all cannot repeat (maxOccurs must be 1)');
    for (const p of particles) {
      if (p.occurs.max > 1) ctx.diagnostics.error('invalid-schema', p.source, 'elements of xs:all cannot repeat');
    }
  }
  const kind = local;
  const hint = ctx.hint(node, 'name');
  const doc = ctx.doc(node);
  return {
    kind,
    occurs,
    particles,
    propName: '',
    ...(hint !== undefined ? { nameHint: hint } : {}),
    ...(doc !== undefined ? { doc } : {}),
    source: node.source,
  };
}

function buildGroupRef(
  ctx: XsdContext,
  node: XmlNode,
  occurs: Occurs,
  b: ParticleBuilder,
  groupRefs: readonly string[],
): Particle | undefined {
  const ref = node.attrs['ref'];
  if (ref === undefined) {
    ctx.diagnostics.error('invalid-schema', node.source, 'xs:group in a content model needs a ref');
    return undefined;
  }
  const entry = ctx.resolveGlobal('group', ref, node);
  if (!entry) return undefined;
  const name = entry.node.attrs['name'] ?? ref;
  if (groupRefs.includes(name)) {
    ctx.diagnostics.error('invalid-schema', node.source, `model group "${name}" refers to itself`);
    return undefined;
  }
  const [body, ...extra] = ctx.xsdChildren(entry.node);
  if (!body || extra.length || !['sequence', 'choice', 'all'].includes(body.local)) {
    ctx.diagnostics.error('invalid-schema', entry.node.source, 'a named xs:group must contain exactly one sequence, choice or all');
    return undefined;
  }
  const inner = buildGroup(ctx, body, body.local as 'sequence' | 'choice' | 'all', occurs, b, [...groupRefs, name]);
  const hint = ctx.hint(node, 'name') ?? inner.nameHint;
  return { ...inner, ...(hint !== undefined ? { nameHint: hint } : {}), source: node.source };
}

function buildWildcard(ctx: XsdContext, node: XmlNode, occurs: Occurs): WildcardParticle {
  const pc = node.attrs['processContents'] ?? 'strict';
  if (pc !== 'strict' && pc !== 'lax' && pc !== 'skip') {
    ctx.diagnostics.error('invalid-schema', node.source, `processContents="${pc}" must be strict, lax or skip`);
  }
  return {
    kind: 'any',
    occurs,
    namespace: node.attrs['namespace'] ?? '##any',
    processContents: pc === 'lax' || pc === 'skip' ? pc : 'strict',
    propName: '',
    source: node.source,
  };
}
