/**
 * The drift check of CI: `check` in the repository root (codegen.config.json) must pass, i.e. the
 * committed generated/ is exactly what the schemas and runtime templates produce. When this fails,
 * run `backup-codegen generate` and commit generated/ together with the change that caused it.
 */
import { describe, expect, it } from 'vitest';
import { runCli, withCwd } from '../support/cli.js';
import { repoRoot } from '../support/samples.js';

describe('project drift check', () => {
  it('`check` in the repository root exits 0: generated/ is up to date', async () => {
    const run = await withCwd(repoRoot, () => runCli(['check']));
    expect(run.stdout, 'generated/ is stale: run `backup-codegen generate` and commit generated/').toMatch(/^generated\/ is up to date \(\d+ files\)\n$/);
    expect(run.err).toEqual([]);
    expect(run.code).toBe(0);
  });
});
