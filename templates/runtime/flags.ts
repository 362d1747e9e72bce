/**
 * Named bits of a bitmask integer (JSON Schema `x-flags`), e.g. JetBackup's `contains`:
 *
 *   BackupJobContains.compose(['config', 'homedir'])  // 3
 *   BackupJobContains.decompose(511)                  // ['config', 'homedir', ..., 'ftp']
 *   BackupJobContains.has(5, 'databases')             // true
 *   BackupJobContains.all                             // 511
 */
import { jscalar, type JsonScalarDesc } from './json-schema.js';

export interface Flags<N extends string> {
  /** Bit value of each flag. */
  readonly bits: Readonly<Record<N, number>>;
  /** Every flag together. */
  readonly all: number;
  /** The value with exactly these flags set. */
  compose(names: readonly N[]): number;
  /** The flags set in `value`, in bit order; bits that are no flag are left out (see `unknownBits`). */
  decompose(value: number): N[];
  has(value: number, name: N): boolean;
  /** Bits of `value` that no flag names (0 when there are none). */
  unknownBits(value: number): number;
}

export function flags<const T extends Record<string, number>>(bits: T): Flags<Extract<keyof T, string>> {
  type N = Extract<keyof T, string>;
  const entries = (Object.entries(bits) as [N, number][]).sort((a, b) => a[1] - b[1]);
  for (const [name, bit] of entries) {
    if (!Number.isInteger(bit) || bit <= 0 || (bit & (bit - 1)) !== 0 || bit > 2 ** 30) {
      throw new RangeError(`flag ${name} = ${bit} is not a single bit`);
    }
  }
  const all = entries.reduce((acc, [, bit]) => acc | bit, 0);
  // Own properties only: `toString`, `constructor` or `__proto__` are no flags.
  const bitOf = (name: string): number => {
    if (!Object.prototype.hasOwnProperty.call(bits, name)) throw new RangeError(`unknown flag "${name}"`);
    return (bits as Record<string, number>)[name]!;
  };
  const check = (value: number) => {
    if (!Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) throw new RangeError(`${value} is not a bitmask value`);
  };
  return Object.freeze({
    bits: Object.freeze({ ...bits }) as Readonly<Record<N, number>>,
    all,
    compose(names: readonly N[]): number {
      let v = 0;
      for (const n of names) v |= bitOf(n);
      return v;
    },
    decompose(value: number): N[] {
      check(value);
      return entries.filter(([, bit]) => (value & bit) !== 0).map(([name]) => name);
    },
    has(value: number, name: N): boolean {
      check(value);
      return (value & bitOf(name)) !== 0;
    },
    unknownBits(value: number): number {
      check(value);
      return value & ~all;
    },
  });
}

/**
 * The descriptor of a bitmask integer (JSON Schema `x-flags`) together with its helpers, so that
 * `BackupJobContains.compose([...])` works on the same identifier as the type.
 */
export function jflags<const T extends Record<string, number>>(
  name: string,
  bits: T,
  options: Omit<JsonScalarDesc, 'kind' | 'name' | 'type'> = {},
): JsonScalarDesc & Flags<Extract<keyof T, string>> {
  const helpers = flags(bits);
  const desc = jscalar(name, 'integer', { minimum: 0, ...options });
  return Object.freeze({ ...desc, ...helpers });
}
