/**
 * One catalogue of generator diagnostics. Every stage reports into a `Diagnostics` collector;
 * the pipeline prints them all at once, sorted, and stops before writing anything if any is an error.
 */
import type { SourceRef } from './model/model.js';

export const DIAGNOSTIC_CODES = {
  'file-not-found': 'a schema file named on the command line does not exist',
  'file-unreadable': 'a schema file could not be read',
  'not-well-formed': 'a schema file is not well-formed XML',
  'not-a-schema': 'the root element is not xs:schema',
  'include-missing': 'an xs:include names a file that does not exist',
  'include-cycle': 'files include each other in a cycle',
  'unresolved-type': 'a type reference names no known type',
  'unresolved-reference': 'an element, attribute or group reference names nothing known',
  'duplicate-definition': 'two global components of the same kind share a name',
  'unsupported-construct': 'the generator does not support this XSD construct',
  'invalid-schema': 'the schema breaks an XSD rule',
  'invalid-pattern': 'an xs:pattern cannot be translated to a JavaScript regular expression',
  'circular-derivation': 'a type derives from itself',
  'no-output': 'the schema set declares nothing to generate',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning';
  readonly source: SourceRef;
  readonly message: string;
}

export class Diagnostics {
  readonly #items: Diagnostic[] = [];

  error(code: DiagnosticCode, source: SourceRef, message: string): void {
    this.#items.push({ code, severity: 'error', source, message });
  }

  warning(code: DiagnosticCode, source: SourceRef, message: string): void {
    this.#items.push({ code, severity: 'warning', source, message });
  }

  get hasErrors(): boolean {
    return this.#items.some((d) => d.severity === 'error');
  }

  /** All diagnostics, sorted by file, line, path, message (stable output). */
  list(): Diagnostic[] {
    return [...this.#items].sort(compareDiagnostics);
  }
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.source.file, b.source.file) ||
    a.source.line - b.source.line ||
    cmp(a.source.path, b.source.path) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `schemas/plesk/backup.xsd:123 /xs:schema/xs:complexType[@name='X']/xs:sequence/xs:element[2]: unknown type "foo"` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.source.line > 0 ? `${d.source.file}:${d.source.line}` : d.source.file;
  const path = d.source.path ? ` ${d.source.path}` : '';
  const tag = d.severity === 'warning' ? 'warning: ' : '';
  return `${where}${path}: ${tag}${d.message} [${d.code}]`;
}

/** Thrown by the pipeline when diagnostics contain errors; the CLI prints them and exits 2. */
export class GeneratorError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super(`${errors} error(s) in the schemas; nothing was written`);
    this.name = 'GeneratorError';
    this.diagnostics = diagnostics;
  }
}
