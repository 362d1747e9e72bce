/** The form encodings of the JSON APIs (templates/runtime/form.ts): PHP bracket syntax, JetBackup CLI argv, Akeeba APIv2, and back. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncodeError, type Issue } from '../../templates/runtime/errors.js';
import { akeebaFormParams, encodeForm, formToWire, jetbackupCliArgs, parseForm, shellQuote, toFormPairs } from '../../templates/runtime/form.js';
import { JsonCodec } from '../../templates/runtime/json-codec.js';
import { anyJson, jarray, jobject, jprop, jscalar, jsonTypes, junion, type JsonTypeDesc } from '../../templates/runtime/json-schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const samplesOf = (api: string) => path.resolve(repoRoot, '../shared/reference', api, 'samples');

const form = (wire: unknown, prefix?: string) => encodeForm(toFormPairs(wire, prefix));
const codecOf = (t: JsonTypeDesc) => new JsonCodec<unknown>(t.name, () => t);
/** Issues as [path, code, severity?] triples, for exact comparison. */
const brief = (issues: readonly Issue[]) => issues.map((i) => (i.severity ? [i.path, i.code, i.severity] : [i.path, i.code]));

// Small fixtures in the shape of the JetBackup request types (the generated ones are written elsewhere).
const str = () => jsonTypes.string;
const int = () => jsonTypes.integer;
const bool = () => jsonTypes.boolean;
const strings = () => jarray('', str);
const Monitor = jobject('Monitor', [jprop('ranfor', 'ranfor', int), jprop('notran', 'notran', int)]);
const ScheduleLink = jobject('ScheduleLink', [jprop('_id', '_id', str, { required: true }), jprop('retain', 'retain', int, { required: true })]);
const Sort = jobject('Sort', [], { extra: { map: () => jscalar('SortDirection', 'integer', { enum: [1, -1] }) } });
const jobFields = [
  jprop('type', 'type', () => jscalar('BackupJobType', 'integer', { enum: [1, 2, 3, 4, 5, 6] })),
  jprop('name', 'name', str),
  jprop('destination', 'destination', strings),
  jprop('contains', 'contains', int),
  jprop('include_list', 'include_list', strings),
  jprop('exclude_list', 'exclude_list', strings),
  jprop('structure', 'structure', int),
  jprop('options', 'options', int),
  jprop('retry_failed', 'retry_failed', bool),
  jprop('time', 'time', int),
  jprop('disabled', 'disabled', bool),
  jprop('owner', 'owner', str),
  jprop('monitor', 'monitor', () => Monitor),
  jprop('schedules', 'schedules', () => jarray('', () => ScheduleLink)),
  jprop('filters', 'filters', () => jarray('', strings)),
];
const ManageBackupJob = jobject('ManageBackupJob', [
  jprop('action', 'action', () => jscalar('Action', 'string', { enum: ['create', 'modify'] }), { required: true }),
  jprop('_id', '_id', str),
  ...jobFields,
]);
const CreateParams = jobject(
  'CreateParams',
  [jprop('action', 'action', () => jscalar('', 'string', { enum: ['create'] }), { required: true }), jprop('name', 'name', str, { required: true }), ...jobFields.slice(1)],
  { extra: 'forbid' },
);
const ModifyParams = jobject(
  'ModifyParams',
  [jprop('action', 'action', () => jscalar('', 'string', { enum: ['modify'] }), { required: true }), jprop('_id', '_id', str, { required: true }), ...jobFields],
  { extra: 'forbid' },
);
const ManageParams = junion('ManageParams', [() => CreateParams, () => ModifyParams]);
const ListParams = jobject('ListParams', [jprop('limit', 'limit', int), jprop('skip', 'skip', int), jprop('sort', 'sort', () => Sort), jprop('find', 'find', () => jobject('Find', [], { extra: { map: str } }))]);

