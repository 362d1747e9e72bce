/**
 * The XML event reader of the runtime: saxes (non-namespace mode, XML 1.0 rules) hardened for hostile input.
 *
 * What it adds to saxes:
 * - refuses any DOCTYPE the moment `<!DOCTYPE` has been read (no DTD is buffered, no entity is declared or
 *   expanded), unknown entity references, character references to characters XML 1.0 forbids, lone surrogates
 *   in string input, nesting deeper than `maxDepth` and input larger than `maxBytes`;
 * - decodes UTF-8 byte input strictly (invalid, overlong, surrogate and truncated sequences are refused with the
 *   line and column of the bad byte) and refuses other encodings (UTF-16 byte order marks, XML declarations
 *   naming an encoding other than UTF-8 or US-ASCII);
 * - stops at the first problem with an `XmlParseError` (code, short message, 1-based line and column) — saxes
 *   itself would report the error and carry on;
 * - never calls the handler for an end tag that does not match (saxes would emit the close event first);
 * - skips comments, processing instructions and whitespace outside the root element.
 *
 * Positions. Lines are 1-based; CR, LF and CR LF each end a line. Columns are 1-based and count Unicode code
 * points (an emoji is one column; a byte order mark is not counted). Inside `open` and `close` callbacks the
 * position is that of the `<` of the tag (for the `close` of `<a/>`, the `<` of `<a/>`); inside `text`, the
 * start of the run of character data (for a CDATA section, its `<![CDATA[`).
 *
 * This file is copied verbatim into generated SDKs: no Node-only APIs and no module-level mutable state.
 * It reaches into a few private members of saxes (its state table, the end-tag and attribute steps) to hook
 * in without a second pass over the input; `createParser` checks that they are what this file expects, so a
 * different saxes version fails loudly at the first `new XmlReader(...).parse()` instead of misbehaving.
 */
import { SaxesParser, type SaxesTagPlain, type XMLDecl } from 'saxes';
import { XmlParseError, type IssueCode } from './errors.js';

export interface XmlEventHandler {
  /**
   * An element starts. `attributes` is null when the tag has none (the common case) — avoid allocating.
   * Otherwise it is a null-prototype object (so `__proto__` or `constructor` are ordinary attribute names),
   * with values after entity resolution and attribute-value normalization. Names are raw (prefix:local).
   */
  open(name: string, attributes: Readonly<Record<string, string>> | null): void;
  /**
   * Character data with entity and character references resolved; CDATA sections included; may come in
   * several pieces per text run. Never called for text outside the root element.
   */
  text(text: string): void;
  close(name: string): void;
}

