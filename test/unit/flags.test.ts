/**
 * The bitmask helpers of `x-flags` types (runtime flags.ts, through the generated JetBackup
 * `BackupJobContains`) and the constants of named enums (`x-enum-names`: `jnamed`).
 */
import { describe, expect, it } from 'vitest';
import { BackupStepDataStepState, StepBackupResponseCodec, VersionInfoEdition } from '../../generated/akeeba/index.js';
import { BackupJobContains, BackupJobContainsCodec, BackupJobStructure, BackupJobType, SuccessFlag } from '../../generated/jetbackup/index.js';
import { flags } from '../../generated/runtime/index.js';

const NAMES = ['config', 'homedir', 'databases', 'emails', 'cron', 'domains', 'certificates', 'dbUsers', 'ftp'] as const;

describe('BackupJobContains (x-flags)', () => {
  it('has one bit per flag, in schema order, and all = 511', () => {
    expect(BackupJobContains.bits).toEqual({ config: 1, homedir: 2, databases: 4, emails: 8, cron: 16, domains: 32, certificates: 64, dbUsers: 128, ftp: 256 });
    expect(Object.keys(BackupJobContains.bits)).toEqual([...NAMES]);
    expect(BackupJobContains.all).toBe(511);
    expect(BackupJobContains.decompose(BackupJobContains.all)).toEqual([...NAMES]);
    expect(Object.isFrozen(BackupJobContains)).toBe(true);
    expect(Object.isFrozen(BackupJobContains.bits)).toBe(true);
  });

  it('is also the descriptor of an integer 0..511', () => {
    expect(BackupJobContains.kind).toBe('jscalar');
    expect(BackupJobContains.type).toBe('integer');
    expect([BackupJobContains.minimum, BackupJobContains.maximum]).toEqual([0, 511]);
    expect(BackupJobContainsCodec.validate(511)).toEqual([]);
    expect(BackupJobContainsCodec.validate(512).map((i) => i.code)).toEqual(['max-inclusive']);
    expect(BackupJobContainsCodec.validate(-1).map((i) => i.code)).toEqual(['min-inclusive']);
    expect(BackupJobContainsCodec.validate(1.5).map((i) => i.code)).toEqual(['wrong-type']);
  });

  it('Directories jobs: contains=3 is config | homedir', () => {
    expect(BackupJobContains.compose(['config', 'homedir'])).toBe(3);
    expect(BackupJobContains.decompose(3)).toEqual(['config', 'homedir']);
    expect(BackupJobContains.has(3, 'homedir')).toBe(true);
    expect(BackupJobContains.has(3, 'databases')).toBe(false);
    expect(BackupJobContains.unknownBits(3)).toBe(0);
  });

  it('compose: order and repetition do not matter; nothing is 0', () => {
    expect(BackupJobContains.compose([])).toBe(0);
    expect(BackupJobContains.compose(['ftp', 'config', 'ftp'])).toBe(257);
    expect(BackupJobContains.compose([...NAMES].reverse())).toBe(511);
    // The object table's "Server Backup 7" is no flag of its own: 7 = config | homedir | databases.
    expect(BackupJobContains.decompose(7)).toEqual(['config', 'homedir', 'databases']);
  });

  it('compose and decompose are inverse on every value 0..511', () => {
    for (let v = 0; v <= 511; v++) {
      const names = BackupJobContains.decompose(v);
      expect(BackupJobContains.compose(names)).toBe(v);
      for (const n of NAMES) expect(BackupJobContains.has(v, n)).toBe(names.includes(n));
      expect(BackupJobContains.unknownBits(v)).toBe(0);
    }
  });

  it('unknownBits: the bits no flag names; decompose leaves them out', () => {
    expect(BackupJobContains.unknownBits(512)).toBe(512);
    expect(BackupJobContains.unknownBits(512 + 3)).toBe(512);
    expect(BackupJobContains.decompose(512 + 3)).toEqual(['config', 'homedir']);
    expect(BackupJobContains.unknownBits(2 ** 31 - 1)).toBe(2 ** 31 - 1 - 511);
  });

  it('an unknown flag name is an error', () => {
    expect(() => BackupJobContains.compose(['mail' as never])).toThrow(RangeError);
    expect(() => BackupJobContains.compose(['config', 'nope' as never])).toThrow(/unknown flag "nope"/);
  });

  it.each([-1, 1.5, Number.NaN, Infinity, 2 ** 31, Number.MAX_SAFE_INTEGER])('%s is not a bitmask value: decompose, has and unknownBits throw', (v) => {
    expect(() => BackupJobContains.decompose(v)).toThrow(RangeError);
    expect(() => BackupJobContains.has(v, 'config')).toThrow(RangeError);
    expect(() => BackupJobContains.unknownBits(v)).toThrow(RangeError);
  });

  // Names are own properties only: Object.prototype members are no flags...
  it('compose refuses Object.prototype names (toString, constructor, __proto__)', () => {
    for (const n of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(() => BackupJobContains.compose([n as never]), n).toThrow(RangeError);
  });
  // ...and `has` checks the name like compose does (an unknown one is not "not set").
  it('has refuses an unknown flag name, as compose does', () => {
    expect(() => BackupJobContains.has(3, 'nope' as never)).toThrow(RangeError);
  });

  it('flags(): a value that is not a single bit is refused when the helpers are built', () => {
    expect(() => flags({ a: 3 })).toThrow(/not a single bit/);
    expect(() => flags({ a: 0 })).toThrow(RangeError);
    expect(() => flags({ a: -1 })).toThrow(RangeError);
    expect(() => flags({ a: 0.5 })).toThrow(RangeError);
    expect(() => flags({ a: 2 ** 31 })).toThrow(RangeError);
    expect(flags({ b: 4, a: 1 }).decompose(5)).toEqual(['a', 'b']); // bit order, not declaration order
  });
});

describe('named enums (x-enum-names)', () => {
  it('JetBackup: BackupJobType, BackupJobStructure, SuccessFlag', () => {
    expect(BackupJobType.Accounts).toBe(1);
    expect(BackupJobType.Directories).toBe(2);
    expect(BackupJobType.JetBackupConfig).toBe(3);
    expect(BackupJobType.ServerBackup).toBe(4);
    expect(BackupJobStructure.Incremental).toBe(1);
    expect(BackupJobStructure.Archived).toBe(2);
    expect(BackupJobStructure.Compressed).toBe(4);
    expect([SuccessFlag.Failure, SuccessFlag.Success]).toEqual([0, 1]);
  });

  it('the constants are the descriptor\'s enum values, and the descriptor still works as one', () => {
    expect(BackupJobType.enum).toEqual([BackupJobType.Accounts, BackupJobType.Directories, BackupJobType.JetBackupConfig, BackupJobType.ServerBackup]);
    expect(BackupJobStructure.enum).toEqual([1, 2, 4]);
    expect(BackupJobType.kind).toBe('jscalar');
    expect(Object.isFrozen(BackupJobType)).toBe(true);
  });

  it('Akeeba: stepState names', () => {
    expect({
      Error: BackupStepDataStepState.Error,
      Init: BackupStepDataStepState.Init,
      Prepared: BackupStepDataStepState.Prepared,
      Running: BackupStepDataStepState.Running,
      Postrun: BackupStepDataStepState.Postrun,
      Finished: BackupStepDataStepState.Finished,
    }).toEqual({ Error: 'error', Init: 'init', Prepared: 'prepared', Running: 'running', Postrun: 'postrun', Finished: 'finished' });
    expect(BackupStepDataStepState.enum).toEqual(['error', 'init', 'prepared', 'running', 'postrun', 'finished']);
    expect([VersionInfoEdition.Pro, VersionInfoEdition.Core]).toEqual(['pro', 'core']);
  });

  it('a decoded stepState compares with the constants', () => {
    const text = JSON.stringify({ status: 200, data: { HasRun: true, Domain: 'Packing', Step: '', Substep: '', Error: '', Warnings: [], stepState: 'running' } });
    const step = StepBackupResponseCodec.decode(text).data;
    expect(step.stepState === BackupStepDataStepState.Running).toBe(true);
    const bad = StepBackupResponseCodec.validateJson(text.replace('"running"', '"Running"'));
    expect(bad.map((i) => `${i.code} ${i.path}`)).toEqual(['enumeration /data/stepState']);
  });
});
