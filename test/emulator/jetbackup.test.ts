/** The JetBackup 5 API of the emulator, over real HTTP; every body validated by the generated codecs. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JETBACKUP_SEED } from '../../generated/emulator/index.js';
import {
  BackupJobContains,
  BackupJobStructure,
  BackupJobType,
  DeleteBackupJobResponseCodec,
  DuplicateBackupJobResponseCodec,
  GetBackupJobResponseCodec,
  ListBackupJobsResponseCodec,
  ManageBackupJobCreateParamsCodec,
  ManageBackupJobModifyParamsCodec,
  ManageBackupJobResponseCodec,
  RunBackupJobManuallyResponseCodec,
} from '../../generated/jetbackup/index.js';
import { jet, jetBody, jetError, start, type TestEmulator } from './helpers.js';

let t: TestEmulator;
beforeEach(async () => {
  t = await start();
});
afterEach(async () => {
  await t.emu.close();
});

const createParams = (name: string, extra: object = {}) =>
  ManageBackupJobCreateParamsCodec.toWire({
    action: 'create',
    name,
    type: BackupJobType.Accounts,
    destination: [JETBACKUP_SEED.destination],
    contains: BackupJobContains.all,
    structure: BackupJobStructure.Compressed,
    ...extra,
  }) as object;

async function create(name: string, extra: object = {}) {
  return jetBody(await jet(t.emu, 'manageBackupJob', createParams(name, extra)), ManageBackupJobResponseCodec).data;
}

describe('JetBackup: Backup Jobs in memory', () => {
  it('starts with the "JetBackup Config" system job and one destination', async () => {
    const list = jetBody(await jet(t.emu, 'listBackupJobs'), ListBackupJobsResponseCodec);
    expect(list.data.total).toBe(1);
    expect(list.data.jobs[0]).toMatchObject({ _id: JETBACKUP_SEED.configJob, name: 'JetBackup Config', type: 3, destination: [JETBACKUP_SEED.destination] });
    expect(list.data.jobs[0]?.destination_details[0]).toMatchObject({ _id: JETBACKUP_SEED.destination, name: 'local', type: 'Localv2' });
    expect(list.system).toMatchObject({ version: '5.3.3', type: 'cPanel' });
  });

  it('creates a job with a 24-hex id, reads and modifies it', async () => {
    const job = await create('Daily accounts', {
      exclude_list: ['/home/*/tmp'],
      schedules: [{ _id: JETBACKUP_SEED.dailySchedule, retain: 7 }],
      time: 350,
      monitor: { ranfor: 1, notran: 2 },
    });
    expect(job._id).toMatch(/^[0-9a-f]{24}$/);
    expect(job).toMatchObject({ name: 'Daily accounts', type: 1, contains: 511, structure: 4, disabled: 0, running: false, state: 0, time: 350, last_run: '' });
    expect(job.next_run).toBe('2025-01-16T03:50:00+00:00');
    expect(job.schedules).toEqual([{ _id: JETBACKUP_SEED.dailySchedule, name: 'Daily', type: 2, next_run: '2025-01-16T03:50:00+00:00', retain: 7 }]);

    const got = jetBody(await jet(t.emu, 'getBackupJob', { _id: job._id }), GetBackupJobResponseCodec);
    expect(got.data).toEqual(job);

    const second = await create('Second');
    expect(second._id).not.toBe(job._id);

    // (An empty list cannot be sent as form parameters: `schedules: []` produces no pair, so it changes nothing.)
    const modify = ManageBackupJobModifyParamsCodec.toWire({
      action: 'modify',
      _id: job._id,
      name: 'Renamed',
      disabled: 1,
      time: 945,
      schedules: [{ _id: JETBACKUP_SEED.dailySchedule, retain: 3 }],
      exclude_list: ['/a', '/b'],
    }) as object;
    const modified = jetBody(await jet(t.emu, 'manageBackupJob', modify), ManageBackupJobResponseCodec);
    expect(modified.message).toBe('Backup Job Modified Successfully');
    expect(modified.data).toMatchObject({ _id: job._id, name: 'Renamed', disabled: 1, time: 945, next_run: '2025-01-16T09:45:00+00:00', exclude_list: ['/a', '/b'], contains: 511 });
    expect(modified.data.schedules).toEqual([{ _id: JETBACKUP_SEED.dailySchedule, name: 'Daily', type: 2, next_run: '2025-01-16T09:45:00+00:00', retain: 3 }]);
  });

  it('lists with limit, skip, sort[field], filter and total', async () => {
    for (const name of ['alpha', 'Bravo', 'charlie', 'alpha two']) await create(name);
    const all = jetBody(await jet(t.emu, 'listBackupJobs'), ListBackupJobsResponseCodec).data;
    expect(all.total).toBe(5);
    const sorted = jetBody(await jet(t.emu, 'listBackupJobs', { sort: { name: -1 }, limit: 2, skip: 1 }), ListBackupJobsResponseCodec).data;
    expect(sorted.total).toBe(5);
    expect(sorted.jobs.map((j) => j.name)).toEqual(['alpha two', 'alpha']);
    const filtered = jetBody(await jet(t.emu, 'listBackupJobs', { filter: 'ALPHA' }), ListBackupJobsResponseCodec).data;
    expect(filtered.jobs.map((j) => j.name)).toEqual(['alpha', 'alpha two']);
    expect(filtered.total).toBe(2);
    const found = jetBody(await jet(t.emu, 'listBackupJobs', { find: { type: '3' } }), ListBackupJobsResponseCodec).data;
    expect(found.jobs.map((j) => j.name)).toEqual(['JetBackup Config']);
    // Paging with skip += limit until skip >= total sees every job once
    const seen: string[] = [];
    for (let skip = 0; ; skip += 2) {
      const page = jetBody(await jet(t.emu, 'listBackupJobs', { limit: 2, skip }), ListBackupJobsResponseCodec).data;
      seen.push(...page.jobs.map((j) => j._id));
      if (skip + 2 >= page.total) break;
    }
    expect(new Set(seen).size).toBe(5);
  });

  it('duplicates a job as "<name> - <n>", disabled, never run', async () => {
    const job = await create('Nightly');
    const dup = jetBody(await jet(t.emu, 'duplicateBackupJob', { _id: job._id }), DuplicateBackupJobResponseCodec);
    expect(dup.message).toBe('Backup Job Duplicated Successfully');
    expect(dup.data).toMatchObject({ name: 'Nightly - 1', disabled: 1, next_run: '', last_run: '', running: false, contains: 511 });
    expect(dup.data._id).not.toBe(job._id);
    const again = jetBody(await jet(t.emu, 'duplicateBackupJob', { _id: job._id }), DuplicateBackupJobResponseCodec);
    expect(again.data.name).toBe('Nightly - 2');
  });

  it('runs a job manually (running 1, state 2, last_run), back to idle after runDurationMs; a disabled job does not start', async () => {
    const job = await create('Run me');
    const run = jetBody(await jet(t.emu, 'runBackupJobManually', { _id: job._id }), RunBackupJobManuallyResponseCodec);
    expect(run.data).toMatchObject({ running: 1, state: 2, last_run: '2025-01-15T12:00:00+00:00' });
    expect(run.message).toMatch(/queue/);
    expect(jetError(await jet(t.emu, 'runBackupJobManually', { _id: job._id })).message).toMatch(/already running/);

    t.advance(1500);
    const idle = jetBody(await jet(t.emu, 'getBackupJob', { _id: job._id }), GetBackupJobResponseCodec).data;
    expect(idle).toMatchObject({ running: false, state: 0, last_run: '2025-01-15T12:00:00+00:00' });

    const disabled = await create('Disabled', { disabled: 1 });
    const refused = jetError(await jet(t.emu, 'runBackupJobManually', { _id: disabled._id }));
    expect(refused.data).toBeUndefined();
    expect(refused.message).toMatch(/disabled/);
    const still = jetBody(await jet(t.emu, 'getBackupJob', { _id: disabled._id }), GetBackupJobResponseCodec).data;
    expect(still).toMatchObject({ running: false, state: 0, last_run: '' });
  });

  it('deletes a job; the system job cannot be deleted', async () => {
    const job = await create('Short lived');
    const del = jetBody(await jet(t.emu, 'deleteBackupJob', { _id: job._id }), DeleteBackupJobResponseCodec);
    expect(del).toMatchObject({ success: 1, message: 'Backup Job Deleted Successfully', data: {} });
    expect(jetError(await jet(t.emu, 'getBackupJob', { _id: job._id })).message).toBe(`No Backup Job found with _id ${job._id}`);
    expect(jetError(await jet(t.emu, 'deleteBackupJob', { _id: job._id })).message).toMatch(/No Backup Job found/);
    expect(jetError(await jet(t.emu, 'deleteBackupJob', { _id: JETBACKUP_SEED.configJob })).message).toMatch(/system job/);
  });
});

