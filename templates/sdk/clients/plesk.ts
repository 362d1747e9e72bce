/**
 * Client of the Plesk XML API `backup-manager` operator (protocol 1.6.9.0): one POST of one packet to
 * `/enterprise/control/agent.php` per call, typed per operation by the generated operator module.
 *
 * Errors: `PacketSystemError` when the server refuses the whole packet (`<system>`: 1001 bad credentials,
 * 1014 schema violation, 11003 secret key...); `PleskOperationError` when an operation's `result` says
 * `error` (thrown by the per-operation methods; `call` returns the outputs as they are, successes and
 * failures mixed); `HttpError`, `TimeoutError`, `AbortError`, `TlsError`, `NetworkError` from the
 * transport; `XmlParseError`/`DecodeError`/`ResponseMismatchError` when the answer is not a packet for the
 * request. The password, the secret key and any `<password>` inside the request are redacted from all of them.
 */
import * as bm from '../plesk/backup-manager.js';
import type { BackupGetBackupStatusOutputResult, BackupGetBackupStatusOutputResultTask, BackupTaskStatus } from '../plesk/response/index.js';
import { operationKey, PacketSystemError, resultsOf } from '../runtime/index.js';
import { AbortError, ClientError, parseEndpoint, sleep, TimeoutError, Transport, type TransportOptions } from './transport.js';

type Ops = bm.BackupManagerOperations;
type InputOf<K extends keyof Ops> = Ops[K]['input'];
type OutputOfOp<K extends keyof Ops> = Ops[K]['output'];

/** Login and password, or a secret key (Plesk 12.0 and later; tied to the caller's IP address). */
export type PleskCredentials =
  | { readonly login: string; readonly password: string; readonly secretKey?: never }
  | { readonly secretKey: string; readonly login?: never; readonly password?: never };

export type PleskClientOptions = TransportOptions &
  PleskCredentials & {
    /**
     * The panel: `https://host` (port 8443 when none is given) or the full endpoint URL. A URL without a
     * path gets `/enterprise/control/agent.php`.
     */
    readonly url: string | URL;
  };

/** Per-call options. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  readonly timeoutMs?: number;
}

/** One task of get-tasks-info. */
export type PleskTask = BackupGetBackupStatusOutputResultTask;

/** An operation's `result` has status `error`. */
export class PleskOperationError extends ClientError {
  /** XML name of the operation, e.g. `backup-webspace`. */
  readonly operation: string;
  readonly errcode: number | undefined;
  readonly errtext: string;
  constructor(operation: string, errcode: number | undefined, errtext: string) {
    super(`<${operation}> failed${errcode !== undefined ? ` (errcode ${errcode})` : ''}: ${errtext || 'no error text'}`);
    this.operation = operation;
    this.errcode = errcode;
    this.errtext = errtext;
  }
}

/** A backup task ended as `failed` or `stopped`. */
export class PleskTaskError extends ClientError {
  readonly taskId: string;
  readonly status: BackupTaskStatus;
  readonly task: PleskTask;
  constructor(taskId: string, task: PleskTask) {
    super(`backup task ${taskId} ended with status ${task.status}`);
    this.taskId = taskId;
    this.status = task.status;
    this.task = task;
  }
}

/** The server answered something this client cannot make sense of (e.g. a download that is neither a file nor an error). */
export class PleskProtocolError extends ClientError {}

export interface WaitForTaskOptions {
  /** First delay between two polls (default 1 s). */
  readonly intervalMs?: number;
  /** The delay grows by half each poll up to this (default 15 s). */
  readonly maxIntervalMs?: number;
  /** Give up (TimeoutError) after this long (default 1 hour). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Called with the task after every poll. */
  readonly onStatus?: (task: PleskTask) => void;
}

/** The operations that only read: a packet of these alone may be retried. */
const READ_OPERATIONS: ReadonlySet<string> = new Set([
  'getRemoteStorageSettings',
  'getTasksInfo',
  'getLocalBackupList',
  'getSupportedProtocols',
  'getServerWideSettings',
  'downloadFile',
]);

const ENDPOINT_PATH = '/enterprise/control/agent.php';