export interface XmlReaderOptions {
  /** Maximum element nesting depth; deeper input is refused with 'too-deep'. Default 256. */
  readonly maxDepth?: number;
  /**
   * Maximum input size: UTF-8 bytes for byte input, UTF-16 code units (`string.length`) for string input.
   * A string never has more code units than its UTF-8 encoding has bytes, so the same document passes the
   * limit as a string whenever it passes as bytes. Larger input is refused with 'too-large' before it is
   * parsed (one-shot `parse`) or as soon as the running total passes the limit (chunked `write`).
   * Default 64 MiB.
   */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_DEPTH = 256;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
/** At most this many characters of input text appear in a message. */
const QUOTE_LIMIT = 64;

/** XML 1.0 rules even when the document declares version="1.1"; no namespace processing (names stay raw). */
const SAXES_OPTIONS = Object.freeze({ xmlns: false, forceXMLVersion: true, defaultXMLVersion: '1.0' } as const);
type Saxes = SaxesParser<typeof SAXES_OPTIONS>;

// ---------------------------------------------------------------------------------------------------------
// saxes 6.0.0 internals this file relies on (checked in `checkInternals`).

type StateFn = (this: SaxesInternals) => void;
interface SaxesInternals {
  readonly stateTable: StateFn[];
  state: number;
  text: string;
  name: string;
  entity: string;
  chunk: string;
  i: number;
  prevI: number;
  tag: SaxesTag | null;
  readonly tags: readonly { readonly name: string }[];
  readonly attribList: readonly unknown[];
  sawRoot: boolean;
  readonly closedRoot: boolean;
  readonly fragmentOpt: boolean;
  forbiddenState: number;
  chunkPosition: number;
  positionAtNewLine: number;
  readonly textHandler: ((text: string) => void) | undefined;
  getCode(): number;
  fail(message: string): void;
  openTag(): void;
  carriedFromPrevious: string | undefined;
  line: number;
  column: number;
  processAttribs: () => void;
  closeTag: () => void;
}
/** saxes' tag object; `attributes` is made only for tags that have attributes (see hookOpenTag). */
interface SaxesTag {
  readonly name: string;
  attributes: Record<string, string> | null;
  isSelfClosing: boolean;
}
interface SaxesPrototype {
  readonly sDoctype: StateFn;
  readonly sText: StateFn;
  readonly sOpenTag: StateFn;
  readonly getCode10: () => number;
  readonly captureNameChars: () => number;
  readonly handleTextInRoot: () => void;
  readonly sOpenWaka: StateFn;
  readonly sOpenWakaBang: StateFn;
  readonly sEntity: StateFn;
  readonly processAttribsPlain: StateFn;
  readonly closeTag: StateFn;
  readonly sCloseTag: StateFn;
}
const S_DOCTYPE = 2;
const S_TEXT = 13;
const S_ENTITY = 14;
const S_OPEN_WAKA = 15;
const S_OPEN_WAKA_BANG = 16;
const S_OPEN_TAG = 34;
const S_OPEN_TAG_SLASH = 35;
const S_ATTRIB = 36;
const S_CLOSE_TAG = 43;
const S_CLOSE_TAG_SAW_WHITE = 44;
const EOC = -1;
const NL_LIKE = -2;
const FORBIDDEN_START = 0;
const STATE_COUNT = 45;

const PROTO = SaxesParser.prototype as unknown as SaxesPrototype;

const INPUT_NONE = 0;
const INPUT_STRING = 1;
const INPUT_BYTES = 2;

/**
 * Streaming, hardened XML event reader. One document at a time: `parse(whole)`, or `write(chunk)` any number
 * of times then `close()`. After a document ends — normally or with an error — the reader is ready for the
 * next one. Errors: `XmlParseError` for bad input; whatever the handler throws propagates unchanged.
 */
export class XmlReader {
  private readonly handler: XmlEventHandler;
  private readonly maxDepth: number;
  private readonly maxBytes: number;

  private busy = false;

  // State of the current document.
  private parser: SaxesInternals | null = null;
  private curDepth = 0;
  private markLine = 1;
  private markColumn = 1;
  private textLine = 1;
  private textColumn = 1;
  private textEvent = false;
  private hasAttributes = false;
  /** Where the entity reference being read starts: its '&' and its index in saxes' current chunk. */
  private entityLine = 1;
  private entityColumn = 1;
  private entityStart = 0;
  /** Line of the start tag of each open element, by depth. */
  private openLines: number[] = [0];
  private ending = false;
  private inputKind = INPUT_NONE;
  private received = 0;
  private started = false;
  private pendingHigh = '';
  private decoder: InstanceType<typeof TextDecoder> | null = null;
  private bytesDecoded = 0;
  private utf8Tail: Uint8Array | null = null;
  private heldByte = -1;
  private encodingChecked = false;

  // Callbacks handed to saxes, created once per reader (no per-event closures).
  private readonly onOpenTag: (tag: SaxesTagPlain) => void;
  private readonly onCloseTag: (tag: SaxesTagPlain) => void;
  private readonly onText: (text: string) => void;
  private readonly onCData: (text: string) => void;
  private readonly onXmlDecl: (decl: XMLDecl) => void;
  private readonly onError: (error: Error) => void;
  private readonly hookOpenWaka: StateFn;
  private readonly hookOpenWakaBang: StateFn;
  private readonly hookText: StateFn;
  private readonly hookEntity: StateFn;
  private readonly hookOpenTag: StateFn;
  private readonly hookProcessAttribs: StateFn;
  private readonly hookCloseTag: StateFn;
  private readonly hookCloseTagName: StateFn;

