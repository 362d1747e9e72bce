/**
 * Running the CLI in-process through `main(argv, io)` with stdout and stderr captured, plus the
 * small file-system helpers the CLI tests share (temp folders, cwd switching, tree snapshots).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../generator/cli.js';

export interface CliRun {
  readonly code: number;
  /** stdout exactly as the process would print it (each `io.out` call plus a newline). */
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr split into lines (a multi-line `io.out` call gives several lines). */
  readonly out: readonly string[];
  readonly err: readonly string[];
}

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
  });
  return { code, stdout, stderr, out: lines(stdout), err: lines(stderr) };
}

/** Runs `fn` with the process working directory set to `dir` (tests run in forks, so chdir is allowed). */
export async function withCwd<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await fn();
  } finally {
    process.chdir(before);
  }
}

/** A fresh folder under the OS temp dir; `remove()` deletes it. */
export function tempDir(prefix: string): { readonly dir: string; file(name: string, content: string | Uint8Array): string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `backup-codegen-${prefix}-`));
  return {
    dir,
    file(name, content) {
      const full = path.join(dir, name);
      writeFileSync(full, content);
      return full;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every file under `dir` as relative path (with `/`) -> bytes, sorted by path. */
export function snapshotTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else files.set(rel, readFileSync(path.join(dir, rel)));
    }
  };
  walk('');
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Stack frames (`    at fn (file:1:2)`) or an internal-error report must never reach the user. */
export function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/^\s*at\s/m);
  expect(text).not.toContain('internal error');
}

/** The bad-input contract: exit 2, exactly one stderr line containing every fragment, no stack trace. */
export function expectBadInput(run: CliRun, ...fragments: string[]): void {
  expect(run.code, `stderr: ${run.stderr}`).toBe(2);
  expect(run.err).toHaveLength(1);
  for (const f of fragments) expect(run.err[0]).toContain(f);
  expectNoStackTrace(run.stderr);
}
