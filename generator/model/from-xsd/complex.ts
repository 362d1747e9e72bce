/** xs:complexType -> ComplexType with its effective content model and attributes. */
import type { XmlNode } from '../../load/xml-tree.js';
import type { AttributeUse, ComplexContent, ComplexType, Derivation, Particle, SimpleType, TypeId } from '../model.js';
import type { XsdContext } from './context.js';
import { buildParticle, type ParticleBuilder } from './particles.js';
import type { BaseInfo } from './simple.js';

export interface ComplexDeps extends ParticleBuilder {
  /** A built (effective) type by id; builtin ids give undefined. */
  typeById(id: TypeId, at: XmlNode): SimpleType | ComplexType | undefined;
  simpleInfo(id: TypeId, at: XmlNode): BaseInfo | undefined;
  anonymous(node: XmlNode, id: TypeId): TypeId;
  /** Builds an anonymous simple type restricting `base` with the facets of `restriction`. */
  restrictedValueType(restriction: XmlNode, base: TypeId, id: TypeId): TypeId;
}

const COMPOSITORS = new Set(['sequence', 'choice', 'all', 'group']);

export function buildComplexType(
  ctx: XsdContext,
  node: XmlNode,
  id: TypeId,
  name: string | undefined,
  order: readonly number[],
  deps: ComplexDeps,
): ComplexType {
  const doc = ctx.doc(node);
  let mixed = isTrue(node.attrs['mixed']);
  let content: ComplexContent = { kind: 'empty' };
  let attributes: AttributeUse[] = [];
  let anyAttribute = false;
  let derivation: Derivation | undefined;

  const children = ctx.xsdChildren(node);
  const head = children[0];
  if (head && (ctx.isXsd(head, 'simpleContent') || ctx.isXsd(head, 'complexContent'))) {
    for (const extra of children.slice(1)) ctx.diagnostics.error('invalid-schema', extra.source, `unexpected xs:${extra.local} after xs:${head.local}`);
    if (isTrue(head.attrs['mixed'])) mixed = true;
    const [method, ...rest] = ctx.xsdChildren(head);
    for (const extra of rest) ctx.diagnostics.error('invalid-schema', extra.source, `unexpected xs:${extra.local} in xs:${head.local}`);
    if (!method || (method.local !== 'extension' && method.local !== 'restriction')) {
      ctx.diagnostics.error('invalid-schema', head.source, `xs:${head.local} needs an xs:extension or xs:restriction`);
    } else {
      const baseAttr = method.attrs['base'];
      const base = baseAttr !== undefined ? ctx.resolveTypeName(baseAttr, method, 'base') : undefined;
      if (baseAttr === undefined) ctx.diagnostics.error('invalid-schema', method.source, `xs:${method.local} needs a base`);
      if (base !== undefined) derivation = { method: method.local, base };
      const own = ownParts(ctx, method, deps, id);
      anyAttribute = own.anyAttribute;
      if (head.local === 'complexContent') {
        const baseType = base !== undefined && base !== 'xs:anyType' ? deps.typeById(base, method) : undefined;
        if (base !== undefined && base !== 'xs:anyType' && (!baseType || baseType.kind !== 'complex')) {
          ctx.diagnostics.error('invalid-schema', method.source, `complexContent base "${baseAttr}" is not a complex type`);
        }
        const baseComplex = baseType?.kind === 'complex' ? baseType : undefined;
        if (baseComplex?.content.kind === 'simple') {
          ctx.diagnostics.error('invalid-schema', method.source, `complexContent cannot derive from "${baseAttr}", which has simple content`);
        }
        if (method.local === 'extension') {
          const baseParticle = baseComplex?.content.kind === 'elements' ? baseComplex.content.particle : undefined;
          content = extendContent(ctx, baseParticle, own.particle, method);
          attributes = mergeAttributes(ctx, baseComplex?.attributes ?? [], own.attributes, 'extension');
          anyAttribute ||= baseComplex?.anyAttribute ?? false;
        } else {
          content = own.particle ? { kind: 'elements', particle: own.particle } : { kind: 'empty' };
          attributes = mergeAttributes(ctx, baseComplex?.attributes ?? [], own.attributes, 'restriction');
        }
        if (base === 'xs:anyType' && method.local === 'restriction' && !own.particle) content = { kind: 'empty' };
      } else {
        // simpleContent
        if (own.particle) ctx.diagnostics.error('invalid-schema', method.source, 'simpleContent cannot have a content model');
        const baseType = base !== undefined && !base.startsWith('xs:') ? deps.typeById(base, method) : undefined;
        let valueType: TypeId | undefined;
        let baseAttrs: readonly AttributeUse[] = [];
        if (baseType?.kind === 'complex') {
          if (baseType.content.kind !== 'simple') {
            ctx.diagnostics.error('invalid-schema', method.source, `simpleContent base "${baseAttr}" does not have simple content`);
          } else valueType = baseType.content.valueType;
          baseAttrs = baseType.attributes;
          anyAttribute ||= baseType.anyAttribute;
        } else if (base === 'xs:anyType') {
          ctx.diagnostics.error('invalid-schema', method.source, 'simpleContent cannot derive from xs:anyType');
        } else if (base !== undefined) {
          if (method.local === 'restriction') {
            ctx.diagnostics.error('invalid-schema', method.source, 'simpleContent restriction needs a complex base type with simple content');
          }
          deps.simpleInfo(base, method);
          valueType = base;
        }
        if (method.local === 'restriction' && valueType !== undefined && hasFacets(ctx, method)) {
          valueType = deps.restrictedValueType(method, valueType, `${id}/value`);
        }
        content = valueType !== undefined ? { kind: 'simple', valueType, propName: '' } : { kind: 'empty' };
        attributes = mergeAttributes(ctx, baseAttrs, own.attributes, method.local);
      }
    }
  } else {
    const own = ownParts(ctx, node, deps, id);
    content = own.particle ? { kind: 'elements', particle: own.particle } : { kind: 'empty' };
    attributes = own.attributes;
    anyAttribute = own.anyAttribute;
  }
  if (mixed) {
    ctx.diagnostics.error('unsupported-construct', node.source, 'mixed content (mixed="true") is not supported');
  }
  return ctx.register(
    {
      kind: 'complex',
      id,
      ...(name !== undefined ? { xmlName: name } : {}),
      tsName: '',
      ...(doc !== undefined ? { doc } : {}),
      source: node.source,
      ...(derivation ? { derivation } : {}),
      mixed,
      content,
      attributes,
      anyAttribute,
    },
    order,
  );
}