describe('toFormPairs + encodeForm', () => {
  it.each<[string, unknown, string]>([
    // README §2's table, shape by shape
    ['list', { destination: ['ID', 'ID2'] }, 'destination[0]=ID&destination[1]=ID2'],
    ['list of paths', { exclude_list: ['/path'] }, 'exclude_list[0]=%2Fpath'],
    ['2-D list', { filters: [['GID', 'GID'], ['GID']] }, 'filters[0][0]=GID&filters[0][1]=GID&filters[1][0]=GID'],
    ['object', { monitor: { ranfor: 1, notran: 2 } }, 'monitor[ranfor]=1&monitor[notran]=2'],
    ['object (destination options)', { options: { path: '/backups' } }, 'options[path]=%2Fbackups'],
    ['list of objects', { schedules: [{ _id: 'SID', retain: 7 }] }, 'schedules[0][_id]=SID&schedules[0][retain]=7'],
    ['sort ascending', { sort: { name: 1 } }, 'sort[name]=1'],
    ['sort descending', { sort: { name: -1 } }, 'sort[name]=%2D1'],
    ['find map', { find: { username: 'bob' } }, 'find[username]=bob'],
    // scalars
    ['booleans as 1/0', { disabled: false, encrypted: true }, 'disabled=0&encrypted=1'],
    ['integers', { contains: 511, skip: 0, neg: -3 }, 'contains=511&skip=0&neg=%2D3'],
    ['-0 is 0', { n: -0 }, 'n=0'],
    ['no exponent, large', { n: 1e21, m: 2 ** 70 }, 'n=1000000000000000000000&m=1180591620717411300000'],
    ['no exponent, small', { n: 1.5e-7, m: 0.1 }, 'n=0%2E00000015&m=0%2E1'],
    ['strings as they are (leading zero kept)', { time: '0350', name: 'Daily Backup' }, 'time=0350&name=Daily%20Backup'],
    ['empty string is an empty value', { name: '' }, 'name='],
    // what PHP forms cannot express
    ['null members left out', { a: null, b: 'x', c: undefined }, 'b=x'],
    ['empty containers left out', { a: [], b: {}, c: { d: [] }, e: 1 }, 'e=1'],
    ['nothing at all', {}, ''],
    // order: object key order, depth first
    ['depth first', { a: { b: [1, { c: 2 }], d: 3 }, e: 4 }, 'a[b][0]=1&a[b][1][c]=2&a[d]=3&e=4'],
    ['nested names may hold dots and spaces', { a: { 'x.y z': 1 } }, 'a[x%2Ey%20z]=1'],
    ['__proto__ is an ordinary name', JSON.parse('{"__proto__":{"x":1}}'), '__proto__[x]=1'],
    [
      'manageBackupJob create',
      { action: 'create', type: 1, name: 'Daily Backup', destination: ['5fcedb7e4caee42621624bc2'], contains: 511, disabled: false, monitor: { ranfor: 1 } },
      'action=create&type=1&name=Daily%20Backup&destination[0]=5fcedb7e4caee42621624bc2&contains=511&disabled=0&monitor[ranfor]=1',
    ],
  ])('%s', (_, wire, expected) => {
    expect(form(wire)).toBe(expected);
  });

  it('sends a value under a prefix', () => {
    expect(toFormPairs({ 'akeeba.basic.archive_name': 'site-[DATE]' }, 'overrides')).toEqual([['overrides[akeeba.basic.archive_name]', 'site-[DATE]']]);
    expect(form({ 'akeeba.basic.archive_name': 'x' }, 'overrides')).toBe('overrides[akeeba%2Ebasic%2Earchive_name]=x');
    expect(toFormPairs(['a', true], 'list')).toEqual([['list[0]', 'a'], ['list[1]', '1']]);
    expect(toFormPairs(7, 'n')).toEqual([['n', '7']]);
    expect(toFormPairs(null, 'n')).toEqual([]);
    expect(toFormPairs(1, 'a[b]')).toEqual([['a[b]', '1']]);
    for (const bad of ['', '[a]', 'a[b', 'a]', 'a[]', 'a.b', 'a b[c]']) expect(() => toFormPairs(1, bad), bad).toThrow(RangeError);
  });

  it.each<[string, unknown, [string, string][]]>([
    ['NaN and Infinity', { a: NaN, b: [Infinity] }, [['/a', 'invalid-value'], ['/b/0', 'invalid-value']]],
    ['null in a list (the indices would have a gap)', { a: ['x', null, 'y'] }, [['/a/1', 'invalid-value']]],
    ['empty containers in a list', { a: [[], {}, { b: null }] }, [['/a/0', 'invalid-value'], ['/a/1', 'invalid-value'], ['/a/2', 'invalid-value']]],
    ['names bracket syntax cannot carry', { 'a[0]': 1, b: { '': 1, 'c]': 2 } }, [['/a[0]', 'invalid-value'], ['/b/', 'invalid-value'], ['/b/c]', 'invalid-value']]],
    ['top-level names PHP renames', { 'a.b': 1, 'c d': 2 }, [['/a.b', 'invalid-value'], ['/c d', 'invalid-value']]],
    ['non-JSON values', { a: 1n, b: new Date(0), c: () => 1 }, [['/a', 'wrong-type'], ['/b', 'wrong-type'], ['/c', 'wrong-type']]],
    ['lone surrogates', { a: 'x\ud800', ['\udc00']: 'y' }, [['/a', 'invalid-value'], ['/\udc00', 'invalid-value']]],
    ['not an object of parameters', ['a'], [['', 'wrong-type']]],
    ['a cycle', (() => { const a: Record<string, unknown> = { x: 1 }; a['self'] = { again: a }; return a; })(), [['/self/again', 'invalid-value']]],
  ])('refuses %s, listing every problem', (_, wire, issues) => {
    let error: unknown;
    try {
      toFormPairs(wire);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EncodeError);
    expect(brief((error as EncodeError).issues)).toEqual(issues);
  });
});

describe('encodeForm', () => {
  it.each<[string, [string, string][], string]>([
    ['README §2: key=123+abc', [['key', '123+abc']], 'key=123%2Babc'],
    ['only letters, digits and _ stay', [['k', 'aZ09_-.~!*\'() &=+/?#%"<>\\^`{|}:;,@$[]']], 'k=aZ09_%2D%2E%7E%21%2A%27%28%29%20%26%3D%2B%2F%3F%23%25%22%3C%3E%5C%5E%60%7B%7C%7D%3A%3B%2C%40%24%5B%5D'],
    ['UTF-8, uppercase hex', [['name', 'é€😀']], 'name=%C3%A9%E2%82%AC%F0%9F%98%80'],
    ['control characters', [['k', '\n\t\0']], 'k=%0A%09%00'],
    ['keys keep [ and ] literal, encode the rest', [['a b[c.d][]', 'x']], 'a%20b[c%2Ed][]=x'],
    ['empty value and empty list', [['a', '']], 'a='],
    ['Akeeba secret (docs sample)', [['_akeebaAuth', 'My$up3r5eCr3+KeY']], '_akeebaAuth=My%24up3r5eCr3%2BKeY'],
    ['several pairs, order kept', [['b', '1'], ['a', '2'], ['b', '3']], 'b=1&a=2&b=3'],
  ])('%s', (_, pairs, expected) => {
    expect(encodeForm(pairs)).toBe(expected);
  });

  it('encodes nothing as nothing and refuses lone surrogates', () => {
    expect(encodeForm([])).toBe('');
    expect(() => encodeForm([['k', '\ud83d']])).toThrow(RangeError);
    expect(() => encodeForm([['\ude00', 'v']])).toThrow(RangeError);
  });
});

