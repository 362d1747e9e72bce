/**
 * libxml2 as a test oracle: XSD validation through the WebAssembly build of xmllint
 * (npm xmllint-wasm). Independent of the generator on purpose, so it can judge it.
 *
 * One xmllint run validates many documents. xmllint prints, per document, either
 * "<file> validates" or "<file> fails to validate", preceded by that file's error lines
 * ("<file>:<line>: ..."), plus unprefixed context lines after parser errors. A document
 * that is not well-formed gets parser errors and no verdict line at all; it counts as invalid.
 * Documents are passed under synthetic names (doc-0001.xml, ...) so that any caller name
 * (even one with ':' or '#') maps back unambiguously; messages are rewritten to the caller's name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';

export interface XmlFile {
  fileName: string;
  contents: string;
}

export interface XmllintVerdict {
  valid: boolean;
  errors: string[];
}

export interface XmllintRun {
  /** Verdict per document, keyed by the caller's file name. */
  results: Map<string, XmllintVerdict>;
  /** Output lines not attributable to a document (schema parser warnings and the like). */
  otherMessages: string[];
  /** Raw xmllint stderr, with synthetic document names rewritten. */
  rawOutput: string;
}

/** Thrown when libxml2 cannot compile the schema (xmllint exit code 5) or fails in another unexpected way. */
export class XmllintSchemaError extends Error {
  constructor(message: string, readonly exitCode: number | undefined, readonly output: string) {
    super(message);
    this.name = 'XmllintSchemaError';
  }
}

const SCHEMA_COMPILE_EXIT = 5;

function syntheticName(index: number): string {
  return `doc-${String(index + 1).padStart(4, '0')}.xml`;
}

/** Runs xmllint once; returns its stderr whatever the exit code, unless the schema did not compile. */
async function runXmllint(schemaFiles: readonly XmlFile[], docs: readonly XmlFile[]): Promise<string> {
  const [entry, ...preload] = schemaFiles;
  if (entry === undefined) throw new Error('xmllint: no schema files given (the first one is the entry)');
  try {
    const result = await validateXML({
      schema: [entry],
      preload,
      xml: docs,
      // Allow plenty of memory: many documents per run.
      initialMemoryPages: 256,
      maxMemoryPages: 4096,
    });
    return result.rawOutput;
  } catch (error: unknown) {
    // validateXML rejects for exit codes other than 0, 3 and 4; its message is xmllint's stderr.
    const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
    const message = error instanceof Error ? error.message : String(error);
    throw new XmllintSchemaError(
      code === SCHEMA_COMPILE_EXIT ? `libxml2 could not compile schema ${entry.fileName}:\n${message}` : `xmllint failed (exit code ${String(code)}):\n${message}`,
      typeof code === 'number' ? code : undefined,
      message,
    );
  }
}

/** Validates all documents in one xmllint run and maps its output back to each document. */
export async function xmllintRun(schemaFiles: readonly XmlFile[], docs: readonly XmlFile[]): Promise<XmllintRun> {
  const seen = new Set<string>();
  for (const doc of docs) {
    if (seen.has(doc.fileName)) throw new Error(`xmllint: duplicate document name ${doc.fileName}`);
    seen.add(doc.fileName);
  }
  const renamed = docs.map((doc, i) => ({ fileName: syntheticName(i), contents: doc.contents }));
  if (docs.length === 0) return { results: new Map(), otherMessages: [], rawOutput: '' };
  const output = await runXmllint(schemaFiles, renamed);

  const bySynthetic = new Map<string, { name: string; verdict: 'validates' | 'fails' | undefined; errors: string[] }>();
  renamed.forEach((doc, i) => bySynthetic.set(doc.fileName, { name: docs[i]!.fileName, verdict: undefined, errors: [] }));
  const rewrite = (line: string): string => line.replace(/doc-\d+\.xml/g, (m) => bySynthetic.get(m)?.name ?? m);

  const otherMessages: string[] = [];
  // The document whose parser-error context lines (source excerpt, caret) may follow.
  let current: { errors: string[] } | undefined;
  for (const line of output.split('\n')) {
    if (line === '') continue;
    const match = /^(doc-\d+\.xml)(:| validates$| fails to validate$)/.exec(line);
    const entry = match ? bySynthetic.get(match[1]!) : undefined;
    if (entry && match) {
      if (match[2] === ' validates') {
        entry.verdict = 'validates';
        current = undefined;
      } else if (match[2] === ' fails to validate') {
        entry.verdict = 'fails';
        current = undefined;
      } else {
        entry.errors.push(rewrite(line));
        current = entry;
      }
    } else if (current !== undefined && !/^[^\s:]+:\d+:/.test(line)) {
      current.errors.push(rewrite(line));
    } else {
      otherMessages.push(rewrite(line));
      current = undefined;
    }
  }

  const results = new Map<string, XmllintVerdict>();
  for (const entry of bySynthetic.values()) {
    const errors = [...entry.errors];
    if (entry.verdict === undefined && errors.length === 0) errors.push('xmllint reported no verdict for this document');
    // No verdict line = the document was not parsed (not well-formed): invalid.
    const valid = entry.verdict === 'validates' && !errors.some((e) => /\berror\b/.test(e));
    results.set(entry.name, { valid, errors });
  }
  return { results, otherMessages, rawOutput: rewrite(output) };
}

