/** Shared by the diff tests: fixture paths and a compact projection of changes for exact assertions. */
import path from 'node:path';
import type { Change, Side, Verdict } from '../../generator/diff/changes.js';
import { repoRoot } from '../support/samples.js';

export const fixturesDir = path.join(repoRoot, 'test/diff/fixtures');

/** `test/diff/fixtures/<rule>/<name>.xsd` (or another file name given with its extension). */
export function fixture(rule: string, name: 'old' | 'new' | string): string {
  return path.join(fixturesDir, rule, name.includes('.') ? name : `${name}.xsd`);
}

/** What a change says, without the prose: kind, where, which side uses it, the two verdicts. */
export interface Row {
  readonly kind: Change['kind'];
  readonly path: string;
  readonly side: Side;
  readonly request: Verdict;
  readonly response: Verdict;
}

export const row = (c: Change): Row => ({ kind: c.kind, path: c.path, side: c.side, request: c.request, response: c.response });

const B = 'breaking' as const;
const N = 'non-breaking' as const;
/** Shorthand for expected rows: `r('element-added', 'Thing/c', 'both', N, N)`. */
export const r = (kind: Change['kind'], p: string, side: Side, request: 'B' | 'N', response: 'B' | 'N'): Row => ({
  kind,
  path: p,
  side,
  request: request === 'B' ? B : N,
  response: response === 'B' ? B : N,
});
