/**
 * Client of the Akeeba Backup JSON API v2: every call is a POST of `method=<name>` and the method's
 * arguments as form parameters to the v2 endpoint, the secret word in the `X-Akeeba-Auth` header (never
 * in the URL, where it would end up in server logs). Replies are `{status, data}`; any status but 200 is
 * an `AkeebaApiError(status, message)` - 503 "Access denied" for every authentication problem.
 *
 * `runBackup` drives startBackup/stepBackup by the decision rules of the reference (§7.4), which the
 * official clients skip: it waits `sleepTime`, requires `stepNumber` to rise by exactly 1, treats a
 * non-empty `Error` as a failure whatever `HasRun` says, aborts when `backupid` changes, keeps the latest
 * non-empty `Archive`, and surfaces `Warnings`. The rules themselves are the pure `decideBackupStep`.
 */
import {
  type BackupRecord,
  type BackupStepData,
  DeleteFilesParamsCodec,
  DeleteFilesResponseCodec,
  DeleteParamsCodec,
  DeleteResponseCodec,
  GetBackupInfoParamsCodec,
  GetBackupInfoResponseCodec,
  GetLogParamsCodec,
  GetLogResponseCodec,
  GetVersionResponseCodec,
  ListBackupsParamsCodec,
  type ListBackupsParams,
  ListBackupsResponseCodec,
  type StartBackupParams,
  StartBackupParamsCodec,
  StartBackupResponseCodec,
  type StepBackupParams,
  StepBackupParamsCodec,
  StepBackupResponseCodec,
  type VersionInfo,
} from '../akeeba/index.js';
import { akeebaFormParams, encodeForm, type JsonCodec, readJson } from '../runtime/index.js';
import { ClientError, defaultRetryable, type HttpRequest, type HttpResponse, parseEndpoint, sleep, Transport, type TransportOptions } from './transport.js';

export type AkeebaClientOptions = TransportOptions & {
  /**
   * The APIv2 endpoint, e.g. `https://example.com/index.php?option=com_akeebabackup&view=api&format=raw`
   * (Joomla 9.x), `https://example.com/api/index.php/v2/akeebabackup` (Joomla API application) or the
   * WordPress/Solo forms of the reference §2. Used as given.
   */
  readonly url: string | URL;
  /** The "Secret word" of the component's options. */
  readonly secret: string;
};

/** Per-call options. */
export interface AkeebaCallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** The server answered with an envelope status other than 200 (or a Joomla API error document). */
export class AkeebaApiError extends ClientError {
  /** The envelope's `status` (503 = access denied / API disabled, 405 = unknown method, 500 = error, 0 = missing argument...). */
  readonly status: number;
  /** The server's message (`data`), redacted. */
  readonly serverMessage: string;
  /** The API method called. */
  readonly method: string;
  constructor(method: string, status: number, serverMessage: string) {
    super(`Akeeba ${method}: status ${status}: ${serverMessage || 'no message'}`);
    this.status = status;
    this.serverMessage = serverMessage;
    this.method = method;
  }
}

/** A backup step reported `Error` (rule 2): the backup failed, whatever `HasRun` said. */
export class AkeebaBackupError extends ClientError {
  /** The engine's error text. */
  readonly engineError: string;
  /** The run id (`backupid`) and record id (`BackupID`) known so far. */
  readonly runId: string | undefined;
  readonly backupId: number | undefined;
  /** Warnings collected up to and including the failing step. */
  readonly warnings: readonly string[];
  constructor(engineError: string, state: BackupRunState) {
    super(`backup failed: ${engineError}`);
    this.engineError = engineError;
    this.runId = state.runId;
    this.backupId = state.backupId;
    this.warnings = state.warnings;
  }
}

export type AkeebaProtocolProblem = 'step-number' | 'backupid-changed' | 'no-backupid' | 'too-many-steps' | 'invalid-reply';

/** The server broke the protocol of the backup loop (rules 3 and 4) or sent something unreadable. */
export class AkeebaProtocolError extends ClientError {
  readonly problem: AkeebaProtocolProblem;
  readonly expected: string | number | undefined;
  readonly received: string | number | undefined;
  constructor(problem: AkeebaProtocolProblem, message: string, expected?: string | number, received?: string | number, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.problem = problem;
    this.expected = expected;
    this.received = received;
  }
}

// ---------------------------------------------------------------------------------------------------
// The backup loop's decision rules (reference §7.4), as a pure function

