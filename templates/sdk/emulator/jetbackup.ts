/**
 * JetBackup 5 for cPanel/WHM (JetBackup reference README §1-§6): `POST /cgi/addons/jetbackup5/api.cgi`
 * (also GET, and the `/cpsess<digits>/...` session path) with the function name in the `function`
 * parameter and the arguments as PHP bracket-syntax form parameters; `Authorization: whm <user>:<token>`.
 * The six Backup Job functions on jobs kept in memory. Arguments are read with `parseForm` +
 * `formToWire` + the generated `*ParamsCodec`; replies are written by the generated `*ResponseCodec`
 * encoders (which validate). Failures are `{success: 0, message, system}` (`ErrorResponse`).
 *
 * Authentication failure: WHM's cpsrvd checks the token before the addon runs, so no JetBackup envelope
 * can come back; the emulator answers HTTP 401 with a plain-text body (README §1.2 documents no error
 * shape). Clients must check the HTTP status before parsing JSON.
 */
import type { IncomingMessage } from 'node:http';
import {
  type BackupJob,
  type DestinationDetail,
  DeleteBackupJobParamsCodec,
  DeleteBackupJobResponseCodec,
  DuplicateBackupJobParamsCodec,
  DuplicateBackupJobResponseCodec,
  ErrorResponseCodec,
  GetBackupJobParamsCodec,
  GetBackupJobResponseCodec,
  ListBackupJobsParamsCodec,
  ListBackupJobsResponseCodec,
  ManageBackupJobCreateParamsCodec,
  ManageBackupJobModifyParamsCodec,
  ManageBackupJobParamsCodec,
  ManageBackupJobResponseCodec,
  type ManageBackupJobCreateParams,
  type ManageBackupJobModifyParams,
  RunBackupJobManuallyParamsCodec,
  RunBackupJobManuallyResponseCodec,
  type ScheduleLinkInput,
  type SystemInfo,
} from '../jetbackup/index.js';
import { errorsOf, formToWire, type JsonCodec } from '../runtime/index.js';
import { header, reply, secretEquals, textReply, type Reply } from './http.js';

