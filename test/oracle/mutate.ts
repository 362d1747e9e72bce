/**
 * Systematic mutations of a seed packet for the differential oracle. Every mutation is derived by walking
 * the seed's element tree; nothing is random, so the same seeds give the same mutants, in the same order,
 * with the same ids.
 *
 * A mutant id is `<seed id>|<kind>|<stable path of the mutated element in the seed>|<parameter>`; the
 * stable path numbers every step among same-name siblings (`/packet[1]/backup-manager[1]/stop-backup[1]`).
 */
import {
  XSI_NS, at as atLoc, el, isLeaf, issuePath, replaceAt as editAt, stablePath, textOf, txt, walk,
  type Loc, type XElement, type XNode,
} from './dom.js';

export const MUTATION_KINDS = [
  'swap-siblings',
  'drop-element',
  'duplicate-element',
  'insert-unknown',
  'rename-to-sibling',
  'bad-value',
  'pad-value',
  'add-whitespace',
  'add-text',
  'add-attribute',
  'add-xsi-attribute',
  'drop-attribute',
  'xsi-type',
  'namespace-default',
  'namespace-element',
  'namespace-none',
  'namespace-prefix',
  'nil-empty',
  'nil-with-content',
  'nil-false',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutant {
  readonly id: string;
  readonly seedId: string;
  readonly kind: MutationKind;
  readonly root: XElement;
  /**
   * Issue paths (project shape, in the mutant) of what the mutation is about: the changed element (both
   * elements of a swap, original and copy of a duplicate), the attribute added or dropped, or for a
   * dropped element its own path and the sibling that now stands in its place. The parent is separate
   * (`parentPath`).
   */
  readonly targets: readonly string[];
  readonly parentPath: string | undefined;
  /** For kinds whose first issue must name one element exactly (modulo sibling indexes): that element. */
  readonly mustName?: string;
}

/** Values that break integer, positiveInteger, unsignedInt/Long, boolean, enumeration and pattern types. */
export const BAD_VALUES = [
  'abc', '-1', '0', '1.5', '', ' 7 ', '18446744073709551616', 'TRUE', '+1', '-0', '4294967296', '1 2',
  '\u0663', // ARABIC-INDIC DIGIT THREE: a Unicode digit, not an XSD decimal digit
  'x'.repeat(256), // one over domainName's maxLength
  `a${' '.repeat(300)}b`, // within maxLength only after whitespace collapsing
] as const;

/** Whitespace put around a leaf's own value: kept by xs:string-based types, collapsed by the Plesk ones. */
export const PADDINGS = [' ', '\n\t'] as const;

export const UNKNOWN_ELEMENT = 'unknown-x';
export const UNKNOWN_ATTRIBUTE = 'data-x';

function parentLoc(loc: Loc): Loc {
  return loc.slice(0, -1);
}

/** Index (in `children`) of the element children of `e`. */
function elementIndexes(e: XElement): number[] {
  const out: number[] = [];
  e.children.forEach((c, i) => {
    if (c.kind === 'element') out.push(i);
  });
  return out;
}

function withChildren(e: XElement, children: readonly XNode[]): XElement {
  return el(e.name, e.attributes, children);
}

function setAttribute(attrs: readonly (readonly [string, string])[], name: string, value: string): (readonly [string, string])[] {
  const out = attrs.filter(([n]) => n !== name);
  out.push([name, value]);
  return out;
}

/** The element's attributes with the `xsi` prefix declared (an existing declaration is kept). */
function withXsi(e: XElement): (readonly [string, string])[] {
  const attrs = e.attributes.slice();
  return attrs.some(([n, v]) => n === 'xmlns:xsi' && v === XSI_NS) ? attrs : setAttribute(attrs, 'xmlns:xsi', XSI_NS);
}

function withXsiNil(e: XElement, value: 'true' | 'false'): (readonly [string, string])[] {
  return setAttribute(withXsi(e), 'xsi:nil', value);
}

/** Replaces the children of the element at `loc`'s parent. */
function editParent(root: XElement, loc: Loc, edit: (children: XNode[], index: number) => XNode[]): XElement {
  const index = loc[loc.length - 1]!;
  return editAt(root, parentLoc(loc), (p) => withChildren(p, edit(p.children.slice(), index)));
}

/** All mutants of one seed, in a fixed order (document order of the mutated element, then kind). */
export function mutate(seedId: string, seed: XElement): Mutant[] {
  const out: Mutant[] = [];
  const add = (kind: MutationKind, loc: Loc, param: string, root: XElement, targets: string[], parent: string | undefined, mustName?: string): void => {
    out.push({
      id: `${seedId}|${kind}|${stablePath(seed, loc)}|${param}`,
      seedId, kind, root, targets, parentPath: parent,
      ...(mustName !== undefined ? { mustName } : {}),
    });
  };

  for (const { loc, element } of walk(seed)) {
    const isRoot = loc.length === 0;
    const parent = isRoot ? undefined : issuePath(seed, parentLoc(loc));
    const self = issuePath(seed, loc);
    const kids = elementIndexes(element);

    if (!isRoot) {
      const pLoc = parentLoc(loc);
      const siblings = elementIndexes(atLoc(seed, pLoc));
      const myIndex = loc[loc.length - 1]!;
      const pos = siblings.indexOf(myIndex);

      // swap with the next element sibling (text between them stays where it is)
      const nextIndex = siblings[pos + 1];
      if (nextIndex !== undefined) {
        const next = atLoc(seed, pLoc).children[nextIndex] as XElement;
        if (next.name !== element.name) {
          const root = editParent(seed, loc, (children) => {
            children[myIndex] = next;
            children[nextIndex] = element;
            return children;
          });
          const a = issuePath(root, [...pLoc, myIndex]);
          const b = issuePath(root, [...pLoc, nextIndex]);
          add('swap-siblings', loc, next.name, root, [a, b], parent);
        }
      }

      // drop; an issue may name the missing element itself (its path in the seed) or the next sibling,
      // which now stands in its place
      {
        const root = editParent(seed, loc, (children) => (children.splice(myIndex, 1), children));
        const follower = siblings[pos + 1];
        const targets = [self, ...(follower !== undefined ? [issuePath(root, [...pLoc, follower - 1])] : [])];
        add('drop-element', loc, '', root, targets, parent);
      }

      // duplicate right after itself
      {
        const root = editParent(seed, loc, (children) => (children.splice(myIndex + 1, 0, element), children));
        add('duplicate-element', loc, '', root, [issuePath(root, [...pLoc, myIndex + 1]), issuePath(root, loc)], parent);
      }

      // rename to each other name among its siblings
      const names = [...new Set(siblings.map((i) => (atLoc(seed, pLoc).children[i] as XElement).name))].filter((n) => n !== element.name);
      for (const name of names) {
        const root = editParent(seed, loc, (children) => {
          children[myIndex] = el(name, element.attributes, element.children);
          return children;
        });
        add('rename-to-sibling', loc, name, root, [issuePath(root, loc)], parent);
      }
    }

    // insert <unknown-x/> before each element child and at the end
    for (let k = 0; k <= kids.length; k++) {
      const insertAt = k < kids.length ? kids[k]! : element.children.length;
      const root = editAt(seed, loc, (e) => {
        const children = e.children.slice();
        children.splice(insertAt, 0, el(UNKNOWN_ELEMENT, [], []));
        return withChildren(e, children);
      });
      const path = issuePath(root, [...loc, insertAt]);
      add('insert-unknown', loc, `@${k}`, root, [path], self, path);
    }

    if (isLeaf(element)) {
      // bad values for leaves (whatever their type: libxml2 decides which ones are bad)
      const current = textOf(element);
      for (const value of BAD_VALUES) {
        if (value === current) continue;
        const root = editAt(seed, loc, (e) => withChildren(e, value === '' ? [] : [txt(value)]));
        add('bad-value', loc, JSON.stringify(value), root, [self], parent, self);
      }
      if (current.trim() !== '') {
        for (const pad of PADDINGS) {
          const root = editAt(seed, loc, (e) => withChildren(e, [txt(pad + current + pad)]));
          add('pad-value', loc, JSON.stringify(pad), root, [self], parent, self);
        }
      }
      // whitespace in an element that has no children at all (empty content, nil, empty string)
      if (element.children.length === 0) {
        const root = editAt(seed, loc, (e) => withChildren(e, [txt(' ')]));
        add('add-whitespace', loc, '', root, [self], parent);
      }
    } else {
      // text in element-only content
      const root = editAt(seed, loc, (e) => withChildren(e, [txt('x'), ...e.children]));
      add('add-text', loc, '', root, [self], parent);
    }

    // unknown attribute
    {
      const root = editAt(seed, loc, (e) => el(e.name, setAttribute(e.attributes, UNKNOWN_ATTRIBUTE, '1'), e.children));
      add('add-attribute', loc, UNKNOWN_ATTRIBUTE, root, [self, `${self}/@${UNKNOWN_ATTRIBUTE}`], parent);
    }
    // an attribute in the XSI namespace that XSD does not define (not exempt from validation, unlike xsi:nil)
    {
      const root = editAt(seed, loc, (e) => el(e.name, setAttribute(withXsi(e), 'xsi:bogus', '1'), e.children));
      add('add-xsi-attribute', loc, 'xsi:bogus', root, [self, `${self}/@xsi:bogus`], parent);
    }
    // xsi:type naming Plesk's `string` (no namespace): valid where the declared type is `string` or anyType
    {
      const root = editAt(seed, loc, (e) => el(e.name, setAttribute(withXsi(e), 'xsi:type', 'string'), e.children));
      add('xsi-type', loc, 'string', root, [self, `${self}/@xsi:type`], parent);
    }
    // namespaces: the element in a namespace (default or prefixed), or explicitly in none
    {
      const root = editAt(seed, loc, (e) => el(e.name, setAttribute(e.attributes, 'xmlns', 'urn:oracle:other'), e.children));
      add('namespace-default', loc, 'urn:oracle:other', root, [self], parent);
      // only this element in the namespace: its element children are put back into none
      const alone = editAt(seed, loc, (e) => el(e.name, setAttribute(e.attributes, 'xmlns', 'urn:oracle:other'),
        e.children.map((c) => (c.kind === 'element' ? el(c.name, setAttribute(c.attributes, 'xmlns', ''), c.children) : c))));
      add('namespace-element', loc, 'urn:oracle:other', alone, [self], parent);
      const none = editAt(seed, loc, (e) => el(e.name, setAttribute(e.attributes, 'xmlns', ''), e.children));
      add('namespace-none', loc, '', none, [self], parent);
      const prefixed = editAt(seed, loc, (e) => el(`o:${e.name}`, setAttribute(e.attributes, 'xmlns:o', 'urn:oracle:other'), e.children));
      add('namespace-prefix', loc, 'o', prefixed, [self.replace(/[^/]*$/, (last) => `o:${last}`)], parent);
    }
    for (const [name] of element.attributes) {
      const root = editAt(seed, loc, (e) => el(e.name, e.attributes.filter(([n]) => n !== name), e.children));
      add('drop-attribute', loc, name, root, [self, `${self}/@${name}`], parent);
    }

    // xsi:nil (on every element: libxml2 decides which ones are nillable)
    {
      const nilEmpty = editAt(seed, loc, (e) => el(e.name, withXsiNil(e, 'true'), []));
      add('nil-empty', loc, '', nilEmpty, [self], parent);
      if (element.children.some((c) => c.kind === 'element' || c.text.trim() !== '')) {
        const nilFull = editAt(seed, loc, (e) => el(e.name, withXsiNil(e, 'true'), e.children));
        add('nil-with-content', loc, '', nilFull, [self], parent);
      }
      const nilFalse = editAt(seed, loc, (e) => el(e.name, withXsiNil(e, 'false'), e.children));
      add('nil-false', loc, '', nilFalse, [self], parent);
    }
  }
  return out;
}
