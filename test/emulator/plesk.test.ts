/** The Plesk XML API of the emulator, over real HTTP, with the SDK's own request builders and decoders. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEEDED_UPLOAD } from '../../generated/emulator/index.js';
import {
  backupCustomer,
  backupReseller,
  backupServer,
  backupWebspace,
  decodeBackupManagerResponse,
  downloadFile,
  getLocalBackupList,
  getRemoteStorageSettings,
  getServerWideSettings,
  getSupportedProtocols,
  getTasksInfo,
  importFile,
  removeFile,
  setRemoteStorageSettings,
  setServerWideSettings,
  stopBackup,
} from '../../generated/plesk/backup-manager.js';
import { plesk, start, systemError, T0, type TestEmulator } from './helpers.js';

let t: TestEmulator;
beforeEach(async () => {
  t = await start();
});
afterEach(async () => {
  await t.emu.close();
});

const webspaceBackup = backupWebspace({ webspaceName: 'example.com', local: true, description: 'nightly' });

describe('Plesk: backup tasks over time', () => {
  it('creates a task that is working, then finished after taskDurationMs of the injected clock, with a backup file', async () => {
    const ops = [webspaceBackup] as const;
    const [created] = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    expect(created.result).toEqual({ status: 'ok', taskId: '1' });

    const info = [getTasksInfo({ taskId: '1' })] as const;
    let [tasks] = decodeBackupManagerResponse((await plesk(t.emu, info)).text, info);
    expect(tasks.result[0]?.task?.[0]).toMatchObject({ webspaceId: '1', id: '1', status: 'working', started: String(T0 / 1000), filename: '' });

    t.advance(1499);
    [tasks] = decodeBackupManagerResponse((await plesk(t.emu, info)).text, info);
    expect(tasks.result[0]?.task?.[0]?.status).toBe('working');

    t.advance(1);
    [tasks] = decodeBackupManagerResponse((await plesk(t.emu, info)).text, info);
    const task = tasks.result[0]?.task?.[0];
    expect(task?.status).toBe('finished');
    expect(task?.filename).toMatch(/^backup_example\.com_\d{10}_1\.tar$/);
    expect(task?.protocol).toBe('local');

    const list = [getLocalBackupList({ webspaceName: 'example.com' })] as const;
    const [local] = decodeBackupManagerResponse((await plesk(t.emu, list)).text, list);
    expect(local.result.backup).toEqual([
      { file: [{ name: task?.filename, creationDate: BigInt(Math.floor((T0 + 1500) / 1000)), description: 'nightly', size: 4096n }] },
    ]);
  });

  it('honours taskDurationMs and gives increasing task ids to every kind of backup', async () => {
    await t.emu.close();
    t = await start({ plesk: { login: 'a', password: 'b', taskDurationMs: 10_000 } });
    const ops = [
      backupWebspace({ webspaceId: 2n, local: true, description: 'w' }),
      backupCustomer({ customerLogin: 'jdoe', local: true, description: 'c', prefix: 'cust' }),
      backupReseller({ resellerId: '1', local: true, description: 'r' }),
      backupServer({ local: true, description: 's', onlyConfiguration: true }),
    ] as const;
    const results = decodeBackupManagerResponse((await plesk(t.emu, ops, { HTTP_AUTH_LOGIN: 'a', HTTP_AUTH_PASSWD: 'b' })).text, ops);
    expect(results.map((r) => r.result.taskId)).toEqual(['1', '2', '3', '4']);

    const byOwner = [getTasksInfo({ customerLogin: 'jdoe' }), getTasksInfo({ server: true }), getTasksInfo({})] as const;
    t.advance(9_999);
    const [customer, server, all] = decodeBackupManagerResponse((await plesk(t.emu, byOwner, { HTTP_AUTH_LOGIN: 'a', HTTP_AUTH_PASSWD: 'b' })).text, byOwner);
    expect(customer.result[0]?.task).toEqual([
      { customerId: '1', id: '2', status: 'working', started: String(T0 / 1000), prefix: 'cust', filename: '', protocol: 'local' },
    ]);
    expect(server.result[0]?.task?.map((x) => [x.server, x.id])).toEqual([[true, '4']]);
    expect(all.result[0]?.task?.map((x) => x.status)).toEqual(['working', 'working', 'working', 'working']);
    t.advance(1);
    const [, , after] = decodeBackupManagerResponse((await plesk(t.emu, byOwner, { HTTP_AUTH_LOGIN: 'a', HTTP_AUTH_PASSWD: 'b' })).text, byOwner);
    expect(after.result[0]?.task?.map((x) => x.status)).toEqual(['finished', 'finished', 'finished', 'finished']);
  });

  it('stops a working task (stopped stays stopped, no file); a finished task cannot be stopped; unknown tasks are 1013', async () => {
    await plesk(t.emu, [webspaceBackup, webspaceBackup]);
    const ops = [stopBackup({ taskId: '1' }), stopBackup({ taskId: '1' }), stopBackup({ taskId: '99' })] as const;
    const [stopped, again, unknown] = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    expect(stopped.result).toEqual({ status: 'ok' });
    expect(again.result).toEqual({ status: 'ok' });
    expect(unknown.result).toMatchObject({ status: 'error', errcode: 1013 });

    t.advance(5000);
    const check = [getTasksInfo({ webspaceName: 'example.com' }), getLocalBackupList({ webspaceId: 1n }), stopBackup({ taskId: '2' })] as const;
    const [tasks, list, late] = decodeBackupManagerResponse((await plesk(t.emu, check)).text, check);
    expect(tasks.result[0]?.task?.map((x) => [x.id, x.status])).toEqual([
      ['1', 'stopped'],
      ['2', 'finished'],
    ]);
    expect(list.result.backup).toHaveLength(1);
    expect(late.result).toMatchObject({ status: 'error', errcode: 1023 });
    const [missing] = decodeBackupManagerResponse((await plesk(t.emu, [getTasksInfo({ taskId: '42' })])).text, [getTasksInfo({ taskId: '42' })] as const);
    expect(missing.result[0]).toMatchObject({ status: 'error', errcode: 1013 });
  });

  it('fails a remote backup when the owner has no remote storage for its protocol, finishes it when it has', async () => {
    const remote = backupWebspace({ webspaceName: 'example.com', remote: 'ftp', description: 'offsite' });
    await plesk(t.emu, [remote]);
    const storage = setRemoteStorageSettings({
      webspaceName: 'example.com',
      settings: { protocol: 'ftp', host: 'ftp.example.com', port: 21n, login: 'u', password: 'p4ss', passiveMode: true, useFtps: true },
    });
    await plesk(t.emu, [storage, remote]);
    t.advance(1500);
    const ops = [getTasksInfo({}), getLocalBackupList({ webspaceName: 'example.com' })] as const;
    const [tasks, list] = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    expect(tasks.result[0]?.task?.map((x) => [x.status, x.protocol])).toEqual([
      ['failed', 'ftp'],
      ['finished', 'ftp'],
    ]);
    expect(list.result.backup).toBeUndefined();
  });
});

describe('Plesk: files', () => {
  async function finishedBackup(): Promise<string> {
    await plesk(t.emu, [webspaceBackup]);
    t.advance(1500);
    const ops = [getTasksInfo({ taskId: '1' })] as const;
    const [tasks] = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    return tasks.result[0]!.task![0]!.filename;
  }

  it('download-file alone answers the archive bytes as an attachment', async () => {
    const name = await finishedBackup();
    const r = await plesk(t.emu, [downloadFile({ webspaceName: 'example.com', filename: name })]);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
    expect(r.bytes.byteLength).toBe(4096);
    expect(r.text.startsWith(`PLESK-EMULATOR-BACKUP\nname=${name}\n`)).toBe(true);
  });

  it('download-file of an unknown file, or next to another operation, is an error result in an XML packet', async () => {
    const name = await finishedBackup();
    const missing = [downloadFile({ webspaceName: 'example.com', filename: 'nope.tar' })] as const;
    const r = await plesk(t.emu, missing);
    expect(r.headers.get('content-type')).toBe('text/xml; charset=UTF-8');
    expect(decodeBackupManagerResponse(r.text, missing)[0].result).toEqual({ status: 'error', errcode: 1013, errtext: 'File does not exist.' });

    const mixed = [getSupportedProtocols(), downloadFile({ webspaceName: 'example.com', filename: name })] as const;
    const [protocols, download] = decodeBackupManagerResponse((await plesk(t.emu, mixed)).text, mixed);
    expect(protocols.result).toEqual({ status: 'ok', protocol: ['local', 'ftp'] });
    expect(download.result).toMatchObject({ status: 'error', errcode: 1023 });

    const unknownOwner = [downloadFile({ webspaceName: 'nope.example', filename: name })] as const;
    expect(decodeBackupManagerResponse((await plesk(t.emu, unknownOwner)).text, unknownOwner)[0].result).toMatchObject({ errcode: 1013 });
  });

  it('remove-file deletes a backup file; removing it again is 1013', async () => {
    const name = await finishedBackup();
    const ops = [removeFile({ webspaceName: 'example.com', filename: name }), removeFile({ webspaceName: 'example.com', filename: name }), getLocalBackupList({ webspaceName: 'example.com' })] as const;
    const [removed, again, list] = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    expect(removed.result).toEqual({ status: 'ok' });
    expect(again.result).toEqual({ status: 'error', errcode: 1013, errtext: 'File does not exist.' });
    expect(list.result).toEqual({ status: 'ok' });
  });

  it('import-file takes an uploaded file into the owner\'s storage once', async () => {
    const ops = [importFile({ customerLogin: 'jdoe', tmpFilename: SEEDED_UPLOAD, ignoreSign: true }), importFile({ customerLogin: 'jdoe', tmpFilename: SEEDED_UPLOAD }), getLocalBackupList({ customerId: 1n })] as const;
    const [imported, again, list] = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    expect(imported.result).toEqual({ status: 'ok' });
    expect(again.result).toMatchObject({ status: 'error', errcode: 1013 });
    expect(list.result.backup?.[0]?.file[0]).toMatchObject({ name: 'uploaded-backup.tar', description: null, size: 2048n });
  });
});

describe('Plesk: settings', () => {
  it('keeps remote storage settings per owner and protocol, never echoing the password', async () => {
    const ops = [
      getRemoteStorageSettings({ protocol: 'ftp' }),
      setRemoteStorageSettings({ settings: { protocol: 'ftp', host: 'backup.example.com', directory: '/dumps', login: 'bk', password: 'secret!', passiveMode: false } }),
      getRemoteStorageSettings({ protocol: 'ftp' }),
      getRemoteStorageSettings({ server: true, protocol: 'ftp' }),
      getRemoteStorageSettings({ webspaceName: 'example.com', protocol: 'ftp' }),
    ] as const;
    const r = await plesk(t.emu, ops);
    expect(r.text).not.toContain('secret!');
    const [before, set, after, server, webspace] = decodeBackupManagerResponse(r.text, ops);
    expect(before.result).toEqual({ status: 'ok' });
    expect(set.result).toEqual({ status: 'ok' });
    const expected = { status: 'ok', settings: { protocol: 'ftp', host: 'backup.example.com', directory: '/dumps', login: 'bk', passiveMode: false } };
    expect(after.result).toEqual(expected);
    expect(server.result).toEqual(expected);
    expect(webspace.result).toEqual({ status: 'ok' });
  });

  it('keeps server-wide settings', async () => {
    const ops = [getServerWideSettings(), setServerWideSettings({ settings: { maxBackupFiles: 5n, lowPriority: true } }), getServerWideSettings()] as const;
    const [before, set, after] = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    expect(before.result.settings).toEqual({ maxBackupFiles: -1n, maxBackupProcesses: 10n, lowPriority: false, doNotCompress: false, allowLocalFtpBackup: false, keepLocalBackup: true });
    expect(set.result).toEqual({ status: 'ok' });
    expect(after.result.settings).toMatchObject({ maxBackupFiles: 5n, lowPriority: true, maxBackupProcesses: 10n });
  });
});

describe('Plesk: operation errors', () => {
  it('answers 1013 for unknown webspaces, customers and resellers, each in its own result, next to successes', async () => {
    const ops = [
      backupWebspace({ webspaceName: 'nope.example', local: true, description: 'x' }),
      backupWebspace({ webspaceId: 77n, local: true, description: 'x' }),
      backupCustomer({ customerLogin: 'ghost', local: true, description: 'x' }),
      backupReseller({ resellerLogin: 'ghost', local: true, description: 'x' }),
      webspaceBackup,
      getLocalBackupList({ customerId: 9n }),
    ] as const;
    const results = decodeBackupManagerResponse((await plesk(t.emu, ops)).text, ops);
    expect(results.map((r) => r.result.status)).toEqual(['error', 'error', 'error', 'error', 'ok', 'error']);
    expect(results.map((r) => r.result.errcode)).toEqual([1013, 1013, 1013, 1013, undefined, 1013]);
    expect(results[0].result.errtext).toBe('Webspace nope.example does not exist.');
    expect(results[4].result.taskId).toBe('1');
  });
});

describe('Plesk: packet-level check-ups (<system>)', () => {
  const valid = '<packet version="1.6.9.0"><backup-manager><get-supported-protocols/></backup-manager></packet>';

  it('1001 for a wrong password, a wrong login or no credentials', async () => {
    const login = t.emu.credentials.plesk.login;
    for (const headers of [{ HTTP_AUTH_LOGIN: login, HTTP_AUTH_PASSWD: 'wrong' }, { HTTP_AUTH_LOGIN: 'root', HTTP_AUTH_PASSWD: t.emu.credentials.plesk.password }, {}]) {
      const r = await plesk(t.emu, valid, headers);
      expect(r.status).toBe(200);
      expect(systemError(r.text)).toEqual({ errcode: 1001, errtext: 'Authentication failed' });
    }
  });

  it('accepts the secret key (KEY header) and answers 11003 for a wrong one, or when no key is configured', async () => {
    const good = await plesk(t.emu, valid, { KEY: t.emu.credentials.plesk.secretKey! });
    expect(good.text).toContain('<protocol>ftp</protocol>');
    expect(systemError((await plesk(t.emu, valid, { KEY: 'nope' })).text).errcode).toBe(11003);
    await t.emu.close();
    t = await start({ plesk: { login: 'a', password: 'b' } });
    expect(systemError((await plesk(t.emu, valid, { KEY: 'anything' })).text).errcode).toBe(11003);
  });

  it('1005 for any version but 1.6.9.0; no version means the newest (1.6.9.0)', async () => {
    for (const v of ['1.6.3.0', '1.6', '1.6.9.1', '']) {
      const r = await plesk(t.emu, valid.replace('1.6.9.0', v));
      expect(systemError(r.text).errcode).toBe(1005);
    }
    expect((await plesk(t.emu, valid.replace(' version="1.6.9.0"', ''))).text).toContain('<status>ok</status>');
  });

  it('1014 with libxml2-style text naming the element and its line', async () => {
    const outOfOrder = '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.0">\n<backup-manager>\n<backup-webspace>\n<local/>\n<webspace-name>example.com</webspace-name>\n<description>x</description>\n</backup-webspace>\n</backup-manager>\n</packet>';
    expect(systemError((await plesk(t.emu, outOfOrder)).text)).toEqual({
      errcode: 1014,
      errtext: "Parser error: Request is invalid. Error in line 5: Element 'local': This element is not expected. Expected is one of ( webspace-id, webspace-name ).",
    });
    const legacy = '<packet version="1.6.9.0">\n<client/></packet>';
    expect(systemError((await plesk(t.emu, legacy)).text).errtext).toBe(
      "Parser error: Request is invalid. Error in line 2: Element 'client': This element is not expected. Expected is one of ( request-settings, backup-manager ).",
    );
    const missing = '<packet version="1.6.9.0"><backup-manager><backup-webspace><webspace-name>a.b</webspace-name><local/></backup-webspace></backup-manager></packet>';
    expect(systemError((await plesk(t.emu, missing)).text).errtext).toMatch(/^Parser error: Request is invalid\. Error in line 1: Element 'backup-webspace': Missing child element\(s\)\. Expected is \( description \)\.$/);
    const badValue = '<packet version="1.6.9.0"><backup-manager><get-tasks-info><task-id>x</task-id></get-tasks-info></backup-manager></packet>';
    expect(systemError((await plesk(t.emu, badValue)).text).errtext).toMatch(/Error in line 1: Element 'task-id': \[facet 'pattern'\]/);
    const malformed = '<packet version="1.6.9.0"><backup-manager>';
    expect(systemError((await plesk(t.emu, malformed)).text).errcode).toBe(1014);
  });

  it('checks the version before the credentials and the credentials before the schema', async () => {
    const broken = '<packet version="1.5.0.0"><nonsense/></packet>';
    expect(systemError((await plesk(t.emu, broken, {})).text).errcode).toBe(1005);
    expect(systemError((await plesk(t.emu, broken.replace('1.5.0.0', '1.6.9.0'), {})).text).errcode).toBe(1001);
  });

  it('1014 for a body that is not text/xml or is empty; 405 for other verbs', async () => {
    const r = await fetch(t.emu.plesk.endpoint, { method: 'POST', headers: { ...{ 'Content-Type': 'application/json' }, HTTP_AUTH_LOGIN: 'admin' }, body: valid });
    expect(systemError(await r.text()).errcode).toBe(1014);
    expect(systemError((await plesk(t.emu, '  ')).text).errtext).toContain('Document is empty');
    const get = await fetch(t.emu.plesk.endpoint);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});
