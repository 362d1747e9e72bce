/**
 * In-memory JSON Schema sets for front-end and pass tests: schema texts keyed by file name, read through
 * `memoryReader` (files live under /schemas/, displayed relative to it: `main.schema.json`).
 */
import { Diagnostics, formatDiagnostic } from '../../generator/diagnostics.js';
import { modelFromJsonSchema } from '../../generator/model/from-json-schema/index.js';
import type { SchemaModel } from '../../generator/model/model.js';
import { buildModel } from '../../generator/pipeline.js';
import { collectJsonSchemaSet } from '../../generator/resolve/json-refs.js';
import { reader, SCHEMA_DIR, type Built, type Files } from './xsd.js';

export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** A schema file holding `$defs` (pretty-printed, two spaces, so line numbers are predictable). */
export function jsonSchema(defs: Readonly<Record<string, unknown>>, top: Readonly<Record<string, unknown>> = {}): string {
  return `${JSON.stringify({ $schema: DRAFT_2020_12, ...top, $defs: defs }, null, 2)}\n`;
}

/** Joins lines into a schema text; handy where a test counts lines. */
export function lines(...text: readonly string[]): string {
  return `${text.join('\n')}\n`;
}

function entries(files: Files, entry: readonly string[] | undefined): string[] {
  return (entry ?? [Object.keys(files)[0]!]).map((e) => `${SCHEMA_DIR}/${e}`);
}

/** The model straight from the JSON Schema front-end (no passes). The first file is the entry unless `entry` is given. */
export function rawJsonModel(files: Files, entry?: readonly string[]): Built {
  const diagnostics = new Diagnostics();
  const documents = collectJsonSchemaSet(entries(files, entry), reader(files), diagnostics);
  const model = modelFromJsonSchema('test', documents, diagnostics);
  const list = diagnostics.list();
  return { model, diagnostics: list, messages: list.map(formatDiagnostic) };
}

/** The model after every pass (what the emitters see). */
export function passedJsonModel(files: Files, entry?: readonly string[]): Built {
  const diagnostics = new Diagnostics();
  const model = buildModel({ name: 'test', entries: entries(files, entry) }, diagnostics, reader(files));
  const list = diagnostics.list();
  return { model, diagnostics: list, messages: list.map(formatDiagnostic) };
}

/** The model of one schema file of `$defs`, expecting no diagnostics. */
export function okJson(build: (files: Files) => Built, defs: Readonly<Record<string, unknown>>): SchemaModel {
  const r = build({ 'main.schema.json': jsonSchema(defs) });
  if (r.diagnostics.length) throw new Error(`unexpected diagnostics:\n${r.messages.join('\n')}`);
  return r.model;
}
