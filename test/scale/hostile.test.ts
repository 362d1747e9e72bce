/**
 * Hostile input: the decoders throw nothing but their typed errors, whatever they are given.
 *
 * Properties (fixed seeds), for the Plesk request and response `PacketCodec`s and the JSON codecs
 * `BackupJobCodec` (JetBackup) and `StepBackupResponseCodec` (Akeeba): on arbitrary strings, XML-ish or
 * JSON-ish token soup, arbitrary bytes, and mutations of valid documents (byte flips, truncations,
 * duplicated and deleted slices, inserted tokens), `decode` either returns or throws XmlParseError /
 * DecodeError (XML) or JsonParseError / DecodeError (JSON) — all SchemaErrors of generated/runtime — with
 * issues that have a path, a code and a message, and parse errors that have a line and column >= 1;
 * `safeDecode` never throws and agrees with `decode`; for XML, chunked `decodeStream` input reaches the
 * same verdict as one-shot input.
 *
 * Explicit cases: billion laughs and external entities (refused, nothing expanded, fast), nesting of 300
 * (too-deep) and 256 (the reader accepts it: what the codec says is asserted), maxBytes (too-large before
 * parsing), invalid UTF-8, NUL and unclosed tags (typed errors with a position), and numbers in
 * integer-typed elements and fields as their schema types say.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StepBackupResponseCodec } from '../../generated/akeeba/index.js';
import { BackupJobCodec } from '../../generated/jetbackup/index.js';
import { PacketCodec as RequestPacketCodec, type Packet as RequestPacket } from '../../generated/plesk/request/index.js';
import { PacketCodec as ResponsePacketCodec } from '../../generated/plesk/response/index.js';
import { DecodeError, JsonParseError, SchemaError, XmlParseError, type Codec, type Issue, type JsonCodec } from '../../generated/runtime/index.js';
import { arbitraryOf as jsonArbitraryOf } from '../support/arbitrary-json.js';
import { arbitraryOf as xmlArbitraryOf } from '../support/arbitrary-xml.js';
import { listJsonSamples } from '../support/json-samples.js';
import { listPleskSamples } from '../support/samples.js';

/** Fixed; SCALE_SEED / SCALE_RUNS (a multiplier) explore further by hand. */
const SEED = Number(process.env['SCALE_SEED'] ?? 20_260_902);
const SCALE = Number(process.env['SCALE_RUNS'] ?? 1);
const RUNS = 300 * SCALE;
const encoder = new TextEncoder();
const utf8 = (s: string): Uint8Array => encoder.encode(s);

// ---------------------------------------------------------------------------------------------
// Verdicts

type Verdict = 'ok' | `${'XmlParseError' | 'JsonParseError'}:${string}` | 'DecodeError';

function checkIssues(issues: readonly Issue[]): void {
  expect(issues.length).toBeGreaterThan(0);
  for (const i of issues) {
    expect(typeof i.path).toBe('string');
    expect(typeof i.code).toBe('string');
    expect(typeof i.message).toBe('string');
    if (i.line !== undefined) expect(i.line).toBeGreaterThanOrEqual(1);
    if (i.column !== undefined) expect(i.column).toBeGreaterThanOrEqual(1);
  }
}

function describeInput(input: string | Uint8Array): string {
  return typeof input === 'string' ? JSON.stringify(input.slice(0, 400)) : `bytes [${Array.from(input.subarray(0, 200)).join(',')}]`;
}

/** Decodes and classifies the outcome; anything but a typed error fails with the input. */
function xmlVerdict(codec: Codec<unknown>, input: string | Uint8Array): Verdict {
  try {
    codec.decode(input);
    return 'ok';
  } catch (e) {
    if (e instanceof XmlParseError) {
      expect(e).toBeInstanceOf(SchemaError);
      expect(Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.column) && e.column >= 1, `position of ${e.message}`).toBe(true);
      checkIssues(e.issues);
      return `XmlParseError:${e.code}`;
    }
    if (e instanceof DecodeError) {
      expect(e).toBeInstanceOf(SchemaError);
      checkIssues(e.issues);
      return 'DecodeError';
    }
    throw new Error(`untyped error from ${codec.name} decode: ${e instanceof Error ? e.stack : String(e)}\ninput: ${describeInput(input)}`);
  }
}

