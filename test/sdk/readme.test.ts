/** The README's example is real code: shown verbatim, type-checked (strict tsc test) and run here. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/samples.js';
import { readmeExample } from './readme-example.js';
import { akeebaExample, jetbackupExample } from './readme-json-example.js';

const between = (text: string) => {
  const m = /\/\/ README:begin\n([\s\S]*?)\n\s*\/\/ README:end/.exec(text);
  if (!m) throw new Error('markers not found');
  return m[1]!.split('\n').map((l) => l.replace(/^ {2}/, '')).join('\n');
};

describe('README example', () => {
  it('is shown verbatim in README.md', () => {
    const example = between(readFileSync(path.join(repoRoot, 'test/sdk/readme-example.ts'), 'utf8'));
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const normalize = (s: string) => s.split('\n').filter((l) => !l.startsWith('// <') && !l.startsWith('// <split')).join('\n');
    expect(normalize(readme)).toContain(example);
  });

  it('builds the packet and reads a response', () => {
    const lines: string[] = [];
    const response = `<packet version="1.6.9.0"><backup-manager>
      <backup-webspace><result><status>ok</status><task-id>23</task-id></result></backup-webspace>
      <get-tasks-info><result><status>ok</status><task><webspace-id>3</webspace-id><id>7</id><status>working</status>
      <started>1224897686</started><prefix/><filename/><protocol>local</protocol></task></result></get-tasks-info>
    </backup-manager></packet>`;
    const xml = readmeExample(response, (...a) => lines.push(a.join(' ')));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><packet version="1.6.9.0"><backup-manager><backup-webspace>' +
        '<webspace-name>example.com</webspace-name><local/><description>Standard weekly backup</description>' +
        '<split-size>0</split-size></backup-webspace><get-tasks-info><task-id>7</task-id></get-tasks-info></backup-manager></packet>',
    );
    expect(lines).toEqual(['task 23', '7 working']);
    const refused: string[] = [];
    readmeExample('<packet><system><status>error</status><errcode>1001</errcode><errtext>Authentication failed</errtext></system></packet>', (...a) => refused.push(a.join(' ')));
    expect(refused).toEqual(['packet refused: 1001 Authentication failed']);
  });
});

describe('README JSON examples', () => {
  const source = readFileSync(path.join(repoRoot, 'test/sdk/readme-json-example.ts'), 'utf8');
  const block = (name: string) => {
    const m = new RegExp(`// README:${name}:begin\\n([\\s\\S]*?)\\n\\s*// README:${name}:end`).exec(source);
    if (!m) throw new Error(`markers ${name} not found`);
    return m[1]!.split('\n').map((l) => l.replace(/^ {2}/, '')).join('\n');
  };

  it('are shown verbatim in README.md', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(block('jetbackup'));
    expect(readme).toContain(block('akeeba'));
  });

  it('JetBackup: builds the create parameters as a form body and a CLI line, reads a listing', () => {
    const lines: string[] = [];
    const response = JSON.stringify({
      success: 1,
      message: '',
      system: { version: '5.3.3', tier: 'EDGE', type: 'cPanel' },
      data: { total: 1, jobs: [jobFixture()] },
    });
    const { body, cli } = jetbackupExample(response, (...a) => lines.push(a.map(String).join(' ')));
    expect(body).toBe(
      'function=manageBackupJob&action=create&type=1&name=Daily%20accounts&destination[0]=5fcb1df43606876d134aab82&contains=511&structure=4',
    );
    expect(cli).toBe("jetbackup5api -F manageBackupJob -D 'action=create&type=1&name=Daily%20accounts&destination[0]=5fcb1df43606876d134aab82&contains=511&structure=4' -O json");
    expect(lines).toEqual(['Full Account Backups config,homedir,databases,emails,cron,domains,certificates,dbUsers,ftp', 'warning /data/jobs/0/destination_name unknown property "destination_name" in BackupJob (kept)']);
  });

  it('Akeeba: stepBackup form parameters and the three outcomes of a step', () => {
    const lines: string[] = [];
    const step = (data: object) => JSON.stringify({ status: 200, data: { HasRun: true, Domain: 'pack', Step: '', Substep: '', Error: '', Warnings: [], ...data } });
    const form = akeebaExample(step({ stepNumber: 3, Progress: 40, stepState: 'running' }), (...a) => lines.push(a.join(' ')));
    akeebaExample(step({ HasRun: true, Error: 'disk full' }), (...a) => lines.push(a.join(' ')));
    akeebaExample(step({ HasRun: false, Archive: 'site.jpa' }), (...a) => lines.push(a.join(' ')));
    expect(form).toBe('method=stepBackup&backupid=id123');
    expect(lines).toEqual(['step 3: 40% (running)', 'failed: disk full', 'done: site.jpa']);
  });
});

function jobFixture(): Record<string, unknown> {
  return {
    _id: '5fcb1df43606876d134aab82', name: 'Full Account Backups', destination: ['5fcb1df43606876d134aab83'],
    destination_details: [{ _id: '5fcb1df43606876d134aab83', name: 'Local', disabled: 0 }], destination_name: ['Local'],
    type: 1, contains: 511, structure: 2, options: 0, state: 0, owner: '5fc96deeac61ab0bc3020313', owner_name: 'root',
    next_run: '2020-12-09T03:57:09+00:00', last_run: '', running: 0, retry_failed: 0, disabled: 0, time: 1700,
    monitor: { ranfor: 0, notran: 0 }, manually_retain: 0, exclude_list: [], encrypted: 0, schedules: [], hooks: [],
    mysql_exclude_db_by_size: 0, postgresql_exclude_db_by_size: 0, mongodb_exclude_db_by_size: 0,
  };
}
