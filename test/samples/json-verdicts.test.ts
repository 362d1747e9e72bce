/**
 * Every JetBackup 5 and Akeeba Backup reference sample gets the verdict of its entry in
 * test/samples/<api>-verdicts.json (members described in schemas/<api>/SOURCES.md), through the
 * generated codecs and through the CLI:
 * - `valid`: no issue at all (no warnings either); `valid-with-warnings`: no error and exactly the
 *   listed warnings (code + pointer); `invalid`: errors, among them every listed one;
 * - `not-json`: a JsonParseError with a code, a 1-based position and a message naming what is wrong
 *   (the character found there); the CLI exits 2 with one stderr line naming the file;
 * - `out-of-scope`: parses as JSON, nothing more;
 * - call samples (`params`): the query string is read with templates/runtime/form.ts (parseForm +
 *   formToWire) into the params type and decoded; its verdict and issues are checked likewise.
 * The table must cover the sample folder exactly. Differences between form.ts and the table's assumed
 * parsing rules are listed, with the reason, in json-params-known-gaps.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackupJobCodec } from '../../generated/jetbackup/index.js';
import { DecodeError, errorsOf, formToWire, JsonParseError, parseForm, readJson, type Issue } from '../../generated/runtime/index.js';
import { runCli } from '../support/cli.js';
import { BACKUP_JOB } from '../support/json-fixtures.js';
import {
  akeebaQueries,
  codecOf,
  coverage,
  descriptorOf,
  issueKey,
  JSON_APIS,
  jetbackupQuery,
  listJsonSamples,
  readVerdictTable,
  VERDICTS,
  type JsonApi,
  type JsonSample,
} from '../support/json-samples.js';

interface KnownGap {
  readonly tableExpects: string;
  readonly formReports: string;
  readonly reason: string;
}
const knownGaps = (
  JSON.parse(readFileSync(path.join(import.meta.dirname, 'json-params-known-gaps.json'), 'utf8')) as {
    gaps: Record<JsonApi, Record<string, KnownGap>>;
  }
).gaps;

/** The type a sample is validated as: its `type`, or for Akeeba text without one, the generic envelope. */
const typeOf = (s: JsonSample): string => s.entry.type ?? 'Envelope';
const keys = (issues: readonly Issue[]): string[] => issues.map(issueKey);
const sorted = (xs: readonly string[]): string[] => [...xs].sort();

/** The character at a 1-based line and column ('' at the end of the input). */
function charAt(text: string, line: number, column: number): string {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  const lineText = lines[line - 1] ?? '';
  if (column - 1 < lineText.length) return lineText[column - 1]!;
  return line < lines.length ? '\n' : '';
}

/** A parse error message says what is wrong there: it names the character found, or the trailing comma. */
function expectExplainedParseError(e: JsonParseError, text: string): void {
  const issue = e.issues[0]!;
  expect(e.code).toBe('not-well-formed');
  expect(issue.line).toBeGreaterThan(0);
  expect(issue.column).toBeGreaterThan(0);
  expect(e.message).toContain(`(line ${issue.line}, column ${issue.column})`);
  expect(issue.message).toMatch(/^not valid JSON: /);
  const ch = charAt(text, issue.line!, issue.column!);
  if (/trailing comma/.test(issue.message)) expect('}]').toContain(ch);
  else if (ch === '') expect(issue.message).toContain('end of input');
  else expect(issue.message).toContain(`unexpected ${JSON.stringify(ch)}`);
}

function parseErrorOf(s: JsonSample): JsonParseError {
  const r = codecOf(s.api, typeOf(s)).safeDecode(s.text, { partial: s.entry.partial ?? false });
  expect(r.ok, 'expected a parse error, the text decoded').toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error).toBeInstanceOf(JsonParseError);
  expect(r.issues).toEqual((r.error as JsonParseError).issues);
  return r.error as JsonParseError;
}

/** `validate --json --api A --type T [--partial] FILE`: the CLI's report agrees with the codec. */
async function expectCliAgrees(s: JsonSample, issues: readonly Issue[], exitCode: number): Promise<void> {
  const run = await runCli(['validate', '--json', '--api', s.api, '--type', typeOf(s), ...(s.entry.partial ? ['--partial'] : []), s.file]);
  expect(run.code, run.stderr).toBe(exitCode);
  expect(run.err).toEqual([]);
  const [report] = JSON.parse(run.stdout) as { file: string; valid: boolean; issues: Issue[] }[];
  expect(report).toEqual({
    file: s.file,
    valid: errorsOf(issues).length === 0,
    issues: issues.map(({ path: p, code, message, severity }) => (severity ? { path: p, code, message, severity } : { path: p, code, message })),
  });
}

