/** `generate` and `check`. */
import path from 'node:path';
import { formatDiagnostic } from '../diagnostics.js';
import { existsSync, readFileSync } from 'node:fs';
import { explainLockChange, LOCK_FILE, type Lock } from '../emit/lock.js';
import { check, write } from '../output.js';
import { generate } from '../pipeline.js';
import type { Target } from './project.js';

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export function runGenerate(target: Target, io: Io): number {
  const started = Date.now();
  // Nothing is printed before generation succeeds: a failure is one clear report, not progress noise.
  const result = generate(target.sets, undefined, target.layers, target.sdk, target.package);
  for (const w of result.warnings) io.err(formatDiagnostic(w));
  const changes = write(target.outDir, result.files);
  const rel = path.relative(process.cwd(), target.outDir) || '.';
  result.models.forEach((m, i) =>
    io.err(`generated ${m.name} from ${target.sets[i]!.entries.join(', ')}: ${m.types.length} types, ${m.elements.length} global elements`),
  );
  io.out(`${result.files.length} files in ${rel}/, ${changes.length} changed (${Date.now() - started} ms)`);
  return 0;
}

export function runCheck(target: Target, io: Io): number {
  const result = generate(target.sets, undefined, target.layers, target.sdk, target.package);
  const stale = check(target.outDir, result.files);
  const rel = path.relative(process.cwd(), target.outDir) || '.';
  if (stale.length === 0) {
    io.out(`${rel}/ is up to date (${result.files.length} files)`);
    return 0;
  }
  io.out(`${rel}/ is stale: ${stale.length} file(s) differ from what the schemas produce (run generate):`);
  for (const s of stale) io.out(`  ${s.status.padEnd(7)} ${rel}/${s.path}`);
  const lock = result.files.find((f) => f.path === LOCK_FILE);
  if (lock) {
    const onDisk = path.join(target.outDir, LOCK_FILE);
    let previous: unknown;
    try {
      previous = existsSync(onDisk) ? JSON.parse(readFileSync(onDisk, 'utf8')) : undefined;
    } catch {
      previous = undefined;
    }
    const reasons = explainLockChange(previous, JSON.parse(lock.content) as Lock);
    if (reasons.length) {
      io.out('inputs that changed since the last generate:');
      for (const r of reasons) io.out(`  ${r}`);
    } else io.out('no input changed since the last generate: the output was edited by hand');
  }
  return 1;
}
