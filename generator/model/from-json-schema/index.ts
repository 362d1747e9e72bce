/**
 * JSON Schema front-end: the documents of one set -> the intermediate model (the same nouns the XSD
 * front-end produces, plus arrays and unions), so one set of emitters serves both. Supported subset:
 * schemas/JSON-SCHEMA-CONVENTIONS.md. Every other keyword is reported with file:line and JSON pointer.
 *
 * Type ids: `$defs` entries are named by their key (unique across the set); inline schemas get their
 * location (`file#/json/pointer`); built-in scalars are `json:string`, `json:integer`, `json:number`,
 * `json:boolean`, `json:null` and `json:any`.
 */
import path from 'node:path';
import type { Diagnostics } from '../../diagnostics.js';
import type { JsonSchemaDocument } from '../../load/files.js';
import { member, toValue, type JsonNode } from '../../load/json-tree.js';
import type {
  ArrayType,
  ComplexType,
  ElementParticle,
  EnumValue,
  ExtraProperties,
  Facets,
  Flag,
  GlobalElement,
  JsonPrimitive,
  ModelType,
  SchemaModel,
  SimpleType,
  SourceRef,
  TypeId,
  UnionType,
} from '../model.js';

const ANNOTATIONS = new Set([
  '$schema', '$id', '$comment', 'title', 'description', 'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'format',
  'x-ts-name', 'x-enum-names', 'x-enum-descriptions', 'x-flags',
]);
const KEYWORDS = new Set([
  '$ref', '$defs', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems',
  'oneOf', 'anyOf', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
]);
const SCALARS: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean', 'null']);

interface Use {
  readonly id: TypeId;
  /** `type: [T, "null"]`: the use site also accepts null. */
  readonly nullable: boolean;
}