/** Whether the URL text names a port (`new URL` forgets an explicit default port such as `:443`). */
function hasExplicitPort(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(?:\[[^\]]*\]|[^:/?#]*):\d+/i.test(url);
}

/** The endpoint of a panel URL: port 8443 when none is given, the agent path when there is none. */
export function pleskEndpoint(url: string | URL, options: Pick<TransportOptions, 'tls' | 'allowInsecureHttp' | 'fetch'> = {}): URL {
  const u = parseEndpoint(url, options);
  if (!hasExplicitPort(String(url))) u.port = '8443';
  if (u.pathname === '/' || u.pathname === '') u.pathname = ENDPOINT_PATH;
  return u;
}

/** Header values must be single-line Latin-1 text; checked up front so that no error ever echoes them. */
function checkHeaderValue(value: string, what: string): void {
  if (value === '') throw new TypeError(`${what} must not be empty`);
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\0]|[^\u0000-\u00ff]/.test(value)) throw new TypeError(`${what} contains characters that cannot be sent in an HTTP header`);
}

/** Every `password` value inside the operations (e.g. set-remote-storage-settings): redacted from errors too. */
function passwordsIn(value: unknown, out: string[] = [], depth = 0): string[] {
  if (depth > 16 || typeof value !== 'object' || value === null) return out;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'password' && typeof v === 'string' && v !== '') out.push(v);
    else passwordsIn(v, out, depth + 1);
  }
  return out;
}

interface ResultLike {
  readonly status: 'ok' | 'error';
  readonly errcode?: number;
  readonly errtext?: string;
}

export class PleskClient {
  /** The protocol version every packet names. */
  readonly protocolVersion: string = bm.PROTOCOL_VERSION;
  readonly #endpoint: URL;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #transport: Transport;

  constructor(options: PleskClientOptions) {
    this.#endpoint = pleskEndpoint(options.url, options);
    const secretKey = options.secretKey;
    if (secretKey !== undefined) {
      checkHeaderValue(secretKey, 'secretKey');
      this.#headers = { 'Content-Type': 'text/xml', KEY: secretKey };
    } else {
      if (typeof options.login !== 'string' || typeof options.password !== 'string') throw new TypeError('PleskClient needs login and password, or secretKey');
      checkHeaderValue(options.login, 'login');
      checkHeaderValue(options.password, 'password');
      this.#headers = { 'Content-Type': 'text/xml', HTTP_AUTH_LOGIN: options.login, HTTP_AUTH_PASSWD: options.password };
    }
    this.#transport = new Transport(options, secretKey !== undefined ? [secretKey] : [options.password ?? '']);
  }

  /** The endpoint, as it may be shown. */
  get endpoint(): string {
    return this.#transport.showUrl(this.#endpoint);
  }

  /**
   * Sends the operations in one packet and returns their outputs in order, typed per operation. An
   * operation that failed is returned with its `result.status` `error` (not thrown). A packet of reads
   * only is retried on network errors and timeouts; one that changes anything is sent once.
   * download-file cannot be sent here (its answer is the file): use `downloadFile`.
   *
   * @throws PacketSystemError when the server refused the packet (`<system>`).
   */
  async call<const O extends readonly bm.BackupManagerOperation[]>(operations: O, options: CallOptions = {}): Promise<bm.OutputsOf<O>> {
    const keys = operations.map((op) => operationKey(bm.backupManagerSpec, op));
    if (keys.includes('downloadFile')) throw new TypeError('download-file must be alone in its packet and answers the file: use downloadFile()');
    const secrets = passwordsIn(operations);
    const { body } = await this.#send(operations, keys, options, secrets);
    try {
      return bm.decodeBackupManagerResponse(body, operations);
    } catch (e) {
      throw this.#transport.scrub(e, secrets);
    }
  }

  /**
   * Downloads a backup file: the archive's bytes. Alone in its packet, as the API requires.
   *
   * @throws PacketSystemError or PleskOperationError when the server answers with an error packet.
   */
  async downloadFile(input: InputOf<'downloadFile'>, options: CallOptions = {}): Promise<Uint8Array> {
    const operations = [bm.downloadFile(input)] as const;
    const res = await this.#send(operations, ['downloadFile'], options, []);
    if (!isPacket(res.contentType, res.body)) return res.body;
    let output: OutputOfOp<'downloadFile'>;
    try {
      [output] = bm.decodeBackupManagerResponse(res.body, operations);
    } catch (e) {
      throw this.#transport.scrub(e);
    }
    this.#check('downloadFile', output);
    throw new PleskProtocolError('download-file answered a packet without an error instead of the file');
  }

