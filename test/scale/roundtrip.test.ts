/**
 * Round trips at scale: for every schema set under test and every named complex type it reaches (the
 * descriptors its generated modules export, each wrapped in `codec('scale-<Type>', () => T)`), plus the
 * set's global element codecs, arbitrary valid values (test/support/arbitrary-xml.ts) must
 *  - validate without issue,
 *  - decode back from their encoding to the same value (node:util isDeepStrictEqual), and
 *  - encode again to the same text;
 * and libxml2 must accept the encodings: for the project's Plesk sets, arbitrary `packet`s against
 * schemas/plesk/agent_input.xsd / agent_output.xsd (one xmllint run per side); for the 2014 sets and the
 * feature fixture, a few values of every type and global element against a wrapper schema that includes the
 * set's entry file and declares one global element per type (one xmllint run per set).
 *
 * Sets: the eight 2014 Plesk sets (../shared/reference/plesk/xsd-2014/), generated/plesk/request and
 * response, and test/scale/fixtures/features.xsd (every construct the generator supports, since the real
 * schemas use few built-ins and no lists).
 *
 * Disagreements are bugs, or listed with the reason in known-gaps.json: an entry matches the failure
 * message (round trip) or libxml2's error line (xmllint) of its set and target ('*' = any), or names a probe
 * (the explicit cases at the end). Every entry must still be hit, else it is stale and the test fails.
 * Fixed seeds, modest numbers of runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect, isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComplexTypeDesc, TypeDesc } from '../../generated/runtime/index.js';
import { arbitraryOf } from '../support/arbitrary-xml.js';
import { generateInto, PLESK_2014_SETS, XSD_2014_DIR } from '../support/plesk-2014.js';
import { repoRoot } from '../support/samples.js';
import { loadSchemaSet, xmllintValidate } from '../support/xmllint.js';
import { probes } from './probes.js';

/** Fixed; SCALE_SEED / SCALE_RUNS (a multiplier) explore further by hand. */
const SEED = Number(process.env['SCALE_SEED'] ?? 20_260_901);
const SCALE = Number(process.env['SCALE_RUNS'] ?? 1);
const NUM_RUNS = 200 * SCALE;
/** Values per type sent to libxml2 (2014 sets and the fixture). */
const XMLLINT_SAMPLES = 10;
/** Packets per side sent to libxml2 (the project's Plesk sets). */
const PACKETS = 200;

const OUT = path.join(repoRoot, 'test/scale/tmp/roundtrip');
const FEATURES_XSD = path.join(repoRoot, 'test/scale/fixtures/features.xsd');

// ---------------------------------------------------------------------------------------------
// Known gaps

interface Gap {
  readonly id: string;
  readonly set?: string;
  readonly target?: string;
  readonly check: 'roundtrip' | 'xmllint' | 'probe';
  readonly match?: string;
  readonly reason: string;
}

const GAPS = JSON.parse(readFileSync(path.join(repoRoot, 'test/scale/known-gaps.json'), 'utf8')) as Gap[];
const hits = new Set<string>();
/** `${set}|${check}` combinations that ran to the end (a gap of one that did not run is not stale). */
const ran = new Set<string>();

function gapFor(set: string, target: string, check: Gap['check'], message: string): Gap | undefined {
  const gap = GAPS.find(
    (g) => g.check === check && g.set === set && (g.target === '*' || g.target === target) && g.match !== undefined && new RegExp(g.match).test(message),
  );
  if (gap) hits.add(gap.id);
  return gap;
}

// ---------------------------------------------------------------------------------------------
// The sets

/** What the generated code of a set exports that a test needs. */
interface SetUnderTest {
  readonly name: string;
  readonly targets: readonly Target[];
  /** Global element names (never used for wildcard or untyped children). */
  readonly reserved: readonly string[];
  readonly xmllint: 'wrapper' | 'packet';
  /** The entry schema (wrapper: included by it; packet: validated against it). */
  readonly schema: string;
}

interface CodecLike {
  readonly element: { readonly name: string; readonly type: () => TypeDesc; readonly nillable: boolean };
  validate(v: unknown): unknown[];
  encode(v: unknown, options?: { declaration?: boolean }): string;
  decode(xml: string): unknown;
}

interface Target {
  /** Type name, or `element:<name>` for a global element codec. */
  readonly label: string;
  readonly codec: CodecLike;
}

