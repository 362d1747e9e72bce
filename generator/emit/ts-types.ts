/**
 * TypeScript type expressions for model types. Content models become object types in schema order;
 * a choice becomes a union whose alternatives mark the other branches' properties `?: never`, so
 * that impossible combinations (both `local` and `remote`) do not type-check; a repeating group
 * becomes an array of one object per iteration (document order kept).
 */
import type { ArrayType, BuiltinSimpleType, ComplexType, JsonPrimitive, Particle, SimpleType, TypeId, UnionType } from '../model/model.js';
import { isIdentifierName } from '../naming/index.js';
import { jsTypeOfBuiltin } from '../../templates/runtime/simple.js';
import type { References } from './references.js';

/** How an element of a complex type is represented (mirrors the runtime's `shapeOf`); JSON objects are always objects. */
export function complexShape(t: ComplexType): 'flag' | 'simple' | 'object' | 'any' {
  if (t.extra !== undefined) return 'object';
  switch (t.content.kind) {
    case 'any':
      return 'any';
    case 'empty':
      return t.attributes.length === 0 && !t.anyAttribute ? 'flag' : 'object';
    case 'simple':
      return t.attributes.length === 0 && !t.anyAttribute ? 'simple' : 'object';
    case 'elements':
      return 'object';
  }
}

/** TS type of the values of a built-in simple type. */
export function builtinTsType(b: BuiltinSimpleType): string {
  switch (jsTypeOfBuiltin(b)) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'bigint':
      return 'bigint';
    case 'bytes':
      return 'Uint8Array';
    case 'list':
      return 'readonly string[]';
  }
}

/**
 * TS type of the value of an element or attribute of type `id`. Types whose values are plain
 * primitives (Plesk's `string`, `int`, `NoneType` -> `true`) are written inline, so properties
 * read `splitSize?: bigint`; enumerations, lists, unions and objects use their type's name.
 */
export function valueTsType(id: TypeId, refs: References): string {
  if (id === 'xs:anyType') return refs.runtimeType('AnyValue');
  if (id.startsWith('xs:')) return builtinTsType(id.slice(3) as BuiltinSimpleType);
  if (id.startsWith('json:')) return jsonTsType(id.slice(5) as JsonPrimitive, refs);
  const t = refs.model(id);
  if (t.kind === 'simple' && t.variety === 'atomic' && !t.facets.enumeration?.length && !t.flags?.length) {
    return t.json ? jsonTsType(t.json, refs) : builtinTsType(t.builtin ?? 'string');
  }
  if (t.kind === 'complex') {
    const shape = complexShape(t);
    if (shape === 'flag') return 'true';
    if (shape === 'any') return refs.runtimeType('AnyValue');
    if (shape === 'simple' && t.content.kind === 'simple') return valueTsType(t.content.valueType, refs);
  }
  return refs.type(id);
}

/** The right-hand side of `export type X = ...` for a simple type. */
export function simpleTypeExpr(t: SimpleType, refs: References): string {
  return simpleExpr(t, refs);
}

/** TS type of a JSON primitive. */
export function jsonTsType(kind: JsonPrimitive, refs: References): string {
  switch (kind) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'any':
      return refs.runtimeType('JsonValue');
  }
}

export function arrayTypeExpr(t: ArrayType, refs: References): string {
  return `readonly ${wrap(valueTsType(t.items, refs))}[]`;
}

export function unionTypeExpr(t: UnionType, refs: References): string {
  return unique(t.members.map((m) => valueTsType(m, refs))).join(' | ') || 'never';
}

function simpleExpr(t: SimpleType, refs: References): string {
  if (t.variety === 'union') {
    const members = (t.members ?? []).map((m) => valueTsType(m, refs));
    return members.length ? unique(members).join(' | ') : 'never';
  }
  if (t.variety === 'list') {
    const item = t.itemType ? valueTsType(t.itemType, refs) : 'string';
    return `readonly ${wrap(item)}[]`;
  }
  if (t.json) {
    const values = t.facets.enumeration;
    if (values?.length) return unique(values.map((e) => jsonLiteralType(e.value))).join(' | ');
    return jsonTsType(t.json, refs);
  }
  const builtin = t.builtin ?? 'string';
  const enumeration = t.facets.enumeration;
  if (enumeration && enumeration.length) {
    const kind = jsTypeOfBuiltin(builtin);
    const literals = enumeration.map((e) => literal(kind, e.value));
    if (literals.every((l) => l !== undefined)) return unique(literals as string[]).join(' | ');
  }
  return builtinTsType(builtin);
}

/** The right-hand side for a complex type. */
export function complexTypeExpr(t: ComplexType, refs: References): string {
  switch (complexShape(t)) {
    case 'flag':
      return 'true';
    case 'any':
      return refs.runtimeType('AnyValue');
    case 'simple':
      return t.content.kind === 'simple' ? valueTsType(t.content.valueType, refs) : 'never';
    case 'object':
      return objectTypeExpr(t, refs);
  }
}

/** A member of an object type: `/** doc *\/ readonly name?: T;` */
export interface Member {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly doc?: string;
}

