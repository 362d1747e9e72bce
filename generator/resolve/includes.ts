/**
 * Follows xs:include from the entry files and returns every document of the set once, dependencies
 * first (a file comes after the files it includes). Reports missing includes, include cycles and
 * constructs of the schema element that the generator does not support.
 */
import path from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { SchemaDocument, SchemaReader } from '../load/files.js';
import { XSD_NS, type XmlNode } from '../load/xml-tree.js';

export function collectSchemaSet(entries: readonly string[], reader: SchemaReader, diagnostics: Diagnostics): SchemaDocument[] {
  const done = new Map<string, SchemaDocument>();
  const onStack = new Set<string>();
  const ordered: SchemaDocument[] = [];

  const visit = (absolute: string, from: { file: string; line: number; path: string } | undefined, via: string): void => {
    if (done.has(absolute)) return;
    if (onStack.has(absolute)) {
      diagnostics.error('include-cycle', from ?? { file: reader.display(absolute), line: 0, path: '' },
        `include cycle: ${[...onStack, absolute].map((a) => reader.display(a)).join(' -> ')}`);
      return;
    }
    const result = reader.read(absolute);
    if (!result.ok) {
      if (result.reason === 'not-well-formed') {
        diagnostics.error('not-well-formed', { file: result.file, line: result.line, path: '' }, `not well-formed XML: ${result.message}`);
      } else if (from) {
        diagnostics.error('include-missing', from, `included schema "${via}" ${result.reason === 'not-found' ? 'does not exist' : 'cannot be read'} (looked for ${reader.display(absolute)})`);
      } else {
        diagnostics.error(result.reason === 'not-found' ? 'file-not-found' : 'file-unreadable',
          { file: reader.display(absolute), line: 0, path: '' }, result.reason === 'not-found' ? 'schema file does not exist' : 'schema file cannot be read');
      }
      return;
    }
    const doc = result.document;
    const root = doc.root;
    if (root.ns !== XSD_NS || root.local !== 'schema') {
      diagnostics.error('not-a-schema', root.source, `root element is <${root.qname}>, expected xs:schema (namespace ${XSD_NS})`);
      return;
    }
    checkSchemaElement(root, diagnostics);
    onStack.add(absolute);
    for (const child of root.children) {
      if (child.ns !== XSD_NS) continue;
      if (child.local === 'include') {
        const location = child.attrs['schemaLocation'];
        if (location === undefined) {
          diagnostics.error('invalid-schema', child.source, 'xs:include without schemaLocation');
          continue;
        }
        visit(path.resolve(path.dirname(absolute), location), child.source, location);
      } else if (child.local === 'import' || child.local === 'redefine' || child.local === 'override') {
        diagnostics.error('unsupported-construct', child.source, `xs:${child.local} is not supported (only xs:include of no-namespace schemas)`);
      }
    }
    onStack.delete(absolute);
    done.set(absolute, doc);
    ordered.push(doc);
  };

  for (const entry of entries) visit(path.resolve(entry), undefined, entry);
  return ordered;
}

function checkSchemaElement(root: XmlNode, diagnostics: Diagnostics): void {
  if (root.attrs['targetNamespace'] !== undefined) {
    diagnostics.error('unsupported-construct', root.source,
      `targetNamespace="${root.attrs['targetNamespace']}" is not supported: the generator handles no-namespace schemas (like Plesk's)`);
  }
}
