/** The emulator as a server: defaults, routing, close() freeing the port, and logs that never hold a credential. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startEmulator, type EmulatorLogEntry } from '../../generated/emulator/index.js';
import { getSupportedProtocols } from '../../generated/plesk/backup-manager.js';
import { akeebaCall, jet, plesk, start } from './helpers.js';

function listenOn(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => s.close(() => resolve()));
  });
}

describe('emulator server', () => {
  it('listens on 127.0.0.1, any free port, with the demo credentials by default', async () => {
    const emu = await startEmulator();
    try {
      expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
      expect(emu.port).toBeGreaterThan(0);
      expect(emu.plesk.endpoint).toBe(`${emu.url}/enterprise/control/agent.php`);
      expect(emu.akeeba.endpoint).toBe(`${emu.url}/index.php?option=com_akeebabackup&view=api&format=raw`);
      expect(emu.jetbackup.endpoint).toBe(`${emu.url}/cgi/addons/jetbackup5/api.cgi`);
      expect(emu.credentials).toEqual(DEMO_CREDENTIALS);
      expect((await plesk(emu, [getSupportedProtocols()])).text).toContain('<status>ok</status>');
      expect(JSON.parse((await akeebaCall(emu, 'getVersion', {}, { secret: DEMO_CREDENTIALS.akeeba.secret })).text).status).toBe(200);
      expect(JSON.parse((await jet(emu, 'listBackupJobs')).text).success).toBe(1);
      const other = await fetch(`${emu.url}/nothing/here`);
      expect(other.status).toBe(404);
    } finally {
      await emu.close();
    }
  });

  it('close() frees the port (even with a request hanging and a keep-alive connection open)', async () => {
    const emu = await startEmulator({ faults: { hang: { path: '/enterprise/control/agent.php', ms: 60_000 } } });
    const port = emu.port;
    await fetch(`${emu.url}/nothing`); // leaves a keep-alive connection
    const hanging = fetch(emu.plesk.endpoint, { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: '<packet/>' }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await emu.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hanging).toBeInstanceOf(Error);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await listenOn(port);
    const again = await startEmulator({ port });
    expect(again.port).toBe(port);
    await again.close();
    await emu.close(); // idempotent
  });

  it('answers 413 to a body over 8 MiB', async () => {
    const emu = await startEmulator();
    try {
      const r = await fetch(emu.jetbackup.endpoint, { method: 'POST', body: new Uint8Array(8 * 1024 * 1024 + 1) });
      expect(r.status).toBe(413);
      expect(emu.state.requests.at(-1)).toMatchObject({ status: 413, error: 'request body over 8388608 bytes' });
    } finally {
      await emu.close();
    }
  });

  it('refuses bad options', async () => {
    await expect(startEmulator({ akeeba: { secret: 's', steps: 0 } })).rejects.toThrow(RangeError);
    await expect(startEmulator({ plesk: { login: 'a', password: 'b', taskDurationMs: -1 } })).rejects.toThrow(RangeError);
  });

  it('logs every request with credentials redacted (headers, _akeebaAuth), never bodies', async () => {
    const entries: EmulatorLogEntry[] = [];
    const t = await start({
      plesk: { login: 'admin-login', password: 'p-a-s-s-w-o-r-d', secretKey: 'key-key-key' },
      jetbackup: { user: 'root', token: 'TOKEN-TOKEN' },
      log: (e) => entries.push(e),
    });
    try {
      await plesk(t.emu, [getSupportedProtocols()]);
      await plesk(t.emu, [getSupportedProtocols()], { KEY: 'key-key-key' });
      await plesk(t.emu, '<packet><backup-manager><set-remote-storage-settings><settings><protocol>ftp</protocol><password>ftp-secret</password></settings></set-remote-storage-settings></backup-manager></packet>');
      await akeebaCall(t.emu, 'getVersion', {}, { via: 'query' });
      await akeebaCall(t.emu, 'getVersion');
      await jet(t.emu, 'listBackupJobs');
      expect(entries).toHaveLength(6);
      expect(t.emu.state.requests).toEqual(entries);
      const all = JSON.stringify(entries);
      for (const secret of ['admin-login', 'p-a-s-s-w-o-r-d', 'key-key-key', 'test-secret', 'TOKEN-TOKEN', 'ftp-secret']) expect(all).not.toContain(secret);
      expect(entries[0]).toMatchObject({ api: 'plesk', method: 'POST', status: 200, headers: { http_auth_login: '[redacted]', http_auth_passwd: '[redacted]' } });
      expect(entries[1]?.headers['key']).toBe('[redacted]');
      expect(entries[3]?.url).toBe('/index.php?option=com_akeebabackup&view=api&format=raw&_akeebaAuth=[redacted]');
      expect(entries[4]?.headers['x-akeeba-auth']).toBe('[redacted]');
      expect(entries[5]).toMatchObject({ api: 'jetbackup', headers: { authorization: '[redacted]' } });
    } finally {
      await t.emu.close();
    }
  });

  it('survives a throwing log callback', async () => {
    const t = await start({ log: () => {
      throw new Error('logger down');
    } });
    try {
      expect((await jet(t.emu, 'listBackupJobs')).status).toBe(200);
    } finally {
      await t.emu.close();
    }
  });
});
