/**
 * Client of the JetBackup 5 API, Backup Job functions. Two transports: HTTP to the cPanel/WHM addon
 * endpoint (`https://host:2087/cgi/addons/jetbackup5/api.cgi`, `Authorization: whm user:token`, the
 * function as the `function` form field next to its parameters), and the `jetbackup5api` command line
 * on the server itself (`cliTransport`). Parameters are checked and put on the wire by the generated
 * codecs (PHP bracket syntax, booleans 1/0); replies are decoded by the function's envelope codec.
 *
 * `success` is the only reliable outcome flag (the CLI exits 0 on failure too): `success: 0` is a
 * `JetBackupError` carrying the server's `message`. Reads (getBackupJob, listBackupJobs) may be retried
 * by the HTTP transport; nothing else is.
 */
import {
  type BackupJob,
  DeleteBackupJobResponseCodec,
  DuplicateBackupJobParamsCodec,
  DuplicateBackupJobResponseCodec,
  EnvelopeCodec,
  ErrorResponseCodec,
  GetBackupJobParamsCodec,
  GetBackupJobResponseCodec,
  type ListBackupJobsData,
  type ListBackupJobsParams,
  ListBackupJobsParamsCodec,
  ListBackupJobsResponseCodec,
  type ManageBackupJobCreateParams,
  type ManageBackupJobModifyParams,
  type ManageBackupJobParams,
  ManageBackupJobParamsCodec,
  ManageBackupJobResponseCodec,
  RunBackupJobManuallyParamsCodec,
  RunBackupJobManuallyResponseCodec,
  DeleteBackupJobParamsCodec,
} from '../jetbackup/index.js';
import { encodeForm, jetbackupCliArgs, type JsonCodec, JsonParseError, readJson, shellQuote, toFormPairs } from '../runtime/index.js';
import { AbortError, ClientError, type HttpRequest, parseEndpoint, TimeoutError, Transport, type TransportOptions } from './transport.js';

export type FormPairs = readonly (readonly [string, string])[];

