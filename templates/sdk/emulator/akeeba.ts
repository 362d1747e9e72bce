/**
 * Akeeba Backup JSON API v2 (Akeeba reference README §2-§8): `GET|POST` on the v2 endpoint, the method
 * and its arguments as parameters, the secret in `X-Akeeba-Auth` (wins) or `_akeebaAuth` (query string
 * only, as the server code reads it), every reply `{status, data}` with HTTP 200. Arguments are read
 * with `parseForm` + `formToWire` + the generated `*ParamsCodec`; replies are written with the generated
 * `*ResponseCodec` encoders, which validate.
 *
 * A backup takes `steps` replies: startBackup is reply 1, each stepBackup the next; the last has
 * `HasRun: false`. `stepNumber` is the reply number, `Progress` = round(100 * n / steps), `Archive` is
 * non-empty in reply 2 only (reply 1 when steps is 1), reply `steps - 1` carries a warning when
 * steps >= 3, `sleepTime` is on every reply, `backupid` and `BackupID` never change (unless a fault
 * says so).
 */
import type { IncomingMessage } from 'node:http';
import {
  type BackupRecord,
  type BackupStepData,
  DeleteFilesParamsCodec,
  DeleteFilesResponseCodec,
  DeleteParamsCodec,
  DeleteResponseCodec,
  ErrorResponseCodec,
  GetBackupInfoParamsCodec,
  GetBackupInfoResponseCodec,
  GetLogParamsCodec,
  GetLogResponseCodec,
  GetVersionResponseCodec,
  ListBackupsParamsCodec,
  ListBackupsResponseCodec,
  StartBackupParamsCodec,
  StartBackupResponseCodec,
  StepBackupParamsCodec,
  StepBackupResponseCodec,
} from '../akeeba/index.js';
import { errorsOf, formToWire, type JsonCodec } from '../runtime/index.js';
import type { AkeebaFaults } from './faults.js';
import { header, mediaType, reply, secretEquals, type Reply } from './http.js';

export interface AkeebaConfig {
  readonly secret: string;
  /** Replies per backup, startBackup included (default 4). */
  readonly steps: number;
  /** `sleepTime` sent on every step reply, in ms (default 200). */
  readonly sleepTime: number;
}

export interface AkeebaRecord {
  readonly id: number;
  readonly description: string;
  readonly comment: string;
  readonly backupstart: string;
  backupend: string | null;
  status: 'run' | 'fail' | 'complete';
  readonly profileId: number;
  archivename: string | null;
  filesexist: boolean;
  meta: 'ok' | 'pending' | 'obsolete' | 'fail';
  size: number;
}

export interface AkeebaRun {
  /** The run's current backupid (changed only by the changeBackupId fault). */
  backupid: string;
  /** Every backupid this run answered to (stepBackup accepts any of them). */
  readonly ids: string[];
  readonly recordId: number;
  readonly profile: number;
  readonly archiveName: string;
  /** Replies sent so far (startBackup = 1). */
  replies: number;
  /** Added to the reply number to give stepNumber (the skipStepNumber fault adds 1). */
  stepOffset: number;
  /** The Error of a failed run (errorWithHasRun), null otherwise. */
  failed: string | null;
  done: boolean;
  /** Clock times of the start and of every stepBackup request (to check that clients wait sleepTime). */
  readonly requestTimes: number[];
  readonly log: string[];
}

export interface AkeebaState {
  readonly records: AkeebaRecord[];
  readonly runs: AkeebaRun[];
  nextRecordId: number;
}

export interface AkeebaContext {
  readonly config: AkeebaConfig;
  readonly state: AkeebaState;
  readonly clock: () => number;
  readonly faults: AkeebaFaults;
}

export function initialAkeebaState(): AkeebaState {
  return { records: [], runs: [], nextRecordId: 1 };
}

/** What getVersion answers (an AB 9 server: level 500, numeric). */
export const AKEEBA_VERSION = { api: 500, component: '9.9.1', date: '2024-10-01', edition: 'pro' } as const;

const OUTPUT_DIR = '/var/www/html/administrator/components/com_akeebabackup/backup';

// ---------------------------------------------------------------------------------------------------
// Routing

