/** Usage errors: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `usage: backup-codegen <command> [options]

commands:
  generate [--xsd FILE... --out DIR [--separate]]   generate code (default: the project's schemas into generated/)
  check [--xsd FILE... --out DIR [--separate]]      exit 1 listing stale files when the output differs from what the schemas produce
  validate [--json] [--kind request|response] FILE...   validate packets; exit 0 valid, 1 invalid, 2 bad input
  format [--kind request|response] FILE             print the canonical form of a packet
  help                                              this text

exit codes: 0 success, 1 invalid input or stale output, 2 bad invocation or unreadable input`;
