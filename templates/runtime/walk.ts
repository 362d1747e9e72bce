/**
 * The value walker: checks a JavaScript value against a type and, when given a writer, prints it
 * as XML in schema order. `validate` runs it without a writer and `encode` with one, so what
 * validates always encodes.
 */
import { isAnyValue, isNamedAny, type AnyValue, type NamedAny } from './any.js';
import { describeFirst, simpleTypeOf, type CComplex, type CElement, type CGroup, type CParticle, type Compiler } from './compile.js';
import type { Issue, IssueCode } from './errors.js';
import { pathNode, renderPath, SiblingCounter, type PathNode } from './path.js';
import type { AttributeDesc, ComplexTypeDesc, SimpleTypeDesc, TypeDesc } from './schema.js';
import { hasListValues, Problem } from './simple.js';
import { escapeAttribute, escapeText, isXmlText } from './xml-reader.js';

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Accumulates output; with `indent` set, prints one element per line. */
export class XmlWriter {
  out = '';
  readonly #indent: string | undefined;
  #depth = 0;
  /** Whether the innermost open element has element children (then its end tag goes on a new line). */
  #hadChild: boolean[] = [];
  /** > 0 while writing mixed content: no indentation (see `inline`). */
  #inline = 0;

  constructor(indent?: string) {
    this.#indent = indent;
  }

  open(name: string, attributes: string): void {
    if (this.#indent === undefined) {
      this.out += '<' + name + attributes + '>';
      return;
    }
    this.#newline();
    this.out += `<${name}${attributes}>`;
    this.#hadChild.push(false);
    this.#depth++;
  }

  close(name: string): void {
    if (this.#indent === undefined) {
      this.out += '</' + name + '>';
      return;
    }
    this.#depth--;
    if (this.#hadChild.pop()) this.#newline();
    this.out += `</${name}>`;
  }

  empty(name: string, attributes: string): void {
    if (this.#indent === undefined) {
      this.out += '<' + name + attributes + '/>';
      return;
    }
    this.#newline();
    this.out += `<${name}${attributes}/>`;
  }

  leaf(name: string, attributes: string, escapedText: string): void {
    if (this.#indent === undefined) {
      this.out += escapedText === '' ? '<' + name + attributes + '/>' : '<' + name + attributes + '>' + escapedText + '</' + name + '>';
      return;
    }
    this.#newline();
    this.out += escapedText === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${escapedText}</${name}>`;
  }

  /** Raw escaped text inside the current element (generic content). */
  text(escapedText: string): void {
    this.out += escapedText;
  }

  /**
   * Between `inline(true)` and `inline(false)` nothing is indented: the content of an element with
   * text children (mixed generic content), where added line breaks would change the text.
   */
  inline(on: boolean): void {
    if (this.#indent === undefined) return;
    this.#inline += on ? 1 : -1;
  }

  #newline(): void {
    const n = this.#hadChild.length;
    if (n > 0) this.#hadChild[n - 1] = true;
    if (this.#indent !== undefined && this.#inline === 0 && (this.out !== '' || this.#depth > 0)) {
      this.out += `\n${this.#indent.repeat(this.#depth)}`;
    }
  }
}

export interface WalkLimits {
  /** Stop collecting after this many issues. */
  readonly maxIssues: number;
}

const DEFAULT_LIMITS: WalkLimits = { maxIssues: 100 };

export class ValueWalker {
  readonly issues: Issue[] = [];
  readonly #compiler: Compiler;
  readonly #writer: XmlWriter | undefined;
  readonly #maxIssues: number;

  constructor(compiler: Compiler, writer: XmlWriter | undefined, limits: WalkLimits = DEFAULT_LIMITS) {
    this.#compiler = compiler;
    this.#writer = writer;
    this.#maxIssues = limits.maxIssues;
  }