function jsonVerdict(codec: JsonCodec<unknown>, input: string | Uint8Array): Verdict {
  try {
    codec.decode(input);
    return 'ok';
  } catch (e) {
    if (e instanceof JsonParseError) {
      expect(e).toBeInstanceOf(SchemaError);
      expect(Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.column) && e.column >= 1, `position of ${e.message}`).toBe(true);
      checkIssues(e.issues);
      return `JsonParseError:${e.code}`;
    }
    if (e instanceof DecodeError) {
      expect(e).toBeInstanceOf(SchemaError);
      checkIssues(e.issues);
      return 'DecodeError';
    }
    throw new Error(`untyped error from ${codec.name} decode: ${e instanceof Error ? e.stack : String(e)}\ninput: ${describeInput(input)}`);
  }
}

/** Every way to read XML input agrees: decode, safeDecode, and chunked decodeStream (split at `cuts`). */
function checkXml(codec: Codec<unknown>, input: string | Uint8Array, cuts: readonly number[] = []): Verdict {
  const verdict = xmlVerdict(codec, input);
  let safe: ReturnType<Codec<unknown>['safeDecode']>;
  try {
    safe = codec.safeDecode(input);
  } catch (e) {
    throw new Error(`safeDecode threw ${String(e)} on ${describeInput(input)}`);
  }
  expect(safe.ok, describeInput(input)).toBe(verdict === 'ok');
  if (cuts.length > 0) {
    const stream = codec.decodeStream();
    let streamed: Verdict;
    try {
      let from = 0;
      for (const cut of [...cuts].sort((a, b) => a - b)) {
        const at = cut % (input.length + 1);
        if (at < from) continue;
        stream.write(input.slice(from, at));
        from = at;
      }
      stream.write(input.slice(from));
      stream.end();
      streamed = 'ok';
    } catch (e) {
      if (e instanceof XmlParseError) streamed = `XmlParseError:${e.code}`;
      else if (e instanceof DecodeError) streamed = 'DecodeError';
      else throw new Error(`untyped error from decodeStream: ${String(e)} on ${describeInput(input)}`);
    }
    expect(streamed, `chunked at ${cuts.join(',')}: ${describeInput(input)}`).toBe(verdict);
  }
  return verdict;
}

function checkJson(codec: JsonCodec<unknown>, input: string | Uint8Array): Verdict {
  const verdict = jsonVerdict(codec, input);
  let safe: ReturnType<JsonCodec<unknown>['safeDecode']>;
  try {
    safe = codec.safeDecode(input);
  } catch (e) {
    throw new Error(`safeDecode threw ${String(e)} on ${describeInput(input)}`);
  }
  expect(safe.ok, describeInput(input)).toBe(verdict === 'ok');
  return verdict;
}

// ---------------------------------------------------------------------------------------------
// Inputs

