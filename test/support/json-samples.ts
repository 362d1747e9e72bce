/**
 * The JetBackup 5 and Akeeba Backup reference samples (../shared/reference/<api>/samples/) with their
 * checked-in verdict tables (test/samples/<api>-verdicts.json; the members are described in
 * schemas/<api>/SOURCES.md), and the codecs of the generated modules by `$defs` name.
 *
 * The table must cover the folder exactly: a file without an entry, or an entry without a file, is an
 * error, never a silent skip. The one documented exclusion: the JetBackup table leaves out MANIFEST.md
 * (schemas/jetbackup/SOURCES.md, "MANIFEST.md excluded"); the Akeeba table has an entry for it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as akeeba from '../../generated/akeeba/index.js';
import * as jetbackup from '../../generated/jetbackup/index.js';
import { JsonCodec, type JsonTypeDesc } from '../../generated/runtime/index.js';
import { repoRoot } from './samples.js';

export type JsonApi = 'jetbackup' | 'akeeba';
export const JSON_APIS: readonly JsonApi[] = ['jetbackup', 'akeeba'];

export type JsonVerdict = 'valid' | 'valid-with-warnings' | 'invalid' | 'not-json' | 'out-of-scope';

/** One entry of a verdict table (the union of both tables' members). */
export interface JsonVerdictEntry {
  readonly format: string;
  readonly type?: string;
  readonly partial?: boolean;
  readonly verdict: JsonVerdict;
  /** `"<code> <JSON pointer>"` per issue (warnings included). */
  readonly expect: readonly string[];
  readonly reason?: string;
  /** Akeeba: `line L column C: what` of the first parse error. */
  readonly parseError?: string;
  readonly alsoValidAs?: readonly string[];
  readonly invalidAs?: Readonly<Record<string, readonly string[]>>;
  /** Calls of a modelled function / method. */
  readonly params?: string;
  /** JetBackup: the parameter string with the transport removed; the params type is `type`. */
  readonly query?: string;
  readonly paramsPartial?: boolean;
  /** Akeeba: the params type, the decoded arguments and the parameters that are transport, not arguments. */
  readonly paramsType?: string;
  readonly arguments?: Readonly<Record<string, unknown>>;
  readonly transport?: readonly string[];
  readonly paramsVerdict?: 'valid' | 'invalid';
  readonly paramsExpect?: readonly string[];
}

export interface JsonSample {
  readonly api: JsonApi;
  readonly name: string;
  readonly file: string;
  readonly text: string;
  readonly entry: JsonVerdictEntry;
}

export const VERDICTS = ['valid', 'valid-with-warnings', 'invalid', 'not-json', 'out-of-scope'] as const;

const EXCLUDED: Readonly<Record<JsonApi, readonly string[]>> = { jetbackup: ['MANIFEST.md'], akeeba: [] };

export function samplesDir(api: JsonApi): string {
  return path.resolve(repoRoot, `../shared/reference/${api}/samples`);
}

export function verdictTableFile(api: JsonApi): string {
  return path.resolve(repoRoot, `test/samples/${api}-verdicts.json`);
}

export function readVerdictTable(api: JsonApi): Readonly<Record<string, JsonVerdictEntry>> {
  return JSON.parse(readFileSync(verdictTableFile(api), 'utf8')) as Record<string, JsonVerdictEntry>;
}

/** Files of the folder that need an entry, sorted. */
export function sampleFiles(api: JsonApi): string[] {
  return readdirSync(samplesDir(api))
    .filter((f) => !EXCLUDED[api].includes(f))
    .sort();
}

/** Table entries without a file, and files without an entry. */
export function coverage(api: JsonApi): { missing: string[]; extra: string[] } {
  const files = sampleFiles(api);
  const table = readVerdictTable(api);
  return {
    missing: files.filter((f) => !Object.hasOwn(table, f)),
    extra: Object.keys(table).filter((k) => !files.includes(k)),
  };
}

/** Every sample that has both a file and an entry, sorted by file name (coverage() reports the rest). */
export function listJsonSamples(api: JsonApi): JsonSample[] {
  const table = readVerdictTable(api);
  return sampleFiles(api)
    .filter((f) => Object.hasOwn(table, f))
    .map((name) => {
      const file = path.join(samplesDir(api), name);
      return { api, name, file, text: readFileSync(file, 'utf8'), entry: table[name]! };
    });
}

const MODULES: Readonly<Record<JsonApi, Readonly<Record<string, unknown>>>> = { jetbackup, akeeba };

/** The generated module of an API, as a record of its exports. */
export function apiModule(api: JsonApi): Readonly<Record<string, unknown>> {
  return MODULES[api];
}

/** The codec of a `$defs` name (`XCodec`); throws when the module has none. */
export function codecOf(api: JsonApi, type: string): JsonCodec<unknown> {
  const c = MODULES[api][`${type}Codec`];
  if (!(c instanceof JsonCodec)) throw new Error(`generated/${api} has no codec ${type}Codec`);
  return c as JsonCodec<unknown>;
}

/** The runtime descriptor of a `$defs` name. */
export function descriptorOf(api: JsonApi, type: string): JsonTypeDesc {
  return codecOf(api, type).type;
}

/** Every codec the module exports, by `$defs` name (`BackupJobCodec` -> `BackupJob`), in export order. */
export function codecsOf(api: JsonApi): [string, JsonCodec<unknown>][] {
  return Object.entries(MODULES[api])
    .filter(([k, v]) => k.endsWith('Codec') && v instanceof JsonCodec)
    .map(([k, v]) => [k.slice(0, -'Codec'.length), v as JsonCodec<unknown>]);
}

/** `"<code> <pointer>"`, the form the tables use. */
export function issueKey(i: { readonly code: string; readonly path: string }): string {
  return `${i.code} ${i.path}`;
}

/**
 * The parameter string of a JetBackup call sample, transport removed (SOURCES.md: the CLI's `-F`/`-O`,
 * the HTTP `function=` selector; empty when there is no `-D`): a `jetbackup5api` command line gives its
 * `-D` argument, a URL its query without `function=`, anything else is the query itself.
 */
export function jetbackupQuery(text: string): string {
  const t = text.trim();
  if (t.startsWith('jetbackup5api')) {
    const d = /\s-D\s+(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(t);
    return d ? (d[1] ?? d[2] ?? d[3] ?? '') : '';
  }
  const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^?]*(?:\?(.*))?$/s.exec(t);
  if (url) {
    return (url[1] ?? '')
      .split('&')
      .filter((p) => p !== '' && !p.startsWith('function='))
      .join('&');
  }
  return t;
}

/**
 * The parameters of an Akeeba call sample as one query string per source: a bare query, the query of a
 * URL, or for an HTTP request (`GET url` / `POST url` + headers + blank line + form body) the URL's
 * query and the body.
 */
export function akeebaQueries(text: string): string[] {
  const t = text.replace(/\r\n/g, '\n').trim();
  const request = /^(GET|POST) (\S+)\n?([\s\S]*)$/.exec(t);
  if (request) {
    const [, , url, rest] = request as unknown as [string, string, string, string];
    const blank = rest.indexOf('\n\n');
    const body = blank >= 0 ? rest.slice(blank + 2).trim() : '';
    return [url, ...(body ? [body] : [])];
  }
  return [t];
}
