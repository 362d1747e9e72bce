/**
 * Type helpers used by generated types.
 *
 * `OneOf<{ local: true; remote: string }>` accepts `{ local: true }` or `{ remote: 'ftp' }` but not
 * both: every alternative marks the other keys `?: never`. `AtMostOneOf` also accepts none.
 */
export type OneOf<T> = {
  [K in keyof T]: Pick<T, K> & { readonly [O in Exclude<keyof T, K>]?: never };
}[keyof T];

export type AtMostOneOf<T> = OneOf<T> | { readonly [K in keyof T]?: never };
