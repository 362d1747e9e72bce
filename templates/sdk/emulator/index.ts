/**
 * An emulator of the three backup APIs on loopback, built on the same generated codecs as the SDK:
 * Plesk XML API `backup-manager` 1.6.9.0, Akeeba Backup JSON API v2 and JetBackup 5 (cPanel/WHM).
 * One node:http server, state in memory, time from an injectable clock, opt-in faults. For tests of
 * clients over real HTTP and for demos; not a security boundary (plain HTTP, fixed demo credentials).
 *
 *   const emu = await startEmulator();                 // port 0: any free port on 127.0.0.1
 *   await fetch(emu.plesk.endpoint, { method: 'POST', headers: { 'Content-Type': 'text/xml',
 *     HTTP_AUTH_LOGIN: emu.credentials.plesk.login, HTTP_AUTH_PASSWD: emu.credentials.plesk.password }, body: xml });
 *   await emu.close();
 *
 * Routes (anything else: HTTP 404):
 * - Plesk `POST /enterprise/control/agent.php` (plesk.ts). Check-ups in the reference's order: Content-Type
 *   must be text/xml, else `<system>` 1014; `version` other than 1.6.9.0 -> 1005 (no `version` = the
 *   newest, 1.6.9.0; partial versions such as "1.6" are refused too); `KEY` header -> 11003 unless it is
 *   the configured secret key (none configured: always 11003), else HTTP_AUTH_LOGIN/HTTP_AUTH_PASSWD ->
 *   1001 "Authentication failed" (also when missing); schema -> 1014 with libxml2-style text naming the
 *   element and line (first issue only, as libxml2). Then each operation answers in its own `result`:
 *   unknown webspace/customer/reseller/task/file -> 1013; stop-backup of a finished or failed task -> 1023;
 *   download-file next to other operations -> 1023. Seeded: webspaces example.com (1), example.net (2),
 *   customer jdoe (1), reseller reseller1 (1), an uploaded file SEEDED_UPLOAD for import-file. Tasks move
 *   `working` -> `finished` after taskDurationMs of the injected clock (local: a 4 KiB backup file appears;
 *   remote: `failed` unless the owner had remote storage for that protocol when the task started).
 *   get-remote-storage-settings never returns the password. No owner in get-tasks-info = every task.
 * - Akeeba v2 `GET|POST /index.php?option=com_akeebabackup&view=api&format=raw`, also `option=com_akeeba`,
 *   `/api/index.php/v2/akeebabackup[/index.php]`, the WordPress URLs (akeeba.ts). Secret in `X-Akeeba-Auth`
 *   (wins) or `_akeebaAuth` in the query string (not the body, like the server code); wrong or missing ->
 *   HTTP 200 `{"status":503,"data":"Access denied"}`. Unknown method -> 405 "Invalid method <name>"; other
 *   verbs -> 405 "Invalid HTTP method <verb>"; stepBackup without backupid -> status 0 (the server's text);
 *   unknown backupid, record or log -> 404; invalid arguments -> 500 naming them. A backup is `steps`
 *   replies (startBackup = reply 1). listBackups/getBackupInfo integer columns are decimal strings (as
 *   PHP's MySQL drivers return them; schema `LooseInteger`). With `format` other than json the reply has
 *   `Content-Disposition: attachment; filename="joomla.json"`, as the real controller sends.
 * - JetBackup `POST /cgi/addons/jetbackup5/api.cgi` (also GET, and `/cpsess<digits>/...`) (jetbackup.ts).
 *   `Authorization: whm <user>:<token>` wrong or missing -> HTTP 401, text body "Access denied", no
 *   envelope: WHM checks tokens before the addon runs and the reference documents no JetBackup-level
 *   auth error. Failures are `{success: 0, message, system}`; runBackupJobManually on a disabled job is
 *   such a failure ("nothing was queued"), as is running a running job or deleting the system job. Seeded:
 *   the "JetBackup Config" job, destination `local`, a Daily schedule, account root (JETBACKUP_SEED). A
 *   manual run keeps `running: 1, state: 2` for runDurationMs, then `running: false, state: 0`. `limit`
 *   defaults to 100 and 0 means all. An empty list cannot be sent as form parameters, so it cannot clear one.
 *
 * Time: the injected clock drives durations and timestamps; the `hang` fault waits in real time.
 * Credentials are never logged: the `log` callback and `state.requests` get headers and URLs with every
 * credential (auth headers, `_akeebaAuth`) redacted, and no bodies. Every body the emulator sends is
 * written by a generated encoder, which validates it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseForm } from '../runtime/index.js';
import { accessDenied, handleAkeeba, initialAkeebaState, isAkeebaEndpoint, type AkeebaState } from './akeeba.js';
import { FaultState, type Faults } from './faults.js';
import { BodyTooLarge, mediaType, pathOf, queryOf, readBody, redactHeaders, redactUrl, send, textReply, type Reply } from './http.js';
import { handleJetBackup, initialJetBackupState, isJetBackupEndpoint, type JetBackupState } from './jetbackup.js';
import { handlePlesk, initialPleskState, type PleskState } from './plesk.js';

export type { AkeebaFaults, Faults, HangFault, Status503Fault } from './faults.js';
export { AKEEBA_VERSION, type AkeebaRecord, type AkeebaRun, type AkeebaState } from './akeeba.js';
export { JETBACKUP_SEED, JETBACKUP_SYSTEM, type JetBackupJob, type JetBackupSchedule, type JetBackupState } from './jetbackup.js';
export { SEEDED_UPLOAD, type PleskBackupFile, type PleskOwner, type PleskState, type PleskTask, type PleskTaskStatus } from './plesk.js';
export { libxmlMessage, parserErrorText, PleskErrcode } from './plesk-errors.js';

/**
 * The demo credentials used when `startEmulator` is not given others. Fixed and public: they exist
 * so that a demo and a test can talk to the emulator without configuration.
 */
