/**
 * Hand-written edge documents for the differential oracle that no tree mutation produces: markup the
 * element tree does not keep (DOCTYPE, XML declaration, CDATA, character references), nesting at the
 * parsers' depth limits, and namespace corner cases. Each is judged like a mutant (kind `probe`).
 */
import type { Seed } from './seeds.js';

const ops = '<backup-manager><get-supported-protocols/></backup-manager>';
/** A packet whose untyped customer-login holds `n` nested elements: document depth n + 4. */
const deep = (n: number): string =>
  `<packet><backup-manager><backup-customer><customer-login>${'<a>'.repeat(n)}x${'</a>'.repeat(n)}</customer-login>`
  + '<local/><description>d</description></backup-customer></backup-manager></packet>';

export const probes: readonly Seed[] = [
  { id: 'probe:doctype', direction: 'request', xml: `<!DOCTYPE packet><packet>${ops}</packet>` },
  { id: 'probe:doctype-internal-subset', direction: 'request', xml: `<!DOCTYPE packet [<!ELEMENT packet ANY>]><packet>${ops}</packet>` },
  { id: 'probe:xml-1.1-declaration', direction: 'request', xml: `<?xml version="1.1"?><packet>${ops}</packet>` },
  { id: 'probe:standalone-declaration', direction: 'request', xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<packet>${ops}</packet>` },
  { id: 'probe:comments-and-pi', direction: 'request', xml: `<!-- c --><?pi x?><packet><!-- c -->${ops}<?pi y?></packet><!-- c -->` },
  { id: 'probe:cdata-value', direction: 'request', xml: '<packet><backup-manager><stop-backup><task-id><![CDATA[12]]></task-id></stop-backup></backup-manager></packet>' },
  { id: 'probe:cdata-whitespace-in-empty', direction: 'request', xml: '<packet><backup-manager><get-supported-protocols><![CDATA[ ]]></get-supported-protocols></backup-manager></packet>' },
  { id: 'probe:char-ref-value', direction: 'request', xml: '<packet><backup-manager><stop-backup><task-id>&#49;&#x32;</task-id></stop-backup></backup-manager></packet>' },
  { id: 'probe:nbsp-value', direction: 'request', xml: '<packet><backup-manager><stop-backup><task-id>\u00a012</task-id></stop-backup></backup-manager></packet>' },
  { id: 'probe:comment-in-value', direction: 'request', xml: '<packet><backup-manager><stop-backup><task-id>1<!-- c -->2</task-id></stop-backup></backup-manager></packet>' },
  { id: 'probe:comment-in-empty', direction: 'request', xml: '<packet><backup-manager><get-supported-protocols><!-- c --></get-supported-protocols></backup-manager></packet>' },
  { id: 'probe:no-namespace-schema-location', direction: 'request',
    xml: `<packet xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="elsewhere.xsd">${ops}</packet>` },
  { id: 'probe:xsi-prefix-rebound', direction: 'response',
    xml: '<packet><backup-manager><get-local-backup-list><result><status>ok</status><backup><file><name>n</name><creation-date>1</creation-date>'
      + '<description xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/><size>1</size></file></backup></result></get-local-backup-list></backup-manager></packet>' },
  { id: 'probe:xsi-prefix-other-namespace', direction: 'response',
    xml: '<packet><backup-manager><get-local-backup-list><result><status>ok</status><backup><file><name>n</name><creation-date>1</creation-date>'
      + '<description xmlns:xsi="urn:not-xsi" xsi:nil="true"/><size>1</size></file></backup></result></get-local-backup-list></backup-manager></packet>' },
  { id: 'probe:depth-256', direction: 'request', xml: deep(252) },
  { id: 'probe:depth-257', direction: 'request', xml: deep(253) },
  { id: 'probe:depth-258', direction: 'request', xml: deep(254) },
];
