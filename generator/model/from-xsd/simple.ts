/** xs:simpleType (named or anonymous) -> SimpleType with effective facets. */
import type { XmlNode } from '../../load/xml-tree.js';
import type { BuiltinSimpleType, EnumValue, Facets, SimpleType, TypeId, WhiteSpace } from '../model.js';
import type { XsdContext } from './context.js';

const FACETS = new Set([
  'enumeration', 'pattern', 'length', 'minLength', 'maxLength', 'whiteSpace',
  'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'totalDigits', 'fractionDigits',
]);

/** What a simple type contributes when used as a base: its variety, builtin and effective facets. */
interface BaseInfo {
  readonly variety: SimpleType['variety'];
  readonly builtin?: BuiltinSimpleType;
  readonly facets: Facets;
  readonly members?: readonly TypeId[];
  readonly itemType?: TypeId;
}

export function builtinBase(name: BuiltinSimpleType): BaseInfo {
  const list = name === 'IDREFS' || name === 'ENTITIES' || name === 'NMTOKENS';
  if (list) {
    const item = name === 'IDREFS' ? 'IDREF' : name === 'ENTITIES' ? 'ENTITY' : 'NMTOKEN';
    return { variety: 'list', builtin: name, facets: { whiteSpace: 'collapse', minLength: 1 }, itemType: `xs:${item}` };
  }
  const ws: WhiteSpace = name === 'string' || name === 'anySimpleType' ? 'preserve' : name === 'normalizedString' ? 'replace' : 'collapse';
  return { variety: 'atomic', builtin: name, facets: { whiteSpace: ws } };
}

/**
 * Builds the simple type declared by `node` (an xs:simpleType). `id` is its type id, `name` its
 * XML name (undefined when anonymous), `baseInfo` resolves another type's info (building it if needed).
 */
export function buildSimpleType(
  ctx: XsdContext,
  node: XmlNode,
  id: TypeId,
  name: string | undefined,
  order: readonly number[],
  typeInfo: (id: TypeId, at: XmlNode) => BaseInfo | undefined,
  anonymous: (node: XmlNode, id: TypeId) => TypeId,
): SimpleType {
  const doc = ctx.doc(node);
  const common = {
    kind: 'simple' as const,
    id,
    ...(name !== undefined ? { xmlName: name } : {}),
    tsName: '',
    ...(doc !== undefined ? { doc } : {}),
    source: node.source,
  };
  const [body, ...extra] = ctx.xsdChildren(node);
  for (const e of extra) ctx.diagnostics.error('invalid-schema', e.source, `unexpected xs:${e.local} in xs:simpleType`);
  if (!body) {
    ctx.diagnostics.error('invalid-schema', node.source, 'xs:simpleType needs a restriction, list or union');
    return ctx.register({ ...common, variety: 'atomic', builtin: 'string', facets: {} }, order);
  }
  if (ctx.isXsd(body, 'restriction')) {
    const { base, info } = restrictionBase(ctx, body, id, typeInfo, anonymous);
    const facets = mergeFacets(ctx, info?.facets ?? {}, body);
    return ctx.register(
      {
        ...common,
        variety: info?.variety ?? 'atomic',
        ...(base !== undefined ? { base } : {}),
        ...(info?.builtin !== undefined ? { builtin: info.builtin } : {}),
        facets,
        ...(info?.members ? { members: info.members } : {}),
        ...(info?.itemType ? { itemType: info.itemType } : {}),
      },
      order,
    );
  }
  if (ctx.isXsd(body, 'list')) {
    let itemType: TypeId | undefined;
    const itemAttr = body.attrs['itemType'];
    const nested = ctx.xsdChildren(body).filter((c) => ctx.isXsd(c, 'simpleType'));
    if (itemAttr !== undefined) itemType = ctx.resolveTypeName(itemAttr, body, 'itemType');
    else if (nested[0]) itemType = anonymous(nested[0], `${id}/item`);
    else ctx.diagnostics.error('invalid-schema', body.source, 'xs:list needs an itemType or a nested xs:simpleType');
    if (itemType !== undefined) {
      const item = typeInfo(itemType, body);
      if (item && item.variety === 'list') ctx.diagnostics.error('invalid-schema', body.source, 'a list item type cannot itself be a list');
    }
    return ctx.register({ ...common, variety: 'list', facets: { whiteSpace: 'collapse' }, ...(itemType ? { itemType } : {}) }, order);
  }
  if (ctx.isXsd(body, 'union')) {
    const members: TypeId[] = [];
    for (const qname of (body.attrs['memberTypes'] ?? '').split(/\s+/).filter(Boolean)) {
      const member = ctx.resolveTypeName(qname, body, 'memberTypes');
      if (member !== undefined) members.push(member);
    }
    ctx.xsdChildren(body).forEach((c, i) => {
      if (ctx.isXsd(c, 'simpleType')) members.push(anonymous(c, `${id}/member${i + 1}`));
      else ctx.diagnostics.error('invalid-schema', c.source, `unexpected xs:${c.local} in xs:union`);
    });
    if (members.length === 0) ctx.diagnostics.error('invalid-schema', body.source, 'xs:union without member types');
    for (const m of members) {
      if (m === 'xs:anyType') ctx.diagnostics.error('invalid-schema', body.source, 'xs:anyType is not a simple type');
      else typeInfo(m, body);
    }
    return ctx.register({ ...common, variety: 'union', facets: {}, members }, order);
  }
  ctx.diagnostics.error('unsupported-construct', body.source, `xs:${body.local} is not supported in xs:simpleType`);
  return ctx.register({ ...common, variety: 'atomic', builtin: 'string', facets: {} }, order);
}

