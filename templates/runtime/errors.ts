/**
 * Issues and errors. Every problem the runtime finds is an `Issue` with a `path`
 * (`/packet/backup-manager/backup-webspace/split-size`), a stable `code` and a human `message`.
 */

export type IssueCode =
  // input that cannot be read or recognised at all (CLI)
  | 'unreadable'
  | 'unknown-document'
  // XML syntax and hostile input (from the reader)
  | 'not-well-formed'
  | 'invalid-utf8'
  | 'doctype-forbidden'
  | 'too-deep'
  | 'too-large'
  // structure
  | 'unexpected-root'
  | 'unexpected-element'
  | 'out-of-order'
  | 'missing-element'
  | 'duplicate-element'
  | 'unexpected-text'
  | 'unexpected-attribute'
  | 'missing-attribute'
  | 'unexpected-namespace'
  | 'not-nillable'
  | 'nil-with-content'
  // values
  | 'invalid-value'
  | 'enumeration'
  | 'pattern'
  | 'length'
  | 'min-length'
  | 'max-length'
  | 'min-inclusive'
  | 'max-inclusive'
  | 'min-exclusive'
  | 'max-exclusive'
  | 'total-digits'
  | 'fraction-digits'
  | 'fixed-value'
  // JSON structure
  | 'missing-property'
  | 'min-items'
  | 'max-items'
  | 'no-match'
  // typed values (validate/encode of JavaScript objects)
  | 'wrong-type'
  | 'unknown-property'
  | 'choice-conflict';

export interface Issue {
  readonly path: string;
  readonly code: IssueCode;
  readonly message: string;
  /** 1-based position in the input, when the issue comes from a document and the position is known. */
  readonly line?: number;
  readonly column?: number;
  /** Set on warnings (e.g. an unknown JSON field that is kept); issues without it are errors. */
  readonly severity?: 'warning';
}

/** The errors among issues (warnings left out). */
export function errorsOf(issues: readonly Issue[]): Issue[] {
  return issues.filter((i) => i.severity !== 'warning');
}

/** Base class of every error the runtime throws on bad input; `issues` lists every problem found. */
export class SchemaError extends Error {
  readonly issues: readonly Issue[];
  constructor(message: string, issues: readonly Issue[]) {
    super(message);
    this.name = new.target.name;
    this.issues = issues;
  }
}

/** The input is not XML the runtime accepts (malformed, hostile or over a limit). */
export class XmlParseError extends SchemaError {
  readonly code: IssueCode;
  readonly line: number;
  readonly column: number;
  constructor(code: IssueCode, message: string, line: number, column: number, path = '') {
    super(`${message} (line ${line}, column ${column})`, [{ path, code, message, line, column }]);
    this.code = code;
    this.line = line;
    this.column = column;
  }
}

/** Input that is not JSON the runtime accepts (malformed, over a limit), with the line and column of the problem. */
export class JsonParseError extends SchemaError {
  readonly code: IssueCode;
  readonly line: number;
  readonly column: number;
  constructor(code: IssueCode, message: string, line: number, column: number) {
    super(`${message} (line ${line}, column ${column})`, [{ path: '', code, message, line, column }]);
    this.code = code;
    this.line = line;
    this.column = column;
  }
}

/** Well-formed XML that does not match the schema. */
export class DecodeError extends SchemaError {}

/** A JavaScript value that cannot be encoded because it does not match the schema. */
export class EncodeError extends SchemaError {}

export function summarize(what: string, issues: readonly Issue[]): string {
  const first = issues[0];
  if (!first) return what;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${what}: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`;
}
