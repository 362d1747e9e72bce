/**
 * The shared transport on its own: redaction, the backoff schedule, URL checks, and behaviour over real
 * sockets against a tiny node:http(s) server in this file (the clients themselves are tested against the
 * emulator): retries only for reads, timeouts, cancellation, no redirects, TLS trust by CA or fingerprint.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  backoffDelay,
  backoffSchedule,
  HttpError,
  NetworkError,
  parseEndpoint,
  PleskClient,
  redactText,
  redactUrl,
  REDACTED,
  sanitizeError,
  scrubError,
  TimeoutError,
  TlsError,
  Transport,
  type HttpRequest,
  type TransportOptions,
} from '../../generated/clients/index.js';
import { errorTexts, hasOpenssl, makeCerts, rejectionOf, tinyServer, type TinyServer } from './helpers.js';

const SECRET = 'S3cr&t<pass>"word"+/=';

describe('redaction', () => {
  it('replaces a secret in every form it may take: raw, URL/form-encoded, JSON- and XML-escaped', () => {
    const text = [
      `raw ${SECRET}`,
      `url ${encodeURIComponent(SECRET)}`,
      `form ${'S3cr%26t%3Cpass%3E%22word%22%2B%2F%3D'}`,
      `json ${JSON.stringify(SECRET)}`,
      `xml S3cr&amp;t&lt;pass&gt;&quot;word&quot;+/=`,
    ].join('\n');
    const out = redactText(text, [SECRET]);
    expect(out).not.toContain('S3cr');
    expect(out.split(REDACTED).length - 1).toBe(5);
  });

  it('replaces the longest secret first and ignores empty secrets', () => {
    expect(redactText('key abcdef and abc', ['abc', 'abcdef', ''])).toBe(`key ${REDACTED} and ${REDACTED}`);
    expect(redactText('nothing here', [''])).toBe('nothing here');
  });

  it('shows URLs without user info, sensitive query values or WHM session paths', () => {
    expect(redactUrl('https://u:pw@panel.example:8443/enterprise/control/agent.php')).toBe('https://panel.example:8443/enterprise/control/agent.php');
    const shown = redactUrl('https://site.example/index.php?option=com_akeebabackup&_akeebaAuth=topsecret&view=api&api_key=k1&token=t');
    expect(shown).toBe(`https://site.example/index.php?option=com_akeebabackup&_akeebaAuth=${REDACTED}&view=api&api_key=${REDACTED}&token=${REDACTED}`);
    expect(redactUrl('https://whm.example:2087/cpsess0123456789/cgi/addons/jetbackup5/api.cgi')).toBe(`https://whm.example:2087/cpsess${REDACTED}/cgi/addons/jetbackup5/api.cgi`);
    expect(redactUrl('https://h.example/p?note=hunter2', ['hunter2'])).toBe(`https://h.example/p?note=${REDACTED}`);
    expect(redactUrl('not a url')).toBe(REDACTED);
  });

  it('sanitizes whole cause chains, AggregateErrors included, keeping codes', () => {
    const inner = Object.assign(new Error(`connect failed for ${SECRET}`), { code: 'ECONNREFUSED', secretField: SECRET });
    const agg = new AggregateError([inner, new Error(`second ${SECRET}`)], `all failed ${SECRET}`);
    const top = new TypeError('fetch failed', { cause: agg });
    const safe = sanitizeError(top, [SECRET]);
    expect(errorTexts(safe)).not.toContain('S3cr');
    expect(safe.name).toBe('TypeError');
    const cause = safe.cause as AggregateError & { errors: Error[] };
    expect(cause.errors).toHaveLength(2);
    expect((cause.errors[0] as Error & { code?: string }).code).toBe('ECONNREFUSED');
    expect((cause.errors[0] as unknown as Record<string, unknown>)['secretField']).toBeUndefined();
  });

  it('scrubs an error in place: class and typed fields kept, texts redacted', () => {
    class Refused extends Error {
      readonly errtext = `bad password ${SECRET}`;
      readonly errcode = 1001;
      readonly issues = [{ path: '/x', code: 'pattern', message: `'${SECRET}' does not match` }];
    }
    const e = scrubError(new Refused(`refused ${SECRET}`, { cause: new Error(SECRET) }), [SECRET]);
    expect(e).toBeInstanceOf(Refused);
    expect(e.errcode).toBe(1001);
    expect(errorTexts(e)).not.toContain('S3cr');
    expect(e.message).toBe(`refused ${REDACTED}`);
  });
});

describe('backoff', () => {
  it('doubles from the base delay up to the cap, without jitter', () => {
    expect(backoffSchedule(7, { baseMs: 250, maxMs: 5_000 })).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(backoffSchedule(3, { baseMs: 100, maxMs: 10_000, factor: 3 })).toEqual([100, 300, 900]);
    expect(backoffSchedule(0, { baseMs: 100, maxMs: 1000 })).toEqual([]);
  });

  it('draws a jittered delay from [d/2, d]', () => {
    expect(backoffDelay(3, { baseMs: 250, maxMs: 5_000, random: () => 0 })).toBe(500);
    expect(backoffDelay(3, { baseMs: 250, maxMs: 5_000, random: () => 0.999999 })).toBe(1000);
    expect(backoffDelay(10, { baseMs: 250, maxMs: 5_000, random: () => 0.5 })).toBe(3750);
  });
});

describe('endpoint checks', () => {
  it('refuses user info in the URL without repeating it', () => {
    const e = (() => {
      try {
        parseEndpoint(`https://admin:${SECRET}@panel.example/`);
      } catch (x) {
        return x;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(TypeError);
    expect(errorTexts(e)).not.toContain('S3cr');
  });

  it('allows plain http only to loopback unless told otherwise; tls options need https', () => {
    expect(parseEndpoint('http://127.0.0.1:1234/x').port).toBe('1234');
    expect(parseEndpoint('http://localhost/x').hostname).toBe('localhost');
    expect(parseEndpoint('http://[::1]:80/').hostname).toBe('[::1]');
    expect(() => parseEndpoint('http://panel.example/')).toThrow(/clear text/);
    expect(parseEndpoint('http://panel.example/', { allowInsecureHttp: true }).hostname).toBe('panel.example');
    expect(() => parseEndpoint('ftp://panel.example/')).toThrow(/http: or https:/);
    expect(() => parseEndpoint('http://127.0.0.1/', { tls: { ca: 'x' } })).toThrow(/https/);
    expect(() => parseEndpoint('https://h.example/', { tls: { fingerprint256: 'abc' } })).toThrow(/64 hex/);
    expect(() => parseEndpoint('https://h.example/', { tls: {} })).toThrow(/ca or fingerprint256/);
  });
});

describe('over HTTP (tiny server)', () => {
  let server: TinyServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const fast: TransportOptions = { retries: 2, retryDelayMs: 5, maxRetryDelayMs: 20 };
  const req = (url: string, idempotent: boolean, extra: Partial<HttpRequest> = {}): HttpRequest => ({
    method: 'POST',
    url: new URL(url),
    headers: { 'X-Secret': SECRET },
    body: 'x',
    idempotent,
    ...extra,
  });

  it('retries a read on 503 and returns the answer that follows', async () => {
    server = await tinyServer((_r, res, n) => {
      res.statusCode = n < 3 ? 503 : 200;
      res.end(n < 3 ? 'busy' : 'ok');
    });
    const lines: string[] = [];
    const t = new Transport({ ...fast, log: (l) => lines.push(l) }, [SECRET]);
    const res = await t.request(req(server.url, true));
    expect(res.status).toBe(200);
    expect(res.text()).toBe('ok');
    expect(server.seen).toHaveLength(3);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/ -> 503 \(\d+ ms\); retrying in \d+ ms$/);
    expect(lines[2]).toMatch(/-> 200 \(\d+ ms, attempt 3\)$/);
    expect(lines.join('\n')).not.toContain('S3cr');
  });

  it('sends a write once, whatever the answer', async () => {
    server = await tinyServer((_r, res) => {
      res.statusCode = 503;
      res.end('busy');
    });
    const t = new Transport(fast, [SECRET]);
    const res = await t.request(req(server.url, false));
    expect(res.status).toBe(503);
    expect(server.seen).toHaveLength(1);
  });

  it('retries a read after a network error, and reports it redacted', async () => {
    server = await tinyServer(() => {});
    const url = server.url;
    await server.close();
    server = undefined;
    const lines: string[] = [];
    const t = new Transport({ ...fast, log: (l) => lines.push(l) }, [SECRET]);
    const e = await rejectionOf(t.request(req(`${url}?token=${encodeURIComponent(SECRET)}`, true)));
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).code).toBe('ECONNREFUSED');
    expect(lines).toHaveLength(3);
    expect(errorTexts(e) + lines.join('\n')).not.toContain('S3cr');
    const once = new Transport({ ...fast, log: (l) => lines.push(l) }, [SECRET]);
    lines.length = 0;
    await rejectionOf(once.request(req(url, false)));
    expect(lines).toHaveLength(1);
  });

  it('times out an attempt that hangs (TimeoutError), and retries it only for reads', async () => {
    server = await tinyServer(() => {
      /* never answers */
    });
    const t = new Transport({ ...fast, timeoutMs: 100 }, [SECRET]);
    const started = Date.now();
    const e = await rejectionOf(t.request(req(server.url, false)));
    expect(e).toBeInstanceOf(TimeoutError);
    expect((e as TimeoutError).timeoutMs).toBe(100);
    expect(server.seen).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2_000);
    await rejectionOf(t.request(req(server.url, true)));
    expect(server.seen).toHaveLength(4);
  });

  it("stops at once when the caller's signal fires (AbortError), during a request or a retry wait, for reads and writes", async () => {
    server = await tinyServer((r, res) => {
      if (r.body === 'hang') return;
      res.statusCode = 503;
      res.end();
    });
    const t = new Transport({ retries: 5, retryDelayMs: 10_000, maxRetryDelayMs: 10_000, timeoutMs: 30_000 }, [SECRET]);
    const abortSoon = (ms: number) => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(), ms);
      return ac.signal;
    };
    const started = Date.now();
    // during a request: a read, then a write (which has no retry loop to fall back on)
    expect(await rejectionOf(t.request(req(server.url, true, { body: 'hang', signal: abortSoon(50) })))).toBeInstanceOf(AbortError);
    expect(await rejectionOf(t.request(req(server.url, false, { body: 'hang', signal: abortSoon(50) })))).toBeInstanceOf(AbortError);
    // during the wait before a retry
    expect(await rejectionOf(t.request(req(server.url, true, { signal: abortSoon(100) })))).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.seen).toHaveLength(3);
    // already aborted: nothing is sent
    const ac = new AbortController();
    ac.abort();
    expect(await rejectionOf(t.request(req(server.url, true, { signal: ac.signal })))).toBeInstanceOf(AbortError);
    expect(server.seen).toHaveLength(3);
  });

  it('does not follow redirects (they would replay the credential headers elsewhere)', async () => {
    let elsewhere = 0;
    const target = await tinyServer((_r, res) => {
      elsewhere++;
      res.end('<packet/>');
    });
    server = await tinyServer((_r, res) => {
      res.statusCode = 307;
      res.setHeader('location', `${target.url}enterprise/control/agent.php`);
      res.end();
    });
    const plesk = new PleskClient({ url: `${server.url}enterprise/control/agent.php`, login: 'admin', password: SECRET });
    const e = await rejectionOf(plesk.getSupportedProtocols());
    await target.close();
    expect(e).toBeInstanceOf(HttpError);
    expect((e as HttpError).status).toBe(307);
    expect(elsewhere).toBe(0);
    expect(errorTexts(e)).not.toContain('S3cr');
  });

  it('a failing log hook does not fail the request', async () => {
    server = await tinyServer((_r, res) => res.end('ok'));
    const t = new Transport({
      log: () => {
        throw new Error('hook broke');
      },
    }, []);
    expect((await t.request(req(server.url, false))).status).toBe(200);
  });
});

