/**
 * The differential oracle: the project's validator (generated PacketCodec.validateXml) against libxml2
 * (xmllint-wasm) on the same documents and the same schemas (schemas/plesk/agent_input.xsd for requests,
 * agent_output.xsd for responses). Used by differential.test.ts; independent of vitest so that it can also
 * be run by hand while investigating (`node_modules/.bin/tsx test/oracle/report.ts [filter]`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PacketCodec as RequestCodec } from '../../generated/plesk/request/index.js';
import { PacketCodec as ResponseCodec } from '../../generated/plesk/response/index.js';
import type { Issue } from '../../generated/runtime/errors.js';
import { listPleskSamples, repoRoot, type PacketDirection } from '../support/samples.js';
import { loadSchemaSet, xmllintValidate, type XmlFile } from '../support/xmllint.js';
import { parseXml, serialize, type XElement } from './dom.js';
import { MUTATION_KINDS, mutate, type MutationKind } from './mutate.js';
import { probes } from './probes.js';
import { handWrittenSeeds, type Seed } from './seeds.js';

export const DIRECTIONS: readonly PacketDirection[] = ['request', 'response'];

const schemaDir = path.resolve(repoRoot, 'schemas/plesk');
export const schemaSets: Record<PacketDirection, XmlFile[]> = {
  request: loadSchemaSet(path.join(schemaDir, 'agent_input.xsd')),
  response: loadSchemaSet(path.join(schemaDir, 'agent_output.xsd')),
};

const codecs: Record<PacketDirection, { validateXml(xml: string): Issue[] }> = {
  request: RequestCodec,
  response: ResponseCodec,
};

/**
 * What a case is: a published sample verbatim (`sample`), a seed as serialized (`seed`), a hand-written
 * edge document (`probe`), or a mutant of a seed.
 */
export type CaseKind = 'sample' | 'seed' | 'probe' | MutationKind;
export const CASE_KINDS: readonly CaseKind[] = ['sample', 'seed', 'probe', ...MUTATION_KINDS];

export interface Case {
  readonly id: string;
  readonly seedId: string;
  readonly direction: PacketDirection;
  readonly kind: CaseKind;
  readonly xml: string;
  /** Issue paths of the mutated element(s) (see Mutant.targets); empty for samples, seeds and probes. */
  readonly targets: readonly string[];
  readonly parentPath: string | undefined;
  /** For kinds where the first issue must name one element (modulo sibling indexes): its path. */
  readonly mustName?: string;
}

export interface Judged extends Case {
  readonly ours: readonly Issue[];
  readonly libxml2: { readonly valid: boolean; readonly errors: readonly string[] };
  readonly agree: boolean;
}

/** Every seed: the valid published samples (and seed-page packets), then the hand-written packets. */
export function allSeeds(): Seed[] {
  const samples = listPleskSamples()
    .filter((s) => s.valid)
    .map((s): Seed => ({ id: `sample:${s.name}`, direction: s.direction, xml: s.xml }));
  return [...samples, ...handWrittenSeeds];
}

export interface CaseSet {
  readonly seeds: readonly Seed[];
  /** Seed id -> id of the case that holds the seed's serialized text (a sample's text may come first). */
  readonly seedCases: ReadonlyMap<string, string>;
  readonly cases: readonly Case[];
  /** Mutants generated before deduplication. */
  readonly generated: number;
}

/**
 * The published samples verbatim, every seed serialized, the probes, and every mutant of every seed,
 * deduplicated by (direction, text): the first case with a given text is kept.
 */