const XML_TOKENS = [
  '<packet>', '</packet>', '<packet version="1.6.9.0">', '<backup-manager>', '</backup-manager>', '<get-tasks-info>', '</get-tasks-info>',
  '<task-id>', '</task-id>', '<result>', '</result>', '<status>ok</status>', '<status>error</status>', '<errcode>1013</errcode>',
  '<system>', '</system>', '<get-supported-protocols/>', '<local/>', '<description>', '</description>', '<webspace-id>7</webspace-id>',
  '<request-settings>', '<setting>', '<name>', '</name>', '<password xsi:nil="true"/>', ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  ' xsi:nil="true"', ' xsi:type="string"', ' xmlns="urn:x"', ' xmlns:p="urn:p"', '<p:packet>', '<?xml version="1.0" encoding="UTF-8"?>',
  '<?xml version="1.1"?>', '<?xml version="1.0" encoding="UTF-16"?>', '<?pi data?>', '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&lt;',
  '&#0;', '&#65;', '&#x10FFFF;', '&#xD800;', '&#xFFFE;', '&bogus;', '&', '<!DOCTYPE packet>', '<!ENTITY', '<', '>', '/>', '</', '"', "'",
  '=', ' ', '\t', '\n', '\r\n', '\r', '\u00a0', '\ufeff', '\u0000', '\ud800', '😀', 'é', 'x', '1', '-1', '18446744073709551616',
];

const JSON_TOKENS = [
  '{', '}', '[', ']', ',', ':', '"', '"status"', '"data"', '"HasRun"', '"_id"', '"name"', '"options"', '"__proto__"', '"constructor"',
  'true', 'false', 'null', '0', '-0', '1e3', '9007199254740993', '1E400', '-', '.', '200', '"ok"', '\\', '\\u', '\\ud800', '\\u0000',
  ' ', '\n', '\r', '\t', '\u0000', '\ufeff', '\ud800', '😀', "'", '/*', '//', 'NaN', 'Infinity',
];

function soup(tokens: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), { maxLength: 40 }).map((t) => t.join(''));
}

const anyString = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }));

/** Byte sequences that trip UTF-8 decoders, and byte order marks. */
const BYTE_TOKENS: readonly (readonly number[])[] = [
  [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x3c, 0x00], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82],
  [0x80], [0xc3, 0x28], [0x00], [0x3c, 0x70, 0x61, 0x63, 0x6b, 0x65, 0x74, 0x3e],
];

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.oneof(fc.constantFrom(...BYTE_TOKENS), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 4 })), { maxLength: 30 }).map((parts) => Uint8Array.from(parts.flat())),
);

type Mutation =
  | { readonly k: 'flip'; readonly at: number; readonly mask: number }
  | { readonly k: 'truncate'; readonly at: number }
  | { readonly k: 'duplicate'; readonly from: number; readonly length: number; readonly to: number }
  | { readonly k: 'delete'; readonly from: number; readonly length: number }
  | { readonly k: 'insert'; readonly to: number; readonly bytes: readonly number[] };

function mutation(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  const pos = fc.nat();
  return fc.oneof(
    fc.record({ k: fc.constant('flip' as const), at: pos, mask: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ k: fc.constant('truncate' as const), at: pos }),
    fc.record({ k: fc.constant('duplicate' as const), from: pos, length: fc.integer({ min: 1, max: 40 }), to: pos }),
    fc.record({ k: fc.constant('delete' as const), from: pos, length: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ k: fc.constant('insert' as const), to: pos, bytes: fc.oneof(fc.constantFrom(...tokens).map((t) => Array.from(utf8(t))), fc.constantFrom(...BYTE_TOKENS)) }),
  );
}

function mutate(doc: Uint8Array, ops: readonly Mutation[]): Uint8Array {
  let b = Array.from(doc);
  for (const op of ops) {
    const n = b.length;
    switch (op.k) {
      case 'flip':
        if (n > 0) b[op.at % n] = (b[op.at % n]! ^ op.mask) & 0xff;
        break;
      case 'truncate':
        b = b.slice(0, op.at % (n + 1));
        break;
      case 'duplicate': {
        const from = op.from % (n + 1);
        const slice = b.slice(from, from + op.length);
        const to = op.to % (n + 1);
        b = [...b.slice(0, to), ...slice, ...b.slice(to)];
        break;
      }
      case 'delete': {
        const from = op.from % (n + 1);
        b = [...b.slice(0, from), ...b.slice(from + op.length)];
        break;
      }
      case 'insert': {
        const to = op.to % (n + 1);
        b = [...b.slice(0, to), ...op.bytes, ...b.slice(to)];
        break;
      }
    }
  }
  return Uint8Array.from(b);
}

