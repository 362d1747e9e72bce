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
export { errorsOf, JsonParseError } from './errors.js';
export { JsonCodec, jsonCodec, pointer, type JsonDecodeOptions, type JsonDecodeResult, type JsonValidateOptions } from './json-codec.js';
export {
  anyJson,
  jarray,
  jnamed,
  jsonTypes,
  type JsonValue,
  jobject,
  jprop,
  jscalar,
  junion,
  type JsonArrayDesc,
  type JsonObjectDesc,
  type JsonPropDesc,
  type JsonScalar,
  type JsonScalarDesc,
  type JsonTypeDesc,
  type JsonUnionDesc,
} from './json-schema.js';
export { readJson, type JsonReadOptions } from './json-reader.js';
export { flags, jflags, type Flags } from './flags.js';
export {
  akeebaFormParams,
  encodeForm,
  formToWire,
  jetbackupCliArgs,
  parseForm,
  shellQuote,
  toFormPairs,
  type FormToWireOptions,
  type FormToWireResult,
  type ParsedForm,
} from './form.js';
