/** The README's clients example: shown verbatim in README.md and run against the emulator over real HTTP. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JETBACKUP_SEED, startEmulator, type Emulator } from '../../generated/emulator/index.js';
import { repoRoot } from '../support/samples.js';
import { clientsExample } from './readme-clients-example.js';

describe('README clients example', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      plesk: { login: 'admin', password: 'pw-readme', taskDurationMs: 100 },
      akeeba: { secret: 'secretReadme', steps: 3, sleepTime: 5 },
      jetbackup: { user: 'root', token: 'READMETOKEN0123456789ABCDEFGHIJK', runDurationMs: 50 },
    });
  });
  afterAll(() => emu?.close());

  it('is shown verbatim in README.md', () => {
    const source = readFileSync(path.join(repoRoot, 'test/sdk/readme-clients-example.ts'), 'utf8');
    const m = /\/\/ README:clients:begin\n([\s\S]*?)\n\s*\/\/ README:clients:end/.exec(source);
    expect(m).not.toBeNull();
    const block = m![1]!.split('\n').map((l) => l.replace(/^ {2}/, '')).join('\n');
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toContain(block);
  });

  it('takes a Plesk backup, an Akeeba backup and runs a JetBackup job', async () => {
    const lines: string[] = [];
    await clientsExample(
      {
        PLESK_URL: emu.plesk.endpoint,
        PLESK_PASSWORD: 'pw-readme',
        AKEEBA_URL: emu.akeeba.endpoint,
        AKEEBA_SECRET: 'secretReadme',
        WHM_URL: emu.jetbackup.endpoint,
        WHM_TOKEN: 'READMETOKEN0123456789ABCDEFGHIJK',
        DESTINATION_ID: JETBACKUP_SEED.destination,
      },
      (...a) => lines.push(a.map(String).join(' ')),
    );
    const tasks = lines.filter((l) => l.startsWith('task '));
    expect(tasks.at(-1)).toBe('task finished');
    expect(lines).toContainEqual(expect.stringMatching(/^backup file: \S+\.tar$/));
    expect(lines.filter((l) => /^\d+%$/.test(l))).toHaveLength(3);
    expect(lines).toContainEqual(expect.stringMatching(/^archive: \S+\.jpa warnings: \d+$/));
    expect(lines.at(-1)).toBe('Backup Job Deleted Successfully');
  });
});
