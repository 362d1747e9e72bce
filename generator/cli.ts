#!/usr/bin/env node
/** Command line: argv -> options, resolved once, then one command. Exit codes: 0 ok, 1 invalid/stale, 2 bad invocation or input. */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDiagnostic, GeneratorError } from './diagnostics.js';
import { runCheck, runGenerate, type Io } from './commands/generate.js';
import { APIS, type Api, type DetectOptions } from './commands/documents.js';
import { resolveTarget } from './commands/project.js';
import { UsageError, USAGE } from './commands/usage.js';
import { runDiff } from './commands/diff.js';
import { runFormat, runValidate } from './commands/validate.js';
import { portOption, runDemo, runServe } from './commands/emulator.js';

export interface MainOptions {
  /** Stops `serve` (the program wires SIGINT and SIGTERM to it). */
  readonly signal?: AbortSignal;
  /** Raw output for in-place progress (the program's stdout when it is a terminal). */
  readonly write?: (text: string) => void;
  readonly tty?: boolean;
}

export async function main(argv: readonly string[], io: Io, options: MainOptions = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'generate':
      case 'check': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: {
            xsd: { type: 'string', multiple: true },
            schema: { type: 'string', multiple: true },
            out: { type: 'string' },
            separate: { type: 'boolean' },
          },
          allowPositionals: true,
          strict: true,
        });
        // `--xsd a.xsd b.xsd`: files after --xsd are taken as more schema files. `--schema` is the same
        // option under a name that fits JSON Schema files too.
        const given = values.xsd ?? values.schema ? [...(values.xsd ?? []), ...(values.schema ?? [])] : undefined;
        const xsd = given ? [...given, ...positionals] : [];
        if (!given && positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}" (schema files go after --xsd or --schema)`);
        const target = resolveTarget(xsd, values.out, values.separate ?? false);
        if (existsSync(target.outDir) && !statSync(target.outDir).isDirectory()) throw new UsageError(`output "${values.out ?? target.outDir}" is not a directory`);
        return command === 'generate' ? runGenerate(target, io) : runCheck(target, io);
      }
      case 'validate': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { json: { type: 'boolean' }, ...DOCUMENT_OPTIONS },
          allowPositionals: true,
          strict: true,
        });
        if (positionals.length === 0) throw new UsageError('validate needs at least one FILE');
        return await runValidate(positionals, { json: values.json ?? false, ...documentOptions(values) }, io);
      }
      case 'format': {
        const { values, positionals } = parseArgs({ args: rest, options: DOCUMENT_OPTIONS, allowPositionals: true, strict: true });
        if (positionals.length !== 1) throw new UsageError('format needs exactly one FILE');
        return await runFormat(positionals[0]!, documentOptions(values), io);
      }
      case 'diff': {
        const { values, positionals } = parseArgs({
          args: rest,
          options: { json: { type: 'boolean' }, 'fail-on': { type: 'string' }, side: { type: 'string' } },
          allowPositionals: true,
          strict: true,
        });
        if (positionals.length !== 2) throw new UsageError('diff needs OLD and NEW (schema files or folders)');
        const failOn = values['fail-on'] ?? 'breaking';
        if (failOn !== 'breaking' && failOn !== 'any' && failOn !== 'never') throw new UsageError(`--fail-on must be breaking, any or never, not "${failOn}"`);
        const side = values.side;
        if (side !== undefined && side !== 'request' && side !== 'response' && side !== 'both') throw new UsageError(`--side must be request, response or both, not "${side}"`);
        return runDiff(positionals[0]!, positionals[1]!, { json: values.json ?? false, failOn, ...(side ? { side } : {}) }, io);
      }
      case 'serve': {
        const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, verbose: { type: 'boolean' } }, allowPositionals: false, strict: true });
        return await runServe({ port: portOption(values.port), verbose: values.verbose ?? false, signal: options.signal ?? new AbortController().signal }, io);
      }
      case 'demo': {
        const { values } = parseArgs({ args: rest, options: { port: { type: 'string' }, quick: { type: 'boolean' } }, allowPositionals: false, strict: true });
        return await runDemo({ port: portOption(values.port), quick: values.quick ?? false, tty: options.tty ?? false, ...(options.write ? { write: options.write } : {}) }, io);
      }
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return 0;
      case undefined:
        throw new UsageError('missing command (try: backup-codegen help)');
      default:
        throw new UsageError(`unknown command "${command}" (try: backup-codegen help)`);
    }
  } catch (e) {
    if (e instanceof GeneratorError) {
      for (const d of e.diagnostics) io.err(formatDiagnostic(d));
      io.err(`error: ${e.message}`);
      return 2;
    }
    if (e instanceof UsageError || isArgError(e) || isFileSystemError(e)) {
      io.err(`error: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}

const DOCUMENT_OPTIONS = {
  kind: { type: 'string' },
  api: { type: 'string' },
  type: { type: 'string' },
  partial: { type: 'boolean' },
} as const;

function documentOptions(values: { kind?: string | undefined; api?: string | undefined; type?: string | undefined; partial?: boolean | undefined }): DetectOptions {
  return { kind: kindOption(values.kind), api: apiOption(values.api), type: values.type, partial: values.partial };
}

function apiOption(api: string | undefined): Api | undefined {
  if (api === undefined || (APIS as readonly string[]).includes(api)) return api as Api | undefined;
  throw new UsageError(`--api must be one of ${APIS.join(', ')}, not "${api}"`);
}

function kindOption(kind: string | undefined): 'request' | 'response' | undefined {
  if (kind === undefined || kind === 'request' || kind === 'response') return kind;
  throw new UsageError(`--kind must be request or response, not "${kind}"`);
}

function isArgError(e: unknown): boolean {
  return e instanceof Error && 'code' in e && typeof (e as { code: unknown }).code === 'string' && (e as { code: string }).code.startsWith('ERR_PARSE_ARGS');
}

/** A failed file-system call on a path the user named (e.g. `--out` is a file: ENOTDIR); bad input, not a crash. */
function isFileSystemError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string' && typeof (e as NodeJS.ErrnoException).path === 'string';
}

/**
 * Run as a program, not imported. Compared by real path: npm installs the bin as a symlink
 * (node_modules/.bin/backup-codegen -> dist/generator/cli.js), and Node gives argv[1] as the link
 * while import.meta.url is the resolved file.
 */
function invokedAsProgram(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedAsProgram()) {
  const stop = new AbortController();
  // Only `serve` stops gracefully; every other command keeps the default (Ctrl+C ends it at once).
  if (process.argv[2] === 'serve') for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  const options: MainOptions = { signal: stop.signal, tty: process.stdout.isTTY === true, write: (t) => process.stdout.write(t) };
  main(process.argv.slice(2), { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }, options).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