  /** Walks one element `name` of type `type` holding `value`. */
  element(name: string, type: TypeDesc, nillable: boolean, fixed: string | undefined, value: unknown, parent: PathNode | undefined, index: number): void {
    const w = this.#writer;
    if (value === null) {
      if (!nillable) {
        this.#issue(parent, name, index, 'not-nillable', `<${name}> is not nillable: null is not allowed (omit it if it is optional)`);
      } else if (this.#nilAttributesOk(type, name, parent, index)) w?.empty(name, ` xmlns:xsi="${XSI_NS}" xsi:nil="true"`);
      return;
    }
    if (type.kind === 'simple') {
      const text = this.#format(type, value, fixed, parent, name, index);
      if (text !== undefined) w?.leaf(name, '', escapeText(text));
      return;
    }
    this.#complexValue(this.#compiler.complex(type), type, name, fixed, value, parent, index);
  }

  /** The rest of `element` for a complex type `type` (compiled as `c`) and a value that is not null. */
  #complexValue(c: CComplex, type: ComplexTypeDesc, name: string, fixed: string | undefined, value: unknown, parent: PathNode | undefined, index: number): void {
    const w = this.#writer;
    switch (c.shape) {
      case 'flag':
        if (value !== true) {
          this.#issue(parent, name, index, 'wrong-type',
            `<${name}> is an empty element: expected true, got ${describe(value)}${value === false ? ' (omit the property instead)' : ''}`);
        } else w?.empty(name, '');
        return;
      case 'simple': {
        const text = this.#format(simpleTypeOf(type)!, value, fixed, parent, name, index);
        if (text !== undefined) w?.leaf(name, '', escapeText(text));
        return;
      }
      case 'any':
        this.#any(name, value, parent, index);
        return;
      case 'object':
        this.#object(c, name, value, parent, index);
    }
  }

