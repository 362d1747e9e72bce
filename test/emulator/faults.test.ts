/** Every opt-in fault of the emulator, set at start or at runtime, over real HTTP. */
import { afterEach, describe, expect, it } from 'vitest';
import { type BackupStepData, StartBackupResponseCodec, StepBackupResponseCodec } from '../../generated/akeeba/index.js';
import { GetBackupJobResponseCodec, ListBackupJobsResponseCodec } from '../../generated/jetbackup/index.js';
import { getSupportedProtocols } from '../../generated/plesk/backup-manager.js';
import { akeebaBody, akeebaCall, jet, jetBody, jetError, plesk, start, systemError, type TestEmulator } from './helpers.js';

let t: TestEmulator | undefined;
afterEach(async () => {
  await t?.emu.close();
  t = undefined;
});

async function firstTwoReplies(emu: TestEmulator['emu']): Promise<{ first: BackupStepData; second: ReturnType<typeof akeebaBody> }> {
  const first = (akeebaBody(await akeebaCall(emu, 'startBackup', { description: 'faulty' }), StartBackupResponseCodec).value as { data: BackupStepData }).data;
  const second = akeebaBody(await akeebaCall(emu, 'stepBackup', { backupid: first.backupid }), StepBackupResponseCodec);
  return { first, second };
}

describe('Akeeba faults (first stepBackup reply of a run)', () => {
  it('skipStepNumber: the step number jumps by 2', async () => {
    t = await start({ faults: { akeeba: { skipStepNumber: true } } });
    const { first, second } = await firstTwoReplies(t.emu);
    expect(first.stepNumber).toBe(1);
    expect((second.data as BackupStepData).stepNumber).toBe(3);
    const third = akeebaBody(await akeebaCall(t.emu, 'stepBackup', { backupid: first.backupid }), StepBackupResponseCodec);
    expect((third.data as BackupStepData).stepNumber).toBe(4);
  });

  it('errorWithHasRun: Error set while HasRun is true; the run has failed', async () => {
    t = await start({ faults: { akeeba: { errorWithHasRun: true } } });
    const { first, second } = await firstTwoReplies(t.emu);
    const data = second.data as BackupStepData;
    expect(second.status).toBe(200);
    expect(data.HasRun).toBe(true);
    expect(data.Error).toMatch(/Emulated engine error/);
    expect(data.stepState).toBe('error');
    const next = akeebaBody(await akeebaCall(t.emu, 'stepBackup', { backupid: first.backupid }), StepBackupResponseCodec);
    expect(next.status).toBe(500);
    expect(next.data).toMatch(/^A backup error has occurred: /);
    expect(t.emu.state.akeeba.records[0]?.status).toBe('fail');
  });

  it('changeBackupId: a reply carries a different backupid', async () => {
    t = await start({ faults: { akeeba: { changeBackupId: true } } });
    const { first, second } = await firstTwoReplies(t.emu);
    expect((second.data as BackupStepData).backupid).not.toBe(first.backupid);
    expect((second.data as { BackupID: number }).BackupID).toBe(first.backupRecordId);
  });

  it('applies to runs stepped after setFaults, and setFaults({}) turns them off', async () => {
    t = await start();
    t.emu.setFaults({ akeeba: { skipStepNumber: true } });
    expect(t.emu.faults).toEqual({ akeeba: { skipStepNumber: true } });
    expect(((await firstTwoReplies(t.emu)).second.data as BackupStepData).stepNumber).toBe(3);
    t.emu.setFaults({});
    expect(((await firstTwoReplies(t.emu)).second.data as BackupStepData).stepNumber).toBe(2);
  });
});

