/**
 * Hand-written valid packets for the differential oracle: every backup-manager operation on both sides
 * (protocol 1.6.9.0, schemas/plesk/), every owner-choice branch at least once, the 1.6.7.0+ additions,
 * result status ok and error, xsi:nil, untyped (anyType) content, request-settings, several operations
 * and operators in one packet, and the packet-level system error. The differential test first checks that
 * libxml2 accepts each of them; the published samples (test/support/samples.ts) are added as seeds too.
 */
import type { PacketDirection } from '../support/samples.js';

export interface Seed {
  /** Stable id, used in mutant ids and in known-gaps.json. */
  readonly id: string;
  readonly direction: PacketDirection;
  readonly xml: string;
}

const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

const req = (ops: string): string => `<packet version="1.6.9.0"><backup-manager>${ops}</backup-manager></packet>`;
const res = (ops: string): string => `<packet version="1.6.9.0"><backup-manager>${ops}</backup-manager></packet>`;
const ok = (payload = ''): string => `<result><status>ok</status>${payload}</result>`;
const err = (code: number, text: string): string => `<result><status>error</status><errcode>${code}</errcode><errtext>${text}</errtext></result>`;

const storage = (extra = ''): string =>
  `<settings><protocol>ftp</protocol><host>ftp.example.com</host><port>21</port><directory>/backups</directory>`
  + `<login>user</login><password ${XSI} xsi:nil="true"/><passive-mode>true</passive-mode><use-ftps>1</use-ftps>${extra}</settings>`;

const serverWide =
  '<settings><max-backup-files>-1</max-backup-files><max-backup-processes>2</max-backup-processes><low-priority>true</low-priority>'
  + '<do-not-compress>false</do-not-compress><allow-local-ftp-backup>0</allow-local-ftp-backup><keep-local-backup>1</keep-local-backup></settings>';

const requestSeeds: [string, string][] = [
  ['get-remote-storage-settings/webspace-id', req('<get-remote-storage-settings><webspace-id>12</webspace-id><protocol>ftp</protocol></get-remote-storage-settings>')],
  ['get-remote-storage-settings/sender', req('<get-remote-storage-settings><protocol>ftp</protocol></get-remote-storage-settings>')],
  ['set-remote-storage-settings/server', req(`<set-remote-storage-settings><server/>${storage()}</set-remote-storage-settings>`)],
  ['set-remote-storage-settings/customer-login', req('<set-remote-storage-settings><customer-login>jdoe</customer-login><settings><protocol>ftp</protocol><password>secret</password></settings></set-remote-storage-settings>')],
  ['backup-webspace/name-local-flags', req('<backup-webspace><webspace-name>example.com</webspace-name><local/><prefix>weekly</prefix><description>Weekly backup</description><split-size>1024</split-size><only-mail/><only-configuration/></backup-webspace>')],
  ['backup-webspace/id-remote', req('<backup-webspace><webspace-id>3</webspace-id><remote>ftp</remote><description>d</description><only-hosting/></backup-webspace>')],
  ['backup-customer/id-remote', req('<backup-customer><customer-id>7</customer-id><remote>ftp</remote><description>Customer backup</description><split-size>0</split-size><only-hosting/></backup-customer>')],
  ['backup-customer/login-untyped-content', req('<backup-customer><customer-login note="any attribute"><part>j</part>doe</customer-login><local/><description>d</description></backup-customer>')],
  ['backup-reseller/login-local', req('<backup-reseller><reseller-login>res1</reseller-login><local/><prefix>r</prefix><description>Reseller backup</description><only-configuration/></backup-reseller>')],
  ['backup-reseller/id-remote', req('<backup-reseller><reseller-id>4</reseller-id><remote>ftp</remote><description>d</description><split-size>100</split-size><only-mail/></backup-reseller>')],
  ['backup-server/local', req('<backup-server><local/><prefix>srv</prefix><description>Server backup</description><split-size>2048</split-size><only-configuration/></backup-server>')],
  ['get-tasks-info/task-id', req('<get-tasks-info><task-id>-1</task-id></get-tasks-info>')],
  ['get-tasks-info/reseller-id', req('<get-tasks-info><reseller-id>5</reseller-id></get-tasks-info>')],
  ['get-tasks-info/webspace-name', req('<get-tasks-info><webspace-name>example.com</webspace-name></get-tasks-info>')],
  ['get-tasks-info/sender', req('<get-tasks-info/>')],
  ['get-local-backup-list/server', req('<get-local-backup-list><server/></get-local-backup-list>')],
  ['get-local-backup-list/customer-login', req('<get-local-backup-list><customer-login>jdoe</customer-login></get-local-backup-list>')],
  ['get-local-backup-list/reseller-login', req('<get-local-backup-list><reseller-login>res1</reseller-login></get-local-backup-list>')],
  ['import-file/webspace-name', req('<import-file><webspace-name>example.com</webspace-name><tmp-filename>/tmp/backup.tar</tmp-filename><ignore-sign>true</ignore-sign></import-file>')],
  ['import-file/customer-id', req('<import-file><customer-id>9</customer-id><tmp-filename>/tmp/b.tar</tmp-filename></import-file>')],
  ['download-file/reseller-id', req('<download-file><reseller-id>4</reseller-id><filename>backup_info_1404151313.xml</filename></download-file>')],
  ['get-supported-protocols', req('<get-supported-protocols/>')],
  ['stop-backup', req('<stop-backup><task-id>42</task-id></stop-backup>')],
  ['remove-file/customer-id', req('<remove-file><customer-id>7</customer-id><filename>backup_1.xml</filename></remove-file>')],
  ['get-server-wide-settings', req('<get-server-wide-settings/>')],
  ['set-server-wide-settings/all', req(`<set-server-wide-settings>${serverWide}</set-server-wide-settings>`)],
  ['set-server-wide-settings/none', req('<set-server-wide-settings><settings/></set-server-wide-settings>')],
  ['request-settings/several-operations-operators',
    '<packet version="1.6.9.0"><request-settings><setting><name>a</name><value>b</value></setting><setting><name>c</name></setting></request-settings>'
    + '<backup-manager><get-supported-protocols/><stop-backup><task-id>5</task-id></stop-backup><get-tasks-info><server/></get-tasks-info></backup-manager>'
    + '<backup-manager><get-server-wide-settings/></backup-manager></packet>'],
  ['no-version/indented', '<?xml version="1.0" encoding="UTF-8"?>\n<packet>\n  <backup-manager>\n    <remove-file>\n      <server/>\n      <filename>f.tar</filename>\n    </remove-file>\n  </backup-manager>\n</packet>\n'],
];

