/**
 * `validate` and `format` on JetBackup 5 and Akeeba JSON payloads through `main()`: which type the
 * envelope detection picks, `--api` / `--type` / `--partial`, warnings (printed, in `--json` with
 * `severity`, never making a file invalid), exit codes 0/1/2, options that do not fit the document
 * (`--kind` with JSON, `--type` with XML), and the canonical form printed by `format`.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectBadInput, expectNoStackTrace, runCli, tempDir } from '../support/cli.js';
import {
  AKEEBA_LIST_RESPONSE,
  AKEEBA_STEP_RESPONSE,
  BACKUP_JOB,
  GET_BACKUP_JOB_RESPONSE,
  JETBACKUP_EMPTY_ENVELOPE,
  JETBACKUP_ERROR_RESPONSE,
  LIST_BACKUP_JOBS_RESPONSE,
  pretty,
} from '../support/json-fixtures.js';
import { samplesDir } from '../support/json-samples.js';
import { VALID_REQUEST } from './fixtures.js';

const tmp = tempDir('json');
afterAll(() => tmp.remove());

const jetbackupSample = (name: string): string => path.join(samplesDir('jetbackup'), name);
const akeebaSample = (name: string): string => path.join(samplesDir('akeeba'), name);

const getJob = tmp.file('get-job.json', pretty(GET_BACKUP_JOB_RESPONSE));
const listJobs = tmp.file('list-jobs.json', pretty(LIST_BACKUP_JOBS_RESPONSE));
const jbError = tmp.file('jb-error.json', JSON.stringify(JETBACKUP_ERROR_RESPONSE));
const jbEnvelope = tmp.file('jb-envelope.json', JSON.stringify(JETBACKUP_EMPTY_ENVELOPE));
const akStep = tmp.file('ak-step.json', JSON.stringify(AKEEBA_STEP_RESPONSE));
const akList = tmp.file('ak-list.json', JSON.stringify(AKEEBA_LIST_RESPONSE));
/** v5.2-EDGE JSON example: valid with one warning (`disabelui`). */
const warned = jetbackupSample('envelope.response.v5-2-edge-doc.json');
/** Object-table cell `{"name": ...}`: valid only with --partial. */
const nameCell = jetbackupSample('backupJobObject.response.v5-3-doc-name.json');
/** Object-table cell with the misspelled key: valid with --partial, one warning. */
const stuctureCell = jetbackupSample('backupJobObject.response.v5-3-doc-structure.json');
/** Two errors in a getBackupJob reply: a bad ObjectId and a `contains` above 511. */
const badJob = tmp.file('bad-job.json', pretty({ ...GET_BACKUP_JOB_RESPONSE, data: { ...BACKUP_JOB, owner: 'root', contains: 512 } }));
const trailingComma = tmp.file('trailing-comma.json', '{\n  "success": 1,\n}\n');
const plainOutput = jetbackupSample('listBackupJobs.response.v5-3-edge-doc.txt');
const queryString = jetbackupSample('manageBackupJob.request.v5-3-doc-name.txt');

interface JsonReport {
  file: string;
  valid: boolean;
  issues: { path: string; code: string; message: string; severity?: 'warning' }[];
}

/** `--json` output, with its exact shape checked: severity only on warnings, and then always "warning". */
function parseReports(stdout: string): JsonReport[] {
  const reports = JSON.parse(stdout) as JsonReport[];
  for (const r of reports) {
    expect(Object.keys(r).sort()).toEqual(['file', 'issues', 'valid']);
    for (const i of r.issues) {
      const keys = Object.keys(i).sort();
      if (i.severity === undefined) expect(keys).toEqual(['code', 'message', 'path']);
      else expect(keys).toEqual(['code', 'message', 'path', 'severity']);
      if (i.severity !== undefined) expect(i.severity).toBe('warning');
    }
  }
  return reports;
}

