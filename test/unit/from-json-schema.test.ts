/**
 * The JSON Schema front-end (load -> resolve -> model) and the naming pass on JSON sets: every row of
 * schemas/JSON-SCHEMA-CONVENTIONS.md, our x- annotations, cross-file $ref, source locations (file,
 * line, JSON pointer), and the diagnostics, each with its code, file:line and pointer, all at once.
 */
import { describe, expect, it } from 'vitest';
import { Diagnostics, formatDiagnostic, type Diagnostic } from '../../generator/diagnostics.js';
import { fileSystemReader } from '../../generator/load/files.js';
import type { ArrayType, ElementParticle, SchemaModel, UnionType } from '../../generator/model/model.js';
import { buildModel, generate } from '../../generator/pipeline.js';
import { jsonSchema, lines, okJson, passedJsonModel, rawJsonModel } from '../support/json-schema.js';
import { repoRoot } from '../support/samples.js';
import { complexType, elementsOf, particleOf, reader, simpleType, typeById, type Files } from '../support/xsd.js';

const raw = (defs: Readonly<Record<string, unknown>>) => okJson(rawJsonModel, defs);
const passed = (defs: Readonly<Record<string, unknown>>) => okJson(passedJsonModel, defs);

/** The properties of an object type, in schema order. */
function props(model: SchemaModel, id: string): ElementParticle[] {
  const t = complexType(model, id);
  return t.content.kind === 'elements' ? elementsOf(particleOf(t)) : [];
}

function prop(model: SchemaModel, id: string, jsonName: string): ElementParticle {
  const p = props(model, id).find((x) => x.jsonName === jsonName);
  if (!p) throw new Error(`${id} has no property ${jsonName}`);
  return p;
}

function arrayType(model: SchemaModel, id: string): ArrayType {
  const t = typeById(model, id);
  if (t.kind !== 'array') throw new Error(`${id} is ${t.kind}`);
  return t;
}

function unionType(model: SchemaModel, id: string): UnionType {
  const t = typeById(model, id);
  if (t.kind !== 'union') throw new Error(`${id} is ${t.kind}`);
  return t;
}

/** An object $defs entry `O` with the given properties (all optional). */
function object(properties: Readonly<Record<string, unknown>>, more: Readonly<Record<string, unknown>> = {}) {
  return { O: { type: 'object', properties, ...more } };
}

