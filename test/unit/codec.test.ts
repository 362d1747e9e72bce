/** Behaviour of the generated codecs that the issue spells out, on the real Plesk packet types. */
import { describe, expect, it } from 'vitest';
import { PacketCodec as RequestCodec, type Packet as RequestPacket } from '../../generated/plesk/request/index.js';
import { PacketCodec as ResponseCodec } from '../../generated/plesk/response/index.js';
import { DecodeError, EncodeError, XmlParseError } from '../../generated/runtime/index.js';

const webspace = (body: string) => `<packet><backup-manager><backup-webspace>${body}</backup-webspace></backup-manager></packet>`;
const op0 = (p: RequestPacket) => p.backupManager[0]!.operations[0]!;

describe('decode', () => {
  it('applies whiteSpace facets: Plesk string collapses, xs:string keeps', () => {
    const v = RequestCodec.decode(webspace('<webspace-id>\n  3\n</webspace-id><local/><description>  two   words \n</description>'));
    expect(op0(v).backupWebspace).toEqual({ webspaceId: 3n, local: true, description: 'two words' });
    const r = ResponseCodec.decode(
      '<packet><backup-manager><stop-backup><result><status>error</status><errcode>1013</errcode><errtext>  kept \n as is </errtext></result></stop-backup></backup-manager></packet>',
    );
    expect(r.backupManager?.[0]?.operations[0]?.stopBackup?.result).toEqual({ status: 'error', errcode: 1013, errtext: '  kept \n as is ' });
  });

  it('keeps integers beyond 2^53 exact and accepts leading zeros as the schema type says', () => {
    const v = RequestCodec.decode(webspace('<webspace-id>0012</webspace-id><local/><description>d</description><split-size>-9007199254740993</split-size>'));
    expect(op0(v).backupWebspace?.webspaceId).toBe(12n);
    expect(op0(v).backupWebspace?.splitSize).toBe(-9007199254740993n);
    const list = ResponseCodec.decode(
      '<packet><backup-manager><get-local-backup-list><result><status>ok</status><backup><file><name>a</name><creation-date>1</creation-date><description xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/><size>18446744073709551615</size></file></backup></result></get-local-backup-list></backup-manager></packet>',
    );
    const file = list.backupManager?.[0]?.operations[0]?.getLocalBackupList?.result.backup?.[0]?.file[0];
    expect(file?.size).toBe(18446744073709551615n);
    expect(file?.description).toBeNull();
  });

  it('maps <local/> to true and keeps <prefix/> distinct from an absent prefix', () => {
    const withPrefix = op0(RequestCodec.decode(webspace('<webspace-id>1</webspace-id><local/><prefix/><description>d</description>'))).backupWebspace!;
    const without = op0(RequestCodec.decode(webspace('<webspace-id>1</webspace-id><local/><description>d</description>'))).backupWebspace!;
    expect(withPrefix.local).toBe(true);
    expect(withPrefix.prefix).toBe('');
    expect('prefix' in without).toBe(false);
    expect(RequestCodec.encode(RequestCodec.decode(webspace('<webspace-id>1</webspace-id><local/><prefix/><description>d</description>')))).toContain('<local/><prefix/><description>');
  });

  it('resolves entity and character references', () => {
    const v = RequestCodec.decode(webspace('<webspace-name>a&amp;b&#46;c&#x2D;d</webspace-name><local/><description>&lt;&gt;&quot;&apos;</description>'));
    expect(op0(v).backupWebspace).toMatchObject({ webspaceName: 'a&b.c-d', description: `<>"'` });
  });

  it('rejects an element with an illegal empty value for a typed element', () => {
    const issues = RequestCodec.validateXml(webspace('<webspace-id></webspace-id><local/><description>d</description>'));
    expect(issues).toMatchObject([{ path: '/packet/backup-manager/backup-webspace/webspace-id', code: 'invalid-value' }]);
  });

  it('numbers repeated elements in paths from the second one on', () => {
    const xml = `<packet><backup-manager><get-tasks-info><result><status>ok</status>
      <task><server/><id>1</id><status>working</status><started>1</started><prefix/><filename/><protocol>ftp</protocol></task>
      <task><server/><id>2</id><status>bogus</status><started>1</started><prefix/><filename/><protocol>ftp</protocol></task>
      </result></get-tasks-info></backup-manager></packet>`;
    expect(ResponseCodec.validateXml(xml)).toMatchObject([{ path: '/packet/backup-manager/get-tasks-info/result/task[2]/status', code: 'enumeration' }]);
  });

  it('decodes chunked input like whole input', () => {
    const xml = webspace('<webspace-name>ÿé€😀</webspace-name><local/><description>d</description>');
    const bytes = new TextEncoder().encode(xml);
    const stream = RequestCodec.decodeStream();
    for (let i = 0; i < bytes.length; i += 3) stream.write(bytes.subarray(i, i + 3));
    expect(stream.end()).toEqual(RequestCodec.decode(xml));
  });

  it('throws typed errors: XmlParseError for malformed input, DecodeError for schema violations', () => {
    expect(() => RequestCodec.decode('<packet><backup-manager>')).toThrow(XmlParseError);
    expect(() => RequestCodec.decode('<?xml version="1.0"?><!DOCTYPE packet SYSTEM "http://example.com/x.dtd"><packet/>')).toThrow(XmlParseError);
    expect(() => RequestCodec.decode('<packet/>')).toThrow(DecodeError);
    expect(() => RequestCodec.decode('<other/>')).toThrow(/root element must be <packet>/);
  });

  it('refuses a namespaced packet', () => {
    expect(RequestCodec.validateXml('<packet xmlns="urn:x"><backup-manager><get-supported-protocols/></backup-manager></packet>').length).toBeGreaterThan(0);
  });
});

