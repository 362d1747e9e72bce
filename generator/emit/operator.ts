/**
 * Emits the operator layer of a request/response pair of schema sets (e.g. plesk/backup-manager.ts):
 * a typed builder per operation, the request packet, and typed response decoding that pairs each
 * output with the operation that asked for it. The operations are read from the schemas: the
 * members of the operator type's repeating choice on each side.
 */
import { IndentationText, Project, QuoteKind, StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { ComplexType, ElementParticle, GroupParticle, Particle, SchemaModel, SourceRef } from '../model/model.js';
import { camelCase, NameScope, pascalCase } from '../naming/index.js';
import type { Diagnostics } from '../diagnostics.js';
import type { EmittedFile } from './schema-set.js';
import { joinDoc, tsString } from './ts-types.js';

export interface OperatorLayerSpec {
  /** Output path of the module, relative to the output directory, without `.ts` (e.g. `plesk/backup-manager`). */
  readonly path: string;
  /** Global element of the packets (e.g. `packet`). */
  readonly packet: string;
  /** Operator element (e.g. `backup-manager`). */
  readonly operator: string;
  /** Protocol version sent in requests. */
  readonly version: string;
  readonly request: { readonly model: SchemaModel; readonly dir: string };
  readonly response: { readonly model: SchemaModel; readonly dir: string };
}

interface Side {
  readonly operatorParticle: ElementParticle;
  readonly operatorType: ComplexType;
  readonly operations: GroupParticle;
}

interface Operation {
  readonly xmlName: string;
  readonly prop: string;
  readonly input: ElementParticle;
  readonly output: ElementParticle | undefined;
}

export function emitOperatorLayer(spec: OperatorLayerSpec, banner: (from: readonly string[]) => string, diagnostics: Diagnostics): EmittedFile[] {
  const req = findSide(spec, spec.request.model, diagnostics);
  const res = findSide(spec, spec.response.model, diagnostics);
  if (!req || !res) return [];
  const outputs = new Map(res.operations.particles.filter(isElement).map((p) => [p.xmlName, p]));
  const operations: Operation[] = req.operations.particles.filter(isElement).map((p) => ({
    xmlName: p.xmlName,
    prop: p.propName,
    input: p,
    output: outputs.get(p.xmlName),
  }));
  for (const op of operations) {
    if (!op.output) diagnostics.warning('no-output', op.input.source, `operation <${op.xmlName}> has no output in the response schema`);
  }

  const reqTypes = new Map(spec.request.model.types.map((t) => [t.id, t]));
  const resTypes = new Map(spec.response.model.types.map((t) => [t.id, t]));
  const typeRef = (ns: 'request' | 'response', id: string): string => {
    const t = (ns === 'request' ? reqTypes : resTypes).get(id);
    if (t?.kind === 'complex' && t.content.kind === 'empty' && t.attributes.length === 0) return 'true';
    return t ? `${ns}.${t.tsName}` : 'unknown';
  };
  const base = pascalCase(spec.operator);
  const scope = new NameScope('identifier', { escape: new Set(['request', 'response']) });
  const names = {
    version: scope.allocate('PROTOCOL_VERSION'),
    table: scope.allocate(`${base}Operations`),
    operation: scope.allocate(`${base}Operation`),
    output: scope.allocate(`${base}Output`),
    outputOf: scope.allocate('OutputOf'),
    outputsOf: scope.allocate('OutputsOf'),
    spec: scope.allocate(`${camelCase(spec.operator)}Spec`),
    build: scope.allocate(`${camelCase(spec.operator)}Request`),
    encode: scope.allocate(`encode${base}Request`),
    decode: scope.allocate(`decode${base}Response`),
    outputs: scope.allocate(`decode${base}Outputs`),
  };
  const builders = operations.map((op) => scope.allocate(op.prop));
  const reqPacket = spec.request.model.elements.find((e) => e.xmlName === spec.packet)!;
  const packetType = reqTypes.get(reqPacket.type)?.tsName ?? 'unknown';
  const opsProp = req.operations.propName;
  const inTypeName = req.operatorType.tsName;
  const outTypeName = res.operatorType.tsName;

  const statements: StatementStructures[] = [
    constant(names.version, tsString(spec.version), `Protocol version of these schemas, sent in the \`version\` attribute of every request packet.`),
    {
      kind: StructureKind.Interface,
      name: names.table,
      isExported: true,
      docs: [{ description: `The operations of \`<${spec.operator}>\`: what each one takes and what it answers.` }],
      properties: operations.map((op) => ({
        name: op.prop,
        isReadonly: true,
        type: `{ readonly input: ${typeRef('request', op.input.type)}; readonly output: ${op.output ? typeRef('response', op.output.type) : 'never'} }`,
        docs: [{ description: joinDoc(op.input.doc, `Operation \`<${op.xmlName}>\`.`) }],
      })),
    },
    alias(names.operation, `request.${inTypeName}[${tsString(opsProp)}][number]`, `One operation of a \`<${spec.operator}>\` request.`),
    alias(names.output, `response.${outTypeName}[${tsString(res.operations.propName)}][number]`, `One operation output of a \`<${spec.operator}>\` response.`),
    alias(`PresentKey<O>`, `{ [K in keyof O]-?: [O[K]] extends [undefined] ? never : K }[keyof O]`, 'The key an operation object actually carries.', false),
    alias(`${names.outputOf}<O>`, `${names.table}[PresentKey<O> & keyof ${names.table}]['output']`, 'The output type that answers operation `O`.'),
    alias(`${names.outputsOf}<Ops extends readonly unknown[]>`, `{ readonly [I in keyof Ops]: ${names.outputOf}<Ops[I]> }`, 'Output types answering a list of operations, position by position.'),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `Runtime description of \`<${spec.operator}>\` (codecs, property names, operations).` }],
      declarations: [{
        name: names.spec,
        type: 'OperatorSpec',
        initializer: `{\n  operator: ${tsString(spec.operator)},\n  operatorProp: ${tsString(req.operatorParticle.propName)},\n  operationsProp: ${tsString(opsProp)},\n  version: ${names.version},\n  requestCodec: request.${reqPacket.tsName} as Codec<unknown>,\n  responseCodec: response.${spec.response.model.elements.find((e) => e.xmlName === spec.packet)!.tsName} as Codec<unknown>,\n  operations: {\n${operations.map((op) => `    ${op.prop}: ${tsString(op.xmlName)},`).join('\n')}\n  },\n}`,
      }],
    },
    ...operations.map((op, i): StatementStructures => {
      const input = typeRef('request', op.input.type);
      const empty = input === 'true';
      return {
        kind: StructureKind.Function,
        name: builders[i]!,
        isExported: true,
        docs: [{ description: joinDoc(op.input.doc, `Builds the operation \`<${op.xmlName}>\`${op.output ? `; answered by ${typeRef('response', op.output.type)}` : ''}.`) }],
        parameters: empty ? [] : [{ name: 'input', type: input }],
        returnType: `{ readonly ${op.prop}: ${input} }`,
        statements: `return { ${op.prop}: ${empty ? 'true' : 'input'} };`,
      };
    }),
    {
      kind: StructureKind.Function,
      name: names.build,
      isExported: true,
      docs: [{ description: `The request packet for these operations: one \`<${spec.operator}>\` holding them in order, \`version="${spec.version}"\`.` }],
      parameters: [{ name: 'operations', type: `readonly ${names.operation}[]` }],
      returnType: `request.${packetType}`,
      statements: `return requestPacket(${names.spec}, operations) as request.${packetType};`,
    },
    {
      kind: StructureKind.Function,
      name: names.encode,
      isExported: true,
      docs: [{ description: 'The XML of the request packet for these operations, elements in schema order.\n\n@throws EncodeError listing every problem when an operation is not valid.' }],
      parameters: [{ name: 'operations', type: `readonly ${names.operation}[]` }, { name: 'options', type: 'EncodeOptions', initializer: '{}' }],
      returnType: 'string',
      statements: `return request.${reqPacket.tsName}.encode(${names.build}(operations), { declaration: true, ...options });`,
    },
    {
      kind: StructureKind.Function,
      name: names.decode,
      isExported: true,
      typeParameters: [{ name: `const Ops extends readonly ${names.operation}[]`, }],
      docs: [{ description: 'Decodes the response to a request: the output of each operation, in the order of `operations`, typed accordingly.\n\n@throws PacketSystemError when the server refused the whole packet (`<system>`).\n@throws XmlParseError or DecodeError when the response is not a valid packet, ResponseMismatchError when it does not answer these operations.' }],
      parameters: [{ name: 'xml', type: 'string | Uint8Array' }, { name: 'operations', type: 'Ops' }],
      returnType: `${names.outputsOf}<Ops>`,
      statements: `return pairOutputs(${names.spec}, operations, responseOutputs(${names.spec}, xml)) as unknown as ${names.outputsOf}<Ops>;`,
    },
    {
      kind: StructureKind.Function,
      name: names.outputs,
      isExported: true,
      docs: [{ description: `Decodes a response and lists its \`<${spec.operator}>\` operation outputs in document order.\n\n@throws PacketSystemError when the server refused the whole packet (\`<system>\`).` }],
      parameters: [{ name: 'xml', type: 'string | Uint8Array' }],
      returnType: `${names.output}[]`,
      statements: `return responseOutputs(${names.spec}, xml) as ${names.output}[];`,
    },
  ];

  const project = new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  const depth = spec.path.split('/').length - 1;
  const up = depth === 0 ? './' : '../'.repeat(depth);
  const here = spec.path.split('/').slice(0, -1).join('/');
  const rel = (dir: string) => (here && dir.startsWith(`${here}/`) ? `./${dir.slice(here.length + 1)}` : `${up}${dir}`);
  const sf = project.createSourceFile('layer.ts', '', { overwrite: true });
  sf.addImportDeclarations([
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `${up}runtime/index.js`,
      namedImports: ['type Codec', 'type EncodeOptions', 'type OperatorSpec', 'pairOutputs', 'requestPacket', 'responseOutputs'],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: `${rel(spec.request.dir)}/index.js`, namespaceImport: 'request' },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: `${rel(spec.response.dir)}/index.js`, namespaceImport: 'response' },
  ]);
  sf.addStatements(statements);
  sf.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true });
  const from = [...spec.request.model.files, ...spec.response.model.files].map((f) => f.path).filter((p, i, a) => a.indexOf(p) === i);
  return [{ path: `${spec.path}.ts`, content: `${banner(from)}\n${sf.getFullText()}` }];
}

