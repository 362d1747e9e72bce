/** The Akeeba Backup JSON API v2 of the emulator, over real HTTP; every body validated by the generated codecs. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BackupStepData,
  DeleteFilesResponseCodec,
  DeleteResponseCodec,
  GetBackupInfoResponseCodec,
  GetLogResponseCodec,
  GetVersionResponseCodec,
  ListBackupsResponseCodec,
  StartBackupResponseCodec,
  StepBackupResponseCodec,
} from '../../generated/akeeba/index.js';
import { akeebaBody, akeebaCall, start, type TestEmulator } from './helpers.js';

let t: TestEmulator;
beforeEach(async () => {
  t = await start();
});
afterEach(async () => {
  await t.emu.close();
});

/** Runs a whole backup: startBackup, then stepBackup while HasRun; every reply validated. */
async function runBackup(args: object = { profile: 1, description: 'Remote backup', comment: 'from a test' }): Promise<BackupStepData[]> {
  const first = akeebaBody(await akeebaCall(t.emu, 'startBackup', args), StartBackupResponseCodec);
  expect(first.status).toBe(200);
  const replies = [(first.value as { data: BackupStepData }).data];
  while (replies[replies.length - 1]!.HasRun) {
    const backupid = replies[replies.length - 1]!.backupid!;
    const next = akeebaBody(await akeebaCall(t.emu, 'stepBackup', { backupid }), StepBackupResponseCodec);
    expect(next.status).toBe(200);
    replies.push((next.value as { data: BackupStepData }).data);
    expect(replies.length).toBeLessThan(50);
  }
  return replies;
}

describe('Akeeba: the backup loop', () => {
  it('takes `steps` replies: stepNumber +1 each, Progress up to 100, one Archive, a warning, constant ids, HasRun false at the end', async () => {
    const replies = await runBackup();
    expect(replies).toHaveLength(4);
    expect(replies.map((r) => r.stepNumber)).toEqual([1, 2, 3, 4]);
    expect(replies.map((r) => r.HasRun)).toEqual([true, true, true, false]);
    const progress = replies.map((r) => r.Progress!);
    expect(progress[progress.length - 1]).toBe(100);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!).toBeGreaterThan(progress[i - 1]!);
    const archives = replies.map((r) => r.Archive).filter((a) => a !== '' && a !== undefined);
    expect(archives).toHaveLength(1);
    expect(archives[0]).toMatch(/\.jpa$/);
    expect(replies.some((r) => r.Warnings.length > 0)).toBe(true);
    expect(new Set(replies.map((r) => r.backupid))).toEqual(new Set(['id1']));
    expect(new Set(replies.map((r) => r.backupRecordId))).toEqual(new Set([1]));
    expect(replies.every((r) => r.sleepTime === 5 && r.Error === '')).toBe(true);
    expect(replies.map((r) => r.stepState)).toEqual(['init', 'running', 'running', 'finished']);
    // stepBackup requests were recorded with the injected clock (clients' sleepTime waits can be checked)
    expect(t.emu.state.akeeba.runs[0]?.requestTimes).toHaveLength(4);
  });

  it('honours steps and sleepTime options, and a backupid given to startBackup', async () => {
    await t.emu.close();
    t = await start({ akeeba: { secret: 'test-secret', steps: 2, sleepTime: 0 } });
    const replies = await runBackup({ backupid: 'mine-1', description: 'two steps' });
    expect(replies.map((r) => [r.stepNumber, r.HasRun, r.sleepTime, r.backupid, r.Progress])).toEqual([
      [1, true, 0, 'mine-1', 50],
      [2, false, 0, 'mine-1', 100],
    ]);
    expect(replies[1]?.Archive).toMatch(/mine-1\.jpa$/);
  });

  it('keeps records: listBackups, getBackupInfo, getLog, deleteFiles, delete', async () => {
    const replies = await runBackup();
    const id = replies[0]!.backupRecordId!;
    await runBackup();

    const list = akeebaBody(await akeebaCall(t.emu, 'listBackups', { from: 0, limit: 10 }), ListBackupsResponseCodec);
    const records = list.data as { id: string; status: string; archivename: string | null; filesexist: string; description: string }[];
    expect(records.map((r) => r.id)).toEqual(['2', '1']);
    expect(records[1]).toMatchObject({ status: 'complete', filesexist: '1', description: 'Remote backup', archivename: replies[1]!.Archive });
    const page = akeebaBody(await akeebaCall(t.emu, 'listBackups', { from: 1, limit: 1 }), ListBackupsResponseCodec);
    expect((page.data as { id: string }[]).map((r) => r.id)).toEqual(['1']);

    const info = akeebaBody(await akeebaCall(t.emu, 'getBackupInfo', { backup_id: id }), GetBackupInfoResponseCodec);
    expect(info.data).toMatchObject({ id: '1', meta: 'ok', filenames: [{ part: 1, name: replies[1]!.Archive }] });

    const log = akeebaBody(await akeebaCall(t.emu, 'getLog', { tag: 'json' }), GetLogResponseCodec);
    expect(log.data).toContain('Step 4: finalization');
    expect(akeebaBody(await akeebaCall(t.emu, 'getLog', { tag: 'remote' }), GetLogResponseCodec).data).toBe(log.data);
    expect(akeebaBody(await akeebaCall(t.emu, 'getLog', { tag: 'backend' }), GetLogResponseCodec).status).toBe(404);

    expect(akeebaBody(await akeebaCall(t.emu, 'deleteFiles', { backup_id: id }), DeleteFilesResponseCodec).data).toBe(true);
    const after = akeebaBody(await akeebaCall(t.emu, 'getBackupInfo', { backup_id: id }), GetBackupInfoResponseCodec);
    expect(after.data).toMatchObject({ filesexist: '0', meta: 'obsolete', filenames: [] });

    expect(akeebaBody(await akeebaCall(t.emu, 'delete', { backup_id: id }), DeleteResponseCodec).data).toBe(true);
    const gone = akeebaBody(await akeebaCall(t.emu, 'getBackupInfo', { backup_id: id }), GetBackupInfoResponseCodec);
    expect(gone).toMatchObject({ status: 404, data: 'Invalid backup record identifier' });
    expect(akeebaBody(await akeebaCall(t.emu, 'delete', { backup_id: id }), DeleteResponseCodec).status).toBe(404);
  });

  it('refuses stepBackup without backupid (status 0), with an unknown one (404), and after the end (500)', async () => {
    const missing = akeebaBody(await akeebaCall(t.emu, 'stepBackup', {}), StepBackupResponseCodec);
    expect(missing.status).toBe(0);
    expect(missing.data).toMatch(/^JSON API :: stepBackup -- You have not provided the required backupid parameter/);
    expect(akeebaBody(await akeebaCall(t.emu, 'stepBackup', { backupid: 'id99' }), StepBackupResponseCodec).status).toBe(404);
    await runBackup();
    const late = akeebaBody(await akeebaCall(t.emu, 'stepBackup', { backupid: 'id1' }), StepBackupResponseCodec);
    expect(late.status).toBe(500);
  });

  it('refuses invalid arguments with status 500 naming them', async () => {
    const r = akeebaBody(await akeebaCall(t.emu, 'startBackup', { profile: 'abc' }), StartBackupResponseCodec);
    expect(r.status).toBe(500);
    expect(r.data).toMatch(/\/profile/);
  });
});

