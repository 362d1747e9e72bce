/**
 * Every published Plesk sample (../shared/reference/plesk/samples/ with MANIFEST.md verdicts, and the
 * doc-page seed packets with test/samples/seed-verdicts.json) gets its recorded verdict through
 * `validate`, with the packet kind detected from the packet alone. A packet that is not well-formed
 * is invalid *and* bad input: exit 2 and one stderr line (the CLI contract), valid=false in --json.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoStackTrace, runCli, tempDir } from '../support/cli.js';
import { listPleskSamples, pleskSamplesDir, type PleskSample } from '../support/samples.js';

const tmp = tempDir('samples');
afterAll(() => tmp.remove());

/** Samples whose verdict is "invalid" because they are not well-formed XML (MANIFEST.md says so). */
const NOT_WELL_FORMED = new Set(['set-server-wide-settings.request.onyx-doc-skeleton.xml']);

const samples = listPleskSamples();

/** Reference samples are validated where they are; seed packets are written to the temp folder. */
function fileOf(s: PleskSample): string {
  return s.name.startsWith('seed:') ? tmp.file(`${s.name.replace(/[^\w.-]+/g, '_')}.xml`, s.xml) : s.file;
}
const files = new Map(samples.map((s) => [s.name, fileOf(s)]));

function expectedExit(s: PleskSample): number {
  return s.valid ? 0 : NOT_WELL_FORMED.has(s.name) ? 2 : 1;
}

describe('sample set', () => {
  it('has reference and seed samples, valid and invalid, requests and responses', () => {
    expect(samples.some((s) => s.name.startsWith('seed:'))).toBe(true);
    const referenceFiles = readdirSync(pleskSamplesDir).filter((f) => f.endsWith('.xml'));
    expect(samples.filter((s) => !s.name.startsWith('seed:')).map((s) => s.name).sort()).toEqual(referenceFiles.sort());
    expect(new Set(samples.map((s) => `${s.direction} ${s.valid}`))).toEqual(new Set(['request true', 'request false', 'response true', 'response false']));
  });

  it('the not-well-formed list matches MANIFEST.md', () => {
    for (const name of NOT_WELL_FORMED) expect(samples.find((s) => s.name === name)?.reason).toMatch(/^not well-formed XML/);
  });
});

describe('validate gives every sample its recorded verdict', () => {
  for (const s of samples) {
    it(`${s.name}: ${s.valid ? 'valid' : 'invalid'} ${s.direction}`, async () => {
      const file = files.get(s.name)!;
      const run = await runCli(['validate', file]);
      expect(run.code, `${run.stdout}${run.stderr}`).toBe(expectedExit(s));
      if (NOT_WELL_FORMED.has(s.name)) {
        expect(run.out).toEqual([]);
        expect(run.err).toHaveLength(1);
        expect(run.err[0]).toContain(`${file}: not well-formed XML`);
        expectNoStackTrace(run.stderr);
        return;
      }
      // The kind is detected from the packet and agrees with the sample's direction.
      expect(run.out[0]).toBe(`${file}: ${s.valid ? 'valid' : 'invalid'} (plesk ${s.direction})`);
      expect(run.out.length > 1).toBe(!s.valid);
      expect(run.err).toEqual([]);
    });
  }
});

describe('all samples in one --json run', () => {
  it('reports each file in order with its verdict', async () => {
    const argv = samples.map((s) => files.get(s.name)!);
    const run = await runCli(['validate', '--json', ...argv]);
    expect(run.code).toBe(NOT_WELL_FORMED.size > 0 ? 2 : 1);
    expect(run.err).toHaveLength(NOT_WELL_FORMED.size);
    const report = JSON.parse(run.stdout) as { file: string; valid: boolean; issues: unknown[] }[];
    expect(report.map((r) => [path.basename(r.file), r.valid])).toEqual(samples.map((s) => [path.basename(files.get(s.name)!), s.valid]));
    for (const r of report) expect(r.issues.length === 0).toBe(r.valid);
  });
});
