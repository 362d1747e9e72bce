/**
 * `diff OLD NEW`: builds both schema sets (XSD entry files or folders, or JSON Schema files), then
 * compares their content models (compare.ts) within the scope the entry files declare.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../commands/usage.js';
import { Diagnostics, GeneratorError } from '../diagnostics.js';
import { fileSystemReader, type SchemaReader } from '../load/files.js';
import { modelFromJsonSchema } from '../model/from-json-schema/index.js';
import { modelFromXsd } from '../model/from-xsd/index.js';
import type { SchemaModel, TypeId } from '../model/model.js';
import { normalizeParticles } from '../passes/normalize-particles.js';
import { collectSchemaSet } from '../resolve/includes.js';
import { collectJsonSchemaSet } from '../resolve/json-refs.js';
import { isBreaking, type Change, type Side } from './changes.js';
import { compareModels, type DiffInput } from './compare.js';

export interface DiffResult {
  readonly old: string;
  readonly new: string;
  readonly summary: { readonly changes: number; readonly breakingRequest: number; readonly breakingResponse: number; readonly breaking: number };
  readonly changes: readonly Change[];
}

export interface DiffOptions {
  /** Force the side every change is judged for (default: from the roots' names and files). */
  readonly side?: Side;
}

export function diffSchemas(oldPath: string, newPath: string, options: DiffOptions = {}, reader: SchemaReader = fileSystemReader()): DiffResult {
  const diagnostics = new Diagnostics();
  const oldEntries = entryFiles(oldPath, diagnostics);
  const newEntries = entryFiles(newPath, diagnostics);
  if (diagnostics.hasErrors) throw new GeneratorError(diagnostics.list());
  // Decided from the file names before parsing: a JSON file read as XSD (or the reverse) only gives
  // parse errors that hide the real mistake.
  const oldWire = wireOf(oldPath, oldEntries);
  const newWire = wireOf(newPath, newEntries);
  if (oldWire !== newWire) throw new UsageError(`diff cannot compare ${SET_NAME[oldWire]} (${oldPath}) with ${SET_NAME[newWire]} (${newPath})`);
  const oldInput = load(oldPath, oldEntries, oldWire, diagnostics, reader);
  const newInput = load(newPath, newEntries, newWire, diagnostics, reader);
  if (diagnostics.hasErrors) throw new GeneratorError(diagnostics.list());
  const changes = compareModels(oldInput, newInput, options.side);
  return {
    old: oldPath,
    new: newPath,
    summary: {
      changes: changes.length,
      breakingRequest: changes.filter((c) => c.side !== 'response' && c.request === 'breaking').length,
      breakingResponse: changes.filter((c) => c.side !== 'request' && c.response === 'breaking').length,
      breaking: changes.filter(isBreaking).length,
    },
    changes,
  };
}

const SET_NAME = { xml: 'an XSD set', json: 'a JSON Schema set' } as const;

function wireOf(given: string, entries: readonly string[]): 'xml' | 'json' {
  const json = entries.filter((e) => e.endsWith('.json')).length;
  if (json > 0 && json < entries.length) throw new UsageError(`diff cannot compare ${given}: it mixes XSD and JSON Schema files`);
  return json > 0 ? 'json' : 'xml';
}

function load(given: string, entries: readonly string[], wire: 'xml' | 'json', diagnostics: Diagnostics, reader: SchemaReader): DiffInput {
  let model: SchemaModel = wire === 'json'
    ? modelFromJsonSchema(given, collectJsonSchemaSet(entries, reader, diagnostics), diagnostics)
    : modelFromXsd(given, collectSchemaSet(entries, reader, diagnostics), diagnostics, entries.map((e) => path.resolve(e)));
  model = normalizeParticles.run(model, { diagnostics, runtimeExports: new Set() });
  const entryDisplay = new Set(entries.map((e) => reader.display(path.resolve(e))));
  const elements = model.elements.filter((e) => entryDisplay.has(e.source.file));
  const roots: TypeId[] = [
    ...model.types.filter((t) => t.xmlName !== undefined && entryDisplay.has(t.source.file)).map((t) => t.id),
    ...elements.map((e) => e.type),
  ];
  const fileSide = (file: string): Side | undefined =>
    /input|request/i.test(path.basename(file)) ? 'request' : /output|response/i.test(path.basename(file)) ? 'response' : undefined;
  const rootFile = new Map<TypeId, string>([
    ...model.types.map((t) => [t.id, t.source.file] as const),
    ...model.elements.map((e) => [e.type, e.source.file] as const),
  ]);
  const sideOf = (root: TypeId): Side => {
    if (/(Input|Request|Params)(Type)?$/.test(root)) return 'request';
    if (/(Output|Response|Result)(Type)?$/.test(root)) return 'response';
    return fileSide(rootFile.get(root) ?? '') ?? 'both';
  };
  return { model, roots, elements, sideOf };
}

/** An entry file, or every schema file of a folder. */
function entryFiles(given: string, diagnostics: Diagnostics): string[] {
  if (!existsSync(given)) {
    diagnostics.error('file-not-found', { file: given, line: 0, path: '' }, 'no such schema file or folder');
    return [];
  }
  if (!statSync(given).isDirectory()) return [given];
  const files = readdirSync(given).filter((f) => f.endsWith('.xsd') || f.endsWith('.schema.json')).sort();
  if (files.length === 0) diagnostics.error('no-output', { file: given, line: 0, path: '' }, 'the folder holds no .xsd or .schema.json files');
  return files.map((f) => path.join(given, f));
}
