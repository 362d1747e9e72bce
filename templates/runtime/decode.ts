/**
 * The streaming decoder: XML reader events -> typed value, checking the document against the
 * schema as it goes (content models through the cursor, values through the simple-type layer).
 * It collects every issue (up to a limit) instead of stopping at the first one.
 */
import { AnyBuilder } from './any.js';
import { describeFirst, shapeOf, simpleTypeOf, type CComplex, type CElement, type CParticle, type CWildcard, type Compiler } from './compile.js';
import { Cursor, type Failure } from './cursor.js';
import type { Issue, IssueCode } from './errors.js';
import { wildcardAccepts, type ElementDeclDesc, type SimpleTypeDesc, type TypeDesc } from './schema.js';
import { Problem, type CompiledSimple } from './simple.js';
import type { XmlEventHandler } from './xml-reader.js';
import { XSI_NS } from './walk.js';

const enum Kind {
  /** Simple value (simple type, or simple content without attributes). */
  Simple,
  /** Object with a simple value property (simple content with attributes). */
  ObjectSimple,
  /** Empty element mapped to `true`. */
  Flag,
  /** Object without content (attributes only). */
  ObjectEmpty,
  /** Object with element content. */
  ObjectElements,
  /** Untyped content. */
  Any,
  /** xsi:nil="true": must stay empty. */
  Nil,
  /** Subtree skipped after an error. */
  Skip,
}

class Frame {
  kind = Kind.Skip;
  name = '';
  index = 1;
  /** Where the value goes when the element ends. */
  target: Record<string, unknown> = {};
  prop = '';
  many = false;
  simple: SimpleTypeDesc | undefined = undefined;
  fixed: string | undefined = undefined;
  /** The declared default (or fixed) value, which an element without any content takes. */
  default: string | undefined = undefined;
  text = '';
  value: Record<string, unknown> | undefined = undefined;
  complex: CComplex | undefined = undefined;
  cursor: Cursor | undefined = undefined;
  any: AnyBuilder | undefined = undefined;
  broken = false;
  textReported = false;
  counts: Record<string, number> | undefined = undefined;
  /** The previous child's name (for messages: "cannot come after <x>", duplicates). */
  lastChild = '';
  /** The compiled simple type of a simple frame (looked up once per element). */
  parser: CompiledSimple | undefined = undefined;
  namespaces: Map<string, string> | undefined = undefined;
  /** Set for an element matched by a wildcard: its value is stored as {name, value}. */
  wildcard = false;
}

export interface DecodeLimits {
  readonly maxIssues: number;
}

/** Thrown internally to stop reading once the issue limit is reached. */
class TooManyIssues extends Error {}

export class Decoder implements XmlEventHandler {
  readonly issues: Issue[] = [];
  readonly #compiler: Compiler;
  readonly #root: ElementDeclDesc;
  readonly #frames: Frame[] = [];
  #depth = 0;
  readonly #holder: Record<string, unknown> = {};
  readonly #maxIssues: number;
  #rootSeen = false;
  /** True until some element declares a namespace: then names need resolving. */
  #noDeclarations = true;
  /** Namespace of the element being matched, for wildcards. */
  #elementNs = '';
  readonly #matchesWildcard = (w: CWildcard): boolean => wildcardAccepts(w.desc.namespace, this.#elementNs);
  /** Position source for issues (the reader). */
  position: { readonly line: number; readonly column: number } | undefined;

  constructor(compiler: Compiler, root: ElementDeclDesc, limits: DecodeLimits = { maxIssues: 100 }) {
    this.#compiler = compiler;
    this.#root = root;
    this.#maxIssues = limits.maxIssues;
  }

  /** The decoded value (meaningful only when there are no issues). */
  get value(): unknown {
    return this.#holder['value'];
  }

  static isStop(e: unknown): boolean {
    return e instanceof TooManyIssues;
  }

