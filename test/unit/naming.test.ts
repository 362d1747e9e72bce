import { describe, expect, it } from 'vitest';
import {
  GLOBAL_NAMES,
  JS_RESERVED_WORDS,
  NameScope,
  RESERVED_IDENTIFIERS,
  RESERVED_PROPERTIES,
  TS_KEYWORDS,
  camelCase,
  collisionKey,
  escapeIdentifier,
  escapeProperty,
  isIdentifierName,
  isReservedIdentifier,
  isReservedProperty,
  moduleNameForSchemaFile,
  pascalCase,
  splitWords,
} from '../../generator/naming/index.js';

const RUNTIME_EXPORTS = ['Codec', 'simple', 'complex', 'el', 'seq', 'choice', 'attr'];

describe('splitWords', () => {
  const cases: [string, string[]][] = [
    ['backup-webspace', ['backup', 'webspace']],
    ['split-size', ['split', 'size']],
    ['max-backup-files', ['max', 'backup', 'files']],
    ['get-tasks-info', ['get', 'tasks', 'info']],
    ['webspace_id', ['webspace', 'id']],
    ['id_type', ['id', 'type']],
    ['destination_details', ['destination', 'details']],
    ['stepNumber', ['step', 'Number']],
    ['HasRun', ['Has', 'Run']],
    ['BackiupClientOutput', ['Backiup', 'Client', 'Output']],
    ['backupid', ['backupid']],
    ['BackupID', ['Backup', 'ID']],
    ['USAddress', ['US', 'Address']],
    ['us-address', ['us', 'address']],
    ['XMLHttpRequest', ['XML', 'Http', 'Request']],
    ['IPv6', ['IP', 'v', '6']],
    ['IPv6Address', ['IP', 'v', '6', 'Address']],
    ['Pv6', ['Pv', '6']],
    ['IDs', ['IDs']],
    ['URLsList', ['URLs', 'List']],
    ['backupIDs', ['backup', 'IDs']],
    ['ID', ['ID']],
    ['aB', ['a', 'B']],
    ['a-b', ['a', 'b']],
    ['AB', ['AB']],
    ['ok', ['ok']],
    ['split2size', ['split', '2', 'size']],
    ['2fa', ['2', 'fa']],
    ['utf8String', ['utf', '8', 'String']],
    ['__proto__', ['proto']],
    ['_id', ['id']],
    ['class', ['class']],
    ['a.b.c', ['a', 'b', 'c']],
    ['ns:name', ['ns', 'name']],
    ['MAX_BACKUP_FILES', ['MAX', 'BACKUP', 'FILES']],
    ['größe', ['größe']],
    ['Größe', ['Größe']],
    ['日本Address', ['日本', 'Address']],
    ['ID番号', ['ID', '番号']],
    ['foo日本', ['foo', '日本']],
    ['a  b\tc', ['a', 'b', 'c']],
    ['price$usd', ['price', 'usd']],
    ['x١٢', ['x', '١٢']], // Arabic-Indic digits are digits
    ['-', []],
    ['', []],
    ['_$.:', []],
  ];
  it.each(cases)('%j -> %j', (name, words) => {
    expect(splitWords(name)).toEqual(words);
  });

  it('keeps combining marks with their letter and composes to NFC', () => {
    expect(splitWords('gro\u0308ße')).toEqual(['größe']);
    expect(splitWords('a\u0301\u0327b-c')).toEqual(['\u00e1\u0327b', 'c']);
  });

  it('treats a mark that follows no letter or digit as a separator', () => {
    expect(splitWords('-\u0301abc')).toEqual(['abc']);
  });

  it('keeps letters outside the Basic Multilingual Plane', () => {
    expect(splitWords('a-\u{1D49C}b')).toEqual(['a', '\u{1D49C}b']);
  });
});

