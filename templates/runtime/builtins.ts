/** Descriptors of the XSD built-in simple types, referenced by generated code as `xs.<name>`. */
import { ANY, complex, simple, type BuiltinName, type ComplexTypeDesc, type SimpleTypeDesc } from './schema.js';

const NAMES = [
  'anySimpleType', 'string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'IDREFS',
  'ENTITY', 'ENTITIES', 'NMTOKEN', 'NMTOKENS', 'QName', 'NOTATION', 'anyURI', 'boolean', 'decimal', 'integer',
  'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte', 'nonNegativeInteger', 'positiveInteger',
  'unsignedLong', 'unsignedInt', 'unsignedShort', 'unsignedByte', 'float', 'double', 'duration', 'dateTime', 'time',
  'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth', 'hexBinary', 'base64Binary',
] as const satisfies readonly BuiltinName[];

export const xs: { readonly [K in BuiltinName]: SimpleTypeDesc } = Object.freeze(
  Object.fromEntries(NAMES.map((n) => [n, simple(`xs:${n}`, n)])) as Record<BuiltinName, SimpleTypeDesc>,
);

/** xs:anyType, the type of elements declared without a type: any attributes, any content. */
export const anyType: ComplexTypeDesc = complex('xs:anyType', ANY);
