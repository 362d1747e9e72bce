/** Unique names within one scope: a module's top-level identifiers, or one object type's properties. */

import { escapeIdentifier, escapeProperty } from './reserved.js';

/** What a scope holds: bindings (types, consts, functions) or property names. Decides the escaping. */
export type ScopeKind = 'identifier' | 'property';

export interface NameScopeOptions {
  /**
   * Extra names that get a `$` suffix when asked for exactly, like reserved words: for an identifier scope,
   * the runtime's exports that a module imports (`Codec`, `simple`, `complex`, `el`, `seq`, ...).
   */
  readonly escape?: Iterable<string>;
}

export interface AllocateOptions {
  /**
   * Tried before numeric suffixes when the name is taken: with `'Attr'`, an XML attribute `id` next to an
   * element `id` becomes `idAttr` (then `idAttr2`, `idAttr3`, ...).
   */
  readonly suffixOnCollision?: string;
}

/**
 * The key on which names collide: letters and digits only, case-folded (upper- then lower-cased, so
 * `ß` and `SS` meet). `aB`, `a-b`, `AB` and `ab` all have the key `ab`.
 *
 * @example
 * collisionKey('aB')     // 'ab'
 * collisionKey('Codec$') // 'codec'
 * collisionKey('Größe')  // 'grösse'
 */
export function collisionKey(name: string): string {
  return name
    .normalize('NFC')
    .toUpperCase()
    .toLowerCase()
    .replace(/[^\p{L}\p{Nd}]/gu, '');
}

/** `base` + `n`, with a `_` in between when `base` ends in a digit (`utf8` -> `utf8_2`, not `utf82`). */
function numbered(base: string, n: number): string {
  return /\p{Nd}$/u.test(base) ? `${base}_${n}` : `${base}${n}`;
}

/**
 * Allocates unique names within one scope, in allocation order (callers allocate in source order, so the
 * first declaration keeps its name).
 *
 * `allocate(desired)` first escapes reserved names with a `$` suffix (keywords and globals in an identifier
 * scope, `Object.prototype` members in a property scope, plus the `escape` option), then checks the
 * {@link collisionKey} against every name taken so far. On a collision it tries `desired + suffixOnCollision`
 * (if given), then numeric suffixes from 2 on that base; each candidate is escaped and checked the same way.
 * Instances are independent; nothing is shared between scopes.
 *
 * @example
 * const props = new NameScope('property');
 * props.allocate('aB');                                    // 'aB'
 * props.allocate('aB');                                    // 'aB2'  (from `a-b`)
 * props.allocate('id');                                    // 'id'
 * props.allocate('id', { suffixOnCollision: 'Attr' });     // 'idAttr'
 * props.allocate('constructor');                           // 'constructor$'
 *
 * const types = new NameScope('identifier', { escape: ['Codec', 'simple'] });
 * types.allocate('Codec');                                 // 'Codec$'
 * types.allocate('Array');                                 // 'Array$'
 */
export class NameScope {
  readonly #kind: ScopeKind;
  readonly #escape: ReadonlySet<string>;
  /** collision key -> the name that took it */
  readonly #taken = new Map<string, string>();

  constructor(kind: ScopeKind, options: NameScopeOptions = {}) {
    this.#kind = kind;
    this.#escape = new Set(options.escape ?? []);
  }

  /** Which kind of names this scope holds. */
  get kind(): ScopeKind {
    return this.#kind;
  }

  /**
   * Takes `name` as it is (no escaping), so that later allocations that collide with it get suffixes:
   * names the emitter itself declares in this scope. Returns false if its key was already taken.
   */
  reserve(name: string): boolean {
    const key = collisionKey(name);
    if (this.#taken.has(key)) return false;
    this.#taken.set(key, name);
    return true;
  }

  /** Whether a name with the same {@link collisionKey} as `name` is taken. */
  isTaken(name: string): boolean {
    return this.#taken.has(collisionKey(name));
  }

  /**
   * Returns a name for `desired` that is not reserved and whose collision key is not taken yet, and takes it.
   * `desired` is already cased (see `camelCase`/`pascalCase`) or a wire name kept verbatim; it must not be empty.
   */
  allocate(desired: string, options: AllocateOptions = {}): string {
    if (desired === '') throw new Error('NameScope.allocate: the desired name is empty');
    const suffix = options.suffixOnCollision ?? '';
    const candidates = [desired];
    if (suffix !== '') candidates.push(desired + suffix);
    for (const candidate of candidates) {
      const name = this.#tryTake(candidate);
      if (name !== undefined) return name;
    }
    const base = desired + suffix;
    for (let n = 2; ; n++) {
      const name = this.#tryTake(numbered(base, n));
      if (name !== undefined) return name;
    }
  }

  #tryTake(candidate: string): string | undefined {
    const name =
      this.#kind === 'identifier' ? escapeIdentifier(candidate, this.#escape) : escapeProperty(candidate, this.#escape);
    return this.reserve(name) ? name : undefined;
  }
}
