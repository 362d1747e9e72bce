/**
 * The Plesk XML API (`POST /enterprise/control/agent.php`), operator `backup-manager`, protocol 1.6.9.0.
 *
 * Check-ups run in the order the Plesk reference gives (README §2): HTTP header (Content-Type), protocol
 * version (1005), credentials (1001 / 11003), schema validity (1014, libxml2-style text naming the
 * element); then every operation runs in order and answers in its own `result`. The request is read
 * with the generated request `PacketCodec`, the answer written with the response `PacketCodec` (whose
 * encoder validates, so every answer is a valid 1.6.9.0 response packet).
 */
import type { IncomingMessage } from 'node:http';
import { backupManagerSpec, PROTOCOL_VERSION, type BackupManagerOperation, type BackupManagerOutput } from '../plesk/backup-manager.js';
import * as rq from '../plesk/request/index.js';
import * as rs from '../plesk/response/index.js';
import { operationKey, type AnyValue } from '../runtime/index.js';
import { header, mediaType, reply, secretEquals, textReply, type Reply } from './http.js';
import { parserErrorText, PleskErrcode } from './plesk-errors.js';

export type PleskOwnerKind = 'webspace' | 'customer' | 'reseller' | 'server';

export interface PleskOwner {
  readonly kind: PleskOwnerKind;
  /** 0 for the server. */
  readonly id: number;
  /** Webspace name, customer or reseller login; `server` for the server. */
  readonly name: string;
}

export type PleskTaskStatus = 'working' | 'stopped' | 'failed' | 'finished';

export interface PleskTask {
  readonly id: number;
  readonly owner: PleskOwner;
  status: PleskTaskStatus;
  /** Clock time (ms) the task started. */
  readonly startedMs: number;
  readonly prefix: string;
  readonly description: string;
  /** `local`, or the `remote` protocol asked for (e.g. `ftp`). */
  readonly protocol: string;
  /** The backup file's name once finished ('' before). */
  filename: string;
  /** A remote task whose owner had no remote storage for its protocol when it started: it will fail. */
  readonly noRemoteStorage: boolean;
}

export interface PleskBackupFile {
  readonly owner: PleskOwner;
  readonly name: string;
  /** Unix time (seconds). */
  readonly creationDate: number;
  readonly description: string | null;
  readonly content: Uint8Array;
}

export interface PleskState {
  readonly webspaces: { id: number; name: string }[];
  readonly customers: { id: number; login: string }[];
  readonly resellers: { id: number; login: string }[];
  readonly tasks: PleskTask[];
  /** Backup files in the local storage of each owner. */
  readonly files: PleskBackupFile[];
  /** Files "uploaded to the server" that import-file can import, by their tmp-filename. */
  readonly uploads: Map<string, Uint8Array>;
  /** Remote storage settings by `<owner kind>:<owner id>:<protocol>`. */
  readonly remoteStorage: Map<string, rq.BackupRemoteStorage>;
  serverWide: rq.BackupServerWideSettings;
  nextTaskId: number;
}

export interface PleskConfig {
  readonly login: string;
  readonly password: string;
  /** Accepted `KEY` header value; without it every `KEY` header is refused with 11003. */
  readonly secretKey?: string;
  /** How long a backup task stays `working` (default 1500 ms of the injected clock). */
  readonly taskDurationMs: number;
}

export interface PleskContext {
  readonly config: PleskConfig;
  readonly state: PleskState;
  readonly clock: () => number;
  /** faults.plesk.parserError is on. */
  readonly parserErrorFault: boolean;
}

/** A file that import-file can import, present from the start. */
export const SEEDED_UPLOAD = '/usr/local/psa/PMM/tmp/uploaded-backup.tar';

export function initialPleskState(): PleskState {
  return {
    customers: [{ id: 1, login: 'jdoe' }],
    resellers: [{ id: 1, login: 'reseller1' }],
    webspaces: [
      { id: 1, name: 'example.com' },
      { id: 2, name: 'example.net' },
    ],
    tasks: [],
    files: [],
    uploads: new Map([[SEEDED_UPLOAD, new TextEncoder().encode('PLESK-EMULATOR-UPLOAD\n'.padEnd(2048, '.'))]]),
    remoteStorage: new Map(),
    serverWide: {
      maxBackupFiles: -1n,
      maxBackupProcesses: 10n,
      lowPriority: false,
      doNotCompress: false,
      allowLocalFtpBackup: false,
      keepLocalBackup: true,
    },
    nextTaskId: 1,
  };
}

