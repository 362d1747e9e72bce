/** The README's example is real code: shown verbatim, type-checked (strict tsc test) and run here. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/samples.js';
import { readmeExample } from './readme-example.js';

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
