/**
 * The one pass that gives TypeScript names: modules (one per schema file), types (one scope per
 * schema set, so cross-module imports never clash), codecs of global elements, and properties
 * (one scope per object: a type's content and attributes, or one iteration of a repeating group).
 *
 * Anonymous types are named after where they are declared: the global element `packet` gives
 * `Packet`, the element `result` inside `BackupCommandOutput` gives `BackupCommandOutputResult`.
 */
import { camelCase, escapeProperty, moduleNameForSchemaFile, NameScope, pascalCase } from '../naming/index.js';
import type {
  AttributeUse,
  ComplexContent,
  ComplexType,
  ModelType,
  Particle,
  SchemaModel,
  SimpleType,
  TypeId,
} from '../model/model.js';
import type { Pass, PassContext } from './pass.js';

/** Default name of the array property of a repeating group without a `gen:name` hint. */
export const DEFAULT_GROUP_PROPERTY = 'items';

export const assignNames: Pass = {
  name: 'assign-names',
  run(model: SchemaModel, ctx): SchemaModel {
    const modules = new NameScope('identifier');
    const files = model.files.map((f) => ({ ...f, moduleName: modules.allocate(moduleNameForSchemaFile(f.path)) }));

    const scope = new NameScope('identifier', { escape: ctx.runtimeExports });
    const owners = anonymousOwners(model);
    const tsNames = new Map<TypeId, string>();
    const types: ModelType[] = model.types.map((t) => {
      let desired: string;
      if (t.xmlName !== undefined) desired = pascalCase(t.xmlName);
      else {
        const owner = owners.get(t.id);
        const ownerName = owner?.owner !== undefined ? (tsNames.get(owner.owner) ?? '') : '';
        desired = ownerName + (owner ? owner.suffix : 'Anonymous');
      }
      const tsName = scope.allocate(desired);
      tsNames.set(t.id, tsName);
      switch (t.kind) {
        case 'simple':
          return { ...t, tsName } satisfies SimpleType;
        case 'complex':
          return model.wire === 'json' ? nameJsonProperties({ ...t, tsName }, ctx) : nameProperties({ ...t, tsName });
        default:
          return { ...t, tsName };
      }
    });
    const elements = model.elements.map((e) => ({ ...e, tsName: scope.allocate(`${pascalCase(e.xmlName)}Codec`) }));
    return { ...model, files, types, elements };
  },
};

interface Owner {
  /** The type declaring the anonymous type (undefined for a global element). */
  readonly owner: TypeId | undefined;
  /** What to append to the owner's name. */
  readonly suffix: string;
}

/** For every anonymous type, the declaration that owns it (first one in declaration order). */
function anonymousOwners(model: SchemaModel): Map<TypeId, Owner> {
  const owners = new Map<TypeId, Owner>();
  const note = (id: TypeId, owner: Owner) => {
    if (!owners.has(id)) owners.set(id, owner);
  };
  for (const e of model.elements) note(e.type, { owner: undefined, suffix: pascalCase(e.xmlName) });
  for (const t of model.types) {
    if (t.kind === 'array') {
      note(t.items, { owner: t.id, suffix: 'Item' });
      continue;
    }
    if (t.kind === 'union') {
      t.members.forEach((m, i) => note(m, { owner: t.id, suffix: `Member${i + 1}` }));
      continue;
    }
    if (t.kind === 'simple') {
      t.members?.forEach((m, i) => note(m, { owner: t.id, suffix: `Member${i + 1}` }));
      if (t.itemType) note(t.itemType, { owner: t.id, suffix: 'Item' });
      if (t.base) note(t.base, { owner: t.id, suffix: 'Base' });
      continue;
    }
    for (const a of t.attributes) note(a.type, { owner: t.id, suffix: pascalCase(a.xmlName) });
    if (t.extra?.kind === 'map') note(t.extra.valueType, { owner: t.id, suffix: 'Value' });
    if (t.content.kind === 'simple') note(t.content.valueType, { owner: t.id, suffix: 'Value' });
    if (t.content.kind === 'elements') {
      const visit = (p: Particle) => {
        if (p.kind === 'element') note(p.type, { owner: t.id, suffix: pascalCase(p.xmlName) });
        else if (p.kind !== 'any') p.particles.forEach(visit);
      };
      visit(t.content.particle);
    }
  }
  // Only anonymous ids matter; named ones are ignored by the caller.
  return owners;
}

/** Names the properties of a complex type: content first (document order), then its value, then attributes. */
function nameProperties(t: ComplexType): ComplexType {
  const scope = new NameScope('property');
  let content: ComplexContent = t.content;
  if (content.kind === 'elements') content = { kind: 'elements', particle: nameParticle(content.particle, scope) };
  if (content.kind === 'simple') content = { ...content, propName: scope.allocate('value') };
  const attributes: AttributeUse[] = t.attributes.map((a) => ({
    ...a,
    propName: scope.allocate(camelCase(a.xmlName), { suffixOnCollision: 'Attr' }),
  }));
  return { ...t, content, attributes };
}

/**
 * JSON objects: properties keep their wire names verbatim (quoted by the printer where needed), or
 * take the `x-ts-name` the schema offers; only names JavaScript objects cannot hold (`__proto__`,
 * `constructor`, ...) are escaped. Two properties ending with the same TS name is a schema error.
 */
function nameJsonProperties(t: ComplexType, ctx: PassContext): ComplexType {
  if (t.content.kind !== 'elements') return t;
  const taken = new Map<string, string>();
  const visit = (p: Particle): Particle => {
    if (p.kind === 'element') {
      const propName = escapeProperty(p.tsNameHint ?? p.jsonName ?? p.xmlName);
      const other = taken.get(propName);
      if (other !== undefined) {
        ctx.diagnostics.error('invalid-schema', p.source, `properties "${other}" and "${p.xmlName}" would both be named "${propName}" in TypeScript`);
      }
      taken.set(propName, p.xmlName);
      return { ...p, propName };
    }
    if (p.kind === 'any') return p;
    return { ...p, particles: p.particles.map(visit) };
  };
  return { ...t, content: { kind: 'elements', particle: visit(t.content.particle) } };
}

function nameParticle(p: Particle, scope: NameScope): Particle {
  switch (p.kind) {
    case 'element':
      return { ...p, propName: scope.allocate(camelCase(p.xmlName)) };
    case 'any':
      return { ...p, propName: scope.allocate('any') };
    default: {
      if (p.occurs.max > 1) {
        // One object per iteration: the group's own properties live in a fresh scope.
        const propName = scope.allocate(p.nameHint !== undefined ? camelCase(p.nameHint) : DEFAULT_GROUP_PROPERTY);
        const inner = new NameScope('property');
        return { ...p, propName, particles: p.particles.map((c) => nameParticle(c, inner)) };
      }
      return { ...p, particles: p.particles.map((c) => nameParticle(c, scope)) };
    }
  }
}
