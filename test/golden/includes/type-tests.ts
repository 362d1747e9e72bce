/** Type-level tests across modules of an include web. Only type-checked. */
import type { BType, CType, Root, SharedType } from './expected/index.js';

const shared: SharedType = { label: 'l' };
export const b: BType = { id: 1n, shared };
// CType extends SharedType (from d.xsd): its members first.
export const c: CType = { label: 'l', count: 2n };
export const root: Root = { fromB: b, fromC: c };
// @ts-expect-error CType inherits the required `label`
export const noLabel: CType = { count: 2n };
