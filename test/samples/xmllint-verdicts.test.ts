/**
 * Differential oracle: libxml2 (xmllint-wasm) must give every published Plesk sample packet the
 * verdict recorded for it (MANIFEST.md for the reference samples, seed-verdicts.json for the doc-page
 * seeds) against the project's own 1.6.9.0 schemas. A mismatch means the schema (or the seed table)
 * is wrong — never change MANIFEST.md's expectation to make it pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embeddedPackets, listPleskSamples, repoRoot, seedsDir, type PacketDirection, type PleskSample } from '../support/samples.js';
import { loadSchemaSet, xmllintCompileSchema, xmllintValidate, type XmlFile } from '../support/xmllint.js';

const schemaDir = path.resolve(repoRoot, 'schemas/plesk');
const entries: Record<PacketDirection, string> = {
  request: path.join(schemaDir, 'agent_input.xsd'),
  response: path.join(schemaDir, 'agent_output.xsd'),
};
const schemaSets: Record<PacketDirection, XmlFile[]> = {
  request: loadSchemaSet(entries.request),
  response: loadSchemaSet(entries.response),
};

const samples = listPleskSamples();

/**
 * For every invalid sample: a fragment libxml2's first error must contain, so that a packet
 * cannot pass as "invalid" for a reason other than the recorded one (e.g. a schema typo).
 */
const expectedError: Record<string, string> = {
  'backup-client.request.9-0-doc.xml': "Element 'backup-client': This element is not expected",
  'backup-client.response.9-0-doc-error.xml': "Element 'backup-client': This element is not expected",
  'backup-client.response.9-0-doc-ok.xml': "Element 'backup-client': This element is not expected",
  'backup-customer.request.ruby-script-unwrapped.xml': "Element 'customer-login': This element is not expected",
  'backup-webspace.request.go-flowpanel.xml': "Element 'webspace-id': '%s' is not a valid value of the atomic type 'id_type'",
  'download-file.request.12-5-doc.xml': "Element 'filename': This element is not expected. Expected is one of ( webspace-id,",
  'download-file.request.go-flowpanel.xml': "Element 'webspace-id': '%s' is not a valid value of the atomic type 'id_type'",
  'get-backup-status.request.12-5-doc.xml': "Element 'get-backup-status': This element is not expected",
  'get-tasks-info.request.go-flowpanel.xml': "Element 'task-id': [facet 'pattern']",
  'get-tasks-info.request.php-plesk-backup.xml': "Element 'task-id': [facet 'pattern']",
  'import-file.request.9-2-doc-skeleton.xml': "Element 'import-file': This element is not expected",
  'put-backup.request.9-3-doc.xml': "Element 'put-backup': This element is not expected",
  'put-backup.response.9-3-doc-error.xml': "Element 'put-backup': This element is not expected",
  'put-backup.response.9-3-doc-ok.xml': "Element 'put-backup': This element is not expected",
  'remove-file.request.go-flowpanel.xml': "Element 'webspace-id': '%s' is not a valid value of the atomic type 'id_type'",
  'set-remote-storage-settings.request.php-plesk-backup.xml': "Element 'passive-mode':",
  'set-server-wide-settings.request.onyx-doc-skeleton.xml': 'parser error : Opening and ending tag mismatch: set-server-wide-settings',
  'seed:000_40248cb90d25373c.txt#1': "Element 'backup-webspace': Character content other than whitespace is not allowed",
  'seed:001_52ef5053884fc3d8.txt#1': "Element 'backup-customer': Character content other than whitespace is not allowed",
  'seed:002_0054a525964439be.txt#1': "Element 'get-tasks-info': Character content other than whitespace is not allowed",
  'seed:002_0054a525964439be.txt#2': "Element 'get-backup-status': This element is not expected",
};
const directions: PacketDirection[] = ['request', 'response'];

type Verdicts = Map<string, { valid: boolean; errors: string[] }>;

