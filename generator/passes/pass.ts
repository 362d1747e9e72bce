/** A pass transforms a model into a model; the pipeline applies them in the order of `PASSES`. */
import type { Diagnostics } from '../diagnostics.js';
import type { SchemaModel } from '../model/model.js';

export interface PassContext {
  readonly diagnostics: Diagnostics;
  /** Identifiers the generated code imports from the runtime: schema names must not shadow them. */
  readonly runtimeExports: ReadonlySet<string>;
}

export interface Pass {
  readonly name: string;
  run(model: SchemaModel, ctx: PassContext): SchemaModel;
}
