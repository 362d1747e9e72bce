/** Type-level tests of xs:all: optional members, an all-or-nothing optional xs:all. Only type-checked. */
import type { SettingsType, SettingsTypeLimits } from './expected/index.js';

export const minimal: SettingsType = { name: 'n' };
export const full: SettingsType = { name: 'n', maxFiles: 3, splitSize: 10n, suspend: false, limits: { disk: 1n, traffic: 2n } };
export const noLimits: SettingsTypeLimits = {};
// @ts-expect-error `name` is required
export const noName: SettingsType = { maxFiles: 3 };
// @ts-expect-error xs:unsignedLong is a bigint
export const numberSize: SettingsType = { name: 'n', splitSize: 10 };
// @ts-expect-error an optional xs:all with required members: all of them or none
export const halfLimits: SettingsTypeLimits = { disk: 1n };
// @ts-expect-error an unknown property
export const unknown: SettingsType = { name: 'n', colour: 'red' };
