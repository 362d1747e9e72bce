/** Packets and paths shared by the CLI tests. */
import path from 'node:path';
import { pleskSamplesDir } from '../support/samples.js';

export const sample = (name: string): string => path.join(pleskSamplesDir, name);

/** MANIFEST.md: valid. */
export const VALID_REQUEST = sample('backup-customer.request.10-1-doc.xml');
export const VALID_RESPONSE = sample('backup-customer.response.10-1-doc-ok.xml');
/** MANIFEST.md: invalid, `%s` in task-id does not match BackupTaskIdType's pattern. */
export const INVALID_REQUEST = sample('get-tasks-info.request.go-flowpanel.xml');

/** Two problems in one request: validation must report both, not the first. */
export const TWO_ISSUES_REQUEST = `<packet>
  <backup-manager>
    <get-tasks-info>
      <task-id>abc</task-id>
      <bogus/>
    </get-tasks-info>
  </backup-manager>
</packet>`;

/** Inputs that are not a Plesk packet at all: each is bad input (exit 2), with what stderr must say. */
export const BAD_INPUTS: readonly { readonly name: string; readonly content: string | Uint8Array; readonly says: string }[] = [
  { name: 'empty.xml', content: '', says: 'not well-formed XML' },
  { name: 'text.xml', content: 'hello, not xml', says: 'not well-formed XML' },
  { name: 'json.xml', content: '{"packet": {}}', says: 'not well-formed XML' },
  { name: 'truncated.xml', content: '<packet><backup-manager>', says: 'not well-formed XML' },
  { name: 'doctype.xml', content: '<!DOCTYPE packet><packet/>', says: 'not well-formed XML' },
  { name: 'entity.xml', content: '<packet><backup-manager>&foo;</backup-manager></packet>', says: 'not well-formed XML' },
  { name: 'latin1.xml', content: Uint8Array.from([...Buffer.from('<packet>'), 0xff, 0xfe, ...Buffer.from('</packet>')]), says: 'not well-formed XML' },
  { name: 'other-root.xml', content: '<?xml version="1.0"?><rss version="2.0"/>', says: 'unknown root element <rss>' },
];
