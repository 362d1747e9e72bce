/**
 * The HTTP transport shared by the clients: the platform's `fetch`, one timeout per attempt
 * (`AbortSignal.timeout`) combined with the caller's `AbortSignal`, retries with exponential backoff for
 * safe reads only, TLS verification always on (a client may trust one CA or pin one certificate instead of
 * the system roots, never switch checks off), typed errors, and redaction: the credentials a client is
 * built with never appear in an error message, a `cause` chain, a stack or a log line.
 *
 * Decisions:
 * - Custom TLS trust. Node 20's `fetch` is undici, but `undici` itself is not a dependency of this package
 *   (and not resolvable from it), so its `Agent` cannot be passed as a dispatcher. With `tls` options the
 *   transport therefore uses `nodeTlsFetch`: a small fetch-compatible function over `node:tls` +
 *   `node:https` (loaded lazily, so the clients stay importable where there is no Node). It opens the TLS
 *   connection itself, checks the certificate (CA chain and host name, and/or the sha256 fingerprint),
 *   and only then writes the request, so credentials are never sent to a server that fails the check.
 *   One connection per request there (`Connection: close`).
 * - Redirects are never followed (`redirect: 'manual'`): a redirect would replay the credential headers
 *   (`HTTP_AUTH_PASSWD`, `KEY`, `X-Akeeba-Auth`, `Authorization`) to wherever it points, and turns a POST
 *   into a GET. A 3xx answer is an `HttpError`.
 * - Plain `http:` only for loopback hosts (the emulator, an SSH tunnel) unless `allowInsecureHttp` is set:
 *   the APIs authenticate with a password or token in a header.
 * - Retried (reads only): network errors, timeouts of an attempt, and HTTP 429/502/503/504 (a client may
 *   narrow this: Akeeba's 503 "Access denied" is an answer, not an outage). Never retried: anything that
 *   changes state (a backup started twice is two backups), caller aborts, TLS failures.
 */

/** What the transport needs of `fetch` (the global one satisfies it). */
export type FetchLike = (url: string, init: FetchInit) => Promise<Response>;

export interface FetchInit {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
  readonly signal: AbortSignal;
  readonly redirect: 'manual';
}

/** Trust for servers whose certificate the system roots do not vouch for (panels often have self-signed ones). */
export interface TlsOptions {
  /**
   * PEM certificate(s) of the CA(s) to trust for this client, instead of the system roots. The chain
   * and the host name are verified as usual.
   */
  readonly ca?: string | readonly string[];
  /**
   * The sha256 fingerprint of the server's own certificate (64 hex digits; `:` separators and case do not
   * matter, as printed by `openssl x509 -noout -fingerprint -sha256`). That exact certificate is trusted
   * whoever issued it (self-signed included); any other is refused before the request is written.
   * With `ca` as well, both must hold.
   */
  readonly fingerprint256?: string;
}

/** One line of the `log` hook, as data. `url` is redacted like the line. */
export interface LogEvent {
  readonly method: string;
  readonly url: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly status?: number;
  readonly durationMs: number;
  /** `Name: message` of the failure, redacted. */
  readonly error?: string;
  /** Set when another attempt follows after this delay. */
  readonly retryInMs?: number;
}

/** Receives one redacted line per attempt, e.g. `POST https://panel:8443/enterprise/control/agent.php -> 200 (35 ms)`. */
export type LogHook = (line: string, event: LogEvent) => void;

/** Options every client takes. */
export interface TransportOptions {
  /** Extra trust; TLS verification itself cannot be switched off. Needs an `https:` URL. */
  readonly tls?: TlsOptions;
  /** Time limit of one attempt, from sending to the last byte of the answer (default 60 s). */
  readonly timeoutMs?: number;
  /** Further attempts for safe reads (default 2); requests that change state are sent once. */
  readonly retries?: number;
  /** First retry delay; doubles per retry, with jitter (default 250 ms). */
  readonly retryDelayMs?: number;
  /** Upper bound of a retry delay (default 5 s). */
  readonly maxRetryDelayMs?: number;
  /** Receives redacted request lines. */
  readonly log?: LogHook;
  /** A `fetch` to use instead of the global one (not together with `tls`). */
  readonly fetch?: FetchLike;
  /** Allow plain `http:` to a host that is not loopback (credentials then travel in clear text). */
  readonly allowInsecureHttp?: boolean;
  /** Random numbers in [0, 1) for the retry jitter (tests). */
  readonly random?: () => number;
}

