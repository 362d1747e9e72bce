/**
 * Descriptors: the metadata tables that generated code declares and the runtime interprets.
 * Generated files build them with the helpers at the bottom (`simple`, `complex`, `el`, `seq`, ...).
 * References to other types are thunks so that recursive types and cyclic modules work.
 */

export type BuiltinName =
  | 'anySimpleType'
  | 'string' | 'normalizedString' | 'token' | 'language' | 'Name' | 'NCName' | 'ID' | 'IDREF' | 'IDREFS'
  | 'ENTITY' | 'ENTITIES' | 'NMTOKEN' | 'NMTOKENS' | 'QName' | 'NOTATION' | 'anyURI'
  | 'boolean'
  | 'decimal' | 'integer' | 'nonPositiveInteger' | 'negativeInteger' | 'long' | 'int' | 'short' | 'byte'
  | 'nonNegativeInteger' | 'positiveInteger' | 'unsignedLong' | 'unsignedInt' | 'unsignedShort' | 'unsignedByte'
  | 'float' | 'double'
  | 'duration' | 'dateTime' | 'time' | 'date' | 'gYearMonth' | 'gYear' | 'gMonthDay' | 'gDay' | 'gMonth'
  | 'hexBinary' | 'base64Binary';

export type WhiteSpace = 'preserve' | 'replace' | 'collapse';