  constructor(handler: XmlEventHandler, options?: XmlReaderOptions) {
    this.handler = handler;
    this.maxDepth = limit(options?.maxDepth, DEFAULT_MAX_DEPTH, 'maxDepth');
    this.maxBytes = limit(options?.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes');

    this.onOpenTag = (tag) => {
      const depth = ++this.curDepth;
      this.textEvent = false;
      if (depth > this.maxDepth) {
        throw new XmlParseError('too-deep', `element <${clip(tag.name)}> is nested deeper than maxDepth (${this.maxDepth})`,
          this.markLine, this.markColumn);
      }
      this.openLines[depth] = this.markLine;
      this.handler.open(tag.name, this.hasAttributes ? (tag as unknown as SaxesTag).attributes : null);
    };
    this.onCloseTag = (tag) => {
      this.textEvent = false;
      this.handler.close(tag.name);
      this.curDepth--;
    };
    this.onText = (text) => {
      if (this.curDepth !== 0) {
        this.textEvent = true;
        this.handler.text(text);
      }
    };
    this.onCData = (text) => {
      if (text.length !== 0) {
        this.textLine = this.markLine;
        this.textColumn = this.markColumn;
        this.textEvent = true;
        this.handler.text(text);
      }
    };
    this.onXmlDecl = (decl) => {
      const encoding = decl.encoding;
      if (this.inputKind === INPUT_BYTES && encoding !== undefined && !/^(?:utf-8|us-ascii)$/i.test(encoding)) {
        throw new XmlParseError('not-well-formed',
          `unsupported encoding "${clip(encoding)}" in the XML declaration: byte input must be UTF-8`,
          this.markLine, this.markColumn);
      }
    };
    this.onError = (error) => {
      throw this.translate(error.message);
    };

    // saxes state-table hooks; `this` inside them is the saxes parser.
    const reader = this;
    const proto = SaxesParser.prototype as unknown as SaxesPrototype;
    const sOpenWaka = proto.sOpenWaka;
    const sOpenWakaBang = proto.sOpenWakaBang;
    const sText = proto.sText;
    const handleTextInRoot = proto.handleTextInRoot;
    const sEntity = proto.sEntity;
    const processAttribsPlain = proto.processAttribsPlain;
    const closeTag = proto.closeTag;
    // Entered with the `<` just consumed: remember where the markup starts.
    this.hookOpenWaka = function (this: SaxesInternals): void {
      reader.markLine = this.line;
      reader.markColumn = this.column;
      sOpenWaka.call(this);
    };
    // `<!` followed by one more character each call; refuse as soon as it has become `<!DOCTYPE`.
    this.hookOpenWakaBang = function (this: SaxesInternals): void {
      sOpenWakaBang.call(this);
      if (this.state === S_DOCTYPE) throw reader.doctypeError();
    };
    // Entered at the start of each run of character data (and again after entities and chunk ends, when
    // saxes has text buffered: then the run started earlier).
    //
    // Fast path (same result as saxes' own loop, without a call per character): a run of character data
    // inside the root that ends at a '<' in this chunk and holds only TAB, LF and characters from U+0020
    // to U+D7FF other than '&', ']' and '>'. Anything else (CR, entities, ']]>' tracking, surrogates,
    // characters XML forbids, the end of the chunk) goes to saxes' loop from the start of the run.
    this.hookText = function (this: SaxesInternals): void {
      if (this.text.length === 0) {
        reader.textLine = this.line;
        reader.textColumn = this.column + 1;
      }
      if (this.tags.length === 0) {
        sText.call(this);
        return;
      }
      const chunk = this.chunk;
      const start = this.i;
      const n = chunk.length;
      let j = start;
      let lastNl = -1;
      let lines = 0;
      let c = 0;
      for (; j < n; j++) {
        c = chunk.charCodeAt(j);
        if (c >= 0x20) {
          if (c >= 0xd800 || c === 0x3c || c === 0x26 || c === 0x5d || c === 0x3e) break;
        } else if (c === 0x0a) {
          lines++;
          lastNl = j;
        } else if (c !== 0x09) break;
      }
      if (j >= n || c !== 0x3c) {
        handleTextInRoot.call(this);
        return;
      }
      if (lastNl >= 0) {
        this.line += lines;
        this.column = j - lastNl; // the characters after the last LF, and the '<'
        this.positionAtNewLine = this.chunkPosition + lastNl + 1;
      } else this.column += j - start + 1;
      this.prevI = j;
      this.i = j + 1;
      this.state = S_OPEN_WAKA;
      this.forbiddenState = FORBIDDEN_START;
      const handler = this.textHandler;
      if (handler !== undefined) {
        const text = this.text;
        if (text.length !== 0) {
          this.text = '';
          handler(text + chunk.slice(start, j));
        } else if (j !== start) handler(chunk.slice(start, j));
      }
    };
    // saxes' sOpenTag, without the null-prototype attribute object of every tag: hookProcessAttribs makes
    // it for the tags that have attributes.
    this.hookOpenTag = function (this: SaxesInternals): void {
      const c = captureName.call(this);
      if (c === EOC) return;
      this.tag = { name: this.name, attributes: null, isSelfClosing: false };
      this.name = '';
      this.sawRoot = true;
      if (!this.fragmentOpt && this.closedRoot) this.fail('documents may contain only one root.');
      switch (c) {
        case 0x3e: // >
          this.openTag();
          break;
        case 0x2f: // /
          this.state = S_OPEN_TAG_SLASH;
          break;
        default:
          if (!(c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) this.fail('disallowed character in tag name.');
          this.state = S_ATTRIB;
      }
    };
    // saxes' sCloseTag with the faster name reading.
    this.hookCloseTagName = function (this: SaxesInternals): void {
      const c = captureName.call(this);
      if (c === 0x3e) this.closeTag();
      else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.state = S_CLOSE_TAG_SAW_WHITE;
      else if (c !== EOC) this.fail('disallowed character in closing tag.');
    };
    // Entered with the '&' of an entity reference just consumed (and again at the start of the next chunk
    // when the reference is split, then with part of its name buffered).
    this.hookEntity = function (this: SaxesInternals): void {
      if (this.entity.length === 0) {
        reader.entityLine = this.line;
        reader.entityColumn = this.column;
        reader.entityStart = this.i;
      }
      sEntity.call(this);
    };
    // Tells the open-tag callback whether there are attributes, and saves saxes an allocation when not.
    this.hookProcessAttribs = function (this: SaxesInternals): void {
      if (this.attribList.length === 0) {
        reader.hasAttributes = false;
      } else {
        reader.hasAttributes = true;
        if (this.tag !== null && this.tag.attributes === null) this.tag.attributes = Object.create(null) as Record<string, string>;
        processAttribsPlain.call(this);
      }
    };
    // saxes emits `closetag` for the open element before it checks the end tag's name; check first.
    this.hookCloseTag = function (this: SaxesInternals): void {
      const tags = this.tags;
      const top = tags[tags.length - 1];
      if (top === undefined || top.name !== this.name) throw reader.mismatchError(this.name, top);
      closeTag.call(this);
    };
  }

  /** Parses a whole document (string, or UTF-8 bytes). Throws XmlParseError; errors thrown by the handler propagate unchanged. */
  parse(input: string | Uint8Array): void {
    this.enter();
    try {
      this.begin();
      const size = input.length;
      const isString = typeof input === 'string';
      if (size > this.maxBytes) {
        throw new XmlParseError('too-large',
          `input too large: ${size} ${isString ? 'UTF-16 code units' : 'bytes'}, maxBytes is ${this.maxBytes}`, 1, 1);
      }
      if (isString) {
        this.inputKind = INPUT_STRING;
        this.feedString(input, true);
      } else {
        this.inputKind = INPUT_BYTES;
        this.feedAllBytes(input);
      }
      this.finish();
    } finally {
      this.end();
      this.busy = false;
    }
  }

  /** Chunked input (e.g. an HTTP body): write() any number of times, then close(). Byte chunks may split multi-byte UTF-8 sequences. */
  write(chunk: string | Uint8Array): void {
    this.enter();
    try {
      if (this.parser === null) this.begin();
      const kind = typeof chunk === 'string' ? INPUT_STRING : INPUT_BYTES;
      if (this.inputKind === INPUT_NONE) this.inputKind = kind;
      else if (this.inputKind !== kind) throw new TypeError('XmlReader.write: do not mix string and byte chunks in one document');
      this.received += chunk.length;
      if (this.received > this.maxBytes) {
        const [line, column] = this.nextPosition();
        throw new XmlParseError('too-large',
          `input too large: more than maxBytes (${this.maxBytes} ${kind === INPUT_STRING ? 'UTF-16 code units' : 'bytes'})`,
          line, column);
      }
      if (typeof chunk === 'string') this.feedString(chunk, false);
      else this.feedBytes(chunk);
    } catch (error) {
      this.end();
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /** Ends chunked input: checks the document is complete. */
  close(): void {
    this.enter();
    try {
      if (this.parser === null) this.begin();
      this.finish();
    } finally {
      this.end();
      this.busy = false;
    }
  }

  /** 1-based position of the current event (valid inside handler callbacks and in errors). */
  get line(): number {
    return this.textEvent ? this.textLine : this.markLine;
  }
  get column(): number {
    return this.textEvent ? this.textColumn : this.markColumn;
  }
  /** Current element depth (root = 1) inside callbacks. */
  get depth(): number {
    return this.curDepth;
  }

  // -------------------------------------------------------------------------------------------------------

  /** Not re-entrant: a handler must not call parse/write/close of the reader that is calling it. */
  private enter(): void {
    if (this.busy) throw new Error('XmlReader: parse/write/close called from inside a handler callback');
    this.busy = true;
  }

  private begin(): void {
    this.parser = this.createParser();
    this.curDepth = 0;
    this.markLine = this.markColumn = this.textLine = this.textColumn = 1;
    this.textEvent = false;
    this.hasAttributes = false;
    this.openLines = [0];
    this.ending = false;
    this.inputKind = INPUT_NONE;
    this.received = 0;
    this.started = false;
    this.pendingHigh = '';
    this.decoder = null;
    this.bytesDecoded = 0;
    this.utf8Tail = null;
    this.heldByte = -1;
    this.encodingChecked = false;
  }

  /** The document is over (finished or failed): drop the parser and the buffers. */
  private end(): void {
    this.parser = null;
    this.decoder = null;
    this.utf8Tail = null;
    this.pendingHigh = '';
    this.openLines = [0];
  }

  private createParser(): SaxesInternals {
    const saxes: Saxes = new SaxesParser(SAXES_OPTIONS);
    const p = saxes as unknown as SaxesInternals;
    checkInternals(p);
    const table = p.stateTable; // per-instance array
    table[S_OPEN_WAKA] = this.hookOpenWaka;
    table[S_OPEN_WAKA_BANG] = this.hookOpenWakaBang;
    table[S_TEXT] = this.hookText;
    table[S_ENTITY] = this.hookEntity;
    table[S_OPEN_TAG] = this.hookOpenTag;
    table[S_CLOSE_TAG] = this.hookCloseTagName;
    p.processAttribs = this.hookProcessAttribs;
    p.closeTag = this.hookCloseTag;
    saxes.on('opentag', this.onOpenTag);
    saxes.on('closetag', this.onCloseTag);
    saxes.on('text', this.onText);
    saxes.on('cdata', this.onCData);
    saxes.on('xmldecl', this.onXmlDecl);
    saxes.on('error', this.onError);
    return p;
  }

  private saxes(): Saxes {
    return this.parser as unknown as Saxes;
  }

  /** Feeds string input (`whole`: the entire document, else one chunk), refusing lone surrogates. */
  private feedString(s: string, whole: boolean): void {
    if (!this.started) {
      if (s.length === 0) return;
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1); // byte order mark: not content, not a column
    }
    if (this.pendingHigh.length !== 0) {
      s = this.pendingHigh + s;
      this.pendingHigh = '';
    }
    if (!whole) {
      const last = s.charCodeAt(s.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        // Its low surrogate may come with the next chunk.
        this.pendingHigh = s.slice(-1);
        s = s.slice(0, -1);
      }
    }
    if (hasLoneSurrogate(s)) {
      const at = firstLoneSurrogate(s);
      this.saxes().write(s.slice(0, at));
      throw this.errorAtNext('not-well-formed', `lone surrogate ${hex(s.charCodeAt(at))} is not allowed in XML`);
    }
    this.saxes().write(s);
  }

  /** Feeds text decoded from bytes (TextDecoder output is always well-formed UTF-16). */
  private feedDecoded(s: string): void {
    this.started = true;
    if (s.length !== 0) this.saxes().write(s);
  }

  private feedAllBytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.checkEncodingStart(bytes[0]!, bytes.length > 1 ? bytes[1]! : -1);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw this.utf8Error(bytes, 0, true);
    }
    this.bytesDecoded = bytes.length;
    this.feedDecoded(text);
  }

  private feedBytes(chunk: Uint8Array): void {
    let data = chunk;
    if (this.heldByte >= 0) {
      data = new Uint8Array(chunk.length + 1);
      data[0] = this.heldByte;
      data.set(chunk, 1);
      this.heldByte = -1;
    }
    if (!this.encodingChecked) {
      if (data.length === 0) return;
      if (data.length === 1) {
        this.heldByte = data[0]!; // need two bytes to recognize a UTF-16 byte order mark
        return;
      }
      this.checkEncodingStart(data[0]!, data[1]!);
    }
    const decoder = (this.decoder ??= new TextDecoder('utf-8', { fatal: true }));
    const tail = this.utf8Tail;
    let text: string;
    try {
      text = decoder.decode(data, { stream: true });
    } catch {
      throw this.utf8Error(tail === null ? data : concat(tail, data), this.bytesDecoded - (tail?.length ?? 0), false);
    }
    this.bytesDecoded += data.length;
    this.utf8Tail = incompleteTail(tail, data);
    this.feedDecoded(text);
  }

  private finish(): void {
    if (this.heldByte >= 0) {
      const byte = this.heldByte;
      this.heldByte = -1;
      this.checkEncodingStart(byte, -1);
      this.feedBytes(new Uint8Array([byte]));
    }
    if (this.decoder !== null) {
      let text: string;
      try {
        text = this.decoder.decode();
      } catch {
        const tail = this.utf8Tail ?? new Uint8Array(0);
        throw this.utf8Error(tail, this.bytesDecoded - tail.length, true);
      }
      this.feedDecoded(text);
    }
    if (this.pendingHigh.length !== 0) {
      throw this.errorAtNext('not-well-formed', `lone surrogate ${hex(this.pendingHigh.charCodeAt(0))} is not allowed in XML`);
    }
    this.ending = true;
    this.saxes().close();
  }

  private checkEncodingStart(b0: number, b1: number): void {
    this.encodingChecked = true;
    let what: string | null = null;
    if (b0 === 0xff && b1 === 0xfe) what = 'a UTF-16LE byte order mark';
    else if (b0 === 0xfe && b1 === 0xff) what = 'a UTF-16BE byte order mark';
    else if ((b0 === 0x3c && b1 === 0x00) || (b0 === 0x00 && b1 === 0x3c)) what = 'UTF-16 without a byte order mark';
    if (what !== null) {
      throw new XmlParseError('not-well-formed', `unsupported encoding: input starts with ${what}; byte input must be UTF-8`, 1, 1);
    }
  }

  /**
   * `data` failed to decode (`final`: at the end of input). Feeds the valid prefix so that earlier errors win
   * and saxes counts lines and columns up to the bad byte, then returns the 'invalid-utf8' error.
   */
  private utf8Error(data: Uint8Array, offset: number, final: boolean): XmlParseError {
    let bad = firstInvalidUtf8(data);
    if (bad < 0) bad = final ? 0 : data.length; // cannot happen: the decoder refused `data`
    if (bad > 0) {
      // The prefix is valid and ends on a character boundary; strip a BOM only at the start of the stream.
      const prefix = new TextDecoder('utf-8', { ignoreBOM: offset !== 0 }).decode(data.subarray(0, bad));
      this.feedDecoded(prefix);
    }
    const shown = Array.from(data.subarray(bad, bad + utf8Length(data[bad] ?? 0)), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    return this.errorAtNext('invalid-utf8', final && isTruncatedAt(data, bad)
      ? `truncated UTF-8 sequence at the end of input (byte ${offset + bad}: ${shown})`
      : `invalid UTF-8 at byte ${offset + bad}: ${shown}`);
  }

  /** Position of the next character saxes will read. */
  private nextPosition(): [number, number] {
    const p = this.parser;
    if (p === null) return [1, 1];
    // saxes holds back a trailing CR until it knows whether LF follows.
    if (p.carriedFromPrevious === '\r') return [p.line + 1, 1];
    return [p.line, p.column + 1];
  }

  private errorAtNext(code: IssueCode, message: string): XmlParseError {
    const [line, column] = this.nextPosition();
    return new XmlParseError(code, message, line, column);
  }

  private doctypeError(): XmlParseError {
    return new XmlParseError('doctype-forbidden', 'DOCTYPE is not allowed (no DTDs, no entity declarations)',
      this.markLine, this.markColumn);
  }

  private mismatchError(name: string, top: { readonly name: string } | undefined): XmlParseError {
    const message = name === ''
      ? 'malformed end tag (no name)'
      : top === undefined
        ? `end tag </${clip(name)}> has no matching start tag`
        : `end tag </${clip(name, QUOTE_LIMIT / 2)}> does not match start tag <${clip(top.name, QUOTE_LIMIT / 2)}> opened at line ${this.openLines[this.curDepth] ?? '?'}`;
    return new XmlParseError('not-well-formed', message, this.markLine, this.markColumn);
  }

  /** Turns a saxes error message into an XmlParseError with a short message and the position. */
  private translate(raw: string): XmlParseError {
    const p = this.parser!;
    const message = raw.replace(/^\d+:\d+: /, '');
    let line = p.line;
    let column = this.ending ? p.column + 1 : p.column;
    if (column < 1) column = 1;
    let text: string;
    switch (message) {
      case 'disallowed character.': {
        const code = p.chunk.codePointAt(p.prevI) ?? 0;
        text = code === 0x3c
          ? "'<' is not allowed in an attribute value"
          : `character ${hex(code)} is not allowed in XML`;
        break;
      }
      case 'undefined entity.':
      case 'malformed character entity.':
      case 'disallowed character in entity name.': {
        const name = p.entity.length !== 0 ? p.entity + p.chunk.slice(0, p.prevI) : p.chunk.slice(this.entityStart, p.prevI);
        const shown = `&${clip(name)};`;
        text = message === 'undefined entity.'
          ? `unknown entity ${shown} (only &lt; &gt; &amp; &quot; &apos; and character references are allowed)`
          : message === 'malformed character entity.'
            ? `character reference ${shown} is malformed or refers to a character XML does not allow`
            : `malformed entity reference ${shown}`;
        line = this.entityLine;
        column = this.entityColumn;
        break;
      }
      case 'empty entity name.':
        text = "empty entity reference '&;'";
        line = this.entityLine;
        column = this.entityColumn;
        break;
      case 'text data outside of root node.':
        text = p.sawRoot ? 'text after the root element' : 'text before the root element';
        break;
      case 'documents may contain only one root.':
        text = `second root element <${clip(p.tag?.name ?? '')}>: a document has exactly one root element`;
        line = this.markLine;
        column = this.markColumn;
        break;
      case 'document must contain a root element.':
        text = 'no root element (empty document)';
        break;
      case 'inappropriately located doctype declaration.':
        return this.doctypeError();
      case 'unexpected end.':
        text = 'input ends inside markup';
        break;
      case 'the string "]]>" is disallowed in char data.':
        text = "']]>' is not allowed in character data";
        break;
      default:
        if (message.startsWith('unclosed tag: ')) {
          const name = message.slice('unclosed tag: '.length);
          text = `unclosed element <${clip(name)}> opened at line ${this.openLines[this.curDepth] ?? '?'}`;
          if (p.state !== S_TEXT) text = `input ends inside markup; ${text}`;
        } else if (message.startsWith('duplicate attribute: ')) {
          const name = message.slice('duplicate attribute: '.length).replace(/\.$/, '');
          text = `duplicate attribute ${clip(name, QUOTE_LIMIT / 2)} in <${clip(p.tag?.name ?? '', QUOTE_LIMIT / 2)}>`;
          line = this.markLine;
          column = this.markColumn;
        } else {
          text = clip(message.replace(/\.$/, ''), 2 * QUOTE_LIMIT);
        }
    }
    return new XmlParseError('not-well-formed', text, line, column);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Encoder helpers.

/** Escapes character data: & < > (> always, which also breaks ']]>') and CR as &#13; (so it survives end-of-line normalization). */
export function escapeText(s: string): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x26 || c === 0x3c || c === 0x3e || c === 0x0d) break;
  }
  if (i === n) return s;
  let out = '';
  let last = 0;
  for (; i < n; i++) {
    let rep: string;
    switch (s.charCodeAt(i)) {
      case 0x26: rep = '&amp;'; break;
      case 0x3c: rep = '&lt;'; break;
      case 0x3e: rep = '&gt;'; break;
      case 0x0d: rep = '&#13;'; break;
      default: continue;
    }
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

/** Escapes a value for a double-quoted attribute: & < > " and TAB, LF, CR as character references (so attribute-value normalization keeps them). */
export function escapeAttribute(s: string): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x26 || c === 0x3c || c === 0x3e || c === 0x22 || c === 0x09 || c === 0x0a || c === 0x0d) break;
  }
  if (i === n) return s;
  let out = '';
  let last = 0;
  for (; i < n; i++) {
    let rep: string;
    switch (s.charCodeAt(i)) {
      case 0x26: rep = '&amp;'; break;
      case 0x3c: rep = '&lt;'; break;
      case 0x3e: rep = '&gt;'; break;
      case 0x22: rep = '&quot;'; break;
      case 0x09: rep = '&#9;'; break;
      case 0x0a: rep = '&#10;'; break;
      case 0x0d: rep = '&#13;'; break;
      default: continue;
    }
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

/** False if `s` has characters XML 1.0 does not allow: C0 controls except TAB LF CR, lone surrogates, U+FFFE, U+FFFF. */
export function isXmlText(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
      return false;
    }
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      return false;
    }
    if (c <= 0xdfff || c === 0xfffe || c === 0xffff) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Internals.

// saxes reads names one character at a time; this reads the ASCII name characters in a loop and leaves
// the character that ends the name (and any non-ASCII name character) to saxes' own code.
function captureName(this: SaxesInternals): number {
  const chunk = this.chunk;
  const start = this.i;
  const n = chunk.length;
  let j = start;
  while (j < n) {
    const c = chunk.charCodeAt(j);
    if (c < 0x80 && ASCII_NAME_CHAR[c] === 1) j++;
    else break;
  }
  if (j === start) return PROTO.captureNameChars.call(this);
  this.column += j - start;
  this.i = j;
  this.name += chunk.slice(start, j);
  if (j < n) {
    const c = chunk.charCodeAt(j);
    if (c === 0x3e || c === 0x2f || c === 0x20) {
      // Not name characters and not line ends: what saxes' getCode would do.
      this.prevI = j;
      this.i = j + 1;
      this.column++;
      return c;
    }
  }
  return PROTO.captureNameChars.call(this);
}

/** ASCII characters of XML 1.0 NameChar: letters, digits, '-', '.', ':' and '_' (1 = yes). */
const ASCII_NAME_CHAR: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x3a || c === 0x5f) t[c] = 1;
  }
  return t;
})();