/**
 * Whether a request target is a v2 endpoint: the Joomla component URL (`option=com_akeebabackup` or
 * `com_akeeba`, `view=api`), the Joomla API application routes, the WordPress and Solo URLs.
 * The APIv1 URLs (`view=json`) and APIv3 routes are not served.
 */
export function isAkeebaEndpoint(path: string, query: readonly (readonly [string, string])[]): boolean {
  const q = (name: string) => query.find(([k]) => k === name)?.[1];
  const componentView = () => ['com_akeebabackup', 'com_akeeba'].includes(q('option') ?? '') && (q('view') ?? '').toLowerCase() === 'api';
  switch (path) {
    case '/index.php':
    case '/wp-content/plugins/akeebabackupwp/app/index.php':
      return componentView();
    case '/wp-admin/admin-ajax.php':
      return q('action') === 'akeebabackup_api';
    case '/api/index.php/v2/akeebabackup':
    case '/api/index.php/v2/akeebabackup/index.php':
      return true;
    default:
      return false;
  }
}

/** Parameters that address the endpoint or carry the secret, never a method argument. */
const TRANSPORT_PARAMS = new Set(['method', 'option', 'view', 'format', 'tmpl', 'action', '_akeebaAuth']);

// ---------------------------------------------------------------------------------------------------
// Replies

function jsonReply(text: string, format: string | undefined): Reply {
  // With any format but json the controller emits the JSON itself, as an attachment (README §5).
  const extra: Record<string, string> = { 'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0', Pragma: 'no-cache' };
  if (format !== 'json') extra['Content-Disposition'] = 'attachment; filename="joomla.json"';
  return reply(200, 'application/json; charset=utf-8', text, extra);
}

export function akeebaError(status: number, message: string, format: string | undefined): Reply {
  return jsonReply(ErrorResponseCodec.encode({ status, data: message }), format);
}

/** The 503 "Access denied" reply (wrong or missing secret, or the status503 fault). */
export function accessDenied(format: string | undefined): Reply {
  return akeebaError(503, 'Access denied', format);
}

class ParamError extends Error {}

/** Method arguments decoded by a generated params codec; throws ParamError with every error. */
function params<T>(codec: JsonCodec<T>, pairs: readonly (readonly [string, string])[]): T {
  const wire = formToWire(pairs, codec.type);
  const formErrors = errorsOf(wire.issues);
  const decoded = formErrors.length ? undefined : codec.decodeValue(wire.value);
  const issues = formErrors.length ? formErrors : decoded && !decoded.ok ? errorsOf(decoded.issues) : [];
  if (issues.length || !decoded?.ok) {
    throw new ParamError(`Invalid parameters: ${issues.map((i) => `${i.path || '/'}: ${i.message}`).join('; ')}`);
  }
  return decoded.value;
}

// ---------------------------------------------------------------------------------------------------
// Handler

