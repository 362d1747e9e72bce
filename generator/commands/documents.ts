/**
 * The documents the CLI can validate and format, and how it recognises them:
 * - Plesk packets (XML): a response carries `<result>` (per operation) or `<system>`; anything else
 *   rooted at `<packet>` is a request (`--kind` forces one);
 * - JetBackup 5 payloads (JSON): an object with `success` is an envelope (typed by what `data` holds);
 * - Akeeba Backup payloads (JSON): an object with a numeric `status` and `data` is a v2 envelope.
 * `--api` and `--type NAME` force the API and the schema type (any `$defs` name of that API).
 * Codecs come from generated/ and are loaded on first use, so generate/check work even when
 * generated/ is missing or stale.
 */
import type { Codec } from '../../templates/runtime/codec.js';
import type { Issue } from '../../templates/runtime/errors.js';
import type { JsonCodec } from '../../templates/runtime/json-codec.js';
import { readJson } from '../../templates/runtime/json-reader.js';
import { XmlReader, type XmlEventHandler } from '../../templates/runtime/xml-reader.js';
import { UsageError } from './usage.js';

export type PacketKind = 'request' | 'response';
export type Api = 'plesk' | 'jetbackup' | 'akeeba';
export const APIS: readonly Api[] = ['plesk', 'jetbackup', 'akeeba'];

export interface DetectOptions {
  readonly api?: Api | undefined;
  readonly kind?: PacketKind | undefined;
  readonly type?: string | undefined;
  /** JSON: ignore missing required properties (documentation fragments). */
  readonly partial?: boolean | undefined;
  /** The file's name: a `.xml` or `.json` extension says what the document is meant to be. */
  readonly fileName?: string | undefined;
}

/** A recognised document: what it is, and how to check and print it. */
export interface DetectedDocument {
  readonly api: Api;
  /** `request` / `response` for Plesk, the schema type for JSON APIs. */
  readonly what: string;
  /** Errors and warnings ([] when clean). */
  validate(): Issue[];
  /** Canonical text, or the issues that prevent it. */
  format(): { ok: true; text: string } | { ok: false; issues: readonly Issue[] };
}

/** Reads an XML document once: root name and whether it looks like a response. Throws XmlParseError. */
export function sniffXml(input: Uint8Array): { root: string; response: boolean } {
  let root = '';
  let response = false;
  const handler: XmlEventHandler = {
    open(name) {
      if (root === '') root = name;
      else if (name === 'result' || name === 'system') response = true;
    },
    text() {},
    close() {},
  };
  new XmlReader(handler).parse(input);
  return { root, response };
}

export async function pleskCodec(kind: PacketKind): Promise<Codec<unknown>> {
  const module = kind === 'request'
    ? await import('../../generated/plesk/request/index.js')
    : await import('../../generated/plesk/response/index.js');
  return module.PacketCodec as unknown as Codec<unknown>;
}

async function jsonModule(api: 'jetbackup' | 'akeeba'): Promise<Record<string, unknown>> {
  return api === 'jetbackup'
    ? ((await import('../../generated/jetbackup/index.js')) as Record<string, unknown>)
    : ((await import('../../generated/akeeba/index.js')) as Record<string, unknown>);
}

async function jsonCodecOf(api: 'jetbackup' | 'akeeba', type: string): Promise<JsonCodec<unknown> | undefined> {
  const codec = (await jsonModule(api))[`${type}Codec`];
  return codec && typeof codec === 'object' && 'validateJson' in codec ? (codec as JsonCodec<unknown>) : undefined;
}

