/**
 * Initializer expressions of the runtime descriptors (`simple(...)`, `complex(...)`, `codec(...)`):
 * the metadata tables the runtime interprets. Printed with indentation that mirrors nesting.
 */
import type { AttributeUse, ComplexType, GlobalElement, Particle, SimpleType, TypeId } from '../model/model.js';
import { defaultWhiteSpace, type BuiltinName } from '../../templates/runtime/schema.js';
import type { References } from './references.js';
import { tsString } from './ts-types.js';

/** `() => X` for a type reference. */
function thunk(id: TypeId, refs: References): string {
  if (id === 'xs:anyType') return `() => ${refs.runtime('anyType')}`;
  if (id.startsWith('xs:')) return `() => ${refs.runtime('xs')}.${id.slice(3)}`;
  return `() => ${refs.type(id)}`;
}

function options(entries: readonly (readonly [string, string | undefined])[]): string {
  const set = entries.filter((e): e is readonly [string, string] => e[1] !== undefined);
  return set.length ? `{ ${set.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : '';
}

function num(n: number): string {
  return n === Infinity ? 'Infinity' : String(n);
}

export function simpleDescriptor(t: SimpleType, refs: References): string {
  const builtin: BuiltinName = (t.builtin ?? 'anySimpleType') as BuiltinName;
  const f = t.facets;
  const ws = f.whiteSpace && f.whiteSpace !== defaultWhiteSpace(builtin, t.variety) ? tsString(f.whiteSpace) : undefined;
  const patterns = f.jsPatterns?.length ? `[${f.jsPatterns.map((step) => `[${step.map((src) => `/${src}/u`).join(', ')}]`).join(', ')}]` : undefined;
  const opts = options([
    ['whiteSpace', ws],
    ['enumeration', f.enumeration?.length ? `[${f.enumeration.map((e) => tsString(e.value)).join(', ')}]` : undefined],
    ['patterns', patterns],
    ['length', f.length !== undefined ? String(f.length) : undefined],
    ['minLength', f.minLength !== undefined ? String(f.minLength) : undefined],
    ['maxLength', f.maxLength !== undefined ? String(f.maxLength) : undefined],
    ['minInclusive', f.minInclusive !== undefined ? tsString(f.minInclusive) : undefined],
    ['maxInclusive', f.maxInclusive !== undefined ? tsString(f.maxInclusive) : undefined],
    ['minExclusive', f.minExclusive !== undefined ? tsString(f.minExclusive) : undefined],
    ['maxExclusive', f.maxExclusive !== undefined ? tsString(f.maxExclusive) : undefined],
    ['totalDigits', f.totalDigits !== undefined ? String(f.totalDigits) : undefined],
    ['fractionDigits', f.fractionDigits !== undefined ? String(f.fractionDigits) : undefined],
    ['members', t.variety === 'union' ? `[${(t.members ?? []).map((m) => thunk(m, refs)).join(', ')}]` : undefined],
    ['item', t.variety === 'list' ? thunk(t.itemType ?? 'xs:string', refs) : undefined],
  ]);
  return `${refs.runtime('simple')}(${tsString(t.xmlName ?? '')}, ${tsString(builtin)}${opts ? `, ${opts}` : ''})`;
}

export function complexDescriptor(t: ComplexType, refs: References): string {
  let content: string;
  switch (t.content.kind) {
    case 'empty':
      content = refs.runtime('EMPTY');
      break;
    case 'any':
      content = refs.runtime('ANY');
      break;
    case 'simple':
      content = `${refs.runtime('simpleContent')}(${tsString(t.content.propName)}, ${thunk(t.content.valueType, refs)})`;
      break;
    case 'elements':
      content = `${refs.runtime('elements')}(${particle(t.content.particle, refs, 1)})`;
      break;
  }
  const attrs = t.attributes.length ? `[\n${t.attributes.map((a) => `    ${attribute(a, refs)},`).join('\n')}\n  ]` : undefined;
  const opts = options([
    ['attributes', attrs],
    ['anyAttribute', t.anyAttribute ? 'true' : undefined],
  ]);
  return `${refs.runtime('complex')}(${tsString(t.xmlName ?? '')}, ${content}${opts ? `, ${opts}` : ''})`;
}

function attribute(a: AttributeUse, refs: References): string {
  const opts = options([
    ['required', a.required ? 'true' : undefined],
    ['fixed', a.fixed !== undefined ? tsString(a.fixed) : undefined],
    ['default', a.default !== undefined ? tsString(a.default) : undefined],
  ]);
  return `${refs.runtime('attr')}(${tsString(a.xmlName)}, ${tsString(a.propName)}, ${thunk(a.type, refs)}${opts ? `, ${opts}` : ''})`;
}

function particle(p: Particle, refs: References, depth: number): string {
  const occurs = (min: number, max: number): [string, string | undefined][] => [
    ['min', min !== 1 ? num(min) : undefined],
    ['max', max !== 1 ? num(max) : undefined],
  ];
  switch (p.kind) {
    case 'element': {
      const opts = options([
        ...occurs(p.occurs.min, p.occurs.max),
        ['nillable', p.nillable ? 'true' : undefined],
        ['fixed', p.fixed !== undefined ? tsString(p.fixed) : undefined],
        ['default', p.default !== undefined ? tsString(p.default) : undefined],
      ]);
      return `${refs.runtime('el')}(${tsString(p.xmlName)}, ${tsString(p.propName)}, ${thunk(p.type, refs)}${opts ? `, ${opts}` : ''})`;
    }
    case 'any': {
      const opts = options([...occurs(p.occurs.min, p.occurs.max), ['namespace', p.namespace !== '##any' ? tsString(p.namespace) : undefined]]);
      return `${refs.runtime('any')}(${tsString(p.propName)}, ${tsString(p.processContents)}${opts ? `, ${opts}` : ''})`;
    }
    default: {
      const fn = refs.runtime(p.kind === 'sequence' ? 'seq' : p.kind);
      const indent = '  '.repeat(depth + 1);
      const children = p.particles.map((c) => `${indent}${particle(c, refs, depth + 1)},`).join('\n');
      const opts = options([...occurs(p.occurs.min, p.occurs.max), ['prop', p.occurs.max > 1 ? tsString(p.propName) : undefined]]);
      const list = children ? `[\n${children}\n${'  '.repeat(depth)}]` : '[]';
      return `${fn}(${list}${opts ? `, ${opts}` : ''})`;
    }
  }
}

export function codecDescriptor(e: GlobalElement, typeName: string, refs: References): string {
  const opts = options([['nillable', e.nillable ? 'true' : undefined]]);
  return `${refs.runtime('codec')}<${typeName}>(${tsString(e.xmlName)}, ${thunk(e.type, refs)}${opts ? `, ${opts}` : ''})`;
}
