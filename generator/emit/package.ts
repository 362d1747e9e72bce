/**
 * The publishable package around the generated SDK: package.json (with an exports map), README.md
 * and the tsconfig.json that builds it, rendered from handlebars templates (templates/package/*.hbs).
 * The package depends on the runtime's own dependencies only, never on the generator.
 */
import Handlebars from 'handlebars';
import type { TemplateFile } from '../load/templates.js';
import type { EmittedFile } from './schema-set.js';

export interface PackageConfig {
  readonly name: string;
  readonly description: string;
  /** Runtime dependencies with exact versions (the runtime imports saxes). */
  readonly dependencies: Readonly<Record<string, string>>;
}

export interface PackageInput {
  readonly config: PackageConfig;
  readonly generator: { readonly name: string; readonly version: string };
  /** The files of the output so far (to find the modules worth exporting). */
  readonly files: readonly EmittedFile[];
  readonly schemas: readonly string[];
  readonly pleskVersion?: string;
  readonly banner: (from: readonly string[]) => string;
}

interface Export {
  readonly path: string;
  readonly subpath: string;
  readonly module: string;
  readonly what: string;
}

/** Subpath exports: the root index, the runtime, every set and operator layer, and SDK folders with an index. */
export function packageExports(files: readonly EmittedFile[]): Export[] {
  const paths = new Set(files.map((f) => f.path));
  const out: Export[] = [];
  const add = (subpath: string, module: string, what: string) => {
    if (paths.has(`${module}.ts`) && !out.some((e) => e.subpath === subpath)) out.push({ path: `.${subpath}`, subpath, module, what });
  };
  add('', 'index', 'everything: the runtime, and each API as a namespace');
  add('/runtime', 'runtime/index', 'codecs, errors, descriptors, form and CLI encodings');
  for (const p of [...paths].sort()) {
    const m = /^(.+)\/index\.ts$/.exec(p);
    if (m && m[1] !== 'runtime') add(`/${m[1]}`, `${m[1]}/index`, describeModule(m[1]!));
    const layer = /^(.+)\/([^/]+)\.ts$/.exec(p);
    if (layer && !p.endsWith('/index.ts') && !p.startsWith('runtime/') && files.find((f) => f.path === p)?.content.includes('OperatorSpec')) {
      add(`/${layer[1]}/${layer[2]}`, p.slice(0, -3), `typed operations of <${layer[2]}>`);
      add(`/${layer[1]}`, p.slice(0, -3), `typed operations of <${layer[2]}> (alias)`);
    }
  }
  return out;
}

function describeModule(dir: string): string {
  if (dir.endsWith('/request')) return 'request packet types and codecs';
  if (dir.endsWith('/response')) return 'response packet types and codecs';
  if (dir === 'clients') return 'HTTP clients of the three APIs';
  if (dir === 'emulator') return 'an emulator of the three APIs for tests';
  return `types and codecs of ${dir}`;
}

export function emitPackage(templates: readonly TemplateFile[], input: PackageInput): EmittedFile[] {
  const exportsList = packageExports(input.files);
  const data = {
    name: input.config.name,
    description: input.config.description,
    version: input.generator.version,
    generator: input.generator.name,
    node: '>=20.11',
    exports: exportsList,
    dependencies: Object.entries(input.config.dependencies).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, version]) => ({ name, version })),
    schemas: input.schemas,
    pleskVersion: input.pleskVersion ?? '',
  };
  return templates
    .filter((t) => t.path.endsWith('.hbs'))
    .map((t) => {
      const banner = input.banner([`templates/${t.path}`]).replace(/^\/\/ /, '');
      const render = Handlebars.compile(t.content, { noEscape: true, strict: true });
      return { path: t.path.replace(/^package\//, '').replace(/\.hbs$/, ''), content: render({ ...data, banner }) };
    });
}