/** What the loop remembers between replies. */
export interface BackupRunState {
  /** Replies seen (startBackup's included). */
  readonly replies: number;
  /** The run id (`backupid`) to send with the next stepBackup. */
  readonly runId: string | undefined;
  /** The last `stepNumber` (counted on when a reply has none). */
  readonly stepNumber: number | undefined;
  /** The backup record id (`BackupID`), latest value. */
  readonly backupId: number | undefined;
  /** The latest non-empty `Archive`. */
  readonly archive: string | undefined;
  /** Every warning so far, in order. */
  readonly warnings: readonly string[];
}

export const initialBackupRunState: BackupRunState = { replies: 0, runId: undefined, stepNumber: undefined, backupId: undefined, archive: undefined, warnings: [] };

export type BackupStepDecision =
  | { readonly action: 'continue'; readonly state: BackupRunState; readonly sleepMs: number }
  | { readonly action: 'finished'; readonly state: BackupRunState }
  | { readonly action: 'fail'; readonly state: BackupRunState; readonly error: AkeebaBackupError | AkeebaProtocolError };

/**
 * Applies the rules to one successful (status 200) startBackup/stepBackup reply; rule 1 (status not
 * 200) is the caller's, as it never gets here. In precedence order: (2) a non-empty, non-null `Error`
 * fails the backup whatever `HasRun` says; (3) a `backupid` different from the remembered one means the
 * server restarted the run: fail; (4) a `stepNumber` that is not the previous + 1: fail; (5) `HasRun`
 * true: continue after `sleepTime` ms when it is > 0; (6) `HasRun` false: finished. Warnings, `Archive`
 * (latest non-empty) and `BackupID` are taken from every reply, the failing and the final one included.
 */
export function decideBackupStep(state: BackupRunState, data: BackupStepData): BackupStepDecision {
  const next: BackupRunState = {
    ...state,
    replies: state.replies + 1,
    warnings: data.Warnings.length ? [...state.warnings, ...data.Warnings] : state.warnings,
    archive: typeof data.Archive === 'string' && data.Archive !== '' ? data.Archive : state.archive,
    backupId: data.backupRecordId ?? state.backupId,
  };
  // Rule 2
  if (data.Error !== null && data.Error !== '') return { action: 'fail', state: next, error: new AkeebaBackupError(data.Error, next) };
  // Rule 3
  if (data.backupid !== undefined && state.runId !== undefined && data.backupid !== state.runId) {
    return {
      action: 'fail',
      state: next,
      error: new AkeebaProtocolError('backupid-changed', `the server restarted the backup: backupid changed from ${state.runId} to ${data.backupid}`, state.runId, data.backupid),
    };
  }
  // Rule 4
  if (data.stepNumber !== undefined && state.stepNumber !== undefined && data.stepNumber !== state.stepNumber + 1) {
    return {
      action: 'fail',
      state: next,
      error: new AkeebaProtocolError('step-number', `stepNumber ${data.stepNumber} after ${state.stepNumber}: expected ${state.stepNumber + 1}`, state.stepNumber + 1, data.stepNumber),
    };
  }
  const after: BackupRunState = {
    ...next,
    runId: data.backupid !== undefined && data.backupid !== '' ? data.backupid : state.runId,
    stepNumber: data.stepNumber ?? (state.stepNumber !== undefined ? state.stepNumber + 1 : undefined),
  };
  // Rule 5 (HasRun may be 1/0 on old servers)
  if (data.HasRun === true || data.HasRun === 1) {
    if (after.runId === undefined) {
      return { action: 'fail', state: after, error: new AkeebaProtocolError('no-backupid', 'the backup needs more steps but no reply carried a backupid to continue with') };
    }
    return { action: 'continue', state: after, sleepMs: data.sleepTime !== undefined && data.sleepTime > 0 ? data.sleepTime : 0 };
  }
  // Rule 6
  return { action: 'finished', state: after };
}

/** What `onProgress` receives after every accepted reply. */
export interface BackupProgress {
  /** 1 for startBackup's reply, then one per stepBackup. */
  readonly step: number;
  readonly stepNumber: number | undefined;
  /** 0..100 when the server reports it (API level 340+). */
  readonly progress: number | undefined;
  readonly domain: string;
  readonly stepName: string;
  readonly substep: string;
  /** Warnings of this reply. */
  readonly warnings: readonly string[];
  /** The latest non-empty archive name. */
  readonly archive: string | undefined;
  readonly runId: string | undefined;
  /** Whether another step follows. */
  readonly hasRun: boolean;
  /** The reply as decoded. */
  readonly data: BackupStepData;
}