function extendContent(ctx: XsdContext, base: Particle | undefined, own: Particle | undefined, at: XmlNode): ComplexContent {
  if (!base && !own) return { kind: 'empty' };
  if (!base) return { kind: 'elements', particle: own! };
  if (!own) return { kind: 'elements', particle: base };
  if (base.kind === 'all' || own.kind === 'all') {
    // The extension would be sequence(base, own) with an all group inside (XSD 1.0 cos-all-limited).
    const which = base.kind === 'all' ? 'the base type\'s content model is an xs:all' : 'the extension\'s own content model is an xs:all';
    ctx.diagnostics.error('invalid-schema', (own.kind === 'all' ? own : at).source, `an extension cannot add particles when ${which}: an xs:all group must be the whole content model`);
  }
  return {
    kind: 'elements',
    particle: { kind: 'sequence', occurs: { min: 1, max: 1 }, particles: [base, own], propName: '', source: at.source },
  };
}

/** The particle, attributes and wildcard a complexType (or its extension/restriction) declares itself. */
function ownParts(ctx: XsdContext, node: XmlNode, deps: ComplexDeps, id: TypeId) {
  let particle: Particle | undefined;
  const attributes: AttributeUse[] = [];
  let anyAttribute = false;
  for (const c of ctx.xsdChildren(node)) {
    if (COMPOSITORS.has(c.local)) {
      if (particle) ctx.diagnostics.error('invalid-schema', c.source, 'a complex type has at most one content model');
      const p = buildParticle(ctx, c, deps);
      if (p) particle = p;
    } else if (c.local === 'attribute') {
      const a = buildAttribute(ctx, c, deps, id);
      if (a) attributes.push(a);
    } else if (c.local === 'attributeGroup') {
      attributes.push(...attributeGroup(ctx, c, deps, id, []));
    } else if (c.local === 'anyAttribute') {
      // The runtime would have nowhere to keep such attributes: refuse rather than drop them.
      ctx.diagnostics.error('unsupported-construct', c.source, 'xs:anyAttribute is not supported');
      anyAttribute = true;
    } else if (!isFacet(c.local) && c.local !== 'simpleType') {
      ctx.diagnostics.error('unsupported-construct', c.source, `xs:${c.local} is not supported here`);
    }
  }
  // An empty sequence/choice is the same as no content model.
  if (particle && particle.kind !== 'element' && particle.kind !== 'any' && particle.particles.length === 0 && particle.kind !== 'choice') {
    particle = undefined;
  }
  return { particle, attributes, anyAttribute };
}