describe('JetBackup: failures', () => {
  it('answers success 0 with a readable message for bad parameters, unknown ids and unknown functions', async () => {
    const noDestination = { action: 'create', type: 1, name: 'x', contains: 511, structure: 4 };
    expect(jetError(await jet(t.emu, 'manageBackupJob', noDestination)).message).toBe('Invalid parameters: destination: "destination" is required in ManageBackupJobCreateParams');
    expect(jetError(await jet(t.emu, 'manageBackupJob', { action: 'remove', _id: JETBACKUP_SEED.configJob })).message).toBe(
      'Invalid parameters: action must be "create" or "modify", got "remove"',
    );
    expect(jetError(await jet(t.emu, 'manageBackupJob', createParams('x', { destination: ['aaaaaaaaaaaaaaaaaaaaaaaa'] }))).message).toBe('Destination aaaaaaaaaaaaaaaaaaaaaaaa not found');
    expect(jetError(await jet(t.emu, 'manageBackupJob', { action: 'modify', _id: 'bbbbbbbbbbbbbbbbbbbbbbbb', name: 'y' })).message).toMatch(/No Backup Job found/);
    expect(jetError(await jet(t.emu, 'getBackupJob', { _id: 'not-an-id' })).message).toMatch(/^Invalid parameters: _id: /);
    expect(jetError(await jet(t.emu, 'getBackupJob')).message).toMatch(/_id/);
    expect(jetError(await jet(t.emu, 'editBackupJob', { _id: JETBACKUP_SEED.configJob })).message).toBe('Unknown function "editBackupJob"');
    const none = await fetch(t.emu.jetbackup.endpoint, {
      method: 'POST',
      headers: { Authorization: `whm root:${t.emu.credentials.jetbackup.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '_id=x',
    });
    expect(jetError({ status: none.status, headers: none.headers, bytes: new Uint8Array(), text: await none.text() }).message).toMatch(/function/);
  });

  it('answers HTTP 401 (plain text, no envelope) for a wrong or missing Authorization', async () => {
    const { user, token } = t.emu.credentials.jetbackup;
    for (const headers of [{ Authorization: `whm ${user}:wrong` }, { Authorization: `whm admin:${token}` }, { Authorization: `Bearer ${user}:${token}` }, {}]) {
      const r = await jet(t.emu, 'listBackupJobs', {}, headers);
      expect(r.status).toBe(401);
      expect(r.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(r.text).toBe('Access denied');
    }
  });

  it('also takes GET with the parameters in the query string (the WHM session URL shape too)', async () => {
    const headers = { Authorization: `whm root:${t.emu.credentials.jetbackup.token}` };
    for (const path of ['/cgi/addons/jetbackup5/api.cgi', '/cpsess0123456789/cgi/addons/jetbackup5/api.cgi']) {
      const r = await fetch(`${t.emu.url}${path}?function=listBackupJobs&limit=1`, { headers });
      expect(ListBackupJobsResponseCodec.validateJson(await r.text())).toEqual([]);
    }
  });
});