const lenient = new TextDecoder('utf-8');

/** Valid documents to mutate: the published samples of that direction and arbitrary valid packets. */
function xmlDocs(codec: Codec<unknown>, direction: 'request' | 'response'): Uint8Array[] {
  const samples = listPleskSamples().filter((s) => s.direction === direction).map((s) => s.xml);
  const generated = fc.sample(xmlArbitraryOf(codec.element.type(), { reservedNames: ['packet'] }), { seed: SEED, numRuns: 30 }).map((v, i) =>
    codec.encode(v, { declaration: i % 2 === 0, ...(i % 3 === 0 ? { indent: '  ' } : {}) }),
  );
  return [...samples, ...generated].map(utf8);
}

function jsonDocs(codec: JsonCodec<unknown>): Uint8Array[] {
  const samples = [...listJsonSamples('jetbackup'), ...listJsonSamples('akeeba')].map((s) => s.text);
  const generated = fc.sample(jsonArbitraryOf(codec.type), { seed: SEED, numRuns: 20 }).map((v, i) => codec.encode(v, i % 2 === 0 ? { indent: 2 } : {}));
  return [...samples, ...generated].map(utf8);
}

// ---------------------------------------------------------------------------------------------
// Properties

const XML_CODECS = [
  ['request PacketCodec', RequestPacketCodec as Codec<unknown>, 'request'],
  ['response PacketCodec', ResponsePacketCodec as Codec<unknown>, 'response'],
] as const;

const JSON_CODECS = [
  ['jetbackup BackupJobCodec', BackupJobCodec as JsonCodec<unknown>],
  ['akeeba StepBackupResponseCodec', StepBackupResponseCodec as JsonCodec<unknown>],
] as const;

const cuts = fc.array(fc.nat({ max: 2000 }), { maxLength: 4 });

describe.each(XML_CODECS)('%s: only typed errors', (_, codec, direction) => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(anyString, cuts, (s, c) => void checkXml(codec, s, c)), { seed: SEED, numRuns: RUNS });
  });

  it('on XML-ish token soup', () => {
    fc.assert(fc.property(soup(XML_TOKENS), cuts, (s, c) => void checkXml(codec, s, c)), { seed: SEED, numRuns: RUNS });
  });

  it('on arbitrary bytes', () => {
    fc.assert(fc.property(anyBytes, cuts, (b, c) => void checkXml(codec, b, c)), { seed: SEED, numRuns: RUNS });
  });

  it('on mutations of valid packets (as bytes and as text)', () => {
    const docs = xmlDocs(codec, direction);
    for (const d of docs.slice(-30)) expect(checkXml(codec, d), lenient.decode(d)).toBe('ok');
    const verdicts = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.array(mutation(XML_TOKENS), { minLength: 1, maxLength: 4 }), cuts, (doc, ops, c) => {
        const bytes = mutate(doc, ops);
        const v = checkXml(codec, bytes, c);
        checkXml(codec, lenient.decode(bytes), c);
        verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    // The mutations reach both the reader and the decoder.
    expect([...verdicts.keys()].some((v) => v.startsWith('XmlParseError'))).toBe(true);
    expect(verdicts.get('DecodeError') ?? 0).toBeGreaterThan(0);
  });
});