  /**
   * Polls get-tasks-info for one task, waiting `intervalMs` and then longer (x1.5 per poll, up to
   * `maxIntervalMs`), until it is `finished` (returned), `failed` or `stopped` (PleskTaskError).
   *
   * @throws TimeoutError after `timeoutMs`; AbortError when `signal` fires; PleskProtocolError when the
   * server stops listing the task.
   */
  async waitForTask(taskId: string, options: WaitForTaskOptions = {}): Promise<PleskTask> {
    const first = options.intervalMs ?? 1_000;
    const max = Math.max(first, options.maxIntervalMs ?? 15_000);
    const timeoutMs = options.timeoutMs ?? 3_600_000;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    const timedOut = () => deadline.aborted && !options.signal?.aborted;
    let interval = first;
    let missing = 0;
    try {
      for (;;) {
        const output = await this.getTasksInfo({ taskId }, { signal });
        const task = resultsOf<BackupGetBackupStatusOutputResult>(output)
          .flatMap((r) => r.task ?? [])
          .find((t) => typeof t.id === 'string' && t.id.trim() === taskId);
        if (task === undefined) {
          if (++missing >= 3) throw new PleskProtocolError(`task ${taskId} is not listed by get-tasks-info`);
        } else {
          missing = 0;
          options.onStatus?.(task);
          if (task.status === 'finished') return task;
          if (task.status === 'failed' || task.status === 'stopped') throw new PleskTaskError(taskId, task);
        }
        await sleep(interval, signal);
        interval = Math.min(max, Math.round(interval * 1.5));
      }
    } catch (e) {
      if (e instanceof AbortError && timedOut()) throw new TimeoutError(`backup task ${taskId} did not finish within ${timeoutMs} ms`, timeoutMs);
      throw e;
    }
  }

  // ---- one method per operation: the typed output, or PleskOperationError ----

  /** Reads the remote (FTP) storage settings of an owner (the sender when none is named). */
  getRemoteStorageSettings(input: InputOf<'getRemoteStorageSettings'>, options?: CallOptions): Promise<OutputOfOp<'getRemoteStorageSettings'>> {
    return this.#one('getRemoteStorageSettings', bm.getRemoteStorageSettings(input), options);
  }

  /** Changes the remote (FTP) storage settings of an owner. The FTP password is redacted from errors. */
  setRemoteStorageSettings(input: InputOf<'setRemoteStorageSettings'>, options?: CallOptions): Promise<OutputOfOp<'setRemoteStorageSettings'>> {
    return this.#one('setRemoteStorageSettings', bm.setRemoteStorageSettings(input), options);
  }

  /** Starts a backup of one subscription; `result.taskId` names the task (see `waitForTask`). */
  backupWebspace(input: InputOf<'backupWebspace'>, options?: CallOptions): Promise<OutputOfOp<'backupWebspace'>> {
    return this.#one('backupWebspace', bm.backupWebspace(input), options);
  }

  /** Starts a backup of one customer account. */
  backupCustomer(input: InputOf<'backupCustomer'>, options?: CallOptions): Promise<OutputOfOp<'backupCustomer'>> {
    return this.#one('backupCustomer', bm.backupCustomer(input), options);
  }

  /** Starts a backup of one reseller account. */
  backupReseller(input: InputOf<'backupReseller'>, options?: CallOptions): Promise<OutputOfOp<'backupReseller'>> {
    return this.#one('backupReseller', bm.backupReseller(input), options);
  }

  /** Starts a server-level backup. */
  backupServer(input: InputOf<'backupServer'>, options?: CallOptions): Promise<OutputOfOp<'backupServer'>> {
    return this.#one('backupServer', bm.backupServer(input), options);
  }

  /** Lists backup tasks and their status (of the sender when no owner or task is named). */
  getTasksInfo(input: InputOf<'getTasksInfo'> = {}, options?: CallOptions): Promise<OutputOfOp<'getTasksInfo'>> {
    return this.#one('getTasksInfo', bm.getTasksInfo(input), options);
  }

