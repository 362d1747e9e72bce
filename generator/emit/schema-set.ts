/**
 * Emits the modules of one schema set: one module per schema file (its types, descriptors and the
 * codecs of its global elements, in declaration order) and an index re-exporting them.
 * The only place that prints TypeScript is here, through ts-morph, in batches.
 */
import { IndentationText, Project, QuoteKind, StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { ComplexType, GlobalElement, ModelType, SchemaModel, SimpleType } from '../model/model.js';
import { codecDescriptor, complexDescriptor, simpleDescriptor } from './descriptors.js';
import { indexModel, References } from './references.js';
import { complexTypeExpr, joinDoc, simpleTypeExpr, valueTsType } from './ts-types.js';

export interface EmittedFile {
  /** Path relative to the output directory, `/` separators. */
  readonly path: string;
  readonly content: string;
}

export interface SetEmitOptions {
  /** Banner producer: `from` lists the inputs of the file. */
  readonly banner: (from: readonly string[]) => string;
  /** Output folder of the set, relative to the output directory (e.g. `plesk/request`). */
  readonly dir: string;
  /** Import path of the runtime index from inside `dir`. */
  readonly runtimeImport: string;
}

export function emitSchemaSet(model: SchemaModel, options: SetEmitOptions): EmittedFile[] {
  const index = indexModel(model);
  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  const files: EmittedFile[] = [];
  const modules: string[] = [];
  for (const file of model.files) {
    const types = model.types.filter((t) => t.source.file === file.path);
    const elements = model.elements.filter((e) => e.source.file === file.path);
    if (types.length === 0 && elements.length === 0) continue;
    const refs = new References(index, file.moduleName);
    const statements: StatementStructures[] = [];
    for (const t of types) statements.push(...typeStatements(t, refs));
    for (const e of elements) statements.push(codecStatement(e, model, refs));
    const sf = project.createSourceFile(`${file.moduleName}.ts`, '', { overwrite: true });
    sf.addImportDeclarations(refs.imports(options.runtimeImport).map((i) => ({ ...i, kind: StructureKind.ImportDeclaration })));
    sf.addStatements(statements);
    sf.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true, semicolons: 'insert' as never });
    files.push({ path: `${options.dir}/${file.moduleName}.ts`, content: `${options.banner([file.path])}\n${sf.getFullText()}` });
    modules.push(file.moduleName);
  }
  const indexText = modules.map((m) => `export * from './${m}.js';`).join('\n');
  files.push({ path: `${options.dir}/index.ts`, content: `${options.banner(model.files.map((f) => f.path))}\n${indexText}\n` });
  return files;
}

function typeStatements(t: ModelType, refs: References): StatementStructures[] {
  const expr = t.kind === 'simple' ? simpleTypeExpr(t, refs) : complexTypeExpr(t, refs);
  const init = t.kind === 'simple' ? simpleDescriptor(t, refs) : complexDescriptor(t, refs);
  return [
    {
      kind: StructureKind.TypeAlias,
      name: t.tsName,
      isExported: true,
      type: expr,
      docs: [{ description: docText(typeDoc(t)) }],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `Runtime descriptor of {@link ${t.tsName}}.` }],
      declarations: [{ name: t.tsName, initializer: init }],
    },
  ];
}

function codecStatement(e: GlobalElement, model: SchemaModel, refs: References): StatementStructures {
  const typeName = valueTsType(e.type, refs);
  const t = model.types.find((x) => x.id === e.type);
  const kind = t ? `\`${t.tsName}\`` : `\`${typeName}\``;
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: docText(joinDoc(e.doc, `Codec of the global element \`<${e.xmlName}>\` (type ${kind}).\n\nSchema: ${e.source.file}:${e.source.line}`)) }],
    declarations: [{ name: e.tsName, initializer: codecDescriptor(e, e.nillable ? `${typeName} | null` : typeName, refs) }],
  };
}

/** Schema documentation may contain `*\/`, which would end the JSDoc comment early. */
function docText(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

function typeDoc(t: ModelType): string {
  const what = t.kind === 'simple' ? describeSimple(t) : describeComplex(t);
  const name = t.xmlName !== undefined ? `\`${t.xmlName}\`` : 'anonymous';
  return joinDoc(t.doc, `Schema: ${t.kind === 'simple' ? 'simpleType' : 'complexType'} ${name}${what} (${t.source.file}:${t.source.line})`);
}

function describeSimple(t: SimpleType): string {
  if (t.variety === 'union') return ', a union';
  if (t.variety === 'list') return ', a list';
  return t.builtin ? `, based on xs:${t.builtin}` : '';
}

function describeComplex(t: ComplexType): string {
  if (!t.derivation) return '';
  return `, ${t.derivation.method} of \`${t.derivation.base.replace(/^xs:/, 'xs:')}\``;
}
