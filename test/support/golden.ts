/**
 * Golden cases: test/golden/<case>/input/*.xsd (or *.schema.json: a JSON Schema set) -> the files the
 * generator produces for them, compared byte for byte with test/golden/<case>/expected/. Each case is
 * generated as its own schema set named after the case; the runtime files (the same for every case)
 * are left out of the comparison.
 *
 * Besides input/ and expected/, a case folder holds hand-written files: runtime/index.ts (stands in
 * for the generated runtime folder, so that expected/ compiles and runs in place), type-tests.ts
 * (type-level tests against expected/, type-checked) and samples/*.xml (valid instance documents
 * for round trips; JSON cases have samples/<Codec name>.<label>.json and their own round-trip test
 * next to them, see {@link JSON_GOLDEN_CASES}).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileSystemReader } from '../../generator/load/files.js';
import { generate } from '../../generator/pipeline.js';
import { repoRoot } from './samples.js';

export const goldenDir = path.join(repoRoot, 'test/golden');

/** Case name -> its entry schema files (in input/); includes are followed from there. */
export const GOLDEN_CASES: Readonly<Record<string, readonly string[]>> = {
  choices: ['choices.xsd'],
  all: ['all.xsd'],
  derivation: ['derivation.xsd'],
  'simple-types': ['simple-types.xsd'],
  'anonymous-and-recursive': ['anonymous-and-recursive.xsd'],
  includes: ['a.xsd'],
  'hostile-names': ['hostile-names.xsd'],
  'json-basics': ['json-basics.schema.json'],
};

/** The cases whose inputs are JSON Schema files (the generator reads a set of `.json` entries as JSON Schema). */
export const JSON_GOLDEN_CASES: readonly string[] = Object.keys(GOLDEN_CASES).filter((name) => GOLDEN_CASES[name]!.every((e) => e.endsWith('.json')));

export interface GeneratedCase {
  /** Path relative to expected/ -> content. */
  readonly files: ReadonlyMap<string, string>;
  /** The runtime files (path relative to the output root, e.g. `runtime/codec.ts`) -> content. */
  readonly runtime: ReadonlyMap<string, string>;
}

/** Generates one case in memory. Display paths (banners, JSDoc) are relative to the repository root. */
export function generateCase(name: string): GeneratedCase {
  const entries = GOLDEN_CASES[name];
  if (!entries) throw new Error(`unknown golden case ${name}`);
  const input = path.join(goldenDir, name, 'input');
  const result = generate([{ name, entries: entries.map((e) => path.join(input, e)) }], fileSystemReader(repoRoot));
  const files = new Map<string, string>();
  const runtime = new Map<string, string>();
  for (const f of result.files) {
    if (f.path.startsWith('runtime/') || f.path === 'codegen.lock.json') runtime.set(f.path, f.content);
    else if (f.path.startsWith(`${name}/`)) files.set(f.path.slice(name.length + 1), f.content);
    else throw new Error(`unexpected output file ${f.path}`);
  }
  return { files, runtime };
}

/** Every file under `dir` (relative paths, `/` separators, sorted) -> content. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.set(rel, readFileSync(path.join(dir, rel), 'utf8'));
    }
  };
  walk('');
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Replaces `dir` with exactly `files`. */
export function writeTree(dir: string, files: ReadonlyMap<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, content] of files) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** `UPDATE_GOLDEN=1` rewrites expected/ (never on CI). */
export function updateMode(): boolean {
  return process.env['UPDATE_GOLDEN'] === '1' && !process.env['CI'];
}