describe('hang', () => {
  it('leaves a request unanswered for `ms`: a client timeout fires; other paths, and later requests past `times`, are answered', async () => {
    t = await start({ faults: { hang: { path: '/enterprise/control/agent.php', ms: 60_000, times: 1 } } });
    const hung = fetch(t.emu.plesk.endpoint, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<packet/>', signal: AbortSignal.timeout(150) });
    await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(jetBody(await jet(t.emu, 'listBackupJobs'), ListBackupJobsResponseCodec).success).toBe(1);
    const after = await plesk(t.emu, [getSupportedProtocols()]);
    expect(after.text).toContain('<protocol>local</protocol>');
  });

  it('answers after `ms` when the client waits', async () => {
    t = await start();
    t.emu.setFaults({ hang: { path: '/cgi/addons/jetbackup5/api.cgi', ms: 120 } });
    const started = performance.now();
    const r = await jet(t.emu, 'listBackupJobs');
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
    expect(jetBody(r, ListBackupJobsResponseCodec).success).toBe(1);
    expect(t.emu.state.requests.at(-1)?.fault).toBe('hang');
  });
});

describe('status503', () => {
  it('on the Akeeba path: the real "Access denied" envelope (HTTP 200, status 503) despite a right secret', async () => {
    t = await start({ faults: { status503: '/index.php' } });
    const r = await akeebaCall(t.emu, 'getVersion');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.text)).toEqual({ status: 503, data: 'Access denied' });
  });

  it('with http: true, or on the other APIs: HTTP 503 "Access denied"', async () => {
    t = await start({ faults: { status503: { path: '/index.php', http: true } } });
    const ak = await akeebaCall(t.emu, 'getVersion');
    expect([ak.status, ak.text]).toEqual([503, 'Access denied']);
    t.emu.setFaults({ status503: '/enterprise/control/agent.php' });
    const pl = await plesk(t.emu, [getSupportedProtocols()]);
    expect([pl.status, pl.text]).toEqual([503, 'Access denied']);
    t.emu.setFaults({ status503: '/cgi/addons/jetbackup5/api.cgi' });
    const jb = await jet(t.emu, 'listBackupJobs');
    expect([jb.status, jb.text]).toEqual([503, 'Access denied']);
  });
});

describe('plesk.parserError', () => {
  it('answers 1014 to any packet, valid or not, authenticated or not', async () => {
    t = await start({ faults: { plesk: { parserError: true } } });
    for (const headers of [undefined, {}]) {
      const r = await plesk(t.emu, [getSupportedProtocols()], headers);
      expect(systemError(r.text).errcode).toBe(1014);
      expect(systemError(r.text).errtext).toMatch(/^Parser error: Request is invalid\. Error in line 1: Element 'backup-manager'/);
    }
    expect(t.emu.state.requests.at(-1)?.fault).toBe('plesk.parserError');
  });
});

describe('jetbackup.failNext', () => {
  it('fails the next call with success 0, then works again', async () => {
    t = await start({ faults: { jetbackup: { failNext: true } } });
    expect(jetError(await jet(t.emu, 'listBackupJobs')).message).toBe('Emulated failure (faults.jetbackup.failNext)');
    expect(jetBody(await jet(t.emu, 'listBackupJobs'), ListBackupJobsResponseCodec).success).toBe(1);
  });

  it('fails N calls with the given message; authentication still comes first', async () => {
    t = await start();
    t.emu.setFaults({ jetbackup: { failNext: 2, message: 'License server unreachable' } });
    expect((await jet(t.emu, 'listBackupJobs', {}, {})).status).toBe(401);
    expect(jetError(await jet(t.emu, 'getBackupJob', { _id: '6503d9d5a31fb181bf02f684' })).message).toBe('License server unreachable');
    expect(jetError(await jet(t.emu, 'getBackupJob', { _id: '6503d9d5a31fb181bf02f684' })).message).toBe('License server unreachable');
    expect(jetBody(await jet(t.emu, 'getBackupJob', { _id: '6503d9d5a31fb181bf02f684' }), GetBackupJobResponseCodec).success).toBe(1);
  });
});
