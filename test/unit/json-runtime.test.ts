/**
 * The JSON runtime on its own (templates/runtime): readJson (positions of syntax errors, limits, UTF-8,
 * BOM) and the one walker behind decode/validate/encode, driven by small hand-built descriptors, plus a
 * fast-check property that safeDecode turns every input into a result and never throws.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DecodeError, EncodeError, JsonParseError, type Issue } from '../../templates/runtime/errors.js';
import { jflags } from '../../templates/runtime/flags.js';
import { jsonCodec, pointer } from '../../templates/runtime/json-codec.js';
import { readJson } from '../../templates/runtime/json-reader.js';
import { jarray, jnamed, jobject, jprop, jscalar, jsonTypes, junion, type JsonTypeDesc } from '../../templates/runtime/json-schema.js';

/** The JsonParseError readJson throws for `input`. */
function parseError(input: string | Uint8Array, options: Parameters<typeof readJson>[1] = {}): JsonParseError {
  try {
    readJson(input, options);
  } catch (e) {
    if (e instanceof JsonParseError) return e;
    throw e;
  }
  throw new Error(`readJson accepted ${JSON.stringify(typeof input === 'string' ? input : [...input])}`);
}

const bytes = (...b: number[]) => new Uint8Array(b);
const utf8 = (s: string) => new TextEncoder().encode(s);
const codes = (issues: readonly Issue[]) => issues.map((i) => `${i.path} ${i.code}${i.severity ? ` (${i.severity})` : ''}`);