function limit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 1)) throw new RangeError(`XmlReader: ${name} must be at least 1, got ${value}`);
  return value;
}

function checkInternals(p: SaxesInternals): void {
  const proto = SaxesParser.prototype as unknown as SaxesPrototype;
  const table = p.stateTable as unknown;
  if (
    !Array.isArray(table) || table.length !== STATE_COUNT ||
    table[S_DOCTYPE] !== proto.sDoctype || table[S_TEXT] !== proto.sText || table[S_ENTITY] !== proto.sEntity ||
    table[S_OPEN_WAKA] !== proto.sOpenWaka || table[S_OPEN_WAKA_BANG] !== proto.sOpenWakaBang ||
    table[S_OPEN_TAG] !== proto.sOpenTag || table[S_CLOSE_TAG] !== proto.sCloseTag || typeof proto.captureNameChars !== 'function' ||
    typeof proto.handleTextInRoot !== 'function' || p.getCode !== proto.getCode10 || typeof p.openTag !== 'function' ||
    typeof p.forbiddenState !== 'number' || typeof p.chunkPosition !== 'number' || typeof p.positionAtNewLine !== 'number' ||
    p.processAttribs !== proto.processAttribsPlain || typeof proto.closeTag !== 'function' ||
    !Array.isArray(p.tags) || !Array.isArray(p.attribList) || typeof p.state !== 'number'
  ) {
    throw new Error('XmlReader: unsupported saxes version (xml-reader.ts hooks into saxes 6.0.0 internals)');
  }
}

