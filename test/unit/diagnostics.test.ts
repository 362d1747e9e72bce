/**
 * Generator diagnostics: each error has its code, and its formatted message names the file, line and
 * schema path; every diagnostic of a run is reported at once, sorted; a generate with errors writes
 * nothing and exits 2.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../generator/cli.js';
import { DIAGNOSTIC_CODES, formatDiagnostic, GeneratorError, type Diagnostic } from '../../generator/diagnostics.js';
import { generate } from '../../generator/pipeline.js';
import { passedModel, reader, SCHEMA_DIR, xsd, type Files } from '../support/xsd.js';

/** The errors of a schema set (first file is the entry). */
function errors(files: Files, entry?: readonly string[]): Diagnostic[] {
  return passedModel(files, entry).diagnostics.filter((d) => d.severity === 'error');
}

/** Exactly one diagnostic with `code`; returns its formatted message. */
function one(files: Files, code: Diagnostic['code'], entry?: readonly string[]): string {
  const found = errors(files, entry).filter((d) => d.code === code);
  expect(found.map(formatDiagnostic), `exactly one ${code}`).toHaveLength(1);
  return formatDiagnostic(found[0]!);
}

describe('each diagnostic: code, file:line, schema path', () => {
  it('unresolved type: names the type and suggests the include', () => {
    const message = one(
      { 'main.xsd': xsd(['<xs:complexType name="T">', '  <xs:sequence>', '    <xs:element name="result" type="resultType"/>', '  </xs:sequence>', '</xs:complexType>'].join('\n')) },
      'unresolved-type',
    );
    expect(message).toBe(
      "main.xsd:4 /xs:schema/xs:complexType[@name='T']/xs:sequence/xs:element[@name='result']: " +
        'unknown type "resultType" (is the schema that defines it included? this set has: main.xsd) [unresolved-type]',
    );
  });

  it('unresolved type: an unknown xs: built-in, an unknown base', () => {
    const ds = errors({
      'main.xsd': xsd(
        [
          '<xs:simpleType name="S"><xs:restriction base="xs:strin"/></xs:simpleType>',
          '<xs:complexType name="C"><xs:complexContent><xs:extension base="Base"/></xs:complexContent></xs:complexType>',
        ].join('\n'),
      ),
    }).map(formatDiagnostic);
    expect(ds).toEqual([
      "main.xsd:2 /xs:schema/xs:simpleType[@name='S']/xs:restriction: base=\"xs:strin\": xs:strin is not an XSD built-in type [unresolved-type]",
      "main.xsd:3 /xs:schema/xs:complexType[@name='C']/xs:complexContent/xs:extension: unknown type \"Base\" (is the schema that defines it included? this set has: main.xsd) [unresolved-type]",
    ]);
  });

  it('unresolved reference: element, group and attribute refs', () => {
    const ds = errors({
      'main.xsd': xsd('<xs:complexType name="T"><xs:sequence><xs:element ref="nope"/><xs:group ref="G"/></xs:sequence><xs:attribute ref="at"/></xs:complexType>'),
    });
    expect(ds.map((d) => [d.code, d.source.line, d.source.path])).toEqual([
      ['unresolved-reference', 2, "/xs:schema/xs:complexType[@name='T']/xs:attribute"],
      ['unresolved-reference', 2, "/xs:schema/xs:complexType[@name='T']/xs:sequence/xs:element"],
      ['unresolved-reference', 2, "/xs:schema/xs:complexType[@name='T']/xs:sequence/xs:group"],
    ]);
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining('unknown attribute "at"'),
      expect.stringContaining('unknown element "nope"'),
      expect.stringContaining('unknown group "G"'),
    ]);
  });

  it('missing include: where the include is, which file was looked for', () => {
    const message = one({ 'main.xsd': xsd('<xs:include schemaLocation="common.xsd"/>\n<xs:element name="e" type="xs:string"/>') }, 'include-missing');
    expect(message).toBe('main.xsd:2 /xs:schema/xs:include: included schema "common.xsd" does not exist (looked for common.xsd) [include-missing]');
  });

  it('include cycle: the chain of files, at the include that closes it', () => {
    const message = one(
      {
        'a.xsd': xsd('<xs:include schemaLocation="b.xsd"/>\n<xs:element name="e" type="xs:string"/>'),
        'b.xsd': xsd('<xs:include schemaLocation="c.xsd"/>'),
        'c.xsd': xsd('<xs:complexType name="C"/>\n<xs:include schemaLocation="a.xsd"/>'),
      },
      'include-cycle',
    );
    expect(message).toBe('c.xsd:3 /xs:schema/xs:include: include cycle: a.xsd -> b.xsd -> c.xsd -> a.xsd [include-cycle]');
  });

  it('a diamond of includes is not a cycle', () => {
    expect(
      errors({
        'a.xsd': xsd('<xs:include schemaLocation="b.xsd"/><xs:include schemaLocation="c.xsd"/><xs:element name="e" type="D"/>'),
        'b.xsd': xsd('<xs:include schemaLocation="d.xsd"/>'),
        'c.xsd': xsd('<xs:include schemaLocation="d.xsd"/>'),
        'd.xsd': xsd('<xs:complexType name="D"/>'),
      }),
    ).toEqual([]);
  });

  it('duplicate definition: the second one, pointing at the first', () => {
    const message = one(
      {
        'main.xsd': xsd('<xs:include schemaLocation="common.xsd"/>\n<xs:complexType name="T"/>\n<xs:element name="e" type="T"/>'),
        'common.xsd': xsd('<xs:complexType name="T"/>'),
      },
      'duplicate-definition',
    );
    expect(message).toBe("main.xsd:3 /xs:schema/xs:complexType[@name='T']: type \"T\" is already defined at common.xsd:2 [duplicate-definition]");
  });

  it('a simple and a complex type share one symbol space; elements and types do not', () => {
    expect(errors({ 'main.xsd': xsd('<xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType>\n<xs:complexType name="T"/>') }).map((d) => d.code)).toEqual(['duplicate-definition']);
    expect(errors({ 'main.xsd': xsd('<xs:complexType name="T"/>\n<xs:element name="T" type="T"/>') })).toEqual([]);
  });

  describe('unsupported constructs', () => {
    it.each([
      ['xs:import', '<xs:import namespace="urn:x" schemaLocation="x.xsd"/>', 2, '/xs:schema/xs:import', 'xs:import is not supported'],
      ['xs:redefine', '<xs:redefine schemaLocation="x.xsd"/>', 2, '/xs:schema/xs:redefine', 'xs:redefine is not supported'],
      ['substitutionGroup', '<xs:element name="head" type="xs:string"/>\n<xs:element name="member" type="xs:string" substitutionGroup="head"/>', 3, "/xs:schema/xs:element[@name='member']", 'substitutionGroup on an element is not supported'],
      ['abstract', '<xs:element name="head" type="xs:string" abstract="true"/>', 2, "/xs:schema/xs:element[@name='head']", 'abstract on an element is not supported'],
      ['mixed="true"', '<xs:complexType name="M" mixed="true">\n<xs:sequence><xs:element name="b" type="xs:string"/></xs:sequence>\n</xs:complexType>', 2, "/xs:schema/xs:complexType[@name='M']", 'mixed content (mixed="true") is not supported'],
      ['xs:key on a global element', '<xs:element name="k">\n<xs:complexType><xs:sequence><xs:element name="i" type="xs:string"/></xs:sequence></xs:complexType>\n<xs:key name="byI"><xs:selector xpath="i"/><xs:field xpath="."/></xs:key>\n</xs:element>', 4, "/xs:schema/xs:element[@name='k']/xs:key[@name='byI']", 'identity constraint xs:key is not supported'],
      ['xs:unique on a local element', '<xs:complexType name="T"><xs:sequence>\n<xs:element name="l"><xs:unique name="u"><xs:selector xpath="."/><xs:field xpath="."/></xs:unique></xs:element>\n</xs:sequence></xs:complexType>', 3, "/xs:schema/xs:complexType[@name='T']/xs:sequence/xs:element[@name='l']/xs:unique[@name='u']", 'identity constraint xs:unique is not supported'],
      ['a top-level xs:notation', '<xs:notation name="n" public="p"/>', 2, "/xs:schema/xs:notation[@name='n']", 'top-level xs:notation is not supported'],
    ])('%s', (_title, body, line, schemaPath, text) => {
      const message = one({ 'main.xsd': xsd(body) }, 'unsupported-construct');
      expect(message.startsWith(`main.xsd:${line} ${schemaPath}: ${text}`), message).toBe(true);
      expect(message).toMatch(/ \[unsupported-construct\]$/);
    });

    it('targetNamespace, on the schema element', () => {
      const message = one({ 'main.xsd': xsd('<xs:element name="e" type="xs:string"/>', 'targetNamespace="urn:example"') }, 'unsupported-construct');
      expect(message).toBe('main.xsd:1 /xs:schema: targetNamespace="urn:example" is not supported: the generator handles no-namespace schemas (like Plesk\'s) [unsupported-construct]');
    });
  });

  it('invalid pattern: the pattern, why, and the type that declares it', () => {
    const message = one(
      { 'main.xsd': xsd(['<xs:simpleType name="P">', '  <xs:restriction base="xs:string">', '    <xs:pattern value="[a-"/>', '  </xs:restriction>', '</xs:simpleType>'].join('\n')) },
      'invalid-pattern',
    );
    expect(message).toMatch(/^main\.xsd:2 \/xs:schema\/xs:simpleType\[@name='P'\]: pattern "\[a-": .+ \[invalid-pattern\]$/);
  });

  it('invalid pattern inherited by a derived type: still reported once', () => {
    const message = one(
      {
        'main.xsd': xsd(
          [
            '<xs:simpleType name="P"><xs:restriction base="xs:string"><xs:pattern value="[a-"/></xs:restriction></xs:simpleType>',
            '<xs:simpleType name="Q"><xs:restriction base="P"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>',
          ].join('\n'),
        ),
      },
      'invalid-pattern',
    );
    expect(message).toContain('pattern "[a-"');
  });

  it('a name that is not an XML NCName is a warning (no document can contain it), generation goes on', () => {
    const r = passedModel({ 'main.xsd': xsd('<xs:element name="2fa" type="xs:string"/><xs:complexType name="T"><xs:sequence><xs:element name="a b" type="xs:string"/></xs:sequence><xs:attribute name="-x" type="xs:string"/></xs:complexType>') });
    const warnings = r.diagnostics.filter((d) => d.code === 'invalid-schema' && d.severity === 'warning').map((d) => d.message);
    // sorted by file, line, then schema path (the complexType's nodes before the global element)
    expect(warnings).toEqual([
      'attribute name "-x" is not a valid XML name (NCName)',
      'element name "a b" is not a valid XML name (NCName)',
      'element name "2fa" is not a valid XML name (NCName)',
    ]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('xs:all inside a sequence or choice, directly or through a group ref, is an error (XSD 1.0 cos-all-limited)', () => {
    const inSequence = one(
      { 'main.xsd': xsd(['<xs:complexType name="T">', '  <xs:sequence>', '    <xs:element name="first" type="xs:string"/>', '    <xs:all><xs:element name="a" type="xs:int"/></xs:all>', '  </xs:sequence>', '</xs:complexType>'].join('\n')) },
      'invalid-schema',
    );
    expect(inSequence).toBe(
      "main.xsd:5 /xs:schema/xs:complexType[@name='T']/xs:sequence/xs:all: xs:all cannot be inside xs:sequence: an xs:all group must be the whole content model [invalid-schema]",
    );
    const viaGroup = one(
      {
        'main.xsd': xsd(
          [
            '<xs:group name="G"><xs:all><xs:element name="a" type="xs:int"/></xs:all></xs:group>',
            '<xs:complexType name="T"><xs:choice><xs:element name="b" type="xs:int"/><xs:group ref="G"/></xs:choice></xs:complexType>',
          ].join('\n'),
        ),
      },
      'invalid-schema',
    );
    expect(viaGroup).toMatch(/^main\.xsd:3 \/xs:schema\/xs:complexType\[@name='T'\]\/xs:choice\/xs:group: xs:group "G" \(an xs:all\) cannot be inside xs:choice/);
    // a whole content model, also through a group ref, is fine
    expect(errors({ 'main.xsd': xsd('<xs:group name="G"><xs:all><xs:element name="a" type="xs:int"/></xs:all></xs:group><xs:complexType name="T"><xs:group ref="G"/></xs:complexType><xs:complexType name="U"><xs:all><xs:element name="a" type="xs:int"/></xs:all></xs:complexType>') })).toEqual([]);
  });

  it('an extension that adds particles to an xs:all content model is an error', () => {
    const message = one(
      {
        'main.xsd': xsd(
          [
            '<xs:complexType name="B"><xs:all><xs:element name="a" type="xs:int"/></xs:all></xs:complexType>',
            '<xs:complexType name="D"><xs:complexContent><xs:extension base="B">',
            '  <xs:sequence><xs:element name="c" type="xs:int"/></xs:sequence>',
            '</xs:extension></xs:complexContent></xs:complexType>',
          ].join('\n'),
        ),
      },
      'invalid-schema',
    );
    expect(message).toMatch(/^main\.xsd:3 \/xs:schema\/xs:complexType\[@name='D'\]\/xs:complexContent\/xs:extension: an extension cannot add particles when the base type's content model is an xs:all/);
    // extending with attributes only keeps the all group whole
    expect(errors({ 'main.xsd': xsd('<xs:complexType name="B"><xs:all><xs:element name="a" type="xs:int"/></xs:all></xs:complexType><xs:complexType name="D"><xs:complexContent><xs:extension base="B"><xs:attribute name="x" type="xs:int"/></xs:extension></xs:complexContent></xs:complexType>') })).toEqual([]);
  });

  it('content models that break Unique Particle Attribution are errors; deterministic ones are not', () => {
    const type = (body: string) => ({ 'main.xsd': xsd(`<xs:complexType name="T">\n${body}\n</xs:complexType>`) });
    expect(one(type('<xs:choice>\n<xs:element name="known" type="xs:int"/>\n<xs:any namespace="##any" processContents="skip"/>\n</xs:choice>'), 'invalid-schema')).toBe(
      "main.xsd:5 /xs:schema/xs:complexType[@name='T']/xs:choice/xs:any: content model of type \"T\" is not deterministic (Unique Particle Attribution): " +
        '<known> can start this xs:any and also an earlier branch of the xs:choice (line 4) [invalid-schema]',
    );
    expect(one(type('<xs:sequence>\n<xs:element name="a" type="xs:int" minOccurs="0"/>\n<xs:element name="a" type="xs:int"/>\n</xs:sequence>'), 'invalid-schema')).toMatch(
      /^main\.xsd:4 \/xs:schema\/xs:complexType\[@name='T'\]\/xs:sequence\/xs:element\[1\]: .*<a> can continue this element <a>, which may occur 0 to 1 times, or start what follows it/,
    );
    expect(errors(type('<xs:choice><xs:element name="a" type="xs:int"/><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:sequence></xs:choice>'))).toHaveLength(1);
    expect(errors(type('<xs:sequence><xs:sequence minOccurs="0"><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int" minOccurs="0"/></xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence>'))).toHaveLength(1);
    // deterministic: the same particle again (another iteration), required separators, counted repeats, a wildcard after the known names
    for (const ok of [
      '<xs:choice maxOccurs="unbounded"><xs:element name="a" type="xs:int" minOccurs="0"/><xs:element name="b" type="xs:int" minOccurs="0"/></xs:choice>',
      '<xs:sequence><xs:element name="a" type="xs:int" maxOccurs="unbounded"/><xs:element name="b" type="xs:int"/><xs:element name="a" type="xs:int" minOccurs="0"/></xs:sequence>',
      '<xs:sequence><xs:element name="a" type="xs:int" minOccurs="2" maxOccurs="2"/><xs:element name="a" type="xs:int"/></xs:sequence>',
      '<xs:sequence><xs:element name="known" type="xs:int"/><xs:any namespace="##any" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>',
      '<xs:choice><xs:element name="a" type="xs:int"/><xs:any namespace="##other" processContents="lax"/></xs:choice>',
    ]) {
      expect(errors(type(ok)), ok).toEqual([]);
    }
  });

  it('not well-formed schema file: the line of the error, no path', () => {
    const message = one({ 'main.xsd': '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n  <xs:element name="a">\n</xs:schema>\n' }, 'not-well-formed');
    expect(message).toMatch(/^main\.xsd:3: not well-formed XML: .*xs:element.* \[not-well-formed\]$/);
  });

  it('not well-formed included file: reported for that file', () => {
    const ds = errors({ 'main.xsd': xsd('<xs:include schemaLocation="bad.xsd"/>'), 'bad.xsd': '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><oops></xs:schema>' });
    expect(ds.filter((d) => d.code === 'not-well-formed').map((d) => d.source.file)).toEqual(['bad.xsd']);
  });

  it('not a schema: the root element is named', () => {
    expect(one({ 'main.xsd': '<schema/>' }, 'not-a-schema')).toBe('main.xsd:1 /schema: root element is <schema>, expected xs:schema (namespace http://www.w3.org/2001/XMLSchema) [not-a-schema]');
  });

  it('maxOccurs < minOccurs', () => {
    const message = one(
      { 'main.xsd': xsd(['<xs:complexType name="T">', '  <xs:sequence>', '    <xs:element name="a" type="xs:string" minOccurs="3" maxOccurs="2"/>', '  </xs:sequence>', '</xs:complexType>'].join('\n')) },
      'invalid-schema',
    );
    expect(message).toBe("main.xsd:4 /xs:schema/xs:complexType[@name='T']/xs:sequence/xs:element[@name='a']: minOccurs (3) is greater than maxOccurs (2) [invalid-schema]");
  });

  it('bad occurrence values', () => {
    const ds = errors({ 'main.xsd': xsd('<xs:complexType name="T"><xs:sequence minOccurs="-1"><xs:element name="a" type="xs:string" maxOccurs="many"/></xs:sequence></xs:complexType>') });
    expect(ds.map((d) => d.message)).toEqual(['minOccurs="-1" is not a non-negative integer', 'maxOccurs="many" is not a non-negative integer or "unbounded"']);
  });

  it('maxOccurs="0" is a warning: the particle is left out and generation goes on', () => {
    const files = { 'main.xsd': xsd('<xs:complexType name="T"><xs:sequence><xs:element name="a" type="xs:string"/><xs:element name="never" type="xs:string" minOccurs="0" maxOccurs="0"/></xs:sequence></xs:complexType>') };
    const r = generate([{ name: 'w', entries: [`${SCHEMA_DIR}/main.xsd`] }], reader(files));
    expect(r.warnings.map(formatDiagnostic)).toEqual([
      "main.xsd:2 /xs:schema/xs:complexType[@name='T']/xs:sequence/xs:element[@name='never']: warning: maxOccurs=\"0\": this particle can never occur and is left out [invalid-schema]",
    ]);
    expect(r.files.find((f) => f.path === 'w/main.ts')!.content).not.toContain('never');
  });

  it('circular derivation', () => {
    const ds = errors({
      'main.xsd': xsd(
        '<xs:complexType name="A"><xs:complexContent><xs:extension base="B"/></xs:complexContent></xs:complexType>\n' +
          '<xs:complexType name="B"><xs:complexContent><xs:extension base="A"/></xs:complexContent></xs:complexType>\n' +
          '<xs:simpleType name="S"><xs:restriction base="S"/></xs:simpleType>',
      ),
    });
    expect(ds.filter((d) => d.code === 'circular-derivation').map((d) => [d.source.line, d.message])).toEqual([
      [3, 'type "A" derives from itself'],
      [4, 'type "S" derives from itself'],
    ]);
  });

  it('a missing entry file', () => {
    expect(one({ 'main.xsd': xsd('') }, 'file-not-found', ['nope.xsd'])).toBe('nope.xsd: schema file does not exist [file-not-found]');
  });

  it('every code in the catalogue has a description', () => {
    for (const [code, text] of Object.entries(DIAGNOSTIC_CODES)) expect(text, code).not.toBe('');
  });
});

describe('all diagnostics at once', () => {
  const files: Files = {
    'main.xsd': xsd(
      [
        '<xs:include schemaLocation="common.xsd"/>',
        '<xs:include schemaLocation="missing.xsd"/>',
        '<xs:import namespace="urn:x"/>',
        '<xs:complexType name="T" mixed="true">',
        '  <xs:sequence>',
        '    <xs:element name="a" type="Unknown"/>',
        '    <xs:element name="b" type="xs:string" minOccurs="2" maxOccurs="1"/>',
        '  </xs:sequence>',
        '</xs:complexType>',
        '<xs:simpleType name="P"><xs:restriction base="xs:string"><xs:pattern value="(a"/></xs:restriction></xs:simpleType>',
        '<xs:element name="root" type="T"/>',
        '<xs:element name="p" type="P"/>',
      ].join('\n'),
    ),
    'common.xsd': xsd('<xs:complexType name="T"/>\n<xs:element name="bad" substitutionGroup="root"/>'),
  };

  it('one run reports every error, sorted by file, line and path', () => {
    let error: GeneratorError | undefined;
    try {
      generate([{ name: 'all', entries: [`${SCHEMA_DIR}/main.xsd`] }], reader(files));
    } catch (e) {
      if (e instanceof GeneratorError) error = e;
      else throw e;
    }
    expect(error).toBeInstanceOf(GeneratorError);
    const lines = error!.diagnostics.map(formatDiagnostic);
    expect(lines.map((l) => /\[([a-z-]+)\]$/.exec(l)![1])).toEqual([
      'unsupported-construct', // common.xsd:3 substitutionGroup
      'include-missing', // main.xsd:3
      'unsupported-construct', // main.xsd:4 xs:import
      'duplicate-definition', // main.xsd:5 T (common.xsd is included first)
      'invalid-pattern', // main.xsd:11
    ]);
    expect(lines[0]).toMatch(/^common\.xsd:3 /);
    expect(lines[1]).toMatch(/^main\.xsd:3 \/xs:schema\/xs:include\[2\]: /);
    expect(lines[2]).toMatch(/^main\.xsd:4 \/xs:schema\/xs:import: /);
    expect(lines[3]).toMatch(/^main\.xsd:5 \/xs:schema\/xs:complexType\[@name='T'\]: /);
    expect(lines[4]).toMatch(/^main\.xsd:11 \/xs:schema\/xs:simpleType\[@name='P'\]: /);
    expect(error!.message).toBe('5 error(s) in the schemas; nothing was written');
  });

  it('errors inside a type are reported with the other errors (no stop at the first)', () => {
    const ds = errors({
      'main.xsd': xsd(
        [
          '<xs:complexType name="T" mixed="true">',
          '  <xs:sequence>',
          '    <xs:element name="a" type="Unknown"/>',
          '    <xs:element name="b" type="xs:string" minOccurs="2" maxOccurs="1"/>',
          '  </xs:sequence>',
          '</xs:complexType>',
          '<xs:simpleType name="P"><xs:restriction base="xs:string"><xs:pattern value="(a"/></xs:restriction></xs:simpleType>',
        ].join('\n'),
      ),
    });
    expect(ds.map((d) => [d.source.line, d.code])).toEqual([
      [2, 'unsupported-construct'],
      [4, 'unresolved-type'],
      [5, 'invalid-schema'],
      [8, 'invalid-pattern'],
    ]);
  });
});

describe('generate with errors writes nothing', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'diagnostics-cli-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('exit code 2, every diagnostic on stderr, the output folder stays empty', async () => {
    const schema = path.join(tmp, 'broken.xsd');
    writeFileSync(
      schema,
      xsd('<xs:complexType name="T"><xs:sequence><xs:element name="a" type="Unknown"/><xs:element name="b" type="Missing"/></xs:sequence></xs:complexType>\n<xs:element name="t" type="T"/>'),
    );
    const out = path.join(tmp, 'out');
    mkdirSync(out);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await main(['generate', '--xsd', schema, '--out', out], { out: (l) => stdout.push(l), err: (l) => stderr.push(l) });
    expect(code).toBe(2);
    expect(readdirSync(out)).toEqual([]);
    expect(stdout).toEqual([]);
    expect(stderr.filter((l) => l.endsWith('[unresolved-type]'))).toHaveLength(2);
    expect(stderr.at(-1)).toBe('error: 2 error(s) in the schemas; nothing was written');
  });

  it('a folder that does not exist is not created', async () => {
    const schema = path.join(tmp, 'cycle.xsd');
    writeFileSync(schema, xsd('<xs:include schemaLocation="cycle.xsd"/><xs:element name="e" type="xs:string"/>'));
    const out = path.join(tmp, 'never');
    const code = await main(['generate', '--xsd', schema, '--out', out], { out: () => {}, err: () => {} });
    expect(code).toBe(2);
    expect(readdirSync(tmp)).not.toContain('never');
  });
});