export function handleAkeeba(ctx: AkeebaContext, req: IncomingMessage, query: readonly [string, string][], body: readonly [string, string][]): Reply {
  const format = query.find(([k]) => k === 'format')?.[1];
  const verb = req.method ?? 'GET';
  if (verb !== 'GET' && verb !== 'POST') return akeebaError(405, `Invalid HTTP method ${verb}`, format);

  const headerSecret = header(req, 'X-Akeeba-Auth');
  const querySecret = query.find(([k]) => k === '_akeebaAuth')?.[1];
  if (!secretEquals(headerSecret ?? querySecret, ctx.config.secret)) return accessDenied(format);

  // GET: everything in the query string. POST: form fields (urlencoded only), over the query string.
  const form = verb === 'POST' && mediaType(req) === 'application/x-www-form-urlencoded' ? body : [];
  const merged = new Map<string, string>();
  for (const [k, v] of [...query, ...form]) merged.set(k, v);
  const method = merged.get('method') ?? '';
  const args = [...merged].filter(([k]) => !TRANSPORT_PARAMS.has(k));

  try {
    switch (method.toLowerCase()) {
      case 'getversion':
        return jsonReply(GetVersionResponseCodec.encode({ status: 200, data: { ...AKEEBA_VERSION } }), format);
      case 'startbackup':
        return jsonReply(StartBackupResponseCodec.encode({ status: 200, data: startBackup(ctx, args) }), format);
      case 'stepbackup': {
        const id = merged.get('backupid');
        if (id === undefined || id === '') {
          return akeebaError(
            0,
            'JSON API :: stepBackup -- You have not provided the required backupid parameter. This parameter is MANDATORY since May 2016. Please update your client software to include this parameter.',
            format,
          );
        }
        const { backupid } = params(StepBackupParamsCodec, args);
        const run = ctx.state.runs.find((r) => r.ids.includes(backupid));
        if (!run) return akeebaError(404, `There is no backup with backupid ${backupid}`, format);
        run.requestTimes.push(ctx.clock());
        if (run.failed !== null) return akeebaError(500, `A backup error has occurred: ${run.failed}`, format);
        if (run.done) return akeebaError(500, `A backup error has occurred: the backup ${backupid} has already finished`, format);
        return jsonReply(StepBackupResponseCodec.encode({ status: 200, data: nextStep(ctx, run) }), format);
      }
      case 'listbackups': {
        const { from = 0, limit = 50 } = params(ListBackupsParamsCodec, args);
        const newest = [...ctx.state.records].sort((a, b) => b.id - a.id);
        const page = newest.slice(from, limit === 0 ? undefined : from + limit);
        return jsonReply(ListBackupsResponseCodec.encode({ status: 200, data: page.map((r) => recordOut(r, false)) }), format);
      }
      case 'getbackupinfo': {
        const record = findRecord(ctx, params(GetBackupInfoParamsCodec, args).backup_id);
        if (!record) return akeebaError(404, 'Invalid backup record identifier', format);
        return jsonReply(GetBackupInfoResponseCodec.encode({ status: 200, data: recordOut(record, true) }), format);
      }
      case 'getlog': {
        const { tag = 'json' } = params(GetLogParamsCodec, args);
        // JSON API runs are tagged `json` (server code); the getLog docs call that tag `remote`: both are accepted.
        const run = tag === 'json' || tag === 'remote' ? ctx.state.runs[ctx.state.runs.length - 1] : undefined;
        if (!run) return akeebaError(404, `No log file found for tag ${tag}`, format);
        return jsonReply(GetLogResponseCodec.encode({ status: 200, data: `${run.log.join('\n')}\n` }), format);
      }
      case 'delete': {
        const id = params(DeleteParamsCodec, args).backup_id;
        const i = ctx.state.records.findIndex((r) => r.id === id);
        if (i < 0) return akeebaError(404, 'Invalid backup record identifier', format);
        ctx.state.records.splice(i, 1);
        return jsonReply(DeleteResponseCodec.encode({ status: 200, data: true }), format);
      }
      case 'deletefiles': {
        const record = findRecord(ctx, params(DeleteFilesParamsCodec, args).backup_id);
        if (!record) return akeebaError(404, 'Invalid backup record identifier', format);
        record.filesexist = false;
        record.meta = 'obsolete';
        return jsonReply(DeleteFilesResponseCodec.encode({ status: 200, data: true }), format);
      }
      default:
        return akeebaError(405, `Invalid method ${method}`, format);
    }
  } catch (e) {
    if (e instanceof ParamError) return akeebaError(500, e.message, format);
    throw e;
  }
}

function findRecord(ctx: AkeebaContext, id: number): AkeebaRecord | undefined {
  return ctx.state.records.find((r) => r.id === id);
}

// ---------------------------------------------------------------------------------------------------
// Backups

/** `YYYY-MM-DD HH:MM:SS` (UTC), as MySQL datetime columns read. */
function mysqlDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function startBackup(ctx: AkeebaContext, args: readonly (readonly [string, string])[]): BackupStepData {
  const p = params(StartBackupParamsCodec, args);
  const s = ctx.state;
  const now = ctx.clock();
  const recordId = s.nextRecordId++;
  let backupid = p.backupid ?? `id${recordId}`;
  if (backupid === '[DEFAULT]') backupid = `id${recordId}`;
  if (s.runs.some((r) => r.ids.includes(backupid) && !r.done && r.failed === null)) {
    throw new ParamError(`A backup with backupid ${backupid} is already running`);
  }
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const override = p.overrides?.['akeeba.basic.archive_name'];
  const archiveName = `${typeof override === 'string' && override !== '' ? override : `site-emulator.local-${stamp}utc-${backupid}`}.jpa`;
  s.records.push({
    id: recordId,
    description: p.description || `Backup taken on ${mysqlDate(now)}`,
    comment: p.comment ?? '',
    backupstart: mysqlDate(now),
    backupend: null,
    status: 'run',
    profileId: p.profile ?? 1,
    archivename: null,
    filesexist: false,
    meta: 'pending',
    size: 0,
  });
  const run: AkeebaRun = {
    backupid,
    ids: [backupid],
    recordId,
    profile: p.profile ?? 1,
    archiveName,
    replies: 0,
    stepOffset: 0,
    failed: null,
    done: false,
    requestTimes: [now],
    log: [],
  };
  s.runs.push(run);
  return nextStep(ctx, run);
}