/** Quotes at most `max` characters of input text. */
function clip(s: string, max = QUOTE_LIMIT): string {
  if (s.length <= max) return s;
  let end = max;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}...`;
}

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hasLoneSurrogate(s: string): boolean {
  const isWellFormed = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return isWellFormed !== undefined ? !isWellFormed.call(s) : LONE_SURROGATE.test(s);
}

function firstLoneSurrogate(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return s.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Length of the UTF-8 sequence a lead byte starts (1 for ASCII and for bytes that cannot start one). */
function utf8Length(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

/** The incomplete UTF-8 sequence at the end of `prev` + `data` (what a streaming decoder holds back), or null. */
function incompleteTail(prev: Uint8Array | null, data: Uint8Array): Uint8Array | null {
  const buf = data.length >= 3 || prev === null ? data : concat(prev, data);
  const n = buf.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = buf[n - k]!;
    if (c < 0x80) return null;
    if (c >= 0xc0) return utf8Length(c) > k ? buf.slice(n - k) : null;
  }
  return null;
}

/** Whether the bytes from `at` to the end are the start of a sequence that the input ended too early to finish. */
function isTruncatedAt(b: Uint8Array, at: number): boolean {
  const lead = b[at] ?? 0;
  if (lead < 0xc2 || lead > 0xf4 || at + utf8Length(lead) <= b.length) return false;
  for (let i = at + 1; i < b.length; i++) {
    const x = b[i]!;
    if (x < 0x80 || x > 0xbf) return false;
  }
  return true;
}

/** Offset of the first byte of the first invalid or truncated UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c === 0xe0) { need = 2; lo = 0xa0; }
    else if (c === 0xed) { need = 2; hi = 0x9f; } // no surrogates
    else if (c >= 0xe1 && c <= 0xef) need = 2;
    else if (c === 0xf0) { need = 3; lo = 0x90; }
    else if (c >= 0xf1 && c <= 0xf3) need = 3;
    else if (c === 0xf4) { need = 3; hi = 0x8f; } // not above U+10FFFF
    else return i; // continuation byte, overlong lead C0/C1, or F5..FF
    if (i + need >= n) return i;
    const second = b[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const x = b[i + k]!;
      if (x < 0x80 || x > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
