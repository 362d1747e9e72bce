/**
 * `validate FILE...`: kind detection and `--kind`, exit codes 0/1/2, human output (path, code and
 * message per issue), `--json` shape, several files at once.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PacketCodec as RequestCodec } from '../../generated/plesk/request/index.js';
import { PacketCodec as ResponseCodec } from '../../generated/plesk/response/index.js';
import { expectNoStackTrace, runCli, tempDir } from '../support/cli.js';
import { INVALID_REQUEST, TWO_ISSUES_REQUEST, VALID_REQUEST, VALID_RESPONSE } from './fixtures.js';

const tmp = tempDir('validate');
afterAll(() => tmp.remove());

const twoIssues = tmp.file('two-issues.xml', TWO_ISSUES_REQUEST);
const missing = path.join(tmp.dir, 'missing.xml');
const notXml = tmp.file('not-xml.xml', 'this is not xml');

interface JsonReport {
  file: string;
  valid: boolean;
  issues: { path: string; code: string; message: string }[];
}

/** Parses `--json` output and checks its exact shape: only file/valid/issues, issues only path/code/message. */
function parseJson(stdout: string): JsonReport[] {
  const parsed: unknown = JSON.parse(stdout);
  expect(Array.isArray(parsed)).toBe(true);
  for (const r of parsed as Record<string, unknown>[]) {
    expect(Object.keys(r).sort()).toEqual(['file', 'issues', 'valid']);
    expect(typeof r.file).toBe('string');
    expect(typeof r.valid).toBe('boolean');
    expect(Array.isArray(r.issues)).toBe(true);
    for (const i of r.issues as Record<string, unknown>[]) {
      expect(Object.keys(i).sort()).toEqual(['code', 'message', 'path']);
      for (const v of Object.values(i)) expect(typeof v).toBe('string');
    }
  }
  return parsed as JsonReport[];
}

/** What the runtime itself says about a file, reduced to the JSON keys. */
function runtimeIssues(file: string, kind: 'request' | 'response'): { path: string; code: string; message: string }[] {
  const codec = kind === 'request' ? RequestCodec : ResponseCodec;
  return codec.validateXml(readFileSync(file)).map(({ path: p, code, message }) => ({ path: p, code, message }));
}

describe('one file', () => {
  it('a valid request: exit 0, one stdout line, nothing on stderr', async () => {
    const run = await runCli(['validate', VALID_REQUEST]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`${VALID_REQUEST}: valid (plesk request)`]);
    expect(run.err).toEqual([]);
  });

  it('a valid response is detected as a response', async () => {
    const run = await runCli(['validate', VALID_RESPONSE]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`${VALID_RESPONSE}: valid (plesk response)`]);
    expect(run.err).toEqual([]);
  });

  it('an invalid request: exit 1, each issue as "path [code] message (line, column)"', async () => {
    const run = await runCli(['validate', INVALID_REQUEST]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([
      `${INVALID_REQUEST}: invalid (plesk request)`,
      "  /packet/backup-manager/get-tasks-info/task-id [pattern] '%s' does not match the pattern /^(?:[\\-]?[0-9]+)$/ (line 1, column 108)",
    ]);
  });

  it('reports every issue, not the first, each with its path, code and message', async () => {
    const expected = runtimeIssues(twoIssues, 'request');
    expect(expected.map((i) => i.code)).toEqual(['pattern', 'unexpected-element']);
    const run = await runCli(['validate', twoIssues]);
    expect(run.code).toBe(1);
    expect(run.out[0]).toBe(`${twoIssues}: invalid (plesk request)`);
    expect(run.out).toHaveLength(1 + expected.length);
    expected.forEach((issue, n) => {
      const line = run.out[n + 1]!;
      expect(line.startsWith(`  ${issue.path} [${issue.code}] ${issue.message}`)).toBe(true);
      expect(line).toMatch(/ \(line \d+, column \d+\)$/);
    });
    expect(run.out[1]).toContain('/packet/backup-manager/get-tasks-info/task-id [pattern]');
    expect(run.out[2]).toContain('/packet/backup-manager/get-tasks-info/bogus [unexpected-element] <bogus> is not allowed in <get-tasks-info>');
  });
});