async function checkPayload(s: JsonSample): Promise<void> {
  const { entry } = s;
  const codec = codecOf(s.api, typeOf(s));
  const partial = entry.partial ?? false;
  switch (entry.verdict) {
    case 'valid': {
      const issues = codec.validateJson(s.text, { partial });
      expect(keys(issues)).toEqual([]);
      const value = codec.decode(s.text, { partial });
      expect(codec.validate(value, { partial })).toEqual([]);
      await expectCliAgrees(s, issues, 0);
      break;
    }
    case 'valid-with-warnings': {
      const issues = codec.validateJson(s.text, { partial });
      expect(keys(errorsOf(issues)), 'no errors').toEqual([]);
      expect(issues.every((i) => i.severity === 'warning')).toBe(true);
      expect(sorted(keys(issues))).toEqual(sorted(entry.expect));
      // Warnings do not stop decoding, and the unknown fields are kept with their values. (Encoding a
      // partial value is not possible: JsonCodec.encode has no `partial` option.)
      const r = codec.safeDecode(s.text, { partial });
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.warnings).toEqual(issues);
        expect(r.value).toEqual(JSON.parse(s.text));
        if (!partial) expect(JSON.parse(codec.encode(r.value))).toEqual(JSON.parse(s.text));
      }
      await expectCliAgrees(s, issues, 0);
      break;
    }
    case 'invalid': {
      const issues = codec.validateJson(s.text, { partial });
      const errors = keys(errorsOf(issues));
      expect(errors.length).toBeGreaterThan(0);
      expect(entry.expect.length).toBeGreaterThan(0);
      for (const x of entry.expect) expect(errors, `expected error ${x}`).toContain(x);
      expect(() => codec.decode(s.text, { partial })).toThrow(DecodeError);
      await expectCliAgrees(s, issues, 1);
      break;
    }
    case 'not-json': {
      const e = parseErrorOf(s);
      expectExplainedParseError(e, s.text);
      expect(() => codec.decode(s.text)).toThrow(JsonParseError);
      if (entry.parseError !== undefined) {
        const m = /^line (\d+) column (\d+): /.exec(entry.parseError);
        expect(m, `parseError "${entry.parseError}" has no position`).not.toBeNull();
        expect([e.issues[0]!.line, e.issues[0]!.column]).toEqual([Number(m![1]), Number(m![2])]);
      }
      // The CLI: exit 2, one stderr line naming the file, with and without --api/--type.
      const auto = await runCli(['validate', s.file]);
      expect(auto.code, auto.stderr).toBe(2);
      expect(auto.err).toHaveLength(1);
      expect(auto.err[0]).toContain(s.file);
      expect(auto.out).toEqual([]);
      const typed = await runCli(['validate', '--api', s.api, '--type', typeOf(s), s.file]);
      expect(typed.code, typed.stderr).toBe(2);
      expect(typed.err).toEqual([`${s.file}: ${e.message}`]);
      break;
    }
    case 'out-of-scope':
      // Parses as JSON; no $defs type describes it, so nothing else is checked.
      expect(() => readJson(s.text)).not.toThrow();
      expect(entry.type).toBeUndefined();
      break;
  }
  for (const other of entry.alsoValidAs ?? []) {
    expect(keys(codecOf(s.api, other).validateJson(s.text)), `also valid as ${other}`).toEqual([]);
  }
  for (const [other, expected] of Object.entries(entry.invalidAs ?? {})) {
    const errors = keys(errorsOf(codecOf(s.api, other).validateJson(s.text)));
    expect(errors.length, `invalid as ${other}`).toBeGreaterThan(0);
    for (const x of expected) expect(errors, `invalid as ${other}`).toContain(x);
  }
}

/** Akeeba parameters that are not method arguments, when the entry does not list them (SOURCES.md: `_akeebaAuth`, `method`, routing). */
const AKEEBA_TRANSPORT = ['_akeebaAuth', 'method', 'view', 'option', 'format'];