  /**
   * null is a nilled element, and carries no attributes (the decoder also gives null for a nilled
   * element, checking and then dropping its attributes). A nilled element still needs its required
   * attributes (XSD 1.0 section 3.3.4), so null is not a value of a type that has any.
   */
  #nilAttributesOk(type: TypeDesc, name: string, parent: PathNode | undefined, index: number): boolean {
    if (type.kind !== 'complex') return true;
    const required = type.attributes.filter((a) => a.required);
    if (required.length === 0) return true;
    const here = pathNode(parent, name, index);
    for (const a of required) {
      this.#issue(here, `@${a.name}`, 1, 'missing-attribute',
        `attribute "${a.name}" is required, and null (xsi:nil) cannot carry attributes: <${name}> cannot be nil here`);
    }
    return false;
  }

  #object(c: CComplex, name: string, value: unknown, parent: PathNode | undefined, index: number): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.#issue(parent, name, index, 'wrong-type', `<${name}> expects an object, got ${describe(value)}`);
      return;
    }
    const obj = value as Record<string, unknown>;
    const here = pathNode(parent, name, index);
    const attrs = this.#attributes(c.desc, obj, here);
    this.#unknownProps(obj, c.props, here);
    const w = this.#writer;
    const content = c.desc.content;
    if (content.k === 'simple') {
      const v = obj[content.prop];
      if (v === undefined) {
        this.#issue(here, undefined, 0, 'missing-element', `<${name}> needs its text value in property "${content.prop}"`);
        return;
      }
      const text = this.#format(content.type(), v, undefined, parent, name, index);
      if (text !== undefined) w?.leaf(name, attrs, escapeText(text));
      return;
    }
    if (!c.root) {
      w?.empty(name, attrs);
      return;
    }
    w?.open(name, attrs);
    this.#particle(c, c.root, obj, here, new SiblingCounter());
    w?.close(name);
  }

  #attributes(t: ComplexTypeDesc, obj: Record<string, unknown>, here: PathNode): string {
    let out = '';
    for (const a of t.attributes) {
      const v = obj[a.prop];
      if (v === undefined) {
        if (a.required) this.#issue(here, `@${a.name}`, 1, 'missing-attribute', `attribute "${a.name}" is required`);
        continue;
      }
      const text = this.#attrText(a, v, here);
      if (text !== undefined) out += ` ${a.name}="${escapeAttribute(text)}"`;
    }
    return out;
  }

  #attrText(a: AttributeDesc, v: unknown, here: PathNode): string | undefined {
    const r = this.#compiler.simple(a.type()).format(v);
    if (r instanceof Problem) {
      this.#issue(here, `@${a.name}`, 1, r.code, r.message);
      return undefined;
    }
    if (a.fixed !== undefined) {
      if (this.#isFixed(a.type(), r, a.fixed)) return a.fixed; // the schema's own text (see #format)
      this.#issue(here, `@${a.name}`, 1, 'fixed-value', `attribute "${a.name}" must be "${a.fixed}"`);
      return undefined;
    }
    return r;
  }

  #particle(c: CComplex, p: CParticle, target: Record<string, unknown>, here: PathNode, counter: SiblingCounter): void {
    if (p.k === 'el') {
      this.#elementParticle(p, target[p.prop], here, counter);
      return;
    }
    if (p.k === 'any') {
      this.#wildcard(c, p.prop, p.min, p.max, target[p.prop], here, counter);
      return;
    }
    if (p.max > 1) {
      this.#repeatingGroup(c, p, target, here, counter);
      return;
    }
    // An optional group that is absent (none of its properties set) contributes nothing; its
    // required members are required only when the group is there (all or nothing).
    if (p.min === 0 && !isPresent(p, target)) return;
    this.#groupBody(c, p, target, here, counter);
  }

  /** One iteration of a group, its properties on `target`. */
  #groupBody(c: CComplex, p: CGroup, target: Record<string, unknown>, here: PathNode, counter: SiblingCounter): void {
    if (p.k !== 'choice') {
      for (const child of p.children) this.#particle(c, child, target, here, counter);
      return;
    }
    let chosen: CParticle | undefined;
    for (const child of p.children) {
      if (!isPresent(child, target)) continue;
      if (chosen) {
        this.#issue(here, undefined, 0, 'choice-conflict',
          `${describeBranch(chosen)} and ${describeBranch(child)} are alternatives: give only one of them`);
        continue;
      }
      chosen = child;
    }
    if (chosen) {
      this.#particle(c, chosen, target, here, counter);
    } else if (!p.nullable && !p.children.some((ch) => ch.nullable)) {
      this.#issue(here, undefined, 0, 'missing-element', `missing ${describeFirst(p)}`);
    }
  }

  #repeatingGroup(c: CComplex, p: CGroup, target: Record<string, unknown>, here: PathNode, counter: SiblingCounter): void {
    const prop = p.prop!;
    const items = target[prop];
    if (items === undefined) {
      if (p.min > 0 && !p.children.every((ch) => ch.nullable) && !(p.k === 'choice' && p.children.some((ch) => ch.nullable))) {
        this.#issue(here, undefined, 0, 'missing-element', `missing ${describeFirst(p)} (property "${prop}")`);
      }
      return;
    }
    if (!Array.isArray(items)) {
      this.#issue(here, undefined, 0, 'wrong-type', `property "${prop}" must be an array, got ${describe(items)}`);
      return;
    }
    this.#count(here, undefined, items.length, p.min, p.max, `item(s) in "${prop}"`);
    const props = p.propSet;
    for (const item of items) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        this.#issue(here, undefined, 0, 'wrong-type', `each item of "${prop}" must be an object, got ${describe(item)}`);
        continue;
      }
      this.#unknownProps(item as Record<string, unknown>, props, here);
      this.#groupBody(c, p, item as Record<string, unknown>, here, counter);
    }
  }

  #elementParticle(p: CElement, v: unknown, here: PathNode, counter: SiblingCounter): void {
    const d = p.desc;
    if (v === undefined) {
      if (d.min > 0) this.#issue(here, d.name, 1, 'missing-element', `<${d.name}> is required`);
      return;
    }
    const canRepeat = p.multi;
    const type = (p.type ??= d.type());
    if (d.max > 1) {
      if (!Array.isArray(v)) {
        this.#issue(here, d.name, 1, 'wrong-type', `<${d.name}> repeats: expected an array, got ${describe(v)}`);
        return;
      }
      this.#count(here, d.name, v.length, Math.max(d.min, 1), d.max, `<${d.name}>`);
      for (const item of v) this.element(d.name, type, d.nillable, d.fixed, item, here, counter.next(d.name, canRepeat));
      return;
    }
    if (Array.isArray(v) && !this.#listValued(type)) {
      this.#issue(here, d.name, 1, 'wrong-type', `<${d.name}> occurs at most once: expected a single value, not an array`);
      return;
    }
    if (type.kind === 'simple' && d.fixed === undefined && v !== null) {
      // The common case of element(), with the compiled simple type cached on the particle.
      const r = (p.simple ??= this.#compiler.simple(type)).format(v);
      const index = counter.next(d.name, canRepeat);
      if (r instanceof Problem) this.#issue(here, d.name, index, r.code, r.message);
      else this.#writer?.leaf(d.name, '', escapeText(r));
      return;
    }
    if (type.kind === 'complex' && v !== null) {
      this.#complexValue((p.complex ??= this.#compiler.complex(type)), type, d.name, d.fixed, v, here, counter.next(d.name, canRepeat));
      return;
    }
    this.element(d.name, type, d.nillable, d.fixed, v, here, counter.next(d.name, canRepeat));
  }

  /** Is an array a value of this type (a list, or a union with a list member), as the decoder gives it? */
  #listValued(type: TypeDesc): boolean {
    if (type.kind === 'complex' && this.#compiler.complex(type).shape !== 'simple') return false;
    const t = simpleTypeOf(type);
    return t !== undefined && hasListValues(t);
  }

  #wildcard(c: CComplex, prop: string, min: number, max: number, v: unknown, here: PathNode, counter: SiblingCounter): void {
    if (v === undefined) {
      if (min > 0) this.#issue(here, undefined, 0, 'missing-element', `missing element(s) for property "${prop}"`);
      return;
    }
    const items = max > 1 ? v : [v];
    if (!Array.isArray(items)) {
      this.#issue(here, undefined, 0, 'wrong-type', `property "${prop}" must be an array of {name, value}, got ${describe(v)}`);
      return;
    }
    if (max > 1) this.#count(here, undefined, items.length, Math.max(min, 1), max, `element(s) in "${prop}"`);
    for (const item of items) {
      if (!isNamedAny(item) || !isXmlName(item.name)) {
        this.#issue(here, undefined, 0, 'wrong-type', `items of "${prop}" must be {name, value} with an XML name`);
        continue;
      }
      if (c.byName.has(item.name)) {
        // an element declared in this content model cannot also be matched by the wildcard (UPA)
        this.#issue(here, item.name, 1, 'unexpected-element', `<${item.name}> is declared in this content model; set its own property`);
        continue;
      }
      this.#anyElement(item, here, counter.next(item.name, true));
    }
  }

  #any(name: string, value: unknown, parent: PathNode | undefined, index: number): void {
    if (!isAnyValue(value)) {
      this.#issue(parent, name, index, 'wrong-type', `<${name}> is untyped: expected true, a string or {attributes?, children}, got ${describe(value)}`);
      return;
    }
    this.#anyElement({ name, value }, parent, index);
  }

  #anyElement(node: NamedAny, parent: PathNode | undefined, index: number): void {
    const w = this.#writer;
    const { name, value } = node;
    if (value === true) {
      w?.empty(name, '');
      return;
    }
    if (typeof value === 'string') {
      if (!isXmlText(value)) this.#issue(parent, name, index, 'invalid-value', `<${name}> contains characters that XML cannot carry`);
      else w?.leaf(name, '', escapeText(value));
      return;
    }
    let attrs = '';
    for (const [k, v] of Object.entries(value.attributes ?? {})) {
      if (!isXmlName(k) || typeof v !== 'string' || !isXmlText(v)) {
        this.#issue(parent, name, index, 'invalid-value', `<${name}> has an invalid attribute ${JSON.stringify(k)}`);
        continue;
      }
      attrs += ` ${k}="${escapeAttribute(v)}"`;
    }
    if (value.children.length === 0) {
      w?.empty(name, attrs);
      return;
    }
    const here = pathNode(parent, name, index);
    const counter = new SiblingCounter();
    const mixed = value.children.some((child) => typeof child === 'string');
    w?.open(name, attrs);
    if (mixed) w?.inline(true);
    for (const child of value.children) {
      if (typeof child === 'string') {
        if (!isXmlText(child)) this.#issue(here, undefined, 0, 'invalid-value', 'text contains characters that XML cannot carry');
        else w?.text(escapeText(child));
      } else this.#anyElement(child, here, counter.next(child.name, true));
    }
    w?.close(name);
    if (mixed) w?.inline(false);
  }

  #format(t: ReturnType<typeof simpleTypeOf> & object, v: unknown, fixed: string | undefined, parent: PathNode | undefined, name: string, index: number): string | undefined {
    const r = this.#compiler.simple(t).format(v);
    if (r instanceof Problem) {
      this.#issue(parent, name, index, r.code, r.message);
      return undefined;
    }
    if (fixed !== undefined) {
      // The value equals the fixed one: write the schema's literal as given, not the canonical form.
      // XSD 1.0 compares values, but libxml2 (Plesk's validator) compares the text with the literal,
      // so fixed="1.50" must be written 1.50, not 1.5.
      if (this.#isFixed(t, r, fixed)) return fixed;
      this.#issue(parent, name, index, 'fixed-value', `<${name}> must be "${fixed}"`);
      return undefined;
    }
    return r;
  }

  /** Is `formatted` (canonical text) the value of the lexical form `fixed`? Compared canonically, like the decoder. */
  #isFixed(t: SimpleTypeDesc, formatted: string, fixed: string): boolean {
    const compiled = this.#compiler.simple(t);
    const v = compiled.parse(fixed);
    if (v instanceof Problem) return false;
    return compiled.format(v) === formatted;
  }

  #count(here: PathNode, name: string | undefined, n: number, min: number, max: number, what: string): void {
    if (n < min) this.#issue(here, name, 1, 'missing-element', `at least ${min} ${what} required, got ${n}`);
    if (n > max) this.#issue(here, name, 1, 'duplicate-element', `at most ${max} ${what} allowed, got ${n}`);
  }

  #unknownProps(obj: Record<string, unknown>, known: ReadonlySet<string>, here: PathNode): void {
    for (const key in obj) {
      if (!known.has(key) && obj[key] !== undefined) {
        this.#issue(here, undefined, 0, 'unknown-property', `unknown property "${key}"`);
      }
    }
  }

  #issue(parent: PathNode | undefined, leaf: string | undefined, index: number, code: IssueCode, message: string): void {
    if (this.issues.length >= this.#maxIssues) return;
    const path = leaf === undefined ? renderPath(parent) : renderPath(parent, index > 1 ? `${leaf}[${index}]` : leaf);
    this.issues.push({ path, code, message });
  }
}

/** Is any property of this particle set on `target`? */
export function isPresent(p: CParticle, target: Record<string, unknown>): boolean {
  if (p.k === 'el' || p.k === 'any') return target[p.prop] !== undefined;
  if (p.max > 1 && p.prop !== undefined) return target[p.prop] !== undefined;
  for (const prop of p.props) if (target[prop] !== undefined) return true;
  return false;
}

function describeBranch(p: CParticle): string {
  return p.k === 'el' ? `<${p.name}>` : describeFirst(p);
}

const XML_NAME = /^[\p{L}_:][\p{L}\p{N}_:.\-\u00B7\u0300-\u036F\u203F-\u2040]*$/u;
function isXmlName(name: string): boolean {
  return XML_NAME.test(name);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'bigint':
      return `bigint ${value}n`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return value instanceof Uint8Array ? 'a Uint8Array' : 'an object';
    default:
      return typeof value;
  }
}

export type { AnyValue };