describe('--json', () => {
  it('valid file: [{file, valid: true, issues: []}], exit 0', async () => {
    const run = await runCli(['validate', '--json', VALID_REQUEST]);
    expect(run.code).toBe(0);
    expect(run.err).toEqual([]);
    expect(parseJson(run.stdout)).toEqual([{ file: VALID_REQUEST, valid: true, issues: [] }]);
  });

  it('invalid file: every issue with exactly path, code and message (as the runtime reports them), exit 1', async () => {
    const run = await runCli(['validate', '--json', twoIssues]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(parseJson(run.stdout)).toEqual([{ file: twoIssues, valid: false, issues: runtimeIssues(twoIssues, 'request') }]);
  });

  it('stdout is only the JSON document (no human lines mixed in)', async () => {
    const run = await runCli(['validate', '--json', VALID_REQUEST, twoIssues]);
    expect(run.stdout.trimStart().startsWith('[')).toBe(true);
    expect(run.stdout.trimEnd().endsWith(']')).toBe(true);
    expect(run.stdout).not.toContain('(plesk request)');
  });
});

describe('several files at once', () => {
  it('all valid: exit 0, one line per file in argument order', async () => {
    const run = await runCli(['validate', VALID_RESPONSE, VALID_REQUEST]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`${VALID_RESPONSE}: valid (plesk response)`, `${VALID_REQUEST}: valid (plesk request)`]);
  });

  it('valid and invalid: exit 1, both reported', async () => {
    const run = await runCli(['validate', VALID_REQUEST, twoIssues, VALID_RESPONSE]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out.filter((l) => !l.startsWith('  '))).toEqual([
      `${VALID_REQUEST}: valid (plesk request)`,
      `${twoIssues}: invalid (plesk request)`,
      `${VALID_RESPONSE}: valid (plesk response)`,
    ]);
  });

  it('any bad input: exit 2, one stderr line per bad file, the other files still reported', async () => {
    const run = await runCli(['validate', VALID_REQUEST, missing, twoIssues, notXml, VALID_RESPONSE]);
    expect(run.code).toBe(2);
    expect(run.err).toEqual([`${missing}: no such file`, expect.stringMatching(new RegExp(`^${escape(notXml)}: not well-formed XML: `))]);
    expectNoStackTrace(run.stderr);
    expect(run.out.filter((l) => !l.startsWith('  '))).toEqual([
      `${VALID_REQUEST}: valid (plesk request)`,
      `${twoIssues}: invalid (plesk request)`,
      `${VALID_RESPONSE}: valid (plesk response)`,
    ]);
  });

  it('--json with bad input: exit 2, every file in the array in order, the reasons on stderr', async () => {
    const run = await runCli(['validate', '--json', VALID_REQUEST, missing, twoIssues, notXml]);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(2);
    expect(run.err[0]).toBe(`${missing}: no such file`);
    expect(run.err[1]).toContain(`${notXml}: not well-formed XML`);
    const report = parseJson(run.stdout);
    expect(report.map((r) => [r.file, r.valid])).toEqual([
      [VALID_REQUEST, true],
      [missing, false],
      [twoIssues, false],
      [notXml, false],
    ]);
    expect(report[1]!.issues).toEqual([{ path: '', code: 'unreadable', message: 'no such file' }]);
    expect(report[2]!.issues).toEqual(runtimeIssues(twoIssues, 'request'));
    expect(report[3]!.issues.map((i) => i.code)).toEqual(['not-well-formed']);
  });
});

describe('--kind forces the packet kind', () => {
  it('--kind response on a request: validated against the response schema, exit 1', async () => {
    const run = await runCli(['validate', '--kind', 'response', VALID_REQUEST]);
    expect(run.code).toBe(1);
    expect(run.out[0]).toBe(`${VALID_REQUEST}: invalid (plesk response)`);
    const expected = runtimeIssues(VALID_REQUEST, 'response');
    expect(expected.length).toBeGreaterThan(0);
    expect(run.out.slice(1).map((l) => l.replace(/ \(line \d+, column \d+\)$/, ''))).toEqual(expected.map((i) => `  ${i.path} [${i.code}] ${i.message}`));
  });

  it('--kind response on a response is what detection picks anyway, exit 0', async () => {
    const run = await runCli(['validate', '--kind', 'response', VALID_RESPONSE]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`${VALID_RESPONSE}: valid (plesk response)`]);
  });

  it('--kind request on a response: validated against the request schema, exit 1', async () => {
    const run = await runCli(['validate', '--kind', 'request', VALID_RESPONSE]);
    expect(run.code).toBe(1);
    expect(run.out[0]).toBe(`${VALID_RESPONSE}: invalid (plesk request)`);
  });

  it('--kind applies to every file and combines with --json', async () => {
    const run = await runCli(['validate', '--json', '--kind', 'response', VALID_RESPONSE, VALID_REQUEST]);
    expect(run.code).toBe(1);
    expect(parseJson(run.stdout)).toEqual([
      { file: VALID_RESPONSE, valid: true, issues: [] },
      { file: VALID_REQUEST, valid: false, issues: runtimeIssues(VALID_REQUEST, 'response') },
    ]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
