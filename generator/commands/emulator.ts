/**
 * `serve` (the emulator of the three APIs on loopback) and `demo` (the generated clients driving it).
 * Both load the generated SDK lazily: the generator works without a generated/ folder, and only these
 * two commands need one. In the built CLI the SDK is dist/generated/, compiled from generated/.
 */
import { UsageError } from './usage.js';
import type { Io } from './generate.js';

type EmulatorModule = typeof import('../../generated/emulator/index.js');
type ClientsModule = typeof import('../../generated/clients/index.js');
type JetBackupModule = typeof import('../../generated/jetbackup/index.js');
type Faults = import('../../generated/emulator/index.js').Faults;

async function loadSdk(): Promise<{ emulator: EmulatorModule; clients: ClientsModule; jetbackup: JetBackupModule }> {
  try {
    const [emulator, clients, jetbackup] = await Promise.all([
      import('../../generated/emulator/index.js'),
      import('../../generated/clients/index.js'),
      import('../../generated/jetbackup/index.js'),
    ]);
    return { emulator, clients, jetbackup };
  } catch (e) {
    // Only the SDK itself missing; any other missing module (a dependency) is reported as it is.
    if (e instanceof Error && 'code' in e && e.code === 'ERR_MODULE_NOT_FOUND' && /generated[\\/](emulator|clients|jetbackup)[\\/]/.test(e.message)) {
      throw new UsageError('the generated SDK is missing: run `npm run generate` (and `npm run build`) first');
    }
    throw e;
  }
}

export function portOption(port: string | undefined): number {
  if (port === undefined) return 0;
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new UsageError(`--port must be a TCP port number (0-65535), not "${port}"`);
  return Number(port);
}

export interface ServeOptions {
  readonly port: number;
  readonly verbose: boolean;
  /** Stops the emulator (the CLI wires SIGINT and SIGTERM to it). */
  readonly signal: AbortSignal;
}

/** Serves until `signal` fires; prints the endpoints first and, with `verbose`, one line per request. */
export async function runServe(options: ServeOptions, io: Io): Promise<number> {
  const { emulator } = await loadSdk();
  let emu;
  try {
    emu = await emulator.startEmulator({
      port: options.port,
      ...(options.verbose ? { log: (e) => io.err(`${new Date(e.time).toISOString()} ${e.api} ${e.method} ${e.url} -> ${e.status}${e.fault ? ` (fault ${e.fault})` : ''}${e.error ? `: ${e.error}` : ''}`) } : {}),
    });
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE') throw new UsageError(`port ${options.port} is in use`);
    throw e;
  }
  const c = emu.credentials;
  io.out(`emulator listening on ${emu.url} (loopback only; state is in memory and lost on exit)`);
  io.out(`  plesk      POST ${emu.plesk.endpoint}`);
  io.out(`             headers HTTP_AUTH_LOGIN: ${c.plesk.login}, HTTP_AUTH_PASSWD: ${c.plesk.password}${c.plesk.secretKey ? ` (or KEY: ${c.plesk.secretKey})` : ''}`);
  io.out(`  akeeba     ${emu.akeeba.endpoint}`);
  io.out(`             header X-Akeeba-Auth: ${c.akeeba.secret}`);
  io.out(`  jetbackup  POST ${emu.jetbackup.endpoint}`);
  io.out(`             header Authorization: whm ${c.jetbackup.user}:${c.jetbackup.token}`);
  io.out('(these are the fixed, public demo credentials of the emulator; press Ctrl+C to stop)');
  if (!options.signal.aborted) await new Promise<void>((resolve) => options.signal.addEventListener('abort', () => resolve(), { once: true }));
  await emu.close();
  io.out(`emulator stopped after ${emu.state.requests.length} requests`);
  return 0;
}

export interface DemoOptions {
  readonly port: number;
  /** Run faster (short task and run durations): for tests. */
  readonly quick: boolean;
  /** Draw the Akeeba progress bar in place (a terminal); otherwise one line per step. */
  readonly tty: boolean;
  readonly write?: (text: string) => void;
  /** Emulator faults (not a CLI flag): lets tests show that a failing part makes the demo fail. */
  readonly faults?: Faults;
}

const BAR_WIDTH = 30;

function bar(percent: number): string {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  const full = Math.round((p / 100) * BAR_WIDTH);
  return `[${'#'.repeat(full)}${'.'.repeat(BAR_WIDTH - full)}] ${String(p).padStart(3)}%`;
}

/**
 * The main job's demo: starts the emulator, then with the generated clients takes a Plesk webspace
 * backup and waits for it, runs an Akeeba backup with a progress bar, and creates, runs and deletes a
 * JetBackup job. Exit 0 when all three succeed, 1 when one fails (the others still run).
 */