function isComplex(v: unknown): v is ComplexTypeDesc {
  return typeof v === 'object' && v !== null && (v as ComplexTypeDesc).kind === 'complex' && typeof (v as ComplexTypeDesc).name === 'string';
}

function isCodec(v: unknown): v is CodecLike {
  return typeof v === 'object' && v !== null && typeof (v as CodecLike).encode === 'function' && typeof (v as CodecLike).element?.name === 'string';
}

async function load(name: string, dir: string, runtimeDir: string, xmllint: SetUnderTest['xmllint'], schema: string): Promise<SetUnderTest> {
  const mod = (await import(pathToFileURL(path.join(dir, 'index.ts')).href)) as Record<string, unknown>;
  const runtime = (await import(pathToFileURL(path.join(runtimeDir, 'index.ts')).href)) as {
    codec: (name: string, type: () => TypeDesc) => CodecLike;
  };
  const types = Object.values(mod).filter(isComplex).filter((t) => t.name !== '');
  const globals = Object.values(mod).filter(isCodec);
  const targets: Target[] = [
    ...types.map((t) => ({ label: t.name, codec: runtime.codec(`scale-${t.name}`, () => t) })),
    ...globals.map((c) => ({ label: `element:${c.element.name}`, codec: c })),
  ];
  return { name, targets, reserved: [...globals.map((c) => c.element.name), ...types.map((t) => `scale-${t.name}`)], xmllint, schema };
}

generateInto(OUT, [{ name: 'features', entries: [path.relative(repoRoot, FEATURES_XSD)] }]);
const runtimeOut = path.join(OUT, 'runtime');
const SETS: SetUnderTest[] = [
  ...(await Promise.all(PLESK_2014_SETS.map((s) => load(s.name, path.join(OUT, s.name), runtimeOut, 'wrapper', path.join(XSD_2014_DIR, s.entry))))),
  await load('features', path.join(OUT, 'features'), runtimeOut, 'wrapper', FEATURES_XSD),
  await load('plesk/request', path.join(repoRoot, 'generated/plesk/request'), path.join(repoRoot, 'generated/runtime'), 'packet', path.join(repoRoot, 'schemas/plesk/agent_input.xsd')),
  await load('plesk/response', path.join(repoRoot, 'generated/plesk/response'), path.join(repoRoot, 'generated/runtime'), 'packet', path.join(repoRoot, 'schemas/plesk/agent_output.xsd')),
];

// ---------------------------------------------------------------------------------------------
// Checks

function show(v: unknown): string {
  return inspect(v, { depth: 12, breakLength: 160, maxStringLength: 200 });
}

/** The first disagreement of a value with its codec, or undefined. */
function disagreement(codec: CodecLike, v: unknown): string | undefined {
  const issues = codec.validate(v);
  if (issues.length) return `validate: ${show(issues)}`;
  let text: string;
  try {
    text = codec.encode(v);
  } catch (e) {
    return `encode threw: ${String(e)}`;
  }
  let back: unknown;
  try {
    back = codec.decode(text);
  } catch (e) {
    return `decode of ${text} threw: ${String(e)}`;
  }
  if (!isDeepStrictEqual(back, v)) return `round trip differs: ${text} decodes to ${show(back)}`;
  const again = codec.encode(back);
  if (again !== text) return `re-encoding differs: ${text} vs ${again}`;
  return undefined;
}

function arbitrary(set: SetUnderTest, target: Target): fc.Arbitrary<unknown> {
  return arbitraryOf(target.codec.element.type(), { reservedNames: set.reserved });
}

it('every set under test has targets', () => {
  expect(SETS.map((s) => [s.name, s.targets.length])).toEqual([
    ['backup', 42],
    ['webspace', 53],
    ['database-input', 30],
    ['database-output', 26],
    ['dns-input', 17],
    ['dns-output', 20],
    ['mail-input', 20],
    ['mail-output', 16],
    ['features', 22],
    ['plesk/request', 19],
    ['plesk/response', 20],
  ]);
});