  open(name: string, attributes: Readonly<Record<string, string>> | null): void {
    const depth = this.#depth;
    const parent = depth > 0 ? this.#frames[depth - 1]! : undefined;
    const frame = this.#frame(depth);
    this.#depth = depth + 1;
    frame.name = name;
    frame.index = 1;
    frame.wildcard = false;
    if (attributes !== null) this.#declareNamespaces(frame, attributes);
    else frame.namespaces = undefined;

    if (!parent) {
      if (this.#rootSeen || name !== this.#root.name) {
        frame.kind = Kind.Skip;
        this.#report(depth + 1, 'unexpected-root', `the root element must be <${this.#root.name}>, not <${name}>`);
        return;
      }
      this.#rootSeen = true;
      if (this.#elementNamespace(name) !== '') {
        frame.kind = Kind.Skip;
        this.#report(depth + 1, 'unexpected-namespace', `<${name}> is in a namespace; this schema's elements have none`);
        return;
      }
      this.#begin(frame, this.#root.type(), this.#root.nillable, undefined, attributes, this.#holder, 'value', false);
      return;
    }

    switch (parent.kind) {
      case Kind.ObjectElements:
        this.#child(parent, frame, name, attributes);
        return;
      case Kind.Any:
        this.#anyBuilder(parent);
        this.#beginAny(frame, attributes);
        return;
      case Kind.Skip:
        frame.kind = Kind.Skip;
        return;
      default:
        frame.kind = Kind.Skip;
        if (parent.kind === Kind.Nil) this.#report(depth + 1, 'nil-with-content', `<${parent.name}> has xsi:nil="true" and must be empty; <${name}> is not allowed`);
        else this.#report(depth + 1, 'unexpected-element', `<${parent.name}> has no child elements; <${name}> is not allowed`);
    }
  }

  text(text: string): void {
    const depth = this.#depth;
    if (depth === 0) return;
    const frame = this.#frames[depth - 1]!;
    switch (frame.kind) {
      case Kind.Simple:
      case Kind.ObjectSimple:
        frame.text += text;
        return;
      case Kind.Any:
        if (frame.any) frame.any.addText(text);
        else frame.text += text;
        return;
      case Kind.Skip:
        return;
      case Kind.Flag:
      case Kind.ObjectEmpty:
      case Kind.Nil:
        // Empty content and nilled elements allow no character children at all, whitespace included.
        if (!frame.textReported && text.length > 0) {
          frame.textReported = true;
          const why = frame.kind === Kind.Nil ? `has xsi:nil="true" and must be empty` : 'must be empty';
          this.#report(depth, frame.kind === Kind.Nil ? 'nil-with-content' : 'unexpected-text', `<${frame.name}> ${why}; text ${quote(text)} is not allowed`);
        }
        return;
      default:
        if (!frame.textReported && !isWhitespace(text)) {
          frame.textReported = true;
          this.#report(depth, 'unexpected-text', `<${frame.name}> contains only elements; text ${quote(text.trim())} is not allowed`);
        }
    }
  }

  close(_name: string): void {
    const depth = this.#depth - 1;
    this.#depth = depth;
    const frame = this.#frames[depth]!;
    let value: unknown;
    switch (frame.kind) {
      case Kind.Skip:
        return;
      case Kind.Simple:
        value = this.#parse(frame, depth + 1);
        if (value === undefined) return;
        break;
      case Kind.ObjectSimple: {
        const v = this.#parse(frame, depth + 1);
        if (v === undefined) return;
        const content = frame.complex!.desc.content;
        if (content.k === 'simple') frame.value![content.prop] = v;
        value = frame.value;
        break;
      }
      case Kind.Flag:
        value = true;
        break;
      case Kind.Nil:
        value = null;
        break;
      case Kind.ObjectEmpty:
        value = frame.value;
        break;
      case Kind.ObjectElements:
        if (!frame.broken) {
          const missing = frame.cursor!.finish();
          if (missing) this.#missing(frame, depth + 1, missing, undefined);
        }
        value = frame.value;
        break;
      case Kind.Any:
        // Text-only untyped content needs no builder: `true` when empty, else the text.
        value = frame.any ? frame.any.finish() : frame.text === '' ? true : frame.text;
        frame.any = undefined;
        if (depth > 0 && this.#frames[depth - 1]!.kind === Kind.Any) {
          this.#frames[depth - 1]!.any!.addChild(frame.name, value as never);
          return;
        }
        break;
    }
    if (frame.wildcard) value = { name: frame.name, value };
    if (frame.many) ((frame.target[frame.prop] ??= []) as unknown[]).push(value);
    else frame.target[frame.prop] = value;
  }

