/**
 * The XSD front-end (load -> resolve -> model, no passes): source locations, type resolution,
 * effective facets, derivations, group and element references, anonymous type ids, declaration order.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../generator/diagnostics.js';
import { fileSystemReader } from '../../generator/load/files.js';
import { modelFromXsd } from '../../generator/model/from-xsd/index.js';
import type { GroupParticle } from '../../generator/model/model.js';
import { collectSchemaSet } from '../../generator/resolve/includes.js';
import { repoRoot } from '../support/samples.js';
import { complexType, elementsOf, ok, particleOf, rawModel, shape, simpleType, typeById, xsd } from '../support/xsd.js';

const raw = (body: string) => ok(rawModel, body);

describe('source locations', () => {
  const text = xsd(
    [
      /* 2 */ '<xs:complexType name="X">',
      /* 3 */ '  <xs:sequence>',
      /* 4 */ '    <xs:element name="a" type="xs:string"/>',
      /* 5 */ '    <xs:element name="b">',
      /* 6 */ '      <xs:complexType>',
      /* 7 */ '        <xs:sequence><xs:element name="c" type="xs:int"/></xs:sequence>',
      /* 8 */ '      </xs:complexType>',
      /* 9 */ '    </xs:element>',
      /* 10 */ '    <xs:element ref="g"/>',
      /* 11 */ '    <xs:element ref="g"/>',
      /* 12 */ '  </xs:sequence>',
      /* 13 */ '  <xs:attribute name="id" type="xs:string"/>',
      /* 14 */ '</xs:complexType>',
      /* 15 */ '<xs:element name="g" type="xs:string"/>',
    ].join('\n'),
  );
  const { model, diagnostics } = rawModel({ 'main.xsd': text });

  it('has no diagnostics', () => {
    expect(diagnostics).toEqual([]);
  });

  it('named types: file, line and a path by name', () => {
    expect(typeById(model, 'X').source).toEqual({ file: 'main.xsd', line: 2, path: "/xs:schema/xs:complexType[@name='X']" });
  });

  it('element particles: by name when unique among their siblings, by position otherwise', () => {
    const els = elementsOf(particleOf(complexType(model, 'X')));
    expect(els.map((e) => [e.xmlName, e.source.line, e.source.path])).toEqual([
      ['a', 4, "/xs:schema/xs:complexType[@name='X']/xs:sequence/xs:element[@name='a']"],
      ['b', 5, "/xs:schema/xs:complexType[@name='X']/xs:sequence/xs:element[@name='b']"],
      // two refs have no name attribute: numbered among the four xs:element siblings
      ['g', 10, "/xs:schema/xs:complexType[@name='X']/xs:sequence/xs:element[3]"],
      ['g', 11, "/xs:schema/xs:complexType[@name='X']/xs:sequence/xs:element[4]"],
    ]);
  });

  it('attributes and global elements', () => {
    const x = complexType(model, 'X');
    expect(x.attributes[0]!.source).toEqual({ file: 'main.xsd', line: 13, path: "/xs:schema/xs:complexType[@name='X']/xs:attribute[@name='id']" });
    expect(model.elements[0]!.source).toEqual({ file: 'main.xsd', line: 15, path: "/xs:schema/xs:element[@name='g']" });
  });

  it('anonymous types: id and source are the declaration path; a plain step when the tag is unique', () => {
    const anon = model.types.find((t) => t.xmlName === undefined)!;
    expect(anon.id).toBe("main.xsd#/xs:schema/xs:complexType[@name='X']/xs:sequence/xs:element[@name='b']");
    expect(anon.source).toEqual({ file: 'main.xsd', line: 6, path: "/xs:schema/xs:complexType[@name='X']/xs:sequence/xs:element[@name='b']/xs:complexType" });
    expect(elementsOf(particleOf(complexType(model, 'X')))[1]!.type).toBe(anon.id);
  });

  it('the file is shown relative to the working directory of the reader', () => {
    const diagnostics = new Diagnostics();
    const docs = collectSchemaSet([path.join(repoRoot, 'schemas/plesk/common.xsd')], fileSystemReader(repoRoot), diagnostics);
    const m = modelFromXsd('plesk', docs, diagnostics);
    expect(diagnostics.list()).toEqual([]);
    expect(typeById(m, 'string').source).toMatchObject({ file: 'schemas/plesk/common.xsd', path: "/xs:schema/xs:simpleType[@name='string']" });
    expect(typeById(m, 'string').source.line).toBeGreaterThan(1);
  });
});

