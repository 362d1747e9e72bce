/** JetBackupClient against the emulator over real HTTP, and the CLI transport (argv, an injected runner, a spawned program). */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BackupJobContains, BackupJobStructure, BackupJobType } from '../../generated/jetbackup/index.js';
import { EncodeError } from '../../generated/runtime/index.js';
import {
  AbortError,
  cliTransport,
  HttpError,
  JetBackupClient,
  JetBackupError,
  JetBackupProtocolError,
  TimeoutError,
  type CliExec,
  type JetBackupHttpOptions,
} from '../../generated/clients/index.js';
import { JETBACKUP_PATH, JETBACKUP_SEED, startEmulator, type Emulator } from '../../generated/emulator/index.js';
import { errorTexts, rejectionOf } from './helpers.js';

const TOKEN = 'JETBACKUPTESTTOKEN9F8E7D6C5B4A';
const DEST = JETBACKUP_SEED.destination;

describe('cliTransport: the jetbackup5api command line', () => {
  const t = cliTransport();
  it('builds one -D with the form-encoded data and -O json', () => {
    const pairs: [string, string][] = [
      ['action', 'create'],
      ['name', "Daily 'accounts' & more"],
      ['destination[0]', DEST],
    ];
    expect(t.argv('manageBackupJob', pairs)).toEqual([
      'jetbackup5api',
      '-F',
      'manageBackupJob',
      '-D',
      `action=create&name=Daily%20%27accounts%27%20%26%20more&destination[0]=${DEST}`,
      '-O',
      'json',
    ]);
    expect(t.commandLine('manageBackupJob', pairs)).toBe(
      `jetbackup5api -F manageBackupJob -D 'action=create&name=Daily%20%27accounts%27%20%26%20more&destination[0]=${DEST}' -O json`,
    );
    expect(t.argv('listBackupJobs', [])).toEqual(['jetbackup5api', '-F', 'listBackupJobs', '-O', 'json']);
    expect(cliTransport({ command: '/usr/bin/jetbackup5api' }).argv('getBackupJob', [['_id', DEST]])[0]).toBe('/usr/bin/jetbackup5api');
    expect(() => t.argv('get;rm -rf /', [])).toThrow(RangeError);
  });

  it('refuses to run without spawn or exec', async () => {
    const client = new JetBackupClient({ transport: cliTransport() });
    await expect(client.listBackupJobs()).rejects.toThrow(/spawn: true or an exec/);
  });

  it.runIf(process.platform !== 'win32')('spawn: true runs the program without a shell; success 0 is still a JetBackupError (exit code 0)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jb-cli-'));
    try {
      const fake = path.join(dir, 'jetbackup5api');
      // Echoes its argv as the failure message, like a server refusing the call, and exits 0 as jetbackup5api does.
      writeFileSync(fake, `#!/bin/sh\nprintf '{"success":0,"message":"refused %s %s %s","data":{}}' "$2" "$3" "$4"\n`);
      chmodSync(fake, 0o755);
      const client = new JetBackupClient({ transport: cliTransport({ command: fake, spawn: true }) });
      const e = await rejectionOf(client.getBackupJob(DEST));
      expect(e).toBeInstanceOf(JetBackupError);
      expect((e as JetBackupError).serverMessage).toBe(`refused getBackupJob -D _id=${DEST}`);
      const missing = new JetBackupClient({ transport: cliTransport({ command: path.join(dir, 'nope'), spawn: true }) });
      expect(await rejectionOf(missing.getBackupJob(DEST))).toMatchObject({ name: 'CliError' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JetBackupClient against the emulator', () => {
  let emu: Emulator;
  const seenErrors: unknown[] = [];
  const logLines: string[] = [];
  const options = (over: Partial<JetBackupHttpOptions> = {}): JetBackupHttpOptions => ({
    url: emu.jetbackup.endpoint,
    user: 'root',
    token: TOKEN,
    retries: 2,
    retryDelayMs: 5,
    log: (l) => logLines.push(l),
    ...over,
  });
  const client = (over: Partial<JetBackupHttpOptions> = {}) => new JetBackupClient(options(over));
  const fail = async (p: Promise<unknown>) => {
    const e = await rejectionOf(p);
    seenErrors.push(e);
    return e;
  };
  const newJob = (name: string) => ({
    name,
    type: BackupJobType.Accounts,
    destination: [DEST],
    contains: BackupJobContains.compose(['config', 'homedir', 'databases']),
    structure: BackupJobStructure.Compressed,
  });

  beforeAll(async () => {
    emu = await startEmulator({ jetbackup: { user: 'root', token: TOKEN, runDurationMs: 200 } });
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(() => emu.setFaults({}));

  it('the six functions: create, get, list (limit, skip, sort, filter), modify, duplicate, run, delete', async () => {
    const c = client();
    const job = await c.createBackupJob(newJob('Client test job'));
    expect(job._id).toMatch(/^[0-9a-f]{24}$/);
    expect(job.name).toBe('Client test job');
    expect(BackupJobContains.decompose(job.contains)).toEqual(['config', 'homedir', 'databases']);

    expect((await c.getBackupJob(job._id)).name).toBe('Client test job');

    const page = await c.listBackupJobs({ limit: 1, skip: 0, sort: { name: 1 } });
    expect(page.jobs).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    const filtered = await c.listBackupJobs({ filter: 'Client test' });
    expect(filtered.jobs.map((j) => j._id)).toEqual([job._id]);
    const all = [];
    for await (const j of c.allBackupJobs({ limit: 1 })) all.push(j._id);
    expect(all).toContain(job._id);
    expect(all).toHaveLength(page.total);

    const renamed = await c.modifyBackupJob({ _id: job._id, name: 'Renamed job' });
    expect(renamed.name).toBe('Renamed job');

    const copy = await c.duplicateBackupJob(job._id);
    expect(copy._id).not.toBe(job._id);

    const running = await c.runBackupJobManually(job._id);
    expect(running.running === true || running.running === 1).toBe(true);

    expect(await c.deleteBackupJob(copy._id)).toMatch(/deleted/i);
    expect(await c.deleteBackupJob(job._id)).toMatch(/deleted/i);
    const gone = await fail(c.getBackupJob(job._id));
    expect(gone).toBeInstanceOf(JetBackupError);
  });

  it('success: 0 is a typed JetBackupError carrying the message', async () => {
    emu.setFaults({ jetbackup: { failNext: true, message: 'License is not valid' } });
    const e = await fail(client().listBackupJobs());
    expect(e).toBeInstanceOf(JetBackupError);
    expect(e).toMatchObject({ fn: 'listBackupJobs', serverMessage: 'License is not valid' });
    expect((await client().listBackupJobs()).total).toBeGreaterThanOrEqual(1);
  });

  it('a server message that echoes the token is redacted', async () => {
    emu.setFaults({ jetbackup: { failNext: true, message: `Token ${TOKEN} lacks the JetBackup ACL` } });
    const e = await fail(client().listBackupJobs());
    expect(e).toBeInstanceOf(JetBackupError);
    expect((e as JetBackupError).serverMessage).toBe('Token [REDACTED] lacks the JetBackup ACL');
  });

  it('invalid parameters are refused before anything is sent', async () => {
    const before = emu.state.requests.length;
    const e = await fail(client().createBackupJob({ ...newJob('x'), destination: ['not-an-object-id'] }));
    expect(e).toBeInstanceOf(EncodeError);
    expect(emu.state.requests.length).toBe(before);
  });

  it('a wrong token is HttpError 401 (WHM refuses before JetBackup runs), and the token is not in it', async () => {
    const e = await fail(client({ token: 'WRONGTOKEN0000000000' }).listBackupJobs());
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(401);
    expect(errorTexts(e)).not.toContain('WRONGTOKEN0000000000');
  });

  it('reads are retried after a hang; a create is never sent twice', async () => {
    emu.setFaults({ hang: { path: JETBACKUP_PATH, ms: 300, times: 1 } });
    expect((await client({ timeoutMs: 100 }).listBackupJobs()).total).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 400));
    const jobsBefore = emu.state.jetbackup.jobs.length;
    const before = emu.state.requests.length;
    emu.setFaults({ hang: { path: JETBACKUP_PATH, ms: 300, times: 1 } });
    const e = await fail(client({ timeoutMs: 100, retries: 5 }).createBackupJob(newJob('Only once')));
    expect(e).toBeInstanceOf(TimeoutError);
    await new Promise((r) => setTimeout(r, 400));
    expect(emu.state.requests.length - before).toBe(1);
    expect(emu.state.jetbackup.jobs.length - jobsBefore).toBeLessThanOrEqual(1);
  });

  it('is cancelled with an AbortSignal', async () => {
    emu.setFaults({ hang: { path: JETBACKUP_PATH, ms: 2_000 } });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    const e = await fail(client().listBackupJobs({}, { signal: ac.signal }));
    expect(e).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('a reply that is not an envelope is a JetBackupProtocolError', async () => {
    const exec: CliExec = async () => 'Usage: jetbackup5api -F <function> [-D <data>] [-O json|plain]\n';
    const e = await fail(new JetBackupClient({ transport: cliTransport({ exec }) }).listBackupJobs());
    expect(e).toBeInstanceOf(JetBackupProtocolError);
  });

  it('the CLI transport with an injected runner drives the same functions (here: relayed to the emulator)', async () => {
    const argvs: string[][] = [];
    const exec: CliExec = async (argv, { signal }) => {
      argvs.push([...argv]);
      const fn = argv[argv.indexOf('-F') + 1]!;
      const d = argv.indexOf('-D');
      const data = d > 0 ? `&${argv[d + 1]}` : '';
      const res = await fetch(emu.jetbackup.endpoint, {
        method: 'POST',
        headers: { Authorization: `whm root:${TOKEN}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `function=${fn}${data}`,
        ...(signal ? { signal } : {}),
      });
      return res.text();
    };
    const c = new JetBackupClient({ transport: cliTransport({ exec }) });
    const job = await c.createBackupJob(newJob('Via the CLI'));
    expect((await c.getBackupJob(job._id)).name).toBe('Via the CLI');
    await c.deleteBackupJob(job._id);
    expect(argvs.map((a) => a[2])).toEqual(['manageBackupJob', 'getBackupJob', 'deleteBackupJob']);
    expect(argvs.every((a) => a.filter((x) => x === '-D').length === 1 && a.at(-2) === '-O' && a.at(-1) === 'json')).toBe(true);
  });

  it('never puts the token in an error, a cause or a log line', () => {
    expect(seenErrors.length).toBeGreaterThanOrEqual(7);
    for (const e of seenErrors) expect(errorTexts(e)).not.toContain(TOKEN);
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});