describe('TLS trust (certificates made with openssl)', () => {
  it('has the openssl command line (a test prerequisite, installed by .ci/run)', () => {
    expect(hasOpenssl(), 'openssl is not on PATH: the TLS tests below cannot make certificates').toBe(true);
  });
  let certs: ReturnType<typeof makeCerts>;
  let caSigned: TinyServer;
  let selfSigned: TinyServer;
  beforeAll(async () => {
    certs = makeCerts();
    caSigned = await tinyServer((_r, res) => res.end('ca-signed'), { key: certs.key, cert: certs.cert });
    selfSigned = await tinyServer((_r, res) => res.end('self-signed'), certs.selfSigned);
  });
  afterAll(async () => {
    await caSigned?.close();
    await selfSigned?.close();
  });
  const get = (url: string): HttpRequest => ({ method: 'POST', url: new URL(url), headers: { 'X-Secret': SECRET }, body: 'x', idempotent: true });

  it('verifies by default: an unknown issuer is a TlsError, never retried, and nothing is sent', async () => {
    const t = new Transport({ retries: 3, retryDelayMs: 1 }, [SECRET]);
    const e = await rejectionOf(t.request(get(selfSigned.url)));
    expect(e).toBeInstanceOf(TlsError);
    expect((e as TlsError).message).toMatch(/not trusted/);
    const e2 = await rejectionOf(t.request(get(caSigned.url)));
    expect(e2).toBeInstanceOf(TlsError);
    expect(selfSigned.seen).toHaveLength(0);
    expect(caSigned.seen).toHaveLength(0);
  });

  it('trusts a given CA (chain and host name still verified)', async () => {
    const t = new Transport({ tls: { ca: certs.caPem } }, [SECRET]);
    const res = await t.request(get(caSigned.url));
    expect(res.text()).toBe('ca-signed');
    expect(caSigned.seen.at(-1)?.headers['x-secret']).toBe(SECRET);
    // The CA did not sign the self-signed certificate.
    expect(await rejectionOf(t.request(get(selfSigned.url)))).toBeInstanceOf(TlsError);
  });

  it('trusts a pinned certificate by its sha256 fingerprint, and refuses any other before writing the request', async () => {
    const pinned = new Transport({ tls: { fingerprint256: certs.selfSigned.fingerprint256.toLowerCase() } }, [SECRET]);
    expect((await pinned.request(get(selfSigned.url))).text()).toBe('self-signed');
    const before = caSigned.seen.length;
    const e = await rejectionOf(pinned.request(get(caSigned.url)));
    expect(e).toBeInstanceOf(TlsError);
    expect((e as TlsError).code).toBe('FINGERPRINT_MISMATCH');
    expect(caSigned.seen).toHaveLength(before);
    expect(errorTexts(e)).not.toContain('S3cr');
  });

  it('with a CA and a pin, both must hold', async () => {
    const both = new Transport({ tls: { ca: certs.caPem, fingerprint256: certs.fingerprint256 } }, [SECRET]);
    expect((await both.request(get(caSigned.url))).text()).toBe('ca-signed');
    const wrongPin = new Transport({ tls: { ca: certs.caPem, fingerprint256: certs.selfSigned.fingerprint256 } }, [SECRET]);
    expect(await rejectionOf(wrongPin.request(get(caSigned.url)))).toBeInstanceOf(TlsError);
  });

  it('a client with tls options talks to a panel with a self-signed certificate', async () => {
    const plesk = new PleskClient({ url: `${selfSigned.url}enterprise/control/agent.php`, secretKey: SECRET, tls: { fingerprint256: certs.selfSigned.fingerprint256 } });
    // The tiny server does not speak Plesk: the point is that the request went through the pinned connection.
    const e = await rejectionOf(plesk.getSupportedProtocols());
    expect(selfSigned.seen.at(-1)?.headers['key']).toBe(SECRET);
    expect(errorTexts(e)).not.toContain('S3cr');
  });
});