describe('type resolution', () => {
  const model = raw(`
<xs:simpleType name="string"><xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>
<xs:simpleType name="int"><xs:restriction base="xs:integer"/></xs:simpleType>
<xs:complexType name="T">
  <xs:sequence>
    <xs:element name="own" type="string"/>
    <xs:element name="builtin" type="xs:string"/>
    <xs:element name="count" type="int"/>
    <xs:element name="untyped"/>
    <xs:element name="long" type="xs:long"/>
  </xs:sequence>
  <xs:attribute name="plain"/>
</xs:complexType>`);

  it('unprefixed names are the set\'s own types, xs: names the built-ins, no type is xs:anyType', () => {
    const types = elementsOf(particleOf(complexType(model, 'T'))).map((e) => [e.xmlName, e.type]);
    expect(types).toEqual([
      ['own', 'string'],
      ['builtin', 'xs:string'],
      ['count', 'int'],
      ['untyped', 'xs:anyType'],
      ['long', 'xs:long'],
    ]);
  });

  it('an attribute without a type is xs:anySimpleType', () => {
    expect(complexType(model, 'T').attributes[0]!.type).toBe('xs:anySimpleType');
  });

  it('the set\'s own `int` is an xs:integer (Plesk), whatever its name', () => {
    expect(simpleType(model, 'int').builtin).toBe('integer');
    expect(simpleType(model, 'string').builtin).toBe('string');
  });

  it('any prefix bound to the XSD namespace names the built-ins, and a default XSD namespace too', () => {
    const a = ok(rawModel, '<xs:element name="e" type="xsd:int" xmlns:xsd="http://www.w3.org/2001/XMLSchema"/>');
    expect(a.elements[0]!.type).toBe('xs:int');
    const b = rawModel({
      'main.xsd': '<schema xmlns="http://www.w3.org/2001/XMLSchema"><element name="e" type="boolean"/></schema>',
    });
    expect(b.diagnostics).toEqual([]);
    expect(b.model.elements[0]!.type).toBe('xs:boolean');
  });

  it('types of included files resolve; declaration order is by file (dependencies first), then source order', () => {
    const r = rawModel(
      {
        'main.xsd': xsd('<xs:include schemaLocation="common.xsd"/>\n<xs:complexType name="Z"><xs:sequence><xs:element name="a" type="A"/></xs:sequence></xs:complexType>'),
        'common.xsd': xsd('<xs:simpleType name="B"><xs:restriction base="xs:string"/></xs:simpleType>\n<xs:simpleType name="A"><xs:restriction base="B"/></xs:simpleType>'),
      },
      ['main.xsd'],
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.model.files.map((f) => f.path)).toEqual(['common.xsd', 'main.xsd']);
    expect(r.model.types.map((t) => t.id)).toEqual(['B', 'A', 'Z']);
    expect(simpleType(r.model, 'A').base).toBe('B');
  });
});

