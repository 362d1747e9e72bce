/**
 * End to end through a real process (tsx running generator/cli.ts): the process exit code is the
 * one `main` returns, reports go to stdout, problems to stderr. Also run through a symlink, as npm
 * installs the `backup-codegen` bin (node_modules/.bin/backup-codegen -> .../cli.js).
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoStackTrace, tempDir } from '../support/cli.js';
import { repoRoot } from '../support/samples.js';
import { INVALID_REQUEST, VALID_REQUEST } from './fixtures.js';

const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const cli = path.join(repoRoot, 'generator/cli.ts');

const tmp = tempDir('process');
afterAll(() => tmp.remove());

function run(script: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(tsx, [script, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tsx generator/cli.ts', () => {
  it('validate of a valid file: exit 0, the report on stdout, stderr empty', () => {
    const r = run('generator/cli.ts', ['validate', VALID_REQUEST]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${VALID_REQUEST}: valid (plesk request)\n`);
    expect(r.status).toBe(0);
  });

  it('validate of a missing file: exit 2, exactly one stderr line, stdout empty', () => {
    const missing = path.join(tmp.dir, 'missing.xml');
    const r = run('generator/cli.ts', ['validate', missing]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${missing}: no such file\n`);
    expectNoStackTrace(r.stderr);
    expect(r.status).toBe(2);
  });

  it('validate of an invalid file: exit 1, issues on stdout', () => {
    const r = run(cli, ['validate', INVALID_REQUEST]);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`${INVALID_REQUEST}: invalid (plesk request)`);
    expect(r.stdout).toContain('[pattern]');
    expect(r.status).toBe(1);
  });

  it('through a symlink named like the npm bin: the command runs (it used to exit 0 silently)', () => {
    const link = path.join(tmp.dir, 'backup-codegen');
    symlinkSync(cli, link);
    const bad = run(link, ['frobnicate']);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('error: unknown command "frobnicate" (try: backup-codegen help)\n');
    expect(bad.status).toBe(2);
    const ok = run(link, ['validate', VALID_REQUEST]);
    expect(ok.stdout).toBe(`${VALID_REQUEST}: valid (plesk request)\n`);
    expect(ok.status).toBe(0);
  });
});
