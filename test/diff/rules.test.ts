/**
 * One small fixture pair per rule of the diff (test/diff/fixtures/<rule>/{old,new}.xsd, each saying in
 * a comment what it changes): the exact changes it reports, their kind and their classification for
 * senders (request) and readers (response), checked against the CLASSIFICATION table. Then the
 * options and the output: --side, folders, JSON Schema (a JetBackup job), mixed inputs, the human
 * report and the --json shape.
 *
 * Fixture types are named without Input/Output and live in old.xsd/new.xsd, so their side is `both`
 * (a change is breaking if it breaks either side) unless the fixture is about sides.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLASSIFICATION, isBreaking, type Change } from '../../generator/diff/changes.js';
import { diffSchemas } from '../../generator/diff/index.js';
import { expectBadInput, runCli, tempDir } from '../support/cli.js';
import { fixture, fixturesDir, r, row, type Row } from './helpers.js';

const diff = (rule: string, options: Parameters<typeof diffSchemas>[2] = {}) => diffSchemas(fixture(rule, 'old'), fixture(rule, 'new'), options);

interface Rule {
  readonly rule: string;
  readonly changes: readonly Row[];
  /** Parts of the messages, in the order of `changes`. */
  readonly says?: readonly string[];
  /** `old` and `new` of the first change, when it has them. */
  readonly values?: { readonly old?: string; readonly new?: string };
}

