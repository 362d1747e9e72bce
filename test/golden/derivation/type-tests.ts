/** Type-level tests of derived types. Only type-checked. */
import type { IdFilterType, LabeledSizeType, Report, SizeType, TaskResultType } from './expected/index.js';

// Extension: base members (status, errcode, errtext) and own members in one object.
export const result: TaskResultType = { status: 'ok', taskId: 't1' };
export const failed: TaskResultType = { status: 'error', errcode: 1013, errtext: 'no such task', taskId: 't2', progress: 5 };
// @ts-expect-error the base's required `status` is required in the extension too
export const noStatus: TaskResultType = { taskId: 't1' };
// @ts-expect-error status is an enumeration
export const badStatus: TaskResultType = { status: 'fine', taskId: 't1' };

// Restriction: `name` is gone, `mode` is required, `scope` is prohibited.
export const filter: IdFilterType = { id: [1n, 2n], mode: 'any' };
// @ts-expect-error `mode` became required
export const noMode: IdFilterType = { id: [1n] };
// @ts-expect-error `scope` is prohibited in the restriction
export const withScope: IdFilterType = { mode: 'any', scope: 'all' };
// @ts-expect-error `name` is not part of the restriction's content
export const withName: IdFilterType = { mode: 'any', name: ['x'] };

// simpleContent: the text is `value`, attributes beside it.
export const size: SizeType = { value: 10n, unit: 'KB' };
export const size2: SizeType = { value: 10n, unit: 'MB', approximate: true, version: '1.0' };
// @ts-expect-error the required attribute `unit`
export const noUnit: SizeType = { value: 10n };
// @ts-expect-error `unit` is an enumeration
export const badUnit: SizeType = { value: 10n, unit: 'GB' };
export const labeled: LabeledSizeType = { value: 1n, unit: 'B', label: 'tiny' };

export const report: Report = { version: '1', result: [result, failed], filter, size, labeledSize: labeled };
// @ts-expect-error the required attribute `version`
export const noVersion: Report = { result: [result] };
// @ts-expect-error `result` repeats: an array
export const single: Report = { version: '1', result };
