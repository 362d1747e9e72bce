/**
 * In-memory schema sets for front-end and pass tests: schema texts keyed by file name, read through
 * `memoryReader` (files live under /schemas/, displayed relative to it: `main.xsd`).
 */
import { Diagnostics, formatDiagnostic, type Diagnostic } from '../../generator/diagnostics.js';
import { memoryReader, type SchemaReader } from '../../generator/load/files.js';
import type { ComplexType, ElementParticle, ModelType, Particle, SchemaModel, SimpleType } from '../../generator/model/model.js';
import { modelFromXsd } from '../../generator/model/from-xsd/index.js';
import { buildModel } from '../../generator/pipeline.js';
import { collectSchemaSet } from '../../generator/resolve/includes.js';

export const SCHEMA_DIR = '/schemas';
const XS = 'http://www.w3.org/2001/XMLSchema';
const GEN = 'urn:backup-api-codegen:hints';

/** A schema document: `body` inside `<xs:schema>` (with the xs and gen prefixes declared), starting on line 2. */
export function xsd(body: string, rootAttributes = ''): string {
  return `<xs:schema xmlns:xs="${XS}" xmlns:gen="${GEN}"${rootAttributes ? ` ${rootAttributes}` : ''}>\n${body}\n</xs:schema>\n`;
}

export type Files = Readonly<Record<string, string>>;

export function reader(files: Files): SchemaReader {
  return memoryReader(new Map(Object.entries(files).map(([name, text]) => [`${SCHEMA_DIR}/${name}`, text])), SCHEMA_DIR);
}

export interface Built {
  readonly model: SchemaModel;
  readonly diagnostics: readonly Diagnostic[];
  /** Formatted diagnostics (`file:line path: message [code]`). */
  readonly messages: readonly string[];
}

function entries(files: Files, entry: readonly string[] | undefined): string[] {
  return (entry ?? [Object.keys(files)[0]!]).map((e) => `${SCHEMA_DIR}/${e}`);
}

/** The model straight from the XSD front-end (no passes). The first file is the entry unless `entry` is given. */
export function rawModel(files: Files, entry?: readonly string[]): Built {
  const diagnostics = new Diagnostics();
  const documents = collectSchemaSet(entries(files, entry), reader(files), diagnostics);
  const model = modelFromXsd('test', documents, diagnostics);
  const list = diagnostics.list();
  return { model, diagnostics: list, messages: list.map(formatDiagnostic) };
}

/** The model after every pass (what the emitters see). */
export function passedModel(files: Files, entry?: readonly string[]): Built {
  const diagnostics = new Diagnostics();
  const model = buildModel({ name: 'test', entries: entries(files, entry) }, diagnostics, reader(files));
  const list = diagnostics.list();
  return { model, diagnostics: list, messages: list.map(formatDiagnostic) };
}

/** Model of a single schema body, expecting no diagnostics. */
export function ok(build: (files: Files) => Built, body: string): SchemaModel {
  const r = build({ 'main.xsd': xsd(body) });
  if (r.diagnostics.length) throw new Error(`unexpected diagnostics:\n${r.messages.join('\n')}`);
  return r.model;
}

export function typeById(model: SchemaModel, id: string): ModelType {
  const t = model.types.find((x) => x.id === id);
  if (!t) throw new Error(`no type ${id}; types: ${model.types.map((x) => x.id).join(', ')}`);
  return t;
}

export function complexType(model: SchemaModel, id: string): ComplexType {
  const t = typeById(model, id);
  if (t.kind !== 'complex') throw new Error(`${id} is not complex`);
  return t;
}

export function simpleType(model: SchemaModel, id: string): SimpleType {
  const t = typeById(model, id);
  if (t.kind !== 'simple') throw new Error(`${id} is not simple`);
  return t;
}

export function typeByName(model: SchemaModel, tsName: string): ModelType {
  const t = model.types.find((x) => x.tsName === tsName);
  if (!t) throw new Error(`no type named ${tsName}; names: ${model.types.map((x) => x.tsName).join(', ')}`);
  return t;
}

/** The content particle of a complex type with element content. */
export function particleOf(t: ComplexType): Particle {
  if (t.content.kind !== 'elements') throw new Error(`${t.id} has ${t.content.kind} content`);
  return t.content.particle;
}

/** Every element particle of a content model, in document order. */
export function elementsOf(p: Particle): ElementParticle[] {
  if (p.kind === 'element') return [p];
  if (p.kind === 'any') return [];
  return p.particles.flatMap(elementsOf);
}

/**
 * A compact notation of a particle for assertions: `seq(a, b?, choice(c, d)*)`, occurrence suffixes
 * `?` (0..1), `*` (0..unbounded), `+` (1..unbounded), `{min,max}` otherwise; `any` for wildcards.
 */
export function shape(p: Particle): string {
  const o = p.occurs;
  const suffix =
    o.min === 1 && o.max === 1 ? '' : o.min === 0 && o.max === 1 ? '?' : o.min === 0 && o.max === Infinity ? '*' : o.min === 1 && o.max === Infinity ? '+'
      : `{${o.min},${o.max === Infinity ? '' : o.max}}`;
  if (p.kind === 'element') return `${p.xmlName}${suffix}`;
  if (p.kind === 'any') return `any${suffix}`;
  const name = p.kind === 'sequence' ? 'seq' : p.kind;
  return `${name}(${p.particles.map(shape).join(', ')})${suffix}`;
}