export interface RunBackupOptions {
  /** Backup profile id (default 1 on the server). */
  readonly profile?: number;
  readonly description?: string;
  readonly comment?: string;
  /** Engine configuration overrides (API level 335+). */
  readonly overrides?: StartBackupParams['overrides'];
  readonly onProgress?: (progress: BackupProgress) => void;
  readonly signal?: AbortSignal;
  /** Give up (AkeebaProtocolError `too-many-steps`) after this many replies (default 100000). */
  readonly maxSteps?: number;
}

export interface BackupRunResult {
  /** The backup record id (`BackupID`): for getBackupInfo, download, delete. Undefined before API level 340. */
  readonly backupId: number | undefined;
  /** The latest non-empty archive name. */
  readonly archive: string | undefined;
  /** Every warning of the run, in order. */
  readonly warnings: readonly string[];
  /** Replies received (startBackup's included). */
  readonly steps: number;
  /** The run id (`backupid`). */
  readonly runId: string | undefined;
}

// ---------------------------------------------------------------------------------------------------
// The client

export class AkeebaClient {
  readonly #endpoint: URL;
  readonly #secret: string;
  readonly #transport: Transport;

  constructor(options: AkeebaClientOptions) {
    this.#endpoint = parseEndpoint(options.url, options);
    if (typeof options.secret !== 'string' || options.secret === '') throw new TypeError('AkeebaClient needs the secret word');
    // eslint-disable-next-line no-control-regex
    if (/[\r\n\0]|[^\u0000-\u00ff]/.test(options.secret)) throw new TypeError('the secret word contains characters that cannot be sent in an HTTP header');
    this.#secret = options.secret;
    this.#transport = new Transport(options, [options.secret]);
  }

  /** The endpoint, as it may be shown. */
  get endpoint(): string {
    return this.#transport.showUrl(this.#endpoint);
  }

