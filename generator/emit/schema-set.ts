/**
 * Emits the modules of one schema set: one module per schema file (its types, descriptors and the
 * codecs of its global elements, in declaration order) and an index re-exporting them.
 * The only place that prints TypeScript is here, through ts-morph, in batches.
 */
import { IndentationText, Project, QuoteKind, StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { ComplexType, GlobalElement, ModelType, SchemaModel, SimpleType } from '../model/model.js';
import { codecDescriptor, complexDescriptor, simpleDescriptor } from './descriptors.js';
import {
  jsonArrayDescriptor,
  jsonCodecDescriptor,
  jsonObjectDescriptor,
  jsonSimpleDescriptor,
  jsonUnionDescriptor,
} from './json-descriptors.js';
import { indexModel, References } from './references.js';
import { arrayTypeExpr, complexTypeExpr, joinDoc, simpleTypeExpr, unionTypeExpr, valueTsType } from './ts-types.js';

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
    for (const t of types) statements.push(...typeStatements(t, model.wire, refs));
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

function typeExpression(t: ModelType, refs: References): string {
  switch (t.kind) {
    case 'simple':
      return simpleTypeExpr(t, refs);
    case 'complex':
      return complexTypeExpr(t, refs);
    case 'array':
      return arrayTypeExpr(t, refs);
    case 'union':
      return unionTypeExpr(t, refs);
  }
}

function descriptor(t: ModelType, wire: SchemaModel['wire'], refs: References): string {
  if (wire === 'json') {
    switch (t.kind) {
      case 'simple':
        return jsonSimpleDescriptor(t, refs);
      case 'complex':
        return jsonObjectDescriptor(t, refs);
      case 'array':
        return jsonArrayDescriptor(t, refs);
      case 'union':
        return jsonUnionDescriptor(t, refs);
    }
  }
  if (t.kind === 'simple') return simpleDescriptor(t, refs);
  if (t.kind === 'complex') return complexDescriptor(t, refs);
  throw new Error(`internal: ${t.kind} types exist only in JSON sets (${t.id})`);
}

function typeStatements(t: ModelType, wire: SchemaModel['wire'], refs: References): StatementStructures[] {
  const expr = typeExpression(t, refs);
  const init = descriptor(t, wire, refs);
  return [
    {
      kind: StructureKind.TypeAlias,
      name: t.tsName,
      isExported: true,
      type: expr,
      docs: [{ description: docText(typeDoc(t, wire)) }],
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
    docs: [{ description: docText(joinDoc(e.doc, model.wire === 'json'
      ? `Codec of \`${e.xmlName}\` (JSON; type ${kind}).\n\nSchema: ${e.source.file}:${e.source.line}`
      : `Codec of the global element \`<${e.xmlName}>\` (type ${kind}).\n\nSchema: ${e.source.file}:${e.source.line}`)) }],
    declarations: [{
      name: e.tsName,
      initializer: model.wire === 'json'
        ? jsonCodecDescriptor(e.xmlName, e.nillable ? `${typeName} | null` : typeName, e.type, refs, e.nillable)
        : codecDescriptor(e, e.nillable ? `${typeName} | null` : typeName, refs),
    }],
  };
}

/** Schema documentation may contain `*\/`, which would end the JSDoc comment early. */
function docText(text: string): string {
  return text.replace(/\*\//g, '*\\/');
}

function typeDoc(t: ModelType, wire: SchemaModel['wire']): string {
  const name = t.xmlName !== undefined ? `\`${t.xmlName}\`` : 'anonymous';
  const where = `${t.source.file}:${t.source.line}`;
  if (wire === 'json') {
    const path = t.source.path && t.source.path !== '#' ? ` ${t.source.path}` : '';
    return joinDoc(t.doc, `Schema: ${t.xmlName !== undefined ? `$defs ${name}` : 'inline schema'} (${where}${path})`);
  }
  const what = t.kind === 'simple' ? describeSimple(t) : describeComplex(t as ComplexType);
  return joinDoc(t.doc, `Schema: ${t.kind === 'simple' ? 'simpleType' : 'complexType'} ${name}${what} (${where})`);
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