/** Facets as the generator resolved them. Bounds are lexical strings of the base type. */
export interface FacetsDesc {
  readonly enumeration?: readonly string[];
  /** AND across entries, OR within one entry. Already translated to anchored JavaScript regular expressions. */
  readonly patterns?: readonly (readonly RegExp[])[];
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

export interface SimpleTypeDesc extends FacetsDesc {
  readonly kind: 'simple';
  /** XML name of the type, or '' for an anonymous type; used in messages. */
  readonly name: string;
  readonly variety: 'atomic' | 'list' | 'union';
  /** For atomic types (and as the fallback for messages): the built-in the value space comes from. */
  readonly builtin: BuiltinName;
  readonly whiteSpace: WhiteSpace;
  readonly members?: readonly (() => SimpleTypeDesc)[];
  readonly item?: () => SimpleTypeDesc;
}

export interface ElementDesc {
  readonly k: 'el';
  readonly name: string;
  readonly prop: string;
  readonly min: number;
  readonly max: number;
  readonly type: () => TypeDesc;
  readonly nillable: boolean;
  readonly fixed?: string;
  readonly default?: string;
}

export interface GroupDesc {
  readonly k: 'seq' | 'choice' | 'all';
  readonly min: number;
  readonly max: number;
  /** Set when the group repeats (max > 1): the array property that holds one object per iteration. */
  readonly prop?: string;
  readonly particles: readonly ParticleDesc[];
}

export interface WildcardDesc {
  readonly k: 'any';
  readonly prop: string;
  readonly min: number;
  readonly max: number;
  readonly process: 'strict' | 'lax' | 'skip';
  /** The namespace constraint as written (`##any`, `##other`, `##local`, `##targetNamespace` or URIs). */
  readonly namespace: string;
}

export type ParticleDesc = ElementDesc | GroupDesc | WildcardDesc;

export interface AttributeDesc {
  readonly name: string;
  readonly prop: string;
  readonly type: () => SimpleTypeDesc;
  readonly required: boolean;
  readonly fixed?: string;
  readonly default?: string;
}

export type ContentDesc =
  | { readonly k: 'empty' }
  | { readonly k: 'simple'; readonly prop: string; readonly type: () => SimpleTypeDesc }
  | { readonly k: 'elements'; readonly particle: ParticleDesc; readonly mixed: boolean }
  | { readonly k: 'any' };

export interface ComplexTypeDesc {
  readonly kind: 'complex';
  readonly name: string;
  readonly content: ContentDesc;
  readonly attributes: readonly AttributeDesc[];
  readonly anyAttribute: boolean;
}

export type TypeDesc = SimpleTypeDesc | ComplexTypeDesc;

/** A global element: what a codec encodes and decodes. */
export interface ElementDeclDesc {
  readonly name: string;
  readonly type: () => TypeDesc;
  readonly nillable: boolean;
}

// ---------------------------------------------------------------------------------------------
// Helpers used by generated code (short names keep generated tables readable).

export interface SimpleOptions extends FacetsDesc {
  readonly whiteSpace?: WhiteSpace;
  readonly members?: readonly (() => SimpleTypeDesc)[];
  readonly item?: () => SimpleTypeDesc;
}

/** Declares an atomic (or, with `members`/`item`, union or list) simple type. */
export function simple(name: string, builtin: BuiltinName, options: SimpleOptions = {}): SimpleTypeDesc {
  const variety = options.members ? 'union' : options.item ? 'list' : 'atomic';
  const whiteSpace = options.whiteSpace ?? defaultWhiteSpace(builtin, variety);
  return Object.freeze({ kind: 'simple', name, variety, builtin, ...options, whiteSpace });
}

/** The whiteSpace facet a type has when its derivation chain sets none. */
export function defaultWhiteSpace(builtin: BuiltinName, variety: 'atomic' | 'list' | 'union'): WhiteSpace {
  if (variety !== 'atomic') return 'collapse';
  if (builtin === 'string' || builtin === 'anySimpleType') return 'preserve';
  if (builtin === 'normalizedString') return 'replace';
  return 'collapse';
}

export interface ComplexOptions {
  readonly attributes?: readonly AttributeDesc[];
  readonly anyAttribute?: boolean;
}

export function complex(name: string, content: ContentDesc, options: ComplexOptions = {}): ComplexTypeDesc {
  return Object.freeze({
    kind: 'complex',
    name,
    content,
    attributes: options.attributes ?? [],
    anyAttribute: options.anyAttribute ?? false,
  });
}

export interface OccursOptions {
  readonly min?: number;
  readonly max?: number;
}

export interface ElementOptions extends OccursOptions {
  readonly nillable?: boolean;
  readonly fixed?: string;
  readonly default?: string;
}

export function el(name: string, prop: string, type: () => TypeDesc, options: ElementOptions = {}): ElementDesc {
  return Object.freeze({
    k: 'el',
    name,
    prop,
    type,
    min: options.min ?? 1,
    max: options.max ?? 1,
    nillable: options.nillable ?? false,
    ...(options.fixed !== undefined ? { fixed: options.fixed } : {}),
    ...(options.default !== undefined ? { default: options.default } : {}),
  });
}

export interface GroupOptions extends OccursOptions {
  readonly prop?: string;
}

function group(k: GroupDesc['k'], particles: readonly ParticleDesc[], options: GroupOptions): GroupDesc {
  return Object.freeze({
    k,
    particles: Object.freeze([...particles]),
    min: options.min ?? 1,
    max: options.max ?? 1,
    ...(options.prop !== undefined ? { prop: options.prop } : {}),
  });
}

export function seq(particles: readonly ParticleDesc[], options: GroupOptions = {}): GroupDesc {
  return group('seq', particles, options);
}

export function choice(particles: readonly ParticleDesc[], options: GroupOptions = {}): GroupDesc {
  return group('choice', particles, options);
}

export function all(particles: readonly ParticleDesc[], options: GroupOptions = {}): GroupDesc {
  return group('all', particles, options);
}

export function any(
  prop: string,
  process: WildcardDesc['process'],
  options: OccursOptions & { readonly namespace?: string } = {},
): WildcardDesc {
  return Object.freeze({ k: 'any', prop, process, namespace: options.namespace ?? '##any', min: options.min ?? 1, max: options.max ?? 1 });
}

/**
 * Does a wildcard's namespace constraint accept an element in namespace `ns` ('' = none)?
 * The schemas handled here have no target namespace, so ##targetNamespace means "no namespace".
 */
export function wildcardAccepts(constraint: string, ns: string): boolean {
  const c = constraint.trim();
  if (c === '##any') return true;
  if (c === '##other') return ns !== '';
  for (const token of c.split(/\s+/)) {
    if ((token === '##local' || token === '##targetNamespace') && ns === '') return true;
    if (token === ns) return true;
  }
  return false;
}

export function attr(
  name: string,
  prop: string,
  type: () => SimpleTypeDesc,
  options: { readonly required?: boolean; readonly fixed?: string; readonly default?: string } = {},
): AttributeDesc {
  return Object.freeze({
    name,
    prop,
    type,
    required: options.required ?? false,
    ...(options.fixed !== undefined ? { fixed: options.fixed } : {}),
    ...(options.default !== undefined ? { default: options.default } : {}),
  });
}

export const EMPTY: ContentDesc = Object.freeze({ k: 'empty' });
export const ANY: ContentDesc = Object.freeze({ k: 'any' });

export function elements(particle: ParticleDesc, mixed = false): ContentDesc {
  return Object.freeze({ k: 'elements', particle, mixed });
}

export function simpleContent(prop: string, type: () => SimpleTypeDesc): ContentDesc {
  return Object.freeze({ k: 'simple', prop, type });
}
