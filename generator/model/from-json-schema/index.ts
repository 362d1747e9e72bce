/**
 * JSON Schema front-end: the documents of one set -> the intermediate model (the same nouns the XSD
 * front-end produces, plus arrays and unions), so one set of emitters serves both. Supported subset:
 * schemas/JSON-SCHEMA-CONVENTIONS.md. Every other keyword is reported with file:line and JSON pointer.
 *
 * Type ids: `$defs` entries are named by their key (unique across the set); inline schemas get their
 * JSON pointer relative to that key (`BackupJob/properties/type`, `Jobs/items`, `Value/oneOf/0`; keys
 * escaped as in JSON pointers, so `a/b` and `a` -> `b` get different ids); built-in scalars are
 * `json:string`, `json:integer`, `json:number`, `json:boolean`, `json:null` and `json:any`.
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
const SCALAR_FACETS = ['minLength', 'maxLength', 'pattern', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;

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
      if (key.startsWith('json:')) {
        // Built-in scalars have these ids: a $ref to the entry would silently name the built-in.
        diagnostics.error('invalid-schema', node.source, `$defs key "${key}": names starting with "json:" are reserved`);
        continue;
      }
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
    // A file that could not be read was reported where the set was collected (include-missing, not-well-formed).
    if (file && !byFile.has(path.resolve(path.dirname(from.absolute), file))) return 'json:any';
    const key = refKey(ref.value, from);
    if (key === undefined) {
      diagnostics.error('unresolved-type', ref.source, `"$ref": "${ref.value}" names no $defs entry${file ? ` of ${file}` : ''}`);
      return 'json:any';
    }
    return key;
  };

  /** The $defs key a `$ref` names, if it names one (no diagnostics: resolveRef reports). */
  const refKey = (value: string, from: JsonSchemaDocument): string | undefined => {
    const [file = '', fragment = ''] = value.split('#');
    const m = /^\/\$defs\/([^/]+)$/.exec(fragment);
    if (!m) return undefined;
    const key = m[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
    const target = defs.get(key);
    const targetFile = file ? path.resolve(path.dirname(from.absolute), file) : from.absolute;
    return target && target.doc.absolute === targetFile ? key : undefined;
  };

  /**
   * Whether a $defs entry also accepts null through `"type": [T, "null"]` (directly or through $refs).
   * Its named type is T, so a `$ref` to it makes the referring property (array item, member) nullable.
   */
  const nullableDefs = new Map<string, boolean>();
  const isNullableDef = (key: string): boolean => {
    const known = nullableDefs.get(key);
    if (known !== undefined) return known;
    nullableDefs.set(key, false); // a cycle of $refs accepts nothing more
    const d = defs.get(key);
    let nullable = false;
    if (d?.node.kind === 'object') {
      const ref = member(d.node, '$ref');
      const type = member(d.node, 'type');
      if (ref?.kind === 'string') {
        const target = refKey(ref.value, d.doc);
        nullable = target !== undefined && isNullableDef(target);
      } else if (type?.kind === 'array') {
        const names = type.items.map((t) => (t.kind === 'string' ? t.value : ''));
        nullable = names.length > 1 && names.includes('null');
      }
    }
    nullableDefs.set(key, nullable);
    return nullable;
  };

  const checkKeywords = (node: JsonNode & { kind: 'object' }) => {
    for (const [key, v] of node.entries) {
      if (key === '$defs') {
        // Schemas are only ever read from a file's top-level $defs: a nested one would go unchecked and unused.
        diagnostics.error('unsupported-construct', v.source, '"$defs" inside a schema is not supported: put named types under the top-level $defs');
        continue;
      }
      if (KEYWORDS.has(key) || ANNOTATIONS.has(key)) continue;
      if (key.startsWith('x-')) continue;
      diagnostics.error('unsupported-construct', v.source, `JSON Schema keyword "${key}" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md)`);
    }
  };

  /** Our `x-` annotations where they cannot apply would be ignored: report them instead. */
  const checkAnnotations = (node: JsonNode & { kind: 'object' }) => {
    const hasEnum = !!(member(node, 'enum') ?? member(node, 'const'));
    for (const key of ['x-enum-names', 'x-enum-descriptions']) {
      const v = member(node, key);
      if (v && !hasEnum) diagnostics.error('invalid-schema', v.source, `"${key}" needs an "enum" or "const" next to it`);
    }
    const xFlags = member(node, 'x-flags');
    if (xFlags) {
      const t = member(node, 'type');
      const types = t?.kind === 'string' ? [t.value] : t?.kind === 'array' ? t.items.map((i) => (i.kind === 'string' ? i.value : '')).filter((x) => x !== 'null') : [];
      const plainInteger = types.length === 1 && types[0] === 'integer' && !hasEnum && !member(node, 'oneOf') && !member(node, 'anyOf') && !member(node, '$ref');
      if (!plainInteger) diagnostics.error('invalid-schema', xFlags.source, '"x-flags" applies to an integer schema ("type": "integer", without enum, const, oneOf, anyOf or $ref)');
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
    if (ref) {
      // Next to a $ref, 2020-12 applies every other keyword too: only annotations are understood here.
      for (const [key, v] of node.entries) {
        if (KEYWORDS.has(key) && key !== '$ref') {
          diagnostics.error('unsupported-construct', v.source, `"${key}" next to "$ref" is not supported: only annotations (description, x-ts-name, ...) may sit beside a $ref`);
        }
      }
      checkAnnotations(node);
      const target = resolveRef(ref, doc);
      return { id: target, nullable: defs.has(target) && isNullableDef(target) };
    }
    checkAnnotations(node);
    const doc$ = docOf(node);
    const common = { id, ...(xmlName !== undefined ? { xmlName } : {}), tsName: '', ...(doc$ !== undefined ? { doc: doc$ } : {}), source: node.source };

    const oneOf = member(node, 'oneOf') ?? member(node, 'anyOf');
    const oneOfKey = member(node, 'oneOf') ? 'oneOf' : 'anyOf';
    if (oneOf) {
      if (oneOf.kind !== 'array' || oneOf.items.length === 0) {
        diagnostics.error('invalid-schema', oneOf.source, 'oneOf/anyOf must be a non-empty array of schemas');
        return { id: 'json:any', nullable: false };
      }
      let nullable = false;
      const members: TypeId[] = [];
      const slot = reserve();
      oneOf.items.forEach((m, i) => {
        const use = typeOf(m, doc, `${id}/${oneOfKey}/${i}`);
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
      // Next to an enum, "type" and the facets still apply (JSON Schema): a value of another type could
      // never validate, a facet is not applied to the values, and "null" in "type" does not add null.
      if (jsonTypes.length) {
        const fits = (v: unknown) =>
          jsonTypes.some((t) => (t === 'null' ? v === null : t === 'integer' ? Number.isInteger(v) : t === 'number' ? typeof v === 'number' : typeof v === t));
        values.forEach((v, i) => {
          if (!fits(v)) diagnostics.error('invalid-schema', (enumNode.kind === 'array' && member(node, 'enum') ? enumNode.items[i]! : enumNode).source, `enum value ${JSON.stringify(v)} is not of "type" ${JSON.stringify(typeNode?.kind === 'string' ? typeNode.value : jsonTypes)}`);
        });
        if (nullable && !values.includes(null)) {
          diagnostics.error('invalid-schema', typeNode!.source, '"type" allows null but the enum does not list null (JSON Schema would refuse null): add null to the enum or drop it from "type"');
        }
      }
      for (const key of SCALAR_FACETS) {
        const f = member(node, key);
        if (f) diagnostics.error('unsupported-construct', f.source, `"${key}" next to enum/const is not supported (it would not be applied to the values)`);
      }
      const names = stringList(member(node, 'x-enum-names'), values.length, 'x-enum-names');
      names?.forEach((n, i) => {
        if (names.indexOf(n) !== i) diagnostics.error('invalid-schema', member(node, 'x-enum-names')!.source, `"x-enum-names" names two values "${n}"`);
      });
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
    if (req?.kind === 'array' && req.items.every((r) => r.kind === 'string')) for (const r of req.items) required.add((r as { value: string }).value);
    else if (req) diagnostics.error('invalid-schema', req.source, '"required" must be an array of property names');
    const props = member(node, 'properties');
    if (props && props.kind !== 'object') diagnostics.error('invalid-schema', props.source, '"properties" must be an object of property name -> schema');
    const particles: ElementParticle[] = [];
    if (props?.kind === 'object') {
      for (const [key, schema] of props.entries) {
        const use = typeOf(schema, doc, `${id}/properties/${pointerKey(key)}`);
        const hint = schema.kind === 'object' ? member(schema, 'x-ts-name') : undefined;
        if (hint && hint.kind !== 'string') diagnostics.error('invalid-schema', hint.source, '"x-ts-name" must be a string');
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
    else if (additional) {
      const value = typeOf(additional, doc, `${id}/additionalProperties`);
      extra = { kind: 'map', valueType: value.nullable ? nullableUnion(value.id, `${id}/additionalProperties-or-null`, additional.source) : value.id };
    }
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
      // Not `v & (v - 1)`: bitwise operators truncate to 32 bits, so 2^31 and 3 * 2^32 would pass. The
      // runtime's flags() takes bits up to 2^30 (values stay positive 32-bit integers).
      if (v.kind !== 'number' || !Number.isInteger(v.value) || v.value <= 0 || v.value > 2 ** 30 || 2 ** Math.round(Math.log2(v.value)) !== v.value) {
        diagnostics.error('invalid-schema', v.source, `x-flags "${name}" must be a single bit (1, 2, 4, ... up to 2^30)`);
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
    if (use.id !== key || !types.some((t) => t?.id === key)) {
      // A $defs entry that is only a $ref or a built-in scalar: give it a type of its own (a $ref to
      // itself too, which the cycle check below then reports).
      types.push({ kind: 'union', id: key, xmlName: key, tsName: '', source: node.source, members: [use.id] } satisfies UnionType);
    }
    elements.push({ kind: 'global-element', xmlName: key, tsName: '', type: key, nillable: use.nullable, source: node.source });
  }
  const declared = types.filter((t): t is ModelType => t !== undefined);
  reportUnionCycles(declared, diagnostics);

  return {
    kind: 'schema-set',
    name,
    wire: 'json',
    files: documents.map((d) => ({ path: d.file, moduleName: '', sha256: d.sha256 })),
    entries: documents.map((d) => d.file),
    types: declared,
    elements,
  };
}

/**
 * A type that reaches itself through union members only ($defs that are only a $ref, oneOf/anyOf)
 * has no object or array in between to stop the runtime: its walker would recurse until the stack
 * overflows, on any input. Each such cycle is reported once, at its first type.
 */
function reportUnionCycles(types: readonly ModelType[], diagnostics: Diagnostics): void {
  const byId = new Map(types.map((t) => [t.id, t]));
  const members = (t: ModelType): readonly TypeId[] => (t.kind === 'union' || (t.kind === 'simple' && t.variety === 'union') ? (t.members ?? []) : []);
  const state = new Map<TypeId, 'visiting' | 'done'>();
  const stack: TypeId[] = [];
  const visit = (id: TypeId): void => {
    const seen = state.get(id);
    if (seen === 'done') return;
    const t = byId.get(id);
    if (!t) return;
    if (seen === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      diagnostics.error('unsupported-construct', t.source, `a cycle of $ref / oneOf / anyOf without an object or array in between (${cycle.join(' -> ')}): its codec would recurse without end`);
      return;
    }
    state.set(id, 'visiting');
    stack.push(id);
    for (const m of members(t)) visit(m);
    stack.pop();
    state.set(id, 'done');
  };
  for (const t of types) visit(t.id);
}

/** A key as a JSON pointer segment (RFC 6901): `~` -> `~0`, `/` -> `~1`. */
function pointerKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
