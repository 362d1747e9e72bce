/**
 * The README's JSON examples, verbatim between the markers (test/sdk/readme.test.ts checks the
 * README shows exactly this code; the strict tsc test type-checks it; the test runs it).
 */
import {
  BackupJobContains,
  BackupJobStructure,
  BackupJobType,
  ListBackupJobsResponseCodec,
  ManageBackupJobCreateParamsCodec,
} from '../../generated/jetbackup/index.js';
import { BackupStepDataStepState, StepBackupResponseCodec } from '../../generated/akeeba/index.js';
import { akeebaFormParams, encodeForm, jetbackupCliArgs, shellQuote, toFormPairs } from '../../generated/runtime/index.js';

export function jetbackupExample(responseText: string, log: (...args: unknown[]) => void): { body: string; cli: string } {
  const console = { log };
  // README:jetbackup:begin
  // A new Accounts job: named enums and the `contains` bitmask instead of magic numbers.
  const params = ManageBackupJobCreateParamsCodec.toWire({
    action: 'create',
    name: 'Daily accounts',
    type: BackupJobType.Accounts,
    destination: ['5fcb1df43606876d134aab82'],
    contains: BackupJobContains.all, // 511 = config | homedir | databases | ... | ftp
    structure: BackupJobStructure.Compressed,
  });
  // POST body for .../cgi/addons/jetbackup5/api.cgi, or the jetbackup5api command line:
  const body = encodeForm([['function', 'manageBackupJob'], ...toFormPairs(params)]);
  const cli = shellQuote(jetbackupCliArgs('manageBackupJob', toFormPairs(params)));

  // Reading: fields the schema does not know are kept and reported as warnings, never dropped.
  const listed = ListBackupJobsResponseCodec.safeDecode(responseText);
  if (listed.ok) {
    for (const job of listed.value.data.jobs) console.log(job.name, BackupJobContains.decompose(job.contains));
    for (const w of listed.warnings) console.log('warning', w.path, w.message);
  }
  // README:jetbackup:end
  return { body, cli };
}

export function akeebaExample(responseText: string, log: (...args: unknown[]) => void): string {
  const console = { log };
  // README:akeeba:begin
  // stepBackup's form parameters (APIv2: the method and each argument as a parameter):
  const form = encodeForm(akeebaFormParams('stepBackup', { backupid: 'id123' }));

  const step = StepBackupResponseCodec.decode(responseText).data; // typed; throws with JSON pointers
  if (step.Error) console.log('failed:', step.Error); // a non-empty Error is a failure whatever HasRun says
  else if (step.HasRun) console.log(`step ${step.stepNumber}: ${step.Progress}%${step.stepState === BackupStepDataStepState.Running ? ' (running)' : ''}`);
  else console.log('done:', step.Archive);
  // README:akeeba:end
  return form;
}
