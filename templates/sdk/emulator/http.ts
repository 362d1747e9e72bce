/**
 * HTTP plumbing of the emulator: reading bodies, answering, comparing secrets and redacting what
 * must never reach a log. Node-only (node:http, node:crypto): the emulator is a server.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest request body the emulator reads (bigger ones get HTTP 413). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLarge extends Error {}

/** The whole request body (rejects with BodyTooLarge beyond MAX_BODY_BYTES). */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (req.destroyed) {
      reject(new Error('request aborted'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so that the 413 answer can still be sent.
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new BodyTooLarge(`request body over ${MAX_BODY_BYTES} bytes`));
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('request aborted'));
    });
  });
}

/** What a handler answers; the server writes it (unless the client went away meanwhile). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

export function reply(status: number, contentType: string, body: string | Uint8Array, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers: { 'Content-Type': contentType, ...headers }, body };
}

export function textReply(status: number, text: string, headers: Readonly<Record<string, string>> = {}): Reply {
  return reply(status, 'text/plain; charset=utf-8', text, headers);
}

export function send(res: ServerResponse, r: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  const body = typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body;
  res.writeHead(r.status, { ...r.headers, 'Content-Length': String(body.byteLength) });
  res.end(body);
}

/** One header's value (the first, when repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Media type of the request without parameters, lower case ('' when absent). */
export function mediaType(req: IncomingMessage): string {
  return (header(req, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Constant-time equality of two secrets, whatever their lengths (both are hashed first, so the
 * comparison never returns early and never throws on a length mismatch).
 */
export function secretEquals(given: string | undefined, expected: string): boolean {
  if (given === undefined || expected === '') return false;
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** Request headers that carry credentials in one of the three APIs (lower case). */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  'http_auth_login',
  'http_auth_passwd',
  'key',
  'authorization',
  'x-akeeba-auth',
  'cookie',
  'proxy-authorization',
]);

/** Query parameters that carry credentials (Akeeba's `_akeebaAuth`). */
export const SECRET_PARAMS: ReadonlySet<string> = new Set(['_akeebaauth']);

export const REDACTED = '[redacted]';

/** The request headers with every credential replaced by `[redacted]`. */
export function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** The request target with the values of credential parameters (`_akeebaAuth`) replaced. */
export function redactUrl(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return target;
  const hash = target.indexOf('#', q);
  const query = target.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((piece) => {
      const eq = piece.indexOf('=');
      const rawName = eq < 0 ? piece : piece.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // a malformed escape: compare the raw text
      }
      return SECRET_PARAMS.has(name.toLowerCase()) ? `${rawName}=${REDACTED}` : piece;
    })
    .join('&');
  return `${target.slice(0, q)}?${redacted}`;
}

/** The path of a request target (no query, no fragment). */
export function pathOf(target: string): string {
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}

/** The query string of a request target ('' when none), without `?` and fragment. */
export function queryOf(target: string): string {
  const q = target.indexOf('?');
  if (q < 0) return '';
  const hash = target.indexOf('#', q);
  return target.slice(q + 1, hash < 0 ? undefined : hash);
}
