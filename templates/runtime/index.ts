/** The runtime of the generated SDK: descriptors, codecs, errors and the value types of untyped content. */
export { codec, Codec, type DecodeOptions, type DecodeResult, type DecodeStream, type EncodeOptions } from './codec.js';
export { DecodeError, EncodeError, SchemaError, XmlParseError, type Issue, type IssueCode } from './errors.js';
export type { AnyElement, AnyNode, AnyValue, NamedAny } from './any.js';
export {
  all,
  any,
  ANY,
  attr,
  choice,
  complex,
  el,
  elements,
  EMPTY,
  seq,
  simple,
  simpleContent,
  type AttributeDesc,
  type BuiltinName,
  type ComplexTypeDesc,
  type ElementDeclDesc,
  type ElementDesc,
  type GroupDesc,
  type ParticleDesc,
  type SimpleTypeDesc,
  type TypeDesc,
} from './schema.js';
export { anyType, xs } from './builtins.js';
export type { XmlReaderOptions } from './xml-reader.js';
export type { AtMostOneOf, OneOf } from './types.js';
export {
  operationKey,
  type OperatorSpec,
  PacketSystemError,
  pairOutputs,
  requestPacket,
  resultsOf,
  responseOutputs,
  ResponseMismatchError,
} from './operator.js';