const RULES: readonly Rule[] = [
  // elements
  { rule: 'element-added-optional', changes: [r('element-added', 'Thing/c', 'both', 'N', 'N')], says: ['optional element <c> added (after <b>)'] },
  { rule: 'element-added-required', changes: [r('required-element-added', 'Thing/c', 'both', 'B', 'N')], says: ['required element <c> added'] },
  { rule: 'element-removed', changes: [r('element-removed', 'Thing/b', 'both', 'B', 'B')], says: ['element <b> removed'] },
  // attributes
  { rule: 'attribute-added', changes: [r('attribute-added', 'Thing/@lang', 'both', 'N', 'N')], says: ['optional attribute lang added'] },
  { rule: 'attribute-added-required', changes: [r('required-attribute-added', 'Thing/@lang', 'both', 'B', 'N')], says: ['required attribute lang added'] },
  { rule: 'attribute-removed', changes: [r('attribute-removed', 'Thing/@lang', 'both', 'B', 'B')], says: ['attribute lang removed'] },
  { rule: 'attribute-became-required', changes: [r('required-added', 'Thing/@id', 'both', 'B', 'N')], says: ['attribute id became required'] },
  // occurrence
  { rule: 'optional-to-required', changes: [r('required-added', 'Thing/b', 'both', 'B', 'N')], says: ['<b> became required'] },
  { rule: 'required-to-optional', changes: [r('required-removed', 'Thing/b', 'both', 'N', 'B')], says: ['<b> became optional'] },
  { rule: 'single-to-repeated', changes: [r('became-repeated', 'Thing/b', 'both', 'B', 'B')], says: ['<b> may now repeat (max unbounded)'] },
  { rule: 'repeated-to-single', changes: [r('became-single', 'Thing/b', 'both', 'B', 'B')], says: ['<b> no longer repeats'] },
  { rule: 'max-occurs-increased', changes: [r('cardinality-increased', 'Thing/b', 'both', 'N', 'N')], says: ['maxOccurs 3 -> 5'], values: { old: '3', new: '5' } },
  { rule: 'max-occurs-decreased', changes: [r('cardinality-decreased', 'Thing/b', 'both', 'B', 'N')], says: ['maxOccurs 5 -> 3'], values: { old: '5', new: '3' } },
  { rule: 'nillable-added', changes: [r('nillable-added', 'Thing/b', 'both', 'N', 'B')], says: ['<b> became nillable'] },
  { rule: 'nillable-removed', changes: [r('nillable-removed', 'Thing/b', 'both', 'B', 'N')], says: ['<b> is no longer nillable'] },
  // types
  { rule: 'type-changed-named', changes: [r('type-changed', 'Thing/b', 'both', 'B', 'B')], says: ['type changed from Code to Label'], values: { old: 'Code', new: 'Label' } },
  { rule: 'type-changed-builtin', changes: [r('type-changed', 'Thing/b', 'both', 'B', 'B')], says: ['type changed from xs:string to xs:int'], values: { old: 'xs:string', new: 'xs:int' } },
  // an anonymous type has no name to report under: the change is at the path of the element inside it
  { rule: 'type-changed-anonymous', changes: [r('type-changed', 'Thing/inner/x', 'both', 'B', 'B')], says: ['type changed from xs:string to xs:int'], values: { old: 'xs:string', new: 'xs:int' } },
  { rule: 'type-added', changes: [r('type-added', 'Extra', 'both', 'N', 'N')], says: ['type Extra added'] },
  { rule: 'type-removed', changes: [r('type-removed', 'Extra', 'both', 'B', 'B')], says: ['type Extra removed'] },
  {
    rule: 'union-members-changed',
    changes: [r('type-changed', 'Flag', 'both', 'B', 'B')],
    says: ['union members changed from xs:int | xs:boolean to xs:int | xs:string'],
    values: { old: 'xs:int | xs:boolean', new: 'xs:int | xs:string' },
  },
  // order and compositors
  {
    rule: 'order-changed-sequence',
    changes: [r('order-changed', 'Thing/c', 'both', 'B', 'B')], // readers that check order (this SDK's XML decoders) break too
    says: ['order changed: a, b, c -> a, c, b'],
    values: { old: 'a,b,c', new: 'a,c,b' },
  },
  { rule: 'order-changed-choice', changes: [] },
  { rule: 'order-changed-all', changes: [] },
  {
    // Each element moves into a choice (compositor-changed) and, being one branch of two, becomes optional.
    rule: 'compositor-changed',
    changes: [
      r('compositor-changed', 'Thing/a', 'both', 'B', 'B'),
      r('required-removed', 'Thing/a', 'both', 'N', 'B'),
      r('compositor-changed', 'Thing/b', 'both', 'B', 'B'),
      r('required-removed', 'Thing/b', 'both', 'N', 'B'),
    ],
    says: ['<a> moved from sequence to choice', '<a> became optional', '<b> moved from sequence to choice', '<b> became optional'],
    values: { old: 'sequence', new: 'choice' },
  },
  // enumerations
  { rule: 'enum-added', changes: [r('enum-added', 'Status', 'both', 'N', 'B')], says: ['enumeration value warning added'], values: { new: 'warning' } },
  { rule: 'enum-removed', changes: [r('enum-removed', 'Status', 'both', 'B', 'N')], says: ['enumeration value warning removed'], values: { old: 'warning' } },
  // facets
  { rule: 'pattern-added', changes: [r('facet-tightened', 'Value', 'both', 'B', 'N')], says: ['pattern added', '[a-z]+'] },
  { rule: 'pattern-removed', changes: [r('facet-loosened', 'Value', 'both', 'N', 'B')], says: ['pattern removed', '[a-z]+'] },
  { rule: 'pattern-changed', changes: [r('facet-changed', 'Value', 'both', 'B', 'B')], says: ['pattern changed from', '[a-z]+', '[a-z0-9]+'] },
  { rule: 'max-length-tightened', changes: [r('facet-tightened', 'Value', 'both', 'B', 'N')], says: ['maxLength 10 -> 5'], values: { old: '10', new: '5' } },
  { rule: 'max-length-loosened', changes: [r('facet-loosened', 'Value', 'both', 'N', 'B')], says: ['maxLength 5 -> 10'], values: { old: '5', new: '10' } },
  { rule: 'min-length-tightened', changes: [r('facet-tightened', 'Value', 'both', 'B', 'N')], says: ['minLength 1 -> 2'], values: { old: '1', new: '2' } },
  { rule: 'min-length-loosened', changes: [r('facet-loosened', 'Value', 'both', 'N', 'B')], says: ['minLength 2 -> 1'], values: { old: '2', new: '1' } },
  { rule: 'min-inclusive-tightened', changes: [r('facet-tightened', 'Value', 'both', 'B', 'N')], says: ['minInclusive 0 -> 1'], values: { old: '0', new: '1' } },
  { rule: 'min-inclusive-loosened', changes: [r('facet-loosened', 'Value', 'both', 'N', 'B')], says: ['minInclusive 1 -> -1'], values: { old: '1', new: '-1' } },
  {
    rule: 'whitespace-changed',
    changes: [r('facet-changed', 'Value', 'both', 'B', 'B')],
    says: ['whiteSpace changed from preserve to collapse'],
    values: { old: 'preserve', new: 'collapse' },
  },
  // operations: members of a repeating choice; OpsInputType is a request type by its name
  { rule: 'operation-added', changes: [r('operation-added', 'OpsInputType/remove', 'request', 'N', 'N')], says: ['operation <remove> added'] },
  { rule: 'operation-removed', changes: [r('operation-removed', 'OpsInputType/remove', 'request', 'B', 'B')], says: ['operation <remove> removed'] },
  // global elements: the document roots
  {
    rule: 'global-element',
    changes: [
      r('element-added', '<fresh>', 'both', 'N', 'N'),
      r('element-removed', '<gone>', 'both', 'B', 'B'),
      r('nillable-added', '<note>', 'both', 'N', 'B'),
      r('type-changed', '<root>', 'both', 'B', 'B'),
    ],
    says: ['global element <fresh> added', 'global element <gone> removed', '<note> became nillable', 'type changed from A to B'],
  },
];

