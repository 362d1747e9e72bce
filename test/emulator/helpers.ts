/**
 * Helpers of the emulator tests: real HTTP (fetch) to an emulator on 127.0.0.1, port 0, with an injected
 * clock; every answer body is checked against the generated codecs before a test looks at it.
 */
import { expect } from 'vitest';
import * as akeeba from '../../generated/akeeba/index.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../generated/emulator/index.js';
import * as jetbackup from '../../generated/jetbackup/index.js';
import { encodeBackupManagerRequest, type BackupManagerOperation } from '../../generated/plesk/backup-manager.js';
import { PacketCodec as ResponsePacketCodec } from '../../generated/plesk/response/index.js';
import { akeebaFormParams, encodeForm, toFormPairs, type JsonCodec } from '../../generated/runtime/index.js';

export const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);

export interface TestEmulator {
  readonly emu: Emulator;
  /** Moves the injected clock forward. */
  advance(ms: number): void;
  now(): number;
}

export async function start(options: Omit<EmulatorOptions, 'clock'> = {}): Promise<TestEmulator> {
  let now = T0;
  const emu = await startEmulator({ akeeba: { secret: 'test-secret', sleepTime: 5 }, ...options, clock: () => now });
  return { emu, advance: (ms) => void (now += ms), now: () => now };
}

export interface HttpResult {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
  readonly text: string;
}

async function result(r: Response): Promise<HttpResult> {
  const bytes = new Uint8Array(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, bytes, text: new TextDecoder().decode(bytes) };
}

// ---------------------------------------------------------------------------------------------------
// Plesk

export function loginHeaders(emu: Emulator): Record<string, string> {
  return { HTTP_AUTH_LOGIN: emu.credentials.plesk.login, HTTP_AUTH_PASSWD: emu.credentials.plesk.password };
}

/** POSTs a packet (raw XML or operations encoded by the SDK); XML answers must validate as response packets. */
export async function plesk(
  emu: Emulator,
  packet: string | readonly BackupManagerOperation[],
  headers: Record<string, string> = loginHeaders(emu),
): Promise<HttpResult> {
  const body = typeof packet === 'string' ? packet : encodeBackupManagerRequest(packet);
  const r = await result(await fetch(emu.plesk.endpoint, { method: 'POST', headers: { 'Content-Type': 'text/xml', ...headers }, body }));
  if ((r.headers.get('content-type') ?? '').startsWith('text/xml')) expect(ResponsePacketCodec.validateXml(r.text)).toEqual([]);
  return r;
}

/** The `<system>` error of a packet-level refusal. */
export function systemError(text: string): { errcode: number | undefined; errtext: string | undefined } {
  const value = ResponsePacketCodec.decode(text);
  expect(value.system).toBeDefined();
  return { errcode: value.system?.errcode, errtext: value.system?.errtext };
}

// ---------------------------------------------------------------------------------------------------
// Akeeba

export async function akeebaCall(
  emu: Emulator,
  method: string,
  args: object = {},
  options: { secret?: string | null; via?: 'header' | 'query'; verb?: 'GET' | 'POST'; url?: string } = {},
): Promise<HttpResult> {
  const secret = options.secret === undefined ? 'test-secret' : options.secret;
  const pairs = akeebaFormParams(method, args);
  const base = options.url ?? emu.akeeba.endpoint;
  const sep = base.includes('?') ? '&' : '?';
  const auth = secret !== null && options.via === 'query' ? `${sep}_akeebaAuth=${encodeURIComponent(secret)}` : '';
  const headers: Record<string, string> = secret !== null && options.via !== 'query' ? { 'X-Akeeba-Auth': secret } : {};
  const url = `${base}${auth}`;
  const r =
    options.verb === 'GET'
      ? await fetch(`${url}${url.includes('?') ? '&' : '?'}${encodeForm(pairs)}`, { headers })
      : await fetch(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' }, body: encodeForm(pairs) });
  return result(r);
}

/** The JSON body of an Akeeba reply, validated (no errors, no warnings) by `codec` when status is 200, else ErrorResponse. */
export function akeebaBody<T>(r: HttpResult, codec: JsonCodec<T>): { status: number; data: unknown; value: T | akeeba.ErrorResponse } {
  expect(r.status).toBe(200);
  const parsed = JSON.parse(r.text) as { status: number; data: unknown };
  const use = (parsed.status === 200 ? codec : akeeba.ErrorResponseCodec) as JsonCodec<unknown>;
  expect(use.validateJson(r.text)).toEqual([]);
  return { status: parsed.status, data: parsed.data, value: use.decode(r.text) as T | akeeba.ErrorResponse };
}

// ---------------------------------------------------------------------------------------------------
// JetBackup

export function jetAuth(emu: Emulator): Record<string, string> {
  return { Authorization: `whm ${emu.credentials.jetbackup.user}:${emu.credentials.jetbackup.token}` };
}

export async function jet(emu: Emulator, fn: string, wire: object = {}, headers: Record<string, string> = jetAuth(emu)): Promise<HttpResult> {
  const body = encodeForm([['function', fn], ...toFormPairs(wire)]);
  return result(await fetch(emu.jetbackup.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body }));
}

/** A JetBackup reply validated (no errors, no warnings) by `codec` when success is 1, else by ErrorResponse. */
export function jetBody<T>(r: HttpResult, codec: JsonCodec<T>): T {
  expect(r.status).toBe(200);
  const parsed = JSON.parse(r.text) as { success: number };
  expect(parsed.success).toBe(1);
  expect(codec.validateJson(r.text)).toEqual([]);
  return codec.decode(r.text);
}

export function jetError(r: HttpResult): jetbackup.ErrorResponse {
  expect(r.status).toBe(200);
  expect(jetbackup.ErrorResponseCodec.validateJson(r.text)).toEqual([]);
  const e = jetbackup.ErrorResponseCodec.decode(r.text);
  expect(e.success).toBe(0);
  expect(e.message).not.toBe('');
  return e;
}