/** One xmllint run per direction over all samples of that direction. */
async function verdictsFor(sets: Record<PacketDirection, XmlFile[]>): Promise<Verdicts> {
  const all: Verdicts = new Map();
  for (const direction of directions) {
    const docs = samples.filter((s) => s.direction === direction).map((s) => ({ fileName: s.name, contents: s.xml }));
    for (const [name, verdict] of await xmllintValidate(sets[direction], docs)) all.set(name, verdict);
  }
  return all;
}

describe('schemas/plesk compile in libxml2', () => {
  it('loads the include closure of both roots', () => {
    expect(schemaSets.request.map((f) => f.fileName)).toEqual(['agent_input.xsd', 'backup.xsd', 'common.xsd']);
    expect(schemaSets.response.map((f) => f.fileName)).toEqual(['agent_output.xsd', 'backup.xsd', 'common.xsd']);
  });

  for (const direction of directions) {
    it(`${path.basename(entries[direction])} compiles without errors or warnings`, async () => {
      const result = await xmllintCompileSchema(schemaSets[direction]);
      expect(result).toEqual({ compiled: true, messages: [] });
    });
  }

  it('reports a broken schema as not compiled (the check above can fail)', async () => {
    const broken = schemaSets.request.map((f) =>
      f.fileName === 'backup.xsd' ? { ...f, contents: f.contents.replace('type="BackupDomainInput"', 'type="NoSuchType"') } : f);
    const result = await xmllintCompileSchema(broken);
    expect(result.compiled).toBe(false);
    expect(result.messages.join('\n')).toContain('NoSuchType');
  });
});

