/**
 * A tiny immutable-by-convention XML tree for the differential oracle: enough to take a seed packet
 * apart, change one thing and write it back. Built on the runtime's XmlReader (entities resolved,
 * comments, processing instructions and the prolog dropped); serialized by this file's own escaping,
 * so a mutant's text depends only on the tree.
 *
 * Names are raw (`xsi:nil` stays `xsi:nil`): the packets have no namespaces apart from the XSI one.
 */
import { XmlReader } from '../../templates/runtime/xml-reader.js';

export interface XText {
  readonly kind: 'text';
  readonly text: string;
}

export interface XElement {
  readonly kind: 'element';
  readonly name: string;
  /** In document order; namespace declarations included. */
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly XNode[];
}

export type XNode = XText | XElement;

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export function el(name: string, attributes: readonly (readonly [string, string])[], children: readonly XNode[]): XElement {
  return { kind: 'element', name, attributes, children };
}

export function txt(text: string): XText {
  return { kind: 'text', text };
}

/** Parses a document into its root element (throws XmlParseError on malformed input). */
export function parseXml(xml: string): XElement {
  const stack: { name: string; attributes: (readonly [string, string])[]; children: XNode[] }[] = [];
  let root: XElement | undefined;
  const reader = new XmlReader({
    open(name, attributes) {
      stack.push({ name, attributes: attributes ? Object.entries(attributes) : [], children: [] });
    },
    text(text) {
      const top = stack[stack.length - 1];
      if (!top) return;
      const last = top.children[top.children.length - 1];
      // The reader may deliver one run of character data in pieces: keep one text node per run.
      if (last?.kind === 'text') top.children[top.children.length - 1] = txt(last.text + text);
      else top.children.push(txt(text));
    },
    close() {
      const done = stack.pop();
      if (!done) throw new Error('parseXml: unbalanced close');
      const node = el(done.name, done.attributes, done.children);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(node);
      else root = node;
    },
  });
  reader.parse(xml);
  if (!root) throw new Error('parseXml: no root element');
  return root;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function escapeAttr(s: string): string {
  return s
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Writes the tree back as XML: empty elements as `<a/>`, attributes double-quoted, no declaration. */
export function serialize(node: XNode): string {
  if (node.kind === 'text') return escapeText(node.text);
  const attrs = node.attributes.map(([n, v]) => ` ${n}="${escapeAttr(v)}"`).join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${node.children.map(serialize).join('')}</${node.name}>`;
}

export function elementChildren(e: XElement): XElement[] {
  return e.children.filter((c): c is XElement => c.kind === 'element');
}

/** True when the element has no element children (text only, or empty). */
export function isLeaf(e: XElement): boolean {
  return e.children.every((c) => c.kind === 'text');
}

export function textOf(e: XElement): string {
  return e.children.map((c) => (c.kind === 'text' ? c.text : '')).join('');
}

/**
 * Where an element is: indexes into `children` (text nodes count) from the root. [] is the root.
 */
export type Loc = readonly number[];

export function at(root: XElement, loc: Loc): XElement {
  let cur: XElement = root;
  for (const i of loc) {
    const next = cur.children[i];
    if (next?.kind !== 'element') throw new Error(`no element at [${loc.join(',')}]`);
    cur = next;
  }
  return cur;
}

/** A copy of `root` where the element at `loc` is replaced by what `edit` returns. */
export function replaceAt(root: XElement, loc: Loc, edit: (e: XElement) => XElement): XElement {
  if (loc.length === 0) return edit(root);
  const [i, ...rest] = loc as [number, ...number[]];
  const child = root.children[i];
  if (child?.kind !== 'element') throw new Error('replaceAt: not an element');
  const children = root.children.slice();
  children[i] = replaceAt(child, rest, edit);
  return { ...root, children };
}

/** Every element with its location, in document order (pre-order). */
export function walk(root: XElement): { loc: Loc; element: XElement }[] {
  const out: { loc: Loc; element: XElement }[] = [];
  const visit = (e: XElement, loc: Loc): void => {
    out.push({ loc, element: e });
    e.children.forEach((c, i) => {
      if (c.kind === 'element') visit(c, [...loc, i]);
    });
  };
  visit(root, []);
  return out;
}

/**
 * The project's issue-path shape for the element at `loc`: `/packet/backup-manager/x`, with `[n]` after a
 * name when the element is the n-th (n >= 2) sibling of that name.
 */
export function issuePath(root: XElement, loc: Loc): string {
  let out = `/${root.name}`;
  let cur = root;
  for (const i of loc) {
    const child = cur.children[i];
    if (child?.kind !== 'element') throw new Error('issuePath: not an element');
    const n = cur.children.slice(0, i).filter((c) => c.kind === 'element' && c.name === child.name).length + 1;
    out += `/${child.name}${n >= 2 ? `[${n}]` : ''}`;
    cur = child;
  }
  return out;
}

/**
 * A stable, human-readable id of the element at `loc` in its seed: every step carries its 1-based
 * position among same-name siblings, always (`/packet/backup-manager[1]/stop-backup[1]/task-id[1]`).
 */
export function stablePath(root: XElement, loc: Loc): string {
  return issuePath(root, loc)
    .split('/')
    .slice(1)
    .map((step) => (/\[\d+\]$/.test(step) ? step : `${step}[1]`))
    .map((s) => `/${s}`)
    .join('');
}
