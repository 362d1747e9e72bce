/**
 * `check` explains staleness from codegen.lock.json: generate from copies of the Plesk request schemas
 * into a temp folder, then (a) change one input schema: check lists the stale files and names the
 * schema file that changed; (b) change no input but edit a generated file: check says the output was
 * edited by hand. Run inside the temp folder, so the lock's paths (relative to the working directory)
 * are short and stable.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir, withCwd } from '../support/cli.js';
import { repoRoot } from '../support/samples.js';

const tmp = tempDir('check-lock');
afterAll(() => tmp.remove());

const SCHEMAS = ['agent_input.xsd', 'backup.xsd', 'common.xsd'];

/** A copy of the request schemas and the output generated from them: `<dir>/schemas`, `<dir>/out`. */
async function generated(): Promise<string> {
  const dir = path.join(tmp.dir, 'base');
  mkdirSync(path.join(dir, 'schemas'), { recursive: true });
  for (const f of SCHEMAS) copyFileSync(path.join(repoRoot, 'schemas/plesk', f), path.join(dir, 'schemas', f));
  const run = await withCwd(dir, () => runCli(['generate', '--xsd', 'schemas/agent_input.xsd', '--out', 'out']));
  expect(run.code, run.stderr).toBe(0);
  return dir;
}

const check = (dir: string) => withCwd(dir, () => runCli(['check', '--xsd', 'schemas/agent_input.xsd', '--out', 'out']));

let base: string;
beforeAll(async () => {
  base = await generated();
});

describe('check after generate', () => {
  it('up to date, and the lock names every input file of the set', async () => {
    const run = await check(base);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([expect.stringMatching(/^out\/ is up to date \(\d+ files\)$/)]);
    const lock = JSON.parse(readFileSync(path.join(base, 'out/codegen.lock.json'), 'utf8')) as { sets: Record<string, Record<string, string>> };
    expect(Object.keys(lock.sets)).toEqual(['agent-input']);
    expect(Object.keys(lock.sets['agent-input']!).sort()).toEqual(['schemas/agent_input.xsd', 'schemas/backup.xsd', 'schemas/common.xsd']);
  });
});

describe('an input schema changed', () => {
  it('lists the stale files, then the schema file that changed; generate makes it up to date again', async () => {
    const dir = path.join(tmp.dir, 'changed-schema');
    cpSync(base, dir, { recursive: true });
    const backup = path.join(dir, 'schemas/backup.xsd');
    const before = readFileSync(backup, 'utf8');
    // a new optional flag in BackupRemoteStorage, before passive-mode
    const after = before.replace(
      '<xs:element name="passive-mode" type="boolean" minOccurs="0">',
      '<xs:element name="use-sftp" type="boolean" minOccurs="0"/>\n\t\t\t<xs:element name="passive-mode" type="boolean" minOccurs="0">',
    );
    expect(after).not.toBe(before);
    writeFileSync(backup, after);

    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([]);
    expect(run.out).toEqual([
      'out/ is stale: 2 file(s) differ from what the schemas produce (run generate):',
      '  changed out/agent-input/backup.ts',
      '  changed out/codegen.lock.json',
      'inputs that changed since the last generate:',
      '  agent-input: schemas/backup.xsd changed',
    ]);

    // generate brings it back up to date
    expect((await withCwd(dir, () => runCli(['generate', '--xsd', 'schemas/agent_input.xsd', '--out', 'out']))).code).toBe(0);
    expect((await check(dir)).code).toBe(0);
  });

  it('only the file that changed is named, even when it is the entry file', async () => {
    const dir = path.join(tmp.dir, 'changed-entry');
    cpSync(base, dir, { recursive: true });
    const entry = path.join(dir, 'schemas/agent_input.xsd');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('Attributes of a request packet.', 'Attributes of a request packet (edited).'));
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.out).toContain('  changed out/codegen.lock.json');
    expect(run.out.slice(run.out.indexOf('inputs that changed since the last generate:'))).toEqual([
      'inputs that changed since the last generate:',
      '  agent-input: schemas/agent_input.xsd changed',
    ]);
  });
});

describe('no input changed, a generated file edited', () => {
  it('lists the edited file and says the output was edited by hand', async () => {
    const dir = path.join(tmp.dir, 'hand-edit');
    cpSync(base, dir, { recursive: true });
    const file = path.join(dir, 'out/agent-input/backup.ts');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n// a hand edit\n`);
    const run = await check(dir);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([
      'out/ is stale: 1 file(s) differ from what the schemas produce (run generate):',
      '  changed out/agent-input/backup.ts',
      'no input changed since the last generate: the output was edited by hand',
    ]);
  });
});