export interface JetBackupConfig {
  readonly user: string;
  readonly token: string;
  /** How long a job started with runBackupJobManually stays running (default 1500 ms of the injected clock). */
  readonly runDurationMs: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type JetBackupJob = Mutable<BackupJob>;

export interface JetBackupSchedule {
  readonly _id: string;
  readonly name: string;
  /** 1 Hourly, 2 Daily, 3 Weekly, 4 Monthly, 5 After Backup Job Done. */
  readonly type: number;
}

export interface JetBackupState {
  /** Jobs in creation order. */
  readonly jobs: JetBackupJob[];
  readonly destinations: DestinationDetail[];
  readonly schedules: JetBackupSchedule[];
  /** Accounts that may own a job (`owner` of manageBackupJob). */
  readonly accounts: { readonly _id: string; readonly name: string }[];
  /** Clock time at which a running job stops running, by job id. */
  readonly runningUntil: Map<string, number>;
  nextId: number;
}

export interface JetBackupContext {
  readonly config: JetBackupConfig;
  readonly state: JetBackupState;
  readonly clock: () => number;
  /** Consumes one jetbackup.failNext fault: the message when this call must fail. */
  readonly takeFailure: () => string | undefined;
}

/** Ids of the pre-seeded objects (from the v5.3 documentation's listBackupJobs example). */
export const JETBACKUP_SEED = {
  rootAccount: '6503d48bfc45b1addf0a9632',
  destination: '6503d9d5a31fb181bf02f682',
  configJob: '6503d9d5a31fb181bf02f684',
  dailySchedule: '6503d9d5a31fb181bf02f686',
} as const;

export const JETBACKUP_SYSTEM: SystemInfo = {
  version: '5.3.3',
  version_panel: '5.3.3',
  tier: 'STABLE',
  type: 'cPanel',
  retry_ms: 0,
  disableui: false,
  dr: false,
  agreement_panel: false,
  agreement: false,
  licenseIssue: false,
};

export function initialJetBackupState(now: number): JetBackupState {
  const destination: DestinationDetail = {
    _id: JETBACKUP_SEED.destination,
    name: 'local',
    owner: JETBACKUP_SEED.rootAccount,
    owner_name: 'root',
    type: 'Localv2',
    job_type: 1,
    count: 0,
    hidden: false,
    readonly: false,
    disabled: false,
    disk_limit: 95,
    disk_usage: { usage: 39686262784, free: 11614375936, total: 51300638720 },
    threads: 10,
    update_date: isoDate(now),
    dr: 1,
    reindex: false,
    running: false,
    options: { path: '/backup' },
    legacy: false,
  };
  const state: JetBackupState = {
    jobs: [],
    destinations: [destination],
    schedules: [{ _id: JETBACKUP_SEED.dailySchedule, name: 'Daily', type: 2 }],
    accounts: [{ _id: JETBACKUP_SEED.rootAccount, name: 'root' }],
    runningUntil: new Map(),
    nextId: 1,
  };
  state.jobs.push({
    _id: JETBACKUP_SEED.configJob,
    name: 'JetBackup Config',
    destination: [destination._id],
    destination_details: [destination],
    type: 3,
    contains: 0,
    structure: 2,
    options: 0,
    state: 0,
    owner: JETBACKUP_SEED.rootAccount,
    owner_name: 'root',
    next_run: nextRun(now, 0),
    last_run: '',
    running: false,
    retry_failed: 0,
    disabled: 0,
    time: 0,
    monitor: { ranfor: 0, notran: 0 },
    manually_retain: 0,
    exclude_list: [],
    encrypted: 0,
    schedules: [scheduleLink(state, { _id: JETBACKUP_SEED.dailySchedule, retain: 7 }, now, 0)],
    hooks: [],
    mysql_exclude_db_by_size: 0,
    postgresql_exclude_db_by_size: 0,
    mongodb_exclude_db_by_size: 0,
    filters: [],
  });
  return state;
}

/** `2026-08-13T16:45:00+00:00` (UTC, as JetBackup prints dates). */
function isoDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** The next time of day `hhmm` (UTC) after `now`. */
function nextRun(now: number, hhmm: number): string {
  const d = new Date(now);
  const at = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Math.floor(hhmm / 100), hhmm % 100);
  return isoDate(at > now ? at : at + 86_400_000);
}

function scheduleLink(state: JetBackupState, input: ScheduleLinkInput, now: number, time: number) {
  const s = state.schedules.find((x) => x._id === input._id)!;
  return { _id: s._id, name: s.name, type: s.type, next_run: nextRun(now, time), retain: input.retain };
}

/** A new 24-hex ObjectId: creation time in seconds, then a counter. */
function newObjectId(ctx: JetBackupContext): string {
  const secs = Math.floor(ctx.clock() / 1000).toString(16).padStart(8, '0').slice(-8);
  return `${secs}e1a7${(ctx.state.nextId++).toString(16).padStart(12, '0')}`;
}

// ---------------------------------------------------------------------------------------------------
// Replies

function json(text: string): Reply {
  return reply(200, 'application/json; charset=utf-8', text);
}

function failure(message: string): Reply {
  return json(ErrorResponseCodec.encode({ success: 0, message, system: JETBACKUP_SYSTEM }));
}

class Failure extends Error {}

