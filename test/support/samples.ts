/**
 * Every published Plesk backup-manager packet the project knows, with its expected verdict against
 * the protocol 1.6.9.0 schemas in schemas/plesk/:
 *  (a) ../shared/reference/plesk/samples/*.xml, verdicts from that folder's MANIFEST.md table;
 *  (b) packets embedded in the doc-page seeds ../shared/seeds/*.txt, verdicts from the checked-in
 *      table test/samples/seed-verdicts.json.
 * The seeds are text renderings of HTML pages whose code blocks are indented with &nbsp;: in the
 * seed text, packet lines start with U+00A0 NO-BREAK SPACE, which XML does not count as whitespace
 * (libxml2: "Character content other than whitespace is not allowed"). In these packets U+00A0
 * occurs only in indentation, so seed packets are normalised to ordinary spaces before use
 * (normalizeSeedPacket); the verdicts are about the packets, not the page rendering.
 * Missing or surplus verdicts are errors, never silent skips.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type PacketDirection = 'request' | 'response';

export interface PleskSample {
  /** File name for (a); `seed:<file>#<n>` (n counted from 1 in the seed) for (b). */
  name: string;
  /** Absolute path of the file the packet comes from. */
  file: string;
  direction: PacketDirection;
  xml: string;
  /** Expected verdict against the 1.6.9.0 schema for this direction. */
  valid: boolean;
  /** Why (MANIFEST.md text after "invalid:", or the seed table's reason). */
  reason: string;
  /** Operation element the packet uses (first child of backup-manager), or `system`, or the packet's first child. */
  operation: string;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const pleskSamplesDir = path.resolve(repoRoot, '../shared/reference/plesk/samples');
export const seedsDir = path.resolve(repoRoot, '../shared/seeds');
export const seedVerdictsFile = path.resolve(repoRoot, 'test/samples/seed-verdicts.json');

interface ManifestRow {
  file: string;
  direction: string;
  verdict: string;
}

function parseManifest(text: string): Map<string, ManifestRow> {
  const rows = new Map<string, ManifestRow>();
  for (const line of text.split('\n')) {
    if (!/^\|\s*[^|\s]+\.xml\s*\|/.test(line)) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 6) throw new Error(`MANIFEST.md: expected 6 cells, got ${cells.length}: ${line}`);
    const [file, , direction, , , verdict] = cells as [string, string, string, string, string, string];
    if (rows.has(file)) throw new Error(`MANIFEST.md: duplicate row for ${file}`);
    rows.set(file, { file, direction, verdict });
  }
  return rows;
}

function parseVerdict(verdict: string, where: string): { valid: boolean; reason: string } {
  if (verdict === 'valid') return { valid: true, reason: 'MANIFEST.md: valid' };
  const m = /^invalid:\s*(.+)$/s.exec(verdict);
  if (!m) throw new Error(`${where}: unrecognised verdict "${verdict}"`);
  return { valid: false, reason: m[1]!.trim() };
}

/** First child element of backup-manager; else the first child element of packet. */
export function operationOf(xml: string): string {
  const inOperator = /<backup-manager(?:\s[^>]*)?>\s*<([A-Za-z_][\w.-]*)/.exec(xml);
  if (inOperator) return inOperator[1]!;
  const inPacket = /<packet(?:\s[^>]*)?>\s*<([A-Za-z_][\w.-]*)/.exec(xml);
  return inPacket ? inPacket[1]! : '';
}

function directionFromFileName(file: string): PacketDirection {
  if (file.includes('.request.')) return 'request';
  if (file.includes('.response.')) return 'response';
  throw new Error(`${file}: file name names neither .request. nor .response.`);
}

function referenceSamples(): PleskSample[] {
  const manifest = parseManifest(readFileSync(path.join(pleskSamplesDir, 'MANIFEST.md'), 'utf8'));
  const files = readdirSync(pleskSamplesDir).filter((f) => f.endsWith('.xml')).sort();
  const missing = files.filter((f) => !manifest.has(f));
  const surplus = [...manifest.keys()].filter((f) => !files.includes(f));
  if (missing.length > 0 || surplus.length > 0) {
    throw new Error(`MANIFEST.md and the sample files disagree: no row for [${missing.join(', ')}]; rows without file [${surplus.join(', ')}]`);
  }
  return files.map((file) => {
    const row = manifest.get(file)!;
    const direction = directionFromFileName(file);
    if (row.direction !== direction) throw new Error(`MANIFEST.md: ${file} has direction ${row.direction}, file name says ${direction}`);
    const xml = readFileSync(path.join(pleskSamplesDir, file), 'utf8');
    return { name: file, file: path.join(pleskSamplesDir, file), direction, xml, ...parseVerdict(row.verdict, `MANIFEST.md ${file}`), operation: operationOf(xml) };
  });
}

interface SeedVerdictTable {
  verdicts: Record<string, { valid: boolean; reason: string }>;
}

function readSeedVerdicts(): SeedVerdictTable['verdicts'] {
  const table = JSON.parse(readFileSync(seedVerdictsFile, 'utf8')) as SeedVerdictTable;
  for (const [name, v] of Object.entries(table.verdicts)) {
    if (typeof v.valid !== 'boolean' || typeof v.reason !== 'string' || v.reason.trim() === '') {
      throw new Error(`${seedVerdictsFile}: entry ${name} needs a boolean "valid" and a non-empty "reason"`);
    }
  }
  return table.verdicts;
}

/** `<packet …>…</packet>` blocks in a text, verbatim and in order (packets do not nest). */
export function embeddedPackets(text: string): string[] {
  return [...text.matchAll(/<packet(?:\s[^>]*)?>[\s\S]*?<\/packet>/g)].map((m) => m[0]);
}

/** Replaces the U+00A0 indentation of a packet copied from a rendered doc page with spaces. */
export function normalizeSeedPacket(raw: string): string {
  return raw.replace(/\u00A0/g, ' ');
}

function seedSamples(): PleskSample[] {
  const verdicts = readSeedVerdicts();
  const samples: PleskSample[] = [];
  for (const seed of readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()) {
    const file = path.join(seedsDir, seed);
    const text = readFileSync(file, 'utf8');
    if (!text.includes('<packet')) continue;
    embeddedPackets(text).forEach((raw, i) => {
      const xml = normalizeSeedPacket(raw);
      const name = `seed:${seed}#${i + 1}`;
      const verdict = verdicts[name];
      if (verdict === undefined) throw new Error(`${seedVerdictsFile}: no verdict for ${name}`);
      const direction: PacketDirection = /<result>|<system>/.test(xml) ? 'response' : 'request';
      samples.push({ name, file, direction, xml, valid: verdict.valid, reason: verdict.reason, operation: operationOf(xml) });
    });
  }
  const surplus = Object.keys(verdicts).filter((n) => !samples.some((s) => s.name === n));
  if (surplus.length > 0) throw new Error(`${seedVerdictsFile}: verdicts for packets that do not exist: ${surplus.join(', ')}`);
  return samples;
}

/** All sample packets: the reference samples (sorted by file name), then the seed packets. */
export function listPleskSamples(): PleskSample[] {
  return [...referenceSamples(), ...seedSamples()];
}