export function buildCases(seeds: readonly Seed[] = allSeeds()): CaseSet {
  const cases: Case[] = [];
  const texts = new Map<string, string>();
  const ids = new Set<string>();
  const seedCases = new Map<string, string>();
  let generated = 0;
  /** Adds the case unless its text is already there; returns the id of the case holding the text. */
  const push = (c: Case): string => {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    const key = `${c.direction}\n${c.xml}`;
    const existing = texts.get(key);
    if (existing !== undefined) return existing;
    texts.set(key, c.id);
    ids.add(c.id);
    cases.push(c);
    return c.id;
  };

  for (const s of listPleskSamples()) {
    push({ id: `sample:${s.name}`, seedId: `sample:${s.name}`, direction: s.direction, kind: 'sample', xml: s.xml, targets: [], parentPath: undefined });
  }
  const trees = new Map<string, XElement>();
  for (const seed of seeds) {
    if (trees.has(seed.id)) throw new Error(`duplicate seed id ${seed.id}`);
    const tree = parseXml(seed.xml);
    trees.set(seed.id, tree);
    seedCases.set(seed.id, push({ id: `${seed.id}|seed`, seedId: seed.id, direction: seed.direction, kind: 'seed', xml: serialize(tree), targets: [], parentPath: undefined }));
  }
  for (const p of probes) push({ id: p.id, seedId: p.id, direction: p.direction, kind: 'probe', xml: p.xml, targets: [], parentPath: undefined });
  for (const seed of seeds) {
    for (const m of mutate(seed.id, trees.get(seed.id)!)) {
      generated++;
      push({
        id: m.id, seedId: seed.id, direction: seed.direction, kind: m.kind, xml: serialize(m.root),
        targets: m.targets, parentPath: m.parentPath, ...(m.mustName !== undefined ? { mustName: m.mustName } : {}),
      });
    }
  }
  return { seeds, seedCases, cases, generated };
}

/** Documents per xmllint run (one run compiles the schema once and validates them all). */
const BATCH = 1000;

