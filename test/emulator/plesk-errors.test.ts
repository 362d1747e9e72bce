/** libxml2-style texts of the emulator's 1014 answers, from the first issue of the generated request validator. */
import { describe, expect, it } from 'vitest';
import { libxmlMessage, parserErrorText } from '../../generated/emulator/index.js';
import { PacketCodec } from '../../generated/plesk/request/index.js';

const firstIssue = (xml: string) => {
  const issues = PacketCodec.validateXml(xml);
  expect(issues.length).toBeGreaterThan(0);
  return issues[0]!;
};

describe('libxml2-style parser error texts', () => {
  it('names the unexpected element and what was expected', () => {
    expect(parserErrorText(firstIssue('<packet>\n<client/></packet>'))).toBe(
      "Parser error: Request is invalid. Error in line 2: Element 'client': This element is not expected. Expected is one of ( request-settings, backup-manager ).",
    );
  });

  it('names an element out of order, duplicated, or in conflict with its alternative', () => {
    const ws = (body: string) => `<packet><backup-manager><backup-webspace>${body}</backup-webspace></backup-manager></packet>`;
    expect(libxmlMessage(firstIssue(ws('<webspace-name>a</webspace-name><description>d</description><local/>')))).toBe(
      "Element 'description': This element is not expected. Expected is one of ( local, remote ).",
    );
    const outOfOrder = firstIssue(ws('<webspace-name>a</webspace-name><local/><description>d</description><prefix>p</prefix>'));
    expect(outOfOrder.code).toBe('out-of-order');
    expect(libxmlMessage(outOfOrder)).toBe("Element 'prefix': This element is not expected.");
    expect(libxmlMessage(firstIssue(ws('<webspace-name>a</webspace-name><local/><description>d</description><description>e</description>')))).toBe(
      "Element 'description': This element is not expected.",
    );
    expect(libxmlMessage(firstIssue(ws('<webspace-name>a</webspace-name><local/><remote>ftp</remote><description>d</description>')))).toBe(
      "Element 'remote': This element is not expected.",
    );
  });

  it('reports missing children on the parent', () => {
    expect(libxmlMessage(firstIssue('<packet><backup-manager><stop-backup/></backup-manager></packet>'))).toBe(
      "Element 'stop-backup': Missing child element(s). Expected is ( task-id ).",
    );
  });

  it('reports bad values with the facet, and attributes with their element', () => {
    expect(libxmlMessage(firstIssue('<packet><backup-manager><get-tasks-info><task-id></task-id></get-tasks-info></backup-manager></packet>'))).toMatch(
      /^Element 'task-id': \[facet 'minLength'\] /,
    );
    expect(libxmlMessage(firstIssue('<packet><backup-manager><backup-webspace><webspace-id>0</webspace-id><local/><description>d</description></backup-webspace></backup-manager></packet>'))).toMatch(
      /^Element 'webspace-id': /,
    );
    expect(libxmlMessage(firstIssue('<packet bogus="1"><backup-manager><get-supported-protocols/></backup-manager></packet>'))).toMatch(
      /^Element 'packet', attribute 'bogus': /,
    );
  });

  it('passes well-formedness errors through with their line', () => {
    const issue = firstIssue('<packet>\n<backup-manager>');
    expect(issue.code).toBe('not-well-formed');
    expect(parserErrorText(issue)).toMatch(/^Parser error: Request is invalid\. Error in line 2: /);
  });
});