describe('jetbackupCliArgs and shellQuote', () => {
  it('builds one -D with all the data', () => {
    const argv = jetbackupCliArgs('manageBackupJob', toFormPairs({ action: 'create', name: 'Daily Backup' }));
    expect(argv).toEqual(['jetbackup5api', '-F', 'manageBackupJob', '-D', 'action=create&name=Daily%20Backup', '-O', 'json']);
    expect(shellQuote(argv)).toBe("jetbackup5api -F manageBackupJob -D 'action=create&name=Daily%20Backup' -O json");
    const many = jetbackupCliArgs('manageBackupJob', toFormPairs({ _id: 'X', action: 'modify', destination: ['a', 'b'], schedules: [{ _id: 'S', retain: 7 }], disabled: false }));
    expect(many.filter((a) => a === '-D')).toHaveLength(1);
    expect(many[4]).toBe('_id=X&action=modify&destination[0]=a&destination[1]=b&schedules[0][_id]=S&schedules[0][retain]=7&disabled=0');
  });

  it('leaves -D out without parameters, as the docs do', () => {
    expect(jetbackupCliArgs('listBackupJobs', [])).toEqual(['jetbackup5api', '-F', 'listBackupJobs', '-O', 'json']);
  });

  it('keeps data from looking like an option and escapes & and = inside values', () => {
    const argv = jetbackupCliArgs('manageBackupJob', [['-D', '-O plain&x=1']]);
    expect(argv[4]).toBe('%2DD=%2DO%20plain%26x%3D1');
  });

  it.each(['', 'list-jobs', 'list jobs', 'listBackupJobs;rm', 'jobs2', 'ünïcode', '-F'])('refuses the function name %j', (fn) => {
    expect(() => jetbackupCliArgs(fn, [])).toThrow(RangeError);
  });

  it.each<[string[], string]>([
    [['echo', "it's"], "echo 'it'\\''s'"],
    [['a&b', 'c|d', 'e;f', '$HOME', '`x`', '*', '~', '#'], "'a&b' 'c|d' 'e;f' '$HOME' '`x`' '*' '~' '#'"],
    [['x', 'destination[0]=a'], "x 'destination[0]=a'"],
    [['x', ''], "x ''"],
    [['x', 'a b', 'tab\there', 'new\nline'], "x 'a b' 'tab\there' 'new\nline'"],
    [['x', "''"], "x ''\\'''\\'''"],
    [['a=b', 'c=d'], "'a=b' c=d"],
    [['/usr/bin/x', '-F', 'key=v%20:,.@+_'], '/usr/bin/x -F key=v%20:,.@+_'],
    [[], ''],
  ])('quotes %j', (argv, expected) => {
    expect(shellQuote(argv)).toBe(expected);
  });

  it('refuses NUL in an argument', () => {
    expect(() => shellQuote(['a\0b'])).toThrow(RangeError);
  });
});

describe('akeebaFormParams', () => {
  it('sends method first, then every argument as its own parameter', () => {
    expect(akeebaFormParams('startBackup', { profile: 1, description: 'Nightly run', comment: null, overrides: { 'akeeba.basic.archive_name': 'site' } })).toEqual([
      ['method', 'startBackup'],
      ['profile', '1'],
      ['description', 'Nightly run'],
      ['overrides[akeeba.basic.archive_name]', 'site'],
    ]);
    expect(encodeForm(akeebaFormParams('startBackup', {}))).toBe(readSample('akeeba', 'startBackup.request.doc-v2-method-param.txt'));
    expect(encodeForm(akeebaFormParams('stepBackup', { backupid: 'id-1', tag: 'json' }))).toBe('method=stepBackup&backupid=id%2D1&tag=json');
  });

  it('sends booleans as 1/0 (the server reads non-array inputs as raw strings)', () => {
    expect(encodeForm(akeebaFormParams('listBackups', { from: 0, limit: 50, full: true, quiet: false }))).toBe('method=listBackups&from=0&limit=50&full=1&quiet=0');
  });

  it.each(['', 'start backup', 'a/b', 'x&y=1'])('refuses the method name %j', (m) => {
    expect(() => akeebaFormParams(m, {})).toThrow(RangeError);
  });

  it('refuses an argument named method', () => {
    expect(() => akeebaFormParams('startBackup', { method: 'x' })).toThrow(RangeError);
    expect(akeebaFormParams('startBackup', { method: undefined })).toEqual([['method', 'startBackup']]);
  });
});

