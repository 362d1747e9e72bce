/**
 * .github/workflows/ci.yml: a well-formed workflow (checked with a small parser for the YAML subset it
 * uses: block mappings and sequences, plain and quoted scalars, flow sequences, `|` block scalars,
 * full-line comments; there is no YAML library in the project) with the steps the README promises:
 * Node 20, npm ci, npm test, the drift check, and a diff of the base branch's schemas against the
 * pull request's with --fail-on breaking, covering every entry file of codegen.config.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/samples.js';

type Yaml = string | readonly Yaml[] | { readonly [key: string]: Yaml };
type Mapping = { readonly [key: string]: Yaml };

const WORKFLOW = path.join(repoRoot, '.github/workflows/ci.yml');
const text = readFileSync(WORKFLOW, 'utf8');

describe('the YAML subset parser', () => {
  it('parses what it claims to and refuses bad indentation and tabs', () => {
    expect(parseYaml('a: 1\nb:\n  - x\n  - k: "v"\n    l: [p, q]\nc: |\n  line 1\n    line 2\n# note\nd:\n')).toEqual({
      a: '1',
      b: ['x', { k: 'v', l: ['p', 'q'] }],
      c: 'line 1\n  line 2\n',
      d: '',
    });
    expect(() => parseYaml('a:\n  b: 1\n c: 2\n')).toThrow(/line 3/);
    expect(() => parseYaml('a:\n\tb: 1\n')).toThrow(/tab/);
    expect(() => parseYaml('a: 1\na: 2\n')).toThrow(/duplicate key "a"/);
    expect(() => parseYaml('a: [1, 2\n')).toThrow(/line 1/);
  });
});

describe('.github/workflows/ci.yml', () => {
  const doc = parseYaml(text) as Mapping;
  const jobs = doc['jobs'] as Mapping;
  const steps = (job: string) => (jobs[job] as Mapping)['steps'] as readonly Mapping[];
  const runs = (job: string) => steps(job).map((s) => (typeof s['run'] === 'string' ? s['run'] : '')).join('\n');

  it('is a workflow: name, triggers on pull requests and pushes, two jobs, every step named', () => {
    expect(doc['name']).toBe('ci');
    expect(Object.keys(doc['on'] as Mapping)).toEqual(['push', 'pull_request']);
    expect(Object.keys(jobs)).toEqual(['test', 'schema-compat']);
    for (const job of Object.keys(jobs)) {
      expect((jobs[job] as Mapping)['runs-on']).toBe('ubuntu-latest');
      for (const step of steps(job)) {
        expect(typeof step['name'], JSON.stringify(step)).toBe('string');
        expect('run' in step || 'uses' in step, String(step['name'])).toBe(true);
      }
    }
    // every expression is closed
    expect(text.split('${{').length).toBe(text.split('}}').length);
  });

  it('test: Node 20, npm ci, the README test command, the drift check through the package bin', () => {
    const setup = steps('test').find((s) => String(s['uses']).startsWith('actions/setup-node@'));
    expect((setup?.['with'] as Mapping)['node-version']).toBe('20');
    const commands = steps('test').map((s) => s['run']);
    expect(commands).toContain('npm ci');
    expect(commands).toContain('npm test');
    expect(readFileSync(path.join(repoRoot, 'README.md'), 'utf8')).toMatch(/^npm test +# run the tests$/m);
    const bin = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['backup-codegen'];
    expect(commands).toContain(`node ${bin} check`);
    expect(commands.indexOf('npm ci')).toBeLessThan(commands.indexOf('npm test'));
  });

  it('schema-compat: on pull requests, the base branch schemas by git show into a temp folder, then diff --fail-on breaking', () => {
    const job = jobs['schema-compat'] as Mapping;
    expect(job['if']).toBe("${{ github.event_name == 'pull_request' }}");
    const base = steps('schema-compat').find((s) => typeof s['run'] === 'string' && s['run'].includes('git show'))!;
    expect((base['env'] as Mapping)['BASE_REF']).toBe('${{ github.base_ref }}');
    expect(base['run']).toContain('git show "origin/$BASE_REF:$file" > "$base/$file"');
    expect(base['run']).toContain('base="$RUNNER_TEMP/base"');
    const script = runs('schema-compat');
    expect(script).toContain('npm ci');
    expect(script).toContain('node dist/generator/cli.js diff --fail-on breaking "$BASE_SCHEMAS/$entry" "schemas/$entry"');
    expect(script).toContain('cat "$report"'); // the report is printed
    expect(script).toContain('exit "$status"');
  });

  it('diffs every entry file of codegen.config.json', () => {
    const config = JSON.parse(readFileSync(path.join(repoRoot, 'codegen.config.json'), 'utf8')) as { sets: { schemas: string[] }[] };
    const entries = config.sets.flatMap((s) => s.schemas.map((f) => f.replace(/^schemas\//, '')));
    const loop = /for entry in ([^;]+);/.exec(runs('schema-compat'))![1]!.split(' ');
    expect(loop.sort()).toEqual(entries.sort());
  });
});

/** Block YAML as used by GitHub workflows; throws `line N: ...` on anything else. */
function parseYaml(source: string): Yaml {
  interface Line {
    readonly no: number;
    readonly indent: number;
    readonly text: string;
  }
  const raw = source.split('\n');
  const lines: Line[] = [];
  raw.forEach((l, i) => {
    if (/^\s*\t/.test(l)) throw new Error(`line ${i + 1}: tab in indentation`);
    lines.push({ no: i + 1, indent: l.length - l.trimStart().length, text: l.trim() });
  });
  let at = 0;
  const significant = (l: Line) => l.text !== '' && !l.text.startsWith('#');
  const skip = () => {
    while (at < lines.length && !significant(lines[at]!)) at++;
  };
  const fail = (l: Line, why: string): never => {
    throw new Error(`line ${l.no}: ${why}`);
  };

  const scalar = (value: string, l: Line): Yaml => {
    if (value.startsWith('[')) {
      if (!value.endsWith(']')) fail(l, 'unclosed flow sequence');
      const inner = value.slice(1, -1).trim();
      return inner === '' ? [] : inner.split(',').map((v) => scalar(v.trim(), l));
    }
    const quote = value[0];
    if (quote === '"' || quote === "'") {
      if (value.length < 2 || !value.endsWith(quote)) fail(l, 'unclosed quote');
      return value.slice(1, -1);
    }
    return value;
  };

  const blockScalar = (parentIndent: number): string => {
    const body: string[] = [];
    let indent = -1;
    while (at < lines.length) {
      const l = lines[at]!;
      if (l.text !== '' && l.indent <= parentIndent) break;
      if (l.text !== '' && indent < 0) indent = l.indent;
      body.push(l.text === '' ? '' : raw[l.no - 1]!.slice(indent));
      at++;
    }
    while (body.length && body[body.length - 1] === '') body.pop();
    return `${body.join('\n')}\n`;
  };

  /** `key: value` at `indent`, the first of which may sit after a sequence dash (`first`). */
  const mapping = (indent: number, first?: Line): Mapping => {
    const out: Record<string, Yaml> = {};
    let l: Line | undefined = first;
    for (;;) {
      if (!l) {
        skip();
        l = lines[at];
        if (!l || l.indent < indent) break;
        if (l.indent > indent) fail(l, `unexpected indentation (expected ${indent} spaces)`);
        if (l.text.startsWith('- ')) fail(l, 'a sequence item where a key was expected');
        at++;
      }
      const m = /^([A-Za-z0-9_.-]+|"[^"]*"|'[^']*'):(?:\s+(.*))?$/.exec(l.text) ?? fail(l, `not a "key: value" line: ${l.text}`);
      const key = m[1]!.replace(/^["']|["']$/g, '');
      if (key in out) fail(l, `duplicate key "${key}"`);
      const value = m[2]?.trim();
      if (value === undefined || value === '') out[key] = nested(indent);
      else if (value === '|') out[key] = blockScalar(indent);
      else out[key] = scalar(value, l);
      l = undefined;
    }
    return out;
  };

  const sequence = (indent: number): Yaml[] => {
    const out: Yaml[] = [];
    for (;;) {
      skip();
      const l = lines[at];
      if (!l || l.indent < indent) break;
      if (l.indent > indent || !l.text.startsWith('- ')) fail(l, 'expected a sequence item');
      at++;
      const item = l.text.slice(2).trim();
      const itemIndent = indent + 2;
      if (/^([A-Za-z0-9_.-]+|"[^"]*"|'[^']*'):(\s|$)/.test(item)) out.push(mapping(itemIndent, { no: l.no, indent: itemIndent, text: item }));
      else out.push(scalar(item, l));
    }
    return out;
  };

  /** The block under `key:`, or '' (YAML's null, as in `pull_request:`) when nothing is nested. */
  const nested = (parentIndent: number): Yaml => {
    skip();
    const l = lines[at];
    if (!l || l.indent <= parentIndent) return '';
    return l.text.startsWith('- ') ? sequence(l.indent) : mapping(l.indent);
  };

  skip();
  const doc = mapping(0);
  skip();
  if (at < lines.length) fail(lines[at]!, 'unexpected content');
  return doc;
}