const SUPPORTED_PROTOCOLS = ['local', 'ftp'];

// ---------------------------------------------------------------------------------------------------
// Packet level

function xmlReply(xml: string): Reply {
  return reply(200, 'text/xml; charset=UTF-8', xml);
}

function systemError(errcode: number, errtext: string): Reply {
  return xmlReply(rs.PacketCodec.encode({ version: PROTOCOL_VERSION, system: { status: 'error', errcode, errtext } }, { declaration: true }));
}

/** The `version` attribute of the root `<packet>`, read without parsing (the check comes before validation). */
function packetVersion(xml: string): string | undefined {
  const root = /<packet\b([^>]*)>/.exec(xml.slice(0, 4096));
  if (!root) return undefined;
  const v = /\bversion\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(root[1]!);
  return v ? (v[1] ?? v[2] ?? '').trim() : undefined;
}

export function handlePlesk(ctx: PleskContext, req: IncomingMessage, body: Buffer): Reply {
  if (req.method !== 'POST') return textReply(405, 'Method Not Allowed: agent.php takes POST', { Allow: 'POST' });
  if (ctx.parserErrorFault) {
    return systemError(
      PleskErrcode.parserError,
      "Parser error: Request is invalid. Error in line 1: Element 'backup-manager': This element is not expected.",
    );
  }
  const type = mediaType(req);
  if (type !== 'text/xml') {
    return systemError(PleskErrcode.parserError, `Parser error: Request is invalid. The Content-Type must be text/xml (got ${type === '' ? 'none' : type}).`);
  }
  const text = body.toString('utf8');
  if (text.trim() === '') return systemError(PleskErrcode.parserError, 'Parser error: Request is invalid. Error in line 1: Document is empty.');

  const version = packetVersion(text);
  if (version !== undefined && version !== PROTOCOL_VERSION) {
    return systemError(PleskErrcode.unsupportedVersion, `Protocol version '${version}' is not supported; this server supports ${PROTOCOL_VERSION} for backup-manager.`);
  }

  const key = header(req, 'KEY');
  if (key !== undefined) {
    if (ctx.config.secretKey === undefined || !secretEquals(key, ctx.config.secretKey)) {
      return systemError(PleskErrcode.invalidSecretKey, 'PleskAPIInvalidSecretKeyException : Invalid secret key usage. Please check logs for details.');
    }
  } else {
    const loginOk = secretEquals(header(req, 'HTTP_AUTH_LOGIN'), ctx.config.login);
    const passwordOk = secretEquals(header(req, 'HTTP_AUTH_PASSWD'), ctx.config.password);
    if (!loginOk || !passwordOk) return systemError(PleskErrcode.authenticationFailed, 'Authentication failed');
  }

  const decoded = rq.PacketCodec.safeDecode(body);
  if (!decoded.ok) {
    const first = decoded.issues[0] ?? { path: '/packet', code: 'not-well-formed' as const, message: 'invalid packet', line: 1 };
    return systemError(PleskErrcode.parserError, parserErrorText(first));
  }

  advanceTasks(ctx);
  const operators = decoded.value.backupManager;
  const all = operators.flatMap((o) => o.operations);
  const only = all.length === 1 ? all[0] : undefined;
  if (only !== undefined && only.downloadFile !== undefined) {
    const found = findDownload(ctx, only.downloadFile);
    if ('content' in found) {
      return reply(200, 'application/octet-stream', found.content, {
        'Content-Disposition': `attachment; filename="${found.name.replace(/["\\\r\n]/g, '_')}"`,
      });
    }
  }
  const answer: rs.ResponsePacketType = {
    version: PROTOCOL_VERSION,
    backupManager: operators.map((op) => ({ operations: op.operations.map((o) => runOperation(ctx, o, all.length)) })),
  };
  return xmlReply(rs.PacketCodec.encode(answer, { declaration: true }));
}

// ---------------------------------------------------------------------------------------------------
// Tasks over time