describe('parseForm', () => {
  it.each<[string, string, [string, string][]]>([
    ['pairs', 'a=1&b=2', [['a', '1'], ['b', '2']]],
    ['+ is a space, %2B a plus', 'k=123+abc&l=123%2Babc', [['k', '123 abc'], ['l', '123+abc']]],
    ['raw spaces and raw Unicode as they are', 'name=Daily Backup&x=é', [['name', 'Daily Backup'], ['x', 'é']]],
    ['UTF-8 escapes, either case', 'n=%c3%A9%E2%82%AC%F0%9F%98%80', [['n', 'é€😀']]],
    ['keys are decoded too', 'a%5B0%5D=x&b+c=d', [['a[0]', 'x'], ['b c', 'd']]],
    ['a leading ?', '?a=1', [['a', '1']]],
    ['a full URL', 'https://h.example:2087/cgi/api.cgi?function=listBackupJobs&x=1', [['function', 'listBackupJobs'], ['x', '1']]],
    ['a URL without a query', 'https://www.example.com/api/index.php/v3/akeebabackup', []],
    ['a URL fragment is dropped', 'https://h/p?a=1&b=2#frag&c=3', [['a', '1'], ['b', '2']]],
    ['a # before the ? is not a fragment (docs placeholders)', 'https://h/cpsess####/api.cgi?function=x', [['function', 'x']]],
    ['a # in a bare query is data', 'a=1#2', [['a', '1#2']]],
    ['no = means an empty value', 'a&b=', [['a', ''], ['b', '']]],
    ['= inside a value', 'a=b=c', [['a', 'b=c']]],
    ['empty pieces skipped', '&&a=1&&b=2&', [['a', '1'], ['b', '2']]],
    ['repeated keys all kept', 'a=1&a=2', [['a', '1'], ['a', '2']]],
    ['nothing', '', []],
    ['only ?', '?', []],
  ])('%s', (_, query, expected) => {
    const pairs = parseForm(query);
    expect(pairs).toEqual(expected);
    expect(pairs.issues).toEqual([]);
  });

  it.each<[string, string, [string, string][], [string, number][]]>([
    ['lone %', 'a=100%', [['a', '100%']], [['invalid-value', 6]]],
    ['one hex digit', 'a=%4', [['a', '%4']], [['invalid-value', 3]]],
    ['not hex', 'a=%zz&b=1', [['a', '%zz'], ['b', '1']], [['invalid-value', 3]]],
    ['% before an escape', 'a=%%41', [['a', '%A']], [['invalid-value', 3]]],
    ['in a key', 'a%=1', [['a%', '1']], [['invalid-value', 2]]],
    ['bytes that are not UTF-8', 'a=%FF%41&b=%C3', [['a', '\ufffdA'], ['b', '\ufffd']], [['invalid-utf8', 3], ['invalid-utf8', 12]]],
    ['column inside a URL', 'https://h/?q=%G1', [['q', '%G1']], [['invalid-value', 14]]],
  ])('reports a malformed escape (%s) as an issue, not an exception', (_, query, pairs, issues) => {
    const parsed = parseForm(query);
    expect(parsed).toEqual(pairs);
    expect(parsed.issues.map((i) => [i.code, i.column])).toEqual(issues);
    expect(parsed.issues.every((i) => i.line === 1)).toBe(true);
  });

  it('stays linear on hostile input', () => {
    const n = 200_000;
    const parsed = parseForm(`${'&x'.repeat(n)}=${'%'.repeat(n)}`);
    expect(parsed).toHaveLength(n);
    expect(parsed.issues).toHaveLength(n);
    expect(parsed.issues[n - 1]?.column).toBe(3 * n + 1);
  });

  it('points issues at the parameter and its line', () => {
    const parsed = parseForm('a=1\n&schedules[0][retain]=%x7');
    expect(parsed.issues).toEqual([{ path: '/schedules/0/retain', code: 'invalid-value', message: 'malformed percent-escape "%x7" (kept as is)', line: 2, column: 23 }]);
    // formToWire reports them first, then its own
    expect(brief(formToWire(parsed, ManageBackupJob).issues)).toEqual([
      ['/schedules/0/retain', 'invalid-value'],
      ['/a', 'unknown-property', 'warning'],
      ['/schedules/0/retain', 'invalid-value'],
    ]);
  });
});