describe.each(SETS.map((s) => [s.name, s] as const))('%s', (_, set) => {
  it.each(set.targets.map((t) => [t.label, t] as const))('%s: valid values validate and round-trip', (_label, target) => {
    fc.assert(
      fc.property(arbitrary(set, target), (v) => {
        const problem = disagreement(target.codec, v);
        if (problem === undefined || gapFor(set.name, target.label, 'roundtrip', problem)) return;
        throw new Error(`${set.name} ${target.label}: ${problem}\nvalue: ${show(v)}`);
      }),
      { seed: SEED, numRuns: NUM_RUNS },
    );
  });

  it('libxml2 accepts the encodings', async () => {
    const docs: { fileName: string; contents: string; target: string; value: unknown }[] = [];
    const refused: string[] = [];
    let schema: { fileName: string; contents: string }[];
    if (set.xmllint === 'packet') {
      const packet = set.targets.find((t) => t.label === 'element:packet')!;
      fc.sample(arbitrary(set, packet), { seed: SEED, numRuns: PACKETS }).forEach((v, i) => {
        docs.push({ fileName: `packet-${i}.xml`, contents: packet.codec.encode(v, { declaration: i % 2 === 0 }), target: packet.label, value: v });
      });
      schema = loadSchemaSet(set.schema);
    } else {
      for (const target of set.targets) {
        fc.sample(arbitrary(set, target), { seed: SEED, numRuns: XMLLINT_SAMPLES }).forEach((v, i) => {
          let contents: string;
          try {
            contents = target.codec.encode(v);
          } catch (e) {
            // A value the SDK cannot encode: a known round-trip gap, or a failure of its own.
            if (!gapFor(set.name, target.label, 'roundtrip', String(e))) refused.push(`${target.label}: encode threw ${String(e)}\n  value: ${show(v)}`);
            return;
          }
          docs.push({ fileName: `${target.label.replace(':', '-')}-${i}.xml`, contents, target: target.label, value: v });
        });
      }
      const entry = path.basename(set.schema);
      const elements = set.targets.filter((t) => !t.label.startsWith('element:')).map((t) => `  <xs:element name="scale-${t.label}" type="${t.label}"/>`);
      const wrapper = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">',
        `  <xs:include schemaLocation="${entry}"/>`,
        ...elements,
        '</xs:schema>',
      ].join('\n');
      const included = loadSchemaSet(set.schema);
      expect(included.map((f) => f.fileName)).not.toContain('scale-wrapper.xsd');
      // The wrapper sits next to the entry file, so the include resolves as on disk.
      schema = [{ fileName: path.posix.join(path.posix.dirname(included[0]!.fileName), 'scale-wrapper.xsd'), contents: wrapper }, ...included];
    }
    const verdicts = await xmllintValidate(schema, docs);
    for (const doc of docs) {
      const verdict = verdicts.get(doc.fileName);
      if (!verdict) {
        refused.push(`${doc.fileName}: no verdict`);
        continue;
      }
      if (verdict.valid) continue;
      const unexplained = verdict.errors.filter((e) => !gapFor(set.name, doc.target, 'xmllint', e));
      if (unexplained.length || verdict.errors.length === 0) refused.push(`${doc.fileName}:\n  ${unexplained.join('\n  ')}\n  ${doc.contents}\n  value: ${show(doc.value)}`);
    }
    expect(refused, refused.slice(0, 5).join('\n')).toEqual([]);
    expect(docs.length).toBeGreaterThan(0);
  }, 120_000);

  afterAll(() => {
    ran.add(`${set.name}|roundtrip`);
    ran.add(`${set.name}|xmllint`);
  });
});

// ---------------------------------------------------------------------------------------------
// Probes: explicit cases a property cannot produce (values the arbitrary must not generate, schemas)

describe('probes', () => {
  it.each(probes.map((p) => [p.id, p] as const))('%s', async (id, probe) => {
    const problem = await probe.run();
    const gap = GAPS.find((g) => g.check === 'probe' && g.id === id);
    if (problem !== undefined && gap) hits.add(gap.id);
    if (problem !== undefined && !gap) expect.fail(`${id}: ${problem}`);
    ran.add(`probe:${id}`);
  });

  it('every probe gap names a probe', () => {
    const ids = new Set(probes.map((p) => p.id));
    for (const g of GAPS.filter((x) => x.check === 'probe')) expect(ids.has(g.id), g.id).toBe(true);
  });
});

// Last: every known gap that could be hit by what ran was hit.
it('known-gaps.json has no stale entry', () => {
  const stale = GAPS.filter((g) => (g.check === 'probe' ? ran.has(`probe:${g.id}`) : ran.has(`${g.set}|${g.check}`)) && !hits.has(g.id));
  expect(stale.map((g) => g.id)).toEqual([]);
  for (const g of GAPS) expect(g.reason.length, g.id).toBeGreaterThan(40);
});
