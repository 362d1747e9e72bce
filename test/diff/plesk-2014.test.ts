/**
 * The real schema history: the 2014 backup.xsd (../shared/reference/plesk/xsd-2014, with its include
 * closure) against the project's protocol 1.6.9.0 backup.xsd. ../shared/reference/plesk/README.md §3.3
 * lists what changed from 2014 to 1.6.7.0+; the diff must report exactly that, classified as
 * additions, and nothing spurious (the 2014 includes bring plesk_domain, plesk_common, descriptor,
 * ...: none of it is reached from backup.xsd's declarations beyond the few simple types it uses).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isBreaking } from '../../generator/diff/changes.js';
import { diffSchemas } from '../../generator/diff/index.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/samples.js';
import { r, row } from './helpers.js';

const XSD_2014 = path.resolve(repoRoot, '../shared/reference/plesk/xsd-2014/backup.xsd');
const XSD_1690 = path.join(repoRoot, 'schemas/plesk/backup.xsd');
const AGENT_INPUT = path.join(repoRoot, 'schemas/plesk/agent_input.xsd');
const AGENT_OUTPUT = path.join(repoRoot, 'schemas/plesk/agent_output.xsd');

/** README §3.3, in the diff's order (sorted by path): every 1.6.7.0+ change, with the side that uses it. */
const ADDED_SINCE_2014 = [
  r('type-added', 'BackupGetServerWideSettingsOutput', 'response', 'N', 'N'),
  r('element-added', 'BackupImportFileInput/ignore-sign', 'request', 'N', 'N'),
  r('operation-added', 'BackupInputType/get-server-wide-settings', 'request', 'N', 'N'),
  r('operation-added', 'BackupInputType/set-server-wide-settings', 'request', 'N', 'N'),
  r('operation-added', 'BackupOutputType/get-server-wide-settings', 'response', 'N', 'N'),
  r('operation-added', 'BackupOutputType/set-server-wide-settings', 'response', 'N', 'N'),
  // settings of set-remote-storage-settings (request) and of get-remote-storage-settings' result (response)
  r('element-added', 'BackupRemoteStorage/use-ftps', 'both', 'N', 'N'),
  // settings of set-server-wide-settings (request) and of get-server-wide-settings' result (response)
  r('type-added', 'BackupServerWideSettings', 'both', 'N', 'N'),
  r('type-added', 'BackupSetServerWideSettingsInput', 'request', 'N', 'N'),
  r('type-added', 'BackupSetServerWideSettingsOutput', 'response', 'N', 'N'),
];

describe('2014 backup.xsd -> 1.6.9.0 backup.xsd', () => {
  const result = diffSchemas(XSD_2014, XSD_1690);

  it('reports exactly the 1.6.7.0+ additions: kinds, paths, sides and verdicts', () => {
    expect(result.changes.map(row)).toEqual(ADDED_SINCE_2014);
  });

  it('places the new optional elements where the protocol puts them', () => {
    const byPath = new Map(result.changes.map((c) => [c.path, c]));
    expect(byPath.get('BackupImportFileInput/ignore-sign')!.message).toBe('optional element <ignore-sign> added (after <tmp-filename>)');
    // passive-mode was the last child in 2014: use-ftps is appended
    expect(byPath.get('BackupRemoteStorage/use-ftps')!.message).toBe('optional element <use-ftps> added (after <passive-mode>)');
    expect(byPath.get('BackupInputType/set-server-wide-settings')!.message).toBe('operation <set-server-wide-settings> added');
    for (const c of result.changes) {
      expect(c.old, c.path).toBeUndefined();
      expect(c.new, c.path).toBeUndefined();
    }
  });

  it('none is breaking', () => {
    expect(result.changes.filter(isBreaking)).toEqual([]);
    expect(result.summary).toEqual({ changes: 10, breakingRequest: 0, breakingResponse: 0, breaking: 0 });
  });

  it('CLI: exit 0 with --fail-on breaking (the default), 1 with --fail-on any, 0 with --fail-on never', async () => {
    const breaking = await runCli(['diff', '--fail-on', 'breaking', XSD_2014, XSD_1690]);
    expect(breaking.code, breaking.stderr).toBe(0);
    expect(breaking.err).toEqual([]);
    expect(breaking.out[1]).toBe('10 change(s): 0 breaking for senders (request side), 0 breaking for readers (response side)');
    expect((await runCli(['diff', XSD_2014, XSD_1690])).code).toBe(0);
    expect((await runCli(['diff', '--fail-on', 'any', XSD_2014, XSD_1690])).code).toBe(1);
    expect((await runCli(['diff', '--fail-on', 'never', XSD_2014, XSD_1690])).code).toBe(0);
  });
});