/** Arguments decoded by a generated params codec; throws Failure with a readable message. */
function params<T>(codec: JsonCodec<T>, pairs: readonly (readonly [string, string])[]): T {
  const wire = formToWire(pairs, codec.type);
  const formErrors = errorsOf(wire.issues);
  const decoded = formErrors.length ? undefined : codec.decodeValue(wire.value);
  if (decoded?.ok) return decoded.value;
  const issues = formErrors.length ? formErrors : errorsOf(decoded!.issues);
  throw new Failure(`Invalid parameters: ${issues.map((i) => `${i.path.replace(/^\//, '') || 'parameters'}: ${i.message}`).join('; ')}`);
}

// ---------------------------------------------------------------------------------------------------
// Handler

export function isJetBackupEndpoint(path: string): boolean {
  return /^(?:\/cpsess\d+)?\/cgi\/addons\/jetbackup5\/api\.cgi$/.test(path);
}

export function jetbackupAuthorized(config: JetBackupConfig, req: IncomingMessage): boolean {
  const m = /^whm\s+([^:\s]+):(\S+)\s*$/i.exec(header(req, 'Authorization') ?? '');
  // Both comparisons always run (no early exit on a wrong user).
  const user = secretEquals(m?.[1] ?? '', config.user);
  const token = secretEquals(m?.[2] ?? '', config.token);
  return m !== null && user && token;
}

export function handleJetBackup(ctx: JetBackupContext, req: IncomingMessage, query: readonly [string, string][], body: readonly [string, string][]): Reply {
  if (req.method !== 'GET' && req.method !== 'POST') return textReply(405, 'Method Not Allowed', { Allow: 'GET, POST' });
  if (!jetbackupAuthorized(ctx.config, req)) return textReply(401, 'Access denied');
  const merged = new Map<string, string>();
  for (const [k, v] of [...query, ...body]) merged.set(k, v);
  const fn = merged.get('function') ?? '';
  const args = [...merged].filter(([k]) => k !== 'function');

  const injected = ctx.takeFailure();
  if (injected !== undefined) return failure(injected);
  advanceJobs(ctx);
  try {
    switch (fn) {
      case 'manageBackupJob':
        return manageBackupJob(ctx, args);
      case 'getBackupJob': {
        const job = findJob(ctx, params(GetBackupJobParamsCodec, args)._id);
        return json(GetBackupJobResponseCodec.encode({ success: 1, message: '', data: job, system: JETBACKUP_SYSTEM }));
      }
      case 'listBackupJobs':
        return listBackupJobs(ctx, args);
      case 'duplicateBackupJob':
        return duplicateBackupJob(ctx, args);
      case 'runBackupJobManually':
        return runBackupJobManually(ctx, args);
      case 'deleteBackupJob': {
        const job = findJob(ctx, params(DeleteBackupJobParamsCodec, args)._id);
        if (job.type === 3) throw new Failure('The JetBackup Config job is a system job and cannot be deleted');
        ctx.state.jobs.splice(ctx.state.jobs.indexOf(job), 1);
        ctx.state.runningUntil.delete(job._id);
        return json(DeleteBackupJobResponseCodec.encode({ success: 1, message: 'Backup Job Deleted Successfully', data: {}, system: JETBACKUP_SYSTEM }));
      }
      case '':
        return failure('No function given (the "function" parameter is missing)');
      default:
        return failure(`Unknown function "${fn}"`);
    }
  } catch (e) {
    if (e instanceof Failure) return failure(e.message);
    throw e;
  }
}

/** Jobs whose manual run is over go back to idle. */
export function advanceJobs(ctx: JetBackupContext): void {
  const now = ctx.clock();
  for (const [id, until] of ctx.state.runningUntil) {
    if (now < until) continue;
    ctx.state.runningUntil.delete(id);
    const job = ctx.state.jobs.find((j) => j._id === id);
    if (job) {
      job.running = false;
      job.state = 0;
    }
  }
}

function findJob(ctx: JetBackupContext, id: string): JetBackupJob {
  const job = ctx.state.jobs.find((j) => j._id === id);
  if (!job) throw new Failure(`No Backup Job found with _id ${id}`);
  return job;
}

// ---------------------------------------------------------------------------------------------------
// Functions

function manageBackupJob(ctx: JetBackupContext, args: readonly (readonly [string, string])[]): Reply {
  const action = args.find(([k]) => k === 'action')?.[1];
  let p: ManageBackupJobCreateParams | ManageBackupJobModifyParams;
  try {
    p = params(ManageBackupJobParamsCodec, args);
  } catch (e) {
    // The union's message names both members; the action's own codec says precisely what is wrong.
    if (action === 'create') p = params(ManageBackupJobCreateParamsCodec, args);
    else if (action === 'modify') p = params(ManageBackupJobModifyParamsCodec, args);
    else throw new Failure(`Invalid parameters: action must be "create" or "modify"${action === undefined ? ' (missing)' : `, got "${action}"`}`);
    throw e;
  }
  const s = ctx.state;
  const now = ctx.clock();
  for (const d of p.destination ?? []) {
    if (!s.destinations.some((x) => x._id === d)) throw new Failure(`Destination ${d} not found`);
  }
  for (const link of p.schedules ?? []) {
    if (!s.schedules.some((x) => x._id === link._id)) throw new Failure(`Schedule ${link._id} not found`);
  }
  const owner = p.owner === undefined ? undefined : s.accounts.find((a) => a._id === p.owner);
  if (p.owner !== undefined && !owner) throw new Failure(`Account ${p.owner} not found`);
  const details = (ids: readonly string[]) => ids.map((id) => s.destinations.find((x) => x._id === id)!);

  if (p.action === 'create') {
    const time = p.time ?? 0;
    const schedules = (p.schedules ?? []).map((l) => scheduleLink(s, l, now, time));
    const job: JetBackupJob = {
      _id: newObjectId(ctx),
      name: p.name,
      destination: [...p.destination],
      destination_details: details(p.destination),
      type: p.type,
      contains: p.contains,
      structure: p.structure,
      options: p.options ?? 0,
      state: 0,
      owner: owner?._id ?? JETBACKUP_SEED.rootAccount,
      owner_name: owner?.name ?? 'root',
      next_run: schedules.length ? nextRun(now, time) : '',
      last_run: '',
      running: false,
      retry_failed: p.retry_failed ?? 0,
      disabled: p.disabled ?? 0,
      time,
      monitor: p.monitor ?? { ranfor: 0, notran: 0 },
      manually_retain: 0,
      ...(p.include_list !== undefined || p.type === 2 ? { include_list: [...(p.include_list ?? [])] } : {}),
      exclude_list: [...(p.exclude_list ?? [])],
      encrypted: 0,
      schedules,
      hooks: [],
      mysql_exclude_db_by_size: 0,
      postgresql_exclude_db_by_size: 0,
      mongodb_exclude_db_by_size: 0,
      filters: (p.filters ?? []).map((row) => [...row]),
    };
    s.jobs.push(job);
    return json(ManageBackupJobResponseCodec.encode({ success: 1, message: 'Backup Job Created Successfully', data: job, system: JETBACKUP_SYSTEM }));
  }

  const job = findJob(ctx, p._id);
  if (p.name !== undefined) job.name = p.name;
  if (p.type !== undefined) job.type = p.type;
  if (p.destination !== undefined) {
    job.destination = [...p.destination];
    job.destination_details = details(p.destination);
  }
  if (p.contains !== undefined) job.contains = p.contains;
  if (p.structure !== undefined) job.structure = p.structure;
  if (p.options !== undefined) job.options = p.options;
  if (p.retry_failed !== undefined) job.retry_failed = p.retry_failed;
  if (p.include_list !== undefined) job.include_list = [...p.include_list];
  if (p.exclude_list !== undefined) job.exclude_list = [...p.exclude_list];
  if (p.filters !== undefined) job.filters = p.filters.map((row) => [...row]);
  if (p.time !== undefined) job.time = p.time;
  if (p.monitor !== undefined) job.monitor = p.monitor;
  if (owner) {
    job.owner = owner._id;
    job.owner_name = owner.name;
  }
  if (p.disabled !== undefined) job.disabled = p.disabled;
  if (p.schedules !== undefined) {
    job.schedules = p.schedules.map((l) => scheduleLink(s, l, now, job.time));
  } else if (p.time !== undefined) {
    job.schedules = job.schedules.map((l) => ({ ...l, next_run: nextRun(now, job.time) }));
  }
  job.next_run = job.schedules.length ? nextRun(now, job.time) : '';
  return json(ManageBackupJobResponseCodec.encode({ success: 1, message: 'Backup Job Modified Successfully', data: job, system: JETBACKUP_SYSTEM }));
}

function listBackupJobs(ctx: JetBackupContext, args: readonly (readonly [string, string])[]): Reply {
  const p = params(ListBackupJobsParamsCodec, args);
  let jobs = [...ctx.state.jobs];
  if (p.filter !== undefined && p.filter !== '') {
    const needle = p.filter.toLowerCase();
    jobs = jobs.filter((j) => j.name.toLowerCase().includes(needle));
  }
  for (const [field, value] of Object.entries(p.find ?? {})) {
    jobs = jobs.filter((j) => scalarText((j as Record<string, unknown>)[field]) === value);
  }
  const sort = Object.entries(p.sort ?? {});
  if (sort.length) {
    jobs.sort((a, b) => {
      for (const [field, dir] of sort) {
        const c = compare((a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field]);
        if (c !== 0) return c * dir;
      }
      return 0;
    });
  }
  const skip = p.skip ?? 0;
  const limit = p.limit ?? 100;
  const page = jobs.slice(skip, limit === 0 ? undefined : skip + limit);
  return json(ListBackupJobsResponseCodec.encode({ success: 1, message: '', data: { jobs: page, total: jobs.length }, system: JETBACKUP_SYSTEM }));
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  return undefined;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = scalarText(a) ?? '';
  const y = scalarText(b) ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function duplicateBackupJob(ctx: JetBackupContext, args: readonly (readonly [string, string])[]): Reply {
  const source = findJob(ctx, params(DuplicateBackupJobParamsCodec, args)._id);
  const names = new Set(ctx.state.jobs.map((j) => j.name));
  let n = 1;
  while (names.has(`${source.name} - ${n}`)) n++;
  const copy: JetBackupJob = {
    ...(structuredClone(source) as JetBackupJob),
    _id: newObjectId(ctx),
    name: `${source.name} - ${n}`,
    disabled: 1,
    running: false,
    state: 0,
    next_run: '',
    last_run: '',
  };
  delete copy.last_completed;
  ctx.state.jobs.push(copy);
  return json(DuplicateBackupJobResponseCodec.encode({ success: 1, message: 'Backup Job Duplicated Successfully', data: copy, system: JETBACKUP_SYSTEM }));
}

function runBackupJobManually(ctx: JetBackupContext, args: readonly (readonly [string, string])[]): Reply {
  const job = findJob(ctx, params(RunBackupJobManuallyParamsCodec, args)._id);
  // A disabled job: a short reply and nothing starts (README §4.5); reported as a failure here.
  if (job.disabled === 1 || job.disabled === true) throw new Failure(`Backup Job "${job.name}" is disabled; nothing was queued`);
  if (job.running === 1 || job.running === true) throw new Failure(`Backup Job "${job.name}" is already running`);
  const now = ctx.clock();
  job.running = 1;
  job.state = 2;
  job.last_run = isoDate(now);
  ctx.state.runningUntil.set(job._id, now + ctx.config.runDurationMs);
  return json(
    RunBackupJobManuallyResponseCodec.encode({
      success: 1,
      message: 'Backup Job has been added to the queue. It may still be stopped by hooks or conditions; aborted runs are logged as alerts.',
      data: job,
      system: JETBACKUP_SYSTEM,
    }),
  );
}
