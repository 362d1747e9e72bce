/**
 * Bad invocation and bad input: exactly one clear line on stderr, exit 2, nothing on stdout for
 * that input, no stack trace. Also `help`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectNoStackTrace, runCli, tempDir, withCwd } from '../support/cli.js';
import { BAD_INPUTS, VALID_REQUEST } from './fixtures.js';

const tmp = tempDir('usage');
afterAll(() => tmp.remove());

const missing = path.join(tmp.dir, 'no-such-file.xml');
const folder = path.join(tmp.dir, 'a-folder.xml');
mkdirSync(folder);
const notADir = tmp.file('not-a-dir', 'plain file\n');
const xsd = 'schemas/plesk/agent_input.xsd';

describe('bad invocation: exit 2, one stderr line', () => {
  const cases: readonly [string, readonly string[], string][] = [
    ['no command', [], 'missing command'],
    ['unknown command', ['frobnicate'], 'unknown command "frobnicate"'],
    ['validate without files', ['validate'], 'validate needs at least one FILE'],
    ['validate --json without files', ['validate', '--json'], 'validate needs at least one FILE'],
    ['validate with an unknown flag', ['validate', '--strict', VALID_REQUEST], "Unknown option '--strict'"],
    ['validate --kind without a value', ['validate', '--kind'], "'--kind <value>' argument missing"],
    ['validate --kind with a bad value', ['validate', '--kind', 'both', VALID_REQUEST], '--kind must be request or response, not "both"'],
    ['format without a file', ['format'], 'format needs exactly one FILE'],
    ['format with two files', ['format', VALID_REQUEST, VALID_REQUEST], 'format needs exactly one FILE'],
    ['format with an unknown flag', ['format', '--json', VALID_REQUEST], "Unknown option '--json'"],
    ['format --kind with a bad value', ['format', '--kind', 'xml', VALID_REQUEST], '--kind must be request or response'],
    ['generate with an unknown flag', ['generate', '--force'], "Unknown option '--force'"],
    ['generate --out without --xsd', ['generate', '--out', tmp.dir], '--out needs --xsd'],
    ['generate --xsd without --out', ['generate', '--xsd', xsd], '--xsd needs --out'],
    ['generate --xsd without a value', ['generate', '--xsd'], "'--xsd <value>' argument missing"],
    ['check with a stray argument', ['check', 'extra.xsd'], 'unexpected argument "extra.xsd"'],
    ['check with an unknown flag', ['check', '--fix'], "Unknown option '--fix'"],
    ['generate --out naming a file', ['generate', '--xsd', xsd, '--out', notADir], 'is not a directory'],
    ['check --out naming a file', ['check', '--xsd', xsd, '--out', notADir], 'is not a directory'],
  ];
  for (const [what, argv, says] of cases) {
    it(what, async () => {
      const run = await runCli(argv);
      expectBadInput(run, says);
      expect(run.err[0]).toMatch(/^error: /);
      expect(run.out).toEqual([]);
    });
  }

  it('--out naming a file writes nothing there and does not crash', async () => {
    const run = await runCli(['generate', '--xsd', xsd, '--out', path.join(notADir, 'sub')]);
    // Node reports ENOTDIR on the way: still bad input, one line, no stack trace.
    expect(run.code).toBe(2);
    expect(run.err.at(-1)).toMatch(/^error: /);
    expectNoStackTrace(run.stderr);
  });

  it('generate/check outside a project (no codegen.config.json)', async () => {
    for (const command of ['generate', 'check']) {
      const run = await withCwd(tmp.dir, () => runCli([command]));
      expectBadInput(run, 'no codegen.config.json here');
      expect(existsSync(path.join(tmp.dir, 'generated'))).toBe(false);
    }
  });
});

describe('bad input to validate and format: exit 2, one stderr line naming the file', () => {
  const inputs = [
    ...BAD_INPUTS.map((b) => ({ what: b.name, file: tmp.file(b.name, b.content), says: b.says })),
    { what: 'missing file', file: missing, says: 'no such file' },
    { what: 'directory', file: folder, says: 'is a directory' },
  ];
  for (const { what, file, says } of inputs) {
    it(`validate ${what}`, async () => {
      const run = await runCli(['validate', file]);
      expectBadInput(run, file, says);
      expect(run.err[0]!.startsWith(`${file}: `)).toBe(true);
      expect(run.out).toEqual([]);
    });
    it(`validate --json ${what}`, async () => {
      const run = await runCli(['validate', '--json', file]);
      expectBadInput(run, file, says);
      const report = JSON.parse(run.stdout) as { file: string; valid: boolean }[];
      expect(report.map((r) => [r.file, r.valid])).toEqual([[file, false]]);
    });
    it(`format ${what}`, async () => {
      const run = await runCli(['format', file]);
      expectBadInput(run, file, says);
      expect(run.out).toEqual([]);
    });
  }
});

describe('help', () => {
  for (const argv of [['help'], ['--help'], ['-h']]) {
    it(argv[0]!, async () => {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      expect(run.err).toEqual([]);
      expect(run.out[0]).toMatch(/^usage: backup-codegen <command>/);
      for (const command of ['generate', 'check', 'validate', 'format']) expect(run.stdout).toContain(`  ${command} `);
    });
  }
});