describe('types: the rows of the conventions table', () => {
  it('scalars: inline ones are the built-ins, $defs entries are named simple types', () => {
    const m = raw({
      ...object({ s: { type: 'string' }, i: { type: 'integer' }, n: { type: 'number' }, b: { type: 'boolean' }, z: { type: 'null' } }),
      S: { type: 'string' },
      I: { type: 'integer' },
      N: { type: 'number' },
      B: { type: 'boolean' },
      Z: { type: 'null' },
    });
    expect(props(m, 'O').map((p) => [p.jsonName, p.type, p.nillable])).toEqual([
      ['s', 'json:string', false],
      ['i', 'json:integer', false],
      ['n', 'json:number', false],
      ['b', 'json:boolean', false],
      ['z', 'json:null', false],
    ]);
    for (const [id, json] of [['S', 'string'], ['I', 'integer'], ['N', 'number'], ['B', 'boolean'], ['Z', 'null']] as const) {
      const t = simpleType(m, id);
      expect([t.xmlName, t.variety, t.json, t.facets, t.builtin]).toEqual([id, 'atomic', json, {}, undefined]);
    }
  });

  it('string facets: lengths, pattern kept as ECMA-262 and unanchored, format is documentation', () => {
    const m = raw({ S: { type: 'string', minLength: 1, maxLength: 8, pattern: '[a-z]+', format: 'email' } });
    expect(simpleType(m, 'S').facets).toEqual({ minLength: 1, maxLength: 8, jsPatterns: [['[a-z]+']] });
  });

  it('number facets: inclusive and exclusive bounds, as lexical strings', () => {
    const m = raw({ I: { type: 'integer', minimum: 0, maximum: 2359 }, N: { type: 'number', exclusiveMinimum: -1.5, exclusiveMaximum: 100 } });
    expect(simpleType(m, 'I').facets).toEqual({ minInclusive: '0', maxInclusive: '2359' });
    expect(simpleType(m, 'N').facets).toEqual({ minExclusive: '-1.5', maxExclusive: '100' });
  });

  it('an inline scalar with facets gets a type of its own, named after its owner', () => {
    const m = passed(object({ port: { type: 'integer', minimum: 1, maximum: 65535 } }));
    const p = prop(m, 'O', 'port');
    expect(p.type).toBe('O/properties/port');
    expect(simpleType(m, p.type)).toMatchObject({ tsName: 'OPort', json: 'integer', facets: { minInclusive: '1', maxInclusive: '65535' } });
  });

  it('enum / const: the values as JSON texts, the JSON type from the values or from "type"', () => {
    const m = raw({
      Strings: { enum: ['a', 'b'] },
      Ints: { enum: [1, 2, 4] },
      Nums: { enum: [1, 2.5] },
      Mixed: { enum: [true, false, 0, 1, null, 'x'] },
      Typed: { type: 'number', enum: [1, 2] },
      Const: { const: 'fixed' },
      ConstNull: { const: null },
      ConstTrue: { const: true },
    });
    const view = (id: string) => [simpleType(m, id).json, simpleType(m, id).facets.enumeration?.map((e) => e.value)];
    expect(view('Strings')).toEqual(['string', ['"a"', '"b"']]);
    expect(view('Ints')).toEqual(['integer', ['1', '2', '4']]);
    expect(view('Nums')).toEqual(['any', ['1', '2.5']]);
    expect(view('Mixed')).toEqual(['any', ['true', 'false', '0', '1', 'null', '"x"']]);
    expect(view('Typed')).toEqual(['number', ['1', '2']]);
    expect(view('Const')).toEqual(['string', ['"fixed"']]);
    expect(view('ConstNull')).toEqual(['null', ['null']]);
    expect(view('ConstTrue')).toEqual(['boolean', ['true']]);
  });

  it('"type": [T, "null"] makes the property nullable (the type stays T)', () => {
    const m = raw(
      object({
        s: { type: ['string', 'null'] },
        n: { type: ['null', 'integer'], minimum: 0 },
        o: { type: ['object', 'null'], properties: { a: { type: 'string' } } },
        a: { type: ['array', 'null'], items: { type: 'string' } },
        e: { type: ['string', 'null'], enum: ['a', 'b', null] },
        viaOneOf: { oneOf: [{ type: 'string' }, { type: 'null' }] },
        onlyNull: { type: 'null' },
      }),
    );
    expect(props(m, 'O').map((p) => [p.jsonName, p.type, p.nillable])).toEqual([
      ['s', 'json:string', true],
      ['n', 'O/properties/n', true],
      ['o', 'O/properties/o', true],
      ['a', 'O/properties/a', true],
      ['e', 'O/properties/e', true],
      ['viaOneOf', 'json:string', true],
      ['onlyNull', 'json:null', false],
    ]);
    expect(complexType(m, 'O/properties/o').extra).toEqual({ kind: 'keep' });
    expect(arrayType(m, 'O/properties/a').items).toBe('json:string');
  });

  it('nullable array items and map values become a union with null', () => {
    const m = raw(object({ list: { type: 'array', items: { type: ['string', 'null'] } }, map: { type: 'object', additionalProperties: { type: ['integer', 'null'] } } }));
    const items = arrayType(m, 'O/properties/list').items;
    expect(simpleType(m, items)).toMatchObject({ variety: 'union', members: ['json:string', 'json:null'] });
    const extra = complexType(m, 'O/properties/map').extra;
    expect(extra?.kind).toBe('map');
    const value = extra?.kind === 'map' ? extra.valueType : '';
    expect(simpleType(m, value)).toMatchObject({ variety: 'union', members: ['json:integer', 'json:null'] });
  });

  it('a $defs entry with "type": [T, "null"]: its codec and the properties that $ref it accept null', () => {
    const m = raw({
      Name: { type: ['string', 'null'], minLength: 1 },
      Alias: { $ref: '#/$defs/Name' },
      O: { type: 'object', properties: { name: { $ref: '#/$defs/Name' }, alias: { $ref: '#/$defs/Alias' } } },
      L: { type: 'array', items: { $ref: '#/$defs/Name' } },
    });
    expect(m.elements.find((e) => e.xmlName === 'Name')?.nillable).toBe(true);
    expect(props(m, 'O').map((p) => [p.jsonName, p.type, p.nillable])).toEqual([
      ['name', 'Name', true],
      ['alias', 'Alias', true],
    ]);
    expect(simpleType(m, arrayType(m, 'L').items)).toMatchObject({ variety: 'union', members: ['Name', 'json:null'] });
  });

  it('objects: required and optional properties in schema order, in an `all` group', () => {
    const m = raw({ O: { type: 'object', required: ['b', 'a'], properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'boolean' } } } });
    const t = complexType(m, 'O');
    const group = particleOf(t);
    expect([group.kind, group.occurs]).toEqual(['all', { min: 1, max: 1 }]);
    expect(props(m, 'O').map((p) => [p.xmlName, p.jsonName, p.occurs.min, p.occurs.max])).toEqual([
      ['a', 'a', 1, 1],
      ['b', 'b', 1, 1],
      ['c', 'c', 0, 1],
    ]);
    expect([t.mixed, t.attributes, t.anyAttribute]).toEqual([false, [], false]);
  });

  it('objects: "properties" without "type" is an object; no properties is empty content', () => {
    const m = raw({ P: { properties: { a: {} } }, E: { type: 'object' } });
    expect(complexType(m, 'P').content.kind).toBe('elements');
    expect(complexType(m, 'E').content).toEqual({ kind: 'empty' });
  });

  it('additionalProperties: absent and true keep unknown fields, false forbids them, a schema makes a map', () => {
    const m = raw({
      Absent: { type: 'object', properties: { a: {} } },
      True: { type: 'object', properties: { a: {} }, additionalProperties: true },
      False: { type: 'object', properties: { a: {} }, additionalProperties: false },
      Map: { type: 'object', additionalProperties: { type: 'integer' } },
      MapOfObjects: { type: 'object', additionalProperties: { type: 'object', properties: { x: { type: 'string' } } } },
      AnyMap: { type: 'object', additionalProperties: {} },
    });
    expect(complexType(m, 'Absent').extra).toEqual({ kind: 'keep' });
    expect(complexType(m, 'True').extra).toEqual({ kind: 'keep' });
    expect(complexType(m, 'False').extra).toEqual({ kind: 'forbid' });
    expect(complexType(m, 'Map')).toMatchObject({ content: { kind: 'empty' }, extra: { kind: 'map', valueType: 'json:integer' } });
    expect(complexType(m, 'MapOfObjects').extra).toEqual({ kind: 'map', valueType: 'MapOfObjects/additionalProperties' });
    expect(complexType(m, 'MapOfObjects/additionalProperties').content.kind).toBe('elements');
    expect(complexType(m, 'AnyMap').extra).toEqual({ kind: 'map', valueType: 'json:any' });
  });

  it('arrays: items, minItems, maxItems; no items means any JSON value', () => {
    const m = raw({ A: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 }, B: { type: 'array' }, C: { type: 'array', items: { $ref: '#/$defs/A' } } });
    expect(arrayType(m, 'A')).toMatchObject({ items: 'json:string', minItems: 1, maxItems: 3 });
    expect(arrayType(m, 'B').items).toBe('json:any');
    expect(arrayType(m, 'B')).not.toHaveProperty('minItems');
    expect(arrayType(m, 'C').items).toBe('A');
  });

  it('oneOf / anyOf of scalars (built-in, enum, $ref to a scalar) is a simple union', () => {
    const m = raw({
      Id: { type: 'string', pattern: '^[0-9a-f]{24}$' },
      One: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      Any: { anyOf: [{ $ref: '#/$defs/Id' }, { enum: [0] }, { type: 'null' }] },
    });
    expect(simpleType(m, 'One')).toMatchObject({ variety: 'union', members: ['json:string', 'json:integer'] });
    expect(simpleType(m, 'Any')).toMatchObject({ variety: 'union', members: ['Id', 'Any/anyOf/1', 'json:null'] });
    expect(simpleType(m, 'Any/anyOf/1').facets.enumeration?.map((e) => e.value)).toEqual(['0']);
  });

  it('oneOf / anyOf with an object or array member is a UnionType, members in order', () => {
    const m = raw({
      Job: { type: 'object', properties: { id: { type: 'string' } } },
      U: { oneOf: [{ $ref: '#/$defs/Job' }, { type: 'array', items: { $ref: '#/$defs/Job' } }, { type: 'string' }] },
      V: { anyOf: [{ type: 'object', properties: { a: {} } }, { type: 'boolean' }] },
    });
    expect(unionType(m, 'U').members).toEqual(['Job', 'U/oneOf/1', 'json:string']);
    expect(unionType(m, 'V').members).toEqual(['V/anyOf/0', 'json:boolean']);
    expect(complexType(m, 'V/anyOf/0').content.kind).toBe('elements');
  });

  it('{} and true are any JSON value; a $defs entry that is only a $ref or {} wraps it', () => {
    const m = raw({ ...object({ a: {}, b: true }), Any: {}, Alias: { $ref: '#/$defs/O' } });
    expect(props(m, 'O').map((p) => p.type)).toEqual(['json:any', 'json:any']);
    expect(unionType(m, 'Any').members).toEqual(['json:any']);
    expect(unionType(m, 'Alias').members).toEqual(['O']);
    expect(m.elements.map((e) => [e.xmlName, e.type])).toEqual([['O', 'O'], ['Any', 'Any'], ['Alias', 'Alias']]);
  });

  it('title and description become documentation; examples and default do not', () => {
    const m = raw({ O: { title: 'A job', description: 'Runs nightly.', examples: [{}], default: {}, type: 'object', properties: { a: { description: 'The a.', type: 'string', default: 'x' } } } });
    expect(complexType(m, 'O').doc).toBe('A job\n\nRuns nightly.');
    expect(prop(m, 'O', 'a').doc).toBe('The a.');
  });

  it('inline types whose keys contain "/" or "~" get distinct ids (JSON pointer escaping)', () => {
    const m = raw({
      R: {
        type: 'object',
        properties: {
          a: { type: 'object', properties: { b: { type: 'string', minLength: 1 } } },
          'a/b': { type: 'integer', minimum: 2 },
          'a~b': { type: 'integer', maximum: 3 },
          additionalProperties: { type: 'string', maxLength: 4 },
        },
        additionalProperties: { type: 'integer', minimum: 0 },
      },
    });
    const ids = m.types.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(prop(m, 'R', 'a/b').type).toBe('R/properties/a~1b');
    expect(prop(m, 'R', 'a~b').type).toBe('R/properties/a~0b');
    expect(simpleType(m, prop(m, 'R/properties/a', 'b').type).json).toBe('string');
    expect(simpleType(m, prop(m, 'R', 'a/b').type).json).toBe('integer');
    expect(simpleType(m, prop(m, 'R', 'additionalProperties').type).json).toBe('string');
    const extra = complexType(m, 'R').extra;
    expect(extra?.kind === 'map' && simpleType(m, extra.valueType).json).toBe('integer');
  });
});