/** Moves working tasks whose time is up to finished (local: a backup file appears) or failed. */
export function advanceTasks(ctx: PleskContext): void {
  const now = ctx.clock();
  for (const task of ctx.state.tasks) {
    if (task.status !== 'working' || now - task.startedMs < ctx.config.taskDurationMs) continue;
    const doneMs = task.startedMs + ctx.config.taskDurationMs;
    const name = backupName(task, doneMs);
    if (task.protocol === 'local') {
      ctx.state.files.push({
        owner: task.owner,
        name,
        creationDate: Math.floor(doneMs / 1000),
        description: task.description,
        content: archiveBytes(task, name),
      });
      task.status = 'finished';
      task.filename = name;
    } else if (task.noRemoteStorage) {
      task.status = 'failed';
    } else {
      task.status = 'finished';
      task.filename = name;
    }
  }
}

function backupName(task: PleskTask, ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p2(d.getUTCFullYear() % 100)}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}`;
  const owner = task.owner.name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${task.prefix === '' ? 'backup' : task.prefix}_${owner}_${stamp}_${task.id}.tar`;
}

/** Deterministic archive bytes (a text header padded to 4 KiB): what download-file returns. */
function archiveBytes(task: PleskTask, name: string): Uint8Array {
  const head = `PLESK-EMULATOR-BACKUP\nname=${name}\nowner=${task.owner.kind}:${task.owner.name}\ntask=${task.id}\ndescription=${task.description}\n`;
  const bytes = new TextEncoder().encode(head);
  const out = new Uint8Array(Math.max(4096, bytes.length));
  out.fill(0x2e);
  out.set(bytes);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Owners

type Result = { status: 'ok' | 'error'; errcode?: number; errtext?: string };

const ok = (): { status: 'ok' } => ({ status: 'ok' });
const fail = (errcode: number, errtext: string): Result => ({ status: 'error', errcode, errtext });

/** The text of an untyped (anyType) value: `<customer-id>7</customer-id>` -> '7'. */
function anyText(v: AnyValue | bigint | string): string {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return v.trim();
  return '';
}

type OwnerInput = {
  readonly webspaceId?: bigint;
  readonly webspaceName?: string;
  readonly customerId?: bigint | AnyValue;
  readonly customerLogin?: string | AnyValue;
  readonly resellerId?: bigint | AnyValue;
  readonly resellerLogin?: string | AnyValue;
  readonly server?: AnyValue;
};

const SERVER: PleskOwner = { kind: 'server', id: 0, name: 'server' };

/**
 * The owner an operation names; `undefined` input owner = none given. Unknown webspaces, customers
 * and resellers give errcode 1013 (as the published backup-customer sample does).
 */
function resolveOwner(state: PleskState, input: OwnerInput): PleskOwner | Result | undefined {
  const byId = <T extends { id: number }>(list: readonly T[], v: bigint | AnyValue) => {
    const t = anyText(v);
    return /^\d+$/.test(t) ? list.find((x) => x.id === Number(t)) : undefined;
  };
  if (input.webspaceId !== undefined) {
    const w = byId(state.webspaces, input.webspaceId);
    return w ? { kind: 'webspace', id: w.id, name: w.name } : fail(PleskErrcode.objectNotFound, `Webspace with id ${input.webspaceId} does not exist.`);
  }
  if (input.webspaceName !== undefined) {
    const name = input.webspaceName.toLowerCase();
    const w = state.webspaces.find((x) => x.name.toLowerCase() === name);
    return w ? { kind: 'webspace', id: w.id, name: w.name } : fail(PleskErrcode.objectNotFound, `Webspace ${input.webspaceName} does not exist.`);
  }
  if (input.customerId !== undefined) {
    const c = byId(state.customers, input.customerId);
    return c ? { kind: 'customer', id: c.id, name: c.login } : fail(PleskErrcode.objectNotFound, `Customer with id ${anyText(input.customerId) || '(empty)'} does not exist.`);
  }
  if (input.customerLogin !== undefined) {
    const login = anyText(input.customerLogin);
    const c = state.customers.find((x) => x.login === login);
    return c ? { kind: 'customer', id: c.id, name: c.login } : fail(PleskErrcode.objectNotFound, `Customer ${login || '(empty)'} does not exist.`);
  }
  if (input.resellerId !== undefined) {
    const r = byId(state.resellers, input.resellerId);
    return r ? { kind: 'reseller', id: r.id, name: r.login } : fail(PleskErrcode.objectNotFound, `Reseller with id ${anyText(input.resellerId) || '(empty)'} does not exist.`);
  }
  if (input.resellerLogin !== undefined) {
    const login = anyText(input.resellerLogin);
    const r = state.resellers.find((x) => x.login === login);
    return r ? { kind: 'reseller', id: r.id, name: r.login } : fail(PleskErrcode.objectNotFound, `Reseller ${login || '(empty)'} does not exist.`);
  }
  if (input.server !== undefined) return SERVER;
  return undefined;
}

function isOwner(v: PleskOwner | Result | undefined): v is PleskOwner {
  return v !== undefined && 'kind' in v;
}

const sameOwner = (a: PleskOwner, b: PleskOwner) => a.kind === b.kind && a.id === b.id;

/** Task ids are decimal text (`BackupTaskIdType`, possibly with leading zeros or a sign). */
const sameTaskId = (t: PleskTask, text: string) => BigInt(text) === BigInt(t.id);

function storageKey(owner: PleskOwner, protocol: string): string {
  return `${owner.kind}:${owner.id}:${protocol}`;
}

// ---------------------------------------------------------------------------------------------------
// Operations

function runOperation(ctx: PleskContext, op: BackupManagerOperation, count: number): BackupManagerOutput {
  const key = operationKey(backupManagerSpec, op);
  const out = (value: unknown) => ({ [key!]: value }) as BackupManagerOutput;
  const s = ctx.state;
  switch (key) {
    case 'backupWebspace':
    case 'backupCustomer':
    case 'backupReseller':
    case 'backupServer': {
      const input = (op as Record<string, rq.BackupDomainInput | rq.BackupServerInput>)[key]!;
      const owner = key === 'backupServer' ? SERVER : resolveOwner(s, input as OwnerInput);
      if (!isOwner(owner)) return out({ result: owner ?? fail(PleskErrcode.objectNotFound, 'No owner given.') });
      const protocol = input.local !== undefined ? 'local' : input.remote!;
      const task: PleskTask = {
        id: s.nextTaskId++,
        owner,
        status: 'working',
        startedMs: ctx.clock(),
        prefix: input.prefix ?? '',
        description: input.description,
        protocol,
        filename: '',
        noRemoteStorage: protocol !== 'local' && !s.remoteStorage.has(storageKey(owner, protocol)),
      };
      s.tasks.push(task);
      return out({ result: { ...ok(), taskId: String(task.id) } });
    }
    case 'getTasksInfo':
      return out({ result: [getTasksInfo(s, op.getTasksInfo!)] });
    case 'stopBackup': {
      const task = s.tasks.find((t) => sameTaskId(t, op.stopBackup!.taskId));
      if (!task) return out({ result: fail(PleskErrcode.objectNotFound, `Task ${op.stopBackup!.taskId} does not exist.`) });
      if (task.status === 'working') task.status = 'stopped';
      if (task.status !== 'stopped') return out({ result: fail(PleskErrcode.operationFailed, `Task ${task.id} is not running (${task.status}).`) });
      return out({ result: ok() });
    }
    case 'getLocalBackupList': {
      const owner = resolveOwner(s, op.getLocalBackupList!);
      if (!isOwner(owner)) return out({ result: owner ?? fail(PleskErrcode.objectNotFound, 'No owner given.') });
      const files = s.files.filter((f) => sameOwner(f.owner, owner));
      const backup = files.map((f) => ({
        file: [{ name: f.name, creationDate: BigInt(f.creationDate), description: f.description, size: BigInt(f.content.byteLength) }],
      }));
      return out({ result: backup.length ? { ...ok(), backup } : ok() });
    }
    case 'removeFile': {
      const input = op.removeFile!;
      const owner = resolveOwner(s, input);
      if (!isOwner(owner)) return out({ result: owner ?? fail(PleskErrcode.objectNotFound, 'No owner given.') });
      const i = s.files.findIndex((f) => sameOwner(f.owner, owner) && f.name === input.filename);
      if (i < 0) return out({ result: fail(PleskErrcode.objectNotFound, 'File does not exist.') });
      s.files.splice(i, 1);
      return out({ result: ok() });
    }
    case 'importFile': {
      const input = op.importFile!;
      const owner = resolveOwner(s, input);
      if (!isOwner(owner)) return out({ result: owner ?? fail(PleskErrcode.objectNotFound, 'No owner given.') });
      const content = s.uploads.get(input.tmpFilename);
      if (!content) return out({ result: fail(PleskErrcode.objectNotFound, 'File does not exist.') });
      const name = input.tmpFilename.split('/').pop() || 'imported.tar';
      if (s.files.some((f) => sameOwner(f.owner, owner) && f.name === name)) {
        return out({ result: fail(1007, `A backup file named ${name} already exists.`) });
      }
      s.uploads.delete(input.tmpFilename);
      s.files.push({ owner, name, creationDate: Math.floor(ctx.clock() / 1000), description: null, content });
      return out({ result: ok() });
    }
    case 'downloadFile': {
      // Reached only when the download cannot be answered with the file itself.
      if (count > 1) return out({ result: fail(PleskErrcode.operationFailed, 'download-file must be the only operation of its packet.') });
      const found = findDownload(ctx, op.downloadFile!);
      return out({ result: 'content' in found ? ok() : found });
    }
    case 'getSupportedProtocols':
      return out({ result: { ...ok(), protocol: SUPPORTED_PROTOCOLS } });
    case 'getRemoteStorageSettings': {
      const input = op.getRemoteStorageSettings!;
      const owner = resolveOwner(s, input) ?? SERVER;
      if (!isOwner(owner)) return out({ result: owner });
      const stored = s.remoteStorage.get(storageKey(owner, input.protocol));
      return out({ result: stored ? { ...ok(), settings: publicSettings(stored) } : ok() });
    }
    case 'setRemoteStorageSettings': {
      const input = op.setRemoteStorageSettings!;
      const owner = resolveOwner(s, input) ?? SERVER;
      if (!isOwner(owner)) return out({ result: owner });
      const protocol = anyText(input.settings.protocol);
      if (protocol === '') return out({ result: fail(1019, 'The protocol of the remote storage is empty.') });
      s.remoteStorage.set(storageKey(owner, protocol), { ...input.settings, protocol });
      return out({ result: ok() });
    }
    case 'getServerWideSettings':
      return out({ result: { ...ok(), settings: s.serverWide } });
    case 'setServerWideSettings':
      s.serverWide = { ...s.serverWide, ...op.setServerWideSettings!.settings };
      return out({ result: ok() });
    default:
      // Unreachable: the request decoder admits only the operations of the schema.
      throw new Error(`unhandled operation ${String(key)}`);
  }
}

/** The stored settings as get-remote-storage-settings shows them: never the password. */
function publicSettings(stored: rq.BackupRemoteStorage): rs.BackupRemoteStorage {
  const { password: _password, ...rest } = stored;
  return rest;
}

function getTasksInfo(s: PleskState, input: rq.BackupGetBackupStatusInput): rs.BackupGetBackupStatusOutputResult {
  let tasks: PleskTask[];
  if (input.taskId !== undefined) {
    tasks = s.tasks.filter((t) => sameTaskId(t, input.taskId!));
    if (!tasks.length) return fail(PleskErrcode.objectNotFound, `Task ${input.taskId} does not exist.`) as rs.BackupGetBackupStatusOutputResult;
  } else {
    const owner = resolveOwner(s, input);
    if (owner !== undefined && !isOwner(owner)) return owner as rs.BackupGetBackupStatusOutputResult;
    tasks = owner === undefined ? s.tasks : s.tasks.filter((t) => sameOwner(t.owner, owner));
  }
  return { status: 'ok', task: tasks.map(taskInfo) };
}

function taskInfo(t: PleskTask): rs.BackupGetBackupStatusOutputResultTask {
  const common = {
    id: String(t.id),
    status: t.status,
    started: String(Math.floor(t.startedMs / 1000)),
    prefix: t.prefix,
    filename: t.filename,
    protocol: t.protocol,
  };
  switch (t.owner.kind) {
    case 'webspace':
      return { webspaceId: String(t.owner.id), ...common };
    case 'customer':
      return { customerId: String(t.owner.id), ...common };
    case 'reseller':
      return { resellerId: String(t.owner.id), ...common };
    case 'server':
      return { server: true, ...common };
  }
}

function findDownload(ctx: PleskContext, input: rq.BackupDownloadFileInput): PleskBackupFile | Result {
  const owner = resolveOwner(ctx.state, input);
  if (!isOwner(owner)) return owner ?? fail(PleskErrcode.objectNotFound, 'No owner given.');
  const file = ctx.state.files.find((f) => sameOwner(f.owner, owner) && f.name === input.filename);
  return file ?? fail(PleskErrcode.objectNotFound, 'File does not exist.');
}
