/** Reads the runtime sources that are copied into every output (templates/runtime/*.ts). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TemplateFile {
  /** Path relative to templates/, `/` separators (e.g. `runtime/codec.ts`). */
  readonly path: string;
  readonly content: string;
}

/** The templates folder: found by walking up from this module (works from sources and from dist/). */
export function templatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'templates', 'runtime');
    if (existsSync(candidate)) return path.join(dir, 'templates');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the templates/runtime folder of the generator');
    dir = parent;
  }
}

export function readRuntimeTemplates(): TemplateFile[] {
  const dir = path.join(templatesDir(), 'runtime');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => ({ path: `runtime/${f}`, content: readFileSync(path.join(dir, f), 'utf8') }));
}