describe('one fixture per rule', () => {
  it('covers every fixture folder (none forgotten)', () => {
    const folders = readdirNames(fixturesDir).filter((f) => !['folder', 'jetbackup-immutable'].includes(f));
    expect(folders.sort()).toEqual(RULES.map((x) => x.rule).sort());
  });

  for (const rule of RULES) {
    it(`${rule.rule}: ${rule.changes.map((c) => c.kind).join(', ') || 'no change'}`, () => {
      const result = diff(rule.rule);
      expect(result.changes.map(row)).toEqual(rule.changes);
      // the verdicts are the table's
      for (const c of result.changes) expect([c.request, c.response]).toEqual(CLASSIFICATION[c.kind].slice(0, 2));
      rule.says?.forEach((part, i) => expect(result.changes[Math.min(i, result.changes.length - 1)]!.message).toContain(part));
      if (rule.values) {
        const first = result.changes[0]!;
        expect({ old: first.old, new: first.new }).toEqual({ old: rule.values.old, new: rule.values.new });
      }
      const breaking = result.changes.filter(isBreaking).length;
      expect(result.summary.breaking).toBe(breaking);
    });
  }

  it('the exit code follows --fail-on: breaking changes fail by default, additions only with --fail-on any', async () => {
    const code = async (rule: string, ...flags: string[]) => (await runCli(['diff', ...flags, fixture(rule, 'old'), fixture(rule, 'new')])).code;
    expect(await code('element-removed')).toBe(1);
    expect(await code('element-removed', '--fail-on', 'never')).toBe(0);
    expect(await code('element-added-optional')).toBe(0);
    expect(await code('element-added-optional', '--fail-on', 'any')).toBe(1);
    expect(await code('order-changed-all', '--fail-on', 'any')).toBe(0);
  });

  it('the reverse of each addition is the matching removal', () => {
    const reversed = diffSchemas(fixture('element-added-optional', 'new'), fixture('element-added-optional', 'old'));
    expect(reversed.changes.map(row)).toEqual([r('element-removed', 'Thing/c', 'both', 'B', 'B')]);
    const enumBack = diffSchemas(fixture('enum-added', 'new'), fixture('enum-added', 'old'));
    expect(enumBack.changes.map(row)).toEqual([r('enum-removed', 'Status', 'both', 'B', 'N')]);
  });
});