describe.each(JSON_CODECS)('%s: only typed errors', (_, codec) => {
  it('on arbitrary strings', () => {
    fc.assert(fc.property(anyString, (s) => void checkJson(codec, s)), { seed: SEED, numRuns: RUNS });
  });

  it('on JSON-ish token soup and arbitrary JSON values', () => {
    fc.assert(fc.property(soup(JSON_TOKENS), (s) => void checkJson(codec, s)), { seed: SEED, numRuns: RUNS });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => void checkJson(codec, JSON.stringify(v))), { seed: SEED, numRuns: RUNS });
  });

  it('on arbitrary bytes', () => {
    fc.assert(fc.property(anyBytes, (b) => void checkJson(codec, b)), { seed: SEED, numRuns: RUNS });
  });

  it('on mutations of valid documents (as bytes and as text)', () => {
    const docs = jsonDocs(codec);
    const verdicts = new Map<string, number>();
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.array(mutation(JSON_TOKENS), { minLength: 1, maxLength: 4 }), (doc, ops) => {
        const bytes = mutate(doc, ops);
        const v = checkJson(codec, bytes);
        checkJson(codec, lenient.decode(bytes));
        verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    expect([...verdicts.keys()].some((v) => v.startsWith('JsonParseError'))).toBe(true);
    expect(verdicts.get('DecodeError') ?? 0).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Explicit cases

function parseError(f: () => unknown): XmlParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof XmlParseError) return e;
    throw e;
  }
  throw new Error('expected an XmlParseError, but decoding succeeded');
}

function decodeError(f: () => unknown): DecodeError {
  try {
    f();
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('expected a DecodeError, but decoding succeeded');
}

function jsonParseError(f: () => unknown): JsonParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof JsonParseError) return e;
    throw e;
  }
  throw new Error('expected a JsonParseError, but decoding succeeded');
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

const BILLION_LAUGHS = [
  '<?xml version="1.0"?>',
  '<!DOCTYPE packet [',
  '  <!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
  ']>',
  '<packet><backup-manager><get-tasks-info><task-id>&lol9;</task-id></get-tasks-info></backup-manager></packet>',
].join('\n');

describe('entities and DTDs', () => {
  it('billion laughs: refused at the DOCTYPE, nothing expanded, fast (string, bytes, chunks)', () => {
    const inputs: (() => unknown)[] = [
      () => RequestPacketCodec.decode(BILLION_LAUGHS),
      () => RequestPacketCodec.decode(utf8(BILLION_LAUGHS)),
      () => {
        const s = RequestPacketCodec.decodeStream();
        for (let i = 0; i < BILLION_LAUGHS.length; i += 7) s.write(BILLION_LAUGHS.slice(i, i + 7));
        return s.end();
      },
      () => ResponsePacketCodec.decode(BILLION_LAUGHS),
    ];
    for (const input of inputs) {
      const { value: e, ms } = timed(() => parseError(input));
      expect(e.code).toBe('doctype-forbidden');
      expect([e.line, e.column]).toEqual([2, 1]);
      expect(e.issues).toHaveLength(1);
      expect(e.message).not.toMatch(/lollol/);
      expect(ms).toBeLessThan(250);
    }
    expect(RequestPacketCodec.validateXml(BILLION_LAUGHS).map((i) => i.code)).toEqual(['doctype-forbidden']);
  });

  it('external entities and external DTDs: refused, nothing fetched or read', () => {
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE packet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<packet><backup-manager><get-tasks-info><task-id>&xxe;</task-id></get-tasks-info></backup-manager></packet>';
    const external = '<!DOCTYPE packet SYSTEM "http://127.0.0.1:9/packet.dtd"><packet/>';
    const parameter = '<!DOCTYPE packet [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]><packet/>';
    for (const doc of [xxe, external, parameter]) {
      const { value: e, ms } = timed(() => parseError(() => RequestPacketCodec.decode(doc)));
      expect(e.code).toBe('doctype-forbidden');
      expect(e.message).not.toContain('root:');
      expect(ms).toBeLessThan(250);
    }
    // Without a DOCTYPE an entity reference is simply unknown.
    const e = parseError(() => RequestPacketCodec.decode('<packet><backup-manager><get-tasks-info><task-id>&xxe;</task-id></get-tasks-info></backup-manager></packet>'));
    expect([e.code, e.line, e.column]).toEqual(['not-well-formed', 1, 50]);
    expect(e.message).toContain('unknown entity &xxe;');
  });
});

