/**
 * XSD front-end: the documents of one schema set -> the intermediate model.
 * Builds every named type (in declaration order), the anonymous types they contain, and the
 * global elements; resolves references and derivations; reports what it cannot translate.
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { SchemaDocument } from '../../load/files.js';
import type { XmlNode } from '../../load/xml-tree.js';
import type { BuiltinSimpleType, ComplexType, GlobalElement, ModelFile, SchemaModel, SimpleType, TypeId } from '../model.js';
import { buildComplexType, type ComplexDeps } from './complex.js';
import { XsdContext, type GlobalKind } from './context.js';
import { builtinBase, buildSimpleType, mergeFacets, type BaseInfo } from './simple.js';

const TOP_LEVEL: Record<string, GlobalKind | 'skip'> = {
  simpleType: 'type',
  complexType: 'type',
  element: 'element',
  attribute: 'attribute',
  group: 'group',
  attributeGroup: 'attributeGroup',
  include: 'skip',
  import: 'skip',
  redefine: 'skip',
  annotation: 'skip',
};

/** `entries`: absolute paths of the entry files (their declarations are the set's API; see reachability). */
export function modelFromXsd(name: string, documents: readonly SchemaDocument[], diagnostics: Diagnostics, entries: readonly string[] = []): SchemaModel {
  const ctx = new XsdContext(documents, diagnostics);
  indexGlobals(ctx);

  let currentOrder: readonly number[] = [0, 0];
  const buildNamed = (id: TypeId, at: XmlNode): SimpleType | ComplexType | undefined => {
    const existing = ctx.built(id);
    if (existing) return existing;
    const entry = ctx.globals.type.get(id);
    if (!entry) return undefined;
    if (!ctx.enter(id)) {
      diagnostics.error('circular-derivation', at.source, `type "${id}" derives from itself`);
      return undefined;
    }
    const saved = currentOrder;
    currentOrder = [entry.docIndex, entry.topIndex];
    const order = [...currentOrder, ctx.tick()];
    const t = entry.node.local === 'simpleType'
      ? buildSimpleType(ctx, entry.node, id, id, order, simpleInfo, anonymous)
      : buildComplexType(ctx, entry.node, id, id, order, deps);
    currentOrder = saved;
    ctx.leave(id);
    return t;
  };

  const typeById = (id: TypeId, at: XmlNode): SimpleType | ComplexType | undefined => {
    if (id.startsWith('xs:')) return undefined;
    return ctx.built(id) ?? buildNamed(id, at);
  };

  const simpleInfo = (id: TypeId, at: XmlNode): BaseInfo | undefined => {
    if (id === 'xs:anyType') {
      diagnostics.error('invalid-schema', at.source, 'xs:anyType is not a simple type');
      return undefined;
    }
    if (id.startsWith('xs:')) return builtinBase(id.slice(3) as BuiltinSimpleType);
    const t = typeById(id, at);
    if (!t) return undefined;
    if (t.kind === 'complex') {
      diagnostics.error('invalid-schema', at.source, `"${id}" is a complex type where a simple type is required`);
      return undefined;
    }
    return {
      variety: t.variety,
      ...(t.builtin !== undefined ? { builtin: t.builtin } : {}),
      facets: t.facets,
      ...(t.members ? { members: t.members } : {}),
      ...(t.itemType ? { itemType: t.itemType } : {}),
    };
  };

  const anonymous = (node: XmlNode, id: TypeId): TypeId => {
    const order = [...currentOrder, ctx.tick()];
    if (node.local === 'simpleType') buildSimpleType(ctx, node, id, undefined, order, simpleInfo, anonymous);
    else buildComplexType(ctx, node, id, undefined, order, deps);
    return id;
  };

  const elementType = (decl: XmlNode): TypeId => {
    const typeAttr = decl.attrs['type'];
    const nested = ctx.xsdChildren(decl).filter((c) => c.local === 'simpleType' || c.local === 'complexType');
    if (typeAttr !== undefined) {
      if (nested.length) diagnostics.error('invalid-schema', decl.source, 'an element cannot have both a type attribute and a nested type');
      const resolved = ctx.resolveTypeName(typeAttr, decl);
      if (resolved === undefined) return 'xs:anyType';
      // An element may refer to a type that is being built (a recursive content model, e.g. a tree):
      // that is not a circular derivation, and the type is registered when its build finishes.
      if (!ctx.isBuilding(resolved)) typeById(resolved, decl);
      return resolved;
    }
    if (nested[0]) {
      // The id is the declaration's path: a global element referenced from several places (or from
      // inside its own content, recursively) has one anonymous type, built once.
      const id = `${decl.source.file}#${decl.source.path}`;
      if (ctx.built(id) || !ctx.enter(id)) return id;
      anonymous(nested[0], id);
      ctx.leave(id);
      return id;
    }
    return 'xs:anyType';
  };

  const restrictedValueType = (restriction: XmlNode, base: TypeId, id: TypeId): TypeId => {
    const info = simpleInfo(base, restriction);
    const order = [...currentOrder, ctx.tick()];
    ctx.register(
      {
        kind: 'simple',
        id,
        tsName: '',
        source: restriction.source,
        variety: info?.variety ?? 'atomic',
        base,
        ...(info?.builtin !== undefined ? { builtin: info.builtin } : {}),
        facets: mergeFacets(ctx, info?.facets ?? {}, restriction),
        ...(info?.members ? { members: info.members } : {}),
        ...(info?.itemType ? { itemType: info.itemType } : {}),
      },
      order,
    );
    return id;
  };

  const deps: ComplexDeps = { typeById, simpleInfo, anonymous, elementType, restrictedValueType };

  for (const [id, entry] of ctx.globals.type) buildNamed(id, entry.node);

  const elements: GlobalElement[] = [];
  for (const [elementName, entry] of ctx.globals.element) {
    currentOrder = [entry.docIndex, entry.topIndex];
    for (const attr of ['substitutionGroup', 'abstract'] as const) {
      if (entry.node.attrs[attr] !== undefined) {
        diagnostics.error('unsupported-construct', entry.node.source, `${attr} on an element is not supported`);
      }
    }
    for (const c of ctx.xsdChildren(entry.node)) {
      if (c.local === 'key' || c.local === 'keyref' || c.local === 'unique') {
        diagnostics.error('unsupported-construct', c.source, `identity constraint xs:${c.local} is not supported`);
      }
    }
    const doc = ctx.doc(entry.node);
    elements.push({
      kind: 'global-element',
      xmlName: elementName,
      tsName: '',
      type: elementType(entry.node),
      nillable: (entry.node.attrs['nillable'] ?? '').trim() === 'true',
      ...(doc !== undefined ? { doc } : {}),
      source: entry.node.source,
    });
  }
  elements.sort((a, b) => {
    const ea = ctx.globals.element.get(a.xmlName)!;
    const eb = ctx.globals.element.get(b.xmlName)!;
    return ea.docIndex - eb.docIndex || ea.topIndex - eb.topIndex;
  });

  const files: ModelFile[] = documents.map((d) => ({ path: d.file, moduleName: '', sha256: d.sha256 }));
  return { kind: 'schema-set', name, wire: 'xml', files, entries: documents.filter((d) => entries.includes(d.absolute)).map((d) => d.file), types: ctx.types(), elements };
}

function indexGlobals(ctx: XsdContext): void {
  ctx.documents.forEach((doc, docIndex) => {
    doc.root.children.forEach((node, topIndex) => {
      if (!ctx.isXsd(node)) {
        ctx.diagnostics.error('invalid-schema', node.source, `<${node.qname}> is not allowed at the top level of a schema`);
        return;
      }
      const kind = TOP_LEVEL[node.local];
      if (kind === undefined) {
        ctx.diagnostics.error('unsupported-construct', node.source, `top-level xs:${node.local} is not supported`);
        return;
      }
      if (kind === 'skip') return;
      const name = node.attrs['name'];
      if (name === undefined) {
        ctx.diagnostics.error('invalid-schema', node.source, `a top-level xs:${node.local} needs a name`);
        return;
      }
      ctx.checkName(node, name, kind === 'type' ? 'type' : kind);
      const table = ctx.globals[kind];
      const previous = table.get(name);
      if (previous) {
        ctx.diagnostics.error('duplicate-definition', node.source,
          `${kind} "${name}" is already defined at ${previous.node.source.file}:${previous.node.source.line}`);
        return;
      }
      table.set(name, { node, docIndex, topIndex });
    });
  });
}
