/**
 * Text of a JSON Schema file -> a tree of nodes, each with its source (file, line, JSON pointer).
 * Uses jsonc-parser's tree (offsets) but accepts strict JSON only: comments and trailing commas are errors,
 * and so are duplicate keys (JSON.parse keeps the last, this tree would keep the first: other tools
 * would read another schema than the generator does).
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { SourceRef } from '../model/model.js';
import { lineColumn, lineStarts } from './positions.js';

export type JsonNode =
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, JsonNode])[]; readonly source: SourceRef }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly source: SourceRef }
  | { readonly kind: 'string'; readonly value: string; readonly source: SourceRef }
  | { readonly kind: 'number'; readonly value: number; readonly source: SourceRef }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly source: SourceRef }
  | { readonly kind: 'null'; readonly source: SourceRef };

export type ParsedJson = { ok: true; root: JsonNode } | { ok: false; line: number; column: number; message: string };

export function parseJsonTree(file: string, text: string): ParsedJson {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const starts = lineStarts(text);
  if (errors.length || !tree) {
    const e = errors[0];
    const at = lineColumn(starts, e?.offset ?? 0);
    // Callers that keep only the line (SchemaReader) still show the column through the message.
    return { ok: false, ...at, message: `${e ? printParseErrorCode(e.error) : 'empty document'} (column ${at.column})` };
  }
  const duplicate = duplicateKey(tree);
  if (duplicate) {
    const at = lineColumn(starts, duplicate.offset);
    return { ok: false, ...at, message: `duplicate key ${JSON.stringify(duplicate.key)} (column ${at.column})` };
  }
  const build = (n: Node, path: string): JsonNode => {
    const source = { file, line: lineColumn(starts, n.offset).line, path: path || '#' };
    switch (n.type) {
      case 'object':
        return {
          kind: 'object',
          entries: (n.children ?? []).map((p) => {
            const key = p.children![0]!.value as string;
            return [key, build(p.children![1]!, `${path}/${escape(key)}`)] as const;
          }),
          source,
        };
      case 'array':
        return { kind: 'array', items: (n.children ?? []).map((c, i) => build(c, `${path}/${i}`)), source };
      case 'string':
        return { kind: 'string', value: n.value as string, source };
      case 'number':
        return { kind: 'number', value: n.value as number, source };
      case 'boolean':
        return { kind: 'boolean', value: n.value as boolean, source };
      default:
        return { kind: 'null', source };
    }
  };
  return { ok: true, root: build(tree, '') };
}

/** A key that appears twice in one object, with the offset of its second occurrence. */
function duplicateKey(n: Node): { key: string; offset: number } | undefined {
  if (n.type === 'object') {
    const seen = new Set<string>();
    for (const p of n.children ?? []) {
      const k = p.children![0]!;
      const key = k.value as string;
      if (seen.has(key)) return { key, offset: k.offset };
      seen.add(key);
    }
  }
  for (const c of n.children ?? []) {
    const d = duplicateKey(c);
    if (d) return d;
  }
  return undefined;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Member of an object node. */
export function member(node: JsonNode, key: string): JsonNode | undefined {
  if (node.kind !== 'object') return undefined;
  for (const [k, v] of node.entries) if (k === key) return v;
  return undefined;
}

/** Plain JavaScript value of a node (for enum/const/default). */
export function toValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object':
      return Object.fromEntries(node.entries.map(([k, v]) => [k, toValue(v)]));
    case 'array':
      return node.items.map(toValue);
    case 'null':
      return null;
    default:
      return node.value;
  }
}