function constant(name: string, initializer: string, doc: string): StatementStructures {
  return {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: doc }],
    declarations: [{ name, initializer }],
  };
}

function alias(name: string, type: string, doc: string, exported = true): StatementStructures {
  const m = /^([^<]+)(<.*>)?$/.exec(name)!;
  return {
    kind: StructureKind.TypeAlias,
    name: m[1]!,
    ...(m[2] ? { typeParameters: [m[2].slice(1, -1)] } : {}),
    isExported: exported,
    type,
    docs: [{ description: doc }],
  };
}

function isElement(p: Particle): p is ElementParticle {
  return p.kind === 'element';
}

/** Finds packet -> operator element -> its repeating choice of operations. */
function findSide(spec: OperatorLayerSpec, model: SchemaModel, diagnostics: Diagnostics): Side | undefined {
  const where: SourceRef = { file: model.files[0]?.path ?? model.name, line: 0, path: '' };
  const packet = model.elements.find((e) => e.xmlName === spec.packet);
  const types = new Map(model.types.map((t) => [t.id, t]));
  const packetType = packet ? types.get(packet.type) : undefined;
  if (!packet || packetType?.kind !== 'complex' || packetType.content.kind !== 'elements') {
    diagnostics.error('no-output', where, `operator layer ${spec.path}: ${model.name} has no global element <${spec.packet}> with element content`);
    return undefined;
  }
  const operatorParticle = findElement(packetType.content.particle, spec.operator);
  const operatorType = operatorParticle ? types.get(operatorParticle.type) : undefined;
  if (!operatorParticle || operatorType?.kind !== 'complex' || operatorType.content.kind !== 'elements') {
    diagnostics.error('no-output', packet.source, `operator layer ${spec.path}: <${spec.packet}> in ${model.name} has no <${spec.operator}> element with element content`);
    return undefined;
  }
  const operations = operatorType.content.particle;
  if (operations.kind !== 'choice' || operations.occurs.max <= 1) {
    diagnostics.error('no-output', operatorType.source, `operator layer ${spec.path}: the content of <${spec.operator}> is not a repeating choice of operations`);
    return undefined;
  }
  return { operatorParticle, operatorType, operations };
}

function findElement(p: Particle, name: string): ElementParticle | undefined {
  if (p.kind === 'element') return p.xmlName === name ? p : undefined;
  if (p.kind === 'any') return undefined;
  for (const c of p.particles) {
    const found = findElement(c, name);
    if (found) return found;
  }
  return undefined;
}