/**
 * Validates every document against the schema set (first file = entry, the others are preloaded
 * for xs:include) in one xmllint run. A document that is not well-formed is reported invalid.
 * Throws XmllintSchemaError if the schema does not compile.
 */
export async function xmllintValidate(
  schemaFiles: { fileName: string; contents: string }[],
  docs: { fileName: string; contents: string }[],
): Promise<Map<string, { valid: boolean; errors: string[] }>> {
  return (await xmllintRun(schemaFiles, docs)).results;
}

/**
 * Compiles the schema set with libxml2 (by validating a throw-away document) and returns every
 * message libxml2 printed about the schema itself: parser errors and warnings.
 */
export async function xmllintCompileSchema(schemaFiles: readonly XmlFile[]): Promise<{ compiled: boolean; messages: string[] }> {
  try {
    const run = await xmllintRun(schemaFiles, [{ fileName: 'probe.xml', contents: '<xmllint-compile-probe/>' }]);
    return { compiled: true, messages: run.otherMessages };
  } catch (error: unknown) {
    if (error instanceof XmllintSchemaError && error.exitCode === SCHEMA_COMPILE_EXIT) {
      return { compiled: false, messages: error.output.split('\n').filter((l) => l !== '') };
    }
    throw error;
  }
}

function schemaLocations(contents: string): string[] {
  const withoutComments = contents.replace(/<!--[\s\S]*?-->/g, '');
  const locations: string[] = [];
  const pattern = /<(?:[\w.-]+:)?(?:include|import|redefine|override)\b[^>]*?\bschemaLocation\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const m of withoutComments.matchAll(pattern)) {
    const location = m[1] ?? m[2];
    if (location !== undefined) locations.push(location);
  }
  return locations;
}

/**
 * Reads an entry .xsd and every file it transitively includes (relative schemaLocation), entry
 * first. File names are relative to the common directory of the set, so that xmllint resolves
 * the includes inside its in-memory file system exactly as on disk.
 */
export function loadSchemaSet(entryPath: string): { fileName: string; contents: string }[] {
  const absoluteEntry = path.resolve(entryPath);
  const ordered: { absolute: string; contents: string }[] = [];
  const seen = new Set<string>();
  const visit = (absolute: string, from: string | undefined): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    let contents: string;
    try {
      contents = readFileSync(absolute, 'utf8');
    } catch (error: unknown) {
      throw new Error(`cannot read schema ${absolute}${from ? ` (included from ${from})` : ''}: ${error instanceof Error ? error.message : String(error)}`);
    }
    ordered.push({ absolute, contents });
    for (const location of schemaLocations(contents)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(location) || path.isAbsolute(location)) {
        throw new Error(`${absolute}: only relative schemaLocation values are supported, got "${location}"`);
      }
      visit(path.resolve(path.dirname(absolute), location), absolute);
    }
  };
  visit(absoluteEntry, undefined);

  let root = path.dirname(absoluteEntry);
  for (const { absolute } of ordered) {
    while (path.relative(root, absolute).startsWith('..')) root = path.dirname(root);
  }
  return ordered.map(({ absolute, contents }) => ({
    fileName: path.relative(root, absolute).split(path.sep).join('/'),
    contents,
  }));
}
