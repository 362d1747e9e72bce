/** Type-level tests of simple-type mappings. Only type-checked. */
import type { BigLevelType, LevelType, PortListType, PositiveIntegerOrEmpty, ProtocolType, Values } from './expected/index.js';

export const protocol: ProtocolType = "it's";
// @ts-expect-error not one of the enumerated values
export const badProtocol: ProtocolType = 'sftp';
export const level: LevelType = 5;
// @ts-expect-error not one of the enumerated numbers
export const badLevel: LevelType = 2;
export const big: BigLevelType = 10000000000000000000n;
// @ts-expect-error integers beyond the int range are bigint
export const bigAsNumber: BigLevelType = 0;
export const limit: PositiveIntegerOrEmpty = 5n;
export const noLimit: PositiveIntegerOrEmpty = '';
// @ts-expect-error the only string member of the union is ''
export const badLimit: PositiveIntegerOrEmpty = 'none';
export const ports: PortListType = [80, 443];

export const values: Values = {
  name: 'n',
  note: ' kept ',
  count: 12345678901234567890n,
  protocol: 'ftp',
  level: 9,
  bigLevel: 0n,
  taskId: '-12',
  shortName: 'abc',
  code: 'abc',
  percent: '99.5',
  port: 8080,
  limit: '',
  ports: [1, 2],
  word: 'hello',
  raw: '  x  ',
};
// @ts-expect-error Plesk `int` is xs:integer: a bigint
export const countNumber: Values = { name: 'n', count: 1 };
// @ts-expect-error xs:decimal is kept as a string
export const percentNumber: Values = { name: 'n', percent: 1.5 };
// @ts-expect-error xs:int is a number
export const portBigint: Values = { name: 'n', port: 80n };