function attributeGroup(ctx: XsdContext, ref: XmlNode, deps: ComplexDeps, id: TypeId, seen: readonly string[]): AttributeUse[] {
  const name = ref.attrs['ref'];
  if (name === undefined) {
    ctx.diagnostics.error('invalid-schema', ref.source, 'xs:attributeGroup here needs a ref');
    return [];
  }
  const entry = ctx.resolveGlobal('attributeGroup', name, ref);
  if (!entry) return [];
  if (seen.includes(name)) {
    ctx.diagnostics.error('invalid-schema', ref.source, `attribute group "${name}" refers to itself`);
    return [];
  }
  const out: AttributeUse[] = [];
  for (const c of ctx.xsdChildren(entry.node)) {
    if (c.local === 'attribute') {
      const a = buildAttribute(ctx, c, deps, id);
      if (a) out.push(a);
    } else if (c.local === 'attributeGroup') out.push(...attributeGroup(ctx, c, deps, id, [...seen, name]));
    else ctx.diagnostics.error('unsupported-construct', c.source, `xs:${c.local} in an attribute group is not supported`);
  }
  return out;
}

function buildAttribute(ctx: XsdContext, node: XmlNode, deps: ComplexDeps, id: TypeId): AttributeUse | undefined {
  const ref = node.attrs['ref'];
  let decl = node;
  if (ref !== undefined) {
    const entry = ctx.resolveGlobal('attribute', ref, node);
    if (!entry) return undefined;
    decl = entry.node;
  }
  const name = decl.attrs['name'];
  if (name === undefined) {
    ctx.diagnostics.error('invalid-schema', node.source, 'xs:attribute needs a name or a ref');
    return undefined;
  }
  if (decl === node) ctx.checkName(node, name, 'attribute');
  const use = node.attrs['use'] ?? 'optional';
  if (use !== 'optional' && use !== 'required' && use !== 'prohibited') {
    ctx.diagnostics.error('invalid-schema', node.source, `use="${use}" must be optional, required or prohibited`);
  }
  let type: TypeId = 'xs:anySimpleType';
  const typeAttr = decl.attrs['type'];
  const nested = ctx.xsdChildren(decl).find((c) => c.local === 'simpleType');
  if (typeAttr !== undefined) {
    const resolved = ctx.resolveTypeName(typeAttr, decl);
    if (resolved === 'xs:anyType') ctx.diagnostics.error('invalid-schema', decl.source, 'an attribute type must be a simple type');
    else if (resolved !== undefined) {
      const t = deps.typeById(resolved, decl);
      if (t?.kind === 'complex') ctx.diagnostics.error('invalid-schema', decl.source, `attribute type "${typeAttr}" is a complex type`);
      type = resolved;
    }
  } else if (nested) type = deps.anonymous(nested, `${id}/@${name}`);
  const doc = ctx.doc(node) ?? ctx.doc(decl);
  const fixed = node.attrs['fixed'] ?? decl.attrs['fixed'];
  const dflt = node.attrs['default'] ?? decl.attrs['default'];
  return {
    kind: 'attribute',
    xmlName: name,
    propName: '',
    type,
    required: use === 'required',
    ...(use === 'prohibited' ? { prohibited: true } : {}),
    ...(dflt !== undefined ? { default: dflt } : {}),
    ...(fixed !== undefined ? { fixed } : {}),
    ...(doc !== undefined ? { doc } : {}),
    source: node.source,
  } as AttributeUse;
}

/** Base attributes first; a restriction may override or prohibit them, an extension may only add. */
function mergeAttributes(
  ctx: XsdContext,
  base: readonly AttributeUse[],
  own: readonly AttributeUse[],
  method: 'extension' | 'restriction',
): AttributeUse[] {
  const out = base.map((a) => a);
  for (const a of own) {
    const prohibited = (a as AttributeUse & { prohibited?: boolean }).prohibited === true;
    const i = out.findIndex((b) => b.xmlName === a.xmlName);
    if (i >= 0) {
      if (method === 'extension') ctx.diagnostics.error('invalid-schema', a.source, `attribute "${a.xmlName}" is already declared by the base type`);
      else if (prohibited) out.splice(i, 1);
      else out[i] = a;
    } else if (!prohibited) out.push(a);
  }
  return out.map((a) => {
    const { prohibited: _drop, ...rest } = a as AttributeUse & { prohibited?: boolean };
    return rest;
  });
}

function hasFacets(ctx: XsdContext, restriction: XmlNode): boolean {
  return ctx.xsdChildren(restriction).some((c) => isFacet(c.local));
}

function isFacet(local: string): boolean {
  return [
    'enumeration', 'pattern', 'length', 'minLength', 'maxLength', 'whiteSpace', 'minInclusive', 'maxInclusive',
    'minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits',
  ].includes(local);
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && (value.trim() === 'true' || value.trim() === '1');
}
