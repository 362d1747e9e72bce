/**
 * Generality on real schemas: every operator file of the 2014 Plesk set (../shared/reference/plesk/xsd-2014/,
 * README §3.1) generates as its own schema set, with its include closure, without an error diagnostic;
 * the types per set are counted (a regression that drops types shows here); and one strict `tsc` run over
 * all eight sets and their runtime passes (a tsconfig extending the project's, so the same strict options).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, GeneratorError } from '../../generator/diagnostics.js';
import type { GenerateResult } from '../../generator/pipeline.js';
import { generateInto, PLESK_2014_SETS } from '../support/plesk-2014.js';
import { repoRoot } from '../support/samples.js';

const OUT = path.join(repoRoot, 'test/scale/tmp/plesk-2014');

/** Types per set: complex named / anonymous, simple named / anonymous (after reachability). */
const EXPECTED_COUNTS: Record<string, { complex: number; anonymousComplex: number; simple: number; anonymousSimple: number }> = {
  backup: { complex: 41, anonymousComplex: 8, simple: 10, anonymousSimple: 0 },
  webspace: { complex: 52, anonymousComplex: 74, simple: 20, anonymousSimple: 3 },
  'database-input': { complex: 29, anonymousComplex: 11, simple: 5, anonymousSimple: 0 },
  'database-output': { complex: 25, anonymousComplex: 16, simple: 6, anonymousSimple: 0 },
  'dns-input': { complex: 16, anonymousComplex: 13, simple: 5, anonymousSimple: 2 },
  'dns-output': { complex: 19, anonymousComplex: 27, simple: 9, anonymousSimple: 1 },
  'mail-input': { complex: 19, anonymousComplex: 26, simple: 6, anonymousSimple: 3 },
  'mail-output': { complex: 15, anonymousComplex: 20, simple: 9, anonymousSimple: 1 },
};

let result: GenerateResult;

beforeAll(() => {
  try {
    result = generateInto(OUT);
  } catch (e) {
    if (e instanceof GeneratorError) throw new Error(`generation failed:\n${e.diagnostics.map(formatDiagnostic).join('\n')}`);
    throw e;
  }
}, 120_000);

describe('the 2014 Plesk schemas, one set per operator file', () => {
  it('generate without an error diagnostic', () => {
    expect(result.warnings.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.models.map((m) => m.name)).toEqual(PLESK_2014_SETS.map((s) => s.name));
  });

  it('types per set', () => {
    const counts = Object.fromEntries(
      result.models.map((m) => {
        const complex = m.types.filter((t) => t.kind === 'complex');
        const simple = m.types.filter((t) => t.kind === 'simple');
        return [
          m.name,
          {
            complex: complex.filter((t) => t.xmlName !== undefined).length,
            anonymousComplex: complex.filter((t) => t.xmlName === undefined).length,
            simple: simple.filter((t) => t.xmlName !== undefined).length,
            anonymousSimple: simple.filter((t) => t.xmlName === undefined).length,
          },
        ];
      }),
    );
    expect(counts).toEqual(EXPECTED_COUNTS);
  });

  it('one strict tsc run over all sets and their runtime passes', () => {
    writeFileSync(
      path.join(OUT, 'tsconfig.json'),
      `${JSON.stringify({ extends: path.relative(OUT, path.join(repoRoot, 'tsconfig.json')), include: ['**/*.ts'], exclude: [] }, null, 2)}\n`,
    );
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(OUT, 'tsconfig.json'), '--noEmit', '--pretty', 'false', '--listFilesOnly'], { cwd: repoRoot, encoding: 'utf8' });
    const listed = r.stdout.split('\n').filter((f) => f.startsWith(OUT));
    // Every set's modules and the runtime are in the program.
    for (const s of [...PLESK_2014_SETS.map((x) => x.name), 'runtime']) expect(listed.some((f) => f.startsWith(path.join(OUT, s, '/'))), s).toBe(true);
    const check = spawnSync(process.execPath, [tsc, '-p', path.join(OUT, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], { cwd: repoRoot, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 180_000);
});