function restrictionBase(
  ctx: XsdContext,
  body: XmlNode,
  id: TypeId,
  typeInfo: (id: TypeId, at: XmlNode) => BaseInfo | undefined,
  anonymous: (node: XmlNode, id: TypeId) => TypeId,
): { base: TypeId | undefined; info: BaseInfo | undefined } {
  const baseAttr = body.attrs['base'];
  const nested = ctx.xsdChildren(body).find((c) => ctx.isXsd(c, 'simpleType'));
  let base: TypeId | undefined;
  if (baseAttr !== undefined) base = ctx.resolveTypeName(baseAttr, body, 'base');
  else if (nested) base = anonymous(nested, `${id}/base`);
  else ctx.diagnostics.error('invalid-schema', body.source, 'xs:restriction needs a base attribute or a nested xs:simpleType');
  if (base === 'xs:anyType') {
    ctx.diagnostics.error('invalid-schema', body.source, 'a simple type cannot restrict xs:anyType');
    return { base: undefined, info: undefined };
  }
  return { base, info: base !== undefined ? typeInfo(base, body) : undefined };
}

/** Applies the facets of a restriction to the effective facets of its base. */
export function mergeFacets(ctx: XsdContext, baseFacets: Facets, restriction: XmlNode): Facets {
  const enumeration: EnumValue[] = [];
  const patterns: string[] = [];
  const out: { -readonly [K in keyof Facets]: Facets[K] } = { ...baseFacets };
  for (const f of restriction.children) {
    if (!ctx.isXsd(f) || f.local === 'annotation' || f.local === 'simpleType' || f.local === 'attribute' ||
      f.local === 'attributeGroup' || f.local === 'anyAttribute' || f.local === 'sequence' || f.local === 'choice' ||
      f.local === 'all' || f.local === 'group') continue;
    if (!FACETS.has(f.local)) {
      ctx.diagnostics.error('unsupported-construct', f.source, `facet xs:${f.local} is not supported`);
      continue;
    }
    const value = f.attrs['value'];
    if (value === undefined) {
      ctx.diagnostics.error('invalid-schema', f.source, `xs:${f.local} without a value`);
      continue;
    }
    switch (f.local) {
      case 'enumeration': {
        const doc = ctx.doc(f);
        enumeration.push(doc !== undefined ? { value, doc } : { value });
        break;
      }
      case 'pattern':
        patterns.push(value);
        break;
      case 'whiteSpace':
        if (value !== 'preserve' && value !== 'replace' && value !== 'collapse') {
          ctx.diagnostics.error('invalid-schema', f.source, `whiteSpace="${value}" must be preserve, replace or collapse`);
        } else if (STRICTNESS[value] < STRICTNESS[baseFacets.whiteSpace ?? 'preserve']) {
          ctx.diagnostics.error('invalid-schema', f.source,
            `whiteSpace="${value}" is looser than the base type's "${baseFacets.whiteSpace ?? 'preserve'}"`);
        } else out.whiteSpace = value;
        break;
      case 'length': case 'minLength': case 'maxLength': case 'totalDigits': case 'fractionDigits': {
        if (!/^\+?[0-9]+$/.test(value.trim())) {
          ctx.diagnostics.error('invalid-schema', f.source, `xs:${f.local} value "${value}" is not a non-negative integer`);
          break;
        }
        out[f.local] = Number(value.trim());
        break;
      }
      default:
        out[f.local as 'minInclusive' | 'maxInclusive' | 'minExclusive' | 'maxExclusive'] = value.trim();
    }
  }
  if (enumeration.length) out.enumeration = enumeration;
  if (patterns.length) out.patterns = [...(baseFacets.patterns ?? []), patterns];
  return out;
}

const STRICTNESS: Record<WhiteSpace, number> = { preserve: 0, replace: 1, collapse: 2 };

export type { BaseInfo };
