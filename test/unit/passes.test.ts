/**
 * The passes: normalize-particles (each rule, and what must stay as it is), reachability and
 * assign-names. Particles are built by hand for the rules; schemas go through memoryReader otherwise.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/diagnostics.js';
import { fileSystemReader } from '../../generator/load/files.js';
import type { ElementParticle, GroupParticle, Occurs, Particle, SchemaModel } from '../../generator/model/model.js';
import { DEFAULT_GROUP_PROPERTY } from '../../generator/passes/assign-names.js';
import { PASSES } from '../../generator/passes/index.js';
import { mergeOccurs, normalize, normalizeParticles } from '../../generator/passes/normalize-particles.js';
import { reachability } from '../../generator/passes/reachability.js';
import { buildModel, RUNTIME_EXPORTS } from '../../generator/pipeline.js';
import { repoRoot } from '../support/samples.js';
import { complexType, ok, particleOf, passedModel, rawModel, shape, typeByName, xsd } from '../support/xsd.js';

const SRC = { file: 't.xsd', line: 1, path: '/t' };
const occ = (min = 1, max = 1): Occurs => ({ min, max });
const el = (name: string, min = 1, max = 1): ElementParticle => ({
  kind: 'element', xmlName: name, propName: '', type: 'xs:string', occurs: occ(min, max), nillable: false, source: SRC,
});
const group = (kind: GroupParticle['kind']) => (particles: Particle[], min = 1, max = 1, nameHint?: string): GroupParticle => ({
  kind, occurs: occ(min, max), particles, propName: '', ...(nameHint !== undefined ? { nameHint } : {}), source: SRC,
});
const seq = group('sequence');
const choice = group('choice');
const all = group('all');
const U = Infinity;

const norm = (p: Particle): string => {
  const n = normalize(p);
  return n ? shape(n) : '(nothing)';
};

describe('normalize-particles', () => {
  describe('a group of one particle becomes that particle', () => {
    it.each([
      ['sequence minOccurs=0 (settings) = settings?', seq([el('settings')], 0), 'settings?'],
      ['repeating sequence of one element = repeating element', seq([el('setting')], 1, U), 'setting+'],
      ['(x?)? = x?', seq([el('x', 0)], 0), 'x?'],
      ['(x*)? = x*', seq([el('x', 0, U)], 0), 'x*'],
      ['(x+)* = x*', seq([el('x', 1, U)], 0, U), 'x*'],
      ['(x+)+ = x+', seq([el('x', 1, U)], 1, U), 'x+'],
      ['(x?)+ = x*', seq([el('x', 0)], 1, U), 'x*'],
      ['(x{2,3}) = x{2,3}', seq([el('x', 2, 3)]), 'x{2,3}'],
      ['(x){2,3} = x{2,3}', seq([el('x')], 2, 3), 'x{2,3}'],
      ['choice of one = its branch', choice([el('only', 0)]), 'only?'],
      ['a sequence of one group = that group', seq([choice([el('a'), el('b')], 0)]), 'choice(a, b)?'],
    ])('%s', (_title, p, expected) => {
      expect(norm(p)).toBe(expected);
    });
  });

  describe('occurrences that are not one range stay nested', () => {
    it.each([
      // (a{2,3}){2}: the generator only merges when one side is exactly once or both are 0/1/unbounded
      ['(a{2,3}){2}', seq([el('a', 2, 3)], 2, 2), 'seq(a{2,3}){2,2}'],
      // (a{2}){0,1} is "none or two": not a range
      ['(a{2})?', seq([el('a', 2, 2)], 0), 'seq(a{2,2})?'],
      // (a?){2}: 0..2, but (a{2}){2} would be 4 only: do not guess
      ['(a?){2}', seq([el('a', 0)], 2, 2), 'seq(a?){2,2}'],
      ['(a+){2,3}', seq([el('a', 1, U)], 2, 3), 'seq(a+){2,3}'],
    ])('%s', (_title, p, expected) => {
      expect(norm(p)).toBe(expected);
    });

    it('mergeOccurs is exact or undefined', () => {
      expect(mergeOccurs(occ(2, 2), occ(2, 3))).toBeUndefined();
      expect(mergeOccurs(occ(0, 1), occ(2, 2))).toBeUndefined();
      expect(mergeOccurs(occ(1, 1), occ(2, 3))).toEqual(occ(2, 3));
      expect(mergeOccurs(occ(2, 3), occ(1, 1))).toEqual(occ(2, 3));
      expect(mergeOccurs(occ(0, U), occ(1, U))).toEqual(occ(0, U));
    });
  });

  describe('splicing', () => {
    it('a sequence directly inside a sequence is spliced into it', () => {
      expect(norm(seq([el('a'), seq([el('b'), el('c')]), el('d')]))).toBe('seq(a, b, c, d)');
    });

    it('a choice directly inside a choice is spliced into it', () => {
      expect(norm(choice([el('all'), choice([el('only-mail'), el('only-hosting')])]))).toBe('choice(all, only-mail, only-hosting)');
    });

    it('deeply nested same-kind groups are flattened', () => {
      expect(norm(seq([seq([seq([el('a'), el('b')]), el('c')]), el('d')]))).toBe('seq(a, b, c, d)');
    });

    it.each([
      ['a sequence inside a choice', choice([el('id'), seq([el('host'), el('port')])]), 'choice(id, seq(host, port))'],
      ['a choice inside a sequence', seq([el('a'), choice([el('b'), el('c')])]), 'seq(a, choice(b, c))'],
      ['an optional inner sequence (all or nothing)', seq([el('realm'), seq([el('login'), el('password')], 0)]), 'seq(realm, seq(login, password)?)'],
      ['a repeating inner sequence', seq([el('a'), seq([el('k'), el('v')], 1, U)]), 'seq(a, seq(k, v)+)'],
      ['a repeating inner choice', choice([el('a'), choice([el('b'), el('c')], 0, U)]), 'choice(a, choice(b, c)*)'],
      ['an xs:all inside an xs:all (never spliced)', all([el('a'), all([el('b'), el('c')])]), 'all(a, all(b, c))'],
    ])('not spliced: %s', (_title, p, expected) => {
      expect(norm(p)).toBe(expected);
    });

    it('a named inner group (gen:name) is not spliced', () => {
      const n = normalize(seq([el('a'), seq([el('b'), el('c')], 1, 1, 'pair')]))! as GroupParticle;
      expect(shape(n)).toBe('seq(a, seq(b, c))');
      expect((n.particles[1] as GroupParticle).nameHint).toBe('pair');
    });
  });

  describe('empty groups', () => {
    it('an empty sequence disappears; a content of only empty sequences is nothing', () => {
      expect(norm(seq([el('a'), seq([]), el('b')]))).toBe('seq(a, b)');
      expect(norm(seq([seq([]), seq([seq([])])]))).toBe('(nothing)');
    });

    it('an empty branch makes a choice optional', () => {
      expect(norm(choice([el('a'), seq([]), el('b')]))).toBe('choice(a, b)?');
      expect(norm(choice([el('a'), seq([])], 1, U))).toBe('a*');
    });

    it('an empty choice is kept (it matches nothing, unlike an empty sequence)', () => {
      expect(norm(seq([el('a'), choice([])]))).toBe('seq(a, choice())');
      expect(norm(choice([], 1, U))).toBe('choice()+');
    });

    it('an optional empty choice matches only the empty sequence: it disappears', () => {
      expect(norm(seq([el('a'), choice([], 0)]))).toBe('a');
      expect(norm(choice([], 0, U))).toBe('(nothing)');
    });
  });

  describe('what stays as it is', () => {
    it.each([
      ['an xs:all of one element', all([el('a', 0)]), 'all(a?)'],
      ['an optional xs:all', all([el('a'), el('b')], 0), 'all(a, b)?'],
      ['a lone element', el('a', 0, U), 'a*'],
      ['a repeating named group of one group', seq([choice([el('a'), el('b')])], 1, U, 'op'), 'seq(choice(a, b))+'],
    ])('%s', (_title, p, expected) => {
      expect(norm(p)).toBe(expected);
    });

    it('a repeating named group of one element becomes the repeating element', () => {
      expect(norm(seq([el('a')], 0, U, 'entry'))).toBe('a*');
    });
  });

  it('as a pass: content that normalizes to nothing becomes empty content', () => {
    const m = ok(rawModel, '<xs:complexType name="E"><xs:sequence><xs:sequence/></xs:sequence></xs:complexType><xs:complexType name="F"><xs:sequence><xs:sequence minOccurs="0"><xs:element name="s" type="xs:string"/></xs:sequence></xs:sequence></xs:complexType>');
    const after = normalizeParticles.run(m, { diagnostics: new Diagnostics(), runtimeExports: RUNTIME_EXPORTS });
    expect(complexType(after, 'E').content).toEqual({ kind: 'empty' });
    expect(shape(particleOf(complexType(after, 'F')))).toBe('s?');
    // the input model is not changed
    expect(shape(particleOf(complexType(m, 'F')))).toBe('seq(seq(s)?)');
  });
});

describe('reachability', () => {
  const run = (m: SchemaModel) => reachability.run(m, { diagnostics: new Diagnostics(), runtimeExports: RUNTIME_EXPORTS });

  it('drops the Plesk legacy types that no global element reaches', () => {
    for (const entry of ['agent_input.xsd', 'agent_output.xsd']) {
      const d = new Diagnostics();
      const m = buildModel({ name: entry, entries: [path.join(repoRoot, 'schemas/plesk', entry)] }, d, fileSystemReader(repoRoot));
      expect(d.list()).toEqual([]);
      const ids = new Set(m.types.map((t) => t.id));
      for (const legacy of ['BackiupClientOutput', 'BackupClientOutput', 'BackupServerOutput', 'BackupResellerOutput', 'BackupGetBackupProcessesInput', 'BackupGetBackupProcessesOutput']) {
        expect(ids.has(legacy), `${entry}: ${legacy}`).toBe(false);
      }
      expect(ids.has(entry === 'agent_input.xsd' ? 'BackupInputType' : 'BackupOutputType')).toBe(true);
      expect(ids.has('string')).toBe(true);
    }
  });

  it('keeps types reached through elements, attributes, bases, value types, union members and list items', () => {
    const m = ok(rawModel, `
<xs:element name="root" type="Root"/>
<xs:complexType name="Root"><xs:complexContent><xs:extension base="Base"><xs:sequence><xs:element name="e" type="E"/></xs:sequence><xs:attribute name="a" type="A"/></xs:extension></xs:complexContent></xs:complexType>
<xs:complexType name="Base"><xs:sequence><xs:element name="v" type="V"/></xs:sequence></xs:complexType>
<xs:complexType name="V"><xs:simpleContent><xs:extension base="S"/></xs:simpleContent></xs:complexType>
<xs:simpleType name="S"><xs:restriction base="xs:string"/></xs:simpleType>
<xs:simpleType name="E"><xs:union memberTypes="M xs:int"/></xs:simpleType>
<xs:simpleType name="M"><xs:list itemType="I"/></xs:simpleType>
<xs:simpleType name="I"><xs:restriction base="xs:int"/></xs:simpleType>
<xs:simpleType name="A"><xs:restriction base="xs:string"/></xs:simpleType>
<xs:simpleType name="Unused"><xs:restriction base="xs:string"/></xs:simpleType>
<xs:complexType name="AlsoUnused"><xs:sequence><xs:element name="x" type="Root"/></xs:sequence></xs:complexType>`);
    expect(run(m).types.map((t) => t.id)).toEqual(['Root', 'Base', 'V', 'S', 'E', 'M', 'I', 'A']);
  });

  it('keeps recursive types once and the anonymous types of global elements', () => {
    const m = ok(rawModel, `
<xs:element name="tree"><xs:complexType><xs:sequence><xs:element name="node" type="Node"/></xs:sequence></xs:complexType></xs:element>
<xs:complexType name="Node"><xs:sequence><xs:element name="node" type="Node" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`);
    expect(run(m).types.map((t) => t.xmlName ?? '(anonymous)')).toEqual(['(anonymous)', 'Node']);
  });

  it('a set without global elements keeps every type', () => {
    const m = ok(rawModel, `
<xs:complexType name="A"><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence></xs:complexType>
<xs:simpleType name="B"><xs:restriction base="xs:string"/></xs:simpleType>`);
    expect(run(m)).toBe(m);
    expect(run(m).types.map((t) => t.id)).toEqual(['A', 'B']);
  });
});

describe('reachability with entry files', () => {
  it('keeps the types the entry declares even when an included file declares a global element (Plesk descriptor.xsd)', () => {
    const d = new Diagnostics();
    const m = buildModel({ name: 'b', entries: [path.join(repoRoot, '../shared/reference/plesk/xsd-2014/backup.xsd')] }, d, fileSystemReader(repoRoot));
    expect(d.list().filter((x) => x.severity === 'error')).toEqual([]);
    const names = new Set(m.types.map((t) => t.xmlName));
    for (const t of ['BackupInputType', 'BackupOutputType', 'BackupDomainInput', 'BackiupClientOutput', 'id_type', 'resultType']) expect(names.has(t), t).toBe(true);
    expect(m.elements.map((e) => e.xmlName)).toEqual(['descriptor']);
    // plesk_domain.xsd's own types that backup.xsd does not use are not part of this API
    expect(names.has('domainGenInfoType')).toBe(false);
    expect(names.has('domainDatasetType')).toBe(false);
  });

  it('an included file\'s unused types are left out (the Plesk request set does not reach the legacy types)', () => {
    const d = new Diagnostics();
    const m = buildModel({ name: 'r', entries: [path.join(repoRoot, 'schemas/plesk/agent_input.xsd')] }, d, fileSystemReader(repoRoot));
    const names = new Set(m.types.map((t) => t.xmlName));
    expect(names.has('BackiupClientOutput')).toBe(false);
    expect(names.has('BackupInputType')).toBe(true);
  });
});

describe('assign-names', () => {
  const named = (body: string) => ok(passedModel, body);

  it('anonymous types are named after their owner: BackupCommandOutputResult', () => {
    const d = new Diagnostics();
    const m = buildModel({ name: 'r', entries: [path.join(repoRoot, 'schemas/plesk/agent_output.xsd')] }, d, fileSystemReader(repoRoot));
    expect(d.list()).toEqual([]);
    const result = typeByName(m, 'BackupCommandOutputResult');
    expect(result.xmlName).toBeUndefined();
    expect(result.source.path).toBe("/xs:schema/xs:complexType[@name='BackupCommandOutput']/xs:sequence/xs:element[@name='result']/xs:complexType");
    expect(m.elements.map((e) => e.tsName)).toEqual(['PacketCodec']);
    expect(m.files.map((f) => f.moduleName)).toEqual(['common', 'backup', 'agent-output']);
  });

  it('anonymous types nested three deep, of attributes, union members, list items and simple content', () => {
    const m = named(`
<xs:element name="packet"><xs:complexType><xs:sequence>
  <xs:element name="backup-manager"><xs:complexType><xs:sequence>
    <xs:element name="result"><xs:complexType><xs:sequence><xs:element name="x" type="xs:string"/></xs:sequence>
      <xs:attribute name="kind"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="a"/></xs:restriction></xs:simpleType></xs:attribute>
    </xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:sequence></xs:complexType></xs:element>
<xs:simpleType name="U"><xs:union><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction></xs:simpleType></xs:union></xs:simpleType>
<xs:simpleType name="L"><xs:list><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:list></xs:simpleType>
<xs:complexType name="SC"><xs:simpleContent><xs:restriction base="T"><xs:maxLength value="3"/></xs:restriction></xs:simpleContent></xs:complexType>
<xs:complexType name="T"><xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent></xs:complexType>`);
    // U, L, SC and T are not reachable from `packet`, but the entry file declares them: they are
    // part of its API (reachability), and their anonymous types are named after them
    expect(m.types.map((t) => t.tsName)).toEqual([
      'Packet', 'PacketBackupManager', 'PacketBackupManagerResult', 'PacketBackupManagerResultKind',
      'U', 'UMember1', 'UMember2', 'L', 'LItem', 'SC', 'SCValue', 'T',
    ]);
    const all = ok(passedModel, `
<xs:simpleType name="U"><xs:union><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction></xs:simpleType></xs:union></xs:simpleType>
<xs:simpleType name="L"><xs:list><xs:simpleType><xs:restriction base="xs:int"/></xs:simpleType></xs:list></xs:simpleType>
<xs:complexType name="T"><xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent></xs:complexType>
<xs:complexType name="SC"><xs:simpleContent><xs:restriction base="T"><xs:maxLength value="3"/></xs:restriction></xs:simpleContent></xs:complexType>`);
    expect(all.types.map((t) => t.tsName)).toEqual(['U', 'UMember1', 'UMember2', 'L', 'LItem', 'T', 'SC', 'SCValue']);
  });

  it('type name collisions (case, punctuation, reserved words, runtime exports) get suffixes in source order', () => {
    const m = named(`
<xs:complexType name="a-b"/><xs:complexType name="aB"/><xs:complexType name="AB"/>
<xs:simpleType name="String"><xs:restriction base="xs:string"/></xs:simpleType>
<xs:simpleType name="string"><xs:restriction base="xs:string"/></xs:simpleType>
<xs:complexType name="Codec"/><xs:complexType name="OneOf"/><xs:complexType name="class"/>
<xs:complexType name="utf8"/><xs:complexType name="UTF8"/>`);
    expect(m.types.map((t) => [t.xmlName, t.tsName])).toEqual([
      ['a-b', 'AB'],
      ['aB', 'AB2'],
      ['AB', 'AB3'],
      ['String', 'String$'],
      ['string', 'String2'],
      ['Codec', 'Codec$'],
      ['OneOf', 'OneOf$'],
      ['class', 'Class'],
      ['utf8', 'Utf8'],
      ['UTF8', 'UTF8_2'],
    ]);
  });

  it('codec names share the type scope', () => {
    const m = named(`
<xs:complexType name="PacketCodec"/>
<xs:element name="packet" type="PacketCodec"/>`);
    expect(m.types.map((t) => t.tsName)).toEqual(['PacketCodec']);
    expect(m.elements.map((e) => e.tsName)).toEqual(['PacketCodec2']);
  });

  it('properties: camelCase in document order; an attribute clashing with an element gets `Attr`', () => {
    const m = named(`
<xs:complexType name="T">
  <xs:sequence>
    <xs:element name="split-size" type="xs:int"/>
    <xs:element name="id" type="xs:int"/>
    <xs:element name="a-b" type="xs:int"/>
    <xs:element name="aB" type="xs:int"/>
    <xs:element name="constructor" type="xs:int"/>
  </xs:sequence>
  <xs:attribute name="id" type="xs:string"/>
  <xs:attribute name="idAttr" type="xs:string"/>
  <xs:attribute name="class" type="xs:string"/>
</xs:complexType>
<xs:complexType name="S"><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="value" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>`);
    const t = complexType(m, 'T');
    const els = (particleOf(t) as GroupParticle).particles.map((p) => (p as ElementParticle).propName);
    expect(els).toEqual(['splitSize', 'id', 'aB', 'aB2', 'constructor$']);
    expect(t.attributes.map((a) => a.propName)).toEqual(['idAttr', 'idAttrAttr', 'class']);
    const s = complexType(m, 'S');
    expect(s.content).toMatchObject({ kind: 'simple', propName: 'value' });
    expect(s.attributes.map((a) => a.propName)).toEqual(['valueAttr']);
  });

  it('repeating groups: the array property is named by gen:name or `items`; each iteration is a fresh scope', () => {
    const m = named(`
<xs:complexType name="T"><xs:sequence>
  <xs:element name="items" type="xs:string"/>
  <xs:choice maxOccurs="unbounded"><xs:element name="add" type="xs:string"/><xs:element name="items" type="xs:string"/></xs:choice>
  <xs:sequence maxOccurs="unbounded" gen:name="key-value"><xs:element name="key" type="xs:string"/><xs:element name="items" type="xs:string"/></xs:sequence>
  <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="x" type="xs:string"/><xs:element name="y" type="xs:string"/></xs:choice>
</xs:sequence></xs:complexType>`);
    expect(DEFAULT_GROUP_PROPERTY).toBe('items');
    const [plain, ops, pairs, more] = (particleOf(complexType(m, 'T')) as GroupParticle).particles as [ElementParticle, GroupParticle, GroupParticle, GroupParticle];
    expect(plain.propName).toBe('items');
    expect(ops.propName).toBe('items2');
    expect(ops.particles.map((p) => (p as ElementParticle).propName)).toEqual(['add', 'items']);
    expect(pairs.propName).toBe('keyValue');
    expect(pairs.particles.map((p) => (p as ElementParticle).propName)).toEqual(['key', 'items']);
    expect(more.propName).toBe('items3');
  });

  it('a non-repeating group shares the enclosing object\'s scope', () => {
    const m = named(`
<xs:complexType name="T"><xs:sequence>
  <xs:element name="id" type="xs:string"/>
  <xs:choice><xs:element name="id" type="xs:int"/><xs:element name="name" type="xs:string"/></xs:choice>
</xs:sequence></xs:complexType>`);
    const names = (particleOf(complexType(m, 'T')) as GroupParticle).particles.flatMap((p) =>
      p.kind === 'element' ? [p.propName] : (p as GroupParticle).particles.map((c) => (c as ElementParticle).propName));
    expect(names).toEqual(['id', 'id2', 'name']);
  });

  it('module names: one per schema file, unique', () => {
    const r = passedModel(
      {
        'my_schema.xsd': xsd('<xs:include schemaLocation="sub/my-schema.xsd"/><xs:element name="r" type="T"/>'),
        'sub/my-schema.xsd': xsd('<xs:complexType name="T"/>'),
      },
      ['my_schema.xsd'],
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.model.files.map((f) => [f.path, f.moduleName])).toEqual([
      ['sub/my-schema.xsd', 'my-schema'],
      ['my_schema.xsd', 'my-schema2'],
    ]);
  });

  it('the passes run in this order', () => {
    expect(PASSES.map((p) => p.name)).toEqual(['reachability', 'check-determinism', 'normalize-particles', 'translate-patterns', 'assign-names']);
  });
});