describe('envelope detection picks the type from the payload', () => {
  it.each([
    ['JetBackup {success: 1, data: {jobs}}', listJobs, 'jetbackup ListBackupJobsResponse'],
    ['JetBackup {success: 1, data: a job}', getJob, 'jetbackup GetBackupJobResponse'],
    ['JetBackup {success: 0}', jbError, 'jetbackup ErrorResponse'],
    ['JetBackup {success: 1, data: {}}', jbEnvelope, 'jetbackup Envelope'],
    ['Akeeba {status: 200, data: {HasRun...}}', akStep, 'akeeba StepBackupResponse'],
    ['Akeeba {status: 200, data: {api, component...}}', akeebaSample('getVersion.response.server-ab9.shape.json'), 'akeeba GetVersionResponse'],
    ['Akeeba {status: 503, data: "Access denied"}', akeebaSample('any.response.server-access-denied.shape.json'), 'akeeba ErrorResponse'],
    ['Akeeba {status: 200, data: []}', akList, 'akeeba Envelope'],
  ])('%s -> %s', async (_, file, what) => {
    const run = await runCli(['validate', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.out).toEqual([`${file}: valid (${what})`]);
    expect(run.err).toEqual([]);
  });
});

describe('--api, --type, --partial', () => {
  it('--type picks any $defs type of the API', async () => {
    const run = await runCli(['validate', '--api', 'akeeba', '--type', 'Envelope', akeebaSample('any.response.server-access-denied.shape.json')]);
    expect(run.code).toBe(0);
    expect(run.out[0]).toMatch(/: valid \(akeeba Envelope\)$/);
  });

  it('--type overrides the detection: a step error is invalid as StepBackupResponse', async () => {
    const file = akeebaSample('stepBackup.response.server-step-error.shape.json');
    const run = await runCli(['validate', '--json', '--api', 'akeeba', '--type', 'StepBackupResponse', file]);
    expect(run.code).toBe(1);
    const [report] = parseReports(run.stdout);
    expect(report!.valid).toBe(false);
    expect(report!.issues.map((i) => `${i.code} ${i.path}`)).toEqual(['enumeration /status', 'wrong-type /data']);
  });

  it('a fragment needs --partial: without it the required members are missing (exit 1)', async () => {
    const strict = await runCli(['validate', '--json', '--api', 'jetbackup', '--type', 'BackupJob', nameCell]);
    expect(strict.code).toBe(1);
    const issues = parseReports(strict.stdout)[0]!.issues;
    expect(issues.length).toBeGreaterThan(20);
    expect(issues.every((i) => i.code === 'missing-property')).toBe(true);
    expect(issues.map((i) => i.path)).toContain('/_id');

    const partial = await runCli(['validate', '--api', 'jetbackup', '--type', 'BackupJob', '--partial', nameCell]);
    expect(partial.code).toBe(0);
    expect(partial.out).toEqual([`${nameCell}: valid (jetbackup BackupJob)`]);
  });

  it('--api with a JSON file that no envelope rule recognises', async () => {
    const file = tmp.file('job-only.json', JSON.stringify(BACKUP_JOB));
    const auto = await runCli(['validate', file]);
    expectBadInput(auto, file, '--api');
    const typed = await runCli(['validate', '--api', 'jetbackup', '--type', 'BackupJob', file]);
    expect(typed.code).toBe(0);
  });

  it('--api alone uses that API\'s envelope detection', async () => {
    const run = await runCli(['validate', '--api', 'jetbackup', listJobs]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`${listJobs}: valid (jetbackup ListBackupJobsResponse)`]);
  });
});

describe('warnings', () => {
  it('do not make a file invalid (exit 0) and are printed with "warning:"', async () => {
    const run = await runCli(['validate', warned]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.err).toEqual([]);
    expect(run.out).toHaveLength(2);
    expect(run.out[0]).toBe(`${warned}: valid (jetbackup Envelope, 1 warning)`);
    expect(run.out[1]).toMatch(/^ {2}\/system\/disabelui \[unknown-property\] warning: .*disabelui/);
  });

  it('appear in --json with severity "warning", the file still valid', async () => {
    const run = await runCli(['validate', '--json', warned]);
    expect(run.code).toBe(0);
    const envelope = parseReports(run.stdout);
    expect(envelope).toEqual([
      { file: warned, valid: true, issues: [{ path: '/system/disabelui', code: 'unknown-property', message: expect.stringContaining('disabelui') as string, severity: 'warning' }] },
    ]);
    const cell = await runCli(['validate', '--json', '--api', 'jetbackup', '--type', 'BackupJob', '--partial', stuctureCell]);
    expect(cell.code).toBe(0);
    expect(parseReports(cell.stdout)).toEqual([
      { file: stuctureCell, valid: true, issues: [{ path: '/stucture', code: 'unknown-property', message: expect.stringContaining('stucture') as string, severity: 'warning' }] },
    ]);
  });

  it('an error next to warnings makes the file invalid; errors carry no severity', async () => {
    const file = tmp.file('warn-and-error.json', JSON.stringify({ ...JETBACKUP_EMPTY_ENVELOPE, success: 2, extra: true }));
    const run = await runCli(['validate', '--json', file]);
    expect(run.code).toBe(1);
    const [report] = parseReports(run.stdout);
    expect(report!.valid).toBe(false);
    expect(report!.issues.map((i) => [i.code, i.path, i.severity ?? 'error'])).toEqual([
      ['enumeration', '/success', 'error'],
      ['unknown-property', '/extra', 'warning'],
    ]);
  });
});

