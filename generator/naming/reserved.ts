/**
 * Names that generated code must not use as they are, and the `$`-suffix escaping applied to them.
 *
 * Two different lists, because JavaScript treats bindings and property names differently:
 * - {@link RESERVED_IDENTIFIERS}: names of types, consts and functions. Keywords cannot be bindings at all,
 *   and shadowing a global (`Array`, `Promise`) breaks or confuses generated code that refers to it.
 * - {@link RESERVED_PROPERTIES}: property names that collide with `Object.prototype` members or have special
 *   meaning (`__proto__` in an object literal sets the prototype). Keywords are NOT in this list: they are
 *   legal property names (`obj.class`, `{ class: 1 }`, `interface X { class: string }`), so a property named
 *   `class` stays `class`.
 */

/** ECMAScript reserved words, strict-mode and future reserved words, and the restricted `arguments`/`eval`. */
export const JS_RESERVED_WORDS: ReadonlySet<string> = new Set([
  // reserved words
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new',
  'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while',
  'with',
  // future reserved (always, or in strict mode / modules, which generated code is)
  'enum', 'await', 'yield', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected',
  'public',
  // not bindable in strict mode
  'arguments', 'eval',
]);

/** TypeScript type keywords, intrinsic type names and contextual keywords of type and declaration syntax. */
export const TS_KEYWORDS: ReadonlySet<string> = new Set([
  // intrinsic types
  'any', 'unknown', 'never', 'string', 'number', 'boolean', 'bigint', 'symbol', 'object', 'undefined',
  'void', 'null', 'intrinsic',
  // type operators and clauses
  'type', 'keyof', 'typeof', 'infer', 'is', 'asserts', 'unique', 'readonly', 'satisfies', 'as', 'out',
  // declarations and modifiers
  'declare', 'namespace', 'module', 'global', 'abstract', 'override', 'accessor', 'using',
]);

/**
 * Globals that generated code (models, runtime calls, a fetch-based client) refers to, or whose shadowing
 * would mislead a reader: ECMAScript globals, TypeScript's built-in utility types, and the few web/Node
 * globals a generated client uses.
 */
export const GLOBAL_NAMES: ReadonlySet<string> = new Set([
  // ECMAScript value globals
  'globalThis', 'NaN', 'Infinity', 'undefined',
  'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'BigInt', 'Symbol', 'Date', 'RegExp',
  'Promise', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Proxy', 'Reflect',
  'JSON', 'Math', 'Intl', 'Atomics',
  'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURI', 'encodeURIComponent', 'decodeURI',
  'decodeURIComponent',
  // TypeScript built-in types
  'ReadonlyArray', 'Record', 'Readonly', 'Partial', 'Required', 'Pick', 'Omit', 'Exclude', 'Extract',
  'NonNullable', 'ReturnType', 'Parameters', 'ConstructorParameters', 'InstanceType', 'Awaited', 'NoInfer',
  'ThisType', 'ThisParameterType', 'OmitThisParameter', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize',
  'PropertyKey', 'PromiseLike', 'ArrayLike', 'Iterable', 'Iterator', 'IterableIterator', 'AsyncIterable',
  'AsyncIterator', 'AsyncIterableIterator', 'Generator', 'AsyncGenerator', 'ReadonlyMap', 'ReadonlySet',
  'TemplateStringsArray',
  // web/Node globals a generated client may use
  'fetch', 'Request', 'Response', 'Headers', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal',
  'TextEncoder', 'TextDecoder', 'console', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'structuredClone',
]);

/** Everything that must not be a type, const or function name as it is: the union of the three lists above. */
export const RESERVED_IDENTIFIERS: ReadonlySet<string> = new Set([
  ...JS_RESERVED_WORDS,
  ...TS_KEYWORDS,
  ...GLOBAL_NAMES,
]);

/** Property names that must not be used as they are: `Object.prototype` members and `__proto__`. */
export const RESERVED_PROPERTIES: ReadonlySet<string> = new Set([
  '__proto__', 'constructor', 'prototype', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty',
  'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__',
]);

const NONE: ReadonlySet<string> = new Set();

/**
 * Whether `name` must not be used as-is for a type, const or function name. Case-sensitive (`Class` is
 * fine, `class` is not). `extra` adds names to avoid, such as the runtime's exports.
 *
 * @example
 * isReservedIdentifier('class')                        // true
 * isReservedIdentifier('Array')                        // true
 * isReservedIdentifier('Codec', new Set(['Codec']))    // true
 * isReservedIdentifier('BackupWebspace')               // false
 */
export function isReservedIdentifier(name: string, extra: ReadonlySet<string> = NONE): boolean {
  return RESERVED_IDENTIFIERS.has(name) || extra.has(name);
}

/**
 * Whether `name` must not be used as-is for a property name. Keywords are fine as properties.
 *
 * @example
 * isReservedProperty('constructor') // true
 * isReservedProperty('__proto__')   // true
 * isReservedProperty('class')       // false
 */
export function isReservedProperty(name: string, extra: ReadonlySet<string> = NONE): boolean {
  return RESERVED_PROPERTIES.has(name) || extra.has(name);
}

/**
 * Escapes a type, const or function name by appending `$` while it is reserved (see {@link isReservedIdentifier}).
 *
 * @example
 * escapeIdentifier('class')                          // 'class$'
 * escapeIdentifier('Array')                          // 'Array$'
 * escapeIdentifier('Codec', new Set(['Codec']))      // 'Codec$'
 * escapeIdentifier('constructor')                    // 'constructor' (a fine binding name)
 */
export function escapeIdentifier(name: string, extra: ReadonlySet<string> = NONE): string {
  let escaped = name;
  while (isReservedIdentifier(escaped, extra)) escaped += '$';
  return escaped;
}

/**
 * Escapes a property name by appending `$` while it is reserved (see {@link isReservedProperty}). Use it for
 * camelCased names and for JSON wire names kept verbatim (quoted) alike.
 *
 * @example
 * escapeProperty('__proto__')   // '__proto__$'
 * escapeProperty('constructor') // 'constructor$'
 * escapeProperty('toString')    // 'toString$'
 * escapeProperty('class')       // 'class' (keywords are legal property names)
 */
export function escapeProperty(name: string, extra: ReadonlySet<string> = NONE): string {
  let escaped = name;
  while (isReservedProperty(escaped, extra)) escaped += '$';
  return escaped;
}
