/**
 * Values of untyped content (xs:anyType elements and xs:any wildcards), kept generic and lossless:
 * - `true` for an empty element (`<server/>`),
 * - a string for text-only content (`<id>5472</id>`),
 * - an `AnyElement` when there are attributes or child elements.
 */
export type AnyValue = true | string | AnyElement;

export interface AnyElement {
  readonly attributes?: Readonly<Record<string, string>>;
  /** Child elements and non-whitespace text, in document order. */
  readonly children: readonly AnyNode[];
}

/** A child of generic content: text, or an element with its name. */
export type AnyNode = string | NamedAny;

export interface NamedAny {
  readonly name: string;
  readonly value: AnyValue;
}

/** Builder used by the decoder for one generic element. */
export class AnyBuilder {
  attributes: Record<string, string> | undefined;
  children: AnyNode[] | undefined;
  text = '';
  hasElements = false;

  constructor(attributes: Readonly<Record<string, string>> | null) {
    if (attributes) {
      for (const key in attributes) {
        if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
        (this.attributes ??= {})[key] = attributes[key]!;
      }
    }
  }

  addText(text: string): void {
    this.text += text;
  }

  addChild(name: string, value: AnyValue): void {
    this.#flushText();
    (this.children ??= []).push({ name, value });
    this.hasElements = true;
  }

  finish(): AnyValue {
    if (!this.hasElements && !this.attributes) return this.text === '' ? true : this.text;
    this.#flushText();
    return {
      ...(this.attributes ? { attributes: this.attributes } : {}),
      children: this.children ?? [],
    };
  }

  #flushText(): void {
    if (this.text !== '') {
      // Whitespace-only text next to child elements (before, between or after them) is formatting,
      // not content; text-only content keeps its whitespace (see finish()).
      if (this.text.trim() !== '') (this.children ??= []).push(this.text);
      this.text = '';
    }
  }
}

export function isAnyValue(value: unknown): value is AnyValue {
  if (value === true || typeof value === 'string') return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { attributes?: unknown; children?: unknown };
  if (!Array.isArray(v.children)) return false;
  if (v.attributes !== undefined && (typeof v.attributes !== 'object' || v.attributes === null)) return false;
  return v.children.every((c) => typeof c === 'string' || isNamedAny(c));
}

export function isNamedAny(value: unknown): value is NamedAny {
  return typeof value === 'object' && value !== null && typeof (value as NamedAny).name === 'string' &&
    isAnyValue((value as NamedAny).value);
}