describe('names', () => {
  it('$defs keys become PascalCase type names and codecs', () => {
    const m = passed({ backup_job: { type: 'object', properties: { a: {} } }, 'backup-job-type': { enum: [1] }, USAddress: { type: 'string' } });
    expect(m.types.map((t) => [t.id, t.tsName])).toEqual([
      ['backup_job', 'BackupJob'],
      ['backup-job-type', 'BackupJobType'],
      ['USAddress', 'USAddress'],
    ]);
    expect(m.elements.map((e) => [e.xmlName, e.tsName])).toEqual([
      ['backup_job', 'BackupJobCodec'],
      ['backup-job-type', 'BackupJobTypeCodec'],
      ['USAddress', 'USAddressCodec'],
    ]);
  });

  it('inline types are named after their owner and property (items: Item, oneOf: MemberN, map values: Value)', () => {
    const m = passed({
      BackupJob: {
        type: 'object',
        properties: {
          schedule: { type: 'object', properties: { type: { enum: [1, 2] } } },
          tags: { type: 'array', items: { type: 'string', minLength: 1 } },
          owner_name: { type: 'string', maxLength: 3 },
          target: { oneOf: [{ type: 'object', properties: { path: {} } }, { type: 'string' }] },
          counts: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
        },
      },
    });
    expect(m.types.map((t) => t.tsName)).toEqual([
      'BackupJob',
      'BackupJobSchedule',
      'BackupJobScheduleType',
      'BackupJobTags',
      'BackupJobTagsItem',
      'BackupJobOwnerName',
      'BackupJobTarget',
      'BackupJobTargetMember1',
      'BackupJobCounts',
      'BackupJobCountsValue',
    ]);
  });

  it('JSON property names are kept verbatim; only names objects cannot hold are escaped', () => {
    const names = ['_id', 'owner_name', 'HasRun', '2fa', 'a-b', 'class', 'constructor', 'toString'];
    const m = passed({ O: { type: 'object', properties: Object.fromEntries([...names.map((n) => [n, { type: 'string' }]), ['__proto__', { type: 'integer' }]]) } });
    expect(props(m, 'O').map((p) => [p.jsonName, p.xmlName, p.propName])).toEqual([
      ['_id', '_id', '_id'],
      ['owner_name', 'owner_name', 'owner_name'],
      ['HasRun', 'HasRun', 'HasRun'],
      ['2fa', '2fa', '2fa'],
      ['a-b', 'a-b', 'a-b'],
      ['class', 'class', 'class'],
      ['constructor', 'constructor', 'constructor$'],
      ['toString', 'toString', 'toString$'],
      ['__proto__', '__proto__', '__proto__$'],
    ]);
  });

  it('x-ts-name gives a friendlier TS name; the wire name stays', () => {
    const m = passed(object({ _id: { type: 'string', 'x-ts-name': 'id' }, job: { $ref: '#/$defs/O', 'x-ts-name': 'parent' } }));
    expect(props(m, 'O').map((p) => [p.jsonName, p.tsNameHint, p.propName, p.type])).toEqual([
      ['_id', 'id', 'id', 'json:string'],
      ['job', 'parent', 'parent', 'O'],
    ]);
  });

  it('the generated type quotes wire names that are not identifiers and maps renamed ones in the descriptor', () => {
    const files: Files = {
      'main.schema.json': jsonSchema({
        O: {
          type: 'object',
          required: ['2fa'],
          properties: { _id: { type: 'string', 'x-ts-name': 'id' }, '2fa': { type: 'boolean' }, 'a-b': { type: 'string' }, __proto__x: { type: 'string' } },
        },
      }).replace('__proto__x', '__proto__'),
    };
    const out = generate([{ name: 't', entries: ['/schemas/main.schema.json'] }], reader(files)).files.find((f) => f.path === 't/main.ts')!.content;
    expect(out).toContain('readonly id?: string;');
    expect(out).toContain('readonly "2fa": boolean;');
    expect(out).toContain('readonly "a-b"?: string;');
    expect(out).toContain('readonly __proto__$?: string;');
    expect(out).toContain("jprop('_id', 'id', () => jsonTypes.string)");
    expect(out).toContain("jprop('2fa', '2fa', () => jsonTypes.boolean, { required: true })");
    expect(out).toContain("jprop('__proto__', '__proto__$', () => jsonTypes.string)");
  });
});