describe('formToWire', () => {
  const T = jobject('T', [
    jprop('n', 'n', int),
    jprop('x', 'x', () => jsonTypes.number),
    jprop('b', 'b', bool),
    jprop('s', 's', str),
    jprop('e', 'e', () => jscalar('Mixed', 'any', { enum: [1, 'one', true] })),
    jprop('z', 'z', () => jsonTypes.null),
    jprop('ni', 'ni', int, { nullable: true }),
    jprop('ns', 'ns', str, { nullable: true }),
    jprop('any', 'any', () => anyJson),
    jprop('list', 'list', strings),
    jprop('grid', 'grid', () => jarray('', () => jarray('', int))),
    jprop('monitor', 'monitor', () => Monitor),
    jprop('schedules', 'schedules', () => jarray('', () => ScheduleLink)),
    jprop('sort', 'sort', () => Sort),
    jprop('strict', 'strict', () => jobject('Strict', [jprop('a', 'a', int)], { extra: 'forbid' })),
  ]);

  it.each<[string, string, unknown, unknown[]]>([
    ['integers from decimal text (leading zeros kept out)', 'n=0350', { n: 350 }, []],
    ['negative integer', 'n=-5', { n: -5 }, []],
    ['numbers', 'x=1.5&n=1e3', { x: 1.5, n: 1000 }, []],
    ['-0 is 0', 'n=-0', { n: 0 }, []],
    ['12abc is not an integer', 'n=12abc', { n: '12abc' }, [['/n', 'invalid-value']]],
    ['empty is not an integer', 'n=', { n: '' }, [['/n', 'invalid-value']]],
    ['spaces are not digits', 'n=+1', { n: ' 1' }, [['/n', 'invalid-value']]],
    ['a fraction is not an integer', 'n=1.5', { n: '1.5' }, [['/n', 'invalid-value']]],
    ['out of range', 'x=1e999', { x: '1e999' }, [['/x', 'invalid-value']]],
    ['booleans from 1/0', 'b=1&monitor[ranfor]=1', { b: true, monitor: { ranfor: 1 } }, []],
    ['false', 'b=0', { b: false }, []],
    ['true/false are not supported', 'b=true', { b: 'true' }, [['/b', 'invalid-value']]],
    ['other boolean text', 'b=yes', { b: 'yes' }, [['/b', 'invalid-value']]],
    ['strings as they are', 's=0350&ns= x ', { s: '0350', ns: ' x ' }, []],
    ['enum of mixed type by its sent text', 'e=one', { e: 'one' }, []],
    ['enum: first value with that text', 'e=1', { e: 1 }, []],
    ['enum: no match', 'e=2', { e: '2' }, [['/e', 'enumeration']]],
    ['null from empty', 'z=', { z: null }, []],
    ['nullable integer: empty is null', 'ni=', { ni: null }, []],
    ['nullable string: empty stays empty', 'ns=', { ns: '' }, []],
    ['any JSON value: text, PHP lists and maps', 'any[0]=a&any[1]=b', { any: ['a', 'b'] }, []],
    ['any JSON value: map', 'any[x]=1&any[0]=2', { any: { x: '1', '0': '2' } }, []],
    ['list', 'list[0]=a&list[1]=b', { list: ['a', 'b'] }, []],
    ['list with []', 'list[]=a&list[]=b', { list: ['a', 'b'] }, []],
    ['[] continues after the greatest index', 'list[0]=a&list[]=b&list[]=c', { list: ['a', 'b', 'c'] }, []],
    ['list out of order: placed by index', 'list[1]=b&list[0]=a', { list: ['a', 'b'] }, [['/list', 'out-of-order', 'warning']]],
    ['list with a gap', 'list[0]=a&list[2]=c', { list: ['a', 'c'] }, [['/list', 'invalid-value']]],
    ['list not from 0', 'list[1]=a', { list: ['a'] }, [['/list', 'invalid-value']]],
    ['list keys must be indices', 'list[x]=a&list[01]=b&list[0]=c', { list: ['c'] }, [['/list/x', 'invalid-value'], ['/list/01', 'invalid-value']]],
    ['2-D list', 'grid[0][0]=1&grid[0][1]=2&grid[1][0]=3', { grid: [[1, 2], [3]] }, []],
    ['2-D list with []', 'grid[0][]=1&grid[0][]=2&grid[1][]=3', { grid: [[1, 2], [3]] }, []],
    ['list of objects', 'schedules[0][_id]=S&schedules[0][retain]=7', { schedules: [{ _id: 'S', retain: 7 }] }, []],
    ['pointer of a bad item', 'schedules[0][_id]=S&schedules[0][retain]=x', { schedules: [{ _id: 'S', retain: 'x' }] }, [['/schedules/0/retain', 'invalid-value']]],
    ['map object', 'sort[name]=1&sort[date]=-1', { sort: { name: 1, date: -1 } }, []],
    ['unknown keys kept as text, with a warning', 'n=1&extra=2&deep[0]=a&deep[1]=b', { n: 1, extra: '2', deep: ['a', 'b'] }, [['/extra', 'unknown-property', 'warning'], ['/deep', 'unknown-property', 'warning']]],
    ['unknown nested key', 'monitor[ranfor]=1&monitor[other]=x', { monitor: { ranfor: 1, other: 'x' } }, [['/monitor/other', 'unknown-property', 'warning']]],
    ['forbidden unknown key', 'strict[a]=1&strict[b]=2', { strict: { a: 1 } }, [['/strict/b', 'unknown-property']]],
    ['object sent as a value', 'monitor=1', { monitor: '1' }, [['/monitor', 'wrong-type']]],
    ['list sent as a value (the bash wrapper)', 'list=0,/home', { list: '0,/home' }, [['/list', 'wrong-type']]],
    ['brackets on a scalar', 'n[a]=1', { n: { a: '1' } }, [['/n', 'wrong-type']]],
    ['repeated key: the last wins', 'n=1&n=2', { n: 2 }, [['/n', 'duplicate-element', 'warning']]],
    ['value replaced by brackets', 'list=x&list[0]=a', { list: ['a'] }, [['/list', 'duplicate-element', 'warning']]],
    ['brackets replaced by a value', 'list[0]=a&list=x', { list: 'x' }, [['/list', 'duplicate-element', 'warning'], ['/list', 'wrong-type']]],
    ['malformed names', 'a[b=1&[c]=2&d]=3&e[f]g=4&=5&n=1', { n: 1 }, [['', 'invalid-value'], ['', 'invalid-value'], ['', 'invalid-value'], ['', 'invalid-value'], ['', 'invalid-value']]],
    ['__proto__ is an ordinary key', '__proto__[x]=1', JSON.parse('{"__proto__":{"x":"1"}}'), [['/__proto__', 'unknown-property', 'warning']]],
    ['nothing', '', {}, []],
  ])('%s: %s', (_, query, value, issues) => {
    const r = formToWire(parseForm(query), T);
    expect(r.value).toEqual(value);
    expect(brief(r.issues)).toEqual(issues);
    if (!issues.some((i) => (i as string[])[2] !== 'warning')) expect(codecOf(T).decodeValue(r.value).ok).toBe(true);
  });

  it('keeps __proto__ as an own property', () => {
    const r = formToWire(parseForm('__proto__[x]=1'), T).value as Record<string, unknown>;
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(Object.hasOwn(r, '__proto__')).toBe(true);
  });

  it('takes the first union member that coerces and validates', () => {
    const create = formToWire(parseForm('action=create&name=Daily+Backup&destination[0]=D&disabled=0'), ManageParams);
    expect(create).toEqual({ value: { action: 'create', name: 'Daily Backup', destination: ['D'], disabled: false }, issues: [] });
    const modify = formToWire(parseForm('_id=J&action=modify&disabled=1'), ManageParams);
    expect(modify).toEqual({ value: { _id: 'J', action: 'modify', disabled: true }, issues: [] });
    expect(codecOf(ManageParams).decodeValue(modify.value).ok).toBe(true);
    const neither = formToWire(parseForm('action=delete&_id=J'), ManageParams);
    expect(brief(neither.issues)).toEqual([['', 'no-match']]);
    expect(neither.issues[0]?.message).toContain('CreateParams');
    expect(neither.issues[0]?.message).toContain('ModifyParams');
    // Scalars: the first member that takes the text.
    const U = jobject('U', [jprop('v', 'v', () => junion('IntOrString', [int, str]))]);
    expect(formToWire(parseForm('v=12&w=x'), U).value).toEqual({ v: 12, w: 'x' });
    expect(formToWire(parseForm('v=12abc'), U).value).toEqual({ v: '12abc' });
  });

  it('limits nesting and the number of issues', () => {
    const deep = `a${'[x]'.repeat(65)}=1`;
    expect(brief(formToWire(parseForm(deep), jobject('A', [])).issues)).toEqual([['/a', 'too-deep']]);
    expect(brief(formToWire(parseForm('a[x][y]=1'), jobject('A', []), { maxDepth: 1 }).issues)).toEqual([['/a', 'too-deep']]);
    const many = Array.from({ length: 500 }, (_, i) => `k${i}=1`).join('&');
    expect(formToWire(parseForm(many), jobject('A', [], { extra: 'forbid' }), { maxIssues: 10 }).issues).toHaveLength(10);
  });

  it('reads back what toFormPairs sends, with the same type', () => {
    const wire = { action: 'modify', _id: 'J', name: 'Nightly', destination: ['a', 'b'], schedules: [{ _id: 'S', retain: 7 }], filters: [['g1', 'g2'], ['g3']], monitor: { ranfor: 1, notran: 2 }, retry_failed: false, time: 350 };
    const r = formToWire(parseForm(form(wire)), ManageParams);
    expect(r).toEqual({ value: wire, issues: [] });
    const list = { limit: 10, skip: 20, sort: { name: -1 }, find: { username: 'bob' } };
    expect(formToWire(parseForm(form(list)), ListParams)).toEqual({ value: list, issues: [] });
  });
});

