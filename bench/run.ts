/**
 * `npm run bench [-- --json FILE] [-- --quick]`: the speed and memory figures of issue 6, each printed
 * against its target as a ratio measured in this one process (baselines and subjects interleaved,
 * medians of several rounds), so a shared, noisy machine affects both sides alike. Not a test: it
 * reports; the closing note of the work says which targets are met.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { encodeBackupManagerRequest, backupWebspace } from '../generated/plesk/backup-manager.js';
import { PacketCodec as ResponseCodec } from '../generated/plesk/response/index.js';
import { BackupJobCodec } from '../generated/jetbackup/index.js';
import { generate } from '../generator/pipeline.js';
import { tasksResponse, jobObjects, webspaceRequests, escapeXml } from './fixtures.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const ROUNDS = quick ? 3 : 7;

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: { readonly op: '<=' | '>='; readonly value: number };
  readonly met?: boolean;
  readonly detail?: Record<string, number>;
}
const figures: Figure[] = [];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs each function `ROUNDS` times, interleaved, after a warm-up; returns median milliseconds. */
function race(fns: Record<string, () => unknown>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (const f of Object.values(fns)) f();
  for (let r = 0; r < ROUNDS; r++) {
    for (const [k, f] of Object.entries(fns)) {
      const t = performance.now();
      f();
      times[k]!.push(performance.now() - t);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

function report(f: Figure): void {
  const met = f.target ? (f.target.op === '<=' ? f.value <= f.target.value : f.value >= f.target.value) : undefined;
  figures.push({ ...f, ...(met !== undefined ? { met } : {}) });
  const target = f.target ? `  target ${f.target.op} ${f.target.value}  ${met ? 'MET' : 'MISSED'}` : '';
  const detail = f.detail ? `  (${Object.entries(f.detail).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})` : '';
  console.log(`${f.name.padEnd(46)} ${f.value.toFixed(2).padStart(8)} ${f.unit}${target}${detail}`);
}

// 1. Decoding a 10 MB get-tasks-info response (50,000 tasks) to validated typed values.
{
  const xml = tasksResponse(50_000);
  const fxp = new XMLParser({ ignoreAttributes: false });
  const bare = () => {
    const p = new SaxesParser();
    p.on('opentag', () => {});
    p.on('text', () => {});
    p.on('closetag', () => {});
    p.write(xml).close();
  };
  const t = race({ saxes: bare, fxp: () => fxp.parse(xml), decode: () => ResponseCodec.decode(xml) });
  const mb = Buffer.byteLength(xml) / 1e6;
  report({ name: `decode ${mb.toFixed(1)} MB / bare saxes pass`, value: t['decode']! / t['saxes']!, unit: 'x', target: { op: '<=', value: 2 }, detail: { 'decode ms': t['decode']!, 'saxes ms': t['saxes']! } });
  report({ name: `decode ${mb.toFixed(1)} MB / fast-xml-parser parse`, value: t['decode']! / t['fxp']!, unit: 'x', target: { op: '<=', value: 0.5 }, detail: { 'fxp ms': t['fxp']! } });
  // Peak memory: in a fresh process (see bench/rss.ts), input as bytes.
  const input = path.join(mkdtempSync(path.join(tmpdir(), 'bench-')), 'tasks.xml');
  writeFileSync(input, xml);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench/rss.ts'), input], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench/rss.ts failed: ${child.stderr}`);
  report({ name: 'decode peak RSS growth', value: Number(child.stdout.trim()), unit: 'MiB', target: { op: '<=', value: 150 } });
}

// 2. Encoding 100,000 backup-webspace requests against a hand-written template-literal encoder.
{
  const requests = webspaceRequests(100_000);
  const handWritten = () => {
    let n = 0;
    for (const r of requests) {
      n += `<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.9.0"><backup-manager><backup-webspace><webspace-name>${escapeXml(r.webspaceName)}</webspace-name><local/><prefix>${escapeXml(r.prefix)}</prefix><description>${escapeXml(r.description)}</description><split-size>${r.splitSize}</split-size></backup-webspace></backup-manager></packet>`.length;
    }
    return n;
  };
  const generated = () => {
    let n = 0;
    for (const r of requests) n += encodeBackupManagerRequest([backupWebspace({ webspaceName: r.webspaceName, local: true, prefix: r.prefix, description: r.description, splitSize: r.splitSize })]).length;
    return n;
  };
  if (handWritten() !== generated()) throw new Error('the two encoders do not produce the same packets');
  const t = race({ template: handWritten, encode: generated });
  report({ name: 'encode 100,000 backup-webspace / template literal', value: t['encode']! / t['template']!, unit: 'x', target: { op: '<=', value: 1.25 }, detail: { 'encode ms': t['encode']!, 'template ms': t['template']! } });
}

// 3. Validating 100,000 JetBackup job objects against ajv's compiled validator of the same schema.
{
  const jobs = jobObjects(100_000);
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  const schema = (await import('../schemas/jetbackup/jetbackup5.schema.json', { with: { type: 'json' } })).default as object;
  ajv.addSchema(schema, 'jb');
  const validateAjv = ajv.getSchema('jb#/$defs/BackupJob')!;
  const ours = () => {
    let ok = 0;
    for (const j of jobs) if (BackupJobCodec.validate(j).every((i) => i.severity === 'warning')) ok++;
    return ok;
  };
  const theirs = () => {
    let ok = 0;
    for (const j of jobs) if (validateAjv(j)) ok++;
    return ok;
  };
  if (ours() !== jobs.length || theirs() !== jobs.length) throw new Error('the job fixtures must be valid for both validators');
  const t = race({ ajv: theirs, validate: ours });
  report({ name: 'validate 100,000 jobs: throughput vs ajv', value: t['ajv']! / t['validate']!, unit: 'x', target: { op: '>=', value: 0.8 }, detail: { 'validate ms': t['validate']!, 'ajv ms': t['ajv']! } });
}

// 4. Generating the 15-file reference set (each operator's request and response sets separately).
{
  const xsd = path.resolve(root, '../shared/reference/plesk/xsd-2014');
  const entries = ['backup.xsd', 'webspace.xsd', 'database_input.xsd', 'database_output.xsd', 'dns_input.xsd', 'dns_output.xsd', 'mail_input.xsd', 'mail_output.xsd'];
  const sets = entries.map((e) => ({ name: e.replace('.xsd', ''), entries: [path.join(xsd, e)] }));
  const runs: number[] = [];
  let components = 0;
  for (let r = 0; r < (quick ? 2 : 4); r++) {
    const t = performance.now();
    const result = generate(sets);
    runs.push(performance.now() - t);
    components = result.models.reduce((n, m) => n + m.types.length + m.elements.length, 0);
  }
  const wall = median(runs);
  report({ name: 'generate the 15-file reference set (wall)', value: wall, unit: 'ms', detail: { components } });
  report({ name: 'generate: time per 1,000 schema components', value: (wall / components) * 1000, unit: 'ms' });
}

if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ node: process.version, rounds: ROUNDS, figures }, null, 2)}\n`);