describe('libxml2 verdicts on the Plesk sample packets', () => {
  let verdicts: Verdicts;
  beforeAll(async () => {
    verdicts = await verdictsFor(schemaSets);
  });

  it('has samples of both kinds and both directions', () => {
    expect(samples.filter((s) => !s.name.startsWith('seed:')).length).toBe(32);
    expect(samples.filter((s) => s.name.startsWith('seed:')).length).toBe(15);
    for (const direction of directions) {
      expect(samples.some((s) => s.direction === direction && s.valid)).toBe(true);
      expect(samples.some((s) => s.direction === direction && !s.valid)).toBe(true);
    }
  });

  it.each(samples.map((s): [string, PleskSample] => [s.name, s]))('%s', (_name, sample) => {
    const verdict = verdicts.get(sample.name);
    expect(verdict, 'xmllint returned no verdict').toBeDefined();
    const detail = `${sample.direction} ${sample.operation}: expected ${sample.valid ? 'valid' : `invalid (${sample.reason})`}; libxml2 said:\n${verdict!.errors.join('\n')}`;
    expect(verdict!.valid, detail).toBe(sample.valid);
    if (!sample.valid) {
      expect(expectedError[sample.name], `no expected error recorded for invalid sample ${sample.name}`).toBeDefined();
      expect(verdict!.errors[0], detail).toContain(expectedError[sample.name]);
    }
  });

  it('records expected errors only for invalid samples', () => {
    const invalid = new Set(samples.filter((s) => !s.valid).map((s) => s.name));
    expect(Object.keys(expectedError).filter((n) => !invalid.has(n))).toEqual([]);
  });

  it('gives the same verdicts with the gen:name hints stripped (libxml2 ignores foreign attributes)', async () => {
    const strip = (files: XmlFile[]): XmlFile[] => files.map((f) => ({ ...f, contents: f.contents.replace(/\s+gen:name="[^"]*"/g, '') }));
    const hinted = schemaSets.request.concat(schemaSets.response).filter((f) => f.contents.includes('gen:name='));
    expect(hinted.length).toBeGreaterThan(0);
    const plain = await verdictsFor({ request: strip(schemaSets.request), response: strip(schemaSets.response) });
    expect(new Map([...plain].map(([n, v]) => [n, v.valid]))).toEqual(new Map([...verdicts].map(([n, v]) => [n, v.valid])));
  });
});

/**
 * The published samples do not exercise every 1.6.7.0-1.6.9.0 addition (README §3.3) nor a few
 * facts of §5; these hand-written packets do, valid and invalid.
 */
describe('constructed packets for facts the samples do not cover', () => {
  const bm = (ops: string): string => `<packet version="1.6.9.0"><backup-manager>${ops}</backup-manager></packet>`;
  const storage = (extra: string): string =>
    `<settings><protocol>ftp</protocol><host>h</host><port>21</port><password xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>${extra}</settings>`;
  const cases: { name: string; direction: PacketDirection; xml: string; valid: boolean }[] = [
    { name: 'use-ftps last in set-remote-storage-settings', direction: 'request', valid: true,
      xml: bm(`<set-remote-storage-settings><server/>${storage('<passive-mode>1</passive-mode><use-ftps>true</use-ftps>')}</set-remote-storage-settings>`) },
    { name: 'use-ftps before passive-mode (order is strict)', direction: 'request', valid: false,
      xml: bm(`<set-remote-storage-settings>${storage('<use-ftps>true</use-ftps><passive-mode>1</passive-mode>')}</set-remote-storage-settings>`) },
    { name: 'use-ftps in get-remote-storage-settings response (1.6.8.0+)', direction: 'response', valid: true,
      xml: bm(`<get-remote-storage-settings><result><status>ok</status>${storage('<use-ftps>false</use-ftps>')}</result></get-remote-storage-settings>`) },
    { name: 'import-file with ignore-sign after tmp-filename', direction: 'request', valid: true,
      xml: bm('<import-file><server/><tmp-filename>/tmp/b.tar</tmp-filename><ignore-sign>true</ignore-sign></import-file>') },
    { name: 'import-file with ignore-sign before tmp-filename', direction: 'request', valid: false,
      xml: bm('<import-file><server/><ignore-sign>true</ignore-sign><tmp-filename>/tmp/b.tar</tmp-filename></import-file>') },
    { name: 'get-server-wide-settings request (empty NoneType)', direction: 'request', valid: true,
      xml: bm('<get-server-wide-settings/>') },
    { name: 'get-server-wide-settings request with content', direction: 'request', valid: false,
      xml: bm('<get-server-wide-settings><settings/></get-server-wide-settings>') },
    { name: 'set-server-wide-settings with max-backup-files -1 and an int beyond 64 bits', direction: 'request', valid: true,
      xml: bm('<set-server-wide-settings><settings><max-backup-files>-1</max-backup-files><max-backup-processes>123456789012345678901234567890</max-backup-processes></settings></set-server-wide-settings>') },
    { name: 'set-server-wide-settings without the settings wrapper', direction: 'request', valid: false,
      xml: bm('<set-server-wide-settings><max-backup-files>5</max-backup-files></set-server-wide-settings>') },
    { name: 'get-server-wide-settings response with settings (1.6.8.0+)', direction: 'response', valid: true,
      xml: bm('<get-server-wide-settings><result><status>ok</status><settings><low-priority>0</low-priority><keep-local-backup>1</keep-local-backup></settings></result></get-server-wide-settings>') },
    { name: 'set-server-wide-settings response', direction: 'response', valid: true,
      xml: bm('<set-server-wide-settings><result><status>error</status><errcode>1019</errcode><errtext>  kept  as sent </errtext></result></set-server-wide-settings>') },
    { name: 'request-settings and several operations and operators', direction: 'request', valid: true,
      xml: '<packet><request-settings><setting><name>a</name><value>b</value></setting><setting><name>c</name></setting></request-settings>'
        + '<backup-manager><get-supported-protocols/><stop-backup><task-id>-5</task-id></stop-backup></backup-manager><backup-manager><get-tasks-info/></backup-manager></packet>' },
    { name: 'empty split-size (empty int)', direction: 'request', valid: false,
      xml: bm('<backup-server><local/><description>d</description><split-size></split-size></backup-server>') },
    { name: 'webspace-id 0 (id_type is positive)', direction: 'request', valid: false,
      xml: bm('<backup-webspace><webspace-id>0</webspace-id><local/><description>d</description></backup-webspace>') },
    { name: 'backup-webspace without description', direction: 'request', valid: false,
      xml: bm('<backup-webspace><webspace-id>1</webspace-id><local/></backup-webspace>') },
    { name: 'local backup list with nil description and a size beyond 2^53', direction: 'response', valid: true,
      xml: bm('<get-local-backup-list><result><status>ok</status><backup><file><name>f</name><creation-date>1448947148</creation-date>'
        + '<description xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/><size>18446744073709551615</size><not-backup/></file></backup></result></get-local-backup-list>') },
    { name: 'task status outside the enumeration', direction: 'response', valid: false,
      xml: bm('<get-tasks-info><result><status>ok</status><task><server/><id>1</id><status>running</status><started>1</started><prefix/><filename/><protocol>local</protocol></task></result></get-tasks-info>') },
    { name: 'system error with output', direction: 'response', valid: true,
      xml: '<packet version="1.6.9.0"><system><status>error</status><errcode>1014</errcode><errtext>Parser error</errtext></system><output>trace</output></packet>' },
    { name: 'system and an operator together', direction: 'response', valid: false,
      xml: '<packet><system><status>error</status></system><backup-manager><stop-backup><result><status>ok</status></result></stop-backup></backup-manager></packet>' },
  ];

  for (const direction of directions) {
    const mine = cases.filter((c) => c.direction === direction);
    it(`${direction}s`, async () => {
      const result = await xmllintValidate(schemaSets[direction], mine.map((c) => ({ fileName: c.name, contents: c.xml })));
      for (const c of mine) expect(result.get(c.name)?.valid, `${c.name}: ${result.get(c.name)?.errors.join('\n') ?? ''}`).toBe(c.valid);
    });
  }
});

describe('seed packets verbatim', () => {
  it('are rejected when their U+00A0 indentation is kept (why samples.ts normalises it)', async () => {
    const raw = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort().flatMap((seed) =>
      embeddedPackets(readFileSync(path.join(seedsDir, seed), 'utf8'))
        .map((xml, i) => ({ name: `seed:${seed}#${i + 1}`, xml }))
        .filter((p) => p.xml.includes('\u00A0')));
    expect(raw.length).toBeGreaterThan(0);
    for (const direction of directions) {
      const docs = raw
        .filter((p) => samples.find((s) => s.name === p.name)?.direction === direction)
        .map((p) => ({ fileName: p.name, contents: p.xml }));
      for (const [name, verdict] of await xmllintValidate(schemaSets[direction], docs)) {
        expect(verdict.valid, name).toBe(false);
        expect(verdict.errors.join('\n'), name).toContain('Character content other than whitespace is not allowed');
      }
    }
  });
});

describe('xmllintValidate', () => {
  it('maps verdicts and errors to each document of one run, including a not-well-formed one', async () => {
    const result = await xmllintValidate(schemaSets.request, [
      { fileName: 'ok.xml', contents: '<packet><backup-manager><get-supported-protocols/></backup-manager></packet>' },
      { fileName: 'name:with#odd chars', contents: '<packet><backup-manager><get-supported-protocols>' },
      { fileName: 'bad.xml', contents: '<packet><backup-manager><stop-backup><task-id>x</task-id></stop-backup></backup-manager></packet>' },
      { fileName: 'empty.xml', contents: '' },
    ]);
    expect([...result.keys()]).toEqual(['ok.xml', 'name:with#odd chars', 'bad.xml', 'empty.xml']);
    expect(result.get('ok.xml')).toEqual({ valid: true, errors: [] });
    expect(result.get('name:with#odd chars')?.valid).toBe(false);
    expect(result.get('name:with#odd chars')?.errors.join('\n')).toMatch(/^name:with#odd chars:\d+: parser error/);
    expect(result.get('bad.xml')?.valid).toBe(false);
    expect(result.get('bad.xml')?.errors.join('\n')).toContain("Element 'task-id'");
    expect(result.get('empty.xml')?.valid).toBe(false);
  });
});