describe('--side', () => {
  it('forces the side: an added enum value breaks readers only, a removed one senders only', async () => {
    expect(diff('enum-added', { side: 'request' }).changes.map(row)).toEqual([r('enum-added', 'Status', 'request', 'N', 'B')]);
    expect(diff('enum-added', { side: 'request' }).summary).toEqual({ changes: 1, breakingRequest: 0, breakingResponse: 0, breaking: 0 });
    expect(diff('enum-added', { side: 'response' }).summary).toEqual({ changes: 1, breakingRequest: 0, breakingResponse: 1, breaking: 1 });
    expect(diff('enum-removed', { side: 'response' }).summary.breaking).toBe(0);
    expect(diff('enum-removed', { side: 'request' }).summary.breaking).toBe(1);

    const cli = async (rule: string, side: string) => runCli(['diff', '--side', side, fixture(rule, 'old'), fixture(rule, 'new')]);
    expect((await cli('enum-added', 'request')).code).toBe(0);
    expect((await cli('enum-added', 'response')).code).toBe(1);
    expect((await cli('enum-added', 'both')).code).toBe(1);
    expect((await cli('enum-removed', 'response')).code).toBe(0);
    const forced = await cli('enum-removed', 'request');
    expect(forced.code).toBe(1);
    expect(forced.out).toContain('Status (request)');
  });

  it('overrides a side that comes from a name: OpsInputType is a request type, unless told otherwise', () => {
    expect(diff('operation-removed').changes[0]!.side).toBe('request');
    expect(diff('operation-removed', { side: 'response' }).changes[0]!.side).toBe('response');
  });

  it('refuses an unknown side', async () => {
    expectBadInput(await runCli(['diff', '--side', 'server', fixture('enum-added', 'old'), fixture('enum-added', 'new')]), '--side must be request, response or both');
  });
});

