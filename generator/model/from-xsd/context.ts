/**
 * Shared state of one XSD -> model translation: the index of global components, reference
 * resolution (QName -> TypeId), the output list in declaration order, and diagnostics.
 */
import type { Diagnostics } from '../../diagnostics.js';
import type { SchemaDocument } from '../../load/files.js';
import { HINTS_NS, XSD_NS, type XmlNode } from '../../load/xml-tree.js';
import { BUILTIN_SIMPLE_TYPES, type ComplexType, type ModelType, type SimpleType, type SourceRef, type TypeId } from '../model.js';

export type GlobalKind = 'type' | 'element' | 'attribute' | 'group' | 'attributeGroup';

export interface GlobalEntry {
  readonly node: XmlNode;
  readonly docIndex: number;
  readonly topIndex: number;
}

const BUILTINS: ReadonlySet<string> = new Set(BUILTIN_SIMPLE_TYPES);
const NCNAME = /^[\p{L}_][\p{L}\p{Nd}\p{Mn}\p{Mc}_.\-\u00B7\u203F\u2040]*$/u;

export class XsdContext {
  readonly diagnostics: Diagnostics;
  readonly documents: readonly SchemaDocument[];
  readonly globals: Record<GlobalKind, Map<string, GlobalEntry>> = {
    type: new Map(),
    element: new Map(),
    attribute: new Map(),
    group: new Map(),
    attributeGroup: new Map(),
  };
  /** Built types by id, with the key that orders them (document, top-level component, discovery). */
  readonly #built = new Map<TypeId, { type: ModelType; order: readonly number[] }>();
  readonly #building = new Set<TypeId>();
  #counter = 0;

  constructor(documents: readonly SchemaDocument[], diagnostics: Diagnostics) {
    this.documents = documents;
    this.diagnostics = diagnostics;
  }

  isXsd(node: XmlNode, local?: string): boolean {
    return node.ns === XSD_NS && (local === undefined || node.local === local);
  }

  /** The XSD children of a node, without annotations. */
  xsdChildren(node: XmlNode): XmlNode[] {
    return node.children.filter((c) => c.ns === XSD_NS && c.local !== 'annotation');
  }

  /** Resolves a QName attribute value to a type id, reporting unresolved names. */
  resolveTypeName(qname: string, at: XmlNode, attr = 'type'): TypeId | undefined {
    const resolved = this.resolveQName(qname, at);
    if (resolved.ns === XSD_NS) {
      if (resolved.local === 'anyType') return 'xs:anyType';
      if (BUILTINS.has(resolved.local)) return `xs:${resolved.local}`;
      this.diagnostics.error('unresolved-type', at.source, `${attr}="${qname}": xs:${resolved.local} is not an XSD built-in type`);
      return undefined;
    }
    if (resolved.ns === '' && this.globals.type.has(resolved.local)) return resolved.local;
    const hint = resolved.ns === '' ? this.#includeHint() : ` (namespace ${resolved.ns || '(none)'} is not part of this schema set)`;
    this.diagnostics.error('unresolved-type', at.source, `unknown type "${qname}"${hint}`);
    return undefined;
  }

  /** Resolves a reference (ref=) to a global component of the given kind. */
  resolveGlobal(kind: Exclude<GlobalKind, 'type'>, qname: string, at: XmlNode): GlobalEntry | undefined {
    const resolved = this.resolveQName(qname, at);
    const entry = resolved.ns === '' ? this.globals[kind].get(resolved.local) : undefined;
    if (!entry) {
      this.diagnostics.error('unresolved-reference', at.source, `unknown ${kind} "${qname}"${this.#includeHint()}`);
    }
    return entry;
  }

  resolveQName(qname: string, at: XmlNode): { ns: string; local: string } {
    const colon = qname.indexOf(':');
    const prefix = colon >= 0 ? qname.slice(0, colon) : '';
    const local = colon >= 0 ? qname.slice(colon + 1) : qname;
    const ns = at.scope.get(prefix);
    if (ns === undefined && prefix !== '') {
      this.diagnostics.error('invalid-schema', at.source, `prefix "${prefix}" of "${qname}" is not declared`);
    }
    return { ns: ns ?? '', local };
  }

  /**
   * Warns when a declared name is not an XML NCName (e.g. `2fa`): no document can contain such an
   * element or attribute, so the generated code for it is unreachable (libxml2 refuses the schema).
   */
  checkName(node: XmlNode, name: string, what: string): void {
    if (!NCNAME.test(name)) {
      this.diagnostics.warning('invalid-schema', node.source, `${what} name "${name}" is not a valid XML name (NCName)`);
    }
  }

  /** Value of a `gen:*` naming hint attribute on a schema node, if any. */
  hint(node: XmlNode, local: string): string | undefined {
    for (const [key, value] of Object.entries(node.attrs)) {
      const colon = key.indexOf(':');
      if (colon < 0 || key.slice(colon + 1) !== local) continue;
      if (node.scope.get(key.slice(0, colon)) === HINTS_NS) return value;
    }
    return undefined;
  }

  /** Documentation text of a node's xs:annotation/xs:documentation children, dedented. */
  doc(node: XmlNode): string | undefined {
    const parts: string[] = [];
    for (const annotation of node.children) {
      if (!this.isXsd(annotation, 'annotation')) continue;
      for (const d of annotation.children) {
        if (this.isXsd(d, 'documentation')) {
          const text = dedent(d.textContent); // markup inside documentation (e.g. <b>) keeps its text
          if (text) parts.push(text);
        }
      }
    }
    return parts.length ? parts.join('\n\n') : undefined;
  }

  /** A fresh number for ordering declarations in discovery order. */
  tick(): number {
    return this.#counter++;
  }

  /** Registers a built type with its declaration position (see `types()`); returns the type. */
  register<T extends ModelType>(type: T, order: readonly number[]): T {
    this.#built.set(type.id, { type, order });
    return type;
  }

  /** A type built so far (XSD sets have only simple and complex types). */
  built(id: TypeId): SimpleType | ComplexType | undefined {
    const t = this.#built.get(id)?.type;
    return t?.kind === 'simple' || t?.kind === 'complex' ? t : undefined;
  }

  /** Guards recursion while building a named type; returns false if `id` is already being built. */
  enter(id: TypeId): boolean {
    if (this.#building.has(id)) return false;
    this.#building.add(id);
    return true;
  }

  leave(id: TypeId): void {
    this.#building.delete(id);
  }

  /** True while the named type `id` is being built (a reference to it now is recursion, not an error by itself). */
  isBuilding(id: TypeId): boolean {
    return this.#building.has(id);
  }

  /** Built types in declaration order. */
  types(): ModelType[] {
    return [...this.#built.values()].sort((a, b) => compareOrder(a.order, b.order)).map((e) => e.type);
  }

  #includeHint(): string {
    const files = this.documents.map((d) => d.file.split('/').pop()).join(', ');
    return ` (is the schema that defines it included? this set has: ${files})`;
  }
}

export function sourceOf(node: XmlNode): SourceRef {
  return node.source;
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Removes common indentation and surrounding blank lines; keeps paragraph breaks. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0]!.trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  // The first line often starts right after the tag, unindented: dedent the rest independently.
  const rest = lines.slice(1).filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const restCut = rest.length ? Math.min(...rest) : 0;
  return lines
    .map((l, i) => (i === 0 ? l.slice(cut).trimEnd() : l.slice(Math.max(cut, restCut)).trimEnd()))
    .join('\n')
    .trim();
}
