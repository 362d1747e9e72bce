/** `diff OLD NEW [--json] [--fail-on breaking|any|never] [--side request|response|both]`. */
import { isBreaking, type Change } from '../diff/changes.js';
import { diffSchemas, type DiffResult } from '../diff/index.js';
import type { Io } from './generate.js';

export type FailOn = 'breaking' | 'any' | 'never';

export function runDiff(oldPath: string, newPath: string, options: { json: boolean; failOn: FailOn; side?: Change['side'] }, io: Io): number {
  const result = diffSchemas(oldPath, newPath, options.side ? { side: options.side } : {});
  if (options.json) io.out(JSON.stringify(result, null, 2));
  else for (const line of report(result)) io.out(line);
  if (options.failOn === 'never') return 0;
  if (options.failOn === 'any') return result.changes.length ? 1 : 0;
  return result.summary.breaking ? 1 : 0;
}

/** Human report: a summary, then changes grouped by the type they are in. */
export function report(r: DiffResult): string[] {
  const s = r.summary;
  const lines = [
    `schema diff ${r.old} -> ${r.new}`,
    `${s.changes} change(s): ${s.breakingRequest} breaking for senders (request side), ${s.breakingResponse} breaking for readers (response side)`,
  ];
  const groups = new Map<string, Change[]>();
  for (const c of r.changes) {
    const top = c.path.split('/')[0]!;
    let list = groups.get(top);
    if (!list) groups.set(top, (list = []));
    list.push(c);
  }
  for (const [top, changes] of groups) {
    lines.push('', `${top} (${changes[0]!.side === 'both' ? 'request and response' : changes[0]!.side})`);
    for (const c of changes) {
      const mark = isBreaking(c) ? '!' : c.kind.endsWith('added') ? '+' : c.kind.endsWith('removed') ? '-' : '~';
      lines.push(`  ${mark} ${c.path}: ${c.message} [${c.kind}; request ${c.request}, response ${c.response}]`);
    }
  }
  return lines;
}
