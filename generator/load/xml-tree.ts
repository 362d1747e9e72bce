/**
 * Bytes of a schema file -> a tree of nodes, each with its source location (file, line, schema path)
 * and its in-scope namespace declarations. Uses fast-xml-parser (ordered mode, start indexes);
 * values are kept as text (no number conversion).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { SourceRef } from '../model/model.js';
import { lineColumn, lineStarts } from './positions.js';

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const HINTS_NS = 'urn:backup-api-codegen:hints';

export interface XmlNode {
  /** Qualified name as written (`xs:element`). */
  readonly qname: string;
  /** Namespace URI of the element ('' for none). */
  readonly ns: string;
  readonly local: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
  /** Concatenated character data directly inside this node. */
  readonly text: string;
  /** All character data inside this node, descendants included, in document order (like DOM textContent). */
  readonly textContent: string;
  readonly source: SourceRef;
  /** In-scope prefix -> namespace URI ('' key = default namespace). */
  readonly scope: ReadonlyMap<string, string>;
}

export type ParsedXml = { ok: true; root: XmlNode } | { ok: false; line: number; column: number; message: string };

const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** Parses `text` (the content of `file`) into an XmlNode tree. */
export function parseXmlTree(file: string, text: string): ParsedXml {
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    return { ok: false, line: valid.err.line, column: valid.err.col, message: valid.err.msg };
  }
  if (/<!DOCTYPE/i.test(text)) {
    const index = text.search(/<!DOCTYPE/i);
    return { ok: false, ...lineColumn(lineStarts(text), index), message: 'DOCTYPE declarations are not allowed in schema files' };
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    captureMetaData: true,
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
  });
  const ordered = parser.parse(text) as OrderedNode[];
  const starts = lineStarts(text);
  const top = ordered.filter((n) => elementName(n) !== undefined);
  const first = top[0];
  if (!first || top.length !== 1) {
    return { ok: false, line: 1, column: 1, message: 'expected exactly one root element' };
  }
  const root = build(first, file, starts, '', new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), { by: 'plain' });
  return { ok: true, root };
}

function elementName(n: OrderedNode): string | undefined {
  for (const key of Object.keys(n)) {
    if (key !== ':@' && key !== '#text' && key !== '#comment') return key;
  }
  return undefined;
}

function build(
  n: OrderedNode,
  file: string,
  starts: readonly number[],
  parentPath: string,
  parentScope: ReadonlyMap<string, string>,
  /** How this node is addressed among its siblings: by its name attribute, by position, or by its tag alone. */
  step: { by: 'name' } | { by: 'index'; position: number } | { by: 'plain' },
): XmlNode {
  const qname = elementName(n)!;
  const attrs: Record<string, string> = { ...(n[':@'] ?? {}) };
  let scope = parentScope;
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'xmlns' || key.startsWith('xmlns:')) {
      if (scope === parentScope) scope = new Map(parentScope);
      (scope as Map<string, string>).set(key === 'xmlns' ? '' : key.slice(6), value);
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon >= 0 ? qname.slice(0, colon) : '';
  const local = colon >= 0 ? qname.slice(colon + 1) : qname;
  const ns = scope.get(prefix) ?? '';
  const nameAttr = attrs['name'];
  const stepText =
    step.by === 'name' ? `${qname}[@name='${nameAttr}']` : step.by === 'index' ? `${qname}[${step.position}]` : qname;
  const path = `${parentPath}/${stepText}`;
  const meta = (n as Record<symbol, { startIndex?: number } | undefined>)[META];
  const { line } = lineColumn(starts, meta?.startIndex ?? 0);

  const rawChildren = (n[qname] as OrderedNode[] | undefined) ?? [];
  const elementChildren = rawChildren.filter((c) => elementName(c) !== undefined);
  const counts = new Map<string, number>();
  const named = new Map<string, number>();
  for (const c of elementChildren) {
    const name = elementName(c)!;
    counts.set(name, (counts.get(name) ?? 0) + 1);
    const cn = c[':@']?.['name'];
    if (cn !== undefined) named.set(`${name}\u0000${cn}`, (named.get(`${name}\u0000${cn}`) ?? 0) + 1);
  }
  const seen = new Map<string, number>();
  const children: XmlNode[] = [];
  let text = '';
  let textContent = '';
  for (const c of rawChildren) {
    const name = elementName(c);
    if (name === undefined) {
      const t = c['#text'];
      if (typeof t === 'string') {
        text += t;
        textContent += t;
      }
      continue;
    }
    const k = (seen.get(name) ?? 0) + 1;
    seen.set(name, k);
    const cn = c[':@']?.['name'];
    // Use [@name=...] only when it identifies the node among its siblings.
    const uniqueByName = cn !== undefined && named.get(`${name}\u0000${cn}`) === 1;
    const childStep = uniqueByName
      ? ({ by: 'name' } as const)
      : (counts.get(name) ?? 0) > 1
        ? ({ by: 'index', position: k } as const)
        : ({ by: 'plain' } as const);
    const child = build(c, file, starts, path, scope, childStep);
    children.push(child);
    textContent += child.textContent;
  }
  return { qname, ns, local, attrs, children, text, textContent, source: { file, line, path }, scope };
}
