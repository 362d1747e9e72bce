/**
 * Complete JetBackup 5 and Akeeba payloads for tests that need more than the reference samples (which
 * are fragments, plain output or placeholders): JSON renderings of the published outputs.
 */

/**
 * The v5.4 getBackupJob output (../shared/reference/jetbackup/samples/getBackupJob.response.v5-4-doc.txt,
 * plain format) as JSON, reduced to the required members plus two optional ones; keys in schema order.
 */
export const BACKUP_JOB = {
  _id: '6a6bc40a01ff2b455e075e12',
  name: 'Immutable Backups',
  destination: ['6a5941f993709988360bd132'],
  destination_details: [{ _id: '6a5941f993709988360bd132', name: 'Wasabi-OL', disabled: null }],
  type: 1,
  contains: 511,
  structure: 1,
  options: 0,
  state: 0,
  owner: '6a18a4003fe0118aea07d3b2',
  owner_name: 'root',
  next_run: '2026-08-13T16:45:00+00:00',
  last_run: '2026-08-13T13:45:00+00:00',
  last_completed: '2026-08-13T13:46:56+00:00',
  running: null,
  retry_failed: 0,
  disabled: 0,
  time: 945,
  monitor: { ranfor: 0, notran: 0 },
  manually_retain: 0,
  exclude_list: ['tmp/*', 'lscache/*'],
  encrypted: 0,
  schedules: [{ _id: '6a4d23f1efc3b81aa006cc22', name: '2', type: 1, next_run: '2026-08-13T16:45:00+00:00', retain: 2 }],
  immutable: 1,
  hooks: [],
  mysql_exclude_db_by_size: 0,
  postgresql_exclude_db_by_size: 0,
  mongodb_exclude_db_by_size: 0,
} as const;

/** `system` of the v5.3 outputs (README §3). */
export const SYSTEM = { version: '5.3.3', version_panel: '5.3.3', tier: 'EDGE', type: 'cPanel', retry_ms: 0 } as const;

export const GET_BACKUP_JOB_RESPONSE = { success: 1, message: '', data: BACKUP_JOB, system: SYSTEM } as const;
export const LIST_BACKUP_JOBS_RESPONSE = { success: 1, message: '', data: { jobs: [BACKUP_JOB], total: 1 }, system: SYSTEM } as const;
export const JETBACKUP_ERROR_RESPONSE = { success: 0, message: 'Backup job not found' } as const;
export const JETBACKUP_EMPTY_ENVELOPE = { success: 1, message: 'Backup job deleted', data: {}, system: SYSTEM } as const;

/** An Akeeba stepBackup reply (README §7.3 members; placeholders replaced by plausible values). */
export const AKEEBA_STEP_RESPONSE = {
  status: 200,
  data: { HasRun: true, Domain: 'Packing', Step: '', Substep: '', Error: '', Warnings: [], Progress: 42, stepState: 'running', BackupID: 17 },
} as const;
/** An Akeeba listBackups reply with no records: a generic envelope for the CLI. */
export const AKEEBA_LIST_RESPONSE = { status: 200, data: [] } as const;

/** `JSON.stringify(value, null, 2)`: the bytes the CLI's format prints. */
export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
