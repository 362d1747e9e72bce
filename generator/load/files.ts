/**
 * The only place the generator reads files. A `SchemaReader` hands out parsed schema documents;
 * the include walker (resolve/includes.ts) asks it for each file it needs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseJsonTree, type JsonNode } from './json-tree.js';
import { parseXmlTree, type XmlNode } from './xml-tree.js';

export interface SchemaDocument {
  /** Display path (relative to the working directory, `/` separators). */
  readonly file: string;
  /** Absolute path; the identity of the document. */
  readonly absolute: string;
  readonly sha256: string;
  readonly root: XmlNode;
}

export type ReadResult =
  | { readonly ok: true; readonly document: SchemaDocument }
  | { readonly ok: false; readonly reason: 'not-found' | 'unreadable' }
  | { readonly ok: false; readonly reason: 'not-well-formed'; readonly file: string; readonly line: number; readonly message: string };

export interface JsonSchemaDocument {
  readonly file: string;
  readonly absolute: string;
  readonly sha256: string;
  readonly root: JsonNode;
}

export type JsonReadResult =
  | { readonly ok: true; readonly document: JsonSchemaDocument }
  | { readonly ok: false; readonly reason: 'not-found' | 'unreadable' }
  | { readonly ok: false; readonly reason: 'not-well-formed'; readonly file: string; readonly line: number; readonly message: string };

export interface SchemaReader {
  read(absolute: string): ReadResult;
  /** Reads a JSON Schema file. */
  readJson(absolute: string): JsonReadResult;
  /** Display form of a path. */
  display(absolute: string): string;
}

/** Reads schema files from disk; display paths are relative to `cwd`. */
export function fileSystemReader(cwd: string = process.cwd()): SchemaReader {
  const display = (absolute: string): string => {
    const rel = path.relative(cwd, absolute);
    return (rel === '' ? path.basename(absolute) : rel).split(path.sep).join('/');
  };
  return {
    display,
    read(absolute) {
      if (!existsSync(absolute) || !statSync(absolute).isFile()) return { ok: false, reason: 'not-found' };
      let bytes: Buffer;
      try {
        bytes = readFileSync(absolute);
      } catch {
        return { ok: false, reason: 'unreadable' };
      }
      return parseDocument(display(absolute), absolute, bytes);
    },
    readJson(absolute) {
      const bytes = readBytes(absolute);
      if (typeof bytes === 'string') return { ok: false, reason: bytes };
      return parseJsonDocument(display(absolute), absolute, bytes);
    },
  };
}

function readBytes(absolute: string): Buffer | 'not-found' | 'unreadable' {
  if (!existsSync(absolute) || !statSync(absolute).isFile()) return 'not-found';
  try {
    return readFileSync(absolute);
  } catch {
    return 'unreadable';
  }
}

/** Reads schema documents from memory (tests, tools); keys are absolute paths. */
export function memoryReader(files: ReadonlyMap<string, string>, cwd = '/'): SchemaReader {
  const display = (absolute: string): string => path.posix.relative(cwd, absolute) || path.posix.basename(absolute);
  return {
    display,
    read(absolute) {
      const text = files.get(absolute);
      if (text === undefined) return { ok: false, reason: 'not-found' };
      return parseDocument(display(absolute), absolute, Buffer.from(text, 'utf8'));
    },
    readJson(absolute) {
      const text = files.get(absolute);
      if (text === undefined) return { ok: false, reason: 'not-found' };
      return parseJsonDocument(display(absolute), absolute, Buffer.from(text, 'utf8'));
    },
  };
}

/** Schema files must be UTF-8: a bad byte is a diagnostic, never a silent U+FFFD. */
function utf8(file: string, bytes: Buffer): { ok: true; text: string } | { ok: false; reason: 'not-well-formed'; file: string; line: number; message: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    let good = bytes.length;
    for (let end = 1; end <= bytes.length; end++) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      } catch {
        good = end - 1;
        break;
      }
    }
    const line = bytes.subarray(0, good).toString('utf8').split('\n').length;
    return { ok: false, reason: 'not-well-formed', file, line, message: `invalid UTF-8 at byte ${good}` };
  }
}

function parseJsonDocument(file: string, absolute: string, bytes: Buffer): JsonReadResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = utf8(file, bytes);
  if (!text.ok) return text;
  const parsed = parseJsonTree(file, text.text);
  if (!parsed.ok) return { ok: false, reason: 'not-well-formed', file, line: parsed.line, message: parsed.message };
  return { ok: true, document: { file, absolute, sha256, root: parsed.root } };
}

function parseDocument(file: string, absolute: string, bytes: Buffer): ReadResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = utf8(file, bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseXmlTree(file, decoded.text);
  if (!parsed.ok) return { ok: false, reason: 'not-well-formed', file, line: parsed.line, message: parsed.message };
  return { ok: true, document: { file, absolute, sha256, root: parsed.root } };
}
