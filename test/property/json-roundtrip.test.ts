/**
 * Property tests of every JSON codec the generated JetBackup 5 and Akeeba modules export (one per `$defs`
 * entry), with values drawn from arbitraries derived from the runtime descriptors (test/support/arbitrary-json.ts):
 * - a generated value validates without errors (warnings only for unknown members it carries);
 * - `decode(encode(v))` deep-equals `v`, and reading the text back reports exactly what `validate` reported
 *   (the same pointers in both directions);
 * - for the parameter types (`*Params`): the value sent as PHP form parameters (toWire -> toFormPairs ->
 *   encodeForm) and read back (parseForm -> formToWire -> decodeValue) gives the same parameters again, and
 *   the same value where form text is not ambiguous.
 * Fixed seeds and a moderate number of runs keep the suite fast and reproducible.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StartBackupParamsCodec } from '../../generated/akeeba/index.js';
import { encodeForm, errorsOf, formToWire, parseForm, toFormPairs, type JsonCodec, type JsonTypeDesc } from '../../generated/runtime/index.js';
import { arbitraryOf, withoutEmpty } from '../support/arbitrary-json.js';
import { codecsOf, JSON_APIS } from '../support/json-samples.js';

const SEED = 20_260_813;
const NUM_RUNS = 100;

/**
 * Deep equality of plain data by node's isDeepStrictEqual (prototypes, -0 vs 0, own keys). Not vitest's
 * toStrictEqual: it compares `a.constructor === b.constructor`, which fails for data that has an own
 * member named "constructor" (a kept unknown field may well be called that).
 */
function expectSameData(actual: unknown, expected: unknown): void {
  if (!isDeepStrictEqual(actual, expected)) expect.fail(`not the same data:\n  got      ${JSON.stringify(actual)}\n  expected ${JSON.stringify(expected)}`);
}

const codecs = JSON_APIS.flatMap((api) => codecsOf(api).map(([name, codec]) => ({ api, name, codec })));

it('every $defs entry of both APIs has a codec under test', () => {
  expect(codecs.filter((c) => c.api === 'jetbackup')).toHaveLength(36);
  expect(codecs.filter((c) => c.api === 'akeeba')).toHaveLength(27);
});

describe.each(codecs.map((c) => [`${c.api} ${c.name}`, c] as const))('%s', (_, { codec }) => {
  it('valid values validate, encode and decode back to themselves', () => {
    fc.assert(
      fc.property(arbitraryOf(codec.type), (v) => {
        const issues = codec.validate(v);
        expect(errorsOf(issues)).toEqual([]);
        for (const w of issues) expect(w.code).toBe('unknown-property');
        const text = codec.encode(v);
        const back = codec.safeDecode(text);
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expectSameData(back.value, v);
        expect(back.warnings).toEqual(issues);
        expect(codec.encode(back.value)).toBe(text);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });
});

/** A union of two or more scalar members: form text does not say which one was sent. */
function hasAmbiguousUnion(t: JsonTypeDesc, seen = new Set<JsonTypeDesc>()): boolean {
  if (seen.has(t)) return false;
  seen.add(t);
  switch (t.kind) {
    case 'jscalar':
      return false;
    case 'jarray':
      return hasAmbiguousUnion(t.items(), seen);
    case 'jobject':
      return t.props.some((p) => hasAmbiguousUnion(p.type(), seen)) || (typeof t.extra === 'object' && hasAmbiguousUnion(t.extra.map(), seen));
    case 'junion':
      return t.members.filter((m) => m().kind === 'jscalar').length > 1 || t.members.some((m) => hasAmbiguousUnion(m(), seen));
  }
}

function sendAndRead(codec: JsonCodec<unknown>, v: unknown): { query: string; value: unknown; again: string } {
  const query = encodeForm(toFormPairs(codec.toWire(v)));
  const read = formToWire(parseForm(query), codec.type);
  expect(errorsOf(read.issues)).toEqual([]);
  const decoded = codec.decodeValue(read.value);
  expect(decoded.ok ? [] : decoded.issues).toEqual([]);
  if (!decoded.ok) throw decoded.error;
  return { query, value: decoded.value, again: encodeForm(toFormPairs(codec.toWire(decoded.value))) };
}

const params = codecs.filter((c) => c.name.endsWith('Params'));

describe.each(params.map((c) => [`${c.api} ${c.name}`, c] as const))('%s as form parameters', (_, { codec }) => {
  const ambiguous = hasAmbiguousUnion(codec.type);

  it(`encodeForm/formToWire round trip${ambiguous ? ' (form text only: a union of scalars)' : ''}`, () => {
    fc.assert(
      fc.property(arbitraryOf(codec.type, { form: true }), (v) => {
        const { query, value, again } = sendAndRead(codec, v);
        expect(again).toBe(query);
        if (!ambiguous) expectSameData(value, withoutEmpty(v));
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });
});

it('form text is untyped: a union of scalars reads back as its first member that takes the text', () => {
  const { value } = sendAndRead(StartBackupParamsCodec as JsonCodec<unknown>, { overrides: { a: 5, b: true, c: 'x' } });
  // StartBackupParams.overrides values are string | number | boolean: the string member wins.
  expectSameData(value, { overrides: { a: '5', b: '1', c: 'x' } });
});