/**
 * A factor of an intersection: plain members; a choice between single members (`OneOf`, or
 * `AtMostOneOf` when none may be given); or a general union of alternatives (lists of factors).
 */
type Factor =
  | { readonly kind: 'members'; readonly members: readonly Member[] }
  | { readonly kind: 'oneOf'; readonly optional: boolean; readonly members: readonly Member[] }
  | { readonly kind: 'union'; readonly alternatives: readonly (readonly Factor[])[] };

function objectTypeExpr(t: ComplexType, refs: References): string {
  if (t.extra !== undefined && t.content.kind !== 'elements') {
    // A JSON object without declared properties: a map, or an open object.
    if (t.extra.kind === 'map') return `Readonly<Record<string, ${valueTsType(t.extra.valueType, refs)}>>`;
    return t.extra.kind === 'forbid' ? 'Readonly<Record<string, never>>' : `Readonly<Record<string, ${refs.runtimeType('JsonValue')}>>`;
  }
  const factors: Factor[] = [];
  if (t.content.kind === 'elements') factors.push(...particleFactors(t.content.particle, refs, true));
  if (t.content.kind === 'simple') {
    factors.push({
      kind: 'members',
      members: [{ name: t.content.propName, type: valueTsType(t.content.valueType, refs), optional: false, doc: 'The text content of the element.' }],
    });
  }
  const attrs: Member[] = t.attributes.map((a) => ({
    name: a.propName,
    type: valueTsType(a.type, refs),
    optional: !a.required,
    doc: joinDoc(a.doc, `Attribute \`${a.xmlName}\`${a.required ? '' : ' (optional)'}.`),
  }));
  if (attrs.length) factors.push({ kind: 'members', members: attrs });
  return printFactors(merge(factors), refs);
}

/** Factors contributed by a particle to the object that holds it. `required` = the enclosing context always occurs. */
function particleFactors(p: Particle, refs: References, required: boolean): Factor[] {
  switch (p.kind) {
    case 'element': {
      let type = valueTsType(p.type, refs);
      if (p.nillable) type = `${type} | null`;
      if (p.occurs.max > 1) type = `readonly ${wrap(type)}[]`;
      const occurs = p.occurs.max > 1 ? `${p.occurs.min}..${p.occurs.max === Infinity ? 'unbounded' : p.occurs.max}` : p.occurs.min === 0 ? 'optional' : '';
      return [{
        kind: 'members',
        members: [{
          name: p.propName,
          type,
          optional: !required || p.occurs.min === 0,
          doc: joinDoc(
            p.doc,
            p.jsonName !== undefined
              ? `Property \`${p.jsonName}\`${p.occurs.min === 0 ? ' (optional)' : ''}${p.propName !== p.jsonName ? `, named \`${p.propName}\` here` : ''}.`
              : `Element \`<${p.xmlName}>\`${occurs ? ` (${occurs})` : ''}.`,
          ),
        }],
      }];
    }
    case 'any':
      return [{
        kind: 'members',
        members: [{
          name: p.propName,
          type: p.occurs.max > 1 ? `readonly ${refs.runtimeType('NamedAny')}[]` : refs.runtimeType('NamedAny'),
          optional: !required || p.occurs.min === 0,
          doc: `Any element (${p.namespace}, processContents ${p.processContents}).`,
        }],
      }];
    default: {
      if (p.occurs.max > 1) {
        const item = printFactors(merge(groupBodyFactors(p, refs)), refs);
        const count = `${p.occurs.min}..${p.occurs.max === Infinity ? 'unbounded' : p.occurs.max}`;
        return [{
          kind: 'members',
          members: [{
            name: p.propName,
            type: `readonly ${wrap(item)}[]`,
            optional: !required || p.occurs.min === 0 || isNullableBody(p),
            doc: joinDoc(p.doc, `Repeating ${p.kind} (${count}), one object per occurrence, in document order.`),
          }],
        }];
      }
      if (p.kind === 'choice' && p.occurs.min === 0) {
        const body = groupBodyFactors(p, refs, true);
        if (body.length === 1 && body[0]!.kind === 'oneOf') return body;
      }
      const body = groupBodyFactors(p, refs);
      if (p.occurs.min === 0 && !isNullableBody(p)) {
        // All or nothing: the group is there with its required members, or none of its members is.
        return [{ kind: 'union', alternatives: [body, [{ kind: 'members', members: neverMembers(body) }]] }];
      }
      return p.occurs.min === 0 ? optionalize(body) : body;
    }
  }
}

/** Factors of one occurrence of a group's content. */
function groupBodyFactors(p: Particle & { kind: 'sequence' | 'choice' | 'all' }, refs: References, optional = false): Factor[] {
  if (p.kind !== 'choice') return p.particles.flatMap((c) => particleFactors(c, refs, true));
  const branches = p.particles.map((c) => particleFactors(c, refs, true));
  const single = branches.map((b) => (b.length === 1 && b[0]!.kind === 'members' && b[0]!.members.length === 1 ? b[0]!.members[0]! : undefined));
  if (branches.length > 1 && single.every((m) => m !== undefined)) {
    // Every branch is one member: OneOf<{...}> says it compactly. A branch that may be empty lets none be given.
    const members = single as Member[];
    return [{ kind: 'oneOf', optional: optional || members.some((m) => m.optional), members: members.map((m) => ({ ...m, optional: false })) }];
  }
  // A branch that may be empty also stands for "no branch at all" (its members all absent).
  const alternatives: Factor[][] = branches.map((b, i) => [
    ...b,
    { kind: 'members', members: branches.flatMap((o, j) => (j === i ? [] : neverMembers(o))) },
  ]);
  if (alternatives.length === 1) return alternatives[0]!;
  return [{ kind: 'union', alternatives }];
}