export async function runDemo(options: DemoOptions, io: Io): Promise<number> {
  const { emulator, clients, jetbackup: jb } = await loadSdk();
  const quick = options.quick;
  const emu = await emulator.startEmulator({
    port: options.port,
    plesk: { ...emulator.DEMO_CREDENTIALS.plesk, taskDurationMs: quick ? 150 : 2000 },
    akeeba: { ...emulator.DEMO_CREDENTIALS.akeeba, steps: 6, sleepTime: quick ? 10 : 300 },
    jetbackup: { ...emulator.DEMO_CREDENTIALS.jetbackup, runDurationMs: quick ? 150 : 2000 },
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const poll = quick ? 30 : 500;
  const failures: string[] = [];
  const step = async (name: string, body: () => Promise<void>) => {
    const started = Date.now();
    io.out('');
    io.out(`== ${name}`);
    try {
      await body();
      io.out(`   ok (${Date.now() - started} ms)`);
    } catch (e) {
      // Client errors carry no credentials (redacted by the clients); print the message only.
      io.out(`   FAILED: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      failures.push(name);
    }
  };
  try {
    io.out(`emulator of the three APIs on ${emu.url} (loopback, demo credentials)`);

    await step('Plesk backup-manager: back up webspace example.com and wait for the task', async () => {
      const plesk = new clients.PleskClient({ url: emu.plesk.endpoint, login: emu.credentials.plesk.login, password: emu.credentials.plesk.password });
      io.out(`   POST ${plesk.endpoint}, packet version ${plesk.protocolVersion}`);
      const started = await plesk.backupWebspace({ webspaceName: 'example.com', local: true, description: 'backup-api-sdk demo' });
      const taskId = started.result.taskId;
      if (taskId === undefined) throw new Error('backup-webspace answered without a task id');
      io.out(`   backup-webspace: task ${taskId} started`);
      let last = '';
      const task = await plesk.waitForTask(taskId, {
        intervalMs: poll,
        maxIntervalMs: poll * 2,
        timeoutMs: 60_000,
        onStatus: (t) => {
          if (t.status !== last) io.out(`   get-tasks-info: task ${taskId} ${t.status}`);
          last = t.status;
        },
      });
      io.out(`   finished: ${task.filename ?? '(no file name)'}`);
      const list = await plesk.getLocalBackupList({ webspaceName: 'example.com' });
      io.out(`   get-local-backup-list: ${list.result.backup?.length ?? 0} backup(s) of example.com in the local storage`);
    });

    await step('Akeeba Backup: run a backup (startBackup, then stepBackup until done)', async () => {
      const akeeba = new clients.AkeebaClient({ url: emu.akeeba.endpoint, secret: emu.credentials.akeeba.secret });
      const version = await akeeba.getVersion();
      io.out(`   getVersion: Akeeba Backup ${version.component}, API ${version.api}`);
      let drawn = false;
      const result = await akeeba.runBackup({
        profile: 1,
        description: 'backup-api-sdk demo',
        onProgress: (p) => {
          const line = `   ${bar(p.progress ?? (p.hasRun ? 0 : 100))} step ${p.step}${p.domain ? ` ${p.domain}` : ''}${p.stepName ? `: ${p.stepName}` : ''}`;
          if (options.tty && options.write) {
            options.write(`\r\x1b[2K${line}`);
            drawn = true;
          } else io.out(line);
          for (const w of p.warnings) {
            if (drawn) options.write?.('\n');
            drawn = false;
            io.out(`   warning: ${w}`);
          }
        },
      });
      if (drawn) options.write?.('\n');
      io.out(`   done in ${result.steps} replies: backup #${result.backupId ?? '?'}, archive ${result.archive ?? '(none)'}${result.warnings.length ? `, ${result.warnings.length} warning(s)` : ''}`);
    });

    await step('JetBackup 5: create a backup job, run it, delete it', async () => {
      const jet = new clients.JetBackupClient({ url: emu.jetbackup.endpoint, user: emu.credentials.jetbackup.user, token: emu.credentials.jetbackup.token });
      const job = await jet.createBackupJob({
        name: 'backup-api-sdk demo',
        type: jb.BackupJobType.Accounts,
        destination: [emulator.JETBACKUP_SEED.destination],
        contains: jb.BackupJobContains.compose(['config', 'homedir', 'databases', 'emails']),
        structure: jb.BackupJobStructure.Compressed,
      });
      io.out(`   manageBackupJob create: job ${job._id} "${job.name}" (contains ${jb.BackupJobContains.decompose(job.contains).join(', ')})`);
      await jet.runBackupJobManually(job._id);
      io.out(`   runBackupJobManually: job ${job._id} running`);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const now = await jet.getBackupJob(job._id);
        if (!(now.running === true || now.running === 1)) {
          io.out(`   getBackupJob: job ${job._id} done (last run ${now.last_run})`);
          break;
        }
        if (Date.now() > deadline) throw new Error(`job ${job._id} still running after 60 s`);
        await new Promise((r) => setTimeout(r, poll));
      }
      const message = await jet.deleteBackupJob(job._id);
      io.out(`   deleteBackupJob: ${message}`);
    });
  } finally {
    await emu.close();
  }
  io.out('');
  if (failures.length) {
    io.err(`demo failed: ${failures.length} of 3 parts (${failures.join('; ')})`);
    return 1;
  }
  io.out('demo: all three APIs driven successfully');
  return 0;
}