describe('pascalCase and camelCase', () => {
  // [wire name, PascalCase, camelCase]
  const cases: [string, string, string][] = [
    ['backup-webspace', 'BackupWebspace', 'backupWebspace'],
    ['split-size', 'SplitSize', 'splitSize'],
    ['max-backup-files', 'MaxBackupFiles', 'maxBackupFiles'],
    ['get-tasks-info', 'GetTasksInfo', 'getTasksInfo'],
    ['webspace_id', 'WebspaceId', 'webspaceId'],
    ['id_type', 'IdType', 'idType'],
    ['destination_details', 'DestinationDetails', 'destinationDetails'],
    ['stepNumber', 'StepNumber', 'stepNumber'],
    ['HasRun', 'HasRun', 'hasRun'],
    ['BackiupClientOutput', 'BackiupClientOutput', 'backiupClientOutput'],
    ['backupid', 'Backupid', 'backupid'],
    ['BackupID', 'BackupID', 'backupId'],
    ['backupIDs', 'BackupIDs', 'backupIds'],
    ['USAddress', 'USAddress', 'usAddress'],
    ['us-address', 'UsAddress', 'usAddress'],
    ['getUSAddress', 'GetUSAddress', 'getUsAddress'],
    ['XMLHttpRequest', 'XMLHttpRequest', 'xmlHttpRequest'],
    ['IPv6Address', 'IPV6Address', 'ipV6Address'],
    ['utf8String', 'Utf8String', 'utf8String'],
    ['split2size', 'Split2Size', 'split2Size'],
    ['ID', 'ID', 'id'],
    ['id', 'Id', 'id'],
    ['ok', 'Ok', 'ok'],
    ['aB', 'AB', 'aB'],
    ['a-b', 'AB', 'aB'],
    ['AB', 'AB', 'ab'],
    ['a.b.c', 'ABC', 'aBC'],
    ['ns:name', 'NsName', 'nsName'],
    ['class', 'Class', 'class'],
    ['constructor', 'Constructor', 'constructor'],
    ['toString', 'ToString', 'toString'],
    ['__proto__', 'Proto', 'proto'],
    ['_id', 'Id', 'id'],
    ['Array', 'Array', 'array'],
    ['Codec', 'Codec', 'codec'],
    ['2fa', '_2Fa', '_2fa'],
    ['2FA', '_2FA', '_2fa'],
    ['4xx-errors', '_4XxErrors', '_4xxErrors'],
    ['42', '_42', '_42'],
    ['größe', 'Größe', 'größe'],
    ['GRÖSSE', 'GRÖSSE', 'grösse'],
    ['ßtraße', 'SStraße', 'ßtraße'],
    ['日本Address', '日本Address', '日本Address'],
    ['MAX_BACKUP_FILES', 'MaxBackupFiles', 'maxBackupFiles'],
    ['US_ADDRESS', 'UsAddress', 'usAddress'],
    ['IPV6_ADDRESS', 'Ipv6Address', 'ipv6Address'],
    ['HTTP2', 'HTTP2', 'http2'],
    ['-', '_', '_'],
    ['', '_', '_'],
    ['__', '_', '_'],
  ];
  it.each(cases)('%j -> %j / %j', (name, pascal, camel) => {
    expect(pascalCase(name)).toBe(pascal);
    expect(camelCase(name)).toBe(camel);
  });

  it('returns identifier names for every case above', () => {
    for (const [name] of cases) {
      expect(isIdentifierName(pascalCase(name)), name).toBe(true);
      expect(isIdentifierName(camelCase(name)), name).toBe(true);
    }
  });

  it('is idempotent, except where single-letter words merge into what reads as an acronym', () => {
    expect(camelCase(camelCase('a.b.c'))).toBe('aBc');
    for (const [name, pascal, camel] of cases.filter(([name]) => name !== 'a.b.c')) {
      expect(pascalCase(pascal), name).toBe(pascal);
      expect(camelCase(camel), name).toBe(camel);
    }
  });
});

describe('isIdentifierName', () => {
  const cases: [string, boolean][] = [
    ['splitSize', true],
    ['class', true],
    ['größe', true],
    ['_2fa', true],
    ['$', true],
    ['Codec$', true],
    ['max-backup-files', false],
    ['2fa', false],
    ['a b', false],
    ['', false],
  ];
  it.each(cases)('%j -> %j', (name, expected) => {
    expect(isIdentifierName(name)).toBe(expected);
  });
});

