/** Type-level tests of anonymous, recursive, nillable and untyped content. Only type-checked. */
import type { AnyValue, NamedAny } from './runtime/index.js';
import type { ExtensionType, NodeType, Packet, PacketBackupResultFile } from './expected/index.js';

export const tree: NodeType = { label: 'root', node: [{ label: 'a', node: [{ label: 'a1' }] }, { label: 'b' }] };
// @ts-expect-error a child node needs its label
export const badTree: NodeType = { label: 'root', node: [{}] };

export const file: PacketBackupResultFile = { name: 'f', description: null };
// @ts-expect-error nillable does not make an element optional
export const noDescription: PacketBackupResultFile = { name: 'f' };
// @ts-expect-error only nillable elements accept null
export const nullName: PacketBackupResultFile = { name: null, description: 'd' };

const untyped: AnyValue[] = [true, '5472', { attributes: { a: '1' }, children: ['text', { name: 'x', value: true }] }];
const anyItems: NamedAny[] = [{ name: 'vendor', value: { children: [{ name: 'key', value: 'v' }] } }];
export const extension: ExtensionType = { any: anyItems };

export const packet: Packet = {
  backup: { result: { status: 'ok', taskId: untyped[1]!, file: [file] } },
  tree,
  password: null,
  server: true,
  extension,
};
// @ts-expect-error an untyped element takes true, a string or {attributes?, children}, not a number
export const numberServer: Packet = { backup: { result: { status: 'ok' } }, server: 1 };
// @ts-expect-error the nested anonymous type is checked too
export const deepUnknown: Packet = { backup: { result: { status: 'ok', size: 1 } } };
