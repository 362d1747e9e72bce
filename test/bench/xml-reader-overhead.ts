/**
 * Overhead of the runtime's XmlReader over a bare saxes pass, on a generated ~10 MB document shaped like a
 * Plesk get-tasks-info response (50,000 <task> elements with 7 small children each).
 *
 *   node --import tsx test/bench/xml-reader-overhead.ts [rounds]
 *
 * (tsx is in the lockfile; without it: `npx tsc --outDir test/bench/tmp --module nodenext --target es2022
 * --skipLibCheck test/bench/xml-reader-overhead.ts`, add {"type":"module"} as test/bench/tmp/package.json and
 * run the .js.) Not a test: it prints timings; tests never assert on time.
 *
 * Both sides get no-op handlers; rounds alternate between them and the median of each is reported.
 */
import { SaxesParser } from 'saxes';
import { XmlReader, type XmlEventHandler } from '../../templates/runtime/xml-reader.js';

export function getTasksInfoResponse(tasks: number): string {
  const statuses = ['working', 'stopped', 'failed', 'finished'];
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<packet version="1.6.9.0">\n\t<backup-manager>\n\t\t<get-tasks-info>\n',
    '\t\t\t<result>\n\t\t\t\t<status>ok</status>\n',
  ];
  for (let i = 0; i < tasks; i++) {
    parts.push(
      '\t\t\t\t<task>\n',
      `\t\t\t\t\t<customer-id>${1 + (i % 97)}</customer-id>\n`,
      `\t\t\t\t\t<id>${5000 + i}</id>\n`,
      `\t\t\t\t\t<status>${statuses[i % 4]}</status>\n`,
      `\t\t\t\t\t<started>${1448947148 + i * 37}</started>\n`,
      i % 2 === 0 ? '\t\t\t\t\t<prefix/>\n' : '\t\t\t\t\t<prefix>backup</prefix>\n',
      i % 3 === 0 ? '\t\t\t\t\t<filename/>\n' : `\t\t\t\t\t<filename>my_${1512011119 + i}.tar</filename>\n`,
      `\t\t\t\t\t<protocol>${i % 5 === 0 ? 'local' : 'ftp'}</protocol>\n`,
      '\t\t\t\t</task>\n',
    );
  }
  parts.push('\t\t\t</result>\n\t\t</get-tasks-info>\n\t</backup-manager>\n</packet>\n');
  return parts.join('');
}

function noop(): void {}

function bareSaxes(input: string): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', noop);
  parser.on('closetag', noop);
  parser.on('text', noop);
  parser.write(input).close();
}

const noopHandler: XmlEventHandler = { open: noop, text: noop, close: noop };

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const VARIANTS: Record<string, (doc: string, bytes: Uint8Array) => () => void> = {
  saxes: (doc) => () => bareSaxes(doc),
  reader: (doc) => {
    const reader = new XmlReader(noopHandler);
    return () => reader.parse(doc);
  },
  'saxes+decode': (_doc, bytes) => () => bareSaxes(new TextDecoder().decode(bytes)),
  'reader(bytes)': (_doc, bytes) => {
    const reader = new XmlReader(noopHandler);
    return () => reader.parse(bytes);
  },
};

/** Runs one variant in this process (so that JIT feedback of the other does not leak into it). */
function runVariant(name: string, rounds: number): number[] {
  const doc = getTasksInfoResponse(50_000);
  const bytes = new TextEncoder().encode(doc);
  const run = VARIANTS[name]!(doc, bytes);
  for (let i = 0; i < 5; i++) run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) times.push(time(run));
  return times;
}

const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const rounds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 15);
if (only !== undefined) {
  console.log(JSON.stringify(runVariant(only, rounds)));
} else {
  // Each variant in its own process, several times, interleaved.
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  const times: Record<string, number[]> = {};
  for (let pass = 0; pass < 3; pass++) {
    for (const name of Object.keys(VARIANTS)) {
      const out = execFileSync(process.execPath, [...process.execArgv, self, `--only=${name}`, String(rounds)], { encoding: 'utf8' });
      (times[name] ??= []).push(...(JSON.parse(out) as number[]));
    }
  }
  const mb = new TextEncoder().encode(getTasksInfoResponse(50_000)).length / 1e6;
  console.log(`document: ${mb.toFixed(2)} MB; ${3 * rounds} runs per variant in 3 processes each`);
  console.log('  variant          median ms   min ms   MB/s (median)');
  const med: Record<string, number> = {};
  const min: Record<string, number> = {};
  for (const [k, v] of Object.entries(times)) {
    med[k] = median(v);
    min[k] = Math.min(...v);
    console.log(`  ${k.padEnd(14)} ${med[k]!.toFixed(1).padStart(9)} ${min[k]!.toFixed(1).padStart(8)} ${(mb / (med[k]! / 1000)).toFixed(1).padStart(8)}`);
  }
  const ratio = (a: string, b: string): string =>
    `median ${(med[a]! / med[b]!).toFixed(3)}x, min ${(min[a]! / min[b]!).toFixed(3)}x`;
  console.log(`  reader/saxes, string input: ${ratio('reader', 'saxes')}`);
  console.log(`  reader/saxes, byte input (both decode UTF-8): ${ratio('reader(bytes)', 'saxes+decode')}`);
}