export const DEMO_CREDENTIALS = {
  plesk: { login: 'admin', password: 'emulator-demo-password', secretKey: 'emulator-demo-secret-key' },
  akeeba: { secret: 'emulatorDemoSecretWord' },
  jetbackup: { user: 'root', token: 'EMULATORDEMOTOKEN0123456789ABCDEF' },
} as const;

export const PLESK_PATH = '/enterprise/control/agent.php';
export const AKEEBA_PATH = '/index.php';
export const AKEEBA_QUERY = 'option=com_akeebabackup&view=api&format=raw';
export const JETBACKUP_PATH = '/cgi/addons/jetbackup5/api.cgi';

export interface EmulatorOptions {
  /** TCP port; 0 (default) picks any free port. */
  readonly port?: number;
  /** Only loopback is served. */
  readonly host?: '127.0.0.1';
  /** Milliseconds since the epoch; drives Plesk task and JetBackup run durations and every timestamp (default Date.now). */
  readonly clock?: () => number;
  readonly plesk?: {
    readonly login: string;
    readonly password: string;
    /** The accepted `KEY` header; without it every `KEY` request gets 11003. */
    readonly secretKey?: string;
    /** How long a backup task stays `working` (default 1500). */
    readonly taskDurationMs?: number;
  };
  readonly akeeba?: {
    readonly secret: string;
    /** Replies per backup, startBackup included (default 4; at least 1). */
    readonly steps?: number;
    /** sleepTime sent on every step reply, in ms (default 200). */
    readonly sleepTime?: number;
  };
  readonly jetbackup?: {
    readonly user: string;
    readonly token: string;
    /** How long runBackupJobManually keeps a job running (default 1500). */
    readonly runDurationMs?: number;
  };
  readonly faults?: Faults;
  /** Called once per request with credentials redacted (never bodies). */
  readonly log?: (entry: EmulatorLogEntry) => void;
}

export interface EmulatorLogEntry {
  /** Clock time the request arrived. */
  readonly time: number;
  readonly api: 'plesk' | 'akeeba' | 'jetbackup' | 'none';
  readonly method: string;
  /** Request target with `_akeebaAuth` redacted. */
  readonly url: string;
  /** Request headers with every credential header redacted. */
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
  /** The fault that shaped this answer, if any. */
  readonly fault?: 'hang' | 'status503' | 'plesk.parserError';
  /** For a 500 (an emulator bug) or 413: what went wrong (the message only). */
  readonly error?: string;
}

export interface EmulatorState {
  readonly plesk: PleskState;
  readonly akeeba: AkeebaState;
  readonly jetbackup: JetBackupState;
  /** Every request answered so far (redacted, like the log). */
  readonly requests: EmulatorLogEntry[];
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly plesk: { readonly endpoint: string };
  readonly akeeba: { readonly endpoint: string };
  readonly jetbackup: { readonly endpoint: string };
  /** The credentials in effect (the options' or DEMO_CREDENTIALS). */
  readonly credentials: {
    readonly plesk: { readonly login: string; readonly password: string; readonly secretKey?: string };
    readonly akeeba: { readonly secret: string };
    readonly jetbackup: { readonly user: string; readonly token: string };
  };
  /** Live in-memory state (mutable: tests may add webspaces, uploads, destinations...). */
  readonly state: EmulatorState;
  /** The faults in effect. */
  readonly faults: Faults;
  /** Replaces every fault (`setFaults({})` turns them all off); one-shot counters restart. */
  setFaults(faults: Faults): void;
  /** Stops listening, ends open connections (hanging requests included) and frees the port. */
  close(): Promise<void>;
}

function positive(name: string, v: number | undefined, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  if (!Number.isFinite(v) || v < min) throw new RangeError(`startEmulator: ${name} must be a number >= ${min}`);
  return v;
}