/** One request as a client describes it. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
  /** A safe read, which may be retried; anything else is sent at most once. */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this request. */
  readonly timeoutMs?: number | undefined;
  /** Whether an answer to a read is worth another attempt (default: HTTP 429, 502, 503, 504). */
  readonly retryable?: (response: HttpResponse) => boolean;
  /** Values to redact from errors of this request only (e.g. an FTP password inside a Plesk packet). */
  readonly secrets?: readonly string[];
}

/** A complete answer: the body has been read. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
  /** The body as UTF-8 text. */
  text(): string;
}

// ---------------------------------------------------------------------------------------------------
// Errors

/** Base class of the errors the clients throw themselves. */
export class ClientError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The server answered with an HTTP status the client cannot use. The body is not kept (it may echo secrets). */
export class HttpError extends ClientError {
  readonly status: number;
  readonly method: string;
  /** The request URL, redacted. */
  readonly url: string;
  readonly contentType: string | undefined;
  constructor(status: number, method: string, url: string, contentType?: string) {
    super(`HTTP ${status} from ${method} ${url}`);
    this.status = status;
    this.method = method;
    this.url = url;
    this.contentType = contentType;
  }
}

/** An attempt (or a wait such as `waitForTask`) took longer than allowed. */
export class TimeoutError extends ClientError {
  readonly timeoutMs: number;
  constructor(message: string, timeoutMs: number) {
    super(message);
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. */
export class AbortError extends ClientError {}

/** The request could not be sent or its answer not read (DNS, refused or reset connection...). */
export class NetworkError extends ClientError {
  /** The system error code when there is one (`ECONNREFUSED`, `ECONNRESET`, `CERT_HAS_EXPIRED`...). */
  readonly code: string | undefined;
  constructor(message: string, code?: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** The server's certificate is not trusted (unknown issuer, wrong host name, expired, fingerprint mismatch). */
export class TlsError extends NetworkError {}

// ---------------------------------------------------------------------------------------------------
// Redaction

export const REDACTED = '[REDACTED]';

/** Query parameters whose values are hidden in logged and reported URLs. */
const SENSITIVE_PARAM = /auth|key|token|secret|pass|sig|session|cpsess/i;

/**
 * The forms a secret may take in text that reached us: as is, URL- and form-encoded, JSON- and
 * XML-escaped. Longest first, so a secret that contains another is replaced whole.
 */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s === '') continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(formEncode(s));
    forms.add(JSON.stringify(s).slice(1, -1));
    forms.add(s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&apos;'));
  }
  return [...forms].filter((f) => f !== '').sort((a, b) => b.length - a.length);
}

function formEncode(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9_]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `text` with every form of every secret replaced by `[REDACTED]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const f of secretForms(secrets)) out = out.split(f).join(REDACTED);
  return out;
}

/** A URL fit for a log line: no user info, sensitive query values hidden, then the secrets redacted. */
export function redactUrl(url: string | URL, secrets: readonly string[] = []): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return REDACTED;
  }
  u.username = '';
  u.password = '';
  u.hash = '';
  const query = [...u.searchParams].map(([k, v]) => `${encodeURIComponent(k)}=${SENSITIVE_PARAM.test(k) ? REDACTED : encodeURIComponent(v)}`);
  u.search = '';
  // WHM session paths (`/cpsess0123456789/`) are bearer tokens too.
  const text = `${u.toString().replace(/\/cpsess[^/]*/g, `/cpsess${REDACTED}`)}${query.length ? `?${query.join('&')}` : ''}`;
  return redactText(text, secrets);
}

/**
 * A copy of an error chain that is safe to show: messages and stacks redacted, `cause` and
 * `AggregateError.errors` copied the same way (at most 8 deep), other own properties dropped except a
 * string or number `code`/`errno`/`syscall`/`status`. Errors thrown by the clients are built redacted;
 * this is for what comes from below (fetch, sockets, decoders fed with server text).
 */
export function sanitizeError(error: unknown, secrets: readonly string[], depth = 0): Error {
  if (!(error instanceof Error)) return new Error(redactText(String(error), secrets));
  const copy = new Error(redactText(error.message, secrets));
  Object.defineProperty(copy, 'name', { value: error.name, enumerable: false, configurable: true, writable: true });
  copy.stack = redactText(error.stack ?? `${error.name}: ${error.message}`, secrets);
  for (const key of ['code', 'errno', 'syscall', 'status'] as const) {
    const v = (error as unknown as Record<string, unknown>)[key];
    if (typeof v === 'string' || typeof v === 'number') {
      (copy as unknown as Record<string, unknown>)[key] = typeof v === 'string' ? redactText(v, secrets) : v;
    }
  }
  if (depth < 8 && error.cause !== undefined) copy.cause = sanitizeError(error.cause, secrets, depth + 1);
  if (depth < 8 && error instanceof AggregateError) {
    (copy as unknown as Record<string, unknown>)['errors'] = error.errors.map((e) => sanitizeError(e, secrets, depth + 1));
  }
  return copy;
}

/**
 * Redacts an error of ours or of the runtime in place (message, stack, string fields, issues and
 * cause chain) and returns it: its class and typed fields are kept, so `instanceof` still works.
 */
export function scrubError<E>(error: E, secrets: readonly string[]): E {
  if (!(error instanceof Error) || secretForms(secrets).length === 0) return error;
  const target = error as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    const v = target[key];
    if (typeof v === 'string') define(target, key, redactText(v, secrets));
  }
  define(target, 'message', redactText(error.message, secrets));
  if (typeof error.stack === 'string') define(target, 'stack', redactText(error.stack, secrets));
  const issues = target['issues'];
  if (Array.isArray(issues)) {
    define(
      target,
      'issues',
      issues.map((i: Record<string, unknown>) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(i)) out[k] = typeof v === 'string' ? redactText(v, secrets) : v;
        return out;
      }),
    );
  }
  if (error.cause !== undefined) define(target, 'cause', sanitizeError(error.cause, secrets));
  return error;
}

function define(target: object, key: string, value: unknown): void {
  const d = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, enumerable: d?.enumerable ?? false, configurable: true, writable: true });
}

// ---------------------------------------------------------------------------------------------------
// Backoff and waiting

export interface BackoffOptions {
  /** Delay before the first retry (ms). */
  readonly baseMs: number;
  /** Upper bound of any delay (ms). */
  readonly maxMs: number;
  /** Growth per retry (default 2). */
  readonly factor?: number;
  /**
   * Random numbers in [0, 1): with it, a delay is drawn from [d/2, d) ("equal jitter", so that clients
   * that failed together do not retry together); without it, the delay is exactly d.
   */
  readonly random?: () => number;
}

/** The delay before retry number `retry` (1 = the first retry): `min(maxMs, baseMs * factor^(retry-1))`, jittered. */
export function backoffDelay(retry: number, options: BackoffOptions): number {
  const d = Math.min(options.maxMs, options.baseMs * (options.factor ?? 2) ** Math.max(0, retry - 1));
  if (!options.random) return Math.round(d);
  return Math.round(d / 2 + options.random() * (d / 2));
}

/** The delays of `retries` retries (what a request that keeps failing waits in total). */
export function backoffSchedule(retries: number, options: BackoffOptions): number[] {
  return Array.from({ length: Math.max(0, retries) }, (_, i) => backoffDelay(i + 1, options));
}

/** Waits `ms`; rejects with AbortError when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError('aborted'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------------
// URLs

/** Whether a host name is the local machine (plain http is accepted there). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Parses and checks a client's URL: `http:` or `https:` only, no user info (credentials are options, so
 * that they can be redacted), plain http only to loopback unless allowed, `tls` options only with https.
 * Errors never repeat the URL (it might hold a secret).
 */
export function parseEndpoint(url: string | URL, options: Pick<TransportOptions, 'tls' | 'allowInsecureHttp' | 'fetch'> = {}): URL {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    throw new TypeError('the client URL is not a valid absolute URL');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TypeError(`the client URL must be http: or https:, not ${u.protocol}`);
  if (u.username !== '' || u.password !== '') throw new TypeError('the client URL must not contain user info: pass credentials as options');
  if (u.protocol === 'http:' && !options.allowInsecureHttp && !isLoopbackHost(u.hostname)) {
    throw new TypeError(`plain http to ${u.hostname} would send credentials in clear text: use https, or set allowInsecureHttp`);
  }
  if (options.tls && u.protocol !== 'https:') throw new TypeError('tls options need an https: URL');
  if (options.tls && options.fetch) throw new TypeError('tls options and a custom fetch cannot be combined: configure trust in that fetch');
  if (options.tls && options.tls.ca === undefined && options.tls.fingerprint256 === undefined) throw new TypeError('tls needs ca or fingerprint256');
  if (options.tls?.fingerprint256 !== undefined) normalizeFingerprint(options.tls.fingerprint256);
  u.hash = '';
  return u;
}

/** `AB:cd:...` -> `ABCD...`; throws TypeError unless it is 32 bytes of hex. */
export function normalizeFingerprint(fp: string): string {
  const hex = fp.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new TypeError('fingerprint256 must be a sha256 fingerprint: 64 hex digits, optionally separated by colons');
  return hex;
}

// ---------------------------------------------------------------------------------------------------
// The transport

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 250;
const DEFAULT_MAX_RETRY_DELAY_MS = 5_000;

/** HTTP statuses of a read that are worth another attempt by default. */
export function defaultRetryable(response: HttpResponse): boolean {
  return response.status === 429 || response.status === 502 || response.status === 503 || response.status === 504;
}

const TLS_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

export class Transport {
  readonly #fetch: FetchLike;
  readonly #secrets: readonly string[];
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoff: BackoffOptions;
  readonly #log: LogHook | undefined;

  /** `secrets`: the credentials of the client, redacted from everything this transport reports. */
  constructor(options: TransportOptions, secrets: readonly string[]) {
    this.#secrets = secrets.filter((s) => s !== '');
    this.#timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.#retries = Math.floor(nonNegative(options.retries, DEFAULT_RETRIES, 'retries'));
    this.#backoff = {
      baseMs: nonNegative(options.retryDelayMs, DEFAULT_RETRY_DELAY_MS, 'retryDelayMs'),
      maxMs: nonNegative(options.maxRetryDelayMs, DEFAULT_MAX_RETRY_DELAY_MS, 'maxRetryDelayMs'),
      random: options.random ?? Math.random,
    };
    this.#log = options.log;
    if (options.tls && options.fetch) throw new TypeError('tls options and a custom fetch cannot be combined: configure trust in that fetch');
    this.#fetch = options.tls ? nodeTlsFetch(options.tls) : (options.fetch ?? ((url, init) => globalThis.fetch(url, init as RequestInit)));
  }

  /** Redacts this client's secrets (and `extra`) from a text. */
  redact(text: string, extra: readonly string[] = []): string {
    return redactText(text, [...this.#secrets, ...extra]);
  }

  /** Redacts an error in place (see `scrubError`). */
  scrub<E>(error: E, extra: readonly string[] = []): E {
    return scrubError(error, [...this.#secrets, ...extra]);
  }

  /** `url` as it may be shown. */
  showUrl(url: URL | string, extra: readonly string[] = []): string {
    return redactUrl(url, [...this.#secrets, ...extra]);
  }

  /** An HttpError for an answer the client cannot use. */
  httpError(request: HttpRequest, response: HttpResponse): HttpError {
    return new HttpError(response.status, request.method, this.showUrl(request.url, request.secrets), response.headers.get('content-type') ?? undefined);
  }

  /**
   * Sends a request; answers of any HTTP status are returned (the client decides), after the retries a
   * read is allowed. Throws TimeoutError, AbortError, TlsError or NetworkError.
   */
  async request(request: HttpRequest): Promise<HttpResponse> {
    const secrets = [...this.#secrets, ...(request.secrets ?? [])];
    const shownUrl = redactUrl(request.url, secrets);
    const attempts = request.idempotent ? this.#retries + 1 : 1;
    const timeoutMs = positive(request.timeoutMs, this.#timeoutMs, 'timeoutMs');
    const retryable = request.retryable ?? defaultRetryable;
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted) throw new AbortError(`${request.method} ${shownUrl} aborted`);
      const started = Date.now();
      let outcome: { response: HttpResponse } | { error: ClientError; retry: boolean };
      try {
        const response = await this.#once(request, timeoutMs);
        outcome = { response };
      } catch (e) {
        outcome = this.#classify(e, request, shownUrl, timeoutMs, secrets);
      }
      const durationMs = Date.now() - started;
      const more = attempt < attempts && ('response' in outcome ? retryable(outcome.response) : outcome.retry);
      const delay = more ? this.#retryDelay(attempt, 'response' in outcome ? outcome.response : undefined) : undefined;
      this.#emit(request.method, shownUrl, attempt, durationMs, outcome, delay);
      if (delay === undefined) {
        if ('response' in outcome) return outcome.response;
        throw outcome.error;
      }
      await sleep(delay, request.signal).catch(() => {
        throw new AbortError(`${request.method} ${shownUrl} aborted`);
      });
    }
  }

  async #once(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const init: FetchInit = {
      method: request.method,
      headers: { ...request.headers },
      signal,
      redirect: 'manual',
      ...(request.body !== undefined ? { body: request.body } : {}),
    };
    const res = await this.#fetch(request.url.toString(), init);
    const body = new Uint8Array(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body, text: () => new TextDecoder().decode(body) };
  }

  #classify(e: unknown, request: HttpRequest, shownUrl: string, timeoutMs: number, secrets: readonly string[]): { error: ClientError; retry: boolean } {
    const what = `${request.method} ${shownUrl}`;
    if (request.signal?.aborted) return { error: new AbortError(`${what} aborted`), retry: false };
    if (e instanceof TlsError) return { error: scrubError(e, secrets), retry: false };
    if (isAbortLike(e)) return { error: new TimeoutError(`${what}: no complete answer within ${timeoutMs} ms`, timeoutMs), retry: true };
    const code = errorCode(e);
    const cause = sanitizeError(e, secrets);
    if (code !== undefined && TLS_CODES.has(code)) {
      return { error: new TlsError(`${what}: the server certificate is not trusted (${code}); see the tls option to trust a CA or pin a fingerprint`, code, { cause }), retry: false };
    }
    const detail = code ?? (e instanceof Error ? redactText(e.message, secrets) : 'unknown error');
    return { error: new NetworkError(`${what} failed: ${detail}`, code, { cause }), retry: true };
  }

  #retryDelay(attempt: number, response: HttpResponse | undefined): number {
    const delay = backoffDelay(attempt, this.#backoff);
    const after = response?.headers.get('retry-after');
    if (after && /^\d+$/.test(after.trim())) return Math.min(this.#backoff.maxMs, Math.max(delay, Number(after.trim()) * 1000));
    return delay;
  }

  #emit(method: string, url: string, attempt: number, durationMs: number, outcome: { response: HttpResponse } | { error: ClientError }, retryInMs: number | undefined): void {
    if (!this.#log) return;
    const base = { method, url, attempt, durationMs, ...(retryInMs !== undefined ? { retryInMs } : {}) };
    const event: LogEvent =
      'response' in outcome ? { ...base, status: outcome.response.status } : { ...base, error: this.redact(`${outcome.error.name}: ${outcome.error.message}`) };
    const result = event.status !== undefined ? String(event.status) : `failed (${event.error})`;
    const line = `${method} ${url} -> ${result} (${durationMs} ms${attempt > 1 ? `, attempt ${attempt}` : ''})${retryInMs !== undefined ? `; retrying in ${retryInMs} ms` : ''}`;
    try {
      this.#log(this.redact(line), event);
    } catch {
      // a failing log hook must not fail the request
    }
  }
}

function positive(v: number | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number of milliseconds`);
  return v;
}