describe('readJson', () => {
  it('parses strings and UTF-8 bytes', () => {
    expect(readJson('{"a": [1, "é", null, true]}')).toEqual({ a: [1, 'é', null, true] });
    expect(readJson(utf8('{"a": "😀"}'))).toEqual({ a: '😀' });
  });

  it.each([
    ["{'a': 1}", 1, 2, `unexpected "'": expected a property name in double quotes`],
    ["['a']", 1, 2, 'strings must use double quotes, not single quotes'],
    ['{"a": 1,}', 1, 9, 'trailing comma before }'],
    ['[1, 2,\n]', 2, 1, 'trailing comma before ]'],
    ['{a: 1}', 1, 2, 'unexpected "a": expected a property name in double quotes'],
    ['{\n  "jobs": [\n    {"id": 1},\n    {"id": 2}', 4, 14, "unexpected end of input: expected ',' or ']'"],
    ['{"a": "unterminated', 1, 7, 'unterminated string'],
    ['{\n  "a": 1,\n  "b": tru\n}', 3, 8, 'unexpected "t": expected a value'],
    ['{"a" 1}', 1, 6, `unexpected "1": expected ':'`],
    ['[1 2]', 1, 4, `unexpected "2": expected ',' or ']'`],
    ['[1] [2]', 1, 5, 'unexpected "[" after the JSON value'],
    ['', 1, 1, 'unexpected end of input: expected a value'],
    ['   \n  ', 2, 3, 'unexpected end of input: expected a value'],
    ['["a\tb"]', 1, 4, 'control character in a string (escape it)'],
    ['["\\x"]', 1, 3, 'bad escape in a string'],
    ['["\\u12G4"]', 1, 3, 'bad \\u escape'],
    ['[01]', 1, 3, `unexpected "1": expected ',' or ']'`],
    ['[NaN]', 1, 2, 'unexpected "N": expected a value'],
  ])('syntax error in %j: line %i, column %i', (input, line, column, message) => {
    const e = parseError(input);
    expect([e.code, e.line, e.column, e.message]).toEqual(['not-well-formed', line, column, `not valid JSON: ${message} (line ${line}, column ${column})`]);
    expect(e.issues).toEqual([{ path: '', code: 'not-well-formed', message: `not valid JSON: ${message}`, line, column }]);
  });

  it('syntax error after a 500-digit number: the position of the error, not inside the number', () => {
    expect(parseError(`[${'1'.repeat(500)}, x]`)).toMatchObject({ line: 1, column: 504, message: 'not valid JSON: unexpected "x": expected a value (line 1, column 504)' });
  });

  it('too large: refused before decoding (bytes for Uint8Array, UTF-16 units for strings)', () => {
    expect(readJson('[1]', { maxBytes: 3 })).toEqual([1]);
    expect(parseError('[11]', { maxBytes: 3 })).toMatchObject({ code: 'too-large', line: 1, column: 1 });
    expect(parseError(utf8('["é"]'), { maxBytes: 5 }).code).toBe('too-large');
  });

  describe('too deep', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('300 nested arrays are refused before JSON.parse, at the bracket that is one too deep', () => {
      const parse = vi.spyOn(JSON, 'parse');
      const e = parseError(`${'['.repeat(300)}${']'.repeat(300)}`);
      expect([e.code, e.line, e.column]).toEqual(['too-deep', 1, 257]);
      expect(parse).not.toHaveBeenCalled();
    });

    it('the limit is an option; brackets inside strings (escaped quotes too) do not count', () => {
      expect(readJson('[[["[[[[\\"[["]]]', { maxDepth: 3 })).toEqual([[['[[[["[[']]]);
      expect(parseError('{"a": [{"b": 1}]}', { maxDepth: 2 })).toMatchObject({ code: 'too-deep', column: 8 });
      expect(readJson(`${'['.repeat(256)}${']'.repeat(256)}`)).toBeInstanceOf(Array);
    });
  });

  it.each([
    ['a lone continuation byte', [0x7b, 0x0a, 0x22, 0x61, 0x80, 0x22, 0x3a, 0x31, 0x7d], 4, 2, 3],
    ['0xff', [0x5b, 0x22, 0xff, 0x22, 0x5d], 2, 1, 3],
    ['an overlong encoding (C0 80)', [0x22, 0xc0, 0x80, 0x22], 1, 1, 2],
    ['an encoded surrogate (ED A0 80)', [0x22, 0x61, 0xed, 0xa0, 0x80, 0x22], 2, 1, 3],
    ['a code point over U+10FFFF (F4 90 80 80)', [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22], 1, 1, 2],
    ['a sequence cut short at the end', [0x22, 0xc3], 1, 1, 2],
    ['after multi-byte characters on a later line', [...utf8('[\n"éé'), 0xe2, 0x82, 0x22, 0x5d], 7, 2, 4],
  ])('invalid UTF-8 (%s): the byte offset, line and column', (_what, input, offset, line, column) => {
    const e = parseError(bytes(...input));
    expect([e.code, e.message, e.line, e.column]).toEqual(['invalid-utf8', `invalid UTF-8 at byte ${offset} (line ${line}, column ${column})`, line, column]);
  });

  it('a byte order mark is skipped, in strings and in bytes; positions count from after it', () => {
    expect(readJson('\uFEFF{"a": 1}')).toEqual({ a: 1 });
    expect(readJson(bytes(0xef, 0xbb, 0xbf, ...utf8('[1]')))).toEqual([1]);
    expect(parseError('\uFEFF[1,]')).toMatchObject({ line: 1, column: 4 });
    expect(parseError(bytes(0xef, 0xbb, 0xbf, ...utf8('[1,]')))).toMatchObject({ line: 1, column: 4 });
    // Only one BOM, and only at the start.
    expect(parseError('[1]\uFEFF').code).toBe('not-well-formed');
  });
});

// A small schema, built by hand the way generated code builds it.
const JobType = jnamed(jscalar('JobType', 'integer', { enum: [1, 2, 4] }), { Accounts: 1, Directories: 2, ServerBackup: 4 } as const);
const Contains = jflags('Contains', { config: 1, homedir: 2, databases: 4 }, { maximum: 7 });
const Name = jscalar('Name', 'string', { minLength: 1, maxLength: 3 });
const Job = jobject('Job', [
  jprop('_id', 'id', () => jsonTypes.string, { required: true }),
  jprop('type', 'type', () => JobType, { required: true }),
  jprop('owner_name', 'ownerName', () => Name, { nullable: true }),
  jprop('HasRun', 'HasRun', () => jsonTypes.boolean),
  jprop('contains', 'contains', () => Contains),
  jprop('__proto__', '__proto__$', () => jsonTypes.string),
  jprop('tags', 'tags', () => Tags),
]);
const Tags = jarray('Tags', () => jsonTypes.string, { minItems: 1, maxItems: 2 });
const JobCodec = jsonCodec<Record<string, unknown>>('Job', () => Job);

function codecOf(t: JsonTypeDesc) {
  return jsonCodec<unknown>(t.name || t.kind, () => t);
}

