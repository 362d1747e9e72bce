/**
 * The published bin is the compiled CLI (dist/generator/cli.js), not the sources: build it into a
 * scratch folder and check that it finds the runtime templates and agrees that generated/ is up to
 * date (a compiled copy once picked up dist's own templates/runtime and dropped the runtime).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/samples.js';

describe('the compiled bin', () => {
  it('builds, and its check passes on the committed generated/', () => {
    const out = path.join(repoRoot, 'test/cli/tmp/dist');
    rmSync(out, { recursive: true, force: true });
    const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
    const build = spawnSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'tsconfig.build.json'), '--outDir', out], { cwd: repoRoot, encoding: 'utf8' });
    expect(build.stdout + build.stderr).toBe('');
    const run = spawnSync(process.execPath, [path.join(out, 'generator/cli.js'), 'check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^generated\/ is up to date \(\d+ files\)\n$/);
    expect(run.status).toBe(0);
  }, 180_000);
});