/** Judges every case with both validators. */
export async function judge(cases: readonly Case[]): Promise<Judged[]> {
  const libxml2 = new Map<string, { valid: boolean; errors: string[] }>();
  for (const direction of DIRECTIONS) {
    const mine = cases.filter((c) => c.direction === direction);
    for (let i = 0; i < mine.length; i += BATCH) {
      const docs = mine.slice(i, i + BATCH).map((c) => ({ fileName: c.id, contents: c.xml }));
      for (const [id, verdict] of await xmllintValidate(schemaSets[direction], docs)) libxml2.set(id, verdict);
    }
  }
  return cases.map((c) => {
    const ours = codecs[c.direction].validateXml(c.xml);
    const lib = libxml2.get(c.id);
    if (!lib) throw new Error(`xmllint gave no verdict for ${c.id}`);
    return { ...c, ours, libxml2: lib, agree: (ours.length === 0) === lib.valid };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Known gaps: test/oracle/known-gaps.json

export interface KnownGap {
  /** A case id, or a pattern over case ids where `*` stands for any run of characters. */
  readonly id: string;
  /** When given, the gap covers only disagreements where the project says this. */
  readonly ours?: 'valid' | 'invalid';
  readonly reason: string;
}

export const knownGapsFile = path.resolve(repoRoot, 'test/oracle/known-gaps.json');

export function readKnownGaps(file = knownGapsFile): KnownGap[] {
  const gaps = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(gaps)) throw new Error(`${file}: expected an array`);
  return gaps.map((g: unknown, i) => {
    const e = g as Partial<KnownGap>;
    if (typeof e.id !== 'string' || e.id === '' || typeof e.reason !== 'string' || e.reason.trim() === ''
      || (e.ours !== undefined && e.ours !== 'valid' && e.ours !== 'invalid')) {
      throw new Error(`${file}[${i}]: needs a non-empty "id" and "reason" (and "ours": "valid" | "invalid" if given)`);
    }
    return { id: e.id, reason: e.reason, ...(e.ours !== undefined ? { ours: e.ours } : {}) };
  });
}

export function gapMatches(gap: KnownGap, j: Judged): boolean {
  if (gap.ours !== undefined && gap.ours !== (j.ours.length === 0 ? 'valid' : 'invalid')) return false;
  if (!gap.id.includes('*')) return j.id === gap.id;
  const re = new RegExp(`^${gap.id.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
  return re.test(j.id);
}

// ---------------------------------------------------------------------------------------------------------
// Issue paths

/** `/a/b[2]/c` -> `/a/b/c` */
export function stripIndexes(p: string): string {
  return p.replace(/\[\d+\]/g, '');
}

/**
 * Where the project's first issue points, for an invalid mutant:
 * - `mutated`: the mutated element (or one of its attributes; for a dropped element, the missing element
 *   or the sibling now in its place);
 * - `parent`: the mutated element's parent;
 * - `inside`: a descendant of the mutated element (a renamed element's content checked against the
 *   declaration of its new name, e.g. a missing child);
 * - `same-as-libxml2`: elsewhere, but at the element libxml2's first error names (a validator reading left
 *   to right notices a renamed or swapped element only at the next one);
 * - `other`.
 * Paths are compared modulo sibling indexes: the project prints `[n]` only for elements that may repeat.
 */
export type PathClass = 'mutated' | 'parent' | 'inside' | 'same-as-libxml2' | 'other';

export function pathClass(j: Judged): PathClass | undefined {
  const first = j.ours[0];
  if (!first || j.targets.length === 0) return undefined;
  const p = stripIndexes(first.path);
  const element = p.replace(/\/@[^/]*$/, '');
  if (j.targets.map(stripIndexes).some((t) => t === p || t === element)) return 'mutated';
  if (j.parentPath !== undefined && stripIndexes(j.parentPath) === element) return 'parent';
  if (j.targets.map(stripIndexes).some((t) => element.startsWith(`${t}/`))) return 'inside';
  const libName = /Element '(?:\{[^}]*\})?([^']+)'/.exec(j.libxml2.errors[0] ?? '')?.[1];
  if (libName !== undefined && element.endsWith(`/${libName}`)) return 'same-as-libxml2';
  return 'other';
}

/** Whether the first issue names the mutated element or its parent with the exact path, indexes included. */
export function exactPath(j: Judged): boolean {
  const first = j.ours[0];
  if (!first) return false;
  const element = first.path.replace(/\/@[^/]*$/, '');
  return j.targets.some((t) => t === first.path || t === element) || j.parentPath === element;
}

// ---------------------------------------------------------------------------------------------------------
// Reports

function shortLibxml2(j: Judged): string {
  return j.libxml2.errors.map((e) => (e.startsWith(`${j.id}:`) ? e.slice(j.id.length + 1) : e)).join(' | ');
}

/** One case, both verdicts. */
export function describeCase(j: Judged): string {
  const ours = j.ours.length === 0 ? 'valid' : j.ours.map((i) => `${i.path} [${i.code}] ${i.message}`).join(' | ');
  const lib = j.libxml2.valid ? 'valid' : shortLibxml2(j);
  return `${j.id}\n  ${j.direction}: ${j.xml}\n  ours:    ${ours}\n  libxml2: ${lib}`;
}

/**
 * Disagreements grouped by kind and by what each side said (issue code / libxml2 message with names
 * and values blanked), each group with its count and its shortest document.
 */
export function groupDisagreements(list: readonly Judged[]): string {
  const groups = new Map<string, Judged[]>();
  for (const j of list) {
    const ours = j.ours.length === 0 ? 'valid' : j.ours[0]!.code;
    const lib = j.libxml2.valid ? 'valid' : shortLibxml2(j).replace(/^\d+: /, '').replace(/'[^']*'/g, "'…'").slice(0, 120);
    const key = `${j.kind} | ${j.direction} | ours: ${ours} | libxml2: ${lib}`;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  }
  return [...groups].map(([key, js]) => {
    const shortest = js.reduce((a, b) => (b.xml.length < a.xml.length ? b : a));
    return `${js.length} x ${key}\n  e.g. ${describeCase(shortest).replace(/\n/g, '\n  ')}`;
  }).join('\n');
}

export interface KindStats {
  cases: number;
  libxml2Invalid: number;
  disagree: number;
  known: number;
  /** Invalid on both sides: where the first issue points. */
  paths: Record<PathClass, number>;
  exactPaths: number;
}

export function statsByKind(judged: readonly Judged[], isKnown: (j: Judged) => boolean): Map<CaseKind, KindStats> {
  const out = new Map<CaseKind, KindStats>();
  for (const kind of CASE_KINDS) {
    out.set(kind, { cases: 0, libxml2Invalid: 0, disagree: 0, known: 0, paths: { mutated: 0, parent: 0, inside: 0, 'same-as-libxml2': 0, other: 0 }, exactPaths: 0 });
  }
  for (const j of judged) {
    const s = out.get(j.kind)!;
    s.cases++;
    if (!j.libxml2.valid) s.libxml2Invalid++;
    if (!j.agree) {
      s.disagree++;
      if (isKnown(j)) s.known++;
    } else if (!j.libxml2.valid) {
      const pc = pathClass(j);
      if (pc !== undefined) s.paths[pc]++;
      if (exactPath(j)) s.exactPaths++;
    }
  }
  return out;
}

const total = (s: KindStats): number => Object.values(s.paths).reduce((a, b) => a + b, 0);

const pct = (n: number, d: number): string => (d === 0 ? '-' : `${((100 * n) / d).toFixed(1)}%`);

/** The summary the test prints once. */
export function summary(set: CaseSet, judged: readonly Judged[], isKnown: (j: Judged) => boolean): string {
  const stats = statsByKind(judged, isKnown);
  const disagree = judged.filter((j) => !j.agree);
  const known = disagree.filter(isKnown).length;
  const mutants = judged.filter((j) => j.targets.length > 0);
  const lines = [
    `differential oracle (PacketCodec.validateXml vs libxml2 2.13 / xmllint-wasm)`,
    `  seeds: ${set.seeds.length} (${set.seeds.filter((s) => s.direction === 'request').length} request, ${set.seeds.filter((s) => s.direction === 'response').length} response)`
      + `; samples verbatim: ${judged.filter((j) => j.kind === 'sample').length}; probes: ${judged.filter((j) => j.kind === 'probe').length}`,
    `  mutants: ${set.generated} generated, ${mutants.length} distinct; libxml2 invalid: ${mutants.filter((j) => !j.libxml2.valid).length}`,
    `  cases judged: ${judged.length}; agreement: ${judged.length - disagree.length}/${judged.length} = ${pct(judged.length - disagree.length, judged.length)}`
      + `; disagreements: ${disagree.length} (${known} known gaps, ${disagree.length - known} unexplained)`,
    `  first issue of invalid mutants (both sides invalid) names the mutated element or its parent: `
      + (() => {
        let n = 0, d = 0, exact = 0;
        for (const s of stats.values()) {
          const t = total(s);
          d += t; n += s.paths.mutated + s.paths.parent; exact += s.exactPaths;
        }
        return `${n}/${d} = ${pct(n, d)} (exact incl. indexes ${pct(exact, d)})`;
      })(),
    `  ${'kind'.padEnd(20)} ${'cases'.padStart(6)} ${'invalid'.padStart(8)} ${'disagree'.padStart(9)} ${'known'.padStart(6)}   first issue at: mutated / parent / inside / where libxml2 says / other`,
  ];
  for (const [kind, s] of stats) {
    if (s.cases === 0) continue;
    const paths = total(s) === 0 ? '' : `${s.paths.mutated} / ${s.paths.parent} / ${s.paths.inside} / ${s.paths['same-as-libxml2']} / ${s.paths.other}`;
    lines.push(`  ${kind.padEnd(20)} ${String(s.cases).padStart(6)} ${String(s.libxml2Invalid).padStart(8)} ${String(s.disagree).padStart(9)} ${String(s.known).padStart(6)}   ${paths}`);
  }
  return lines.join('\n');
}