// ---------------------------------------------------------------------------------------------------
// The request samples of the reference docs

function readSample(api: string, file: string): string {
  const text = readFileSync(path.join(samplesOf(api), file), 'utf8');
  return text.endsWith('\n') ? text.slice(0, -1) : text; // the final newline is not part of the payload
}

/** Words of a command line with double quotes (enough for the samples). */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The `-F` function and `-D` data of a `jetbackup5api` command line. */
function cliData(line: string): { fn: string; data: string | undefined } {
  const words = shellWords(line);
  expect(words[0]).toBe('jetbackup5api');
  const at = (flag: string) => {
    const i = words.indexOf(flag);
    return i < 0 ? undefined : words[i + 1];
  };
  expect(words.filter((w) => w === '-D').length).toBeLessThanOrEqual(1);
  return { fn: at('-F')!, data: at('-D') };
}

type SampleKind =
  | { readonly kind: 'query'; readonly pairs: [string, string][] }
  | { readonly kind: 'urls'; readonly pairs: [string, string][][] }
  | { readonly kind: 'cli'; readonly fn: string; readonly pairs: [string, string][] }
  | { readonly kind: 'http'; readonly url: [string, string][]; readonly body?: [string, string][] }
  | { readonly kind: 'not a query'; readonly why: string };

const q = (pairs: [string, string][]): SampleKind => ({ kind: 'query', pairs });
const v2 = (option: string): [string, string][] => [['option', option], ['view', 'api'], ['format', 'raw']];

/** Every request sample, with what it is and the pairs it holds; a new sample fails the coverage test until listed. */
const REQUEST_SAMPLES: Record<string, Record<string, SampleKind>> = {
  jetbackup: {
    'getBackupJob.request.v5-4-doc.txt': q([['_id', '5f8a7d0d348232507c4e7f02']]),
    'listBackupJobs.request.v5-3-edge-doc-cli.txt': { kind: 'cli', fn: 'listBackupJobs', pairs: [] },
    'listBackupJobs.request.v5-3-edge-doc-http.txt': { kind: 'urls', pairs: [[['function', 'listBackupJobs']]] },
    'manageBackupJob.request.bash-wrapper-create.shape.txt': q([
      ['action', 'create'], ['type', '1'], ['name', '<name>'], ['destination[0]', '<dest id>'], ['contains', '511'], ['include_list', '0,/home'], ['structure', '1'],
      ['options', '1'], ['retry_failed', '0'], ['time', '0350'], ['monitor[ranfor]', '1'], ['monitor[notran]', '2'], ['owner', '<account id>'], ['disabled', '0'],
    ]),
    'manageBackupJob.request.jetapps-migration-accounts.shape.txt': q([
      ['action', 'create'], ['name', '<name>'], ['disabled', '1'], ['type', '1'], ['contains', '<bits>'], ['structure', '<1|2|4>'], ['exclude_list[0]', '<path>'],
    ]),
    'manageBackupJob.request.jetapps-migration-directories.shape.txt': q([
      ['action', 'create'], ['name', '<name>'], ['disabled', '1'], ['type', '2'], ['contains', '3'], ['structure', '<1|2|4>'], ['include_list[0]', '<path>'], ['exclude_list[0]', '<path>'],
    ]),
    'manageBackupJob.request.jetapps-migration-filters-suffix.shape.txt': q([['filters[<row>][<col>]', '<account filter group_id>']]),
    'manageBackupJob.request.jetapps-migration-schedules-suffix.shape.txt': q([['time', '<HHMM>'], ['schedules[0][_id]', '<schedule id>'], ['schedules[0][retain]', '<n>']]),
    'manageBackupJob.request.third-party-enable-cli.shape.txt': { kind: 'cli', fn: 'manageBackupJob', pairs: [['_id', '<job id>'], ['action', 'modify'], ['disabled', '0']] },
    'manageBackupJob.request.v5-3-doc-action.txt': q([['action', 'create']]),
    'manageBackupJob.request.v5-3-doc-contains.txt': q([['contains', '511']]),
    'manageBackupJob.request.v5-3-doc-destination.txt': q([['destination[0]', '5fcedb7e4caee42621624bc2']]),
    'manageBackupJob.request.v5-3-doc-exclude-list.txt': q([['exclude_list[0]', '/usr/local/tmp'], ['exclude_list[1]', ' /usr/local/tmp2']]),
    'manageBackupJob.request.v5-3-doc-filters.txt': q([['filters[0][0]', '617355f0c255bc71ee70f393'], ['filters[0][1]', '61735fe403a9b8200']]),
    'manageBackupJob.request.v5-3-doc-id.txt': q([['_id', '5f8a7d0d348232507c4e7f02']]),
    'manageBackupJob.request.v5-3-doc-include-list.txt': q([['include_list[0]', '/home/acct/textfile']]),
    'manageBackupJob.request.v5-3-doc-name.txt': q([['name', 'Daily Backup']]),
    'manageBackupJob.request.v5-3-doc-options.txt': q([['options', '4']]),
    'manageBackupJob.request.v5-3-doc-retry-failed.txt': q([['retry_failed', '1']]),
    'manageBackupJob.request.v5-3-doc-structure.txt': q([['structure', '1']]),
    'manageBackupJob.request.v5-3-doc-type.txt': q([['type', '1']]),
  },
  akeeba: {
    'any.request.doc-v1-endpoint-urls.txt': {
      kind: 'urls',
      pairs: [
        [['option', 'com_akeeba'], ['view', 'json'], ['format', 'raw']],
        [['option', 'com_akeeba'], ['view', 'json'], ['format', 'raw']],
        [['option', 'com_akeeba'], ['view', 'api'], ['format', 'raw']],
        [['option', 'com_akeeba'], ['view', 'json'], ['format', 'raw']],
      ],
    },
    'any.request.doc-v1-get-url.txt': { kind: 'urls', pairs: [[['option', 'com_akeeba'], ['view', 'json'], ['format', 'raw'], ['json', '<data>']]] },
    'any.request.doc-v2-auth-header.txt': { kind: 'not a query', why: 'an HTTP header (its value is checked against the query sample)' },
    'any.request.doc-v2-auth-query.txt': q([['_akeebaAuth', 'My$up3r5eCr3+KeY']]),
    'any.request.doc-v2-endpoint-urls.txt': {
      kind: 'urls',
      pairs: [v2('com_akeeba'), v2('com_akeebabackup'), [], v2('com_akeeba'), [['action', 'akeebabackup_api'], ...v2('com_akeeba')]],
    },
    'any.request.doc-v3-endpoint-urls.txt': { kind: 'urls', pairs: [[]] },
    'any.request.lib-v1-json-param.shape.txt': { kind: 'not a query', why: 'the JSON value of the v1 `json` parameter (checked to travel through a form)' },
    'example.request.doc-v1-encapsulated.txt': { kind: 'not a query', why: 'a v1 request object in JavaScript notation' },
    'example.request.doc-v1-message.txt': { kind: 'not a query', why: 'a v1 message in JavaScript notation' },
    'startBackup.request.doc-v2-method-param.txt': q([['method', 'startBackup']]),
    'startBackup.request.doc-v3-url.txt': { kind: 'urls', pairs: [[]] },
    'stepBackup.request.lib-v2-get.shape.txt': {
      kind: 'http',
      url: [['_akeebaAuth', '<secret>'], ['backupid', '<backupid>'], ['view', 'Api'], ['method', 'stepBackup'], ['option', 'com_akeebabackup'], ['format', 'json']],
    },
    'stepBackup.request.lib-v2-post.shape.txt': {
      kind: 'http',
      url: [['_akeebaAuth', '<secret>']],
      body: [['backupid', '<backupid>'], ['view', 'Api'], ['method', 'stepBackup'], ['option', 'com_akeebabackup'], ['format', 'json']],
    },
  },
};

