/** Reads the runtime sources that are copied into every output (templates/runtime/*.ts). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface TemplateFile {
  /** Path relative to templates/, `/` separators (e.g. `runtime/codec.ts`). */
  readonly path: string;
  readonly content: string;
}

/**
 * The templates folder: found by walking up from this module, so it works from sources and from
 * dist/. dist/ has a templates/runtime of its own (compiled modules the generator imports), which
 * is not the sources: a match must hold the TypeScript sources (index.ts).
 */
export function templatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'templates', 'runtime');
    if (existsSync(path.join(candidate, 'index.ts'))) return path.join(dir, 'templates');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the templates/runtime folder of the generator');
    dir = parent;
  }
}

/**
 * Every .ts file under `dir` (recursively), with paths relative to `dir`: the project's own SDK
 * glue (clients, emulator) that is copied into its output next to the generated sets.
 */
export function readTemplateTree(dir: string): TemplateFile[] {
  const out: TemplateFile[] = [];
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) {
        out.push({ path: rel, content: readFileSync(path.join(dir, rel), 'utf8') });
      }
    }
  };
  if (existsSync(dir)) walk('');
  return out;
}

export function readRuntimeTemplates(): TemplateFile[] {
  const dir = path.join(templatesDir(), 'runtime');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => ({ path: `runtime/${f}`, content: readFileSync(path.join(dir, f), 'utf8') }));
}

/** The handlebars templates of the publishable package (templates/package/*.hbs). */
export function readPackageTemplates(): TemplateFile[] {
  const dir = path.join(templatesDir(), 'package');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
    .map((f) => ({ path: `package/${f}`, content: readFileSync(path.join(dir, f), 'utf8') }));
}