/** Starts the emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new RangeError('startEmulator: only 127.0.0.1 is served');
  const pleskCreds = options.plesk ?? DEMO_CREDENTIALS.plesk;
  const akeebaCreds = options.akeeba ?? DEMO_CREDENTIALS.akeeba;
  const jetCreds = options.jetbackup ?? DEMO_CREDENTIALS.jetbackup;
  const pleskConfig = {
    login: pleskCreds.login,
    password: pleskCreds.password,
    ...(pleskCreds.secretKey !== undefined ? { secretKey: pleskCreds.secretKey } : {}),
    taskDurationMs: positive('plesk.taskDurationMs', options.plesk?.taskDurationMs, 1500, 0),
  };
  const akeebaConfig = {
    secret: akeebaCreds.secret,
    steps: Math.floor(positive('akeeba.steps', options.akeeba?.steps, 4, 1)),
    sleepTime: Math.floor(positive('akeeba.sleepTime', options.akeeba?.sleepTime, 200, 0)),
  };
  const jetConfig = {
    user: jetCreds.user,
    token: jetCreds.token,
    runDurationMs: positive('jetbackup.runDurationMs', options.jetbackup?.runDurationMs, 1500, 0),
  };
  const faults = new FaultState(options.faults);
  const state: EmulatorState = {
    plesk: initialPleskState(),
    akeeba: initialAkeebaState(),
    jetbackup: initialJetBackupState(clock()),
    requests: [],
  };

  const timers = new Set<NodeJS.Timeout>();
  const wakers = new Set<() => void>();
  let closing = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        timers.delete(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timers.add(timer);
      wakers.add(wake);
    });

  async function answer(req: IncomingMessage): Promise<{ api: EmulatorLogEntry['api']; reply: Reply; fault?: EmulatorLogEntry['fault'] }> {
    const target = req.url ?? '/';
    const path = pathOf(target);
    const query = parseForm(queryOf(target));
    const api: EmulatorLogEntry['api'] =
      path === PLESK_PATH ? 'plesk' : isJetBackupEndpoint(path) ? 'jetbackup' : isAkeebaEndpoint(path, query) ? 'akeeba' : 'none';
    if (api === 'none') return { api, reply: textReply(404, 'Not Found') };

    let fault: EmulatorLogEntry['fault'];
    const hang = faults.takeHang(path);
    if (hang > 0) {
      fault = 'hang';
      await sleep(hang);
    }
    const body = await readBody(req);
    const s503 = faults.status503(path);
    if (s503) {
      const format = query.find(([k]) => k === 'format')?.[1];
      return { api, fault: 'status503', reply: api === 'akeeba' && !s503.http ? accessDenied(format) : textReply(503, 'Access denied') };
    }
    const form = () => (mediaType(req) === 'application/x-www-form-urlencoded' ? parseForm(body.toString('utf8')) : []);
    switch (api) {
      case 'plesk': {
        const parserErrorFault = faults.pleskParserError;
        const reply = handlePlesk({ config: pleskConfig, state: state.plesk, clock, parserErrorFault }, req, body);
        return parserErrorFault ? { api, reply, fault: 'plesk.parserError' } : { api, reply, ...(fault ? { fault } : {}) };
      }
      case 'akeeba':
        return { api, reply: handleAkeeba({ config: akeebaConfig, state: state.akeeba, clock, faults: faults.akeeba }, req, query, form()), ...(fault ? { fault } : {}) };
      case 'jetbackup':
        return {
          api,
          reply: handleJetBackup({ config: jetConfig, state: state.jetbackup, clock, takeFailure: () => faults.takeJetBackupFailure() }, req, query, form()),
          ...(fault ? { fault } : {}),
        };
    }
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const time = clock();
    const record = (api: EmulatorLogEntry['api'], status: number, fault?: EmulatorLogEntry['fault'], error?: string) => {
      const entry: EmulatorLogEntry = {
        time,
        api,
        method: req.method ?? '',
        url: redactUrl(req.url ?? '/'),
        headers: redactHeaders(req.headers),
        status,
        ...(fault ? { fault } : {}),
        ...(error !== undefined ? { error } : {}),
      };
      state.requests.push(entry);
      try {
        options.log?.(entry);
      } catch {
        // a throwing logger must not take the server down
      }
    };
    answer(req).then(
      ({ api, reply, fault }) => {
        if (closing) return;
        send(res, reply);
        record(api, reply.status, fault);
      },
      (e: unknown) => {
        if (closing) return;
        const r = e instanceof BodyTooLarge ? textReply(413, 'Payload Too Large') : textReply(500, 'Internal emulator error');
        send(res, r);
        record('none', r.status, undefined, e instanceof Error ? e.message : String(e));
      },
    );
  };

  const server: Server = createServer(handle);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  return {
    url,
    port,
    plesk: { endpoint: `${url}${PLESK_PATH}` },
    akeeba: { endpoint: `${url}${AKEEBA_PATH}?${AKEEBA_QUERY}` },
    jetbackup: { endpoint: `${url}${JETBACKUP_PATH}` },
    credentials: {
      plesk: { login: pleskConfig.login, password: pleskConfig.password, ...(pleskConfig.secretKey !== undefined ? { secretKey: pleskConfig.secretKey } : {}) },
      akeeba: { secret: akeebaConfig.secret },
      jetbackup: { user: jetConfig.user, token: jetConfig.token },
    },
    state,
    get faults() {
      return faults.current;
    },
    setFaults(next: Faults) {
      faults.set(next);
    },
    close() {
      if (closing) return Promise.resolve();
      closing = true;
      for (const wake of [...wakers]) wake();
      return new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