/** `<packet>` + nested `<a>` to a total depth of `depth` (root = 1). */
function nested(depth: number): string {
  return `<packet>${'<a>'.repeat(depth - 1)}${'</a>'.repeat(depth - 1)}</packet>`;
}

/** Nesting inside untyped content (the `name` of a request setting), total depth `depth`. */
function nestedInUntyped(depth: number): string {
  const inner = depth - 4; // packet / request-settings / setting / name
  return `<packet><request-settings><setting><name>${'<a>'.repeat(inner)}x${'</a>'.repeat(inner)}</name></setting></request-settings><backup-manager><get-supported-protocols/></backup-manager></packet>`;
}

describe('nesting', () => {
  it('300 levels: too-deep, from the reader, in schema content and in untyped content alike', () => {
    for (const doc of [nested(300), nestedInUntyped(300)]) {
      const e = parseError(() => RequestPacketCodec.decode(doc));
      expect(e.code).toBe('too-deep');
      expect(e.message).toContain('maxDepth (256)');
      expect(e.line).toBe(1);
      expect(e.column).toBeGreaterThan(1);
    }
    expect(parseError(() => ResponsePacketCodec.decode(nested(300))).code).toBe('too-deep');
    expect(parseError(() => RequestPacketCodec.decode(nested(257))).code).toBe('too-deep');
  });

  it('256 levels: the reader accepts them; the codec refuses <a> in <packet> and accepts them in untyped content', () => {
    const e = decodeError(() => RequestPacketCodec.decode(nested(256)));
    expect(e.issues.map((i) => [i.path, i.code])).toEqual([['/packet/a', 'unexpected-element']]);
    const doc = nestedInUntyped(256);
    const value = RequestPacketCodec.decode(doc) as RequestPacket;
    let node: unknown = value.requestSettings?.setting[0]?.name;
    let levels = 0;
    while (typeof node === 'object' && node !== null) {
      node = (node as { children: { value: unknown }[] }).children[0]?.value;
      levels++;
    }
    expect([levels, node]).toEqual([252, 'x']);
    expect(RequestPacketCodec.encode(value)).toBe(doc);
  });

  it('JSON: 300 levels too-deep; 256 accepted by the reader and refused by the codec for its shape', () => {
    const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;
    const e = jsonParseError(() => BackupJobCodec.decode(deep(300)));
    expect([e.code, e.line, e.column]).toEqual(['too-deep', 1, 257]);
    const d = decodeError(() => BackupJobCodec.decode(deep(256)));
    expect(d.issues.map((i) => [i.path, i.code])).toEqual([['', 'wrong-type']]);
    const objects = decodeError(() => StepBackupResponseCodec.decode(`${'{"a":'.repeat(256)}1${'}'.repeat(256)}`));
    expect(objects.issues.map((i) => i.code)).toContain('missing-property');
  });
});

describe('size limits', () => {
  const garbage = `<<<<${'x'.repeat(200)}`;
  it('XML over maxBytes is too-large before parsing (it would be not-well-formed otherwise)', () => {
    for (const input of [garbage, utf8(garbage)]) {
      const e = parseError(() => RequestPacketCodec.decode(input, { maxBytes: 100 }));
      expect([e.code, e.line, e.column]).toEqual(['too-large', 1, 1]);
    }
    expect(parseError(() => RequestPacketCodec.decode(garbage)).code).toBe('not-well-formed');
    const chunked = RequestPacketCodec.decodeStream({ maxBytes: 100 });
    chunked.write('<packet>');
    const tooLarge = parseError(() => chunked.write(`<x>${'y'.repeat(200)}`));
    expect(tooLarge.code).toBe('too-large');
  });

  it('JSON over maxBytes is too-large before parsing', () => {
    for (const codec of [BackupJobCodec, StepBackupResponseCodec] as JsonCodec<unknown>[]) {
      for (const input of [`{{{${'x'.repeat(200)}`, utf8(`{{{${'x'.repeat(200)}`)]) {
        const e = jsonParseError(() => codec.decode(input, { maxBytes: 100 }));
        expect([e.code, e.line, e.column]).toEqual(['too-large', 1, 1]);
      }
    }
  });
});

