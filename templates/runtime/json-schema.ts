/**
 * Descriptors of JSON types (generated from JSON Schema), interpreted by json-codec.ts.
 * References to other types are thunks, as for XML.
 */

export type JsonScalar = string | number | boolean | null;

/** A JSON scalar: its JSON type ('any' = any scalar, with an enumeration) and its constraints. */
export interface JsonScalarDesc {
  readonly kind: 'jscalar';
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'any';
  readonly enum?: readonly JsonScalar[];
  /** ECMA-262 pattern, unanchored (JSON Schema semantics). */
  readonly pattern?: RegExp;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

export interface JsonPropDesc {
  /** Name on the wire. */
  readonly wire: string;
  /** Name in TypeScript values (usually the same). */
  readonly prop: string;
  readonly type: () => JsonTypeDesc;
  readonly required: boolean;
  /** Also accepts `null` (JSON Schema `type: [T, "null"]`). */
  readonly nullable: boolean;
}

export type JsonExtra = 'keep' | 'forbid' | { readonly map: () => JsonTypeDesc };

export interface JsonObjectDesc {
  readonly kind: 'jobject';
  readonly name: string;
  readonly props: readonly JsonPropDesc[];
  /** Undeclared properties: kept with a warning, refused, or (map) typed values. */
  readonly extra: JsonExtra;
}

export interface JsonArrayDesc {
  readonly kind: 'jarray';
  readonly name: string;
  readonly items: () => JsonTypeDesc;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface JsonUnionDesc {
  readonly kind: 'junion';
  readonly name: string;
  readonly members: readonly (() => JsonTypeDesc)[];
}

export type JsonTypeDesc = JsonScalarDesc | JsonObjectDesc | JsonArrayDesc | JsonUnionDesc;

type ScalarOptions = Omit<JsonScalarDesc, 'kind' | 'name' | 'type'>;

export function jscalar(name: string, type: JsonScalarDesc['type'], options: ScalarOptions = {}): JsonScalarDesc {
  return Object.freeze({ kind: 'jscalar', name, type, ...options });
}

export function jprop(
  wire: string,
  prop: string,
  type: () => JsonTypeDesc,
  options: { readonly required?: boolean; readonly nullable?: boolean } = {},
): JsonPropDesc {
  return Object.freeze({ wire, prop, type, required: options.required ?? false, nullable: options.nullable ?? false });
}

export function jobject(name: string, props: readonly JsonPropDesc[], options: { readonly extra?: JsonExtra } = {}): JsonObjectDesc {
  return Object.freeze({ kind: 'jobject', name, props: Object.freeze([...props]), extra: options.extra ?? 'keep' });
}

export function jarray(name: string, items: () => JsonTypeDesc, options: { readonly minItems?: number; readonly maxItems?: number } = {}): JsonArrayDesc {
  return Object.freeze({ kind: 'jarray', name, items, ...options });
}

export function junion(name: string, members: readonly (() => JsonTypeDesc)[]): JsonUnionDesc {
  return Object.freeze({ kind: 'junion', name, members: Object.freeze([...members]) });
}


/** Any JSON value at all (an empty schema `{}`): a `jscalar` of type 'any' without an enumeration. */
export const anyJson: JsonScalarDesc = Object.freeze({ kind: 'jscalar', name: 'any JSON value', type: 'any' });

/** Any JSON value, as TypeScript sees it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** The built-in JSON scalars, for properties typed inline (`"type": "string"`). */
export const jsonTypes = Object.freeze({
  string: jscalar('string', 'string'),
  integer: jscalar('integer', 'integer'),
  number: jscalar('number', 'number'),
  boolean: jscalar('boolean', 'boolean'),
  null: jscalar('null', 'null'),
  any: anyJson,
});

/**
 * A named enum: the descriptor also carries one constant per value (`BackupJobType.Accounts === 1`),
 * so the same identifier is the type, the runtime descriptor and the enum.
 */
export function jnamed<const M extends Record<string, JsonScalar>>(desc: JsonScalarDesc, members: M): JsonScalarDesc & M {
  return Object.freeze({ ...desc, ...members });
}
