/** Collects the files of a JSON Schema set: the entries and every file a `$ref` names, once each. */
import path from 'node:path';
import type { Diagnostics } from '../diagnostics.js';
import type { JsonSchemaDocument, SchemaReader } from '../load/files.js';
import type { JsonNode } from '../load/json-tree.js';

export function collectJsonSchemaSet(entries: readonly string[], reader: SchemaReader, diagnostics: Diagnostics): JsonSchemaDocument[] {
  const done = new Map<string, JsonSchemaDocument>();
  const queue: { absolute: string; from?: JsonNode; via: string }[] = entries.map((e) => ({ absolute: path.resolve(e), via: e }));
  while (queue.length) {
    const { absolute, from, via } = queue.shift()!;
    if (done.has(absolute)) continue;
    const r = reader.readJson(absolute);
    if (!r.ok) {
      if (r.reason === 'not-well-formed') diagnostics.error('not-well-formed', { file: r.file, line: r.line, path: '' }, `not valid JSON: ${r.message}`);
      else if (from) diagnostics.error('include-missing', from.source, `$ref names "${via}", which ${r.reason === 'not-found' ? 'does not exist' : 'cannot be read'} (looked for ${reader.display(absolute)})`);
      else diagnostics.error(r.reason === 'not-found' ? 'file-not-found' : 'file-unreadable', { file: reader.display(absolute), line: 0, path: '' }, 'schema file does not exist');
      continue;
    }
    done.set(absolute, r.document);
    for (const ref of refs(r.document.root)) {
      const file = ref.value.split('#')[0]!;
      if (file) queue.push({ absolute: path.resolve(path.dirname(absolute), file), from: ref.node, via: file });
    }
  }
  return [...done.values()];
}

/** Keywords whose values are data (a `$ref` key in there is not a reference), and those that map names to schemas. */
const DATA_KEYWORDS = new Set(['examples', 'default', 'const', 'enum']);
const SCHEMA_MAPS = new Set(['$defs', 'properties', 'patternProperties', 'dependentSchemas']);

/** The `$ref`s of a schema node: in subschemas only, not in example or default data, nor in our x- annotations. */
function refs(node: JsonNode, out: { value: string; node: JsonNode }[] = []): { value: string; node: JsonNode }[] {
  if (node.kind === 'object') {
    for (const [k, v] of node.entries) {
      if (k === '$ref' && v.kind === 'string') out.push({ value: v.value, node: v });
      else if (DATA_KEYWORDS.has(k) || k.startsWith('x-')) continue;
      // name -> schema: a property named "$ref" or "default" is a schema like any other
      else if (SCHEMA_MAPS.has(k) && v.kind === 'object') v.entries.forEach(([, schema]) => refs(schema, out));
      else refs(v, out);
    }
  } else if (node.kind === 'array') node.items.forEach((i) => refs(i, out));
  return out;
}
