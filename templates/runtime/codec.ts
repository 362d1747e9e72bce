/**
 * Codecs: what generated code exports for each global element.
 *
 *   const xml = PacketCodec.encode(value);        // schema order, escaped; throws EncodeError
 *   const value = PacketCodec.decode(xml);        // typed value; throws XmlParseError | DecodeError
 *   const issues = PacketCodec.validate(value);   // [] when valid
 *   const issues = PacketCodec.validateXml(xml);  // every problem of a document
 */
import { Compiler } from './compile.js';
import { Decoder } from './decode.js';
import { DecodeError, EncodeError, SchemaError, XmlParseError, summarize, type Issue } from './errors.js';
import type { ElementDeclDesc, TypeDesc } from './schema.js';
import { ValueWalker, XmlWriter } from './walk.js';
import { XmlReader, type XmlReaderOptions } from './xml-reader.js';

export interface DecodeOptions extends XmlReaderOptions {
  /** Stop after this many issues (default 100). */
  readonly maxIssues?: number;
}

export interface EncodeOptions {
  /** Prepend `<?xml version="1.0" encoding="UTF-8"?>` (default false). */
  readonly declaration?: boolean;
  /** Indent nested elements with this string, one element per line (default: compact). */
  readonly indent?: string;
}

export type DecodeResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: readonly Issue[]; readonly error: SchemaError };

/** A streaming decode in progress: feed chunks, then `end()` gives the value. */
export interface DecodeStream<T> {
  write(chunk: string | Uint8Array): void;
  end(): T;
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export class Codec<T> {
  readonly element: ElementDeclDesc;
  #compiler: Compiler | undefined;

  constructor(element: ElementDeclDesc) {
    this.element = element;
  }

  /** The XML name of the root element. */
  get name(): string {
    return this.element.name;
  }

  /** Decodes a document into a typed value; throws XmlParseError or DecodeError (with every issue). */
  decode(input: string | Uint8Array, options: DecodeOptions = {}): T {
    const r = this.safeDecode(input, options);
    if (!r.ok) throw r.error;
    return r.value;
  }

  /** Like `decode`, but returns the outcome instead of throwing. */
  safeDecode(input: string | Uint8Array, options: DecodeOptions = {}): DecodeResult<T> {
    const stream = this.#stream(options);
    try {
      stream.reader.parse(input);
    } catch (e) {
      return this.#failed(e, stream.decoder);
    }
    return this.#result(stream.decoder);
  }

  /** Every issue of a document ([] when it is valid). */
  validateXml(input: string | Uint8Array, options: DecodeOptions = {}): Issue[] {
    const r = this.safeDecode(input, options);
    return r.ok ? [] : [...r.issues];
  }

  /** Decodes chunked input (e.g. an HTTP body) without buffering it as a whole string. */
  decodeStream(options: DecodeOptions = {}): DecodeStream<T> {
    const { reader, decoder } = this.#stream(options);
    return {
      write: (chunk) => {
        try {
          reader.write(chunk);
        } catch (e) {
          const r = this.#failed(e, decoder);
          throw r.error;
        }
      },
      end: () => {
        try {
          reader.close();
        } catch (e) {
          throw this.#failed(e, decoder).error;
        }
        const r = this.#result(decoder);
        if (!r.ok) throw r.error;
        return r.value;
      },
    };
  }

  /** Checks a JavaScript value against the schema; [] when it can be encoded. */
  validate(value: unknown): Issue[] {
    const walker = new ValueWalker(this.#compile(), undefined);
    walker.element(this.element.name, this.element.type(), this.element.nillable, undefined, value, undefined, 1);
    return walker.issues;
  }

  /** True when `value` is a valid value of this element. */
  is(value: unknown): value is T {
    return this.validate(value).length === 0;
  }

  /** Encodes a value as XML in schema order; throws EncodeError listing every issue if it is not valid. */
  encode(value: T, options: EncodeOptions = {}): string {
    const writer = new XmlWriter(options.indent);
    const walker = new ValueWalker(this.#compile(), writer);
    walker.element(this.element.name, this.element.type(), this.element.nillable, undefined, value, undefined, 1);
    if (walker.issues.length) throw new EncodeError(summarize(`cannot encode <${this.element.name}>`, walker.issues), walker.issues);
    const body = writer.out;
    if (!options.declaration) return body;
    return options.indent !== undefined ? `${DECLARATION}\n${body}` : `${DECLARATION}${body}`;
  }

  #compile(): Compiler {
    return (this.#compiler ??= new Compiler());
  }

  #stream(options: DecodeOptions): { reader: XmlReader; decoder: Decoder } {
    const decoder = new Decoder(this.#compile(), this.element, { maxIssues: options.maxIssues ?? 100 });
    const reader = new XmlReader(decoder, options);
    decoder.position = reader;
    return { reader, decoder };
  }

  #result(decoder: Decoder): DecodeResult<T> {
    if (decoder.issues.length) {
      return { ok: false, issues: decoder.issues, error: new DecodeError(summarize(`invalid <${this.element.name}>`, decoder.issues), decoder.issues) };
    }
    return { ok: true, value: decoder.value as T };
  }

  #failed(e: unknown, decoder: Decoder): { ok: false; issues: readonly Issue[]; error: SchemaError } {
    if (Decoder.isStop(e)) {
      const issues = decoder.issues;
      return { ok: false, issues, error: new DecodeError(summarize(`invalid <${this.element.name}>`, issues), issues) };
    }
    if (e instanceof XmlParseError) {
      const issues = [...decoder.issues, ...e.issues];
      // Malformed input is the more fundamental problem: report it as such, with earlier issues kept.
      return { ok: false, issues, error: e };
    }
    throw e;
  }
}

/** Declares the codec of a global element (used by generated code). */
export function codec<T>(name: string, type: () => TypeDesc, options: { readonly nillable?: boolean } = {}): Codec<T> {
  return new Codec<T>({ name, type, nillable: options.nillable ?? false });
}