describe('effective facets along a derivation chain', () => {
  const model = raw(`
<xs:simpleType name="string"><xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>
<xs:simpleType name="BackupTaskIdType">
  <xs:restriction base="string">
    <xs:minLength value="1"/>
    <xs:pattern value="[\\-]?[0-9]+"/>
  </xs:restriction>
</xs:simpleType>
<xs:simpleType name="ShortTaskId">
  <xs:restriction base="BackupTaskIdType">
    <xs:maxLength value="5"/>
    <xs:pattern value="1[0-9]*"/>
    <xs:pattern value="2[0-9]*"/>
  </xs:restriction>
</xs:simpleType>
<xs:simpleType name="Colour">
  <xs:restriction base="string">
    <xs:enumeration value="red"><xs:annotation><xs:documentation>The red one.</xs:documentation></xs:annotation></xs:enumeration>
    <xs:enumeration value="green"/>
    <xs:enumeration value="blue"/>
  </xs:restriction>
</xs:simpleType>
<xs:simpleType name="Warm"><xs:restriction base="Colour"><xs:enumeration value="red"/></xs:restriction></xs:simpleType>
<xs:simpleType name="Port">
  <xs:restriction base="xs:int"><xs:minInclusive value=" 1 "/><xs:maxExclusive value="65536"/></xs:restriction>
</xs:simpleType>
<xs:simpleType name="HighPort"><xs:restriction base="Port"><xs:minInclusive value="1024"/></xs:restriction></xs:simpleType>`);

  it('Plesk string: xs:string with whiteSpace collapse', () => {
    const t = simpleType(model, 'string');
    expect(t).toMatchObject({ variety: 'atomic', base: 'xs:string', builtin: 'string', facets: { whiteSpace: 'collapse' } });
  });

  it('BackupTaskIdType: inherits collapse, adds minLength and its pattern', () => {
    expect(simpleType(model, 'BackupTaskIdType').facets).toEqual({ whiteSpace: 'collapse', minLength: 1, patterns: [['[\\-]?[0-9]+']] });
  });

  it('patterns: one step per derivation (AND), sibling patterns in one step (OR); other facets accumulate', () => {
    expect(simpleType(model, 'ShortTaskId').facets).toEqual({
      whiteSpace: 'collapse',
      minLength: 1,
      maxLength: 5,
      patterns: [['[\\-]?[0-9]+'], ['1[0-9]*', '2[0-9]*']],
    });
    expect(simpleType(model, 'ShortTaskId').builtin).toBe('string');
  });

  it('enumerations keep their documentation; a derived enumeration replaces the base one', () => {
    expect(simpleType(model, 'Colour').facets.enumeration).toEqual([{ value: 'red', doc: 'The red one.' }, { value: 'green' }, { value: 'blue' }]);
    expect(simpleType(model, 'Warm').facets.enumeration).toEqual([{ value: 'red' }]);
  });

  it('bounds are lexical strings (trimmed); a derived bound overrides the base one', () => {
    expect(simpleType(model, 'Port').facets).toMatchObject({ minInclusive: '1', maxExclusive: '65536' });
    expect(simpleType(model, 'HighPort').facets).toMatchObject({ minInclusive: '1024', maxExclusive: '65536', whiteSpace: 'collapse' });
    expect(simpleType(model, 'HighPort').builtin).toBe('int');
  });

  it('unions and lists: members and item type, with ids for anonymous members', () => {
    const m = raw(`
<xs:simpleType name="positive-integer-or-empty">
  <xs:union memberTypes="xs:positiveInteger">
    <xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction></xs:simpleType>
  </xs:union>
</xs:simpleType>
<xs:simpleType name="Ids"><xs:list itemType="xs:positiveInteger"/></xs:simpleType>
<xs:simpleType name="Words"><xs:list><xs:simpleType><xs:restriction base="xs:token"><xs:maxLength value="3"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType>`);
    const u = simpleType(m, 'positive-integer-or-empty');
    expect(u.variety).toBe('union');
    expect(u.members).toEqual(['xs:positiveInteger', 'positive-integer-or-empty/member1']);
    expect(simpleType(m, 'positive-integer-or-empty/member1').facets.enumeration).toEqual([{ value: '' }]);
    expect(simpleType(m, 'Ids')).toMatchObject({ variety: 'list', itemType: 'xs:positiveInteger', facets: { whiteSpace: 'collapse' } });
    expect(simpleType(m, 'Words').itemType).toBe('Words/item');
    expect(simpleType(m, 'Words/item').facets).toEqual({ whiteSpace: 'collapse', maxLength: 3 });
  });
});