describe('errors and bad input', () => {
  it('errors: exit 1, every issue listed with path and code', async () => {
    const run = await runCli(['validate', badJob]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out[0]).toBe(`${badJob}: invalid (jetbackup GetBackupJobResponse)`);
    expect(run.out.slice(1)).toEqual([
      expect.stringMatching(/^ {2}\/data\/contains \[max-inclusive\] /),
      expect.stringMatching(/^ {2}\/data\/owner \[pattern\] /),
    ]);
  });

  it('several files: the worst verdict decides (valid + warnings + invalid -> 1; plus not-JSON -> 2)', async () => {
    const mixed = await runCli(['validate', getJob, warned, badJob]);
    expect(mixed.code).toBe(1);
    expect(mixed.out.filter((l) => !l.startsWith('  '))).toEqual([
      `${getJob}: valid (jetbackup GetBackupJobResponse)`,
      `${warned}: valid (jetbackup Envelope, 1 warning)`,
      `${badJob}: invalid (jetbackup GetBackupJobResponse)`,
    ]);
    const withBad = await runCli(['validate', getJob, trailingComma]);
    expect(withBad.code).toBe(2);
    expect(withBad.err).toHaveLength(1);
    expect(withBad.err[0]).toContain(trailingComma);
  });

  it.each([
    ['a trailing comma', trailingComma, ['trailing comma', 'line 3, column 1']],
    ['JetBackup plain output', plainOutput, ['-O json']],
    ['a query string', queryString, ['not XML or JSON']],
    ['an empty file', tmp.file('empty.json', ''), []],
    ['truncated JSON', tmp.file('truncated.json', '{"success": 1, "message": "'), ['unterminated string', 'line 1, column 27']],
  ])('not JSON (%s): exit 2, one stderr line naming the file', async (_, file, says) => {
    const run = await runCli(['validate', file]);
    expectBadInput(run, file, ...says);
    expect(run.out).toEqual([]);
  });

  it('not JSON with --json: exit 2, the stderr line, and the parse error with its position in the report', async () => {
    const run = await runCli(['validate', '--json', trailingComma]);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    const [report] = parseReports(run.stdout);
    expect(report).toEqual({ file: trailingComma, valid: false, issues: [{ path: '', code: 'not-well-formed', message: expect.stringContaining('trailing comma') as string }] });
  });

  it('unknown --type: exit 2, one line naming the type', async () => {
    const run = await runCli(['validate', '--api', 'jetbackup', '--type', 'NoSuchType', getJob]);
    expectBadInput(run, 'NoSuchType', 'jetbackup');
    const inline = await runCli(['validate', '--api', 'jetbackup', '--type', 'MonitorRanfor', getJob]);
    expectBadInput(inline, 'MonitorRanfor');
    const format = await runCli(['format', '--api', 'akeeba', '--type', 'BackupJob', akStep]);
    expectBadInput(format, 'BackupJob', 'akeeba');
  });

  it('unknown --api: exit 2', async () => {
    expectBadInput(await runCli(['validate', '--api', 'cpanel', getJob]), '--api', 'cpanel');
  });

  it('--kind with JSON is refused (exit 2)', async () => {
    expectBadInput(await runCli(['validate', '--kind', 'response', getJob]), '--kind');
    expectBadInput(await runCli(['format', '--kind', 'request', getJob]), '--kind');
    expectBadInput(await runCli(['validate', '--api', 'akeeba', '--kind', 'request', akStep]), '--kind');
  });

  it('--type with XML is refused (exit 2)', async () => {
    expectBadInput(await runCli(['validate', '--type', 'BackupJob', VALID_REQUEST]), '--type');
    expectBadInput(await runCli(['format', '--type', 'BackupJob', VALID_REQUEST]), '--type');
    expectBadInput(await runCli(['validate', '--api', 'plesk', '--type', 'BackupJob', VALID_REQUEST]), '--type');
  });

  it('a JSON file with --api plesk is not taken for a packet', async () => {
    const run = await runCli(['validate', '--api', 'plesk', getJob]);
    expect(run.code).toBe(2);
    expect(run.err).toHaveLength(1);
    expectNoStackTrace(run.stderr);
  });
});

