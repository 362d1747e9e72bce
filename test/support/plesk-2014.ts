/**
 * The real Plesk schemas of 2014 (../shared/reference/plesk/xsd-2014/, README §3.1) as separate schema
 * sets, one per operator file (request and response sides apart, as Plesk's own sets must be compiled,
 * README §5.3), each with its include closure. `generateInto` writes them, with their runtime, into a
 * folder inside the repository (generated code imports `saxes`, which must resolve from node_modules),
 * optionally with more sets (test/scale's feature fixture) in the same run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generate, type GenerateResult, type SchemaSetSpec } from '../../generator/pipeline.js';
import { repoRoot } from './samples.js';

export const XSD_2014_DIR = path.resolve(repoRoot, '../shared/reference/plesk/xsd-2014');

/** Output folder name -> entry file. */
export const PLESK_2014_SETS = [
  { name: 'backup', entry: 'backup.xsd' },
  { name: 'webspace', entry: 'webspace.xsd' },
  { name: 'database-input', entry: 'database_input.xsd' },
  { name: 'database-output', entry: 'database_output.xsd' },
  { name: 'dns-input', entry: 'dns_input.xsd' },
  { name: 'dns-output', entry: 'dns_output.xsd' },
  { name: 'mail-input', entry: 'mail_input.xsd' },
  { name: 'mail-output', entry: 'mail_output.xsd' },
] as const;

export type Plesk2014Set = (typeof PLESK_2014_SETS)[number]['name'];

/** The 2014 sets as generator specs (entries relative to the repository root, the working directory of the tests). */
export function plesk2014Specs(): SchemaSetSpec[] {
  return PLESK_2014_SETS.map((s) => ({ name: s.name, entries: [path.relative(repoRoot, path.join(XSD_2014_DIR, s.entry))] }));
}

/** Generates every 2014 set in one run (each its own set) and writes the files under `outDir` (emptied first). */
export function generateInto(outDir: string, extra: readonly SchemaSetSpec[] = []): GenerateResult {
  const result = generate([...plesk2014Specs(), ...extra]);
  rmSync(outDir, { recursive: true, force: true });
  for (const f of result.files) {
    const file = path.join(outDir, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.content);
  }
  return result;
}