describe('complex type derivation', () => {
  const model = raw(`
<xs:complexType name="resultType">
  <xs:sequence>
    <xs:element name="status" type="xs:string"/>
    <xs:element name="errcode" type="xs:int" minOccurs="0"/>
  </xs:sequence>
  <xs:attribute name="a" type="xs:string"/>
  <xs:attribute name="b" type="xs:string"/>
</xs:complexType>
<xs:complexType name="Ext">
  <xs:complexContent>
    <xs:extension base="resultType">
      <xs:sequence><xs:element name="task-id" type="xs:string"/></xs:sequence>
      <xs:attribute name="c" type="xs:string"/>
    </xs:extension>
  </xs:complexContent>
</xs:complexType>
<xs:complexType name="Ext2">
  <xs:complexContent>
    <xs:extension base="Ext">
      <xs:choice><xs:element name="x" type="xs:string"/><xs:element name="y" type="xs:string"/></xs:choice>
    </xs:extension>
  </xs:complexContent>
</xs:complexType>
<xs:complexType name="AttrsOnly">
  <xs:complexContent><xs:extension base="resultType"><xs:attribute name="d" type="xs:string"/></xs:extension></xs:complexContent>
</xs:complexType>
<xs:complexType name="Restricted">
  <xs:complexContent>
    <xs:restriction base="resultType">
      <xs:sequence><xs:element name="status" type="xs:string"/></xs:sequence>
      <xs:attribute name="a" type="xs:string" use="required"/>
      <xs:attribute name="b" use="prohibited"/>
    </xs:restriction>
  </xs:complexContent>
</xs:complexType>
<xs:complexType name="Emptied"><xs:complexContent><xs:restriction base="resultType"/></xs:complexContent></xs:complexType>
<xs:complexType name="Sized">
  <xs:simpleContent>
    <xs:extension base="xs:unsignedLong"><xs:attribute name="unit" type="xs:string" use="required"/></xs:extension>
  </xs:simpleContent>
</xs:complexType>
<xs:complexType name="SmallSized">
  <xs:simpleContent>
    <xs:restriction base="Sized"><xs:maxInclusive value="1000"/></xs:restriction>
  </xs:simpleContent>
</xs:complexType>
<xs:complexType name="LabeledSized">
  <xs:simpleContent><xs:extension base="Sized"><xs:attribute name="label" type="xs:string"/></xs:extension></xs:simpleContent>
</xs:complexType>`);

  it('extension: the base particles first, then the own ones', () => {
    const t = complexType(model, 'Ext');
    expect(t.derivation).toEqual({ method: 'extension', base: 'resultType' });
    expect(shape(particleOf(t))).toBe('seq(seq(status, errcode?), seq(task-id))');
    expect(t.attributes.map((a) => a.xmlName)).toEqual(['a', 'b', 'c']);
  });

  it('extension of an extension: the whole chain, base-most first', () => {
    expect(shape(particleOf(complexType(model, 'Ext2')))).toBe('seq(seq(seq(status, errcode?), seq(task-id)), choice(x, y))');
    expect(complexType(model, 'Ext2').attributes.map((a) => a.xmlName)).toEqual(['a', 'b', 'c']);
  });

  it('extension with attributes only keeps the base content model', () => {
    const t = complexType(model, 'AttrsOnly');
    expect(shape(particleOf(t))).toBe('seq(status, errcode?)');
    expect(t.attributes.map((a) => a.xmlName)).toEqual(['a', 'b', 'd']);
  });

  it('restriction: its own content model; attributes overridden in place or prohibited', () => {
    const t = complexType(model, 'Restricted');
    expect(t.derivation).toEqual({ method: 'restriction', base: 'resultType' });
    expect(shape(particleOf(t))).toBe('seq(status)');
    expect(t.attributes.map((a) => [a.xmlName, a.required])).toEqual([['a', true]]);
    expect(t.attributes[0]).not.toHaveProperty('prohibited');
  });

  it('restriction without a content model is empty content, base attributes kept', () => {
    const t = complexType(model, 'Emptied');
    expect(t.content).toEqual({ kind: 'empty' });
    expect(t.attributes.map((a) => a.xmlName)).toEqual(['a', 'b']);
  });

  it('simpleContent extension: value type and attributes', () => {
    const t = complexType(model, 'Sized');
    expect(t.content).toEqual({ kind: 'simple', valueType: 'xs:unsignedLong', propName: '' });
    expect(t.attributes.map((a) => [a.xmlName, a.required])).toEqual([['unit', true]]);
  });

  it('simpleContent restriction with facets: an anonymous value type restricting the base value type', () => {
    const t = complexType(model, 'SmallSized');
    expect(t.content).toEqual({ kind: 'simple', valueType: 'SmallSized/value', propName: '' });
    expect(simpleType(model, 'SmallSized/value')).toMatchObject({ base: 'xs:unsignedLong', builtin: 'unsignedLong', facets: { maxInclusive: '1000' } });
    expect(t.attributes.map((a) => a.xmlName)).toEqual(['unit']);
  });

  it('simpleContent extension of a complex type: its value type, base attributes first', () => {
    const t = complexType(model, 'LabeledSized');
    expect(t.content).toMatchObject({ kind: 'simple', valueType: 'xs:unsignedLong' });
    expect(t.attributes.map((a) => a.xmlName)).toEqual(['unit', 'label']);
  });

  it('an empty complex type, and attribute defaults and fixed values', () => {
    const m = raw(`
<xs:complexType name="NoneType"/>
<xs:complexType name="A">
  <xs:attribute name="d" type="xs:string" default="x"/>
  <xs:attribute name="f" type="xs:string" fixed="1.0"/>
</xs:complexType>`);
    expect(complexType(m, 'NoneType')).toMatchObject({ content: { kind: 'empty' }, attributes: [], mixed: false, anyAttribute: false });
    expect(complexType(m, 'A').attributes.map((a) => [a.xmlName, a.default, a.fixed, a.required])).toEqual([
      ['d', 'x', undefined, false],
      ['f', undefined, '1.0', false],
    ]);
  });
});

