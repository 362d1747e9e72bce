/**
 * Type-level tests of the generated choice types: values that must compile, and impossible
 * combinations marked `@ts-expect-error` (tsc fails if such a line compiles). Never run, only type-checked.
 */
import type { CredentialsType, DbServerInput, OperationsType, Request$, TargetType } from './expected/index.js';

// A required choice, an optional choice, a nested choice (spliced into one OneOf).
export const target: TargetType = { name: 'n', local: true, all: true };
export const target2: TargetType = { name: 'n', remote: 'ftp://x', ownerId: 1n, onlyMail: true, comment: 'c' };
export const target3: TargetType = { name: 'n', local: true, ownerLogin: 'admin', onlyHosting: true };

// @ts-expect-error both branches of a required choice
export const bothBranches: TargetType = { name: 'n', local: true, remote: 'x', all: true };
// @ts-expect-error no branch of a required choice
export const noBranch: TargetType = { name: 'n', all: true };
// @ts-expect-error both branches of an optional choice
export const bothOptional: TargetType = { name: 'n', local: true, all: true, ownerId: 1n, ownerLogin: 'a' };
// @ts-expect-error two branches of the nested choice
export const nestedBoth: TargetType = { name: 'n', local: true, onlyMail: true, onlyHosting: true };
// @ts-expect-error an outer and an inner branch of the nested choice
export const nestedOuterInner: TargetType = { name: 'n', local: true, all: true, onlyMail: true };
// @ts-expect-error an unknown property
export const unknownProp: TargetType = { name: 'n', local: true, all: true, extra: 1 };
// @ts-expect-error a flag element is `true`, not a boolean
export const flagFalse: TargetType = { name: 'n', local: false, all: true };

// choice(id | sequence(host, port))
export const byId: DbServerInput = { type: 'mysql', id: 1n };
export const byHost: DbServerInput = { type: 'mysql', host: 'db', port: '3306' };
// @ts-expect-error the id and the host/port sequence are alternatives
export const idAndHost: DbServerInput = { type: 'mysql', id: 1n, host: 'db', port: '3306' };
// @ts-expect-error the sequence branch needs both host and port
export const hostOnly: DbServerInput = { type: 'mysql', host: 'db' };
// @ts-expect-error one branch is required
export const neither: DbServerInput = { type: 'mysql' };

// A repeating choice keeps document order: one object per occurrence.
export const ops: OperationsType = { items: [{ add: 'a' }, { remove: 2n }, { clear: true }, { add: 'b' }] };
// @ts-expect-error an item with two members
export const twoMembers: OperationsType = { items: [{ add: 'a', remove: 2n }] };
// @ts-expect-error an item with no member
export const emptyItem: OperationsType = { items: [{}] };
// @ts-expect-error an unknown member in an item
export const unknownMember: OperationsType = { items: [{ rename: 'x' }] };
// @ts-expect-error the array is required (1..unbounded)
export const noItems: OperationsType = {};

// An optional sequence of two elements: both or neither.
export const both: CredentialsType = { realm: 'r', login: 'l', password: 'p' };
export const none: CredentialsType = { realm: 'r' };
// @ts-expect-error only one of the two
export const loginOnly: CredentialsType = { realm: 'r', login: 'l' };

export const request: Request$ = { target, dbServer: byHost, operations: ops, credentials: none };
// @ts-expect-error `target` is required
export const noTarget: Request$ = { operations: ops };