/** Decides what a document is. Throws UsageError (unknown document), XmlParseError or JsonParseError. */
export async function detect(input: Uint8Array, options: DetectOptions = {}): Promise<DetectedDocument> {
  const ext = options.fileName?.toLowerCase().match(/\.(xml|json)$/)?.[1];
  const api = options.api ?? (ext === 'xml' ? 'plesk' : undefined);
  if (api === 'plesk' || (api === undefined && ext !== 'json' && firstChar(input) === '<')) {
    if (options.type !== undefined) throw new UsageError('--type is for JSON APIs; use --kind request|response for Plesk packets');
    return detectPlesk(input, options.kind);
  }
  if (options.kind !== undefined) throw new UsageError('--kind is for Plesk packets; use --type NAME for JSON APIs');
  if (api === undefined && ext !== 'json' && firstChar(input) !== '{' && firstChar(input) !== '[') {
    const text = new TextDecoder().decode(input.subarray(0, 4096));
    if (/^\s*(success|data|system|jobs):/m.test(text)) {
      throw new UsageError('this looks like JetBackup plain output (`-O plain`, the default of jetbackup5api), not JSON: run the call with `-O json`');
    }
    throw new UsageError('not XML or JSON: expected a Plesk packet or a JetBackup/Akeeba JSON payload');
  }
  const value = readJson(input);
  const chosen = api ?? (options.type !== undefined ? await apiOfType(options.type) : sniffJsonApi(value));
  if (chosen === undefined) {
    throw new UsageError('JSON that is neither a JetBackup envelope ({success, ...}) nor an Akeeba envelope ({status, data}): say which with --api jetbackup|akeeba --type NAME');
  }
  if (chosen === 'plesk') throw new UsageError('a Plesk packet is XML, not JSON');
  const type = options.type ?? (chosen === 'jetbackup' ? jetbackupType(value) : akeebaType(value));
  const codec = await jsonCodecOf(chosen, type);
  if (!codec) throw new UsageError(`unknown ${chosen} type "${type}" (a $defs name of schemas/${chosen}/)`);
  const partial = options.partial ?? false;
  return {
    api: chosen,
    what: type,
    validate: () => codec.validateJson(input, { partial }),
    format: () => {
      const r = codec.safeDecode(input, { partial });
      return r.ok ? { ok: true, text: codec.encode(r.value, { indent: 2, partial }) } : { ok: false, issues: r.issues };
    },
  };
}

async function detectPlesk(input: Uint8Array, forced: PacketKind | undefined): Promise<DetectedDocument> {
  const { root, response } = sniffXml(input);
  if (root !== 'packet') throw new UsageError(`unknown root element <${root}>: expected a Plesk <packet>`);
  const kind = forced ?? (response ? 'response' : 'request');
  const codec = await pleskCodec(kind);
  return {
    api: 'plesk',
    what: kind,
    validate: () => codec.validateXml(input),
    format: () => {
      const r = codec.safeDecode(input);
      return r.ok ? { ok: true, text: codec.encode(r.value, { indent: '  ', declaration: true }) } : { ok: false, issues: r.issues };
    },
  };
}

function firstChar(input: Uint8Array): string {
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === 0xef && input[i + 1] === 0xbb && input[i + 2] === 0xbf) {
      i += 2;
      continue;
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return String.fromCharCode(c);
  }
  return '';
}

/** The JSON API whose schemas declare `type` (`--type` without `--api`). */
async function apiOfType(type: string): Promise<Api> {
  const found: Api[] = [];
  for (const api of ['jetbackup', 'akeeba'] as const) if (await jsonCodecOf(api, type)) found.push(api);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new UsageError(`unknown type "${type}": no $defs of schemas/jetbackup/ or schemas/akeeba/ has that name`);
  throw new UsageError(`type "${type}" exists in ${found.join(' and ')}: say which with --api`);
}

function sniffJsonApi(value: unknown): Api | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  if ('success' in value) return 'jetbackup';
  if ('status' in value && 'data' in value && typeof (value as { status: unknown }).status === 'number') return 'akeeba';
  return undefined;
}

/** JetBackup envelope: the response type from `success` and what `data` holds. */
function jetbackupType(value: unknown): string {
  const v = value as { success?: unknown; data?: unknown };
  if (v.success === 0 || v.success === false) return 'ErrorResponse';
  const data = v.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    if ('jobs' in data) return 'ListBackupJobsResponse';
    if ('_id' in data && ('contains' in data || 'destination' in data || 'structure' in data)) return 'GetBackupJobResponse';
  }
  return 'Envelope';
}

/** Akeeba v2 envelope: the response type from `status` and what `data` holds. */
function akeebaType(value: unknown): string {
  const v = value as { status?: unknown; data?: unknown };
  if (v.status !== 200) return 'ErrorResponse';
  const data = v.data;
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    if ('HasRun' in data) return 'StepBackupResponse';
    if ('api' in data && 'component' in data) return 'GetVersionResponse';
  }
  return 'Envelope';
}
