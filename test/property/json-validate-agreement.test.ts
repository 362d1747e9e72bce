/**
 * `validate` answers clean values from a compiled pre-check and walks everything else (json-codec.ts
 * quickCheck). The pre-check must never call a value clean that has an error: for every JSON codec,
 * valid values with one random mutation (a member replaced by another JSON value, or deleted) are
 * checked against the encode walker, which never uses the pre-check: `validate` reports an error
 * exactly when `toWire` refuses the value, and a value reported clean encodes and reads back clean.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { errorsOf } from '../../generated/runtime/index.js';
import { arbitraryOf } from '../support/arbitrary-json.js';
import { codecsOf, JSON_APIS } from '../support/json-samples.js';

const SEED = 20_261_125;
const NUM_RUNS = 150;

const replacement = fc.oneof(
  fc.constantFrom<unknown>(null, '', 'x', '6503d9d5a31fb181bf02f682', 0, -1, 1.5, 2 ** 60, true, false, [], {}, [1], { a: 1 }),
  fc.integer(),
  fc.string(),
);

/** Every path to a member or item of a plain JSON-like value (not the root). */
function pathsOf(v: unknown, at: readonly (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...at, i]), pathsOf(x, [...at, i], out)));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) (out.push([...at, k]), pathsOf(x, [...at, k], out));
  return out;
}

/** A deep copy of `v` with the member at `path` replaced (or deleted when `value` is the DELETE marker). */
const DELETE = Symbol('delete');
function mutate(v: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? mutate(x, rest, value) : x));
  const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
  if (rest.length === 0 && value === DELETE) delete copy[head as string];
  else copy[head as string] = mutate(copy[head as string], rest, value);
  return copy;
}

const codecs = JSON_APIS.flatMap((api) => codecsOf(api).map(([name, codec]) => ({ api, name, codec })));

describe.each(codecs.map((c) => [`${c.api} ${c.name}`, c] as const))('%s', (_, { codec }) => {
  it('validate reports an error exactly when the encode walker refuses the mutated value', () => {
    let mutatedInvalid = 0;
    fc.assert(
      fc.property(arbitraryOf(codec.type), fc.nat(), fc.oneof(replacement, fc.constant<unknown>(DELETE)), (valid, pick, value) => {
        const paths = pathsOf(valid);
        const v = paths.length === 0 ? (value === DELETE ? {} : value) : mutate(valid, paths[pick % paths.length]!, value);
        const errors = errorsOf(codec.validate(v));
        let refused = false;
        let wire: unknown;
        try {
          wire = codec.toWire(v as never);
        } catch {
          refused = true;
        }
        expect(errors.length > 0, `validate ${JSON.stringify(errors)} vs toWire ${refused ? 'refused' : 'accepted'}: ${JSON.stringify(v)}`).toBe(refused);
        if (refused) mutatedInvalid++;
        else expect(errorsOf(codec.validateJson(JSON.stringify(wire)))).toEqual([]);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
    // The mutations do reach invalid values (else the property would say nothing about the pre-check).
    expect(mutatedInvalid).toBeGreaterThan(0);
  });
});
