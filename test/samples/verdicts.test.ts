/**
 * Every published packet (reference samples and doc seeds) gets the verdict its MANIFEST (or the
 * seed table) gives, through the generated codecs. Valid packets round-trip to canonical XML that
 * keeps every element in order; invalid packets fail with an issue naming the offending element.
 */
import { describe, expect, it } from 'vitest';
import { PacketCodec as RequestCodec } from '../../generated/plesk/request/index.js';
import { PacketCodec as ResponseCodec } from '../../generated/plesk/response/index.js';
import { XmlReader } from '../../generated/runtime/xml-reader.js';
import type { Codec, Issue } from '../../generated/runtime/index.js';
import { listPleskSamples, type PleskSample } from '../support/samples.js';

const samples = listPleskSamples();
const codecFor = (s: PleskSample) => (s.direction === 'request' ? RequestCodec : ResponseCodec) as unknown as Codec<unknown>;

/** Expected first issue of each invalid packet: where it points and what kind it is. */
const OFFENDING: Record<string, { path: string; code: Issue['code']; also?: Issue['code'] }> = {
  'backup-client.request.9-0-doc.xml': { path: '/packet/backup-manager/backup-client', code: 'unexpected-element' },
  'backup-client.response.9-0-doc-error.xml': { path: '/packet/backup-manager/backup-client', code: 'unexpected-element' },
  'backup-client.response.9-0-doc-ok.xml': { path: '/packet/backup-manager/backup-client', code: 'unexpected-element' },
  'backup-customer.request.ruby-script-unwrapped.xml': { path: '/packet/backup-manager/customer-login', code: 'unexpected-element' },
  'backup-webspace.request.go-flowpanel.xml': { path: '/packet/backup-manager/backup-webspace/webspace-id', code: 'invalid-value' },
  'download-file.request.12-5-doc.xml': { path: '/packet/backup-manager/download-file/filename', code: 'missing-element' },
  'download-file.request.go-flowpanel.xml': { path: '/packet/backup-manager/download-file/webspace-id', code: 'invalid-value' },
  'get-backup-status.request.12-5-doc.xml': { path: '/packet/backup-manager/get-backup-status', code: 'unexpected-element' },
  'get-tasks-info.request.go-flowpanel.xml': { path: '/packet/backup-manager/get-tasks-info/task-id', code: 'pattern' },
  'get-tasks-info.request.php-plesk-backup.xml': { path: '/packet/backup-manager/get-tasks-info/task-id', code: 'pattern' },
  'import-file.request.9-2-doc-skeleton.xml': { path: '/packet/import-file', code: 'unexpected-element' },
  'put-backup.request.9-3-doc.xml': { path: '/packet/backup-manager/put-backup', code: 'unexpected-element' },
  'put-backup.response.9-3-doc-error.xml': { path: '/packet/backup-manager/put-backup', code: 'unexpected-element' },
  'put-backup.response.9-3-doc-ok.xml': { path: '/packet/backup-manager/put-backup', code: 'unexpected-element' },
  'remove-file.request.go-flowpanel.xml': { path: '/packet/backup-manager/remove-file/webspace-id', code: 'invalid-value' },
  'set-remote-storage-settings.request.php-plesk-backup.xml': {
    path: '/packet/backup-manager/set-remote-storage-settings/settings/passive-mode',
    code: 'invalid-value',
  },
  'set-server-wide-settings.request.onyx-doc-skeleton.xml': {
    path: '/packet/backup-manager/set-server-wide-settings',
    code: 'unexpected-text',
    also: 'not-well-formed',
  },
  'seed:000_40248cb90d25373c.txt#1': { path: '/packet/backup-manager/backup-webspace', code: 'unexpected-text' },
  'seed:001_52ef5053884fc3d8.txt#1': { path: '/packet/backup-manager/backup-customer', code: 'unexpected-text' },
  'seed:002_0054a525964439be.txt#1': { path: '/packet/backup-manager/get-tasks-info', code: 'unexpected-text' },
  'seed:002_0054a525964439be.txt#2': { path: '/packet/backup-manager/get-backup-status', code: 'unexpected-element' },
};

/** Element names in document order and each leaf's text with whitespace collapsed: what a round trip must keep. */
function outline(xml: string): string[] {
  const out: string[] = [];
  const texts: string[] = [];
  new XmlReader({
    open(name) {
      out.push(`<${name}>`);
      texts.push('');
    },
    text(t) {
      texts[texts.length - 1] += t;
    },
    close(name) {
      const t = texts.pop()!.replace(/\s+/g, ' ').trim();
      out.push(t ? `${t}</${name}>` : `</${name}>`);
    },
  }).parse(xml);
  return out;
}

