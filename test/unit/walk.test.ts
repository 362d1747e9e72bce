/** The value walker (validate and encode) agrees with the decoder on edge cases of simple values and nil. */
import { describe, expect, it } from 'vitest';
import { xs } from '../../templates/runtime/builtins.js';
import { codec } from '../../templates/runtime/codec.js';
import { complex, el, elements, seq, simple, simpleContent, type TypeDesc } from '../../templates/runtime/schema.js';

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
