/**
 * The README's clients example, verbatim between the markers (test/sdk/readme-clients.test.ts checks
 * the README shows exactly this code and runs it against the emulator; the strict tsc test type-checks it).
 */
import { BackupJobContains, BackupJobStructure, BackupJobType } from '../../generated/jetbackup/index.js';
import { AkeebaClient, JetBackupClient, PleskClient, PleskTaskError } from '../../generated/clients/index.js';

export interface ExampleEnv {
  readonly PLESK_URL: string;
  readonly PLESK_PASSWORD: string;
  readonly AKEEBA_URL: string;
  readonly AKEEBA_SECRET: string;
  readonly WHM_URL: string;
  readonly WHM_TOKEN: string;
  readonly DESTINATION_ID: string;
}

export async function clientsExample(env: ExampleEnv, log: (...args: unknown[]) => void): Promise<void> {
  const console = { log };
  // README:clients:begin
  // Plesk: one method per backup-manager operation; packets always in schema order, version 1.6.9.0.
  const plesk = new PleskClient({ url: env.PLESK_URL, login: 'admin', password: env.PLESK_PASSWORD });
  const { result } = await plesk.backupWebspace({ webspaceName: 'example.com', local: true, description: 'nightly' });
  try {
    const task = await plesk.waitForTask(result.taskId!, { onStatus: (t) => console.log('task', t.status) });
    console.log('backup file:', task.filename);
  } catch (e) {
    if (e instanceof PleskTaskError) console.log('task ended', e.status);
    else throw e;
  }

  // Akeeba: runBackup drives startBackup/stepBackup (waits sleepTime, checks stepNumber and Error).
  const akeeba = new AkeebaClient({ url: env.AKEEBA_URL, secret: env.AKEEBA_SECRET });
  const run = await akeeba.runBackup({ profile: 1, description: 'nightly', onProgress: (p) => console.log(`${p.progress ?? '?'}%`) });
  console.log('archive:', run.archive, 'warnings:', run.warnings.length);

  // JetBackup 5: Backup Jobs through the WHM addon endpoint (or `cliTransport()` on the server itself).
  const jet = new JetBackupClient({ url: env.WHM_URL, user: 'root', token: env.WHM_TOKEN });
  const job = await jet.createBackupJob({
    name: 'Nightly accounts',
    type: BackupJobType.Accounts,
    destination: [env.DESTINATION_ID],
    contains: BackupJobContains.compose(['config', 'homedir', 'databases']),
    structure: BackupJobStructure.Compressed,
  });
  await jet.runBackupJobManually(job._id);
  console.log(await jet.deleteBackupJob(job._id));
  // README:clients:end
}
