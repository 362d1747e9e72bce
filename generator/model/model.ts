/**
 * The intermediate model: what every front-end (XSD today, JSON Schema next) produces and every
 * emitter consumes. Types only, no logic.
 *
 * - Nouns are discriminated by `kind`, readonly, and cross-referenced by id (`TypeId`), so a model
 *   can be dumped as JSON for golden tests.
 * - Wire names (`xmlName`) live next to TypeScript names (`tsName`) forever. `tsName` is '' until
 *   the naming pass assigns it; no other stage invents names.
 * - Document order lives in the particles; no emitter sorts members.
 * - Every node carries its `source` (file, line, schema path) for diagnostics.
 */

/** Where a node came from: `file` is relative to the working directory, `path` is an XPath-like schema path. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly path: string;
}

/**
 * Identifies a type. Built-in XSD types are `xs:<name>` (e.g. `xs:string`, `xs:anyType`);
 * named schema types are `<name>`; anonymous types get the schema path of their declaration
 * (starting with `/`), which is unique within a schema set.
 */
export type TypeId = string;

/** The XSD built-in simple types the generator understands (the `xs:` local names). */
export const BUILTIN_SIMPLE_TYPES = [
  'anySimpleType',
  'string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'IDREFS',
  'ENTITY', 'ENTITIES', 'NMTOKEN', 'NMTOKENS', 'QName', 'NOTATION', 'anyURI',
  'boolean',
  'decimal', 'integer', 'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte',
  'nonNegativeInteger', 'positiveInteger', 'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte',
  'float', 'double',
  'duration', 'dateTime', 'time', 'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth',
  'hexBinary', 'base64Binary',
] as const;
export type BuiltinSimpleType = (typeof BUILTIN_SIMPLE_TYPES)[number];

export type WhiteSpace = 'preserve' | 'replace' | 'collapse';

export interface EnumValue {
  /** The lexical value (XSD), or the JSON text of the value (JSON: `1`, `"a"`, `true`, `null`). */
  readonly value: string;
  /** A name for the value (`x-enum-names`), making the type a named enum. */
  readonly name?: string;
  readonly doc?: string;
}

/** JSON's primitive types (JSON Schema `type`) for simple types of JSON sets; `any` = any scalar (an enum of mixed types). */
export type JsonPrimitive = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'any';

/** A named bit of a bitmask integer (`x-flags`). */
export interface Flag {
  readonly name: string;
  readonly value: number;
}

/**
 * Effective facets of a simple type (merged along its derivation chain).
 * Bounds are kept as lexical strings so that no precision is lost.
 */
export interface Facets {
  readonly whiteSpace?: WhiteSpace;
  readonly enumeration?: readonly EnumValue[];
  /** One entry per derivation step; a value must match every step (AND) and any pattern within a step (OR). XSD syntax. */
  readonly patterns?: readonly (readonly string[])[];
  /** `patterns` translated to JavaScript RegExp sources (flag `u`), set by the translate-patterns pass. */
  readonly jsPatterns?: readonly (readonly string[])[];
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  readonly minExclusive?: string;
  readonly maxExclusive?: string;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
}

export interface SimpleType {
  readonly kind: 'simple';
  readonly id: TypeId;
  /** Wire name; undefined for an anonymous type. */
  readonly xmlName?: string;
  readonly tsName: string;
  readonly doc?: string;
  readonly source: SourceRef;
  readonly variety: 'atomic' | 'list' | 'union';
  /** The direct base type (restriction), for documentation and diffs. */
  readonly base?: TypeId;
  /** For atomic types: the built-in primitive-or-derived type at the root of the chain (decides the JS value type). */
  readonly builtin?: BuiltinSimpleType;
  readonly facets: Facets;
  /** For unions: member types, in order. */
  readonly members?: readonly TypeId[];
  /** For lists: the item type. */
  readonly itemType?: TypeId;
  /** JSON sets: the JSON type of the value (then `builtin` is unset; `enumeration` holds JSON texts). */
  readonly json?: JsonPrimitive;
  /** JSON sets: the named bits of a bitmask integer. */
  readonly flags?: readonly Flag[];
}

export interface Occurs {
  readonly min: number;
  /** `Infinity` stands for `unbounded` (JSON dumps print it as null). */
  readonly max: number;
}

export interface ElementParticle {
  readonly kind: 'element';
  /** The wire name: the element name, or in JSON sets the property name (then `jsonName` says so too). */
  readonly xmlName: string;
  /** JSON sets: the property name on the wire, kept verbatim. */
  readonly jsonName?: string;
  /** A TypeScript property name the schema asks for (`x-ts-name`); the naming pass honours it. */
  readonly tsNameHint?: string;
  /** Property name in the enclosing object; '' until the naming pass. */
  readonly propName: string;
  readonly type: TypeId;
  readonly occurs: Occurs;
  readonly nillable: boolean;
  readonly default?: string;
  readonly fixed?: string;
  readonly doc?: string;
  readonly source: SourceRef;
}

