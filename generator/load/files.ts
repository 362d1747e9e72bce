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

function parseJsonDocument(file: string, absolute: string, bytes: Buffer): JsonReadResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const parsed = parseJsonTree(file, bytes.toString('utf8').replace(/^\uFEFF/, ''));
  if (!parsed.ok) return { ok: false, reason: 'not-well-formed', file, line: parsed.line, message: parsed.message };
  return { ok: true, document: { file, absolute, sha256, root: parsed.root } };
}

function parseDocument(file: string, absolute: string, bytes: Buffer): ReadResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = parseXmlTree(file, text);
  if (!parsed.ok) return { ok: false, reason: 'not-well-formed', file, line: parsed.line, message: parsed.message };
  return { ok: true, document: { file, absolute, sha256, root: parsed.root } };
}
