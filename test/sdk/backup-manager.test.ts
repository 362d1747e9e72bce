import { describe, expect, it } from 'vitest';
import {
  backupManagerRequest,
  backupServer,
  backupWebspace,
  decodeBackupManagerOutputs,
  decodeBackupManagerResponse,
  encodeBackupManagerRequest,
  getServerWideSettings,
  getSupportedProtocols,
  getTasksInfo,
  PROTOCOL_VERSION,
  setRemoteStorageSettings,
} from '../../generated/plesk/backup-manager.js';
import { PacketCodec as RequestCodec } from '../../generated/plesk/request/index.js';
import { EncodeError, PacketSystemError, ResponseMismatchError, XmlParseError } from '../../generated/runtime/index.js';

describe('backup-manager request builders', () => {
  it('emits schema order whatever the key order of the input', () => {
    const xml = encodeBackupManagerRequest([
      backupWebspace({ splitSize: 0n, description: 'Standard weekly backup', prefix: 'example-webspace', local: true, webspaceId: 3n }),
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.9.0"><backup-manager><backup-webspace>' +
        '<webspace-id>3</webspace-id><local/><prefix>example-webspace</prefix><description>Standard weekly backup</description>' +
        '<split-size>0</split-size></backup-webspace></backup-manager></packet>',
    );
  });

  it('puts several operations in one packet, in the given order', () => {
    const ops = [
      getTasksInfo({ taskId: '7' }),
      backupServer({ remote: 'ftp', description: 'nightly', onlyConfiguration: true }),
      getSupportedProtocols(),
      getServerWideSettings(),
    ] as const;
    const xml = encodeBackupManagerRequest(ops);
    expect(xml).toContain(
      '<backup-manager><get-tasks-info><task-id>7</task-id></get-tasks-info><backup-server><remote>ftp</remote>' +
        '<description>nightly</description><only-configuration/></backup-server><get-supported-protocols/><get-server-wide-settings/></backup-manager>',
    );
    expect(backupManagerRequest(ops).version).toBe(PROTOCOL_VERSION);
    // The packet round-trips through the request codec.
    expect(RequestCodec.decode(xml)).toEqual(backupManagerRequest(ops));
  });

  it('escapes markup in text values', () => {
    const xml = encodeBackupManagerRequest([backupWebspace({ webspaceName: 'a&b.example', local: true, description: '<x> & "y" \r' })]);
    expect(xml).toContain('<webspace-name>a&amp;b.example</webspace-name>');
    expect(xml).toContain('<description>&lt;x&gt; &amp; "y"</description>'); // Plesk `string` collapses whitespace
  });

  it('refuses impossible combinations at compile time and at run time', () => {
    // @ts-expect-error local and remote are alternatives
    const both = backupWebspace({ webspaceId: 1n, local: true, remote: 'ftp', description: 'x' });
    expect(() => encodeBackupManagerRequest([both])).toThrow(EncodeError);
    try {
      encodeBackupManagerRequest([both]);
    } catch (e) {
      expect((e as EncodeError).issues).toContainEqual(
        expect.objectContaining({ path: '/packet/backup-manager/backup-webspace', code: 'choice-conflict' }),
      );
    }
    // @ts-expect-error webspace-id is a positive integer (bigint), not a string
    const wrong = backupWebspace({ webspaceId: '3', local: true, description: 'x' });
    expect(() => encodeBackupManagerRequest([wrong])).toThrow(/webspace-id/);
  });

  it('keeps integers beyond 2^53 exact', () => {
    const big = 2n ** 64n + 1n;
    const xml = encodeBackupManagerRequest([backupWebspace({ webspaceId: big, local: true, description: 'x', splitSize: -big })]);
    expect(xml).toContain(`<webspace-id>${big}</webspace-id>`);
    expect(xml).toContain(`<split-size>-${big}</split-size>`);
    const decoded = RequestCodec.decode(xml);
    const op = decoded.backupManager[0]!.operations[0]!;
    expect(op.backupWebspace?.webspaceId).toBe(big);
  });

  it('sends use-ftps last and password as nil when asked', () => {
    const xml = encodeBackupManagerRequest([
      setRemoteStorageSettings({ server: true, settings: { useFtps: true, protocol: 'ftp', password: null, host: 'h', port: 21n } }),
    ]);
    expect(xml).toContain(
      '<settings><protocol>ftp</protocol><host>h</host><port>21</port><password xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/><use-ftps>true</use-ftps></settings>',
    );
  });
});

const okResponse = `<?xml version="1.0" encoding="UTF-8"?>
<packet version="1.6.9.0">
  <backup-manager>
    <backup-webspace><result><status>ok</status><task-id>23</task-id></result></backup-webspace>
    <get-tasks-info>
      <result>
        <status>ok</status>
        <task><server/><id>7</id><status>finished</status><started>1448947148</started><prefix/><filename>my_1512011119.tar</filename><protocol>ftp</protocol></task>
      </result>
    </get-tasks-info>
  </backup-manager>
</packet>`;

describe('backup-manager response decoding', () => {
  const ops = [backupWebspace({ webspaceId: 3n, local: true, description: 'x' }), getTasksInfo({ taskId: '7' })] as const;

  it('pairs outputs with operations, typed', () => {
    const [created, tasks] = decodeBackupManagerResponse(okResponse, ops);
    expect(created.result.taskId).toBe('23');
    const task = tasks.result[0]?.task?.[0];
    expect(task?.status).toBe('finished');
    expect(task?.server).toBe(true);
    // <prefix/> is present and empty: not the same as absent
    expect(task?.prefix).toBe('');
    expect(task && 'prefix' in task).toBe(true);
    expect(decodeBackupManagerOutputs(okResponse)).toHaveLength(2);
  });

  it('reports a response that does not answer the request', () => {
    expect(() => decodeBackupManagerResponse(okResponse, [ops[1], ops[0]])).toThrow(ResponseMismatchError);
    expect(() => decodeBackupManagerResponse(okResponse, [ops[0]])).toThrow(/2 operation output\(s\) for 1 operation/);
  });

  it('turns <system> into a typed error', () => {
    const system = `<?xml version="1.0"?><packet version="1.6.8.0"><system><status>error</status><errcode>11003</errcode>
      <errtext>PleskAPIInvalidSecretKeyException : Invalid secret key usage.</errtext></system></packet>`;
    let caught: unknown;
    try {
      decodeBackupManagerResponse(system, ops);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(PacketSystemError);
    expect((caught as PacketSystemError).errcode).toBe(11003);
    expect((caught as PacketSystemError).errtext).toContain('Invalid secret key usage');
  });

  it('refuses DOCTYPE and entity declarations', () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE packet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><packet>&b;</packet>`;
    expect(() => decodeBackupManagerOutputs(evil)).toThrow(XmlParseError);
  });
});