describe('particles, group references and element references', () => {
  it('occurrence, nillable, default and fixed of elements', () => {
    const m = raw(`
<xs:complexType name="T"><xs:sequence>
  <xs:element name="a" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
  <xs:element name="b" type="xs:string" maxOccurs="3" nillable="true"/>
  <xs:element name="c" type="xs:string" default="x"/>
  <xs:element name="d" type="xs:string" fixed="y"/>
</xs:sequence></xs:complexType>`);
    const els = elementsOf(particleOf(complexType(m, 'T')));
    expect(els.map((e) => [e.xmlName, e.occurs, e.nillable, e.default, e.fixed])).toEqual([
      ['a', { min: 0, max: Infinity }, false, undefined, undefined],
      ['b', { min: 1, max: 3 }, true, undefined, undefined],
      ['c', { min: 1, max: 1 }, false, 'x', undefined],
      ['d', { min: 1, max: 1 }, false, undefined, 'y'],
    ]);
  });

  it('a group ref expands to the group\'s body with the ref\'s occurrence and gen:name hint', () => {
    const m = raw(`
<xs:group name="Pair"><xs:sequence><xs:element name="k" type="xs:string"/><xs:element name="v" type="xs:string"/></xs:sequence></xs:group>
<xs:group name="Named"><xs:choice gen:name="option"><xs:element name="x" type="xs:string"/><xs:element name="y" type="xs:string"/></xs:choice></xs:group>
<xs:complexType name="T"><xs:sequence>
  <xs:group ref="Pair" minOccurs="0" maxOccurs="unbounded" gen:name="entry"/>
  <xs:group ref="Named" maxOccurs="2"/>
</xs:sequence></xs:complexType>`);
    const p = particleOf(complexType(m, 'T')) as GroupParticle;
    expect(shape(p)).toBe('seq(seq(k, v)*, choice(x, y){1,2})');
    const [pair, named] = p.particles as GroupParticle[];
    expect(pair!.nameHint).toBe('entry');
    expect(named!.nameHint).toBe('option');
    expect(pair!.source.path).toBe("/xs:schema/xs:complexType[@name='T']/xs:sequence/xs:group[1]");
  });

  it('an element ref takes the global element\'s name and type, and the ref\'s occurrence', () => {
    const m = raw(`
<xs:element name="item" type="xs:int" nillable="true"/>
<xs:element name="box"><xs:complexType><xs:sequence><xs:element name="label" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
<xs:complexType name="T"><xs:sequence>
  <xs:element ref="item" minOccurs="0" maxOccurs="unbounded"/>
  <xs:element ref="box"/>
</xs:sequence></xs:complexType>`);
    const [item, box] = elementsOf(particleOf(complexType(m, 'T')));
    expect(item).toMatchObject({ xmlName: 'item', type: 'xs:int', nillable: true, occurs: { min: 0, max: Infinity } });
    // the global element's anonymous type is one type, shared by the declaration and every ref
    expect(box!.type).toBe(m.elements.find((e) => e.xmlName === 'box')!.type);
    expect(m.types.filter((t) => t.xmlName === undefined)).toHaveLength(1);
  });

  it('recursion through an element ref to a global element with an anonymous type', () => {
    const m = raw(`
<xs:element name="folder"><xs:complexType><xs:sequence>
  <xs:element name="name" type="xs:string"/>
  <xs:element ref="folder" minOccurs="0" maxOccurs="unbounded"/>
</xs:sequence></xs:complexType></xs:element>`);
    const folder = m.elements[0]!;
    const els = elementsOf(particleOf(complexType(m, folder.type)));
    expect(els.map((e) => [e.xmlName, e.type])).toEqual([['name', 'xs:string'], ['folder', folder.type]]);
  });

  it('recursion through a named type (a tree) and mutual recursion are not circular derivations', () => {
    const m = raw(`
<xs:complexType name="Node"><xs:sequence>
  <xs:element name="label" type="xs:string"/>
  <xs:element name="node" type="Node" minOccurs="0" maxOccurs="unbounded"/>
  <xs:element name="other" type="Other" minOccurs="0"/>
</xs:sequence></xs:complexType>
<xs:complexType name="Other"><xs:sequence><xs:element name="back" type="Node" minOccurs="0"/></xs:sequence></xs:complexType>
<xs:complexType name="Sub"><xs:complexContent><xs:extension base="Node"><xs:sequence><xs:element name="self" type="Sub" minOccurs="0"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`);
    expect(elementsOf(particleOf(complexType(m, 'Node'))).map((e) => e.type)).toEqual(['xs:string', 'Node', 'Other']);
    expect(shape(particleOf(complexType(m, 'Sub')))).toBe('seq(seq(label, node*, other?), seq(self?))');
  });

  it('xs:any: occurrence, namespace and processContents', () => {
    const m = raw('<xs:complexType name="E"><xs:sequence><xs:any namespace="##targetNamespace" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>');
    expect(particleOf(complexType(m, 'E'))).toMatchObject({
      kind: 'sequence',
      particles: [{ kind: 'any', namespace: '##targetNamespace', processContents: 'lax', occurs: { min: 0, max: Infinity } }],
    });
  });

  it('documentation is dedented and kept on types, elements and attributes', () => {
    const m = raw(`
<xs:complexType name="D">
  <xs:annotation><xs:documentation>
      First line.
        Indented.

      Second paragraph.
  </xs:documentation></xs:annotation>
  <xs:sequence><xs:element name="e" type="xs:string"><xs:annotation><xs:documentation>An element.</xs:documentation></xs:annotation></xs:element></xs:sequence>
</xs:complexType>`);
    const d = complexType(m, 'D');
    expect(d.doc).toBe('First line.\n  Indented.\n\nSecond paragraph.');
    expect(elementsOf(particleOf(d))[0]!.doc).toBe('An element.');
  });
});