/** The query strings of a sample and the pairs they should give. */
function queriesOf(text: string, s: SampleKind): [string, [string, string][]][] {
  switch (s.kind) {
    case 'query':
      return [[text, s.pairs]];
    case 'urls': {
      const lines = text.split('\n');
      expect(lines).toHaveLength(s.pairs.length);
      return lines.map((l, i) => [l, s.pairs[i]!]);
    }
    case 'cli': {
      const { fn, data } = cliData(text);
      expect(fn).toBe(s.fn);
      return [[data ?? '', s.pairs]];
    }
    case 'http': {
      const [head, body] = text.split('\n\n');
      const [verb, url] = head!.split('\n')[0]!.split(' ');
      expect(['GET', 'POST']).toContain(verb);
      const out: [string, [string, string][]][] = [[url!, s.url]];
      if (s.body) out.push([body!, s.body]);
      else expect(body).toBeUndefined();
      return out;
    }
    case 'not a query':
      return [];
  }
}

describe('request samples of the reference docs', () => {
  for (const api of ['jetbackup', 'akeeba']) {
    it(`lists every ${api} request sample`, () => {
      const files = readdirSync(samplesOf(api)).filter((f) => f.includes('.request.')).sort();
      expect(files).toEqual(Object.keys(REQUEST_SAMPLES[api]!).sort());
    });
    for (const [file, kind] of Object.entries(REQUEST_SAMPLES[api]!)) {
      if (kind.kind === 'not a query') continue;
      it(`${api}/${file} parses`, () => {
        for (const [query, pairs] of queriesOf(readSample(api, file), kind)) {
          const parsed = parseForm(query);
          expect(parsed).toEqual(pairs);
          expect(parsed.issues).toEqual([]);
          // and what we send for those pairs reads back the same
          expect(parseForm(encodeForm(parsed))).toEqual(pairs);
        }
      });
    }
  }

  it('CLI samples: our argv carries the same pairs in one -D', () => {
    for (const file of ['listBackupJobs.request.v5-3-edge-doc-cli.txt', 'manageBackupJob.request.third-party-enable-cli.shape.txt']) {
      const sample = cliData(readSample('jetbackup', file));
      const ours = cliData(shellQuote(jetbackupCliArgs(sample.fn, parseForm(sample.data ?? ''))));
      expect(ours.fn).toBe(sample.fn);
      expect(parseForm(ours.data ?? '')).toEqual(parseForm(sample.data ?? ''));
    }
  });

  it('the manageBackupJob parameter examples read back typed, and the codec accepts them', () => {
    const files = Object.keys(REQUEST_SAMPLES['jetbackup']!).filter((f) => f.startsWith('manageBackupJob.request.v5-3-doc-'));
    expect(files).toHaveLength(12);
    const query = files.map((f) => readSample('jetbackup', f)).join('&');
    const r = formToWire(parseForm(query), ManageBackupJob);
    expect(r.issues).toEqual([]);
    expect(r.value).toEqual({
      action: 'create',
      contains: 511,
      destination: ['5fcedb7e4caee42621624bc2'],
      exclude_list: ['/usr/local/tmp', ' /usr/local/tmp2'],
      filters: [['617355f0c255bc71ee70f393', '61735fe403a9b8200']],
      _id: '5f8a7d0d348232507c4e7f02',
      include_list: ['/home/acct/textfile'],
      name: 'Daily Backup',
      options: 4,
      retry_failed: true,
      structure: 1,
      type: 1,
    });
    expect(codecOf(ManageBackupJob).decodeValue(r.value).ok).toBe(true);
  });

  it('the bash wrapper sample: only its unbracketed include_list is refused', () => {
    const r = formToWire(parseForm(readSample('jetbackup', 'manageBackupJob.request.bash-wrapper-create.shape.txt')), ManageBackupJob);
    expect(brief(r.issues)).toEqual([['/include_list', 'wrong-type']]);
    expect(r.value).toMatchObject({ time: 350, monitor: { ranfor: 1, notran: 2 }, retry_failed: false, disabled: false, destination: ['<dest id>'] });
  });

  it('Akeeba: the query secret is the header secret, and we encode it as the docs do', () => {
    const header = readSample('akeeba', 'any.request.doc-v2-auth-header.txt');
    const query = readSample('akeeba', 'any.request.doc-v2-auth-query.txt');
    const secret = header.replace(/^X-Akeeba-Auth: /, '');
    expect(parseForm(query)).toEqual([['_akeebaAuth', secret]]);
    expect(encodeForm([['_akeebaAuth', secret]])).toBe(query);
  });

  it('Akeeba: the v1 json parameter travels through a form', () => {
    const json = readSample('akeeba', 'any.request.lib-v1-json-param.shape.txt');
    const sent = encodeForm([['json', json]]);
    expect(sent).toMatch(/^json=[A-Za-z0-9_%]*$/);
    expect(parseForm(sent)).toEqual([['json', json]]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

type Shape = 'string' | 'integer' | 'boolean' | { readonly list: Shape } | { readonly fields: readonly (readonly [string, Shape])[] };

const nestedKey = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((k) => !/[[\]]/.test(k));
const topKey = nestedKey.filter((k) => !/[. ]/.test(k));

const fieldsOf = (key: fc.Arbitrary<string>, shape: fc.Arbitrary<Shape>) =>
  fc.uniqueArray(fc.tuple(key, shape), { selector: (t) => t[0], minLength: 1, maxLength: 4 }).map((fields) => ({ fields }));

const { shape } = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Shape>('string', 'integer', 'boolean'),
    tie('shape').map((s) => ({ list: s })),
    fieldsOf(nestedKey, tie('shape')),
  ),
}));
const rootShape = fieldsOf(topKey, shape);

function valueOf(s: Shape): fc.Arbitrary<unknown> {
  if (s === 'string') return fc.string({ unit: 'grapheme', maxLength: 8 });
  if (s === 'integer') return fc.oneof(fc.integer(), fc.maxSafeInteger());
  if (s === 'boolean') return fc.boolean();
  if ('list' in s) return fc.array(valueOf(s.list), { minLength: 1, maxLength: 3 });
  return fc.tuple(...s.fields.map(([, f]) => valueOf(f))).map((values) => {
    const o: Record<string, unknown> = {};
    s.fields.forEach(([k], i) => Object.defineProperty(o, k, { value: values[i], enumerable: true, writable: true, configurable: true }));
    return o;
  });
}

const wireValue = rootShape.chain(valueOf);

/** A descriptor matching a value's shape (lists are homogeneous by construction: the first item stands for all). */
function descriptorOf(v: unknown): JsonTypeDesc {
  if (typeof v === 'string') return jsonTypes.string;
  if (typeof v === 'number') return jsonTypes.integer;
  if (typeof v === 'boolean') return jsonTypes.boolean;
  if (Array.isArray(v)) {
    const item = descriptorOf(v[0]);
    return jarray('', () => item);
  }
  const o = v as Record<string, unknown>;
  return jobject(
    '',
    Object.keys(o).map((k) => {
      const t = descriptorOf(o[k]);
      return jprop(k, k, () => t, { required: true });
    }),
    { extra: 'forbid' },
  );
}

/** What an untyped reading gives: texts, booleans as 1/0, maps keyed 0..n-1 as lists (PHP). */
function asText(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(asText);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.every((k, i) => k === String(i))) return keys.map((k) => asText(o[k]));
  const out: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(out, k, { value: asText(o[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('properties', () => {
  it('formToWire(parseForm(encodeForm(toFormPairs(v))), type of v) gives v back, and the codec accepts it', () => {
    fc.assert(
      fc.property(wireValue, (v) => {
        const type = descriptorOf(v);
        const text = encodeForm(toFormPairs(v));
        const r = formToWire(parseForm(text), type);
        expect(r.issues).toEqual([]);
        expect(r.value).toEqual(v);
        expect(codecOf(type).decodeValue(r.value).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('without a type, the same value comes back as texts (booleans as 1/0)', () => {
    fc.assert(
      fc.property(wireValue, (v) => {
        const r = formToWire(parseForm(encodeForm(toFormPairs(v))), anyJson);
        expect(r.issues).toEqual([]);
        expect(r.value).toEqual(asText(v));
      }),
      { numRuns: 200 },
    );
  });

  it('encodeForm output holds only letters, digits, _ % = & [ ]', () => {
    fc.assert(
      fc.property(wireValue, (v) => {
        expect(encodeForm(toFormPairs(v))).toMatch(/^[A-Za-z0-9_%=&[\]]*$/);
      }),
      { numRuns: 300 },
    );
  });

  it('parseForm reads back any pairs encodeForm writes', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 10 });
    fc.assert(
      fc.property(fc.array(fc.tuple(text.filter((k) => k !== ''), text)), (pairs) => {
        const parsed = parseForm(encodeForm(pairs));
        expect(parsed).toEqual(pairs);
        expect(parsed.issues).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers travel in plain decimal and read back exactly', () => {
    const N = jobject('N', [jprop('x', 'x', () => jsonTypes.number)]);
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const [[, text]] = toFormPairs({ x }) as [[string, string]];
        expect(text).toMatch(/^-?[0-9]+(\.[0-9]+)?$/);
        expect(formToWire(parseForm(encodeForm([['x', text]])), N).value).toEqual({ x: x === 0 ? 0 : x });
      }),
      { numRuns: 500 },
    );
  });

});
