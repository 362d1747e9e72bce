/**
 * `serve` and `demo`: the emulator started from the CLI answers the three APIs and stops on its
 * signal; the demo drives all three with the generated clients and fails when one part fails.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { runDemo } from '../../generator/commands/emulator.js';
import { repoRoot } from '../support/samples.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

const PLESK_PACKET = '<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.9.0"><backup-manager><get-supported-protocols/></backup-manager></packet>';

describe('serve', () => {
  it('prints the endpoints, answers a Plesk packet, logs it with --verbose (credentials redacted) and stops on the signal with exit 0', async () => {
    const c = capture();
    const stop = new AbortController();
    const done = main(['serve', '--verbose'], c.io, { signal: stop.signal });
    await expect.poll(() => c.out.length, { timeout: 10_000 }).toBeGreaterThan(3);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(c.out[0]!)?.[1];
    expect(url).toBeDefined();
    const endpoint = c.out.find((l) => l.includes('plesk      POST'))!.split('POST ')[1]!;
    expect(endpoint).toBe(`${url}/enterprise/control/agent.php`);
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml', HTTP_AUTH_LOGIN: 'admin', HTTP_AUTH_PASSWD: 'emulator-demo-password' },
      body: PLESK_PACKET,
    });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(body).toMatch(/<status>ok<\/status>/);
    expect(c.err).toHaveLength(1);
    expect(c.err[0]).toMatch(/ plesk POST \/enterprise\/control\/agent\.php -> 200$/);
    expect(c.err[0]).not.toContain('emulator-demo-password');
    stop.abort();
    expect(await done).toBe(0);
    expect(c.out.at(-1)).toBe('emulator stopped after 1 requests');
    await expect(fetch(endpoint, { method: 'POST', body: PLESK_PACKET })).rejects.toThrow();
  });

  it('rejects a bad --port and a port in use with exit 2', async () => {
    const bad = capture();
    expect(await main(['serve', '--port', '70000'], bad.io)).toBe(2);
    expect(bad.err).toEqual(['error: --port must be a TCP port number (0-65535), not "70000"']);

    const first = capture();
    const stop = new AbortController();
    const running = main(['serve'], first.io, { signal: stop.signal });
    await expect.poll(() => first.out.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const port = /:(\d+) /.exec(first.out[0]!)![1]!;
    const second = capture();
    expect(await main(['serve', '--port', port], second.io)).toBe(2);
    expect(second.err).toEqual([`error: port ${port} is in use`]);
    stop.abort();
    expect(await running).toBe(0);
  });

  it('as a process: SIGTERM stops it with exit 0', async () => {
    const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['generator/cli.ts', 'serve'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => stdout, { timeout: 20_000 }).toMatch(/Ctrl\+C to stop/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
    // JetBackup without credentials: refused, but answered.
    expect((await fetch(`${url}/cgi/addons/jetbackup5/api.cgi`, { method: 'POST', body: 'function=listBackupJobs' })).status).toBeGreaterThanOrEqual(400);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/emulator stopped after 1 requests\n$/);
  }, 30_000);
});

describe('demo', () => {
  it('drives the three APIs with the generated clients and exits 0', async () => {
    const c = capture();
    expect(await main(['demo', '--quick'], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/backup-webspace: task \d+ started/);
    expect(text).toMatch(/get-tasks-info: task \d+ working\n.*get-tasks-info: task \d+ finished/);
    expect(text).toMatch(/get-local-backup-list: 1 backup\(s\) of example\.com/);
    // The progress bar: one line per accepted reply, ending at 100%.
    const bars = c.out.filter((l) => /^ {3}\[[#.]{30}\]/.test(l));
    expect(bars.length).toBe(6);
    expect(bars.at(-1)).toMatch(/\[#{30}\] 100%/);
    expect(text).toMatch(/done in 6 replies: backup #1, archive \S+\.jpa/);
    expect(text).toMatch(/manageBackupJob create: job [0-9a-f]{24}/);
    expect(text).toMatch(/getBackupJob: job [0-9a-f]{24} done/);
    expect(text).toMatch(/deleteBackupJob: Backup Job Deleted Successfully/);
    expect(c.out.filter((l) => /^ {3}ok \(\d+ ms\)$/.test(l))).toHaveLength(3);
    expect(c.out.at(-1)).toBe('demo: all three APIs driven successfully');
    expect(c.err).toEqual([]);
    expect(text).not.toMatch(/emulator-demo-password|emulatorDemoSecretWord|EMULATORDEMOTOKEN/);
  });

  it('exits 1 naming the part that failed when the server misbehaves (Akeeba Error with HasRun), the other parts still run', async () => {
    const c = capture();
    expect(await runDemo({ port: 0, quick: true, tty: false, faults: { akeeba: { errorWithHasRun: true } } }, c.io)).toBe(1);
    expect(c.out.filter((l) => /^ {3}ok \(\d+ ms\)$/.test(l))).toHaveLength(2);
    expect(c.out.find((l) => l.includes('FAILED'))).toMatch(/^ {3}FAILED: AkeebaBackupError: /);
    expect(c.err).toEqual(['demo failed: 1 of 3 parts (Akeeba Backup: run a backup (startBackup, then stepBackup until done))']);
  });

  it('draws the bar in place on a terminal', async () => {
    const c = capture();
    let raw = '';
    expect(await main(['demo', '--quick'], c.io, { tty: true, write: (t) => (raw += t) })).toBe(0);
    expect(raw.match(/\r\x1b\[2K {3}\[/g)?.length).toBe(6);
    expect(raw.endsWith('\n')).toBe(true);
    expect(c.out.filter((l) => /^ {3}\[[#.]{30}\]/.test(l))).toEqual([]);
  });
});
