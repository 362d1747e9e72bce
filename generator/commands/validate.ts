/** `validate FILE...` and `format FILE`. */
import { readFileSync } from 'node:fs';
import { JsonParseError, XmlParseError, type Issue } from '../../templates/runtime/errors.js';
import { detect, type DetectOptions } from './documents.js';
import type { Io } from './generate.js';
import { UsageError } from './usage.js';

export interface ValidateOptions extends DetectOptions {
  readonly json: boolean;
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
    const r = await validateFile(file, options);
    if (r.error) {
      badInput = true;
      io.err(`${file}: ${r.error}`);
    }
    reports.push(r.report);
    if (!options.json && !r.error) {
      const warnings = r.report.issues.filter((i) => i.severity === 'warning').length;
      const note = warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : '';
      io.out(`${file}: ${r.report.valid ? 'valid' : 'invalid'} (${r.what}${note})`);
      for (const i of r.report.issues) io.out(`  ${formatIssue(i)}`);
    }
  }
  if (options.json) {
    io.out(
      JSON.stringify(
        reports.map((r) => ({
          file: r.file,
          valid: r.valid,
          issues: r.issues.map(({ path, code, message, severity }) => (severity ? { path, code, message, severity } : { path, code, message })),
        })),
        null,
        2,
      ),
    );
  }
  if (badInput) return 2;
  return reports.every((r) => r.valid) ? 0 : 1;
}

async function validateFile(file: string, options: DetectOptions): Promise<{ report: FileReport; what: string; error?: string }> {
  const bytes = readInput(file);
  if (typeof bytes === 'string') {
    return { report: { file, valid: false, issues: [{ path: '', code: 'unreadable', message: bytes }] }, what: '', error: bytes };
  }
  try {
    const doc = await detect(bytes, { ...options, fileName: file });
    const issues = doc.validate();
    const valid = !issues.some((i) => i.severity !== 'warning');
    return { report: { file, valid, issues }, what: `${doc.api} ${doc.what}` };
  } catch (e) {
    if (e instanceof XmlParseError) {
      return { report: { file, valid: false, issues: e.issues }, what: '', error: `not well-formed XML: ${e.message}` };
    }
    if (e instanceof JsonParseError) {
      return { report: { file, valid: false, issues: e.issues }, what: '', error: e.message };
    }
    if (e instanceof UsageError) {
      return { report: { file, valid: false, issues: [{ path: '/', code: 'unknown-document', message: e.message }] }, what: '', error: e.message };
    }
    throw e;
  }
}

export async function runFormat(file: string, options: DetectOptions, io: Io): Promise<number> {
  const bytes = readInput(file);
  if (typeof bytes === 'string') throw new UsageError(`${file}: ${bytes}`);
  let doc;
  try {
    doc = await detect(bytes, { ...options, fileName: file });
  } catch (e) {
    if (e instanceof XmlParseError) throw new UsageError(`${file}: not well-formed XML: ${e.message}`);
    if (e instanceof JsonParseError) throw new UsageError(`${file}: ${e.message}`);
    if (e instanceof UsageError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const r = doc.format();
  if (!r.ok) {
    io.err(`${file}: invalid (${doc.api} ${doc.what}), cannot format:`);
    for (const i of r.issues) io.err(`  ${formatIssue(i)}`);
    return 1;
  }
  io.out(r.text);
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
  return `${i.path} [${i.code}] ${i.severity === 'warning' ? 'warning: ' : ''}${i.message}${at}`;
}
