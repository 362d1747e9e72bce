/** Type-level tests of escaped and disambiguated names. Only type-checked. */
import { HostileCodec, type Array$, type Class, type Codec$, type Hostile, type OneOf$, type String$ } from './expected/index.js';
import type { Codec } from './runtime/index.js';

export const cls: Class = { constructor$: 'c', proto: 'p', _2fa: true, aB: 'dash', aB2: 'camel', id: 'element', idAttr: 'attribute', class: 'k', toString$: 's' };
// @ts-expect-error the element <constructor> is `constructor$`
export const plainConstructor: Class = { constructor: 'c' };
export const codecValue: Codec$ = 'gzip';
export const arr: Array$ = { item: ['x'] };
export const str: String$ = 'short';
export const oneOf: OneOf$ = { empty: 'e' };
// @ts-expect-error the schema's own OneOf is still a choice
export const oneOfBoth: OneOf$ = { empty: 'e', xs: 'x' };
export const hostile: Hostile = { class: cls, codec: 'zstd', array: arr, string: str, oneOf };
// The runtime's Codec is not shadowed by the schema type `Codec`.
export const codec: Codec<Hostile> = HostileCodec;
