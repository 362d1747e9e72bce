/** Naming: wire names -> TypeScript names. Pure functions and a per-scope allocator; no shared state. */

export { splitWords } from './words.js';
export { camelCase, pascalCase } from './case.js';
export { isIdentifierName } from './identifier.js';
export {
  GLOBAL_NAMES,
  JS_RESERVED_WORDS,
  RESERVED_IDENTIFIERS,
  RESERVED_PROPERTIES,
  TS_KEYWORDS,
  escapeIdentifier,
  escapeProperty,
  isReservedIdentifier,
  isReservedProperty,
} from './reserved.js';
export { NameScope, collisionKey } from './scope.js';
export type { AllocateOptions, NameScopeOptions, ScopeKind } from './scope.js';
export { moduleNameForSchemaFile } from './module-name.js';