  /** A child element of an element with element content. */
  #child(parent: Frame, frame: Frame, name: string, attributes: Readonly<Record<string, string>> | null): void {
    const c = parent.complex!;
    const depth = this.#depth;
    if (parent.broken) {
      // After an error the content model is no longer followed; still check what we can recognise.
      const known = c.byName.get(name);
      frame.index = this.#index(parent, c, name);
      if (known) this.#beginElement(frame, known, attributes, {}, false);
      else frame.kind = Kind.Skip;
      return;
    }
    // Schemas here have no target namespace: a namespaced element can only match a wildcard.
    const ns = this.#noDeclarations && name.indexOf(':') < 0 ? '' : this.#elementNamespace(name);
    this.#elementNs = ns;
    const cursor = parent.cursor!;
    const r = cursor.next(name, this.#matchesWildcard);
    if ('k' in r) {
      frame.index = r.k === 'el' && !r.multi ? 1 : this.#index(parent, c, name);
      parent.lastChild = name;
      if (r.k === 'any') {
        this.#beginAny(frame, attributes);
        frame.target = cursor.target;
        frame.prop = r.prop;
        frame.many = r.max > 1;
        frame.wildcard = true;
        return;
      }
      if (ns !== '') {
        frame.kind = Kind.Skip;
        this.#report(depth, 'unexpected-namespace', `<${name}> is in a namespace; this schema's elements have none`);
        return;
      }
      this.#beginElement(frame, r, attributes, cursor.target, r.max > 1);
      return;
    }
    frame.index = this.#index(parent, c, name);
    parent.broken = true;
    this.#failure(parent, frame, c, name, r, parent.cursor!.conflict(name, this.#matchesWildcard), attributes);
  }

