/** The runtime, copied from templates/runtime into the output with a banner. */
import type { TemplateFile } from '../load/templates.js';
import type { EmittedFile } from './schema-set.js';

export function emitRuntime(templates: readonly TemplateFile[], banner: (from: readonly string[]) => string): EmittedFile[] {
  return templates.map((t) => ({ path: t.path, content: `${banner([`templates/${t.path}`])}\n${t.content}` }));
}