  /** Lists the backups in an owner's local storage. */
  getLocalBackupList(input: InputOf<'getLocalBackupList'>, options?: CallOptions): Promise<OutputOfOp<'getLocalBackupList'>> {
    return this.#one('getLocalBackupList', bm.getLocalBackupList(input), options);
  }

  /** Imports a backup file already uploaded to the server. */
  importFile(input: InputOf<'importFile'>, options?: CallOptions): Promise<OutputOfOp<'importFile'>> {
    return this.#one('importFile', bm.importFile(input), options);
  }

  /** Lists the protocols available for remote backup storage. */
  getSupportedProtocols(options?: CallOptions): Promise<OutputOfOp<'getSupportedProtocols'>> {
    return this.#one('getSupportedProtocols', bm.getSupportedProtocols(), options);
  }

  /** Cancels a running backup task. */
  stopBackup(input: InputOf<'stopBackup'>, options?: CallOptions): Promise<OutputOfOp<'stopBackup'>> {
    return this.#one('stopBackup', bm.stopBackup(input), options);
  }

  /** Deletes a backup file from an owner's local storage. */
  removeFile(input: InputOf<'removeFile'>, options?: CallOptions): Promise<OutputOfOp<'removeFile'>> {
    return this.#one('removeFile', bm.removeFile(input), options);
  }

  /** Reads the server-wide backup settings. */
  getServerWideSettings(options?: CallOptions): Promise<OutputOfOp<'getServerWideSettings'>> {
    return this.#one('getServerWideSettings', bm.getServerWideSettings(), options);
  }

  /** Changes the server-wide backup settings. */
  setServerWideSettings(input: InputOf<'setServerWideSettings'>, options?: CallOptions): Promise<OutputOfOp<'setServerWideSettings'>> {
    return this.#one('setServerWideSettings', bm.setServerWideSettings(input), options);
  }

  // ---- internals ----

  async #one<K extends keyof Ops>(key: K, operation: bm.BackupManagerOperation, options: CallOptions = {}): Promise<OutputOfOp<K>> {
    const [output] = await this.call([operation], options);
    this.#check(key, output as OutputOfOp<K>);
    return output as OutputOfOp<K>;
  }

  /** Throws PleskOperationError for the first `result` with status `error`. */
  #check(key: keyof Ops, output: { readonly result: unknown }): void {
    for (const r of resultsOf(output as { readonly result: ResultLike | readonly ResultLike[] })) {
      if (r.status === 'error') {
        const err = new PleskOperationError(bm.backupManagerSpec.operations[key] ?? String(key), r.errcode, r.errtext ?? '');
        throw this.#transport.scrub(err);
      }
    }
  }

  async #send(
    operations: readonly bm.BackupManagerOperation[],
    keys: readonly (string | undefined)[],
    options: CallOptions,
    secrets: readonly string[],
  ): Promise<{ body: Uint8Array; contentType: string }> {
    let xml: string;
    try {
      xml = bm.encodeBackupManagerRequest(operations);
    } catch (e) {
      throw this.#transport.scrub(e, secrets);
    }
    const request = {
      method: 'POST' as const,
      url: this.#endpoint,
      headers: this.#headers,
      body: xml,
      idempotent: keys.length > 0 && keys.every((k) => k !== undefined && READ_OPERATIONS.has(k)),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      secrets,
    };
    const res = await this.#transport.request(request);
    if (res.status < 200 || res.status > 299) throw this.#transport.httpError(request, res);
    return { body: res.body, contentType: res.headers.get('content-type') ?? '' };
  }
}

/** download-file: an XML content type, or (without a binary content type) a body that starts like a packet. */
function isPacket(contentType: string, body: Uint8Array): boolean {
  const ct = contentType.toLowerCase();
  if (ct.includes('xml')) return true;
  if (ct.startsWith('application/octet-stream') || ct.startsWith('application/x-tar') || ct.startsWith('application/zip')) return false;
  let i = 0;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) i = 3;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i++;
  const head = new TextDecoder().decode(body.subarray(i, i + 8));
  return head.startsWith('<?xml') || head.startsWith('<packet');
}

/** Re-exported so that `catch (e) { if (e instanceof PacketSystemError) ... }` needs one import. */
export { PacketSystemError };
