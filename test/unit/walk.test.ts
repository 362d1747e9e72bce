/** The value walker (validate and encode) agrees with the decoder on edge cases of simple values and nil. */
import { describe, expect, it } from 'vitest';
import { xs } from '../../templates/runtime/builtins.js';
import { codec } from '../../templates/runtime/codec.js';
import { attr, complex, el, elements, EMPTY, seq, simple, simpleContent, type TypeDesc } from '../../templates/runtime/schema.js';
import { XSI_NS as XSI } from '../../templates/runtime/walk.js';

/** A codec of <l> whose one child <t> (maxOccurs 1) has type `t`. */
const one = (t: () => TypeDesc) => codec<{ t: unknown }>('l', () => complex('L', elements(seq([el('t', 't', t)]))));

describe('list-valued elements (maxOccurs 1)', () => {
  const Tokens = simple('Tokens', 'NMTOKENS', { maxLength: 3 });
  const IntList = simple('IntList', 'int', { item: () => xs.int });
  const IntsOrWord = simple('IntsOrWord', 'anySimpleType', { members: [() => IntList, () => xs.NCName] });
  const cases: [string, () => TypeDesc, string, unknown][] = [
    ['xs:NMTOKENS', () => xs.NMTOKENS, 'a b', ['a', 'b']],
    ['xs:IDREFS', () => xs.IDREFS, 'a b', ['a', 'b']],
    ['xs:ENTITIES', () => xs.ENTITIES, 'a', ['a']],
    ['a restriction of xs:NMTOKENS', () => Tokens, 'a b c', ['a', 'b', 'c']],
    ['a union with a list member', () => IntsOrWord, '1 2', [1, 2]],
    ['simple content of a list type', () => complex('C', simpleContent('value', () => xs.NMTOKENS)), 'x y', ['x', 'y']],
  ];
  for (const [label, type, text, value] of cases) {
    it(`${label}: validate and encode accept what decode gives`, () => {
      const c = one(type);
      const decoded = c.decode(`<l><t>${text}</t></l>`);
      expect(decoded).toEqual({ t: value });
      expect(c.validate(decoded)).toEqual([]);
      expect(c.encode(decoded)).toBe(`<l><t>${text}</t></l>`);
    });
  }

  it('still refuses an array for an atomic type, and a wrong array for a list type', () => {
    expect(one(() => xs.string).validate({ t: ['a'] })).toMatchObject([{ path: '/l/t', code: 'wrong-type' }]);
    expect(one(() => IntsOrWord).validate({ t: ['a'] })).toMatchObject([{ path: '/l/t' }]);
    expect(one(() => Tokens).validate({ t: ['a', 'b', 'c', 'd'] })).toMatchObject([{ path: '/l/t', code: 'max-length' }]);
    expect(one(() => xs.NMTOKENS).validate({ t: [] })).toMatchObject([{ path: '/l/t', code: 'invalid-value' }]);
  });
});

describe('null for a nillable element (xsi:nil)', () => {
  const Marker = complex('Marker', EMPTY, { attributes: [attr('id', 'id', () => xs.int, { required: true }), attr('note', 'note', () => xs.string)] });
  const Loose = complex('Loose', EMPTY, { attributes: [attr('note', 'note', () => xs.string)] });
  const T = complex('T', elements(seq([el('m', 'm', () => Marker, { nillable: true, min: 0 }), el('n', 'n', () => Loose, { nillable: true, min: 0 })])));
  const c = codec<{ m?: unknown; n?: unknown }>('t', () => T);

  it('is refused when the type has a required attribute, which null cannot carry', () => {
    expect(c.validate({ m: null })).toMatchObject([{ path: '/t/m/@id', code: 'missing-attribute' }]);
    expect(() => c.encode({ m: null })).toThrow(/\/t\/m\/@id/);
    // what the walker refuses, the decoder refuses too
    expect(c.validateXml(`<t><m xmlns:xsi="${XSI}" xsi:nil="true"/></t>`)).toMatchObject([{ path: '/t/m/@id', code: 'missing-attribute' }]);
  });

  it('is accepted when the attributes are optional', () => {
    expect(c.validate({ n: null })).toEqual([]);
    const xml = c.encode({ n: null });
    expect(xml).toBe(`<t><n xmlns:xsi="${XSI}" xsi:nil="true"/></t>`);
    expect(c.decode(xml)).toEqual({ n: null });
  });

  it('is refused at the root for a type with a required attribute', () => {
    const root = codec<unknown>('m', () => Marker, { nillable: true });
    expect(root.validate(null)).toMatchObject([{ path: '/m/@id', code: 'missing-attribute' }]);
  });
});

describe('fixed values', () => {
  const T = complex(
    'T',
    elements(
      seq([
        el('format', 'format', () => xs.decimal, { fixed: '1.50' }),
        el('count', 'count', () => xs.int, { fixed: '+7', min: 0 }),
        el('mode', 'mode', () => xs.token, { fixed: 'a  b', min: 0 }),
      ]),
    ),
    { attributes: [attr('version', 'version', () => xs.int, { fixed: '01' })] },
  );
  const c = codec<Record<string, unknown>>('t', () => T);

  it('are written as the schema writes them (libxml2 compares the text), when the value equals them', () => {
    const xml = c.encode({ version: 1, format: '1.5', count: 7, mode: 'a b' });
    expect(xml).toBe('<t version="01"><format>1.50</format><count>+7</count><mode>a  b</mode></t>');
    expect(c.decode(xml)).toEqual({ version: 1, format: '1.5', count: 7, mode: 'a b' });
  });

  it('still refuses another value', () => {
    expect(c.validate({ version: 2, format: '1.6', count: 8, mode: 'a' }).map((i) => [i.path, i.code])).toEqual([
      ['/t/@version', 'fixed-value'],
      ['/t/format', 'fixed-value'],
      ['/t/count', 'fixed-value'],
      ['/t/mode', 'fixed-value'],
    ]);
  });
});