describe('encode and validate values', () => {
  it('escapes text and attribute values', () => {
    const xml = RequestCodec.encode({ version: '1.6.9.0 "&<', backupManager: [{ operations: [{ getSupportedProtocols: true }] }] });
    expect(xml).toBe('<packet version="1.6.9.0 &quot;&amp;&lt;"><backup-manager><get-supported-protocols/></backup-manager></packet>');
  });

  it('reports every issue with a path, and encode refuses the value', () => {
    const bad = {
      backupManager: [{ operations: [{ backupWebspace: { webspaceId: 0n, description: 'x', splitSize: 1.5, extra: 1 } }] }],
    } as unknown as RequestPacket;
    const issues = RequestCodec.validate(bad);
    expect(issues.map((i) => `${i.path} ${i.code}`).sort()).toEqual([
      '/packet/backup-manager/backup-webspace missing-element',
      '/packet/backup-manager/backup-webspace unknown-property',
      '/packet/backup-manager/backup-webspace/split-size wrong-type',
      '/packet/backup-manager/backup-webspace/webspace-id invalid-value', // 0 is outside xs:positiveInteger's value space
    ]);
    expect(() => RequestCodec.encode(bad)).toThrow(EncodeError);
  });

  it('numbers repeated operations in value paths like in documents', () => {
    const issues = RequestCodec.validate({
      backupManager: [{ operations: [{ getTasksInfo: {} }, { getTasksInfo: { taskId: 'x' } }] }],
    });
    expect(issues).toMatchObject([{ path: '/packet/backup-manager/get-tasks-info[2]/task-id', code: 'pattern' }]);
  });

  it('refuses characters XML cannot carry', () => {
    expect(() => RequestCodec.encode({ backupManager: [{ operations: [{ backupServer: { local: true, description: 'bell \u0007' } }] }] })).toThrow(EncodeError);
  });

  it('formats canonically with indentation', () => {
    const xml = RequestCodec.encode({ backupManager: [{ operations: [{ stopBackup: { taskId: '5' } }] }] }, { indent: '  ', declaration: true });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<packet>\n  <backup-manager>\n    <stop-backup>\n      <task-id>5</task-id>\n    </stop-backup>\n  </backup-manager>\n</packet>',
    );
  });
});