export interface GroupParticle {
  readonly kind: 'sequence' | 'choice' | 'all';
  readonly occurs: Occurs;
  readonly particles: readonly Particle[];
  /**
   * For a group that repeats (occurs.max > 1): the name of the array property holding its
   * iterations. '' until the naming pass; a schema may suggest one with the `gen:name` attribute.
   */
  readonly propName: string;
  readonly nameHint?: string;
  readonly doc?: string;
  readonly source: SourceRef;
}

export interface WildcardParticle {
  readonly kind: 'any';
  readonly occurs: Occurs;
  readonly namespace: string;
  readonly processContents: 'strict' | 'lax' | 'skip';
  readonly propName: string;
  readonly source: SourceRef;
}

export type Particle = ElementParticle | GroupParticle | WildcardParticle;

export interface AttributeUse {
  readonly kind: 'attribute';
  readonly xmlName: string;
  readonly propName: string;
  readonly type: TypeId;
  readonly required: boolean;
  readonly default?: string;
  readonly fixed?: string;
  readonly doc?: string;
  readonly source: SourceRef;
}

export type ComplexContent =
  /** No children, no text (`<local/>`). */
  | { readonly kind: 'empty' }
  /** Text of a simple type, possibly with attributes (simpleContent). */
  | { readonly kind: 'simple'; readonly valueType: TypeId; readonly propName: string }
  /** Element content described by one particle (the effective content model: base particles first for extensions). */
  | { readonly kind: 'elements'; readonly particle: Particle }
  /** Anything (`xs:anyType`, used for untyped elements). */
  | { readonly kind: 'any' };

export interface Derivation {
  readonly method: 'extension' | 'restriction';
  readonly base: TypeId;
}

/**
 * JSON objects: what happens to properties the type does not declare. `keep`: kept and reported as
 * warnings (the default); `forbid`: errors; `map`: they are the content, each of `valueType`.
 */
export type ExtraProperties = { readonly kind: 'keep' } | { readonly kind: 'forbid' } | { readonly kind: 'map'; readonly valueType: TypeId };

export interface ComplexType {
  readonly kind: 'complex';
  readonly id: TypeId;
  readonly xmlName?: string;
  readonly tsName: string;
  readonly doc?: string;
  readonly source: SourceRef;
  readonly derivation?: Derivation;
  readonly mixed: boolean;
  readonly content: ComplexContent;
  readonly attributes: readonly AttributeUse[];
  readonly anyAttribute: boolean;
  /** JSON sets only. */
  readonly extra?: ExtraProperties;
}

/** JSON arrays (`items`): values are `readonly T[]`. */
export interface ArrayType {
  readonly kind: 'array';
  readonly id: TypeId;
  readonly xmlName?: string;
  readonly tsName: string;
  readonly doc?: string;
  readonly source: SourceRef;
  readonly items: TypeId;
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** JSON `oneOf`/`anyOf` whose members are not all simple: the first member that accepts a value wins. */
export interface UnionType {
  readonly kind: 'union';
  readonly id: TypeId;
  readonly xmlName?: string;
  readonly tsName: string;
  readonly doc?: string;
  readonly source: SourceRef;
  readonly members: readonly TypeId[];
}

export type ModelType = SimpleType | ComplexType | ArrayType | UnionType;

export interface GlobalElement {
  readonly kind: 'global-element';
  readonly xmlName: string;
  /** Name of the codec constant; '' until the naming pass. */
  readonly tsName: string;
  readonly type: TypeId;
  readonly nillable: boolean;
  readonly doc?: string;
  readonly source: SourceRef;
}

export interface ModelFile {
  /** Path as given (relative to the working directory). */
  readonly path: string;
  /** Module name of the generated file (e.g. `backup` for `backup.xsd`), '' until naming. */
  readonly moduleName: string;
  /** sha256 of the file's bytes. */
  readonly sha256: string;
}

/** One schema set compiled as a unit (e.g. the Plesk request side). */
export interface SchemaModel {
  readonly kind: 'schema-set';
  readonly name: string;
  /** What the set describes: XML documents (XSD) or JSON values (JSON Schema). */
  readonly wire: 'xml' | 'json';
  readonly files: readonly ModelFile[];
  /** Display paths of the entry files (the files the set was asked for; includes follow from them). */
  readonly entries?: readonly string[];
  /** In declaration order: by file (include order), then source order. */
  readonly types: readonly ModelType[];
  readonly elements: readonly GlobalElement[];
}
