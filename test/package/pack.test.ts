/**
 * The generated SDK is a publishable package: build it (its own tsconfig), `npm pack` it, install
 * the tarball into a fresh consumer project, type-check a small program against the installed types
 * (strict) and run it: the codecs offline, then the clients against the packaged emulator. The package
 * must not depend on the generator.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/samples.js';

const tmp = path.join(repoRoot, 'test/package/tmp');
const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const program = `
import { backupWebspace, decodeBackupManagerResponse, encodeBackupManagerRequest, PROTOCOL_VERSION } from 'backup-api-sdk/plesk';
import { BackupJobContains, BackupJobStructure, BackupJobType } from 'backup-api-sdk/jetbackup';
import { StepBackupResponseCodec } from 'backup-api-sdk/akeeba';
import { EncodeError, PacketSystemError, clients } from 'backup-api-sdk';
import { AkeebaClient, JetBackupClient, PleskClient } from 'backup-api-sdk/clients';
import { JETBACKUP_SEED, startEmulator } from 'backup-api-sdk/emulator';

const operations = [backupWebspace({ webspaceName: 'example.com', local: true, description: 'weekly' })] as const;
const xml: string = encodeBackupManagerRequest(operations);
const response = '<packet version="1.6.9.0"><backup-manager><backup-webspace><result><status>ok</status><task-id>42</task-id></result></backup-webspace></backup-manager></packet>';
const [created] = decodeBackupManagerResponse(response, operations);
const taskId: string | undefined = created.result.taskId;
let refused = false;
try {
  // @ts-expect-error local and remote are alternatives
  encodeBackupManagerRequest([backupWebspace({ webspaceId: 1n, local: true, remote: 'ftp', description: 'x' })]);
} catch (e) {
  refused = e instanceof EncodeError;
}
const step = StepBackupResponseCodec.decode('{"status":200,"data":{"HasRun":false,"Domain":"finale","Step":"","Substep":"","Error":"","Warnings":[],"Archive":"site.jpa"}}');
// The clients against the emulator, over real HTTP on loopback.
const emu = await startEmulator({ plesk: { login: 'admin', password: 'pw', taskDurationMs: 50 }, akeeba: { secret: 's3cret', steps: 3, sleepTime: 5 }, jetbackup: { user: 'root', token: 'TOKEN0123456789TOKEN0123456789AB', runDurationMs: 20 } });
let live: { task: string; archive: string | undefined; steps: number; deleted: string };
try {
  const plesk = new PleskClient({ url: emu.plesk.endpoint, login: 'admin', password: 'pw' });
  const started = await plesk.backupWebspace({ webspaceName: 'example.com', local: true, description: 'package test' });
  const task = await plesk.waitForTask(started.result.taskId!, { intervalMs: 20 });
  const run = await new AkeebaClient({ url: emu.akeeba.endpoint, secret: 's3cret' }).runBackup({ profile: 1 });
  const jet = new JetBackupClient({ url: emu.jetbackup.endpoint, user: 'root', token: 'TOKEN0123456789TOKEN0123456789AB' });
  const job = await jet.createBackupJob({ name: 'pkg', type: BackupJobType.Accounts, destination: [JETBACKUP_SEED.destination], contains: BackupJobContains.all, structure: BackupJobStructure.Compressed });
  live = { task: task.status, archive: run.archive?.endsWith('.jpa') ? 'jpa' : run.archive, steps: run.steps, deleted: await jet.deleteBackupJob(job._id) };
} finally {
  await emu.close();
}
console.log(JSON.stringify({
  live,
  namespaced: clients.PleskClient === PleskClient,
  version: PROTOCOL_VERSION,
  xml: xml.length > 0,
  taskId,
  refused,
  contains: BackupJobContains.decompose(3),
  accounts: BackupJobType.Accounts,
  archive: step.data.Archive,
  systemError: typeof PacketSystemError,
}));
`;

describe('the publishable SDK package', () => {
  it('builds, packs, installs into a consumer, type-checks and runs', () => {
    rmSync(tmp, { recursive: true, force: true });
    const pkgDir = path.join(tmp, 'sdk');
    mkdirSync(tmp, { recursive: true });
    cpSync(path.join(repoRoot, 'generated'), pkgDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}dist`) });

    const manifest = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string>; devDependencies?: unknown };
    const root = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; dependencies: Record<string, string> };
    // No dependency on the generator; the runtime's own dependency pinned like the project's.
    expect(Object.keys(manifest.dependencies)).toEqual(['saxes']);
    expect(manifest.dependencies['saxes']).toBe(root.dependencies['saxes']);
    expect(JSON.stringify(manifest)).not.toContain(root.name + '"');

    const build = spawnSync(process.execPath, [tsc, '-p', path.join(pkgDir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(build.stdout + build.stderr).toBe('');
    expect(existsSync(path.join(pkgDir, 'dist/index.d.ts'))).toBe(true);
    // The built package imports nothing from the generator.
    for (const f of readdirSync(path.join(pkgDir, 'dist'), { recursive: true }) as string[]) {
      if (f.endsWith('.js')) expect(readFileSync(path.join(pkgDir, 'dist', f), 'utf8'), f).not.toMatch(/from ['"][./]*generator\//);
    }

    const packed = execFileSync(npm, ['pack', '--silent', '--pack-destination', tmp], { cwd: pkgDir, encoding: 'utf8' }).trim().split('\n').pop()!;
    const tarball = path.join(tmp, packed);
    expect(existsSync(tarball)).toBe(true);

    const consumer = path.join(tmp, 'consumer');
    mkdirSync(consumer);
    writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const nodeTypes = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['@types/node']!;
    // @types/node: the emulator's declarations name node:http types (a Node program has them anyway).
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--silent', tarball, `@types/node@${nodeTypes}`], { cwd: consumer, encoding: 'utf8' });
    writeFileSync(path.join(consumer, 'main.ts'), program);
    writeFileSync(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: false, outDir: 'out', types: ['node'] },
        files: ['main.ts'],
      }),
    );
    const check = spawnSync(process.execPath, [tsc, '-p', path.join(consumer, 'tsconfig.json')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    const run = spawnSync(process.execPath, [path.join(consumer, 'out/main.js')], { cwd: consumer, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      live: { task: 'finished', archive: 'jpa', steps: 3, deleted: 'Backup Job Deleted Successfully' },
      namespaced: true,
      version: '1.6.9.0',
      xml: true,
      taskId: '42',
      refused: true,
      contains: ['config', 'homedir'],
      accounts: 1,
      archive: 'site.jpa',
      systemError: 'function',
    });
  }, 300_000);
});
