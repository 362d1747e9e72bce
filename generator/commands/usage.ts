/** Usage errors: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const USAGE = `usage: backup-codegen <command> [options]

commands:
  generate [--xsd FILE... --out DIR [--separate]]   generate code (default: the project's schemas into generated/)
  check [--xsd FILE... --out DIR [--separate]]      exit 1 listing stale files when the output differs from what the schemas produce
  validate [--json] [--kind request|response] [--api plesk|jetbackup|akeeba] [--type NAME] [--partial] FILE...
                                                    validate Plesk packets and JetBackup/Akeeba JSON payloads;
                                                    exit 0 valid (warnings allowed), 1 invalid, 2 bad input
  format [--kind K] [--api A] [--type NAME] FILE    print the canonical form of a packet or payload
  diff [--json] [--fail-on breaking|any|never] [--side request|response|both] OLD NEW
                                                    semantic diff of two schema sets (XSD entry file or folder,
                                                    or JSON Schema); exit 1 on breaking changes by default
  serve [--port N] [--verbose]                      run the emulator of the three APIs on 127.0.0.1 (default: a free
                                                    port) until Ctrl+C; --verbose logs each request (redacted)
  demo [--port N] [--quick]                         start the emulator and drive it with the generated clients:
                                                    a Plesk webspace backup, an Akeeba backup, a JetBackup job;
                                                    exit 0 when all three succeed, 1 otherwise
  help                                              this text

exit codes: 0 success, 1 invalid input or stale output, 2 bad invocation or unreadable input`;