describe('published packets get their MANIFEST verdict', () => {
  it('has every sample and seed packet', () => {
    expect(samples.filter((s) => !s.name.startsWith('seed:'))).toHaveLength(32);
    expect(samples.filter((s) => s.name.startsWith('seed:')).length).toBeGreaterThanOrEqual(15);
    const invalid = samples.filter((s) => !s.valid).map((s) => s.name).sort();
    expect(invalid).toEqual(Object.keys(OFFENDING).sort());
  });

  for (const s of samples) {
    if (s.valid) {
      it(`${s.name} is valid and round-trips to canonical XML`, () => {
        const codec = codecFor(s);
        expect(codec.validateXml(s.xml)).toEqual([]);
        const value = codec.decode(s.xml);
        const canonical = codec.encode(value);
        expect(codec.decode(canonical)).toEqual(value);
        expect(codec.encode(codec.decode(canonical))).toBe(canonical);
        // Nothing dropped, nothing reordered.
        expect(outline(canonical)).toEqual(outline(s.xml));
      });
    } else {
      it(`${s.name} is invalid and the issue names the offending element`, () => {
        const issues = codecFor(s).validateXml(s.xml);
        const expected = OFFENDING[s.name]!;
        expect(issues.length).toBeGreaterThan(0);
        expect(issues[0]).toMatchObject({ path: expected.path, code: expected.code });
        expect(issues[0]!.line).toBeGreaterThan(0);
        if (expected.also) expect(issues.map((i) => i.code)).toContain(expected.also);
        expect(() => codecFor(s).decode(s.xml)).toThrow();
      });
    }
  }
});

describe('hand-made invalid packets', () => {
  const packet = (body: string) => `<packet><backup-manager><backup-webspace>${body}</backup-webspace></backup-manager></packet>`;
  const valid = '<webspace-id>3</webspace-id><local/><prefix>p</prefix><description>d</description><split-size>0</split-size>';

  it('accepts the base packet', () => {
    expect(RequestCodec.validateXml(packet(valid))).toEqual([]);
  });

  it('both <local/> and <remote>: names <remote> as the conflicting alternative', () => {
    const issues = RequestCodec.validateXml(packet(valid.replace('<local/>', '<local/><remote>ftp</remote>')));
    expect(issues[0]).toMatchObject({ path: '/packet/backup-manager/backup-webspace/remote', code: 'choice-conflict' });
    expect(issues[0]!.message).toContain('<local>');
  });

  it('elements out of order: names the element that came too late', () => {
    const swapped = valid.replace('<prefix>p</prefix><description>d</description>', '<description>d</description><prefix>p</prefix>');
    const issues = RequestCodec.validateXml(packet(swapped));
    expect(issues[0]).toMatchObject({ path: '/packet/backup-manager/backup-webspace/prefix', code: 'out-of-order' });
  });

  it('a duplicate element', () => {
    const issues = RequestCodec.validateXml(packet(valid.replace('<split-size>0</split-size>', '<split-size>0</split-size><split-size>1</split-size>')));
    expect(issues[0]).toMatchObject({ path: '/packet/backup-manager/backup-webspace/split-size', code: 'duplicate-element' });
  });

  it('a missing required element', () => {
    const issues = RequestCodec.validateXml(packet(valid.replace('<description>d</description>', '')));
    expect(issues[0]).toMatchObject({ path: '/packet/backup-manager/backup-webspace/split-size', code: 'missing-element' });
    expect(issues[0]!.message).toContain('<description>');
    const atEnd = RequestCodec.validateXml(packet('<webspace-id>3</webspace-id><local/>'));
    expect(atEnd[0]).toMatchObject({ path: '/packet/backup-manager/backup-webspace/description', code: 'missing-element' });
  });

  it('an unknown element', () => {
    const issues = RequestCodec.validateXml(packet(valid.replace('<local/>', '<local/><unknown/>')));
    expect(issues[0]).toMatchObject({ path: '/packet/backup-manager/backup-webspace/unknown', code: 'unexpected-element' });
  });

  it('collects every issue, not the first', () => {
    const xml = `<packet><backup-manager><backup-webspace><webspace-id>x</webspace-id><local/><description>d</description><split-size>y</split-size></backup-webspace><get-tasks-info><task-id>z</task-id></get-tasks-info></backup-manager></packet>`;
    const issues = RequestCodec.validateXml(xml);
    expect(issues.map((i) => `${i.path} ${i.code}`)).toEqual([
      '/packet/backup-manager/backup-webspace/webspace-id invalid-value',
      '/packet/backup-manager/backup-webspace/split-size invalid-value',
      '/packet/backup-manager/get-tasks-info/task-id pattern',
    ]);
  });
});
