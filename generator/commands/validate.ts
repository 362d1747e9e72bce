/** `validate FILE...` and `format FILE`. */
import { readFileSync } from 'node:fs';
import { XmlParseError, type Issue } from '../../templates/runtime/errors.js';
import { detect, type PacketKind } from './documents.js';
import type { Io } from './generate.js';
import { UsageError } from './usage.js';

export interface ValidateOptions {
  readonly json: boolean;
  readonly kind: PacketKind | undefined;
}

interface FileReport {
  readonly file: string;
  readonly valid: boolean;
  readonly issues: readonly Issue[];
}

export async function runValidate(files: readonly string[], options: ValidateOptions, io: Io): Promise<number> {
  const reports: FileReport[] = [];
  let badInput = false;
  for (const file of files) {
    const r = await validateFile(file, options.kind);
    if (r.error) {
      badInput = true;
      io.err(`${file}: ${r.error}`);
    }
    reports.push(r.report);
    if (!options.json && !r.error) {
      io.out(`${file}: ${r.report.valid ? 'valid' : 'invalid'} (${r.what})`);
      for (const i of r.report.issues) io.out(`  ${formatIssue(i)}`);
    }
  }
  if (options.json) {
    io.out(JSON.stringify(reports.map((r) => ({ file: r.file, valid: r.valid, issues: r.issues.map(({ path, code, message }) => ({ path, code, message })) })), null, 2));
  }
  if (badInput) return 2;
  return reports.every((r) => r.valid) ? 0 : 1;
}

async function validateFile(file: string, kind: PacketKind | undefined): Promise<{ report: FileReport; what: string; error?: string }> {
  const bytes = readInput(file);
  if (typeof bytes === 'string') {
    return { report: { file, valid: false, issues: [{ path: '', code: 'unreadable', message: bytes }] }, what: '', error: bytes };
  }
  try {
    const doc = await detect(bytes, kind);
    const issues = doc.codec.validateXml(bytes);
    return { report: { file, valid: issues.length === 0, issues }, what: `${doc.api} ${doc.kind}` };
  } catch (e) {
    if (e instanceof XmlParseError) {
      return { report: { file, valid: false, issues: e.issues }, what: '', error: `not well-formed XML: ${e.message}` };
    }
    if (e instanceof UsageError) {
      return { report: { file, valid: false, issues: [{ path: '/', code: 'unknown-document', message: e.message }] }, what: '', error: e.message };
    }
    throw e;
  }
}

export async function runFormat(file: string, options: { readonly kind: PacketKind | undefined }, io: Io): Promise<number> {
  const bytes = readInput(file);
  if (typeof bytes === 'string') throw new UsageError(`${file}: ${bytes}`);
  let doc;
  try {
    doc = await detect(bytes, options.kind);
  } catch (e) {
    if (e instanceof XmlParseError) throw new UsageError(`${file}: not well-formed XML: ${e.message}`);
    if (e instanceof UsageError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const r = doc.codec.safeDecode(bytes);
  if (!r.ok) {
    io.err(`${file}: invalid (${doc.api} ${doc.kind}), cannot format:`);
    for (const i of r.issues) io.err(`  ${formatIssue(i)}`);
    return 1;
  }
  io.out(doc.codec.encode(r.value, { indent: '  ', declaration: true }));
  return 0;
}

function readInput(file: string): Uint8Array | string {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? 'error'})`;
  }
}

export function formatIssue(i: Issue): string {
  const at = i.line !== undefined ? ` (line ${i.line}, column ${i.column})` : '';
  return `${i.path} [${i.code}] ${i.message}${at}`;
}