describe('annotations', () => {
  it('x-enum-names and x-enum-descriptions name and document each value', () => {
    const m = raw({
      BackupJobType: {
        enum: [1, 2, 4],
        'x-enum-names': ['Accounts', 'Directories', 'ServerBackup'],
        'x-enum-descriptions': ['Hosting accounts.', 'Paths.', 'Bare metal.'],
      },
      Plain: { enum: ['a'], 'x-enum-descriptions': ['Just a.'] },
    });
    expect(simpleType(m, 'BackupJobType').facets.enumeration).toEqual([
      { value: '1', name: 'Accounts', doc: 'Hosting accounts.' },
      { value: '2', name: 'Directories', doc: 'Paths.' },
      { value: '4', name: 'ServerBackup', doc: 'Bare metal.' },
    ]);
    expect(simpleType(m, 'Plain').facets.enumeration).toEqual([{ value: '"a"', doc: 'Just a.' }]);
  });

  it('x-flags: the bits in schema order, on an integer type (constraints kept)', () => {
    const m = raw({ Contains: { type: 'integer', minimum: 0, maximum: 7, 'x-flags': { config: 1, homedir: 2, databases: 4 } }, Inline: { type: 'object', properties: { f: { type: 'integer', 'x-flags': { a: 1, b: 1073741824 } } } } });
    expect(simpleType(m, 'Contains')).toMatchObject({
      json: 'integer',
      facets: { minInclusive: '0', maxInclusive: '7' },
      flags: [{ name: 'config', value: 1 }, { name: 'homedir', value: 2 }, { name: 'databases', value: 4 }],
    });
    expect(simpleType(m, prop(m, 'Inline', 'f').type).flags).toEqual([{ name: 'a', value: 1 }, { name: 'b', value: 2 ** 30 }]);
  });
});

describe('cross-file $ref', () => {
  const files: Files = {
    'main.schema.json': jsonSchema({
      Job: { type: 'object', properties: { dest: { $ref: 'common.schema.json#/$defs/Destination' }, id: { $ref: './common.schema.json#/$defs/Id' } } },
    }),
    'common.schema.json': jsonSchema({
      Id: { type: 'string' },
      Destination: { type: 'object', properties: { id: { $ref: '#/$defs/Id' } } },
      Unused: { type: 'boolean' },
    }),
  };

  it('follows other.schema.json#/$defs/X; the referenced file joins the set, with all its $defs', () => {
    const { model, diagnostics } = passedJsonModel(files);
    expect(diagnostics).toEqual([]);
    expect(model.files.map((f) => [f.path, f.moduleName])).toEqual([['main.schema.json', 'main'], ['common.schema.json', 'common']]);
    expect(props(model, 'Job').map((p) => p.type)).toEqual(['Destination', 'Id']);
    expect(props(model, 'Destination').map((p) => p.type)).toEqual(['Id']);
    expect(typeById(model, 'Destination').source.file).toBe('common.schema.json');
    expect(model.elements.map((e) => e.tsName)).toEqual(['JobCodec', 'IdCodec', 'DestinationCodec', 'UnusedCodec']);
  });

  it('"#/$defs/X" means the referring file: a type of another file needs its file name', () => {
    const r = rawJsonModel({ ...files, 'main.schema.json': jsonSchema({ Job: { type: 'object', properties: { id: { $ref: '#/$defs/Id' }, x: { $ref: 'common.schema.json#/$defs/Nope' } } } }) }, ['main.schema.json', 'common.schema.json']);
    expect(r.messages).toEqual([
      'main.schema.json:8 /$defs/Job/properties/id/$ref: "$ref": "#/$defs/Id" names no $defs entry [unresolved-type]',
      'main.schema.json:11 /$defs/Job/properties/x/$ref: "$ref": "common.schema.json#/$defs/Nope" names no $defs entry of common.schema.json [unresolved-type]',
    ]);
  });

  it('a "$ref" key inside examples, default, const or x- data is data; properties named "$ref" or "default" are schemas', () => {
    const r = passedJsonModel({
      'main.schema.json': jsonSchema({
        A: {
          type: 'object',
          examples: [{ $ref: 'nope.schema.json' }],
          default: { $ref: 'nope.schema.json#/$defs/X' },
          'x-note': { $ref: 'nope.schema.json' },
          properties: { $ref: { type: 'string' }, default: { $ref: 'common.schema.json#/$defs/Id' } },
        },
      }),
      'common.schema.json': files['common.schema.json']!,
    });
    expect(r.messages).toEqual([]);
    expect(props(r.model, 'A').map((p) => [p.jsonName, p.type])).toEqual([['$ref', 'json:string'], ['default', 'Id']]);
    expect(r.model.files.map((f) => f.path)).toEqual(['main.schema.json', 'common.schema.json']);
  });

  it('generates one module per file, importing across them', () => {
    const out = generate([{ name: 't', entries: ['/schemas/main.schema.json'] }], reader(files)).files;
    expect(out.map((f) => f.path).filter((p) => p.startsWith('t/'))).toEqual(['t/common.ts', 't/index.ts', 't/main.ts']);
    expect(out.find((f) => f.path === 't/main.ts')!.content).toContain("from './common.js'");
  });
});