  /** The API level, component version and edition; the usual connectivity probe. */
  async getVersion(options?: AkeebaCallOptions): Promise<VersionInfo> {
    return (await this.#call('getVersion', {}, GetVersionResponseCodec, true, options)).data;
  }

  /** Backup records, newest first (`limit` 0 = all, which may time out on big sites). */
  async listBackups(params: ListBackupsParams = {}, options?: AkeebaCallOptions): Promise<readonly BackupRecord[]> {
    return (await this.#call('listBackups', ListBackupsParamsCodec.toWire(params) as object, ListBackupsResponseCodec, true, options)).data;
  }

  /** One backup record with its `filenames`. */
  async getBackupInfo(backupId: number, options?: AkeebaCallOptions): Promise<BackupRecord> {
    return (await this.#call('getBackupInfo', GetBackupInfoParamsCodec.toWire({ backup_id: backupId }) as object, GetBackupInfoResponseCodec, true, options)).data;
  }

  /** The log of a backup tag (deprecated by Akeeba; recent servers may answer 405). */
  async getLog(tag = 'json', options?: AkeebaCallOptions): Promise<string> {
    return (await this.#call('getLog', GetLogParamsCodec.toWire({ tag }) as object, GetLogResponseCodec, true, options)).data;
  }

  /** Deletes a backup's files and its record. */
  async deleteBackup(backupId: number, options?: AkeebaCallOptions): Promise<void> {
    await this.#call('delete', DeleteParamsCodec.toWire({ backup_id: backupId }) as object, DeleteResponseCodec, false, options);
  }

  /** Deletes a backup's files; the record stays (obsolete). */
  async deleteFiles(backupId: number, options?: AkeebaCallOptions): Promise<void> {
    await this.#call('deleteFiles', DeleteFilesParamsCodec.toWire({ backup_id: backupId }) as object, DeleteFilesResponseCodec, false, options);
  }

  /** Starts a backup and runs its first step (low level: `runBackup` drives the whole loop). Never retried. */
  async startBackup(params: StartBackupParams = {}, options?: AkeebaCallOptions): Promise<BackupStepData> {
    return (await this.#call('startBackup', StartBackupParamsCodec.toWire(params) as object, StartBackupResponseCodec, false, options)).data;
  }

  /** Runs the next step of a backup (low level). Never retried: a repeated step breaks the run. */
  async stepBackup(params: StepBackupParams, options?: AkeebaCallOptions): Promise<BackupStepData> {
    return (await this.#call('stepBackup', StepBackupParamsCodec.toWire(params) as object, StepBackupResponseCodec, false, options)).data;
  }

  /**
   * Takes a backup: startBackup, then stepBackup until the server says it has finished, by the rules of
   * `decideBackupStep`. Resolves with the record id, the archive name, the warnings and the number of
   * replies; rejects with AkeebaApiError (a status other than 200, e.g. 500 "A backup error has
   * occurred"), AkeebaBackupError (`Error` set), AkeebaProtocolError (stepNumber, backupid), AbortError,
   * TimeoutError or a transport error. Nothing is retried.
   */
  async runBackup(options: RunBackupOptions = {}): Promise<BackupRunResult> {
    const signal = options.signal;
    const maxSteps = options.maxSteps ?? 100_000;
    const start: StartBackupParams = {
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.description !== undefined ? { description: options.description } : {}),
      ...(options.comment !== undefined ? { comment: options.comment } : {}),
      ...(options.overrides !== undefined ? { overrides: options.overrides } : {}),
    };
    let state = initialBackupRunState;
    let data = await this.startBackup(start, signal ? { signal } : {});
    for (;;) {
      const decision = decideBackupStep(state, data);
      state = decision.state;
      if (decision.action === 'fail') throw this.#transport.scrub(decision.error);
      options.onProgress?.({
        step: state.replies,
        stepNumber: data.stepNumber,
        progress: data.Progress,
        domain: data.Domain,
        stepName: data.Step,
        substep: data.Substep,
        warnings: data.Warnings,
        archive: state.archive,
        runId: state.runId,
        hasRun: decision.action === 'continue',
        data,
      });
      if (decision.action === 'finished') {
        return { backupId: state.backupId, archive: state.archive, warnings: state.warnings, steps: state.replies, runId: state.runId };
      }
      if (state.replies >= maxSteps) throw new AkeebaProtocolError('too-many-steps', `the backup did not finish within ${maxSteps} steps`, maxSteps, state.replies);
      if (decision.sleepMs > 0) await sleep(decision.sleepMs, signal);
      data = await this.stepBackup({ backupid: state.runId! }, signal ? { signal } : {});
    }
  }

  // ---- internals ----

  async #call<T>(method: string, wire: object, codec: JsonCodec<T>, idempotent: boolean, options: AkeebaCallOptions = {}): Promise<T> {
    const request: HttpRequest = {
      method: 'POST',
      url: this.#endpoint,
      headers: {
        'X-Akeeba-Auth': this.#secret,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: encodeForm(akeebaFormParams(method, wire)),
      idempotent,
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      // An HTTP 503 that carries an Akeeba envelope is an answer ("Access denied"), not an outage.
      retryable: (res) => defaultRetryable(res) && envelopeOf(res) === undefined,
    };
    const res = await this.#transport.request(request);
    const envelope = envelopeOf(res);
    if (envelope === undefined) {
      if (res.status < 200 || res.status > 299) throw this.#transport.httpError(request, res);
      throw new AkeebaProtocolError('invalid-reply', `Akeeba ${method}: the reply is not an APIv2 envelope ({status, data})`);
    }
    if ('errors' in envelope) {
      const first = envelope.errors[0];
      throw this.#transport.scrub(new AkeebaApiError(method, first?.code ?? res.status, first?.title ?? ''));
    }
    if (envelope.status !== 200) {
      const message = typeof envelope.data === 'string' ? envelope.data : JSON.stringify(envelope.data ?? null);
      throw this.#transport.scrub(new AkeebaApiError(method, envelope.status, message));
    }
    const decoded = codec.decodeValue(envelope.value);
    if (!decoded.ok) {
      throw this.#transport.scrub(new AkeebaProtocolError('invalid-reply', `Akeeba ${method}: unexpected reply: ${decoded.error.message}`, undefined, undefined, { cause: decoded.error }));
    }
    return decoded.value;
  }
}

type Envelope =
  | { readonly status: number; readonly data: unknown; readonly value: unknown }
  | { readonly errors: readonly { readonly title?: string; readonly code?: number }[] };

/**
 * The Akeeba envelope of an answer, or a Joomla API error document; undefined when the body is neither.
 * Tolerates junk around the JSON (PHP notices printed by WordPress sites, as the official library does):
 * when the whole body is not JSON, the text from the first `{` to the last `}` is tried.
 */
function envelopeOf(res: HttpResponse): Envelope | undefined {
  const text = res.text();
  let value: unknown;
  try {
    value = readJson(text);
  } catch {
    const from = text.indexOf('{');
    const to = text.lastIndexOf('}');
    if (from < 0 || to <= from) return undefined;
    try {
      value = readJson(text.slice(from, to + 1));
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v['errors']) && !('status' in v)) {
    return {
      errors: (v['errors'] as unknown[]).map((e) => {
        const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
        return {
          ...(typeof o['title'] === 'string' ? { title: o['title'] } : {}),
          ...(typeof o['code'] === 'number' ? { code: o['code'] } : {}),
        };
      }),
    };
  }
  if (typeof v['status'] !== 'number' || !('data' in v)) return undefined;
  return { status: v['status'], data: v['data'], value };
}