  #failure(
    parent: Frame,
    frame: Frame,
    c: CComplex,
    name: string,
    r: Failure,
    conflictWith: CParticle | undefined,
    attributes: Readonly<Record<string, string>> | null,
  ): void {
    const depth = this.#depth;
    if (!c.allNames.has(name) && !c.hasWildcard) {
      const expected = r.kind === 'missing' ? `; expected ${describeParticle(r.missing)}` : '';
      this.#report(depth, 'unexpected-element', `<${name}> is not allowed in <${parent.name}>${expected}`);
    } else if (conflictWith) {
      this.#report(depth, 'choice-conflict', `<${name}> cannot appear together with ${describeParticle(conflictWith)}: they are alternatives`);
    } else if (r.kind === 'missing') {
      this.#missing(parent, depth - 1, r.missing, name);
    } else if (parent.lastChild === name && (c.byName.get(name)?.max ?? 1) <= 1 && !c.multi.has(name)) {
      this.#report(depth, 'duplicate-element', `<${name}> may appear only once in <${parent.name}>`);
    } else {
      const after = parent.lastChild ? ` after <${parent.lastChild}>` : '';
      this.#report(depth, 'out-of-order', `<${name}> is out of order: it cannot come${after} in <${parent.name}>`);
    }
    const known = c.byName.get(name);
    if (known) this.#beginElement(frame, known, attributes, {}, false);
    else frame.kind = Kind.Skip;
  }

  #missing(frame: Frame, depth: number, missing: CParticle, before: string | undefined): void {
    const what = describeParticle(missing);
    const where = before !== undefined ? ` before <${before}>` : '';
    const leaf = missing.k === 'el' ? missing.name : undefined;
    const path = leaf !== undefined && before === undefined ? `${this.#path(depth)}/${leaf}` : before !== undefined ? `${this.#path(depth)}/${before}` : this.#path(depth);
    const message = missing.k === 'el' && missing.min > 1
      ? `<${frame.name}> needs at least ${missing.min} ${what}${where}`
      : `<${frame.name}> is missing ${what}${where}`;
    this.#push({ path, code: 'missing-element', message });
  }

  #beginElement(frame: Frame, p: CElement, attributes: Readonly<Record<string, string>> | null, target: Record<string, unknown>, many: boolean): void {
    this.#begin(frame, p.desc.type(), p.desc.nillable, p.desc.fixed, attributes, target, p.prop, many);
    frame.default = p.desc.default ?? p.desc.fixed;
  }

  #begin(
    frame: Frame,
    type: TypeDesc,
    nillable: boolean,
    fixed: string | undefined,
    attributes: Readonly<Record<string, string>> | null,
    target: Record<string, unknown>,
    prop: string,
    many: boolean,
  ): void {
    frame.target = target;
    frame.prop = prop;
    frame.many = many;
    frame.fixed = fixed;
    frame.default = undefined;
    frame.text = '';
    frame.broken = false;
    frame.textReported = false;
    frame.counts = undefined;
    frame.lastChild = '';
    frame.value = undefined;
    frame.complex = undefined;

    const nil = attributes !== null && this.#xsi(frame, attributes, nillable);
    if (nil) {
      // A nilled element keeps its attributes' checks, then must stay empty.
      if (attributes !== null) {
        if (type.kind === 'complex' && shapeOf(type) === 'object') this.#attributes(frame, this.#compiler.complex(type), attributes, {});
        else this.#noAttributes(frame, attributes);
      }
      frame.kind = Kind.Nil;
      return;
    }
    if (type.kind === 'simple') {
      frame.kind = Kind.Simple;
      frame.simple = type;
      frame.parser = this.#compiler.simple(type);
      if (attributes !== null) this.#noAttributes(frame, attributes);
      return;
    }
    const c = this.#compiler.complex(type);
    frame.complex = c;
    switch (c.shape) {
      case 'flag':
        frame.kind = Kind.Flag;
        if (attributes !== null) this.#noAttributes(frame, attributes);
        return;
      case 'simple':
        frame.kind = Kind.Simple;
        frame.simple = simpleTypeOf(type);
        frame.parser = this.#compiler.simple(frame.simple!);
        if (attributes !== null) this.#noAttributes(frame, attributes);
        return;
      case 'any':
        this.#beginAny(frame, attributes);
        return;
      case 'object': {
        const value: Record<string, unknown> = {};
        frame.value = value;
        this.#attributes(frame, c, attributes, value);
        const content = type.content;
        if (content.k === 'simple') {
          frame.kind = Kind.ObjectSimple;
          frame.simple = content.type();
          frame.parser = this.#compiler.simple(frame.simple);
        } else if (c.root) {
          frame.kind = Kind.ObjectElements;
          // Frames are pooled by depth, and so are their cursors.
          frame.cursor = (frame.cursor ?? new Cursor()).reset(c.root, value);
        } else frame.kind = Kind.ObjectEmpty;
      }
    }
  }

  #attributes(frame: Frame, c: CComplex, attributes: Readonly<Record<string, string>> | null, value: Record<string, unknown>): void {
    const depth = this.#depth;
    let found = 0;
    if (attributes !== null) {
      for (const key in attributes) {
        if (isNamespaceAttribute(key) || this.#isAllowedXsi(key)) continue;
        const a = c.attributesByName.get(key);
        if (!a) {
          if (c.desc.anyAttribute) continue;
          this.#report(depth, 'unexpected-attribute', `attribute "${key}" is not allowed on <${frame.name}>`, `@${key}`);
          continue;
        }
        found++;
        const raw = attributes[key]!;
        const v = this.#compiler.simple(a.type()).parse(raw);
        if (v instanceof Problem) {
          this.#report(depth, v.code, `attribute "${key}": ${v.message}`, `@${key}`);
          continue;
        }
        if (a.fixed !== undefined && !this.#sameValue(a.type(), raw, a.fixed)) {
          this.#report(depth, 'fixed-value', `attribute "${key}" must be "${a.fixed}"`, `@${key}`);
          continue;
        }
        value[a.prop] = v;
      }
    }
    if (found < c.desc.attributes.length) {
      for (const a of c.desc.attributes) {
        if (a.required && (attributes === null || attributes[a.name] === undefined)) {
          this.#report(depth, 'missing-attribute', `<${frame.name}> needs attribute "${a.name}"`, `@${a.name}`);
        }
      }
    }
  }

  #noAttributes(frame: Frame, attributes: Readonly<Record<string, string>>): void {
    for (const key in attributes) {
      if (isNamespaceAttribute(key) || this.#isAllowedXsi(key)) continue;
      this.#report(this.#depth, 'unexpected-attribute', `attribute "${key}" is not allowed on <${frame.name}>`, `@${key}`);
    }
  }

  /**
   * Checks the xsi: attributes of an element (XSD 1.0 §3.3.4, §3.4.4): `xsi:nil` only on nillable
   * elements, `xsi:type` is not supported, `schemaLocation`/`noNamespaceSchemaLocation` are hints;
   * any other xsi: attribute is reported by the attribute checks. Returns true when the element is nilled.
   */
  #xsi(frame: Frame, attributes: Readonly<Record<string, string>>, nillable: boolean): boolean {
    let nil = false;
    for (const key in attributes) {
      const local = this.#xsiLocal(key);
      if (local === 'nil') {
        const v = attributes[key]!.trim();
        if (!nillable) {
          this.#report(this.#depth, 'not-nillable', `<${frame.name}> is not nillable: xsi:nil is not allowed on it`);
        } else if (v === 'true' || v === '1') nil = true;
        else if (v !== 'false' && v !== '0') this.#report(this.#depth, 'invalid-value', `xsi:nil must be true or false, not ${quote(v)}`);
      } else if (local === 'type') {
        this.#report(this.#depth, 'unexpected-attribute', 'xsi:type is not supported', `@${key}`);
      }
    }
    return nil;
  }

  /** xsi: attributes the attribute checks let through (handled by #xsi or allowed as hints). */
  #isAllowedXsi(key: string): boolean {
    const local = this.#xsiLocal(key);
    return local === 'nil' || local === 'type' || local === 'schemaLocation' || local === 'noNamespaceSchemaLocation';
  }

  /** Starts untyped content; the generic builder is made only when attributes or child elements need it. */
  #beginAny(frame: Frame, attributes: Readonly<Record<string, string>> | null): void {
    frame.kind = Kind.Any;
    frame.text = '';
    frame.any = attributes !== null ? new AnyBuilder(attributes) : undefined;
  }

  /** The builder of an untyped parent that gets a child element (moving its text so far into it). */
  #anyBuilder(frame: Frame): AnyBuilder {
    if (!frame.any) {
      frame.any = new AnyBuilder(null);
      if (frame.text !== '') frame.any.addText(frame.text);
      frame.text = '';
    }
    return frame.any;
  }

  #parse(frame: Frame, depth: number): unknown {
    // An element with no content at all takes its default (or fixed) value (XSD 1.0 §3.3.4).
    const text = frame.text === '' && frame.default !== undefined ? frame.default : frame.text;
    const v = frame.parser!.parse(text);
    if (v instanceof Problem) {
      this.#report(depth, v.code, v.message);
      return undefined;
    }
    if (frame.fixed !== undefined && !this.#sameValue(frame.simple!, text, frame.fixed)) {
      this.#report(depth, 'fixed-value', `<${frame.name}> must be "${frame.fixed}"`);
      return undefined;
    }
    return v;
  }

  /** Do two lexical forms denote the same value (for fixed values)? Compared through the canonical form. */
  #sameValue(t: SimpleTypeDesc, raw: string, fixed: string): boolean {
    const compiled = this.#compiler.simple(t);
    const a = compiled.parse(raw);
    const b = compiled.parse(fixed);
    if (a instanceof Problem || b instanceof Problem) return false;
    return compiled.format(a) === compiled.format(b);
  }

  #index(parent: Frame, c: CComplex, name: string): number {
    if (!c.multi.has(name)) return 1;
    const counts = (parent.counts ??= Object.create(null) as Record<string, number>);
    const n = (counts[name] ?? 0) + 1;
    counts[name] = n;
    return n;
  }

  #frame(depth: number): Frame {
    let f = this.#frames[depth];
    if (!f) {
      f = new Frame();
      this.#frames[depth] = f;
    }
    return f;
  }

  #declareNamespaces(frame: Frame, attributes: Readonly<Record<string, string>>): void {
    let ns: Map<string, string> | undefined;
    for (const key in attributes) {
      if (key === 'xmlns') (ns ??= new Map()).set('', attributes[key]!);
      else if (key.startsWith('xmlns:')) (ns ??= new Map()).set(key.slice(6), attributes[key]!);
    }
    frame.namespaces = ns;
    if (ns) this.#noDeclarations = false;
  }

  #lookupNamespace(prefix: string): string | undefined {
    for (let d = this.#depth - 1; d >= 0; d--) {
      const v = this.#frames[d]!.namespaces?.get(prefix);
      if (v !== undefined) return v;
    }
    return prefix === '' ? '' : undefined;
  }

  /** Namespace URI of an element name in the current scope ('' = none). */
  #elementNamespace(name: string): string {
    const colon = name.indexOf(':');
    if (colon < 0) {
      if (this.#noDeclarations) return '';
      return this.#lookupNamespace('') ?? '';
    }
    return this.#lookupNamespace(name.slice(0, colon)) ?? `undeclared:${name.slice(0, colon)}`;
  }

  /** Local name of an attribute in the XSI namespace, or undefined. */
  #xsiLocal(key: string): string | undefined {
    const colon = key.indexOf(':');
    if (colon < 0) return undefined;
    return this.#lookupNamespace(key.slice(0, colon)) === XSI_NS ? key.slice(colon + 1) : undefined;
  }

  /** Path of the element at `depth` (1 = root), optionally with a leaf step. */
  #path(depth: number, leaf?: string): string {
    let out = '';
    for (let d = 0; d < depth; d++) {
      const f = this.#frames[d]!;
      out += `/${f.name}${f.index > 1 ? `[${f.index}]` : ''}`;
    }
    if (leaf !== undefined) out += `/${leaf}`;
    return out || '/';
  }

  #report(depth: number, code: IssueCode, message: string, leaf?: string): void {
    this.#push({ path: this.#path(depth, leaf), code, message });
  }

  #push(issue: Issue): void {
    const pos = this.position;
    this.issues.push(pos ? { ...issue, line: pos.line, column: pos.column } : issue);
    if (this.issues.length >= this.#maxIssues) throw new TooManyIssues();
  }
}

function describeParticle(p: CParticle): string {
  return p.k === 'el' ? `<${p.name}>` : describeFirst(p);
}

function isNamespaceAttribute(key: string): boolean {
  return key === 'xmlns' || key.startsWith('xmlns:');
}

function isWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