describe('a folder as OLD and NEW', () => {
  const OLD = path.join(fixturesDir, 'folder/old');
  const NEW = path.join(fixturesDir, 'folder/new');

  it('takes every .xsd file of the folder as an entry file; sides from the file names', () => {
    const result = diffSchemas(OLD, NEW);
    expect(result.changes.map(row)).toEqual([
      r('element-added', 'Job/immutable', 'request', 'N', 'N'), // jobs_input.xsd
      r('type-added', 'Label', 'request', 'N', 'N'), // extras_input.xsd, a new file
      r('enum-added', 'State', 'response', 'N', 'B'), // jobs_output.xsd
    ]);
    expect(result.summary).toEqual({ changes: 3, breakingRequest: 0, breakingResponse: 1, breaking: 1 });
  });

  it('a folder without schema files is bad input', async () => {
    const tmp = tempDir('diff-empty');
    try {
      const run = await runCli(['diff', tmp.dir, NEW]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('the folder holds no .xsd or .schema.json files');
    } finally {
      tmp.remove();
    }
  });
});

describe('the human report', () => {
  it('a header, a summary line with the breaking counts, then the changes grouped by type with their side', async () => {
    const OLD = path.join(fixturesDir, 'folder/old');
    const NEW = path.join(fixturesDir, 'folder/new');
    const run = await runCli(['diff', OLD, NEW]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([
      `schema diff ${OLD} -> ${NEW}`,
      '3 change(s): 0 breaking for senders (request side), 1 breaking for readers (response side)',
      '',
      'Job (request)',
      '  + Job/immutable: optional element <immutable> added (after <schedule>) [element-added; request non-breaking, response non-breaking]',
      '',
      'Label (request)',
      '  + Label: type Label added [type-added; request non-breaking, response non-breaking]',
      '',
      'State (response)',
      '  ! State: enumeration value queued added [enum-added; request non-breaking, response breaking]',
    ]);
  });

  it('groups the changes of one type under one heading; ~ marks a change that is neither an addition nor a removal', async () => {
    const run = await runCli(['diff', '--fail-on', 'never', fixture('compositor-changed', 'old'), fixture('compositor-changed', 'new')]);
    expect(run.code).toBe(0);
    expect(run.out.slice(1)).toEqual([
      '4 change(s): 2 breaking for senders (request side), 4 breaking for readers (response side)',
      '',
      'Thing (request and response)',
      '  ! Thing/a: <a> moved from sequence to choice [compositor-changed; request breaking, response breaking]',
      '  ! Thing/a: <a> became optional [required-removed; request non-breaking, response breaking]',
      '  ! Thing/b: <b> moved from sequence to choice [compositor-changed; request breaking, response breaking]',
      '  ! Thing/b: <b> became optional [required-removed; request non-breaking, response breaking]',
    ]);
    const forced = await runCli(['diff', '--side', 'request', fixture('max-length-loosened', 'old'), fixture('max-length-loosened', 'new')]);
    expect(forced.code).toBe(0);
    expect(forced.out.slice(3)).toEqual(['Value (request)', '  ~ Value: maxLength 5 -> 10 [facet-loosened; request non-breaking, response breaking]']);
  });
});

describe('--json', () => {
  it('{old, new, summary, changes}; each change {kind, path, message, side, request, response, old?, new?}', async () => {
    const run = await runCli(['diff', '--json', '--fail-on', 'never', fixture('max-occurs-decreased', 'old'), fixture('max-occurs-decreased', 'new')]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['old', 'new', 'summary', 'changes']);
    expect(json).toEqual({
      old: fixture('max-occurs-decreased', 'old'),
      new: fixture('max-occurs-decreased', 'new'),
      summary: { changes: 1, breakingRequest: 1, breakingResponse: 0, breaking: 1 },
      changes: [
        { kind: 'cardinality-decreased', path: 'Thing/b', message: 'maxOccurs 5 -> 3', side: 'both', request: 'breaking', response: 'non-breaking', old: '5', new: '3' },
      ],
    });
  });

  it('old and new are left out when a change has no values; the exit code is the same as without --json', async () => {
    const run = await runCli(['diff', '--json', fixture('element-removed', 'old'), fixture('element-removed', 'new')]);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { changes: Change[] };
    expect(Object.keys(json.changes[0]!)).toEqual(['kind', 'path', 'message', 'side', 'request', 'response']);
  });
});

describe('JSON Schema: a JetBackup 5 job', () => {
  // new.schema.json is schemas/jetbackup/jetbackup5.schema.json as of v5.4; old.schema.json is the same
  // without BackupJob's v5.4 member `immutable`. The other variants are derived from new.schema.json here.
  const OLD = fixture('jetbackup-immutable', 'old.schema.json');
  const NEW = fixture('jetbackup-immutable', 'new.schema.json');
  const tmp = tempDir('diff-jetbackup');
  afterAll(() => tmp.remove());
  const variant = (name: string, edit: (schema: { $defs: Record<string, Record<string, unknown>> }) => void): string => {
    const schema = JSON.parse(readFileSync(NEW, 'utf8')) as { $defs: Record<string, Record<string, unknown>> };
    edit(schema);
    return tmp.file(`${name}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`);
  };
  const job = (s: { $defs: Record<string, Record<string, unknown>> }) => s.$defs['BackupJob']!;

  it('the fixture is the project schema plus or minus `immutable` only', () => {
    const oldLines = readFileSync(OLD, 'utf8').split('\n');
    const newLines = readFileSync(NEW, 'utf8').split('\n');
    expect(newLines.filter((l) => !oldLines.includes(l))).toEqual([expect.stringMatching(/^\s+"immutable": \{ "\$ref": "#\/\$defs\/BooleanIsh"/)]);
  });

  it('a new optional job member (v5.4 `immutable`) is non-breaking', async () => {
    const result = diffSchemas(OLD, NEW);
    expect(result.changes.map(row)).toEqual([r('element-added', 'BackupJob/immutable', 'both', 'N', 'N')]);
    expect(result.changes[0]!.message).toBe('optional property "immutable" added');
    expect((await runCli(['diff', OLD, NEW])).code).toBe(0);
  });

  it('a member made required breaks senders', () => {
    const file = variant('required', (s) => (job(s)['required'] as string[]).push('immutable'));
    expect(diffSchemas(NEW, file).changes.map(row)).toEqual([r('required-added', 'BackupJob/immutable', 'both', 'B', 'N')]);
  });

  it('an enum value added to the job `type` breaks readers', async () => {
    const file = variant('type-5', (s) => {
      const t = s.$defs['BackupJobType']!;
      (t['enum'] as number[]).push(5);
      (t['x-enum-names'] as string[]).push('Future');
      (t['x-enum-descriptions'] as string[]).push('A job type of a later version.');
    });
    const result = diffSchemas(NEW, file);
    expect(result.changes.map(row)).toEqual([r('enum-added', 'BackupJobType', 'both', 'N', 'B')]);
    expect(result.changes[0]!.new).toBe('5');
    expect((await runCli(['diff', NEW, file])).code).toBe(1);
  });

  it('the same in a request-only type (manageBackupJob create params) breaks nothing', () => {
    const file = variant('create-3', (s) => {
      const type = (s.$defs['ManageBackupJobCreateParams']!['properties'] as Record<string, { enum: number[] }>)['type']!;
      type.enum.push(3);
    });
    const result = diffSchemas(NEW, file);
    expect(result.changes.map(row)).toEqual([r('enum-added', 'ManageBackupJobCreateParams/type', 'request', 'N', 'B')]);
    expect(result.summary.breaking).toBe(0);
  });

  it('additionalProperties: false added -> extra-properties-forbidden (breaks senders); removed again -> extra-properties-allowed', () => {
    const closed = variant('closed', (s) => (job(s)['additionalProperties'] = false));
    expect(diffSchemas(NEW, closed).changes.map(row)).toEqual([r('extra-properties-forbidden', 'BackupJob', 'both', 'B', 'N')]);
    expect(diffSchemas(closed, NEW).changes.map(row)).toEqual([r('extra-properties-allowed', 'BackupJob', 'both', 'N', 'N')]);
  });

  it('a JSON Schema file against itself: no change', () => {
    expect(diffSchemas(NEW, NEW).changes).toEqual([]);
  });
});

describe('bad input', () => {
  it('an XSD set against a JSON Schema set: exit 2, one clear line', async () => {
    const xsd = fixture('element-added-optional', 'old');
    const json = fixture('jetbackup-immutable', 'new.schema.json');
    expectBadInput(await runCli(['diff', xsd, json]), 'cannot compare an XSD set', 'with a JSON Schema set', json);
    expectBadInput(await runCli(['diff', json, xsd]), 'cannot compare a JSON Schema set', 'with an XSD set');
  });

  it('a folder mixing XSD and JSON Schema files: exit 2, one clear line', async () => {
    const tmp = tempDir('diff-mixed');
    try {
      tmp.file('a.xsd', readFileSync(fixture('element-added-optional', 'old')));
      tmp.file('b.schema.json', readFileSync(fixture('jetbackup-immutable', 'new.schema.json')));
      expectBadInput(await runCli(['diff', tmp.dir, tmp.dir]), tmp.dir, 'mixes XSD and JSON Schema files');
    } finally {
      tmp.remove();
    }
  });

  it('a missing file, a wrong number of arguments, an unknown --fail-on: exit 2', async () => {
    const missing = await runCli(['diff', fixture('enum-added', 'old'), fixture('enum-added', 'nowhere.xsd')]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toContain('no such schema file or folder');
    expectBadInput(await runCli(['diff', fixture('enum-added', 'old')]), 'diff needs OLD and NEW');
    expectBadInput(await runCli(['diff', '--fail-on', 'sometimes', fixture('enum-added', 'old'), fixture('enum-added', 'new')]), '--fail-on must be breaking, any or never');
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
}
