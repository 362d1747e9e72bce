/** The project's own generation settings (codegen.config.json) and the --xsd/--out overrides. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PackageConfig } from '../emit/package.js';
import type { OperatorLayerConfig, SchemaSetSpec } from '../pipeline.js';
import { moduleNameForSchemaFile } from '../naming/index.js';
import { UsageError } from './usage.js';

export interface Target {
  readonly outDir: string;
  readonly sets: readonly SchemaSetSpec[];
  readonly layers: readonly OperatorLayerConfig[];
  /** Folder of the project's SDK templates (clients, emulator), copied into the output. */
  readonly sdk?: string;
  /** The output is a publishable package. */
  readonly package?: PackageConfig;
}

interface ConfigFile {
  readonly out: string;
  /** Schema files of each set (`schemas`; `xsd` is the older name, still read). */
  readonly sets: readonly { readonly name: string; readonly schemas?: readonly string[]; readonly xsd?: readonly string[] }[];
  readonly operators?: readonly OperatorLayerConfig[];
  readonly sdk?: string;
  readonly package?: PackageConfig;
}

export const CONFIG_FILE = 'codegen.config.json';

export function resolveTarget(xsd: readonly string[] | undefined, out: string | undefined, separate: boolean, cwd = process.cwd()): Target {
  if (xsd && xsd.length) {
    if (!out) throw new UsageError('--xsd needs --out DIR');
    const sets = separate
      ? xsd.map((f) => ({ name: moduleNameForSchemaFile(f), entries: [f] }))
      : [{ name: moduleNameForSchemaFile(xsd[0]!), entries: xsd }];
    return { outDir: path.resolve(cwd, out), sets, layers: [] };
  }
  if (out) throw new UsageError('--out needs --xsd FILE...');
  const configPath = path.join(cwd, CONFIG_FILE);
  if (!existsSync(configPath)) throw new UsageError(`no ${CONFIG_FILE} here: run in the project folder or pass --xsd FILE... --out DIR`);
  let config: ConfigFile;
  try {
    config = JSON.parse(readFileSync(configPath, 'utf8')) as ConfigFile;
  } catch (e) {
    throw new UsageError(`${CONFIG_FILE} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof config.out !== 'string' || !Array.isArray(config.sets)) throw new UsageError(`${CONFIG_FILE} needs "out" and "sets"`);
  return {
    outDir: path.resolve(cwd, config.out),
    sets: config.sets.map((s) => ({
      name: s.name,
      entries: (s.schemas ?? s.xsd ?? []).map((f: string) => path.relative(process.cwd(), path.resolve(cwd, f))),
    })),
    layers: config.operators ?? [],
    ...(config.sdk !== undefined ? { sdk: path.resolve(cwd, config.sdk) } : {}),
    ...(config.package !== undefined ? { package: config.package } : {}),
  };
}
