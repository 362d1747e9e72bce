/** Test helpers of the client tests: a tiny node:http(s) server (for the transport alone) and throw-away certificates. */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface TinyServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

type Handler = (req: SeenRequest, res: ServerResponse, n: number) => void;

/** A server whose handler sees each request (body read) and its 1-based number. */
export async function tinyServer(handler: Handler, tls?: { key: string; cert: string }): Promise<TinyServer> {
  const seen: SeenRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(r);
      handler(r, res, seen.length);
    });
  };
  const server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestCerts {
  readonly caPem: string;
  readonly key: string;
  readonly cert: string;
  /** sha256 fingerprint of `cert`, `AA:BB:...`. */
  readonly fingerprint256: string;
  /** A self-signed certificate and key (no CA) for 127.0.0.1. */
  readonly selfSigned: { readonly key: string; readonly cert: string; readonly fingerprint256: string };
}

/** Whether the openssl command line is there (the TLS tests need it to make certificates). */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A CA, a server certificate it signed for 127.0.0.1/localhost, and a self-signed one (P-256, 2 days). */
export function makeCerts(): TestCerts {
  const dir = mkdtempSync(path.join(tmpdir(), 'client-certs-'));
  const f = (n: string) => path.join(dir, n);
  const run = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    writeFileSync(f('ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    run('req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=Client Test CA');
    run('req', ...ec, '-keyout', f('srv.key'), '-out', f('srv.csr'), '-subj', '/CN=localhost');
    run('x509', '-req', '-in', f('srv.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('srv.pem'), '-days', '2', '-extfile', f('ext'));
    run('req', '-x509', ...ec, '-keyout', f('self.key'), '-out', f('self.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1');
    const read = (n: string) => readFileSync(f(n), 'utf8');
    return {
      caPem: read('ca.pem'),
      key: read('srv.key'),
      cert: read('srv.pem'),
      fingerprint256: new X509Certificate(read('srv.pem')).fingerprint256,
      selfSigned: { key: read('self.key'), cert: read('self.pem'), fingerprint256: new X509Certificate(read('self.pem')).fingerprint256 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every text an error exposes: message, stack, string fields, issues, and the same for its cause chain. */
export function errorTexts(e: unknown, depth = 0): string {
  if (depth > 10 || e === undefined || e === null) return '';
  if (typeof e !== 'object') return String(e);
  const parts: string[] = [];
  if (e instanceof Error) parts.push(e.message, e.stack ?? '', String(e));
  for (const [k, v] of Object.entries(e)) {
    if (k === 'cause') continue;
    parts.push(typeof v === 'string' ? v : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) ?? '');
  }
  if (e instanceof Error && e.cause !== undefined) parts.push(errorTexts(e.cause, depth + 1));
  if (e instanceof AggregateError) for (const x of e.errors) parts.push(errorTexts(x, depth + 1));
  return parts.join('\n');
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