describe('reserved names', () => {
  it('lists the JavaScript reserved, strict-mode and future reserved words', () => {
    for (const word of [
      'class', 'enum', 'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public',
      'yield', 'await', 'arguments', 'eval', 'function', 'new', 'delete', 'typeof', 'void', 'null', 'true',
    ]) {
      expect(JS_RESERVED_WORDS.has(word), word).toBe(true);
      expect(isReservedIdentifier(word), word).toBe(true);
    }
  });

  it('lists the TypeScript type keywords and intrinsic type names', () => {
    for (const word of [
      'any', 'unknown', 'never', 'string', 'number', 'boolean', 'bigint', 'symbol', 'object', 'undefined',
      'void', 'null', 'type', 'keyof', 'infer', 'is', 'asserts', 'readonly', 'unique', 'namespace', 'declare',
    ]) {
      expect(TS_KEYWORDS.has(word), word).toBe(true);
      expect(isReservedIdentifier(word), word).toBe(true);
    }
  });

  it('lists the globals generated code refers to', () => {
    for (const word of [
      'Array', 'ReadonlyArray', 'Record', 'Readonly', 'Partial', 'Uint8Array', 'Object', 'String', 'Number',
      'Boolean', 'BigInt', 'Symbol', 'Date', 'RegExp', 'Promise', 'Error', 'Map', 'Set', 'Function', 'JSON',
      'Math', 'globalThis', 'NaN', 'Infinity',
    ]) {
      expect(GLOBAL_NAMES.has(word), word).toBe(true);
      expect(isReservedIdentifier(word), word).toBe(true);
    }
  });

  it('is the union of the three lists', () => {
    expect(RESERVED_IDENTIFIERS).toEqual(new Set([...JS_RESERVED_WORDS, ...TS_KEYWORDS, ...GLOBAL_NAMES]));
  });

  it('lists Object.prototype members and __proto__ as reserved properties', () => {
    // every member of Object.prototype (`__proto__` included), plus `prototype`
    const members = Object.getOwnPropertyNames(Object.prototype);
    expect(RESERVED_PROPERTIES).toEqual(new Set([...members, 'prototype']));
  });

  const identifiers: [string, string][] = [
    ['class', 'class$'],
    ['enum', 'enum$'],
    ['let', 'let$'],
    ['yield', 'yield$'],
    ['await', 'await$'],
    ['arguments', 'arguments$'],
    ['eval', 'eval$'],
    ['string', 'string$'],
    ['type', 'type$'],
    ['Array', 'Array$'],
    ['Promise', 'Promise$'],
    ['Record', 'Record$'],
    ['globalThis', 'globalThis$'],
    ['Class', 'Class'],
    ['array', 'array'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['__proto__', '__proto__'],
    ['Codec', 'Codec'],
    ['BackupWebspace', 'BackupWebspace'],
  ];
  it.each(identifiers)('escapeIdentifier(%j) -> %j', (name, escaped) => {
    expect(escapeIdentifier(name)).toBe(escaped);
  });

  it('escapes the extra names given (runtime exports)', () => {
    const extra = new Set(RUNTIME_EXPORTS);
    expect(escapeIdentifier('Codec', extra)).toBe('Codec$');
    expect(escapeIdentifier('simple', extra)).toBe('simple$');
    expect(escapeIdentifier('seq', extra)).toBe('seq$');
    expect(escapeIdentifier('codec', extra)).toBe('codec');
    expect(isReservedIdentifier('el', extra)).toBe(true);
    expect(isReservedIdentifier('el')).toBe(false);
    // keeps appending while the result is still reserved
    expect(escapeIdentifier('x', new Set(['x', 'x$']))).toBe('x$$');
  });

  const properties: [string, string][] = [
    ['__proto__', '__proto__$'],
    ['constructor', 'constructor$'],
    ['toString', 'toString$'],
    ['valueOf', 'valueOf$'],
    ['hasOwnProperty', 'hasOwnProperty$'],
    ['isPrototypeOf', 'isPrototypeOf$'],
    ['propertyIsEnumerable', 'propertyIsEnumerable$'],
    ['toLocaleString', 'toLocaleString$'],
    ['__defineGetter__', '__defineGetter__$'],
    ['__lookupSetter__', '__lookupSetter__$'],
    ['prototype', 'prototype$'],
    // keywords are legal property names and stay as they are
    ['class', 'class'],
    ['default', 'default'],
    ['Array', 'Array'],
    ['proto', 'proto'],
    ['max-backup-files', 'max-backup-files'],
  ];
  it.each(properties)('escapeProperty(%j) -> %j', (name, escaped) => {
    expect(escapeProperty(name)).toBe(escaped);
    expect(isReservedProperty(name)).toBe(escaped !== name);
  });
});

describe('NameScope', () => {
  it('resolves a-b vs aB in allocation order with numeric suffixes', () => {
    const scope = new NameScope('property');
    expect(scope.allocate(camelCase('aB'))).toBe('aB');
    expect(scope.allocate(camelCase('a-b'))).toBe('aB2');
    expect(scope.allocate(camelCase('AB'))).toBe('ab3');
    expect(scope.allocate(camelCase('a_b'))).toBe('aB4');
  });

  it('collides on the normalized key, not only on equal names', () => {
    const scope = new NameScope('property');
    expect(scope.allocate('splitSize')).toBe('splitSize');
    expect(scope.allocate('split-size')).toBe('split-size2');
    expect(scope.allocate('SPLITSIZE')).toBe('SPLITSIZE3');
  });

  it('gives an attribute that collides with an element the suffix first, then numbers', () => {
    const scope = new NameScope('property');
    expect(scope.allocate('id')).toBe('id');
    expect(scope.allocate('id', { suffixOnCollision: 'Attr' })).toBe('idAttr');
    expect(scope.allocate('id', { suffixOnCollision: 'Attr' })).toBe('idAttr2');
    expect(scope.allocate('id')).toBe('id2');
    // no collision: the suffix is not used
    expect(scope.allocate('name', { suffixOnCollision: 'Attr' })).toBe('name');
  });

  it('numbers a taken suffixed name', () => {
    const scope = new NameScope('property');
    expect(scope.allocate('idAttr')).toBe('idAttr');
    expect(scope.allocate('id')).toBe('id');
    expect(scope.allocate('id', { suffixOnCollision: 'Attr' })).toBe('idAttr2');
  });

  it('resolves _id vs id (both camelCase to id) in source order', () => {
    const scope = new NameScope('property');
    expect(scope.allocate(camelCase('_id'))).toBe('id');
    expect(scope.allocate(camelCase('id'))).toBe('id2');
  });

  it('escapes reserved properties but not keywords in a property scope', () => {
    const scope = new NameScope('property');
    expect(scope.allocate(camelCase('constructor'))).toBe('constructor$');
    expect(scope.allocate(camelCase('toString'))).toBe('toString$');
    expect(scope.allocate(camelCase('class'))).toBe('class');
    expect(scope.allocate(camelCase('__proto__'))).toBe('proto');
    expect(scope.allocate('__proto__')).toBe('__proto__2'); // `__proto__$` collides with `proto`; numbered from the wire name
  });

  it('escapes keywords, globals and runtime exports in an identifier scope', () => {
    const scope = new NameScope('identifier', { escape: RUNTIME_EXPORTS });
    expect(scope.allocate(pascalCase('Codec'))).toBe('Codec$');
    expect(scope.allocate(pascalCase('array'))).toBe('Array$');
    expect(scope.allocate(pascalCase('class'))).toBe('Class');
    expect(scope.allocate('class')).toBe('class2'); // `class$` collides with `Class`; `class2` needs no escape
    expect(scope.allocate('simple')).toBe('simple$');
    expect(scope.allocate('constructor')).toBe('constructor');
  });

  it('numbers a second reserved name from the unescaped base', () => {
    const scope = new NameScope('identifier');
    expect(scope.allocate('Array')).toBe('Array$');
    expect(scope.allocate('Array')).toBe('Array2');
    expect(scope.allocate('Array')).toBe('Array3');
  });

  it('puts _ between a trailing digit and the number', () => {
    const scope = new NameScope('property');
    expect(scope.allocate('utf8')).toBe('utf8');
    expect(scope.allocate('utf8')).toBe('utf8_2');
    expect(scope.allocate('_2fa')).toBe('_2fa');
    expect(scope.allocate('_2fa')).toBe('_2fa2');
  });

  it('keeps pre-reserved names for the caller and numbers later collisions', () => {
    const scope = new NameScope('property');
    expect(scope.reserve('kind')).toBe(true);
    expect(scope.reserve('Kind')).toBe(false);
    expect(scope.isTaken('KIND')).toBe(true);
    expect(scope.isTaken('other')).toBe(false);
    expect(scope.allocate('kind')).toBe('kind2');
  });

  it('keeps scopes independent', () => {
    const a = new NameScope('property');
    const b = new NameScope('property');
    expect(a.allocate('id')).toBe('id');
    expect(b.allocate('id')).toBe('id');
    expect(a.kind).toBe('property');
  });

  it('handles a hostile set of property names in source order', () => {
    const scope = new NameScope('property');
    const wire: [string, boolean][] = [
      ['class', false], ['constructor', false], ['2fa', false], ['a-b', false], ['aB', false],
      ['id', false], ['id', true], ['__proto__', false], ['toString', false], ['_id', false],
    ];
    const names = wire.map(([name, isAttr]) =>
      scope.allocate(camelCase(name), isAttr ? { suffixOnCollision: 'Attr' } : {}),
    );
    expect(names).toEqual([
      'class', 'constructor$', '_2fa', 'aB', 'aB2', 'id', 'idAttr', 'proto', 'toString$', 'id2',
    ]);
  });

  it('handles a hostile set of type names in source order', () => {
    const scope = new NameScope('identifier', { escape: RUNTIME_EXPORTS });
    const names = ['class', 'constructor', '2fa', 'a-b', 'aB', 'Codec', 'Array', 'USAddress', 'us-address'].map(
      (name) => scope.allocate(pascalCase(name)),
    );
    expect(names).toEqual([
      'Class', 'Constructor', '_2Fa', 'AB', 'AB2', 'Codec$', 'Array$', 'USAddress', 'UsAddress2',
    ]);
  });

  it('rejects an empty name', () => {
    expect(() => new NameScope('property').allocate('')).toThrow(/empty/);
  });
});

describe('collisionKey', () => {
  const cases: [string, string][] = [
    ['aB', 'ab'],
    ['a-b', 'ab'],
    ['AB', 'ab'],
    ['Codec$', 'codec'],
    ['_2fa', '2fa'],
    ['Größe', 'grösse'],
    ['GRÖSSE', 'grösse'],
    ['-', ''],
  ];
  it.each(cases)('%j -> %j', (name, key) => {
    expect(collisionKey(name)).toBe(key);
  });
});

describe('moduleNameForSchemaFile', () => {
  const cases: [string, string][] = [
    ['plesk_domain.xsd', 'plesk-domain'],
    ['agent_input.xsd', 'agent-input'],
    ['Backup Jobs.json', 'backup-jobs'],
    ['schemas/plesk/xsd-2014/backup_manager.xsd', 'backup-manager'],
    ['C:\\schemas\\Plesk_Domain.XSD', 'plesk-domain'],
    ['backup-manager.xsd', 'backup-manager'],
    ['jetbackup5.schema.json', 'jetbackup5'], // the .schema.json convention names the module after what it describes
    ['akeeba.v2.schema.json', 'akeeba-v2'],
    ['  Backup__Jobs  .json', 'backup-jobs'],
    ['Größe.xsd', 'größe'],
    ['README', 'readme'],
    ['.xsd', 'xsd'],
    ['___.xsd', '_'],
  ];
  it.each(cases)('%j -> %j', (path, name) => {
    expect(moduleNameForSchemaFile(path)).toBe(name);
  });
});