/** The next reply of a run (reply 1 for startBackup), applying the Akeeba faults to reply 2. */
function nextStep(ctx: AkeebaContext, run: AkeebaRun): BackupStepData {
  const steps = ctx.config.steps;
  const n = ++run.replies;
  const record = ctx.state.records.find((r) => r.id === run.recordId);
  const now = ctx.clock();
  let error = '';
  if (n === 2) {
    const f = ctx.faults;
    if (f.skipStepNumber) run.stepOffset += 1;
    if (f.changeBackupId) {
      run.backupid = `${run.ids[0]}-restarted`;
      run.ids.push(run.backupid);
    }
    if (f.errorWithHasRun) error = 'Emulated engine error: cannot read /var/www/html/images/locked (faults.akeeba.errorWithHasRun)';
  }
  const final = n >= steps && error === '';
  const archiveNow = n === Math.min(2, steps);
  if (archiveNow && record) {
    record.archivename = run.archiveName;
  }
  const stepNumber = n + run.stepOffset;
  const domain = error ? 'pack' : n === 1 ? 'init' : final ? 'finalization' : n <= steps / 2 ? 'db' : 'pack';
  const warnings = steps >= 3 && n === steps - 1 && !error ? ['Emulated warning: 1 file was skipped (unreadable): /var/www/html/tmp/locked.txt'] : [];
  run.log.push(`INFO    |${mysqlDate(now)}|Step ${stepNumber}: ${domain}${error ? ` ERROR: ${error}` : ''}`);
  for (const w of warnings) run.log.push(`WARNING |${mysqlDate(now)}|${w}`);
  if (error) {
    run.failed = error;
    if (record) {
      record.status = 'fail';
      record.meta = 'fail';
    }
  } else if (final) {
    run.done = true;
    if (record) {
      record.status = 'complete';
      record.backupend = mysqlDate(now);
      record.filesexist = true;
      record.meta = 'ok';
      record.size = 1048576 + 4096 * record.id;
    }
  }
  return {
    HasRun: !final,
    Domain: domain,
    Step: final ? '' : `Step ${n} of ${steps}`,
    Substep: '',
    Error: error,
    Warnings: warnings,
    Archive: archiveNow ? run.archiveName : '',
    Progress: final ? 100 : Math.min(99, Math.round((100 * n) / steps)),
    backupid: run.backupid,
    sleepTime: ctx.config.sleepTime,
    stepNumber,
    stepState: error ? 'error' : final ? 'finished' : n === 1 ? 'init' : 'running',
    backupRecordId: run.recordId,
  };
}

/**
 * A record as listBackups / getBackupInfo show it. Integer columns are decimal strings, as PHP's
 * MySQL drivers return database rows (README §8, schema `LooseInteger`): clients must accept both.
 */
function recordOut(r: AkeebaRecord, withFiles: boolean): BackupRecord {
  const out: BackupRecord = {
    id: String(r.id),
    description: r.description,
    comment: r.comment,
    backupstart: r.backupstart,
    backupend: r.backupend,
    status: r.status,
    origin: 'json',
    type: 'full',
    profile_id: String(r.profileId),
    archivename: r.archivename,
    absolute_path: r.archivename === null ? null : `${OUTPUT_DIR}/${r.archivename}`,
    multipart: '1',
    tag: 'json',
    filesexist: r.filesexist ? '1' : '0',
    meta: r.meta,
    size: String(r.size),
    total_size: String(r.size),
  };
  if (!withFiles) return out;
  return { ...out, filenames: r.filesexist && r.archivename !== null ? [{ part: 1, name: r.archivename, size: r.size }] : [] };
}