describe('malformed text: typed errors with a position', () => {
  const bytes = (...parts: (string | number[])[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? Array.from(utf8(p)) : p)));

  it('XML: invalid UTF-8, NUL (text and bytes), unclosed tags', () => {
    const cases: [string | Uint8Array, string, number, number][] = [
      [bytes('<packet>\n<backup-manager>\n  <x>', [0xc3, 0x28], '</x></backup-manager></packet>'), 'invalid-utf8', 3, 6],
      [bytes('<packet>\n', [0xed, 0xa0, 0x80], '</packet>'), 'invalid-utf8', 2, 1],
      [bytes('<packet>', [0xe2, 0x82]), 'invalid-utf8', 1, 9],
      ['<packet>\n<backup-manager>\u0000</backup-manager></packet>', 'not-well-formed', 2, 17],
      [bytes('<packet>\n <backup-manager>', [0], '</backup-manager></packet>'), 'not-well-formed', 2, 18],
      ['<packet>\n<backup-manager>\n<get-supported-protocols/>', 'not-well-formed', 3, 27],
      ['<packet><backup-manager></packet>', 'not-well-formed', 1, 25],
    ];
    for (const [input, code, line, column] of cases) {
      for (const codec of [RequestPacketCodec, ResponsePacketCodec] as Codec<unknown>[]) {
        const e = parseError(() => codec.decode(input));
        expect([e.code, e.line, e.column], `${describeInput(input)}: ${e.message}`).toEqual([code, line, column]);
      }
    }
  });

  it('JSON: invalid UTF-8, NUL, unclosed structures', () => {
    const cases: [string | Uint8Array, string, number, number][] = [
      [bytes('{\n  "name": "', [0xc3, 0x28], '"}'), 'invalid-utf8', 2, 12],
      ['{\n "name": "a\u0000b"}', 'not-well-formed', 2, 12],
      ['{\n "name": "ab"}\u0000', 'not-well-formed', 2, 15],
      ['{\n "name": ["a", 2', 'not-well-formed', 2, 17],
    ];
    for (const [input, code, line, column] of cases) {
      for (const codec of [BackupJobCodec, StepBackupResponseCodec] as JsonCodec<unknown>[]) {
        const e = jsonParseError(() => codec.decode(input));
        expect([e.code, e.line, e.column], `${describeInput(input)}: ${e.message}`).toEqual([code, line, column]);
      }
    }
  });
});

