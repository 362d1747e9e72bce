/**
 * `format FILE`: decode then encode. The output is canonical: indented, with the XML declaration;
 * formatting it again gives the same bytes; it decodes to the same value as the original. Invalid
 * packets: issues on stderr, exit 1, nothing on stdout.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PacketCodec as RequestCodec } from '../../generated/plesk/request/index.js';
import { PacketCodec as ResponseCodec } from '../../generated/plesk/response/index.js';
import { runCli, tempDir } from '../support/cli.js';
import { listPleskSamples } from '../support/samples.js';
import { TWO_ISSUES_REQUEST, VALID_RESPONSE } from './fixtures.js';

const tmp = tempDir('format');
afterAll(() => tmp.remove());

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const codecs = { request: RequestCodec, response: ResponseCodec } as const;
const validSamples = listPleskSamples().filter((s) => s.valid);

/** Seed packets have no file of their own: each sample gets one in the temp folder. */
function sampleFile(name: string, xml: string): string {
  return tmp.file(`${name.replace(/[^\w.-]+/g, '_')}.xml`, xml);
}

describe('canonical output of every valid sample', () => {
  it('has valid samples of both kinds to format', () => {
    expect(new Set(validSamples.map((s) => s.direction))).toEqual(new Set(['request', 'response']));
  });

  for (const s of validSamples) {
    it(s.name, async () => {
      const original = sampleFile(s.name, s.xml);
      const first = await runCli(['format', original]);
      expect(first.code).toBe(0);
      expect(first.err).toEqual([]);
      // Indented, with the declaration on a line of its own.
      expect(first.out[0]).toBe(DECLARATION);
      expect(first.out[1]).toMatch(/^<packet[ >]/);
      expect(first.out.at(-1)).toBe('</packet>');
      expect(first.out.slice(2, -1).every((l) => l.startsWith('  '))).toBe(true);

      // Idempotent: the formatted file (as the process printed it) formats to the same bytes.
      const formatted = tmp.file(`${path.basename(original, '.xml')}.formatted.xml`, first.stdout);
      const second = await runCli(['format', formatted]);
      expect(second.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);

      // Same value as the original.
      const codec = codecs[s.direction];
      expect(codec.decode(first.stdout)).toEqual(codec.decode(s.xml));
    });
  }
});

describe('layout does not matter', () => {
  it('a compact and an oddly indented spelling of one packet format to the same bytes', async () => {
    const compact = tmp.file('compact.xml', '<packet><backup-manager><get-tasks-info><task-id>7</task-id></get-tasks-info></backup-manager></packet>');
    const loose = tmp.file('loose.xml', '<?xml version="1.0"?>\n<packet>\n\t<backup-manager>\n      <get-tasks-info><task-id>7</task-id>\n</get-tasks-info></backup-manager>\n\n</packet>\n');
    const a = await runCli(['format', compact]);
    const b = await runCli(['format', loose]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.out).toEqual([
      DECLARATION,
      '<packet>',
      '  <backup-manager>',
      '    <get-tasks-info>',
      '      <task-id>7</task-id>',
      '    </get-tasks-info>',
      '  </backup-manager>',
      '</packet>',
    ]);
  });
});

describe('invalid packets', () => {
  it('issues (path, code, message) on stderr, nothing on stdout, exit 1', async () => {
    const file = tmp.file('two-issues.xml', TWO_ISSUES_REQUEST);
    const run = await runCli(['format', file]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    const issues = RequestCodec.validateXml(TWO_ISSUES_REQUEST);
    expect(run.err[0]).toBe(`${file}: invalid (plesk request), cannot format:`);
    expect(run.err).toHaveLength(1 + issues.length);
    issues.forEach((i, n) => expect(run.err[n + 1]!.startsWith(`  ${i.path} [${i.code}] ${i.message}`)).toBe(true));
  });

  it('--kind forces the codec: a response formatted as a request is invalid', async () => {
    const run = await runCli(['format', '--kind', 'request', VALID_RESPONSE]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toBe(`${VALID_RESPONSE}: invalid (plesk request), cannot format:`);
  });

  it('--kind response on a response formats it', async () => {
    const forced = await runCli(['format', '--kind', 'response', VALID_RESPONSE]);
    const detected = await runCli(['format', VALID_RESPONSE]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe(detected.stdout);
  });
});