describe('source locations: file:line and JSON pointer', () => {
  const text = lines(
    /* 1 */ '{',
    /* 2 */ '  "$schema": "https://json-schema.org/draft/2020-12/schema",',
    /* 3 */ '  "$defs": {',
    /* 4 */ '    "BackupJob": {',
    /* 5 */ '      "type": "object",',
    /* 6 */ '      "properties": {',
    /* 7 */ '        "type": { "enum": [1, 2] },',
    /* 8 */ '        "tags": {',
    /* 9 */ '          "type": "array",',
    /* 10 */ '          "items": { "type": "string", "minLength": 1 }',
    /* 11 */ '        },',
    /* 12 */ '        "a/b~c": {',
    /* 13 */ '          "oneOf": [{ "type": "string" }, { "type": "object" }]',
    /* 14 */ '        }',
    /* 15 */ '      }',
    /* 16 */ '    }',
    /* 17 */ '  }',
    /* 18 */ '}',
  );
  const { model, diagnostics } = rawJsonModel({ 'jobs.schema.json': text });

  it('has no diagnostics', () => {
    expect(diagnostics).toEqual([]);
  });

  it('$defs entries and their codecs', () => {
    expect(typeById(model, 'BackupJob').source).toEqual({ file: 'jobs.schema.json', line: 4, path: '/$defs/BackupJob' });
    expect(model.elements[0]!.source).toEqual({ file: 'jobs.schema.json', line: 4, path: '/$defs/BackupJob' });
  });

  it('properties and inline types: the pointer of their schema, keys escaped (~0, ~1)', () => {
    expect(props(model, 'BackupJob').map((p) => [p.jsonName, p.source.line, p.source.path])).toEqual([
      ['type', 7, '/$defs/BackupJob/properties/type'],
      ['tags', 8, '/$defs/BackupJob/properties/tags'],
      ['a/b~c', 12, '/$defs/BackupJob/properties/a~1b~0c'],
    ]);
    expect(typeById(model, 'BackupJob/properties/type').source).toEqual({ file: 'jobs.schema.json', line: 7, path: '/$defs/BackupJob/properties/type' });
    expect(typeById(model, 'BackupJob/properties/tags/items').source).toEqual({ file: 'jobs.schema.json', line: 10, path: '/$defs/BackupJob/properties/tags/items' });
    expect(typeById(model, 'BackupJob/properties/a~1b~0c/oneOf/1').source).toEqual({ file: 'jobs.schema.json', line: 13, path: '/$defs/BackupJob/properties/a~1b~0c/oneOf/1' });
  });

  it('the emitted JSDoc names the file, line and pointer', () => {
    const out = generate([{ name: 't', entries: ['/schemas/jobs.schema.json'] }], reader({ 'jobs.schema.json': text })).files.find((f) => f.path === 't/jobs.ts')!.content;
    expect(out).toContain('Schema: $defs `BackupJob` (jobs.schema.json:4 /$defs/BackupJob)');
    expect(out).toContain('Schema: inline schema (jobs.schema.json:7 /$defs/BackupJob/properties/type)');
    expect(out.split('\n')[0]).toBe('// generated by backup-api-codegen 0.1.0 from jobs.schema.json - do not edit');
  });
});