describe('Akeeba: endpoint, authentication and methods', () => {
  it('answers getVersion by POST and GET, with the secret in the header or in the query string', async () => {
    for (const [verb, via] of [['POST', 'header'], ['GET', 'header'], ['GET', 'query'], ['POST', 'query']] as const) {
      const r = await akeebaCall(t.emu, 'getVersion', {}, { verb, via });
      expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(r.headers.get('content-disposition')).toBe('attachment; filename="joomla.json"');
      expect(akeebaBody(r, GetVersionResponseCodec).data).toEqual({ api: 500, component: '9.9.1', date: '2024-10-01', edition: 'pro' });
    }
  });

  it('serves the other documented v2 URL shapes; not v1 URLs', async () => {
    const shapes = [
      '/index.php?option=com_akeeba&view=api&format=json',
      '/api/index.php/v2/akeebabackup',
      '/api/index.php/v2/akeebabackup/index.php',
      '/wp-admin/admin-ajax.php?action=akeebabackup_api',
      '/wp-content/plugins/akeebabackupwp/app/index.php?option=com_akeeba&view=api&format=raw',
    ];
    for (const shape of shapes) {
      const r = await akeebaCall(t.emu, 'getVersion', {}, { url: `${t.emu.url}${shape}` });
      expect(akeebaBody(r, GetVersionResponseCodec).status).toBe(200);
    }
    const json = await akeebaCall(t.emu, 'getVersion', {}, { url: `${t.emu.url}${shapes[0]}` });
    expect(json.headers.get('content-disposition')).toBeNull();
    const v1 = await akeebaCall(t.emu, 'getVersion', {}, { url: `${t.emu.url}/index.php?option=com_akeeba&view=json&format=raw` });
    expect(v1.status).toBe(404);
  });

  it('answers HTTP 200 {"status":503,"data":"Access denied"} for a wrong or missing secret', async () => {
    const cases = [
      { secret: 'wrong' },
      { secret: null },
      { secret: 'wrong', via: 'query' as const },
      { secret: '' },
    ];
    for (const options of cases) {
      const r = await akeebaCall(t.emu, 'getVersion', {}, options);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text)).toEqual({ status: 503, data: 'Access denied' });
      expect(akeebaBody(r, GetVersionResponseCodec).status).toBe(503);
    }
  });

  it('lets the header win over the query string, and reads _akeebaAuth from the query string only', async () => {
    const wrongHeader = await fetch(`${t.emu.akeeba.endpoint}&_akeebaAuth=test-secret&method=getVersion`, { headers: { 'X-Akeeba-Auth': 'wrong' } });
    expect(JSON.parse(await wrongHeader.text())).toEqual({ status: 503, data: 'Access denied' });
    const rightHeader = await fetch(`${t.emu.akeeba.endpoint}&_akeebaAuth=wrong&method=getVersion`, { headers: { 'X-Akeeba-Auth': 'test-secret' } });
    expect(JSON.parse(await rightHeader.text()).status).toBe(200);
    const inBody = await fetch(t.emu.akeeba.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'method=getVersion&_akeebaAuth=test-secret',
    });
    expect(JSON.parse(await inBody.text())).toEqual({ status: 503, data: 'Access denied' });
  });

  it('finds methods case-insensitively; unknown ones are 405 "Invalid method <name>"; other verbs 405', async () => {
    expect(akeebaBody(await akeebaCall(t.emu, 'GETVERSION'), GetVersionResponseCodec).status).toBe(200);
    const unknown = akeebaBody(await akeebaCall(t.emu, 'takeOverTheWorld'), GetVersionResponseCodec);
    expect(unknown).toMatchObject({ status: 405, data: 'Invalid method takeOverTheWorld' });
    const put = await fetch(`${t.emu.akeeba.endpoint}&method=getVersion`, { method: 'PUT', headers: { 'X-Akeeba-Auth': 'test-secret' } });
    expect(JSON.parse(await put.text())).toEqual({ status: 405, data: 'Invalid HTTP method PUT' });
  });
});
