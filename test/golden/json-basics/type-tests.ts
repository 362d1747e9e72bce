/** Type-level tests of the JSON Schema golden case. Only type-checked (strict tsconfig). */
import {
  BackupJobCodec,
  BackupJobContains,
  BackupJobType,
  JobListCodec,
  LabelCodec,
  type BackupJob,
  type BackupJobKind,
  type BooleanIsh,
  type Destination,
  type JobList,
  type Nothing,
  type Schedule,
  type Size,
  type Target,
  type Version,
} from './expected/index.js';
import type { JsonCodec, JsonValue } from './runtime/index.js';

// Positive: everything the schema allows compiles.
export const minimal: BackupJob = { id: '5fcb1df43606876d134aab82', name: 'n', type: 4, HasRun: false };
export const full: BackupJob = {
  id: '5fcb1df43606876d134aab82',
  name: 'Nightly',
  type: BackupJobType.Accounts,
  contains: BackupJobContains.compose(['config', 'db-users']),
  owner_name: null,
  HasRun: true,
  '2fa': false,
  'a-b': 'dash',
  __proto__$: 'wire name __proto__',
  retention: 30,
  ratio: 0.5,
  created: '2026-08-13T16:45:00+00:00',
  disabled: null,
  version: '2',
  nothing: null,
  label: null,
  tags: ['a'],
  destinations: ['5fcb1df43606876d134aab83'],
  schedule: { type: 'daily', days: [1, 2] },
  monitor: null,
  limits: { cpu: 2 },
  notes: { by: 'ops', why: null },
  target: { path: '/backup' },
  size: '10 GB',
  meta: { anything: [1, 'two', null, { deep: true }] },
  mode: 'full',
  kind: 'job',
};
export const withDestination: Target = { id: '5fcb1df43606876d134aab85', kind: 's3', label: 'Offsite' } satisfies Destination;
export const sizes: readonly Size[] = [0, '1 KB'];
export const flags: readonly BooleanIsh[] = [true, false, 0, 1, null];
export const kinds: readonly BackupJobKind[] = ['job', 1, true];
export const version: Version = '2';
export const nothing: Nothing = null;
export const anyValue: JsonValue = full.meta ?? null;
export const list: JobList = { success: 1, data: { jobs: [minimal, full], total: 2 } };
export const codec: JsonCodec<BackupJob> = BackupJobCodec;
export const listCodec: JsonCodec<JobList> = JobListCodec;
// A $defs entry with "type": ["string", "null"]: its codec and the properties that $ref it take null.
export const labelCodec: JsonCodec<string | null> = LabelCodec;
export const named: readonly BackupJobType[] = [BackupJobType.Accounts, BackupJobType.Directories, BackupJobType.ServerBackup];
export const bits: number = BackupJobContains.all | BackupJobContains.bits['db-users'];
export const schedule: Schedule = { type: 'weekly' };

// Negative: each of these must not compile.
// @ts-expect-error a missing required property (HasRun)
export const missingRequired: BackupJob = { id: 'x', name: 'n', type: 1 };
// @ts-expect-error a wrong enum literal (3 is not a BackupJobType)
export const wrongEnum: BackupJob = { ...minimal, type: 3 };
// @ts-expect-error null where the property is not nullable
export const nullNotAllowed: BackupJob = { ...minimal, HasRun: null };
// @ts-expect-error a property of the wrong type (retention is a number)
export const wrongType: BackupJob = { ...minimal, retention: '30' };
// @ts-expect-error the wire name _id is `id` in TypeScript (x-ts-name)
export const wireName: BackupJob = { _id: 'x', name: 'n', type: 1, HasRun: true };
// @ts-expect-error const "2": no other string
export const wrongConst: Version = '3';
// @ts-expect-error BooleanIsh takes 0 and 1, not 2
export const wrongMixed: BooleanIsh = 2;
// @ts-expect-error the enum of a nested inline type (ScheduleType)
export const wrongNested: Schedule = { type: 'hourly' };
// @ts-expect-error an array property takes an array
export const wrongArray: BackupJob = { ...minimal, tags: 'a' };
// @ts-expect-error map values are typed (limits: integers)
export const wrongMapValue: BackupJob = { ...minimal, limits: { cpu: 'two' } };
// @ts-expect-error a union member must fit as a whole (a Destination needs kind)
export const wrongUnion: Target = { id: 'x' };
// @ts-expect-error an unknown flag name
export const wrongFlag = BackupJobContains.compose(['config', 'dbUsers']);
// @ts-expect-error properties are readonly
full.name = 'renamed';