function nonNegative(v: number | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be zero or more`);
  return v;
}

function isAbortLike(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');
}

/** The system error code of a failure, looking through `cause` (fetch wraps socket errors in `TypeError: fetch failed`). */
function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, i = 0; cur instanceof Error && i < 8; cur = cur.cause, i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'ERR_INVALID_ARG_TYPE') return code;
    if (cur instanceof AggregateError) {
      for (const inner of cur.errors) {
        const c = errorCode(inner);
        if (c !== undefined) return c;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// fetch over node:tls, for custom trust

/**
 * A fetch-compatible function over `node:tls` + `node:https` with custom trust (see TlsOptions). The
 * TLS connection is made and checked before the request is written; then the request goes over that
 * connection (`Connection: close`). Only what the clients use: method, headers, a string or bytes body,
 * signal; redirects are not followed. Node only.
 */
export function nodeTlsFetch(tls: TlsOptions): FetchLike {
  const pin = tls.fingerprint256 !== undefined ? normalizeFingerprint(tls.fingerprint256) : undefined;
  const ca = tls.ca === undefined ? undefined : typeof tls.ca === 'string' ? [tls.ca] : [...tls.ca];
  if (pin === undefined && ca === undefined) throw new TypeError('tls needs ca or fingerprint256');
  return async (url, init) => {
    const u = new URL(url);
    if (u.protocol !== 'https:') throw new TypeError('tls options need an https: URL');
    const [tlsModule, https, net] = await Promise.all([import('node:tls'), import('node:https'), import('node:net')]);
    init.signal.throwIfAborted();
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const port = u.port === '' ? 443 : Number(u.port);
    const socket = await new Promise<import('node:tls').TLSSocket>((resolve, reject) => {
      const s = tlsModule.connect({
        host,
        port,
        ...(net.isIP(host) === 0 ? { servername: host } : {}),
        ...(ca !== undefined ? { ca } : {}),
        // With a pin alone the chain is not required to verify (self-signed certificates): the pin is checked below.
        rejectUnauthorized: pin === undefined || ca !== undefined,
        ALPNProtocols: ['http/1.1'],
      });
      const onAbort = () => {
        s.destroy();
        reject(init.signal.reason);
      };
      init.signal.addEventListener('abort', onAbort, { once: true });
      s.once('secureConnect', () => {
        init.signal.removeEventListener('abort', onAbort);
        if (pin !== undefined) {
          const got = s.getPeerCertificate()?.fingerprint256;
          if (typeof got !== 'string' || got.replace(/:/g, '').toUpperCase() !== pin) {
            s.destroy();
            reject(new TlsError(`the certificate of ${u.host} does not match the pinned sha256 fingerprint`, 'FINGERPRINT_MISMATCH'));
            return;
          }
        }
        resolve(s);
      });
      s.once('error', (e) => {
        init.signal.removeEventListener('abort', onAbort);
        reject(e);
      });
    });
    return await new Promise<Response>((resolve, reject) => {
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : Buffer.from(init.body);
      const req = https.request(
        {
          method: init.method,
          host,
          port,
          path: `${u.pathname}${u.search}`,
          headers: { ...init.headers, host: u.host, connection: 'close', ...(body ? { 'content-length': String(body.length) } : {}) },
          createConnection: () => socket,
          signal: init.signal,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) {
              if (Array.isArray(v)) for (const x of v) headers.append(k, x);
              else if (v !== undefined) headers.set(k, v);
            }
            const status = res.statusCode ?? 0;
            const bytes = Buffer.concat(chunks);
            const nullBody = bytes.length === 0 || status === 204 || status === 304;
            try {
              resolve(new Response(nullBody ? null : bytes, { status, headers }));
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      req.on('error', (e) => {
        socket.destroy();
        reject(e);
      });
      req.end(body);
    });
  };
}
