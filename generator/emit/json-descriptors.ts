/**
 * Runtime descriptors of JSON sets (`jscalar`, `jobject`, `jarray`, `junion`, named enums, flags):
 * the tables json-codec.ts interprets.
 */
import type { ArrayType, ComplexType, Particle, SimpleType, TypeId, UnionType } from '../model/model.js';
import { escapeProperty } from '../naming/index.js';
import type { References } from './references.js';
import { propertyKey, tsString } from './ts-types.js';

/** Descriptor fields a named-enum member must not shadow. */
const DESCRIPTOR_KEYS = new Set(['kind', 'name', 'type', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);

export function jsonThunk(id: TypeId, refs: References): string {
  if (id.startsWith('json:')) return `() => ${refs.runtime('jsonTypes')}.${id.slice(5)}`;
  return `() => ${refs.type(id)}`;
}

function options(entries: readonly (readonly [string, string | undefined])[]): string {
  const set = entries.filter((e): e is readonly [string, string] => e[1] !== undefined);
  return set.length ? `{ ${set.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : '';
}

/** The JavaScript literal of a JSON text (enumeration values are stored as JSON texts). */
export function jsonLiteral(text: string): string {
  const v = JSON.parse(text) as unknown;
  return typeof v === 'string' ? tsString(v) : String(v);
}

/**
 * The key of a named-enum member: `$` appended while it would shadow a descriptor field or an
 * `Object.prototype` member (`constructor`, `__proto__`, ...), quoted unless an identifier (`'a-b'`).
 */
export function enumMemberName(name: string): string {
  return propertyKey(escapeProperty(name, DESCRIPTOR_KEYS));
}

/**
 * The key of a flag in the `bits` object literal: the flag's name exactly (it is what `compose`
 * takes), quoted unless an identifier; `__proto__` computed, since a literal key would set the prototype.
 */
function flagKey(name: string): string {
  return name === '__proto__' ? `['__proto__']` : propertyKey(name);
}

export function jsonSimpleDescriptor(t: SimpleType, refs: References): string {
  const name = tsString(t.xmlName ?? '');
  if (t.variety === 'union') {
    return `${refs.runtime('junion')}(${name}, [${(t.members ?? []).map((m) => jsonThunk(m, refs)).join(', ')}])`;
  }
  const f = t.facets;
  const enumeration = f.enumeration?.length ? `[${f.enumeration.map((e) => jsonLiteral(e.value)).join(', ')}]` : undefined;
  const opts = options([
    ['enum', enumeration],
    ['pattern', f.jsPatterns?.[0]?.[0] !== undefined ? `new RegExp(${tsString(f.jsPatterns[0][0])}, 'u')` : undefined],
    ['minLength', f.minLength !== undefined ? String(f.minLength) : undefined],
    ['maxLength', f.maxLength !== undefined ? String(f.maxLength) : undefined],
    ['minimum', f.minInclusive],
    ['maximum', f.maxInclusive],
    ['exclusiveMinimum', f.minExclusive],
    ['exclusiveMaximum', f.maxExclusive],
  ]);
  if (t.flags?.length) {
    const bits = `{ ${t.flags.map((fl) => `${flagKey(fl.name)}: ${fl.value}`).join(', ')} }`;
    return `${refs.runtime('jflags')}(${name}, ${bits}${opts ? `, ${opts}` : ''})`;
  }
  const scalar = `${refs.runtime('jscalar')}(${name}, ${tsString(t.json ?? 'any')}${opts ? `, ${opts}` : ''})`;
  const named = f.enumeration?.filter((e) => e.name !== undefined) ?? [];
  if (named.length && named.length === f.enumeration?.length) {
    const members = named.map((e) => `${e.doc ? `  /** ${e.doc.replace(/\*\//g, '*\\/')} */\n` : ''}  ${enumMemberName(e.name!)}: ${jsonLiteral(e.value)},`).join('\n');
    return `${refs.runtime('jnamed')}(${scalar}, {\n${members}\n} as const)`;
  }
  return scalar;
}

export function jsonObjectDescriptor(t: ComplexType, refs: References): string {
  const props: string[] = [];
  const visit = (p: Particle) => {
    if (p.kind === 'element') {
      const opts = options([
        ['required', p.occurs.min > 0 ? 'true' : undefined],
        ['nullable', p.nillable ? 'true' : undefined],
      ]);
      props.push(`  ${refs.runtime('jprop')}(${tsString(p.jsonName ?? p.xmlName)}, ${tsString(p.propName)}, ${jsonThunk(p.type, refs)}${opts ? `, ${opts}` : ''}),`);
    } else if (p.kind !== 'any') p.particles.forEach(visit);
  };
  if (t.content.kind === 'elements') visit(t.content.particle);
  const extra = t.extra;
  const extraOpt = extra?.kind === 'forbid' ? `'forbid'` : extra?.kind === 'map' ? `{ map: ${jsonThunk(extra.valueType, refs)} }` : undefined;
  const opts = options([['extra', extraOpt]]);
  return `${refs.runtime('jobject')}(${tsString(t.xmlName ?? '')}, [${props.length ? `\n${props.join('\n')}\n` : ''}]${opts ? `, ${opts}` : ''})`;
}

export function jsonArrayDescriptor(t: ArrayType, refs: References): string {
  const opts = options([
    ['minItems', t.minItems !== undefined ? String(t.minItems) : undefined],
    ['maxItems', t.maxItems !== undefined ? String(t.maxItems) : undefined],
  ]);
  return `${refs.runtime('jarray')}(${tsString(t.xmlName ?? '')}, ${jsonThunk(t.items, refs)}${opts ? `, ${opts}` : ''})`;
}

export function jsonUnionDescriptor(t: UnionType, refs: References): string {
  return `${refs.runtime('junion')}(${tsString(t.xmlName ?? '')}, [${t.members.map((m) => jsonThunk(m, refs)).join(', ')}])`;
}

export function jsonCodecDescriptor(name: string, typeName: string, id: TypeId, refs: References, nullable = false): string {
  return `${refs.runtime('jsonCodec')}<${typeName}>(${tsString(name)}, ${jsonThunk(id, refs)}${nullable ? ', { nullable: true }' : ''})`;
}