/** The pairs of a call sample (transport removed) and the params type they are read as. */
function paramPairs(s: JsonSample): { pairs: [string, string][]; type: string; parseIssues: Issue[] } {
  if (s.api === 'jetbackup') {
    const query = jetbackupQuery(s.text);
    expect(query, 'the table\'s "query" is the parameter string of the file').toBe(s.entry.query);
    const pairs = parseForm(query);
    return { pairs: [...pairs], type: s.entry.type!, parseIssues: [...pairs.issues] };
  }
  const transport = s.entry.transport ?? AKEEBA_TRANSPORT;
  const parsed = akeebaQueries(s.text).map((q) => parseForm(q));
  const pairs = parsed.flat().filter(([k]) => !transport.includes(k.replace(/\[.*$/, '')));
  return { pairs, type: s.entry.paramsType!, parseIssues: parsed.flatMap((p) => [...p.issues]) };
}

function checkParams(s: JsonSample): void {
  const { entry } = s;
  const { pairs, type, parseIssues } = paramPairs(s);
  expect(parseIssues).toEqual([]);
  const wire = formToWire(pairs, descriptorOf(s.api, type));
  if (entry.arguments !== undefined) expect(wire.value, 'the table\'s "arguments"').toEqual(entry.arguments);
  const decoded = codecOf(s.api, type).decodeValue(wire.value, { partial: entry.paramsPartial ?? false });
  const issues = [...wire.issues, ...(decoded.ok ? decoded.warnings : decoded.issues)];
  const errors = keys(errorsOf(issues));
  if (entry.paramsVerdict === 'valid') {
    expect(keys(issues)).toEqual([]);
    expect(decoded.ok).toBe(true);
    return;
  }
  expect(entry.paramsVerdict).toBe('invalid');
  expect(errors.length).toBeGreaterThan(0);
  const gap = knownGaps[s.api][s.name];
  for (const x of entry.paramsExpect ?? []) {
    if (gap && x === gap.tableExpects) {
      // Still a gap (else remove it from json-params-known-gaps.json): form.ts reports it differently.
      expect(errors).not.toContain(x);
      expect(errors).toContain(gap.formReports);
    } else expect(errors, `expected error ${x}`).toContain(x);
  }
}

describe.each(JSON_APIS)('%s samples', (api) => {
  const samples = listJsonSamples(api);

  it('the verdict table has an entry for every sample file and none for a missing file', () => {
    expect(coverage(api)).toEqual({ missing: [], extra: [] });
  });

  it('every entry is well-formed (verdict, type, expectations)', () => {
    for (const [name, e] of Object.entries(readVerdictTable(api))) {
      expect(VERDICTS, name).toContain(e.verdict);
      if (e.type !== undefined) expect(() => codecOf(api, e.type!), name).not.toThrow();
      if (e.verdict === 'valid' || e.verdict === 'not-json' || e.verdict === 'out-of-scope') expect(e.expect, name).toEqual([]);
      if (e.verdict === 'valid-with-warnings' || e.verdict === 'invalid') expect(e.expect.length, name).toBeGreaterThan(0);
      if (e.verdict === 'valid-with-warnings') for (const x of e.expect) expect(x, name).toMatch(/^unknown-property \//);
      if (e.params !== undefined) {
        expect(['valid', 'invalid'], name).toContain(e.paramsVerdict);
        expect(() => codecOf(api, (api === 'jetbackup' ? e.type : e.paramsType)!), name).not.toThrow();
      }
      for (const t of [...(e.alsoValidAs ?? []), ...Object.keys(e.invalidAs ?? {})]) expect(() => codecOf(api, t), name).not.toThrow();
    }
  });

  it('known gaps name existing call samples', () => {
    for (const name of Object.keys(knownGaps[api])) {
      const s = samples.find((x) => x.name === name);
      expect(s?.entry.paramsExpect, name).toContain(knownGaps[api][name]!.tableExpects);
    }
  });

  describe.each(samples.map((s) => [`${s.name} (${s.entry.verdict})`, s] as const))('%s', (_, s) => {
    it('payload verdict', async () => {
      await checkPayload(s);
    });
    if (s.entry.params !== undefined) {
      it(`parameters of ${s.entry.params} (${s.entry.paramsVerdict})`, () => {
        checkParams(s);
      });
    }
  });
});

/**
 * The `reason` of each invalid-JSON object-table cell says what its repaired reading would give; the
 * repairs here are the minimal ones the reasons describe (list brackets, no trailing comma).
 */
const REPAIRED: Readonly<Record<string, { readonly text: string; readonly issues: readonly string[] }>> = {
  'backupJobObject.response.v5-3-doc-destination-name.txt': { text: '{"destination_name": ["Amazon S3"]}', issues: ['unknown-property /destination_name'] },
  'backupJobObject.response.v5-3-doc-destination.txt': { text: '{"destination": ["5fcb1df43606876d134aab82"]}', issues: [] },
  'backupJobObject.response.v5-3-doc-exclude-list.txt': { text: '{"exclude_list": ["/home/acct/exclude", "/home/acc2/exclude"]}', issues: [] },
  'backupJobObject.response.v5-3-doc-include-list.txt': { text: '{"include_list": ["/home/acct/include", "/home/acct2/include2"]}', issues: [] },
  'backupJobObject.response.v5-3-doc-monitor.txt': { text: '{"monitor": [{"notran": 1, "ranfor": 0}]}', issues: ['wrong-type /monitor'] },
  'backupJobObject.response.v5-3-doc-schedules.txt': {
    text: '{"schedules": [{"_id": "(schedule ID)", "name": "(schedule name)", "type": "(schedule type)", "next_run": "(next run time)", "retain": "(backup retain)"}]}',
    issues: ['pattern /schedules/0/_id', 'pattern /schedules/0/next_run', 'wrong-type /schedules/0/retain', 'wrong-type /schedules/0/type'],
  },
};

describe('the issue report\'s explicit cases', () => {
  it.each(Object.entries(REPAIRED))('%s: the repaired reading its reason describes', (name, { text, issues }) => {
    const table = readVerdictTable('jetbackup')[name]!;
    expect(table.verdict).toBe('not-json');
    for (const i of issues) expect(table.reason).toContain(i.replace(/^[a-z-]+ /, ''));
    expect(sorted(keys(BackupJobCodec.validateJson(text, { partial: true })))).toEqual(sorted(issues));
  });

  it('"stucture" is an unknown field: a warning at /stucture, kept on decode and encode', () => {
    const text = '{\n  "stucture": 2\n}\n';
    const issues = BackupJobCodec.validateJson(text, { partial: true });
    expect(issues).toEqual([{ path: '/stucture', code: 'unknown-property', message: expect.stringContaining('stucture') as string, severity: 'warning' }]);
    const value = BackupJobCodec.decode(text, { partial: true }) as unknown as Record<string, unknown>;
    expect(value).toEqual({ stucture: 2 });
    expect('structure' in value).toBe(false);
    // Without `partial` the required members are errors, and the misspelling is still only a warning.
    const fragment = BackupJobCodec.validateJson(text);
    expect(fragment.find((i) => i.path === '/stucture')?.severity).toBe('warning');
    expect(keys(errorsOf(fragment))).toContain('missing-property /structure');
    // In a complete job: decodes with the one warning, and encodes with the field kept after the known ones.
    const job = { ...BACKUP_JOB, stucture: 2 };
    const r = BackupJobCodec.safeDecode(JSON.stringify(job));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(keys(r.warnings)).toEqual(['unknown-property /stucture']);
    expect(r.value.structure).toBe(1);
    expect(BackupJobCodec.encode(r.value)).toBe(JSON.stringify(job));
  });

  it('the invalid-JSON object-table cells fail with a parse error that says where and what', () => {
    const cells = listJsonSamples('jetbackup').filter((s) => s.entry.format === 'json' && s.entry.verdict === 'not-json');
    expect(cells.map((s) => s.name)).toEqual([
      'backupJobObject.response.v5-3-doc-destination-name.txt',
      'backupJobObject.response.v5-3-doc-destination.txt',
      'backupJobObject.response.v5-3-doc-exclude-list.txt',
      'backupJobObject.response.v5-3-doc-include-list.txt',
      'backupJobObject.response.v5-3-doc-monitor.txt',
      'backupJobObject.response.v5-3-doc-schedules.txt',
    ]);
    for (const s of cells) {
      let thrown: unknown;
      try {
        BackupJobCodec.decode(s.text, { partial: true });
      } catch (e) {
        thrown = e;
      }
      expect(thrown, s.name).toBeInstanceOf(JsonParseError);
      const e = thrown as JsonParseError;
      expectExplainedParseError(e, s.text);
      // The published cells fail on the bare string in {} (expected ':') or on a trailing comma.
      expect(e.issues[0]!.message, s.name).toMatch(/expected ':'|trailing comma/);
    }
  });
});
