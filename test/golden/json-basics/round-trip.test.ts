/**
 * Round trips of the JSON golden case through the codecs of expected/ (which golden.test.ts keeps equal
 * to what the generator produces): each samples/<Codec name>.<label>.json validates cleanly, decodes,
 * encodes back to the same JSON value, and decode -> encode -> decode is stable. A few decoded values,
 * and the issues of broken variants, are checked by hand where the mapping matters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonCodec } from '../../../templates/runtime/json-codec.js';
import { goldenDir, JSON_GOLDEN_CASES } from '../../support/golden.js';
import * as expected from './expected/index.js';

const CASE = 'json-basics';
const samplesDir = path.join(goldenDir, CASE, 'samples');

const codecs = new Map<string, JsonCodec<unknown>>();
for (const value of Object.values(expected)) if (value instanceof JsonCodec) codecs.set(value.name, value as JsonCodec<unknown>);

const samples = readdirSync(samplesDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, codec: file.split('.')[0]!, text: readFileSync(path.join(samplesDir, file), 'utf8') }));

function codec(name: string): JsonCodec<unknown> {
  const c = codecs.get(name);
  if (!c) throw new Error(`no codec ${name} in expected/ (has ${[...codecs.keys()].join(', ')})`);
  return c;
}

describe(`round trips of ${CASE}`, () => {
  it('is a JSON golden case with samples', () => {
    expect(JSON_GOLDEN_CASES).toContain(CASE);
    expect(samples.length).toBeGreaterThan(0);
  });

  it.each(samples)('$file: validates, decodes, encodes to the same JSON value, stable', ({ codec: name, text }) => {
    const c = codec(name);
    expect(c.validateJson(text)).toEqual([]);
    const value = c.decode(text);
    expect(c.validate(value)).toEqual([]);
    const encoded = c.encode(value);
    expect(JSON.parse(encoded)).toEqual(JSON.parse(text));
    const again = c.decode(encoded);
    expect(again).toEqual(value);
    expect(c.encode(again)).toBe(encoded);
    expect(c.decode(c.encode(value, { indent: 2 }))).toEqual(value);
  });
});

describe('decoded values', () => {
  const full = () => codec('BackupJob').decode(readFileSync(path.join(samplesDir, 'BackupJob.full.json'), 'utf8')) as Record<string, unknown>;

  it('wire names kept verbatim, x-ts-name and escaped names mapped, __proto__ an own property', () => {
    const v = full();
    expect(Object.keys(v).slice(0, 10)).toEqual(['id', 'name', 'type', 'contains', 'owner_name', 'HasRun', '2fa', 'a-b', '__proto__$', 'retention']);
    expect(v['__proto__$']).toBe('not a prototype');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(v['target']).toEqual({ id: '5fcb1df43606876d134aab85', kind: 's3', label: 'Offsite' });
  });

  it('named enums and flags', () => {
    const v = full();
    expect(v['type']).toBe(expected.BackupJobType.Accounts);
    expect(expected.BackupJobContains.decompose(v['contains'] as number)).toEqual(['config', 'homedir', 'databases', 'db-users']);
    expect(expected.JobListSuccess.Success).toBe(1);
  });

  it('unknown fields are kept with a warning and written back', () => {
    const r = expected.BackupJobCodec.safeDecode('{"_id":"5fcb1df43606876d134aab82","name":"n","type":4,"HasRun":false,"next_run":""}');
    expect(r.ok && r.warnings.map((w) => [w.path, w.code, w.severity])).toEqual([['/next_run', 'unknown-property', 'warning']]);
    expect(r.ok && expected.BackupJobCodec.encode(r.value)).toBe('{"_id":"5fcb1df43606876d134aab82","name":"n","type":4,"HasRun":false,"next_run":""}');
  });

  it('a $defs entry with "type": [T, "null"] accepts null where it is $ref\'d', () => {
    expect(expected.BackupJobCodec.validateJson('{"_id":"5fcb1df43606876d134aab82","name":"n","type":4,"HasRun":false,"label":null}')).toEqual([]);
    expect(expected.DestinationCodec.decode('{"_id":"5fcb1df43606876d134aab82","kind":"ftp","label":null}')).toEqual({ id: '5fcb1df43606876d134aab82', kind: 'ftp', label: null });
  });

  // The codec of a nullable $defs entry (typed JsonCodec<string | null>) accepts null.
  it('the codec of a nullable $defs entry accepts null', () => {
    expect(expected.LabelCodec.validateJson('null')).toEqual([]);
    expect(expected.LabelCodec.decode('null')).toBeNull();
  });

  it('broken variants: one issue each, at the wire path', () => {
    const base = { _id: '5fcb1df43606876d134aab82', name: 'n', type: 4, HasRun: false };
    const issues = (extra: Record<string, unknown>, drop: string[] = []) => {
      const o: Record<string, unknown> = { ...base, ...extra };
      for (const k of drop) delete o[k];
      return expected.BackupJobCodec.validateJson(JSON.stringify(o)).map((i) => `${i.path} ${i.code}`);
    };
    expect(issues({}, ['HasRun'])).toEqual(['/HasRun missing-property']);
    expect(issues({ _id: 'XYZ' })).toEqual(['/_id pattern']);
    expect(issues({ type: 3 })).toEqual(['/type enumeration']);
    expect(issues({ HasRun: null })).toEqual(['/HasRun wrong-type']);
    expect(issues({ retention: 0 })).toEqual(['/retention min-inclusive']);
    expect(issues({ ratio: 1 })).toEqual(['/ratio max-exclusive']);
    expect(issues({ contains: 16 })).toEqual(['/contains max-inclusive']);
    expect(issues({ tags: [] })).toEqual(['/tags min-items']);
    expect(issues({ destinations: ['x'] })).toEqual(['/destinations/0 pattern']);
    expect(issues({ limits: { cpu: -1 } })).toEqual(['/limits/cpu min-inclusive']);
    expect(issues({ monitor: { ranfor: 1, extra: 1 } })).toEqual(['/monitor/extra unknown-property']);
    expect(issues({ target: { path: '' } })).toEqual(['/target no-match']);
    expect(issues({ size: -1 })).toEqual(['/size no-match']);
    expect(issues({ kind: 1.5 })).toEqual(['/kind enumeration']);
    expect(issues({ version: 2 })).toEqual(['/version enumeration']);
    expect(issues({ disabled: 'yes' })).toEqual(['/disabled enumeration']);
    expect(issues({ label: '' })).toEqual(['/label min-length']);
    expect(issues(JSON.parse('{"__proto__": 1}') as Record<string, unknown>)).toEqual(['/__proto__ wrong-type']);
  });
});