describe('diagnostics: code, file:line, JSON pointer', () => {
  /** The errors of a schema set (first file is the entry unless `entry`), formatted. */
  function errors(files: Files, entry?: readonly string[]): string[] {
    return passedJsonModel(files, entry).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  }
  const one = (defs: Readonly<Record<string, unknown>>): string[] => errors({ 'main.schema.json': jsonSchema(defs) });

  it('unsupported keywords, each at its own line and pointer', () => {
    expect(
      one({
        A: { allOf: [{ type: 'string' }] },
        B: { not: { type: 'string' } },
        C: { if: { type: 'string' }, then: {} },
        D: { type: 'object', patternProperties: { '^x': {} } },
        E: { type: 'array', prefixItems: [{}] },
      }),
    ).toEqual([
      'main.schema.json:5 /$defs/A/allOf: JSON Schema keyword "allOf" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
      'main.schema.json:12 /$defs/B/not: JSON Schema keyword "not" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
      'main.schema.json:17 /$defs/C/if: JSON Schema keyword "if" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
      'main.schema.json:20 /$defs/C/then: JSON Schema keyword "then" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
      'main.schema.json:24 /$defs/D/patternProperties: JSON Schema keyword "patternProperties" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
      'main.schema.json:30 /$defs/E/prefixItems: JSON Schema keyword "prefixItems" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
    ]);
  });

  it('unsupported keywords deep inside properties, items and oneOf; top-level schemas', () => {
    const ds = errors({
      'main.schema.json': jsonSchema(
        { O: { type: 'object', properties: { a: { type: 'array', items: { oneOf: [{ type: 'string', contentEncoding: 'base64' }, { type: 'integer', multipleOf: 2 }] } } } } },
        { type: 'object' },
      ),
    });
    expect(ds).toEqual([
      'main.schema.json:3 /type: top-level "type" is not supported: put named types under $defs [unsupported-construct]',
      'main.schema.json:14 /$defs/O/properties/a/items/oneOf/0/contentEncoding: JSON Schema keyword "contentEncoding" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
      'main.schema.json:18 /$defs/O/properties/a/items/oneOf/1/multipleOf: JSON Schema keyword "multipleOf" is not supported (see schemas/JSON-SCHEMA-CONVENTIONS.md) [unsupported-construct]',
    ]);
  });

  it('$ref to a fragment that is not #/$defs/Name, and to no $defs entry', () => {
    expect(one({ A: { $ref: '#/properties/x' }, B: { $ref: '#/$defs/Nope' }, C: { $ref: 'other.schema.json' }, D: { $ref: '#/$defs/A/properties/x' } })).toEqual([
      'main.schema.json:5 /$defs/A/$ref: "$ref": "#/properties/x" — only references to "#/$defs/Name" (optionally in another file) are supported [unsupported-construct]',
      'main.schema.json:8 /$defs/B/$ref: "$ref": "#/$defs/Nope" names no $defs entry [unresolved-type]',
      'main.schema.json:11 /$defs/C/$ref: "$ref": "other.schema.json" — only references to "#/$defs/Name" (optionally in another file) are supported [unsupported-construct]',
      'main.schema.json:11 /$defs/C/$ref: $ref names "other.schema.json", which does not exist (looked for other.schema.json) [include-missing]',
      'main.schema.json:14 /$defs/D/$ref: "$ref": "#/$defs/A/properties/x" — only references to "#/$defs/Name" (optionally in another file) are supported [unsupported-construct]',
    ]);
  });

  it('a missing referenced file is reported once, where it is referenced', () => {
    expect(one({ A: { $ref: 'missing.schema.json#/$defs/X' } })).toEqual([
      'main.schema.json:5 /$defs/A/$ref: $ref names "missing.schema.json", which does not exist (looked for missing.schema.json) [include-missing]',
    ]);
  });

  it('keywords next to a $ref are reported (2020-12 would apply them), annotations are fine', () => {
    expect(one({ A: { type: 'string' }, B: { $ref: '#/$defs/A', description: 'ok', 'x-ts-name': 'ok', type: ['string', 'null'], minLength: 3 } })).toEqual([
      'main.schema.json:11 /$defs/B/type: "type" next to "$ref" is not supported: only annotations (description, x-ts-name, ...) may sit beside a $ref [unsupported-construct]',
      'main.schema.json:15 /$defs/B/minLength: "minLength" next to "$ref" is not supported: only annotations (description, x-ts-name, ...) may sit beside a $ref [unsupported-construct]',
    ]);
  });

  it('a missing entry file', () => {
    expect(errors({ 'main.schema.json': jsonSchema({ A: {} }) }, ['nope.schema.json'])).toEqual(['nope.schema.json: schema file does not exist [file-not-found]']);
  });

  it('duplicate $defs keys across files: the second, naming the first', () => {
    const files: Files = {
      'a.schema.json': jsonSchema({ Job: { type: 'string' }, X: { $ref: 'b.schema.json#/$defs/Y' } }),
      'b.schema.json': jsonSchema({ Y: { type: 'string' }, Job: { type: 'integer' } }),
    };
    expect(errors(files)).toEqual(['b.schema.json:7 /$defs/Job: $defs "Job" is already defined at a.schema.json:4 [duplicate-definition]']);
    expect(errors(files, ['a.schema.json', 'b.schema.json'])).toEqual(errors(files));
  });

  it('invalid JSON: line and column, for the entry and for a referenced file', () => {
    const bad = lines('{', '  "$schema": "https://json-schema.org/draft/2020-12/schema",', '  "$defs": {', "    'A': {}", '  }', '}');
    expect(errors({ 'main.schema.json': bad })).toEqual(['main.schema.json:4: not valid JSON: InvalidSymbol (column 5) [not-well-formed]']);
    const trailing = lines('{', '  "$defs": { "A": {}, },', '}');
    expect(errors({ 'main.schema.json': jsonSchema({ B: { $ref: 'b.schema.json#/$defs/A' } }), 'b.schema.json': trailing })).toEqual([
      'b.schema.json:2: not valid JSON: PropertyNameExpected (column 23) [not-well-formed]',
    ]);
    expect(errors({ 'main.schema.json': '{ "$defs": {} // comment\n}' })).toEqual(['main.schema.json:1: not valid JSON: InvalidCommentToken (column 15) [not-well-formed]']);
    expect(errors({ 'main.schema.json': '' })).toEqual(['main.schema.json:1: not valid JSON: ValueExpected (column 1) [not-well-formed]']);
  });

  it('duplicate keys in a schema file are an error (JSON.parse would keep the last, the tree the first)', () => {
    const text = lines('{', '  "$schema": "https://json-schema.org/draft/2020-12/schema",', '  "$defs": {', '    "A": { "type": "string", "type": "integer" }', '  }', '}');
    expect(errors({ 'main.schema.json': text })).toEqual(['main.schema.json:4: not valid JSON: duplicate key "type" (column 30) [not-well-formed]']);
  });

  it('missing or old $schema', () => {
    expect(errors({ 'main.schema.json': '{\n  "$defs": { "A": {} }\n}\n' })).toEqual([
      'main.schema.json:1 #: "$schema" must name JSON Schema 2020-12 (https://json-schema.org/draft/2020-12/schema) [not-a-schema]',
    ]);
    expect(errors({ 'main.schema.json': jsonSchema({ A: {} }).replace('2020-12', '2019-09') })).toEqual([
      'main.schema.json:2 /$schema: "$schema" must name JSON Schema 2020-12 (https://json-schema.org/draft/2020-12/schema) [not-a-schema]',
    ]);
    expect(errors({ 'main.schema.json': jsonSchema({ A: {} }, { $schema: 'http://json-schema.org/draft-07/schema#' }) })).toHaveLength(1);
    expect(errors({ 'main.schema.json': '[]' })).toEqual([
      'main.schema.json: the schema set declares no types and no elements [no-output]',
      'main.schema.json:1 #: a JSON Schema file must hold an object [not-a-schema]',
    ]);
  });

  it('a required property that is not declared', () => {
    expect(one({ O: { type: 'object', required: ['a', 'b'], properties: { a: {} } } })).toEqual([
      'main.schema.json:6 /$defs/O/required: required property "b" is not declared in "properties" [invalid-schema]',
    ]);
  });

  it('x-flags: each value must be one bit up to 2^30 (not 3, 0, -1, 1.5, "1", 2^31 or 3 * 2^32)', () => {
    const ds = one({ F: { type: 'integer', 'x-flags': { ok: 1, three: 3, zero: 0, minus: -1, half: 1.5, text: '1', big: 2 ** 31, wraps: 3 * 2 ** 32, top: 2 ** 30 } } });
    expect(ds.map((d) => /\/x-flags\/(\w+):/.exec(d)?.[1])).toEqual(['three', 'zero', 'minus', 'half', 'text', 'big', 'wraps']);
    expect(ds[0]).toBe('main.schema.json:8 /$defs/F/x-flags/three: x-flags "three" must be a single bit (1, 2, 4, ... up to 2^30) [invalid-schema]');
    expect(one({ F: { type: 'integer', 'x-flags': [1, 2] } })).toEqual([
      'main.schema.json:6 /$defs/F/x-flags: "x-flags" must be an object of flag name -> bit value [invalid-schema]',
    ]);
  });

  it('x-flags where it cannot apply (not an integer, an enum, a $ref)', () => {
    const ds = one({ S: { type: 'string', 'x-flags': { a: 1 } }, E: { enum: [1, 2], 'x-flags': { a: 1 } }, N: { 'x-flags': { a: 1 } }, R: { $ref: '#/$defs/S', 'x-flags': { a: 1 } }, Ok: { type: ['integer', 'null'], 'x-flags': { a: 1 } } });
    expect(ds.map((d) => d.split(': ')[0])).toEqual(['main.schema.json:6 /$defs/S/x-flags', 'main.schema.json:15 /$defs/E/x-flags', 'main.schema.json:20 /$defs/N/x-flags', 'main.schema.json:26 /$defs/R/x-flags']);
    expect(ds[0]).toContain('"x-flags" applies to an integer schema');
  });

  it('x-enum-names / x-enum-descriptions: one string per value, distinct names, next to an enum', () => {
    expect(
      one({
        A: { enum: [1, 2], 'x-enum-names': ['One'] },
        B: { enum: [1, 2], 'x-enum-descriptions': ['one', 2] },
        C: { enum: [1, 2], 'x-enum-names': ['Same', 'Same'] },
        D: { type: 'integer', 'x-enum-names': ['One'] },
      }),
    ).toEqual([
      'main.schema.json:9 /$defs/A/x-enum-names: "x-enum-names" must be an array of 2 strings, one per enum value [invalid-schema]',
      'main.schema.json:18 /$defs/B/x-enum-descriptions: "x-enum-descriptions" must be an array of 2 strings, one per enum value [invalid-schema]',
      'main.schema.json:28 /$defs/C/x-enum-names: "x-enum-names" names two values "Same" [invalid-schema]',
      'main.schema.json:35 /$defs/D/x-enum-names: "x-enum-names" needs an "enum" or "const" next to it [invalid-schema]',
    ]);
  });

  it('an invalid pattern (ECMA-262 with the u flag)', () => {
    expect(one({ P: { type: 'string', pattern: '([a-z]' }, Q: { type: 'string', pattern: 7 } })).toEqual([
      'main.schema.json:6 /$defs/P/pattern: pattern "([a-z]": Invalid regular expression: /([a-z]/u: Unterminated group [invalid-pattern]',
      'main.schema.json:10 /$defs/Q/pattern: "pattern" must be a string [invalid-schema]',
    ]);
  });

  it('two properties mapping to the same TS name (x-ts-name, or an escaped name)', () => {
    expect(one({ O: { type: 'object', properties: { 'a-b': { type: 'string', 'x-ts-name': 'ab' }, ab: { type: 'string' } } } })).toEqual([
      'main.schema.json:11 /$defs/O/properties/ab: properties "a-b" and "ab" would both be named "ab" in TypeScript [invalid-schema]',
    ]);
    const text = jsonSchema({ O: { type: 'object', properties: { x__proto__: {}, __proto__$: {} } } }).replace('x__proto__', '__proto__');
    expect(errors({ 'main.schema.json': text })).toEqual([
      'main.schema.json:8 /$defs/O/properties/__proto__$: properties "__proto__" and "__proto__$" would both be named "__proto__$" in TypeScript [invalid-schema]',
    ]);
  });

  it('malformed keyword values', () => {
    const ds = one({
      A: { type: 'strin' },
      B: { type: ['string', 'integer'] },
      C: { type: 'array', minItems: -1, maxItems: 1.5 },
      D: { type: 'string', minimum: 1 },
      E: { enum: [{ a: 1 }] },
      F: { oneOf: [] },
      G: { type: 'object', properties: { a: 5 } },
      H: false,
    });
    expect(ds.map((d) => d.replace(/ \[[a-z-]+\]$/, '').split(': ').slice(0, 2).join(': '))).toEqual([
      'main.schema.json:5 /$defs/A/type: unknown JSON type "strin"',
      'main.schema.json:8 /$defs/B/type: several types ["string","integer"]',
      'main.schema.json:15 /$defs/C/minItems: "minItems" must be a non-negative integer',
      'main.schema.json:16 /$defs/C/maxItems: "maxItems" must be a non-negative integer',
      'main.schema.json:20 /$defs/D/minimum: "minimum" applies to numbers, not string',
      'main.schema.json:23 /$defs/E/enum: enum/const values must be scalars',
      'main.schema.json:30 /$defs/F/oneOf: oneOf/anyOf must be a non-empty array of schemas',
      'main.schema.json:35 /$defs/G/properties/a: a schema must be an object',
      'main.schema.json:38 /$defs/H: the schema `false` (nothing allowed) is not supported',
    ]);
  });

  it('enum next to "type" and facets: values of another type, a nullable type without null, facets', () => {
    expect(
      one({
        A: { type: 'string', enum: ['a', 1] },
        B: { type: 'integer', const: 1.5 },
        C: { type: ['integer', 'null'], enum: [1, 2] },
        D: { type: 'string', enum: ['a', 'bb'], maxLength: 1 },
        Ok: { type: ['integer', 'null'], enum: [1, null] },
        AlsoOk: { type: 'number', enum: [1, 2.5] },
      }),
    ).toEqual([
      'main.schema.json:8 /$defs/A/enum/1: enum value 1 is not of "type" "string" [invalid-schema]',
      'main.schema.json:13 /$defs/B/const: enum value 1.5 is not of "type" "integer" [invalid-schema]',
      'main.schema.json:16 /$defs/C/type: "type" allows null but the enum does not list null (JSON Schema would refuse null): add null to the enum or drop it from "type" [invalid-schema]',
      'main.schema.json:31 /$defs/D/maxLength: "maxLength" next to enum/const is not supported (it would not be applied to the values) [unsupported-construct]',
    ]);
  });

  it('cycles through $ref / oneOf / anyOf only: the codec would recurse without end', () => {
    expect(
      one({
        A: { $ref: '#/$defs/B' },
        B: { $ref: '#/$defs/A' },
        Self: { $ref: '#/$defs/Self' },
        U: { oneOf: [{ $ref: '#/$defs/U' }, { type: 'string' }] },
        Tree: { type: 'object', properties: { kids: { type: 'array', items: { $ref: '#/$defs/Tree' } }, next: { oneOf: [{ $ref: '#/$defs/Tree' }, { type: 'null' }] } } },
      }),
    ).toEqual([
      'main.schema.json:4 /$defs/A: a cycle of $ref / oneOf / anyOf without an object or array in between (A -> B -> A): its codec would recurse without end [unsupported-construct]',
      'main.schema.json:10 /$defs/Self: a cycle of $ref / oneOf / anyOf without an object or array in between (Self -> Self): its codec would recurse without end [unsupported-construct]',
      'main.schema.json:13 /$defs/U: a cycle of $ref / oneOf / anyOf without an object or array in between (U -> U): its codec would recurse without end [unsupported-construct]',
    ]);
  });

  it('nested $defs, malformed required / properties / x-ts-name, reserved json: keys', () => {
    expect(
      one({
        A: { type: 'object', $defs: { B: { type: 'striiing' } } },
        C: { type: 'object', required: 'a', properties: [] },
        D: { type: 'object', properties: { a: { type: 'string', 'x-ts-name': 5 } } },
        'json:string': { type: 'integer' },
      }),
    ).toEqual([
      'main.schema.json:6 /$defs/A/$defs: "$defs" inside a schema is not supported: put named types under the top-level $defs [unsupported-construct]',
      'main.schema.json:14 /$defs/C/required: "required" must be an array of property names [invalid-schema]',
      'main.schema.json:15 /$defs/C/properties: "properties" must be an object of property name -> schema [invalid-schema]',
      'main.schema.json:22 /$defs/D/properties/a/x-ts-name: "x-ts-name" must be a string [invalid-schema]',
      'main.schema.json:26 /$defs/json:string: $defs key "json:string": names starting with "json:" are reserved [invalid-schema]',
    ]);
  });

  it('every diagnostic of a run at once, sorted by file and line, across files', () => {
    const files: Files = {
      'main.schema.json': jsonSchema({ A: { allOf: [] }, B: { $ref: 'b.schema.json#/$defs/C' }, D: { type: 'object', required: ['x'] } }),
      'b.schema.json': jsonSchema({ C: { not: {} }, E: { type: 'integer', 'x-flags': { a: 5 } }, A: { type: 'string' } }),
    };
    const all: readonly Diagnostic[] = passedJsonModel(files).diagnostics;
    expect(all.map((d) => `${d.source.file}:${d.source.line} ${d.code}`)).toEqual([
      'b.schema.json:5 unsupported-construct',
      'b.schema.json:10 invalid-schema',
      'b.schema.json:13 duplicate-definition',
      'main.schema.json:5 unsupported-construct',
      'main.schema.json:12 invalid-schema',
    ]);
    expect(() => generate([{ name: 't', entries: ['/schemas/main.schema.json'] }], reader(files))).toThrow('5 error(s) in the schemas; nothing was written');
  });
});

describe('the repository schemas still generate without diagnostics', () => {
  it.each(['jetbackup/jetbackup5.schema.json', 'akeeba/akeeba.schema.json'])('%s', (file) => {
    const d = new Diagnostics();
    buildModel({ name: 'x', entries: [`${repoRoot}/schemas/${file}`] }, d, fileSystemReader(repoRoot));
    expect(d.list().map(formatDiagnostic)).toEqual([]);
  });
});