export function modelFromJsonSchema(name: string, documents: readonly JsonSchemaDocument[], diagnostics: Diagnostics): SchemaModel {
  const types: (ModelType | undefined)[] = [];
  const defs = new Map<string, { doc: JsonSchemaDocument; node: JsonNode }>();
  const byFile = new Map(documents.map((d) => [d.absolute, d]));

  for (const doc of documents) {
    const root = doc.root;
    if (root.kind !== 'object') {
      diagnostics.error('not-a-schema', root.source, 'a JSON Schema file must hold an object');
      continue;
    }
    const version = member(root, '$schema');
    if (version?.kind !== 'string' || !version.value.includes('2020-12')) {
      diagnostics.error('not-a-schema', (version ?? root).source, '"$schema" must name JSON Schema 2020-12 (https://json-schema.org/draft/2020-12/schema)');
    }
    for (const [key, v] of root.entries) {
      if (key !== '$defs' && !ANNOTATIONS.has(key)) {
        diagnostics.error('unsupported-construct', v.source, `top-level "${key}" is not supported: put named types under $defs`);
      }
    }
    const $defs = member(root, '$defs');
    if ($defs?.kind !== 'object') continue;
    for (const [key, node] of $defs.entries) {
      const previous = defs.get(key);
      if (previous) {
        diagnostics.error('duplicate-definition', node.source, `$defs "${key}" is already defined at ${previous.node.source.file}:${previous.node.source.line}`);
        continue;
      }
      defs.set(key, { doc, node });
    }
  }

  /** Reserves the declaration slot of a type before its inline members are built (declaration order: owner first). */
  const reserve = (): number => {
    types.push(undefined);
    return types.length - 1;
  };

  const resolveRef = (ref: JsonNode, from: JsonSchemaDocument): TypeId => {
    if (ref.kind !== 'string') {
      diagnostics.error('invalid-schema', ref.source, '"$ref" must be a string');
      return 'json:any';
    }
    const [file = '', fragment = ''] = ref.value.split('#');
    const m = /^\/\$defs\/([^/]+)$/.exec(fragment);
    if (!m) {
      diagnostics.error('unsupported-construct', ref.source, `"$ref": "${ref.value}" — only references to "#/$defs/Name" (optionally in another file) are supported`);
      return 'json:any';
    }
    const key = m[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
    const target = defs.get(key);
    const targetFile = file ? path.resolve(path.dirname(from.absolute), file) : from.absolute;
    if (!target || target.doc.absolute !== targetFile || !byFile.has(targetFile)) {
      diagnostics.error('unresolved-type', ref.source, `"$ref": "${ref.value}" names no $defs entry${file ? ` of ${file}` : ''}`);
      return 'json:any';
    }
    return key;
  };

  const checkKeywords = (node: JsonNode & { kind: 'object' }) => {
    for (const [key, v] of node.entries) {
      if (KEYWORDS.has(key) || ANNOTATIONS.has(key)) continue;
      if (key.startsWith('x-')) continue;
      diagnostics.error('unsupported-construct', v.source, `JSON Schema keyword "${key}" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md)`);
    }
  };

  /** The type a schema node describes; `id` is the id to give it if it needs a type of its own. */
  const typeOf = (node: JsonNode, doc: JsonSchemaDocument, id: TypeId, xmlName?: string): Use => {
    if (node.kind === 'boolean') {
      if (node.value) return { id: 'json:any', nullable: false };
      diagnostics.error('unsupported-construct', node.source, 'the schema `false` (nothing allowed) is not supported');
      return { id: 'json:any', nullable: false };
    }
    if (node.kind !== 'object') {
      diagnostics.error('invalid-schema', node.source, 'a schema must be an object');
      return { id: 'json:any', nullable: false };
    }
    checkKeywords(node);
    const ref = member(node, '$ref');
    if (ref) return { id: resolveRef(ref, doc), nullable: false };
    const doc$ = docOf(node);
    const common = { id, ...(xmlName !== undefined ? { xmlName } : {}), tsName: '', ...(doc$ !== undefined ? { doc: doc$ } : {}), source: node.source };

    const oneOf = member(node, 'oneOf') ?? member(node, 'anyOf');
    if (oneOf) {
      if (oneOf.kind !== 'array' || oneOf.items.length === 0) {
        diagnostics.error('invalid-schema', oneOf.source, 'oneOf/anyOf must be a non-empty array of schemas');
        return { id: 'json:any', nullable: false };
      }
      let nullable = false;
      const members: TypeId[] = [];
      const slot = reserve();
      oneOf.items.forEach((m, i) => {
        const use = typeOf(m, doc, `${id}/${i + 1}`);
        if (use.id === 'json:null') nullable = true;
        else members.push(use.id);
        if (use.nullable) nullable = true;
      });
      if (members.length === 1 && !xmlName) return { id: members[0]!, nullable };
      const allSimple = members.every((m) => m.startsWith('json:') || types.find((t) => t?.id === m)?.kind === 'simple' || isSimpleDef(m));
      if (nullable) members.push('json:null');
      types[slot] = allSimple
        ? ({ ...common, kind: 'simple', variety: 'union', facets: {}, members } satisfies SimpleType)
        : ({ ...common, kind: 'union', members } satisfies UnionType);
      return { id, nullable: false };
    }

    const enumNode = member(node, 'enum') ?? member(node, 'const');
    const typeNode = member(node, 'type');
    let jsonTypes: string[] = [];
    if (typeNode?.kind === 'string') jsonTypes = [typeNode.value];
    else if (typeNode?.kind === 'array') jsonTypes = typeNode.items.filter((t) => t.kind === 'string').map((t) => (t as { value: string }).value);
    else if (typeNode) diagnostics.error('invalid-schema', typeNode.source, '"type" must be a string or an array of strings');
    for (const t of jsonTypes) {
      if (!SCALARS.has(t) && t !== 'object' && t !== 'array') diagnostics.error('invalid-schema', typeNode!.source, `unknown JSON type "${t}"`);
    }
    const nullable = jsonTypes.length > 1 && jsonTypes.includes('null');
    const nonNull = nullable ? jsonTypes.filter((t) => t !== 'null') : jsonTypes;
    if (nonNull.length > 1) {
      diagnostics.error('unsupported-construct', typeNode!.source, `several types ${JSON.stringify(nonNull)}: use oneOf with one schema per type`);
      return { id: 'json:any', nullable };
    }
    const jsonType = nonNull[0];

    if (enumNode) {
      const values = enumNode.kind === 'array' && member(node, 'enum') ? enumNode.items.map(toValue) : [toValue(enumNode)];
      if (values.some((v) => v !== null && typeof v === 'object')) {
        diagnostics.error('unsupported-construct', enumNode.source, 'enum/const values must be scalars');
        return { id: 'json:any', nullable };
      }
      const names = stringList(member(node, 'x-enum-names'), values.length, 'x-enum-names');
      const docs = stringList(member(node, 'x-enum-descriptions'), values.length, 'x-enum-descriptions');
      const enumeration: EnumValue[] = values.map((v, i) => ({
        value: JSON.stringify(v),
        ...(names?.[i] !== undefined ? { name: names[i] } : {}),
        ...(docs?.[i] !== undefined ? { doc: docs[i] } : {}),
      }));
      const kinds = new Set(values.map((v) => (v === null ? 'null' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v)));
      const json: JsonPrimitive = jsonType && SCALARS.has(jsonType) ? (jsonType as JsonPrimitive) : kinds.size === 1 ? ([...kinds][0] as JsonPrimitive) : 'any';
      types.push({ ...common, kind: 'simple', variety: 'atomic', json, facets: { enumeration } } satisfies SimpleType);
      return { id, nullable };
    }

    if (jsonType === 'object') return { id: objectType(node, doc, common), nullable };
    if (jsonType === 'array') {
      const slot = reserve();
      const items = member(node, 'items');
      const itemUse = items ? typeOf(items, doc, `${id}/items`) : { id: 'json:any', nullable: false };
      const minItems = intMember(node, 'minItems');
      const maxItems = intMember(node, 'maxItems');
      types[slot] = {
        ...common,
        kind: 'array',
        items: itemUse.nullable ? nullableUnion(itemUse.id, `${id}/items-or-null`, node.source) : itemUse.id,
        ...(minItems !== undefined ? { minItems } : {}),
        ...(maxItems !== undefined ? { maxItems } : {}),
      } satisfies ArrayType;
      return { id, nullable };
    }
    if (jsonType === undefined) {
      if (node.entries.some(([k]) => k === 'properties' || k === 'additionalProperties' || k === 'required')) {
        return { id: objectType(node, doc, common), nullable };
      }
      return { id: 'json:any', nullable };
    }
    // A scalar: a type of its own when it has facets, flags or a name; else the built-in.
    const facets = scalarFacets(node, jsonType);
    const flags = flagsOf(member(node, 'x-flags'));
    // (An inline scalar's description documents the property that holds it: no type needed for that.)
    if (!xmlName && Object.keys(facets).length === 0 && !flags) return { id: `json:${jsonType}`, nullable };
    types.push({ ...common, kind: 'simple', variety: 'atomic', json: jsonType as JsonPrimitive, facets, ...(flags ? { flags } : {}) } satisfies SimpleType);
    return { id, nullable };
  };

  const objectType = (node: JsonNode & { kind: 'object' }, doc: JsonSchemaDocument, common: Omit<ComplexType, 'kind' | 'mixed' | 'content' | 'attributes' | 'anyAttribute'>): TypeId => {
    const id = common.id;
    const slot = reserve();
    const required = new Set<string>();
    const req = member(node, 'required');
    if (req?.kind === 'array') for (const r of req.items) if (r.kind === 'string') required.add(r.value);
    const props = member(node, 'properties');
    const particles: ElementParticle[] = [];
    if (props?.kind === 'object') {
      for (const [key, schema] of props.entries) {
        const use = typeOf(schema, doc, `${id}/${key}`);
        const hint = schema.kind === 'object' ? member(schema, 'x-ts-name') : undefined;
        const pdoc = schema.kind === 'object' ? docOf(schema) : undefined;
        particles.push({
          kind: 'element',
          xmlName: key,
          jsonName: key,
          ...(hint?.kind === 'string' ? { tsNameHint: hint.value } : {}),
          propName: '',
          type: use.id,
          occurs: { min: required.has(key) ? 1 : 0, max: 1 },
          nillable: use.nullable,
          ...(pdoc !== undefined ? { doc: pdoc } : {}),
          source: schema.source,
        });
      }
    }
    for (const r of required) {
      if (!particles.some((p) => p.xmlName === r)) diagnostics.error('invalid-schema', req!.source, `required property "${r}" is not declared in "properties"`);
    }
    const additional = member(node, 'additionalProperties');
    let extra: ExtraProperties = { kind: 'keep' };
    if (additional?.kind === 'boolean') extra = additional.value ? { kind: 'keep' } : { kind: 'forbid' };
    else if (additional) extra = { kind: 'map', valueType: typeOf(additional, doc, `${id}/additionalProperties`).id };
    types[slot] = {
      ...common,
      kind: 'complex',
      mixed: false,
      content: particles.length
        ? { kind: 'elements', particle: { kind: 'all', occurs: { min: 1, max: 1 }, particles, propName: '', source: node.source } }
        : { kind: 'empty' },
      attributes: [],
      anyAttribute: false,
      extra,
    } satisfies ComplexType;
    return id;
  };

  const nullableUnion = (of: TypeId, id: TypeId, source: SourceRef): TypeId => {
    types.push({ kind: 'simple', id, tsName: '', source, variety: 'union', facets: {}, members: [of, 'json:null'] } satisfies SimpleType);
    return id;
  };

  const isSimpleDef = (id: TypeId): boolean => {
    const d = defs.get(id);
    if (!d || d.node.kind !== 'object') return false;
    const t = member(d.node, 'type');
    return t?.kind === 'string' ? SCALARS.has(t.value) : !!member(d.node, 'enum') || !!member(d.node, 'const');
  };

  const docOf = (node: JsonNode & { kind: 'object' }): string | undefined => {
    const parts = [member(node, 'title'), member(node, 'description')]
      .filter((n): n is JsonNode & { kind: 'string' } => n?.kind === 'string')
      .map((n) => n.value.trim())
      .filter(Boolean);
    return parts.length ? parts.join('\n\n') : undefined;
  };

  const intMember = (node: JsonNode, key: string): number | undefined => {
    const v = member(node, key);
    if (!v) return undefined;
    if (v.kind !== 'number' || !Number.isInteger(v.value) || v.value < 0) {
      diagnostics.error('invalid-schema', v.source, `"${key}" must be a non-negative integer`);
      return undefined;
    }
    return v.value;
  };

  const scalarFacets = (node: JsonNode, jsonType: string): Facets => {
    const out: { -readonly [K in keyof Facets]: Facets[K] } = {};
    const num = (key: string): string | undefined => {
      const v = member(node, key);
      if (!v) return undefined;
      if (v.kind !== 'number') {
        diagnostics.error('invalid-schema', v.source, `"${key}" must be a number`);
        return undefined;
      }
      if (jsonType !== 'integer' && jsonType !== 'number') diagnostics.error('invalid-schema', v.source, `"${key}" applies to numbers, not ${jsonType}`);
      return String(v.value);
    };
    const minInclusive = num('minimum');
    const maxInclusive = num('maximum');
    const minExclusive = num('exclusiveMinimum');
    const maxExclusive = num('exclusiveMaximum');
    if (minInclusive !== undefined) out.minInclusive = minInclusive;
    if (maxInclusive !== undefined) out.maxInclusive = maxInclusive;
    if (minExclusive !== undefined) out.minExclusive = minExclusive;
    if (maxExclusive !== undefined) out.maxExclusive = maxExclusive;
    const minLength = intMember(node, 'minLength');
    const maxLength = intMember(node, 'maxLength');
    if (minLength !== undefined) out.minLength = minLength;
    if (maxLength !== undefined) out.maxLength = maxLength;
    const pattern = member(node, 'pattern');
    if (pattern) {
      if (pattern.kind !== 'string') diagnostics.error('invalid-schema', pattern.source, '"pattern" must be a string');
      else {
        try {
          new RegExp(pattern.value, 'u');
          // JSON Schema patterns are ECMA-262 and unanchored: kept as they are (not XSD syntax).
          out.jsPatterns = [[pattern.value]];
        } catch (e) {
          diagnostics.error('invalid-pattern', pattern.source, `pattern ${JSON.stringify(pattern.value)}: ${(e as Error).message}`);
        }
      }
    }
    return out;
  };

  const flagsOf = (node: JsonNode | undefined): Flag[] | undefined => {
    if (!node) return undefined;
    if (node.kind !== 'object') {
      diagnostics.error('invalid-schema', node.source, '"x-flags" must be an object of flag name -> bit value');
      return undefined;
    }
    const out: Flag[] = [];
    for (const [name, v] of node.entries) {
      if (v.kind !== 'number' || !Number.isInteger(v.value) || v.value <= 0 || (v.value & (v.value - 1)) !== 0) {
        diagnostics.error('invalid-schema', v.source, `x-flags "${name}" must be a single bit (1, 2, 4, ...)`);
        continue;
      }
      out.push({ name, value: v.value });
    }
    return out;
  };

  const stringList = (node: JsonNode | undefined, length: number, key: string): string[] | undefined => {
    if (!node) return undefined;
    if (node.kind !== 'array' || node.items.length !== length || node.items.some((i) => i.kind !== 'string')) {
      diagnostics.error('invalid-schema', node.source, `"${key}" must be an array of ${length} strings, one per enum value`);
      return undefined;
    }
    return node.items.map((i) => (i as { value: string }).value);
  };

  // Every $defs entry is a named type with a codec.
  const elements: GlobalElement[] = [];
  for (const [key, { doc, node }] of defs) {
    const use = typeOf(node, doc, key, key);
    if (use.id !== key) {
      // A $defs entry that is only a $ref or a built-in scalar: give it a type of its own.
      types.push({ kind: 'union', id: key, xmlName: key, tsName: '', source: node.source, members: [use.id] } satisfies UnionType);
    }
    elements.push({ kind: 'global-element', xmlName: key, tsName: '', type: key, nillable: use.nullable, source: node.source });
  }

  return {
    kind: 'schema-set',
    name,
    wire: 'json',
    files: documents.map((d) => ({ path: d.file, moduleName: '', sha256: d.sha256 })),
    types: types.filter((t): t is ModelType => t !== undefined),
    elements,
  };
}
