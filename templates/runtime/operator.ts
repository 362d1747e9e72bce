/**
 * Operator layer of packet APIs shaped like Plesk's: a request packet holds operator elements,
 * each an ordered list of operations; the response repeats that structure with one output per
 * operation, or replaces everything with a packet-level `<system>` error.
 * Generated modules (e.g. plesk/backup-manager.ts) bind it to their codecs and operations.
 */
import type { Codec } from './codec.js';
import { DecodeError, type Issue } from './errors.js';

/** How a generated operator module describes itself. */
export interface OperatorSpec {
  /** XML name of the operator element (e.g. `backup-manager`). */
  readonly operator: string;
  /** Property of the packet holding the operator elements (e.g. `backupManager`). */
  readonly operatorProp: string;
  /** Property of the operator value holding its operations (e.g. `operations`). */
  readonly operationsProp: string;
  /** Protocol version written into the request packet's `version` attribute. */
  readonly version: string;
  readonly requestCodec: Codec<unknown>;
  readonly responseCodec: Codec<unknown>;
  /** Operation property -> XML name, in schema order. */
  readonly operations: Readonly<Record<string, string>>;
}

/** The packet-level `<system>` error: the server refused the whole packet (authentication, version, schema...). */
export class PacketSystemError extends Error {
  readonly errcode: number | undefined;
  readonly errtext: string;
  /** Extra diagnostic output of the server (`<output>`), if any. */
  readonly output: string | undefined;
  constructor(errcode: number | undefined, errtext: string, output?: string) {
    super(`server refused the packet${errcode !== undefined ? ` (errcode ${errcode})` : ''}: ${errtext || 'no error text'}`);
    this.name = 'PacketSystemError';
    this.errcode = errcode;
    this.errtext = errtext;
    this.output = output;
  }
}

/** The response does not answer the request (missing, extra or different operations). */
export class ResponseMismatchError extends DecodeError {
  constructor(message: string, issues: readonly Issue[] = []) {
    super(message, issues.length ? issues : [{ path: '/packet', code: 'unexpected-element', message }]);
  }
}

/** Builds the request packet value for `operations` (one operator element, operations in order). */
export function requestPacket(spec: OperatorSpec, operations: readonly object[]): Record<string, unknown> {
  if (operations.length === 0) throw new RangeError(`a ${spec.operator} request needs at least one operation`);
  return { [spec.operatorProp]: [{ [spec.operationsProp]: operations }], version: spec.version };
}

/** The property (operation name) an operation or output object carries. */
export function operationKey(spec: OperatorSpec, item: object): string | undefined {
  for (const key of Object.keys(item)) {
    if (key in spec.operations && (item as Record<string, unknown>)[key] !== undefined) return key;
  }
  return undefined;
}

interface SystemResult {
  readonly status?: unknown;
  readonly errcode?: number;
  readonly errtext?: string;
}

/**
 * Decodes a response packet and returns the outputs of this operator, in order.
 * Throws PacketSystemError for a `<system>` error, XmlParseError / DecodeError for bad documents.
 */
export function responseOutputs(spec: OperatorSpec, xml: string | Uint8Array): object[] {
  const packet = spec.responseCodec.decode(xml) as Record<string, unknown>;
  const system = packet['system'] as SystemResult | undefined;
  if (system !== undefined) {
    throw new PacketSystemError(system.errcode, system.errtext ?? '', packet['output'] as string | undefined);
  }
  const operators = (packet[spec.operatorProp] ?? []) as Record<string, unknown>[];
  return operators.flatMap((op) => (op[spec.operationsProp] ?? []) as object[]);
}

/** Pairs outputs with the operations that asked for them; throws ResponseMismatchError if they do not line up. */
export function pairOutputs(spec: OperatorSpec, operations: readonly object[], outputs: readonly object[]): object[] {
  if (outputs.length !== operations.length) {
    throw new ResponseMismatchError(`the response has ${outputs.length} operation output(s) for ${operations.length} operation(s)`);
  }
  return operations.map((op, i) => {
    const asked = operationKey(spec, op);
    const got = operationKey(spec, outputs[i]!);
    if (asked === undefined || asked !== got) {
      const name = (k: string | undefined) => (k === undefined ? 'nothing' : `<${spec.operations[k]}>`);
      throw new ResponseMismatchError(`operation ${i + 1}: asked for ${name(asked)}, the response answers ${name(got)}`);
    }
    return (outputs[i] as Record<string, unknown>)[got]!;
  });
}

/** The `result` elements of an operation output (one or many), as a list. */
export function resultsOf<R>(output: { readonly result: R | readonly R[] }): readonly R[] {
  const r = output.result;
  return Array.isArray(r) ? (r as readonly R[]) : [r as R];
}
