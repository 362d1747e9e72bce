/**
 * AkeebaClient against the emulator over real HTTP (good and misbehaving server), and the backup loop's
 * decision rules (reference §7.4) as a pure function.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BackupStepData } from '../../generated/akeeba/index.js';
import {
  AbortError,
  AkeebaApiError,
  AkeebaBackupError,
  AkeebaClient,
  AkeebaProtocolError,
  decideBackupStep,
  HttpError,
  initialBackupRunState,
  TimeoutError,
  type AkeebaClientOptions,
  type BackupProgress,
  type BackupRunState,
} from '../../generated/clients/index.js';
import { AKEEBA_PATH, startEmulator, type Emulator } from '../../generated/emulator/index.js';
import { errorTexts, rejectionOf, tinyServer } from './helpers.js';

const SECRET = 'akeebaSecretWord-7f3c9e';

// ---------------------------------------------------------------------------------------------------

const step = (over: Partial<BackupStepData> = {}): BackupStepData => ({
  HasRun: true,
  Domain: 'pack',
  Step: '',
  Substep: '',
  Error: '',
  Warnings: [],
  ...over,
});

const after = (state: BackupRunState, data: BackupStepData): BackupRunState => {
  const d = decideBackupStep(state, data);
  if (d.action === 'fail') throw d.error;
  return d.state;
};

describe('decideBackupStep (reference §7.4)', () => {
  const s1 = after(initialBackupRunState, step({ backupid: 'id7', stepNumber: 1, backupRecordId: 7 }));

  it('rule 5: HasRun true continues after sleepTime when it is > 0, with the remembered backupid', () => {
    const d = decideBackupStep(s1, step({ backupid: 'id7', stepNumber: 2, sleepTime: 250 }));
    expect(d).toMatchObject({ action: 'continue', sleepMs: 250, state: { runId: 'id7', stepNumber: 2, replies: 2 } });
    expect(decideBackupStep(s1, step({ stepNumber: 2, sleepTime: 0 }))).toMatchObject({ action: 'continue', sleepMs: 0, state: { runId: 'id7' } });
    expect(decideBackupStep(s1, step({ stepNumber: 2 }))).toMatchObject({ action: 'continue', sleepMs: 0 });
    expect(decideBackupStep(s1, step({ HasRun: 1, stepNumber: 2 }))).toMatchObject({ action: 'continue' });
  });

  it('rule 6: HasRun false (or 0) is finished, with the record id', () => {
    expect(decideBackupStep(s1, step({ HasRun: false, stepNumber: 2 }))).toMatchObject({ action: 'finished', state: { backupId: 7 } });
    expect(decideBackupStep(s1, step({ HasRun: 0, stepNumber: 2, backupRecordId: 8 }))).toMatchObject({ action: 'finished', state: { backupId: 8 } });
  });

  it('rule 2: a non-empty Error fails the backup whatever HasRun says; null and "" do not', () => {
    for (const HasRun of [true, false, 1, 0] as const) {
      const d = decideBackupStep(s1, step({ HasRun, stepNumber: 2, Error: 'disk full' }));
      expect(d.action).toBe('fail');
      if (d.action === 'fail') {
        expect(d.error).toBeInstanceOf(AkeebaBackupError);
        expect((d.error as AkeebaBackupError).engineError).toBe('disk full');
        expect((d.error as AkeebaBackupError).runId).toBe('id7');
      }
    }
    expect(decideBackupStep(s1, step({ stepNumber: 2, Error: null })).action).toBe('continue');
  });

  it('rule 2 comes before rules 3 and 4', () => {
    const d = decideBackupStep(s1, step({ backupid: 'id8', stepNumber: 9, Error: 'boom' }));
    expect(d.action === 'fail' && d.error).toBeInstanceOf(AkeebaBackupError);
  });

  it('rule 3: a different backupid aborts (the server restarted the run); rule 3 before rule 4', () => {
    const d = decideBackupStep(s1, step({ backupid: 'id8', stepNumber: 5 }));
    expect(d.action).toBe('fail');
    if (d.action === 'fail') {
      expect(d.error).toBeInstanceOf(AkeebaProtocolError);
      expect(d.error).toMatchObject({ problem: 'backupid-changed', expected: 'id7', received: 'id8' });
    }
  });

  it('rule 4: stepNumber must rise by exactly 1 (gap, repeat, decrease)', () => {
    for (const n of [3, 1, 0, -1]) {
      const d = decideBackupStep(s1, step({ stepNumber: n }));
      expect(d.action === 'fail' && d.error).toMatchObject({ problem: 'step-number', expected: 2, received: n });
    }
  });

  it('a reply without stepNumber counts as a step, so the next one must be two more', () => {
    const s2 = after(s1, step({}));
    expect(s2.stepNumber).toBe(2);
    expect(decideBackupStep(s2, step({ stepNumber: 3 })).action).toBe('continue');
    expect(decideBackupStep(s2, step({ stepNumber: 2 })).action).toBe('fail');
  });

  it('old servers without the level-340 fields: no checks, but no backupid means no way to continue', () => {
    const d = decideBackupStep(initialBackupRunState, step({}));
    expect(d.action === 'fail' && d.error).toMatchObject({ problem: 'no-backupid' });
    expect(decideBackupStep(initialBackupRunState, step({ HasRun: false })).action).toBe('finished');
  });

  it('keeps the latest non-empty Archive and the record id, and collects warnings from every reply, failing ones included', () => {
    let s = after(initialBackupRunState, step({ backupid: 'a', stepNumber: 1, Archive: '', Warnings: ['w1'] }));
    expect(s.archive).toBeUndefined();
    s = after(s, step({ stepNumber: 2, Archive: 'site-1.jpa', Warnings: ['w2', 'w3'] }));
    s = after(s, step({ stepNumber: 3, Archive: '' }));
    expect(s.archive).toBe('site-1.jpa');
    s = after(s, step({ stepNumber: 4, Archive: 'site-1.j01' }));
    expect(s).toMatchObject({ archive: 'site-1.j01', warnings: ['w1', 'w2', 'w3'], replies: 4 });
    const d = decideBackupStep(s, step({ stepNumber: 5, Error: 'x', Warnings: ['last words'] }));
    expect(d.action === 'fail' && (d.error as AkeebaBackupError).warnings).toEqual(['w1', 'w2', 'w3', 'last words']);
  });
});

// ---------------------------------------------------------------------------------------------------

describe('AkeebaClient against the emulator', () => {
  let emu: Emulator;
  const seenErrors: unknown[] = [];
  const logLines: string[] = [];
  const client = (over: Partial<AkeebaClientOptions> = {}) =>
    new AkeebaClient({ url: emu.akeeba.endpoint, secret: SECRET, retries: 2, retryDelayMs: 5, log: (l) => logLines.push(l), ...over });
  const fail = async (p: Promise<unknown>) => {
    const e = await rejectionOf(p);
    seenErrors.push(e);
    return e;
  };
  const akeebaRequests = () => emu.state.requests.filter((r) => r.api === 'akeeba').length;

  beforeAll(async () => {
    emu = await startEmulator({ akeeba: { secret: SECRET, steps: 4, sleepTime: 150 } });
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(() => emu.setFaults({}));

  it('getVersion and listBackups are typed', async () => {
    const v = await client().getVersion();
    expect(v.edition).toBe('pro');
    expect(Number(v.api)).toBeGreaterThanOrEqual(400);
    expect(Array.isArray(await client().listBackups({ limit: 10 }))).toBe(true);
  });

  it('runBackup drives the loop, waits sleepTime between steps, reports progress and returns record id, archive and warnings', async () => {
    const progress: BackupProgress[] = [];
    const stepTimes: number[] = [];
    const c = client({
      log: (line) => {
        logLines.push(line);
        stepTimes.push(Date.now());
      },
    });
    const result = await c.runBackup({ profile: 1, description: 'nightly', comment: 'from the tests', onProgress: (p) => progress.push(p) });
    expect(result.steps).toBe(4);
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => p.stepNumber)).toEqual([1, 2, 3, 4]);
    expect(progress.map((p) => p.hasRun)).toEqual([true, true, true, false]);
    const pct = progress.map((p) => p.progress ?? 0);
    expect([...pct].sort((a, b) => a - b)).toEqual(pct);
    expect(pct.at(-1)).toBe(100);
    expect(typeof result.backupId).toBe('number');
    expect(result.archive).toMatch(/\.jpa$/);
    expect(result.runId).toMatch(/^id/);
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(progress.flatMap((p) => p.warnings)).toEqual(result.warnings);
    // sleepTime (150 ms) honoured before each stepBackup
    for (let i = 1; i < stepTimes.length; i++) expect(stepTimes[i]! - stepTimes[i - 1]!).toBeGreaterThanOrEqual(140);
    const info = await client().getBackupInfo(result.backupId!);
    expect(info.status).toBe('complete');
    await client().deleteBackup(result.backupId!);
  });

  it('stepNumber skipping is a typed AkeebaProtocolError', async () => {
    emu.setFaults({ akeeba: { skipStepNumber: true } });
    const e = await fail(client().runBackup({ description: 'x' }));
    expect(e).toBeInstanceOf(AkeebaProtocolError);
    expect(e).toMatchObject({ problem: 'step-number', expected: 2, received: 3 });
  });

  it('Error with HasRun true is a failure (AkeebaBackupError), and no further step is asked for', async () => {
    emu.setFaults({ akeeba: { errorWithHasRun: true } });
    const before = akeebaRequests();
    const e = await fail(client().runBackup({ description: 'x' }));
    expect(e).toBeInstanceOf(AkeebaBackupError);
    expect((e as AkeebaBackupError).engineError).not.toBe('');
    expect(akeebaRequests() - before).toBe(2);
  });

  it('a changed backupid aborts the run', async () => {
    emu.setFaults({ akeeba: { changeBackupId: true } });
    const e = await fail(client().runBackup({ description: 'x' }));
    expect(e).toMatchObject({ problem: 'backupid-changed' });
    expect(e).toBeInstanceOf(AkeebaProtocolError);
  });

  it('503 "Access denied" (as real servers send it: HTTP 200, body status 503) is AkeebaApiError, not retried', async () => {
    emu.setFaults({ status503: AKEEBA_PATH });
    const before = akeebaRequests();
    const e = await fail(client().getVersion());
    expect(e).toBeInstanceOf(AkeebaApiError);
    expect(e).toMatchObject({ status: 503, serverMessage: 'Access denied', method: 'getVersion' });
    expect(akeebaRequests() - before).toBe(1);
  });

  it('a wrong secret word is the same 503, and the secret is not in the error', async () => {
    const e = await fail(client({ secret: 'wrong-secret-word-123' }).getVersion());
    expect(e).toMatchObject({ status: 503 });
    expect(errorTexts(e)).not.toContain('wrong-secret-word-123');
  });

  it('a secret pasted into the endpoint URL (legacy _akeebaAuth) is redacted from errors and log lines', async () => {
    emu.setFaults({ status503: { path: AKEEBA_PATH, http: true } });
    const lines: string[] = [];
    const e = await fail(client({ url: `${emu.akeeba.endpoint}&_akeebaAuth=${SECRET}`, retries: 1, log: (l) => lines.push(l) }).getVersion());
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).url).toContain('_akeebaAuth=[REDACTED]');
    expect(lines).toHaveLength(2);
    logLines.push(...lines);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('an HTTP 503 outage is retried for reads, then HttpError', async () => {
    emu.setFaults({ status503: { path: AKEEBA_PATH, http: true } });
    const before = akeebaRequests();
    const e = await fail(client().getVersion());
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(503);
    expect(akeebaRequests() - before).toBe(3);
  });

  it('a request that hangs times out (TimeoutError); a read is retried and then succeeds', async () => {
    emu.setFaults({ hang: { path: AKEEBA_PATH, ms: 2_000, times: 1 } });
    expect((await client({ timeoutMs: 150 }).getVersion()).edition).toBe('pro');
    emu.setFaults({ hang: { path: AKEEBA_PATH, ms: 2_000 } });
    const e = await fail(client({ timeoutMs: 150, retries: 0 }).getVersion());
    expect(e).toBeInstanceOf(TimeoutError);
  });

  it('startBackup is never retried: a hanging start is one request and a TimeoutError', async () => {
    emu.setFaults({ hang: { path: AKEEBA_PATH, ms: 1_000, times: 1 } });
    const before = emu.state.requests.length;
    const e = await fail(client({ timeoutMs: 150, retries: 5 }).runBackup({ description: 'x' }));
    expect(e).toBeInstanceOf(TimeoutError);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(emu.state.requests.length - before).toBe(1);
  });

  it('is cancelled with an AbortSignal, also while waiting sleepTime', async () => {
    const ac = new AbortController();
    const before = akeebaRequests();
    const started = Date.now();
    const e = await fail(client().runBackup({ description: 'x', signal: ac.signal, onProgress: (p) => p.step === 2 && ac.abort() }));
    expect(e).toBeInstanceOf(AbortError);
    expect(akeebaRequests() - before).toBe(2);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('never puts the secret in an error, a cause or a log line', () => {
    expect(seenErrors.length).toBeGreaterThanOrEqual(9);
    for (const e of seenErrors) expect(errorTexts(e)).not.toContain(SECRET);
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('\n')).not.toContain(SECRET);
  });
});

describe('AkeebaClient and an HTTP 503 that carries an Akeeba envelope', () => {
  // The emulator answers "Access denied" as real servers do (HTTP 200); some front ends pass Akeeba's
  // status through as the HTTP status. That is still an answer, not an outage: no retry.
  it('is AkeebaApiError(503, "Access denied") after one request', async () => {
    const server = await tinyServer((_r, res) => {
      res.statusCode = 503;
      res.setHeader('content-type', 'application/json');
      res.end('{"status":503,"data":"Access denied"}');
    });
    try {
      const c = new AkeebaClient({ url: `${server.url}index.php?option=com_akeebabackup&view=api&format=raw`, secret: SECRET, retries: 3, retryDelayMs: 1 });
      const e = await rejectionOf(c.getVersion());
      expect(e).toBeInstanceOf(AkeebaApiError);
      expect(e).toMatchObject({ status: 503, serverMessage: 'Access denied' });
      expect(server.seen).toHaveLength(1);
      expect(server.seen[0]?.headers['x-akeeba-auth']).toBe(SECRET);
      expect(server.seen[0]?.body).toBe('method=getVersion');
    } finally {
      await server.close();
    }
  });

  it('junk printed before the JSON (PHP notices) is tolerated', async () => {
    const server = await tinyServer((_r, res) => {
      res.end('<b>Notice</b>: Undefined index in /var/www/x.php on line 3\n{"status":200,"data":{"api":"400","component":"8.1.2","date":"2022-01-01","edition":"pro"}}');
    });
    try {
      const c = new AkeebaClient({ url: `${server.url}index.php?option=com_akeeba&view=api&format=raw`, secret: SECRET });
      expect(await c.getVersion()).toMatchObject({ api: '400', edition: 'pro' });
    } finally {
      await server.close();
    }
  });
});