describe('1.6.9.0 backup.xsd -> 2014 backup.xsd (a downgrade)', () => {
  const result = diffSchemas(XSD_1690, XSD_2014);

  it('the same places, as removals, each breaking for both senders and readers', () => {
    const removed = { 'type-added': 'type-removed', 'element-added': 'element-removed', 'operation-added': 'operation-removed' } as const;
    expect(result.changes.map(row)).toEqual(
      ADDED_SINCE_2014.map((c) => ({ ...c, kind: removed[c.kind as keyof typeof removed], request: 'breaking', response: 'breaking' })),
    );
    expect(result.changes.every(isBreaking)).toBe(true);
    // 6 changes in types used by requests, 6 in types used by responses (two are used by both)
    expect(result.summary).toEqual({ changes: 10, breakingRequest: 6, breakingResponse: 6, breaking: 10 });
  });

  it('CLI: exit 1 with --fail-on breaking, the breaking changes marked with !', async () => {
    const run = await runCli(['diff', '--fail-on', 'breaking', XSD_1690, XSD_2014]);
    expect(run.code).toBe(1);
    expect(run.out[1]).toBe('10 change(s): 6 breaking for senders (request side), 6 breaking for readers (response side)');
    expect(run.out.filter((l) => l.startsWith('  ! '))).toHaveLength(10);
    expect(run.out).toContain('  ! BackupRemoteStorage/use-ftps: element <use-ftps> removed [element-removed; request breaking, response breaking]');
  });
});

describe('the packet roots', () => {
  it('agent_input.xsd against itself: no change, exit 0 even with --fail-on any', async () => {
    expect(diffSchemas(AGENT_INPUT, AGENT_INPUT).changes).toEqual([]);
    const run = await runCli(['diff', '--fail-on', 'any', AGENT_INPUT, AGENT_INPUT]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`schema diff ${AGENT_INPUT} -> ${AGENT_INPUT}`, '0 change(s): 0 breaking for senders (request side), 0 breaking for readers (response side)']);
  });

  it('agent_output.xsd -> agent_input.xsd: response types removed, request types added, sides from the names and files', () => {
    const { changes } = diffSchemas(AGENT_OUTPUT, AGENT_INPUT);
    const kinds = new Set(changes.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['type-added', 'type-removed', 'type-changed']));
    const added = changes.filter((c) => c.kind === 'type-added');
    const removed = changes.filter((c) => c.kind === 'type-removed');
    // Only the request set reaches them: named *Input, or reached from agent_input.xsd's packet.
    expect(added.every((c) => c.side === 'request')).toBe(true);
    expect(removed.every((c) => c.side === 'response')).toBe(true);
    expect(added.map((c) => c.path)).toEqual(expect.arrayContaining(['RequestPacketType', 'BackupInputType', 'BackupImportFileInput', 'BackupSetServerWideSettingsInput', 'NoneType']));
    expect(removed.map((c) => c.path)).toEqual(
      expect.arrayContaining(['ResponsePacketType', 'BackupOutputType', 'BackupGetServerWideSettingsOutput', 'resultType', 'BackupTaskStatus']),
    );
    // The root element keeps its name and changes its type: the old type served readers, the new one senders.
    expect(changes.filter((c) => c.kind === 'type-changed').map(row)).toEqual([r('type-changed', '<packet>', 'both', 'B', 'B')]);
    // Types both sets use are identical, so they are not mentioned at all.
    const shared = ['BackupRemoteStorage', 'BackupServerWideSettings', 'BackupTaskIdType', 'string', 'boolean'];
    expect(changes.filter((c) => shared.includes(c.path.split('/')[0]!))).toEqual([]);
    // Every type is either added or removed once.
    expect(new Set(changes.map((c) => c.path)).size).toBe(changes.length);
  });

  it('--side forces the side of every change', () => {
    const { changes, summary } = diffSchemas(AGENT_OUTPUT, AGENT_INPUT, { side: 'response' });
    expect(changes.every((c) => c.side === 'response')).toBe(true);
    expect(summary.breakingRequest).toBe(0);
    expect(summary.breakingResponse).toBe(changes.filter((c) => c.response === 'breaking').length);
  });
});