function neverMembers(factors: readonly Factor[]): Member[] {
  const out: Member[] = [];
  for (const f of factors) {
    if (f.kind === 'members' || f.kind === 'oneOf') for (const m of f.members) out.push({ name: m.name, type: 'never', optional: true });
    else {
      const seen = new Set(out.map((m) => m.name));
      for (const alt of f.alternatives) {
        for (const m of neverMembers(alt)) {
          if (!seen.has(m.name)) {
            seen.add(m.name);
            out.push(m);
          }
        }
      }
    }
  }
  return out;
}

function optionalize(factors: readonly Factor[]): Factor[] {
  return factors.map((f): Factor => {
    switch (f.kind) {
      case 'members':
        return { kind: 'members', members: f.members.map((m) => ({ ...m, optional: true })) };
      case 'oneOf':
        return { ...f, optional: true };
      case 'union':
        return { kind: 'union', alternatives: f.alternatives.map(optionalize) };
    }
  });
}

function isNullableParticle(p: Particle): boolean {
  if (p.occurs.min === 0) return true;
  if (p.kind === 'element' || p.kind === 'any') return false;
  return isNullableBody(p);
}

function isNullableBody(p: Particle & { kind: 'sequence' | 'choice' | 'all' }): boolean {
  return p.kind === 'choice' ? p.particles.some(isNullableParticle) : p.particles.every(isNullableParticle);
}


/** Joins neighbouring member lists so that `{a} & {b}` prints as `{a; b}`. */
function merge(factors: readonly Factor[]): Factor[] {
  const out: Factor[] = [];
  for (const f of factors) {
    const last = out[out.length - 1];
    if (f.kind === 'members' && last?.kind === 'members') out[out.length - 1] = { kind: 'members', members: [...last.members, ...f.members] };
    else if (f.kind === 'members' && f.members.length === 0) continue;
    else out.push(f.kind === 'union' ? { kind: 'union', alternatives: f.alternatives.map(merge) } : f);
  }
  return out;
}

function printFactors(factors: readonly Factor[], refs: References): string {
  if (factors.length === 0) return '{}';
  return factors
    .map((f) => {
      switch (f.kind) {
        case 'members':
          return printMembers(f.members);
        case 'oneOf':
          return `${refs.runtimeType(f.optional ? 'AtMostOneOf' : 'OneOf')}<${printMembers(f.members)}>`;
        case 'union':
          // No alternative at all (a choice without branches): no value fits.
          return f.alternatives.length ? `(${f.alternatives.map((a) => printFactors(a, refs)).join(' | ')})` : 'never';
      }
    })
    .join(' & ');
}

function printMembers(members: readonly Member[]): string {
  if (members.length === 0) return '{}';
  const lines = members.map((m) => {
    const doc = m.doc ? `${jsDoc(m.doc)}\n` : '';
    return `${doc}readonly ${propertyKey(m.name)}${m.optional ? '?' : ''}: ${m.type};`;
  });
  return `{\n${lines.join('\n')}\n}`;
}

export function propertyKey(name: string): string {
  return isIdentifierName(name) ? name : JSON.stringify(name);
}

export function jsDoc(text: string): string {
  const lines = text.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `/** ${lines[0]} */`;
  return `/**\n${lines.map((l) => ` * ${l}`.trimEnd()).join('\n')}\n */`;
}

export function joinDoc(doc: string | undefined, note: string): string {
  return doc ? `${doc}\n\n${note}` : note;
}

function literal(kind: ReturnType<typeof jsTypeOfBuiltin>, value: string): string | undefined {
  const v = value.trim();
  switch (kind) {
    case 'string':
      return tsString(value);
    case 'bigint':
      return /^[+-]?[0-9]+$/.test(v) ? `${BigInt(v)}n` : undefined;
    case 'number': {
      const n = Number(v);
      return Number.isFinite(n) ? String(n) : undefined;
    }
    case 'boolean':
      return v === 'true' || v === '1' ? 'true' : v === 'false' || v === '0' ? 'false' : undefined;
    default:
      return undefined;
  }
}

function wrap(type: string): string {
  return /^[\w$.<>]+$/.test(type) ? type : `(${type})`;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** A single-quoted TypeScript string literal. */
export function tsString(value: string): string {
  return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** The TS literal type of a JSON text (`"a"` -> `'a'`, `1` -> `1`). */
function jsonLiteralType(text: string): string {
  const v = JSON.parse(text) as unknown;
  return typeof v === 'string' ? tsString(v) : String(v);
}
