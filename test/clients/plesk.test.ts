/** PleskClient against the emulator over real HTTP: typed operations, errors, downloads, waitForTask, faults. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backupWebspace, getSupportedProtocols, getTasksInfo } from '../../generated/plesk/backup-manager.js';
import {
  AbortError,
  HttpError,
  PacketSystemError,
  PleskClient,
  pleskEndpoint,
  PleskOperationError,
  PleskTaskError,
  TimeoutError,
  type PleskClientOptions,
  type PleskTask,
} from '../../generated/clients/index.js';
import { PLESK_PATH, startEmulator, type Emulator } from '../../generated/emulator/index.js';
import { errorTexts, rejectionOf, tinyServer } from './helpers.js';

const PASSWORD = 'plesk-Pa55word-<&>';
const SECRET_KEY = 'plesk-secret-key-0b9f2c';
const FTP_PASSWORD = 'ftp-Pa55-4e1d';

describe('pleskEndpoint', () => {
  it('adds port 8443 and the agent path when they are not given', () => {
    expect(pleskEndpoint('https://panel.example').toString()).toBe('https://panel.example:8443/enterprise/control/agent.php');
    expect(pleskEndpoint('https://panel.example:443/').toString()).toBe('https://panel.example/enterprise/control/agent.php');
    expect(pleskEndpoint('https://panel.example:9443/enterprise/control/agent.php').toString()).toBe('https://panel.example:9443/enterprise/control/agent.php');
    expect(pleskEndpoint('http://127.0.0.1:8080').toString()).toBe('http://127.0.0.1:8080/enterprise/control/agent.php');
  });
});

describe('PleskClient against the emulator', () => {
  let emu: Emulator;
  const seenErrors: unknown[] = [];
  const logLines: string[] = [];
  const client = (over: Partial<PleskClientOptions> = {}) =>
    new PleskClient({ url: emu.plesk.endpoint, login: 'admin', password: PASSWORD, retries: 2, retryDelayMs: 5, log: (l) => logLines.push(l), ...over } as PleskClientOptions);
  const fail = async (p: Promise<unknown>) => {
    const e = await rejectionOf(p);
    seenErrors.push(e);
    return e;
  };
  const pleskRequests = () => emu.state.requests.filter((r) => r.api === 'plesk').length;

  beforeAll(async () => {
    emu = await startEmulator({ plesk: { login: 'admin', password: PASSWORD, secretKey: SECRET_KEY, taskDurationMs: 300 } });
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(() => emu.setFaults({}));

  it('backupWebspace returns the typed output; waitForTask polls until finished, reporting every status', async () => {
    const started = await client().backupWebspace({ webspaceName: 'example.com', local: true, description: 'client test', splitSize: 0n });
    expect(started.result.status).toBe('ok');
    const taskId = started.result.taskId!;
    const statuses: PleskTask['status'][] = [];
    const task = await client().waitForTask(taskId, { intervalMs: 40, maxIntervalMs: 100, timeoutMs: 10_000, onStatus: (t) => statuses.push(t.status) });
    expect(task.status).toBe('finished');
    expect(task.filename).not.toBe('');
    expect(statuses[0]).toBe('working');
    expect(statuses.at(-1)).toBe('finished');
    expect(statuses.length).toBeGreaterThan(2);

    const list = await client().getLocalBackupList({ webspaceName: 'example.com' });
    const names = (list.result.backup ?? []).flatMap((b) => b.file.map((f) => f.name));
    expect(names).toContain(task.filename);

    const bytes = await client().downloadFile({ webspaceName: 'example.com', filename: task.filename });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes[0]).not.toBe('<'.charCodeAt(0));

    await client().removeFile({ webspaceName: 'example.com', filename: task.filename });
    const e = await fail(client().downloadFile({ webspaceName: 'example.com', filename: task.filename }));
    expect(e).toBeInstanceOf(PleskOperationError);
    expect(e).toMatchObject({ operation: 'download-file', errcode: 1013 });
  });

  it('call() sends one packet and types each output; failures come back in their result, not thrown', async () => {
    const before = pleskRequests();
    const [protocols, created, tasks] = await client().call([
      getSupportedProtocols(),
      backupWebspace({ webspaceName: 'no-such.example', local: true, description: 'x' }),
      getTasksInfo({ webspaceName: 'example.com' }),
    ]);
    expect(pleskRequests() - before).toBe(1);
    expect(protocols.result.protocol).toContain('ftp');
    expect(created.result).toMatchObject({ status: 'error', errcode: 1013 });
    expect(tasks.result[0]?.status).toBe('ok');
  });

  it('the per-operation methods throw PleskOperationError (errcode, errtext, operation)', async () => {
    const e = await fail(client().backupWebspace({ webspaceName: 'no-such.example', local: true, description: 'x' }));
    expect(e).toBeInstanceOf(PleskOperationError);
    expect(e).toMatchObject({ operation: 'backup-webspace', errcode: 1013 });
    expect((e as PleskOperationError).errtext).toMatch(/no-such\.example/);
  });

  it('all 15 operations are there, typed', async () => {
    const c = client();
    expect((await c.getSupportedProtocols()).result.protocol).toEqual(['local', 'ftp']);
    const sw = await c.getServerWideSettings();
    expect(typeof sw.result.settings?.maxBackupProcesses).toBe('bigint');
    await c.setServerWideSettings({ settings: { lowPriority: true } });
    expect((await c.getServerWideSettings()).result.settings?.lowPriority).toBe(true);
    await c.setRemoteStorageSettings({ webspaceName: 'example.com', settings: { protocol: 'ftp', host: 'ftp.example', login: 'u', password: FTP_PASSWORD, passiveMode: true } });
    const rs = await c.getRemoteStorageSettings({ webspaceName: 'example.com', protocol: 'ftp' });
    expect(rs.result.settings?.host).toBe('ftp.example');
    for (const start of [
      () => c.backupCustomer({ customerLogin: 'jdoe', local: true, description: 'c' }),
      () => c.backupReseller({ resellerLogin: 'reseller1', local: true, description: 'r' }),
      () => c.backupServer({ local: true, description: 's' }),
    ]) {
      expect((await start()).result.status).toBe('ok');
    }
    expect((await c.getTasksInfo()).result[0]?.status).toBe('ok');
    expect((await c.importFile({ webspaceName: 'example.net', tmpFilename: '/usr/local/psa/PMM/tmp/uploaded-backup.tar' })).result.status).toBe('ok');
    const w = await c.backupWebspace({ webspaceName: 'example.net', local: true, description: 'to stop' });
    expect((await c.stopBackup({ taskId: w.result.taskId! })).result.status).toBe('ok');
    const e = await fail(c.waitForTask(w.result.taskId!, { intervalMs: 20 }));
    expect(e).toBeInstanceOf(PleskTaskError);
    expect(e).toMatchObject({ status: 'stopped', taskId: w.result.taskId });
  });

  it('bad credentials are PacketSystemError 1001; the secret key header works; a wrong key is 11003', async () => {
    const e = await fail(client({ password: 'not-the-password' }).getSupportedProtocols());
    expect(e).toBeInstanceOf(PacketSystemError);
    expect((e as PacketSystemError).errcode).toBe(1001);
    expect(errorTexts(e)).not.toContain('not-the-password');
    const byKey = new PleskClient({ url: emu.plesk.endpoint, secretKey: SECRET_KEY, log: (l) => logLines.push(l) });
    expect((await byKey.getSupportedProtocols()).result.status).toBe('ok');
    const wrongKey = new PleskClient({ url: emu.plesk.endpoint, secretKey: 'wrong-key-1234567' });
    const e2 = await fail(wrongKey.getSupportedProtocols());
    expect((e2 as PacketSystemError).errcode).toBe(11003);
    expect(errorTexts(e2)).not.toContain('wrong-key-1234567');
  });

  it('Plesk 1014 (parser error) is a PacketSystemError naming the element', async () => {
    emu.setFaults({ plesk: { parserError: true } });
    const e = await fail(client().getTasksInfo());
    expect(e).toBeInstanceOf(PacketSystemError);
    expect((e as PacketSystemError).errcode).toBe(1014);
    expect((e as PacketSystemError).errtext).toMatch(/Element '[^']+'/);
  });

  it('a request that hangs is a TimeoutError; a read is retried, a backup is never sent twice', async () => {
    emu.setFaults({ hang: { path: PLESK_PATH, ms: 300, times: 1 } });
    expect((await client({ timeoutMs: 100 }).getSupportedProtocols()).result.status).toBe('ok');
    await new Promise((r) => setTimeout(r, 400)); // let the abandoned request end
    const tasksBefore = emu.state.plesk.tasks.length;
    const before = emu.state.requests.length;
    emu.setFaults({ hang: { path: PLESK_PATH, ms: 300, times: 1 } });
    const e = await fail(client({ timeoutMs: 100, retries: 5 }).backupWebspace({ webspaceName: 'example.com', local: true, description: 'once' }));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).timeoutMs).toBe(100);
    await new Promise((r) => setTimeout(r, 400));
    // Only the abandoned request reached the server (a retry would have been answered at once and started a task).
    expect(emu.state.requests.length - before).toBe(1);
    expect(emu.state.plesk.tasks.length - tasksBefore).toBeLessThanOrEqual(1);
  });

  it('HTTP 503 is retried for reads only, then HttpError', async () => {
    emu.setFaults({ status503: PLESK_PATH });
    let before = pleskRequests();
    const e = await fail(client().getTasksInfo());
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(503);
    expect(pleskRequests() - before).toBe(3);
    before = pleskRequests();
    await fail(client().backupServer({ local: true, description: 'x' }));
    expect(pleskRequests() - before).toBe(1);
  });

  it('waitForTask is cancelled by an AbortSignal and gives up after timeoutMs', async () => {
    const slow = await startEmulator({ plesk: { login: 'admin', password: PASSWORD, taskDurationMs: 60_000 } });
    try {
      const c = new PleskClient({ url: slow.plesk.endpoint, login: 'admin', password: PASSWORD });
      const { result } = await c.backupWebspace({ webspaceName: 'example.com', local: true, description: 'slow' });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 150);
      const started = Date.now();
      const e = await fail(c.waitForTask(result.taskId!, { intervalMs: 40, signal: ac.signal }));
      expect(e).toBeInstanceOf(AbortError);
      expect(Date.now() - started).toBeLessThan(1_000);
      const e2 = await fail(c.waitForTask(result.taskId!, { intervalMs: 40, timeoutMs: 200 }));
      expect(e2).toBeInstanceOf(TimeoutError);
    } finally {
      await slow.close();
    }
  });

  it('download-file cannot be sent through call() (its answer is the file)', async () => {
    await expect(client().call([{ downloadFile: { webspaceName: 'example.com', filename: 'x.tar' } }])).rejects.toThrow(/downloadFile\(\)/);
  });

  it('never puts the password, the secret key or an FTP password in an error, a cause or a log line', () => {
    expect(seenErrors.length).toBeGreaterThanOrEqual(9);
    for (const e of seenErrors) {
      const text = errorTexts(e);
      for (const s of [PASSWORD, SECRET_KEY, FTP_PASSWORD]) expect(text).not.toContain(s);
    }
    expect(logLines.length).toBeGreaterThan(10);
    for (const s of [PASSWORD, SECRET_KEY, FTP_PASSWORD]) expect(logLines.join('\n')).not.toContain(s);
  });
});

describe('PleskClient and a 1014 that quotes the request', () => {
  // Real 1014 texts quote offending values ("Element 'owner-id': '' is not a valid value of the atomic
  // type 'int'"), so a refused set-remote-storage-settings may echo the FTP password. The emulator does
  // not (the client never sends an invalid packet), so a tiny server plays that panel.
  it('redacts the FTP password and the panel password from errtext, message and stack', async () => {
    const server = await tinyServer((_r, res) => {
      res.setHeader('content-type', 'text/xml');
      res.end(
        `<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.9.0"><system><status>error</status><errcode>1014</errcode>` +
          `<errtext>Parser error: Element 'password': '${FTP_PASSWORD}' is not valid (login password ${PASSWORD.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')})</errtext></system></packet>`,
      );
    });
    try {
      const c = new PleskClient({ url: `${server.url}enterprise/control/agent.php`, login: 'admin', password: PASSWORD });
      const e = await rejectionOf(c.setRemoteStorageSettings({ webspaceName: 'example.com', settings: { protocol: 'ftp', password: FTP_PASSWORD } }));
      expect(e).toBeInstanceOf(PacketSystemError);
      expect((e as PacketSystemError).errcode).toBe(1014);
      expect((e as PacketSystemError).errtext).toBe("Parser error: Element 'password': '[REDACTED]' is not valid (login password [REDACTED])");
      const text = errorTexts(e);
      for (const s of [PASSWORD, FTP_PASSWORD]) expect(text).not.toContain(s);
      expect(server.seen[0]?.headers['http_auth_passwd']).toBe(PASSWORD);
    } finally {
      await server.close();
    }
  });
});