describe('numbers in integer-typed content', () => {
  const splitSize = (text: string): unknown => {
    const doc = `<packet><backup-manager><backup-webspace><webspace-id>1</webspace-id><local/><description>x</description><split-size>${text}</split-size></backup-webspace></backup-manager></packet>`;
    const v = RequestPacketCodec.decode(doc) as unknown as { backupManager: { operations: { backupWebspace?: { splitSize?: unknown } }[] }[] };
    return v.backupManager[0]?.operations[0]?.backupWebspace?.splitSize;
  };
  const fileSize = (text: string): unknown => {
    const doc = `<packet><backup-manager><get-local-backup-list><result><status>ok</status><backup><file><name>a</name><creation-date>1</creation-date><description>d</description><size>${text}</size></file></backup></result></get-local-backup-list></backup-manager></packet>`;
    const v = ResponsePacketCodec.decode(doc) as unknown as { backupManager: { operations: { getLocalBackupList?: { result: { backup?: { file: { size: unknown }[] }[] } } }[] }[] };
    return v.backupManager[0]?.operations[0]?.getLocalBackupList?.result.backup?.[0]?.file[0]?.size;
  };
  const errcode = (text: string): unknown => {
    const doc = `<packet><backup-manager><get-supported-protocols><result><status>error</status><errcode>${text}</errcode></result></get-supported-protocols></backup-manager></packet>`;
    const v = ResponsePacketCodec.decode(doc) as unknown as { backupManager: { operations: { getSupportedProtocols?: { result: { errcode?: unknown } } }[] }[] };
    return v.backupManager[0]?.operations[0]?.getSupportedProtocols?.result.errcode;
  };
  const refused = (f: () => unknown): string[] => decodeError(f).issues.map((i) => i.code);

  it('Plesk int (xs:integer): leading zeros, sign and collapse accepted, exact beyond 2^53; exponents, fractions, hex refused', () => {
    expect(splitSize('0012')).toBe(12n);
    expect(splitSize('+12')).toBe(12n);
    expect(splitSize(' \n12\t')).toBe(12n);
    expect(splitSize('-0')).toBe(0n);
    expect(splitSize('9007199254740993')).toBe(9007199254740993n);
    expect(splitSize('-123456789012345678901234567890')).toBe(-123456789012345678901234567890n);
    for (const bad of ['1e3', '1.0', '0x10', '１２', '', '1 2']) expect(refused(() => splitSize(bad)), bad).toEqual(['invalid-value']);
  });

  it('size (xs:unsignedLong): 18446744073709551615 exact, one more refused; unsignedInt errcode a number', () => {
    expect(fileSize('18446744073709551615')).toBe(18446744073709551615n);
    expect(fileSize('0012')).toBe(12n);
    for (const bad of ['18446744073709551616', '-1', '1e3']) expect(refused(() => fileSize(bad)), bad).toEqual(['invalid-value']);
    expect(errcode('0012')).toBe(12);
    expect(errcode('4294967295')).toBe(4294967295);
    for (const bad of ['4294967296', '1e3', '-1']) expect(refused(() => errcode(bad)), bad).toEqual(['invalid-value']);
  });

  it('JSON integers: beyond 2^53 refused with invalid-value; 1e3 is the integer 1000; fractions wrong-type', () => {
    const [job] = fc.sample(jsonArbitraryOf(BackupJobCodec.type, { extras: false }), { seed: SEED, numRuns: 1 });
    const text = BackupJobCodec.encode(job as never);
    expect(text).toMatch(/"options":-?\d+/);
    const withOptions = (n: string): string => text.replace(/"options":-?\d+/, `"options":${n}`);
    const options = (n: string): unknown => (BackupJobCodec.decode(withOptions(n)) as { options: unknown }).options;
    expect(options('9007199254740991')).toBe(9007199254740991);
    expect(options('1e3')).toBe(1000);
    for (const big of ['9007199254740993', '9007199254740992', '-9007199254740993', '12345678901234567890123', '1E400']) {
      const e = decodeError(() => options(big));
      expect(e.issues.map((i) => [i.path, i.code]), big).toEqual([['/options', 'invalid-value']]);
    }
    expect(decodeError(() => options('1.5')).issues.map((i) => i.code)).toEqual(['wrong-type']);
    const step = fc.sample(jsonArbitraryOf(StepBackupResponseCodec.type, { extras: false }), { seed: SEED, numRuns: 1 })[0];
    const wire = JSON.parse(StepBackupResponseCodec.encode(step as never)) as { data: Record<string, unknown> };
    wire.data['stepNumber'] = 424242;
    const stepText = JSON.stringify(wire).replace('"stepNumber":424242', '"stepNumber":9007199254740993');
    expect(stepText).toContain('"stepNumber":9007199254740993');
    expect(decodeError(() => StepBackupResponseCodec.decode(stepText)).issues.map((i) => [i.path, i.code])).toEqual([['/data/stepNumber', 'invalid-value']]);
    expect(isDeepStrictEqual(BackupJobCodec.decode(text), job)).toBe(true);
  });
});
