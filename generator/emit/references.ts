/**
 * Symbol references of one generated module: resolving a type id to its TypeScript name records
 * the import it needs (from a sibling module or from the runtime). Imports are printed from here.
 */
import type { ModelType, SchemaModel, TypeId } from '../model/model.js';

export class References {
  readonly #model: { types: ReadonlyMap<TypeId, ModelType>; moduleOf: ReadonlyMap<string, string> };
  readonly #module: string;
  readonly #siblings = new Map<string, Set<string>>();
  readonly #runtime = new Set<string>();
  readonly #runtimeTypes = new Set<string>();

  constructor(model: SchemaModelIndex, module: string) {
    this.#model = model;
    this.#module = module;
  }

  /** The TS name of a schema type (type and descriptor share it). */
  type(id: TypeId): string {
    const t = this.#model.types.get(id);
    if (!t) throw new Error(`internal: unknown type id ${id}`);
    const module = this.#model.moduleOf.get(t.source.file) ?? this.#module;
    if (module !== this.#module) {
      let names = this.#siblings.get(module);
      if (!names) this.#siblings.set(module, (names = new Set()));
      names.add(t.tsName);
    }
    return t.tsName;
  }

  /** The model type of an id (no import recorded). */
  model(id: TypeId): ModelType {
    const t = this.#model.types.get(id);
    if (!t) throw new Error(`internal: unknown type id ${id}`);
    return t;
  }

  /** A value exported by the runtime. */
  runtime(name: string): string {
    this.#runtime.add(name);
    return name;
  }

  /** A type exported by the runtime (imported with `type`). */
  runtimeType(name: string): string {
    this.#runtimeTypes.add(name);
    return name;
  }

  /** Import declarations, sorted: runtime first, then sibling modules by name. */
  imports(runtimePath: string): { moduleSpecifier: string; namedImports: string[] }[] {
    const out: { moduleSpecifier: string; namedImports: string[] }[] = [];
    const runtime = [...this.#runtime].sort(byCodeUnit);
    const types = [...this.#runtimeTypes].filter((t) => !this.#runtime.has(t)).sort(byCodeUnit).map((t) => `type ${t}`);
    if (runtime.length || types.length) out.push({ moduleSpecifier: runtimePath, namedImports: [...runtime, ...types].sort(byImportName) });
    for (const module of [...this.#siblings.keys()].sort(byCodeUnit)) {
      out.push({ moduleSpecifier: `./${module}.js`, namedImports: [...this.#siblings.get(module)!].sort(byCodeUnit) });
    }
    return out;
  }
}

export interface SchemaModelIndex {
  readonly types: ReadonlyMap<TypeId, ModelType>;
  /** Schema file path -> module name. */
  readonly moduleOf: ReadonlyMap<string, string>;
}

export function indexModel(model: SchemaModel): SchemaModelIndex {
  return {
    types: new Map(model.types.map((t) => [t.id, t])),
    moduleOf: new Map(model.files.map((f) => [f.path, f.moduleName])),
  };
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byImportName(a: string, b: string): number {
  return byCodeUnit(a.replace(/^type /, ''), b.replace(/^type /, ''));
}