describe('format', () => {
  /** A getBackupJob reply with the keys shuffled and unknown fields at the front. */
  const shuffled = {
    zzz_new_field: { nested: [1, 2] },
    system: { licenseIssue: false, type: 'cPanel', tier: 'EDGE', version: '5.3.3', retry_ms: 0, version_panel: '5.3.3' },
    data: Object.fromEntries([['stucture', 2], ...Object.entries(BACKUP_JOB).reverse()]),
    message: '',
    success: 1,
  };
  const input = tmp.file('shuffled.json', JSON.stringify(shuffled));

  it('prints canonical JSON: schema order, unknown fields after the known ones, 2-space indent', async () => {
    const run = await runCli(['format', input]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.err).toEqual([]);
    const expected = {
      success: 1,
      message: '',
      data: { ...BACKUP_JOB, stucture: 2 },
      system: { version: '5.3.3', version_panel: '5.3.3', tier: 'EDGE', type: 'cPanel', retry_ms: 0, licenseIssue: false },
      zzz_new_field: { nested: [1, 2] },
    };
    expect(run.stdout).toBe(`${pretty(expected)}\n`);
    expect(Object.keys(JSON.parse(run.stdout) as object)).toEqual(['success', 'message', 'data', 'system', 'zzz_new_field']);
    expect(run.out[1]).toBe('  "success": 1,');
  });

  it('formatting the output again gives the same bytes', async () => {
    const once = await runCli(['format', input]);
    const again = await runCli(['format', tmp.file('formatted-once.json', once.stdout)]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(once.stdout);
    const thrice = await runCli(['format', tmp.file('formatted-twice.json', again.stdout)]);
    expect(thrice.stdout).toBe(once.stdout);
  });

  it('Akeeba: the TypeScript name of a renamed member (BackupID -> backupRecordId) never reaches the output', async () => {
    const run = await runCli(['format', akStep]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pretty(AKEEBA_STEP_RESPONSE)}\n`);
    expect(run.stdout).not.toContain('backupRecordId');
  });

  it('with --api/--type: the type asked for', async () => {
    const run = await runCli(['format', '--api', 'akeeba', '--type', 'Envelope', akeebaSample('getVersion.response.server-ab9.shape.json')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${pretty({ status: 200, data: { api: 500, component: '<version>', date: '<YYYY-MM-DD>', edition: 'pro' } })}\n`);
  });

  it('an invalid payload: exit 1, the issues on stderr, nothing on stdout', async () => {
    const run = await runCli(['format', badJob]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toBe(`${badJob}: invalid (jetbackup GetBackupJobResponse), cannot format:`);
    expect(run.err.slice(1)).toEqual([expect.stringContaining('/data/contains [max-inclusive]'), expect.stringContaining('/data/owner [pattern]')]);
  });

  it('not JSON: exit 2, one line naming the file', async () => {
    expectBadInput(await runCli(['format', trailingComma]), trailingComma, 'trailing comma');
    expectBadInput(await runCli(['format', plainOutput]), plainOutput, '-O json');
  });
});

describe('--type without --api', () => {
  it('finds the API that declares the type, or asks for --api when both do', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/json-type-`);
    const job = `${dir}/job.json`;
    writeFileSync(job, JSON.stringify({ name: 'x' }));
    const only = await runCli(['validate', '--type', 'BackupJob', '--partial', job]);
    expect(only.code).toBe(0);
    expect(only.out[0]).toBe(`${job}: valid (jetbackup BackupJob)`);
    const env = `${dir}/env.json`;
    writeFileSync(env, JSON.stringify({ success: 1, message: '' }));
    const both = await runCli(['validate', '--type', 'Envelope', env]);
    expect(both.code).toBe(2);
    expect(both.err).toEqual([`${env}: type "Envelope" exists in jetbackup and akeeba: say which with --api`]);
    const none = await runCli(['validate', '--type', 'NoSuchType', env]);
    expect(none.code).toBe(2);
    expect(none.err[0]).toContain('unknown type "NoSuchType"');
  });
});