/** What a transport is asked to do: run one function with its form pairs and return the reply text. */
export interface JetBackupCall {
  readonly fn: string;
  readonly pairs: FormPairs;
  /** A safe read (may be retried). */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

/** Carries calls to JetBackup: HTTP (`httpTransport`), the CLI (`cliTransport`), or your own. */
export interface JetBackupTransport {
  /** Resolves with the reply body (JSON text). */
  send(call: JetBackupCall): Promise<string>;
  /** Redacts the transport's secrets from an error (optional). */
  scrub?<E>(error: E): E;
}

/** `success: 0`: the server refused or failed the call; `message` is its explanation. */
export class JetBackupError extends ClientError {
  readonly fn: string;
  readonly serverMessage: string;
  constructor(fn: string, serverMessage: string) {
    super(`JetBackup ${fn} failed: ${serverMessage || 'no message'}`);
    this.fn = fn;
    this.serverMessage = serverMessage;
  }
}

/** The reply is not a JetBackup envelope (not JSON, or no `success`), e.g. a login page or a CLI usage text. */
export class JetBackupProtocolError extends ClientError {}

/** `jetbackup5api` could not be run, or exited with a non-zero code. */
export class CliError extends ClientError {
  readonly exitCode: number | null;
  constructor(message: string, exitCode: number | null, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

// ---------------------------------------------------------------------------------------------------
// HTTP transport

export type JetBackupHttpOptions = TransportOptions & {
  /** `https://host:2087/cgi/addons/jetbackup5/api.cgi` (cPanel/WHM). */
  readonly url: string | URL;
  /** WHM user the token belongs to (normally `root`). */
  readonly user: string;
  /** WHM API token with the JetBackup ACL. */
  readonly token: string;
};

/** HTTP to the WHM addon endpoint: `Authorization: whm user:token`, form body with `function`. */
export function httpTransport(options: JetBackupHttpOptions): JetBackupTransport & { readonly endpoint: string } {
  const url = parseEndpoint(options.url, options);
  if (typeof options.user !== 'string' || options.user === '' || /[:\s]/.test(options.user)) throw new TypeError('JetBackup needs a user name without ":" or spaces');
  if (typeof options.token !== 'string' || options.token === '') throw new TypeError('JetBackup needs an API token');
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\0]|[^\u0000-\u00ff]/.test(`${options.user}${options.token}`)) throw new TypeError('the JetBackup user or token contains characters that cannot be sent in an HTTP header');
  const transport = new Transport(options, [options.token]);
  const headers = {
    Authorization: `whm ${options.user}:${options.token}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  };
  return {
    endpoint: transport.showUrl(url),
    async send(call) {
      const request: HttpRequest = {
        method: 'POST',
        url,
        headers,
        body: encodeForm([['function', call.fn], ...call.pairs]),
        idempotent: call.idempotent,
        signal: call.signal,
        timeoutMs: call.timeoutMs,
      };
      const res = await transport.request(request);
      const text = res.text();
      // A failure may come with an HTTP error status and still be an envelope: let the client read it.
      if ((res.status < 200 || res.status > 299) && !looksLikeEnvelope(text)) throw transport.httpError(request, res);
      return text;
    },
    scrub: (e) => transport.scrub(e),
  };
}

function looksLikeEnvelope(text: string): boolean {
  try {
    const v = readJson(text) as Record<string, unknown> | null;
    return typeof v === 'object' && v !== null && 'success' in v;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------
// CLI transport

/** Runs an argv (program first) and resolves with its standard output. */
export type CliExec = (argv: readonly string[], options: { readonly signal?: AbortSignal | undefined; readonly timeoutMs: number }) => Promise<string>;

export interface CliTransportOptions {
  /** The program (default `jetbackup5api`); e.g. `/usr/bin/jetbackup5api`. */
  readonly command?: string;
  /** Run it with `node:child_process` (Node only; no shell involved). */
  readonly spawn?: boolean;
  /** Or run it yourself (over SSH, in a container...): receives the argv, returns stdout. */
  readonly exec?: CliExec;
  /** Time limit of one run (default 120 s). */
  readonly timeoutMs?: number;
}

export interface JetBackupCliTransport extends JetBackupTransport {
  /** The argv of a call: `jetbackup5api -F <fn> -D '<k=v&...>' -O json` (one `-D`). */
  argv(fn: string, pairs: FormPairs): string[];
  /** The same as one POSIX shell command line. */
  commandLine(fn: string, pairs: FormPairs): string;
}

/**
 * The `jetbackup5api` command line as a transport: the data goes in one `-D` (a repeated `-D` made
 * manageBackupJob ignore `action=modify` on real servers), `-O json` for a parseable reply. The exit
 * code says nothing (0 on failure too): the reply's `success` does. With neither `spawn` nor `exec`, only
 * `argv`/`commandLine` are usable.
 */
export function cliTransport(options: CliTransportOptions = {}): JetBackupCliTransport {
  const command = options.command ?? 'jetbackup5api';
  const timeoutDefault = options.timeoutMs ?? 120_000;
  const argv = (fn: string, pairs: FormPairs): string[] => {
    const args = jetbackupCliArgs(fn, pairs);
    args[0] = command;
    return args;
  };
  const exec: CliExec | undefined = options.exec ?? (options.spawn ? spawnExec : undefined);
  return {
    argv,
    commandLine: (fn, pairs) => shellQuote(argv(fn, pairs)),
    async send(call) {
      if (!exec) throw new TypeError('cliTransport needs spawn: true or an exec function to run calls');
      if (call.signal?.aborted) throw new AbortError(`jetbackup5api -F ${call.fn} aborted`);
      return exec(argv(call.fn, call.pairs), { signal: call.signal, timeoutMs: call.timeoutMs ?? timeoutDefault });
    },
  };
}

/** `CliExec` over `node:child_process.execFile` (loaded on first use). */
export const spawnExec: CliExec = async (argv, { signal, timeoutMs }) => {
  const { execFile } = await import('node:child_process');
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('empty argv');
  return new Promise<string>((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true, ...(signal ? { signal } : {}) }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout);
        return;
      }
      if (signal?.aborted) reject(new AbortError(`${file} -F ${args[1] ?? ''} aborted`));
      else if ((error as { killed?: boolean }).killed) reject(new TimeoutError(`${file} did not finish within ${timeoutMs} ms`, timeoutMs));
      else {
        const code = typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : null;
        const why = code === null ? String((error as { code?: unknown }).code ?? 'failed to start') : `exit code ${code}`;
        const detail = stderr.trim().split('\n')[0]?.slice(0, 200) ?? '';
        reject(new CliError(`${file} ${why}${detail ? `: ${detail}` : ''}`, code));
      }
    });
  });
};

// ---------------------------------------------------------------------------------------------------
// The client

export type JetBackupClientOptions = JetBackupHttpOptions | { readonly transport: JetBackupTransport };

/** Per-call options. */
export interface JetBackupCallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** A new job: the parameters of manageBackupJob `action=create` (the action is implied). */
export type CreateBackupJobParams = Omit<ManageBackupJobCreateParams, 'action'>;
/** A change: the parameters of manageBackupJob `action=modify` (`_id` and what changes). */
export type ModifyBackupJobParams = Omit<ManageBackupJobModifyParams, 'action'>;

export class JetBackupClient {
  readonly #transport: JetBackupTransport;

  constructor(options: JetBackupClientOptions) {
    this.#transport = 'transport' in options ? options.transport : httpTransport(options);
  }

  /** manageBackupJob: creates (`action: 'create'`) or modifies (`action: 'modify'`) a job; the saved job. */
  async manageBackupJob(params: ManageBackupJobParams, options?: JetBackupCallOptions): Promise<BackupJob> {
    return (await this.#call('manageBackupJob', ManageBackupJobParamsCodec, params, ManageBackupJobResponseCodec, false, options)).data;
  }

  /** manageBackupJob with `action=create`. Sent once, never retried (a retry could create two jobs). */
  createBackupJob(params: CreateBackupJobParams, options?: JetBackupCallOptions): Promise<BackupJob> {
    return this.manageBackupJob({ ...params, action: 'create' }, options);
  }

  /** manageBackupJob with `action=modify`. */
  modifyBackupJob(params: ModifyBackupJobParams, options?: JetBackupCallOptions): Promise<BackupJob> {
    return this.manageBackupJob({ ...params, action: 'modify' }, options);
  }

  /** One job by id. */
  async getBackupJob(id: string, options?: JetBackupCallOptions): Promise<BackupJob> {
    return (await this.#call('getBackupJob', GetBackupJobParamsCodec, { _id: id }, GetBackupJobResponseCodec, true, options)).data;
  }

  /** One page of jobs and the total (`limit`, `skip`, `sort: { name: 1 }`, `filter`, `find`). */
  async listBackupJobs(params: ListBackupJobsParams = {}, options?: JetBackupCallOptions): Promise<ListBackupJobsData> {
    return (await this.#call('listBackupJobs', ListBackupJobsParamsCodec, params, ListBackupJobsResponseCodec, true, options)).data;
  }

  /** Every job, page by page (`skip += limit` until `skip >= total`). */
  async *allBackupJobs(params: Omit<ListBackupJobsParams, 'skip'> = {}, options?: JetBackupCallOptions): AsyncGenerator<BackupJob, void, undefined> {
    const limit = params.limit && params.limit > 0 ? params.limit : 100;
    for (let skip = 0; ; ) {
      const page = await this.listBackupJobs({ ...params, limit, skip }, options);
      yield* page.jobs;
      skip += limit;
      if (skip >= page.total || page.jobs.length === 0) return;
    }
  }

  /** Copies a job (the copy is created disabled); the new job. */
  async duplicateBackupJob(id: string, options?: JetBackupCallOptions): Promise<BackupJob> {
    return (await this.#call('duplicateBackupJob', DuplicateBackupJobParamsCodec, { _id: id }, DuplicateBackupJobResponseCodec, false, options)).data;
  }

  /** Queues a run of the job; the job as now (`running`). Poll getBackupJob until `running` is false. */
  async runBackupJobManually(id: string, options?: JetBackupCallOptions): Promise<BackupJob> {
    return (await this.#call('runBackupJobManually', RunBackupJobManuallyParamsCodec, { _id: id }, RunBackupJobManuallyResponseCodec, false, options)).data;
  }

  /** Deletes a job; resolves with the server's message. */
  async deleteBackupJob(id: string, options?: JetBackupCallOptions): Promise<string> {
    return (await this.#call('deleteBackupJob', DeleteBackupJobParamsCodec, { _id: id }, DeleteBackupJobResponseCodec, false, options)).message;
  }

  // ---- internals ----

  async #call<P, R>(fn: string, params: JsonCodec<P>, value: P, reply: JsonCodec<R>, idempotent: boolean, options: JetBackupCallOptions = {}): Promise<R> {
    const pairs = toFormPairs(params.toWire(value));
    const scrub = <E>(e: E): E => (this.#transport.scrub ? this.#transport.scrub(e) : e);
    let text: string;
    try {
      text = await this.#transport.send({ fn, pairs, idempotent, signal: options.signal, timeoutMs: options.timeoutMs });
    } catch (e) {
      throw scrub(e);
    }
    let json: unknown;
    try {
      json = readJson(text);
    } catch (e) {
      throw scrub(new JetBackupProtocolError(`JetBackup ${fn}: the reply is not JSON`, { cause: e instanceof JsonParseError ? e : undefined }));
    }
    const success = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['success'] : undefined;
    if (success === 0 || success === false) {
      const failed = ErrorResponseCodec.decodeValue(json);
      const message = failed.ok ? failed.value.message : typeof (json as Record<string, unknown>)['message'] === 'string' ? ((json as Record<string, unknown>)['message'] as string) : '';
      throw scrub(new JetBackupError(fn, message));
    }
    if (success !== 1 && success !== true) {
      const env = EnvelopeCodec.decodeValue(json);
      throw scrub(new JetBackupProtocolError(`JetBackup ${fn}: the reply is not an envelope with success 1${env.ok ? '' : `: ${env.error.message}`}`));
    }
    const decoded = reply.decodeValue(json);
    if (!decoded.ok) throw scrub(new JetBackupProtocolError(`JetBackup ${fn}: unexpected reply: ${decoded.error.message}`, { cause: decoded.error }));
    return decoded.value;
  }
}
