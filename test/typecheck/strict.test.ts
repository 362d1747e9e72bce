/**
 * generated/ (and the whole project, including the type-level tests that use @ts-expect-error)
 * type-checks under the strict tsconfig: strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess,
 * noImplicitOverride, verbatimModuleSyntax.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/samples.js';

describe('strict type-check', () => {
  it('the tsconfig has the strict options the generated code promises', () => {
    const options = (JSON.parse(readFileSync(path.join(repoRoot, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> }).compilerOptions;
    for (const flag of ['strict', 'exactOptionalPropertyTypes', 'noUncheckedIndexedAccess', 'noImplicitOverride', 'verbatimModuleSyntax']) {
      expect(options[flag], flag).toBe(true);
    }
  });

  it('tsc --noEmit passes on generated/, the generator and the tests', () => {
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 180_000);
});