const responseSeeds: [string, string][] = [
  ['get-remote-storage-settings/ok', res(`<get-remote-storage-settings>${ok(storage())}</get-remote-storage-settings>`)],
  ['get-remote-storage-settings/error', res(`<get-remote-storage-settings>${err(1013, 'Customer does not exist')}</get-remote-storage-settings>`)],
  ['set-remote-storage-settings/ok', res(`<set-remote-storage-settings>${ok()}</set-remote-storage-settings>`)],
  ['backup-webspace/ok-task-id', res(`<backup-webspace>${ok('<task-id>17</task-id>')}</backup-webspace>`)],
  ['backup-customer/error', res(`<backup-customer>${err(1013, 'Client does not exist')}</backup-customer>`)],
  ['backup-reseller/ok', res(`<backup-reseller>${ok('<task-id>-3</task-id>')}</backup-reseller>`)],
  ['backup-server/ok', res(`<backup-server>${ok()}</backup-server>`)],
  ['get-tasks-info/tasks',
    res(`<get-tasks-info>${ok('<task><customer-id>7</customer-id><id>5472</id><status>working</status><started>1224897686</started><prefix/><filename/><protocol>local</protocol></task>'
      + '<task><server/><id>1</id><status>finished</status><started>1</started><prefix>p</prefix><filename>f.tar</filename><protocol>ftp</protocol></task>')}`
      + `${ok('<task><webspace-id>3</webspace-id><id>2</id><status>failed</status><started>2</started><prefix/><filename/><protocol>local</protocol></task>'
      + '<task><reseller-id>4</reseller-id><id>3</id><status>stopped</status><started>3</started><prefix/><filename/><protocol>local</protocol></task>')}</get-tasks-info>`)],
  ['get-tasks-info/error', res(`<get-tasks-info>${err(1013, 'Task does not exist')}</get-tasks-info>`)],
  ['get-local-backup-list/files',
    res(`<get-local-backup-list>${ok(`<backup><file><name>backup_info_1.xml</name><creation-date>1448947148</creation-date><description ${XSI} xsi:nil="true"/>`
      + '<size>18446744073709551615</size><not-backup/></file><file><name>backup_2.tar</name><creation-date>-5</creation-date><description>Weekly</description><size>0</size></file></backup>'
      + '<backup><file><name>b3</name><creation-date>0</creation-date><description/><size>10</size></file></backup>')}</get-local-backup-list>`)],
  ['import-file/ok', res(`<import-file>${ok()}</import-file>`)],
  ['download-file/error', res(`<download-file>${err(1013, 'File does not exist')}</download-file>`)],
  ['get-supported-protocols/ok', res(`<get-supported-protocols>${ok('<protocol>local</protocol><protocol>ftp</protocol>')}</get-supported-protocols>`)],
  ['stop-backup/ok', res(`<stop-backup>${ok()}</stop-backup>`)],
  ['remove-file/error', res(`<remove-file>${err(1023, ' Operation  failed ')}</remove-file>`)],
  ['get-server-wide-settings/ok', res(`<get-server-wide-settings>${ok(serverWide)}</get-server-wide-settings>`)],
  ['set-server-wide-settings/ok', res(`<set-server-wide-settings>${ok()}</set-server-wide-settings>`)],
  ['system/error-output', `<packet version="1.6.9.0"><system><status>error</status><errcode>1014</errcode><errtext>Parser error: Request is invalid.</errtext></system><output>stderr text</output></packet>`],
  ['several-operations-operators',
    `<packet><backup-manager><get-supported-protocols>${ok('<protocol>ftp</protocol>')}</get-supported-protocols><stop-backup>${err(1013, 'no task')}</stop-backup></backup-manager>`
    + `<backup-manager><set-server-wide-settings>${ok()}</set-server-wide-settings></backup-manager></packet>`],
];

export const handWrittenSeeds: readonly Seed[] = [
  ...requestSeeds.map(([id, xml]): Seed => ({ id: `request:${id}`, direction: 'request', xml })),
  ...responseSeeds.map(([id, xml]): Seed => ({ id: `response:${id}`, direction: 'response', xml })),
];

/** The 15 operations of BackupInputType / BackupOutputType, in schema order. */
export const OPERATIONS = [
  'get-remote-storage-settings', 'set-remote-storage-settings', 'backup-webspace', 'backup-customer', 'backup-reseller',
  'backup-server', 'get-tasks-info', 'get-local-backup-list', 'import-file', 'download-file', 'get-supported-protocols',
  'stop-backup', 'remove-file', 'get-server-wide-settings', 'set-server-wide-settings',
] as const;