describe('walker: names, unknown fields, extras', () => {
  const wire = '{"_id": "a1", "type": 2, "owner_name": "bob", "HasRun": true, "contains": 5}';
  const value = { id: 'a1', type: 2, ownerName: 'bob', HasRun: true, contains: 5 };

  it('decode maps wire names to TS names, encode maps them back, validate reads TS names', () => {
    expect(JobCodec.decode(wire)).toEqual(value);
    expect(JSON.parse(JobCodec.encode(value))).toEqual(JSON.parse(wire));
    expect(JobCodec.toWire(value)).toEqual(JSON.parse(wire));
    expect(JobCodec.validate(value)).toEqual([]);
    // A TS value written with wire names is not a valid TS value (and the renamed wire names cannot be kept).
    expect(codes(JobCodec.validate(JSON.parse(wire)))).toEqual(['/_id missing-property', '/_id unknown-property', '/owner_name unknown-property']);
  });

  it('issue paths use wire names in every direction', () => {
    expect(codes(JobCodec.validateJson('{"_id": 1, "type": 2, "owner_name": ""}'))).toEqual(['/_id wrong-type', '/owner_name min-length']);
    expect(codes(JobCodec.validate({ id: 1, type: 2, ownerName: '' }))).toEqual(['/_id wrong-type', '/owner_name min-length']);
    expect(() => JobCodec.encode({ id: 'x', type: 3 })).toThrow(EncodeError);
    expect(() => JobCodec.encode({ id: 'x', type: 3 })).toThrow('cannot encode Job: /type: 3 is not one of 1, 2, 4 (JobType)');
  });

  it('unknown fields are kept under their wire name with a warning, and encode writes them back', () => {
    const r = JobCodec.safeDecode('{"_id": "a", "type": 1, "next_run": "", "extra": {"deep": [1, null]}}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ id: 'a', type: 1, next_run: '', extra: { deep: [1, null] } });
    expect(r.warnings).toEqual([
      { path: '/next_run', code: 'unknown-property', message: 'unknown property "next_run" in Job (kept)', severity: 'warning' },
      { path: '/extra', code: 'unknown-property', message: 'unknown property "extra" in Job (kept)', severity: 'warning' },
    ]);
    expect(JobCodec.encode(r.value)).toBe('{"_id":"a","type":1,"next_run":"","extra":{"deep":[1,null]}}');
    expect(codes(JobCodec.validate(r.value))).toEqual(['/next_run unknown-property (warning)', '/extra unknown-property (warning)']);
    // decode() returns the value; warnings do not throw.
    expect(JobCodec.decode('{"_id": "a", "type": 1, "x": 1}')).toEqual({ id: 'a', type: 1, x: 1 });
  });

  it('an unknown field that would land on a TS name in use is an error, not silently merged', () => {
    expect(codes(JobCodec.validateJson('{"_id": "a", "type": 1, "ownerName": "x"}'))).toEqual(['/ownerName unknown-property']);
    expect(codes(JobCodec.validate({ id: 'a', type: 1, owner_name: 'x' }))).toEqual(['/owner_name unknown-property']);
  });

  it('unknown fields that are not JSON values cannot be kept (validate/encode of TS values)', () => {
    expect(codes(JobCodec.validate({ id: 'a', type: 1, when: new Map(), f: () => 1, n: Number.NaN }))).toEqual([
      '/when unknown-property (warning)',
      '/f unknown-property (warning)',
      '/f wrong-type',
      '/n unknown-property (warning)',
      '/n wrong-type',
    ]);
  });

  it('extra: forbid makes unknown fields errors', () => {
    const Strict = jobject('Strict', [jprop('a', 'a', () => jsonTypes.integer)], { extra: 'forbid' });
    const c = codecOf(Strict);
    expect(c.validateJson('{"a": 1, "b": 2, "c": 3}')).toEqual([
      { path: '/b', code: 'unknown-property', message: 'unknown property "b" in Strict' },
      { path: '/c', code: 'unknown-property', message: 'unknown property "c" in Strict' },
    ]);
    expect(() => c.decode('{"b": 2}')).toThrow(DecodeError);
  });

  it('extra: map types every undeclared field, declared ones stay', () => {
    const Sizes = jobject('Sizes', [jprop('total_size', 'total', () => jsonTypes.integer)], { extra: { map: () => jscalar('', 'integer', { minimum: 0 }) } });
    const c = codecOf(Sizes);
    expect(c.decode('{"total_size": 3, "a": 1, "b": 2}')).toEqual({ total: 3, a: 1, b: 2 });
    expect(codes(c.validateJson('{"a": -1, "b": "x", "total_size": 1.5}'))).toEqual(['/total_size wrong-type', '/a min-inclusive', '/b wrong-type']);
    expect(c.encode({ total: 3, a: 1 })).toBe('{"total_size":3,"a":1}');
    expect(codecOf(jobject('M', [], { extra: { map: () => Tags } })).decode('{"x": ["a"], "y": ["b", "c"]}')).toEqual({ x: ['a'], y: ['b', 'c'] });
  });

  it('partial ignores missing required properties, nothing else', () => {
    expect(codes(JobCodec.validateJson('{}'))).toEqual(['/_id missing-property', '/type missing-property']);
    expect(JobCodec.validateJson('{}', { partial: true })).toEqual([]);
    expect(JobCodec.decode('{"type": 4}', { partial: true })).toEqual({ type: 4 });
    expect(codes(JobCodec.validateJson('{"type": 5}', { partial: true }))).toEqual(['/type enumeration']);
    expect(JobCodec.validate({ ownerName: 'x' }, { partial: true })).toEqual([]);
  });

  it('nullable properties take null, others do not; absent is not null', () => {
    expect(JobCodec.decode('{"_id": "a", "type": 1, "owner_name": null}')).toEqual({ id: 'a', type: 1, ownerName: null });
    expect(JobCodec.encode({ id: 'a', type: 1, ownerName: null })).toBe('{"_id":"a","type":1,"owner_name":null}');
    expect(codes(JobCodec.validateJson('{"_id": null, "type": 1, "HasRun": null}'))).toEqual(['/_id wrong-type', '/HasRun wrong-type']);
    // undefined in a TS value means absent (JSON has no undefined).
    expect(JobCodec.encode({ id: 'a', type: 1, ownerName: undefined })).toBe('{"_id":"a","type":1}');
  });

  it('arrays: items checked with their index in the path, minItems / maxItems', () => {
    expect(codes(JobCodec.validateJson('{"_id": "a", "type": 1, "tags": ["x", 2, "z"]}'))).toEqual(['/tags max-items', '/tags/1 wrong-type']);
    expect(codes(JobCodec.validateJson('{"_id": "a", "type": 1, "tags": []}'))).toEqual(['/tags min-items']);
    expect(codes(JobCodec.validateJson('{"_id": "a", "type": 1, "tags": "x"}'))).toEqual(['/tags wrong-type']);
  });
});

describe('walker: scalars', () => {
  it('integers beyond 2^53 cannot be represented: invalid-value; fractions and non-numbers: wrong-type', () => {
    const c = codecOf(jsonTypes.integer);
    expect(c.decode('9007199254740991')).toBe(2 ** 53 - 1);
    expect(codes(c.validateJson('9007199254740993'))).toEqual([' invalid-value']);
    expect(codes(c.validateJson('-9007199254740993'))).toEqual([' invalid-value']);
    expect(codes(c.validateJson('1e300'))).toEqual([' invalid-value']);
    expect(codes(c.validateJson('1.5'))).toEqual([' wrong-type']);
    expect(codes(c.validateJson('"1"'))).toEqual([' wrong-type']);
    expect(codes(c.validateJson('1e400'))).toEqual([' invalid-value']); // JSON.parse makes it Infinity: out of a double's range
    expect(c.decode('1.0')).toBe(1);
    // number: any finite number, big ones too
    expect(codecOf(jsonTypes.number).decode('9007199254740993')).toBe(9007199254740992);
    expect(codes(codecOf(jsonTypes.number).validate(Number.POSITIVE_INFINITY))).toEqual([' invalid-value']); // no JSON number is infinite
    expect(codes(codecOf(jsonTypes.number).validate(Number.NaN))).toEqual([' wrong-type']);
  });

  it('bounds: inclusive and exclusive', () => {
    const c = codecOf(jscalar('P', 'number', { minimum: 0, maximum: 10, exclusiveMinimum: -1, exclusiveMaximum: 10 }));
    expect(codes(c.validate(-0.5))).toEqual([' min-inclusive']);
    expect(codes(c.validate(10))).toEqual([' max-exclusive']);
    expect(codes(c.validate(11))).toEqual([' max-inclusive', ' max-exclusive']);
    expect(c.validate(0)).toEqual([]);
  });

  it('enums compare strictly: 1 is not true, "1" is not 1, null only if listed', () => {
    const flag = codecOf(jscalar('Flag', 'any', { enum: [true, false, 0, 1, null] }));
    for (const ok of ['true', 'false', '0', '1', 'null']) expect(flag.validateJson(ok)).toEqual([]);
    for (const bad of ['"1"', '2', '"true"', '{}', '[]']) expect(codes(flag.validateJson(bad))).toEqual([' enumeration']);
    const one = codecOf(jscalar('One', 'integer', { enum: [1] }));
    expect(codes(one.validateJson('true'))).toEqual([' enumeration']);
    expect(one.validateJson('1.0')).toEqual([]);
    const yes = codecOf(jscalar('Yes', 'boolean', { enum: [true] }));
    expect(yes.validateJson('1')[0]).toEqual({ path: '', code: 'enumeration', message: '1 is not one of true (Yes)' });
  });

  it('named enums: the constants sit on the descriptor, which still validates', () => {
    expect([JobType.Accounts, JobType.Directories, JobType.ServerBackup]).toEqual([1, 2, 4]);
    expect(codecOf(JobType).validate(JobType.ServerBackup)).toEqual([]);
    expect(JobType.kind).toBe('jscalar');
  });

  it('string length counts code points (a surrogate pair is one, a lone surrogate too)', () => {
    const c = codecOf(jscalar('S', 'string', { minLength: 2, maxLength: 2 }));
    expect(c.validate('😀😀')).toEqual([]);
    expect(c.validate('é😀')).toEqual([]);
    expect(codes(c.validate('😀'))).toEqual([' min-length']);
    expect(codes(c.validate('😀😀😀'))).toEqual([' max-length']);
    expect(c.validate('\uD800a')).toEqual([]);
    expect(codes(c.validate('\uD800ab'))).toEqual([' max-length']);
    expect(codes(c.validate('\uDC00\uD800\uD800'))).toEqual([' max-length']);
    expect(c.validateJson('"\\ud83d\\ude00x"')).toEqual([]);
  });

  it('patterns apply unanchored (JSON Schema semantics), with the u flag', () => {
    const c = codecOf(jscalar('P', 'string', { pattern: new RegExp('[0-9]{3}', 'u') }));
    expect(c.validate('ab123cd')).toEqual([]);
    expect(c.validate('12')[0]).toEqual({ path: '', code: 'pattern', message: '"12" does not match [0-9]{3}' });
    const anchored = codecOf(jscalar('Q', 'string', { pattern: new RegExp('^[0-9]{3}$', 'u') }));
    expect(codes(anchored.validate('ab123cd'))).toEqual([' pattern']);
    const astral = codecOf(jscalar('R', 'string', { pattern: new RegExp('^.$', 'u') }));
    expect(astral.validate('😀')).toEqual([]);
  });

  it('any JSON value: everything JSON.parse produces; not functions, NaN or undefined', () => {
    const c = codecOf(jsonTypes.any);
    expect(c.decode('{"a": [1, {"b": null}]}')).toEqual({ a: [1, { b: null }] });
    expect(codes(c.validate(Number.NaN))).toEqual([' wrong-type']);
    expect(codes(c.validate({ a: () => 1 }))).toEqual([' wrong-type']);
  });

  it('flags: a bitmask integer with helpers', () => {
    expect([Contains.all, Contains.compose(['config', 'databases']), Contains.decompose(6), Contains.has(5, 'homedir'), Contains.unknownBits(9)]).toEqual([7, 5, ['homedir', 'databases'], false, 8]);
    expect(Contains.bits).toEqual({ config: 1, homedir: 2, databases: 4 });
    const c = codecOf(Contains);
    expect(c.validate(7)).toEqual([]);
    expect(codes(c.validate(8))).toEqual([' max-inclusive']);
    expect(codes(c.validate(-1))).toEqual([' min-inclusive']);
    expect(codes(c.validate(1.5))).toEqual([' wrong-type']);
    expect(() => Contains.compose(['nope' as 'config'])).toThrow(RangeError);
    expect(() => Contains.decompose(-1)).toThrow(RangeError);
    expect(() => jflags('Bad', { a: 3 })).toThrow(RangeError);
    expect(() => jflags('Big', { a: 2 ** 31 })).toThrow(RangeError);
  });
});

describe('walker: unions', () => {
  const A = jobject('A', [jprop('kind', 'kind', () => jscalar('', 'string', { enum: ['a'] }), { required: true })]);
  const B = jobject('B', [jprop('kind', 'kind', () => jsonTypes.string, { required: true }), jprop('size', 'size', () => jsonTypes.integer)]);
  const U = junion('U', [() => A, () => B, () => jsonTypes.integer]);
  const c = codecOf(U);

  it('the first member without errors wins (even when a later one would fit better)', () => {
    expect(c.decode('{"kind": "b", "size": 2}')).toEqual({ kind: 'b', size: 2 });
    const r = c.safeDecode('{"kind": "a", "size": 2}');
    // A accepts it, keeping "size" as an unknown field: A's warning is kept, B is not tried.
    expect(r.ok && [r.value, codes(r.warnings)]).toEqual([{ kind: 'a', size: 2 }, ['/size unknown-property (warning)']]);
    expect(c.decode('7')).toBe(7);
  });

  it('no member: no-match, naming the members; the members\' own issues are not reported', () => {
    expect(c.validateJson('"x"')).toEqual([{ path: '', code: 'no-match', message: '"x" matches none of: A, B, integer' }]);
    expect(codes(c.validateJson('{"size": 1}'))).toEqual([' no-match']);
    const inArray = codecOf(jarray('L', () => U));
    expect(codes(inArray.validateJson('[1, true, {"kind": "a"}]'))).toEqual(['/1 no-match']);
  });

  it('a union member warning path is the full path', () => {
    const Outer = jobject('Outer', [jprop('u', 'u', () => U)]);
    expect(codes(codecOf(Outer).validateJson('{"u": {"kind": "a", "x": 1}}'))).toEqual(['/u/x unknown-property (warning)']);
  });
});

describe('walker: __proto__, pointers, limits', () => {
  it('__proto__ from the wire is an own property; the prototype is untouched', () => {
    const Open = jobject('Open', []);
    const v = codecOf(Open).decode('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(v, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(v, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(codecOf(Open).encode(v)).toBe('{"__proto__":{"polluted":true},"a":1}');
  });

  it('a declared __proto__ property maps to __proto__$ and back', () => {
    const v = JobCodec.decode('{"_id": "a", "type": 1, "__proto__": "p"}');
    expect(v['__proto__$']).toBe('p');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(JobCodec.encode(v)).toBe('{"_id":"a","type":1,"__proto__":"p"}');
    expect(codes(JobCodec.validateJson('{"_id": "a", "type": 1, "__proto__": 5}'))).toEqual(['/__proto__ wrong-type']);
  });

  it('JSON pointers escape ~ as ~0 and / as ~1 (RFC 6901)', () => {
    expect(pointer(['a/b', 'm~n', 0, '~1', ''])).toBe('/a~1b/m~0n/0/~01/');
    const M = jobject('M', [], { extra: { map: () => jsonTypes.integer } });
    expect(codes(codecOf(M).validateJson('{"a/b": "x", "m~n": "y", "": "z"}'))).toEqual(['/a~1b wrong-type', '/m~0n wrong-type', '/ wrong-type']);
  });

  it('maxIssues caps the errors reported (default 100)', () => {
    const L = codecOf(jarray('L', () => jsonTypes.integer));
    const bad = JSON.stringify(Array.from({ length: 150 }, () => 'x'));
    expect(L.validateJson(bad)).toHaveLength(100);
    expect(L.validateJson(bad, { maxIssues: 3 }).map((i) => i.path)).toEqual(['/0', '/1', '/2']);
    const r = L.safeDecode(bad, { maxIssues: 3 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBeInstanceOf(DecodeError);
  });

  it('warnings over maxIssues do not cut the value short (real servers add fields)', () => {
    const fields = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`new_field_${i}`, i]));
    const text = JSON.stringify({ _id: 'a', type: 1, ...fields });
    const r = JobCodec.safeDecode(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({ id: 'a', type: 1, ...fields });
    expect(r.warnings).toHaveLength(100);
    const few = JobCodec.safeDecode(text, { maxIssues: 2 });
    expect(few.ok && [Object.keys(few.value).length, few.warnings.length]).toEqual([152, 2]);
  });

  it('an error after warnings filled maxIssues is still reported: the result is a failure', () => {
    const Outer = jobject('Outer', [jprop('job', 'job', () => Job), jprop('n', 'n', () => jsonTypes.integer)]);
    const r = codecOf(Outer).safeDecode('{"job": {"_id": "a", "type": 1, "x": 1, "y": 2}, "n": "not a number"}', { maxIssues: 2 });
    expect(r.ok).toBe(false);
    expect(!r.ok && codes(r.issues)).toEqual(['/job/x unknown-property (warning)', '/job/y unknown-property (warning)', '/n wrong-type']);
    expect(codes(codecOf(Outer).validate({ job: { id: 'a', type: 1, x: 1 }, n: 'x' }, { maxIssues: 0 }))).toEqual(['/n wrong-type']);
  });

  it('decode throws JsonParseError for text that is not JSON, DecodeError for JSON that does not fit', () => {
    expect(() => JobCodec.decode('{')).toThrow(JsonParseError);
    expect(() => JobCodec.decode('[]')).toThrow(DecodeError);
    const r = JobCodec.safeDecode('{"_id": 1');
    expect(!r.ok && [r.error instanceof JsonParseError, r.issues[0]?.code, r.issues[0]?.line, r.issues[0]?.column]).toEqual([true, 'not-well-formed', 1, 10]);
  });
});

describe('safeDecode never throws', () => {
  it('not even with maxDepth raised beyond what the call stack holds: too-deep, as a result', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    for (const text of [deep, `${deep},`]) {
      const r = codecOf(jsonTypes.any).safeDecode(text, { maxDepth: Number.POSITIVE_INFINITY });
      expect(!r.ok && [r.error instanceof JsonParseError, codes(r.issues)]).toEqual([true, [' too-deep']]);
    }
  });
});

describe('safeDecode never throws (fast-check)', () => {
  const Any = jobject('Any', [jprop('a', 'a', () => Tags), jprop('b', 'b', () => Job, { nullable: true }), jprop('u', 'u', () => junion('U', [() => JobType, () => Job]))], {
    extra: { map: () => junion('V', [() => Contains, () => Name, () => jarray('', () => jsonTypes.any)]) },
  });
  const codecs = [JobCodec, codecOf(Any), codecOf(jsonTypes.any), codecOf(jarray('L', () => Job)), codecOf(Contains)];
  const options = fc.record({ maxIssues: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), partial: fc.boolean(), maxDepth: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }) });

  /** Every outcome is a result: ok with a value, or not ok with at least one issue and an Error. */
  function check(input: string | Uint8Array, opts: { maxIssues?: number | undefined; partial: boolean; maxDepth?: number | undefined }): void {
    const o = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
    for (const codec of codecs) {
      const r = codec.safeDecode(input, o);
      if (!r.ok) {
        expect(r.issues.length).toBeGreaterThan(0);
        expect(r.error).toBeInstanceOf(Error);
        expect(r.issues.some((i) => i.severity !== 'warning')).toBe(true);
      } else {
        expect(r.warnings.every((w) => w.severity === 'warning')).toBe(true);
      }
    }
  }

  const anyChar = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

  it('arbitrary strings (any UTF-16 units, lone surrogates included)', () => {
    fc.assert(fc.property(fc.string({ unit: anyChar, maxLength: 40 }), options, (s, o) => check(s, o)), { numRuns: 400 });
  });

  it('arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 60 }), options, (b, o) => check(b, o)), { numRuns: 400 });
  });

  it('JSON texts and JSON texts with a character inserted or removed', () => {
    const near = fc.tuple(fc.json({ maxDepth: 4 }), fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', "'", 'x', '\u0000', '1')).map(([text, at, ch]) => {
      const i = at % (text.length + 1);
      return ch === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i);
    });
    fc.assert(fc.property(fc.oneof(fc.json({ maxDepth: 5 }), near), options, (s, o) => check(s, o)), { numRuns: 600 });
  });

  it('objects shaped like the schema, with arbitrary values in every slot', () => {
    const jobLike = fc.record(
      { _id: fc.jsonValue(), type: fc.jsonValue(), owner_name: fc.jsonValue(), contains: fc.jsonValue(), tags: fc.jsonValue(), __proto__: fc.jsonValue() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(jobLike, fc.array(jobLike, { maxLength: 3 }), fc.record({ a: fc.jsonValue(), b: jobLike, u: fc.oneof(jobLike, fc.jsonValue()) })), options, (v, o) => check(JSON.stringify(v), o)),
      { numRuns: 400 },
    );
  });
});