describe('the real Plesk set', () => {
  it('translates without diagnostics; BackupTaskIdType has the effective facets of the chain', () => {
    const diagnostics = new Diagnostics();
    const docs = collectSchemaSet([path.join(repoRoot, 'schemas/plesk/agent_output.xsd')], fileSystemReader(repoRoot), diagnostics);
    const m = modelFromXsd('plesk/response', docs, diagnostics);
    expect(diagnostics.list()).toEqual([]);
    expect(m.files.map((f) => f.path)).toEqual(['schemas/plesk/common.xsd', 'schemas/plesk/backup.xsd', 'schemas/plesk/agent_output.xsd']);
    const id = simpleType(m, 'BackupTaskIdType');
    expect(id.base).toBe('string');
    expect(id.facets).toMatchObject({ whiteSpace: 'collapse', minLength: 1 });
    expect(id.facets.patterns).toHaveLength(1);
    expect(simpleType(m, 'int').builtin).toBe('integer');
    // extension content: resultType's particles (status, errcode, errtext) come first
    const result = complexType(m, 'schemas/plesk/backup.xsd#' + typeById(m, 'BackupCommandOutput').source.path + "/xs:sequence/xs:element[@name='result']");
    expect(elementsOf(particleOf(result)).map((e) => e.xmlName).slice(0, 4)).toEqual(['status', 'errcode', 'errtext', 'task-id']);
  });
});

describe('documentation', () => {
  it('keeps the text of markup inside xs:documentation, in order', () => {
    const model = raw(
      '<xs:simpleType name="S"><xs:annotation><xs:documentation>a <b>bold</b> c <i>it</i>.</xs:documentation></xs:annotation><xs:restriction base="xs:string"/></xs:simpleType>',
    );
    expect(simpleType(model, 'S').doc).toBe('a bold c it.');
  });
});
