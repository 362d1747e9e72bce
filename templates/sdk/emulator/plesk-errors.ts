/**
 * Plesk's packet-level error texts. A real server validates a packet with libxml2 and refuses it on the
 * first violation with errcode 1014 and libxml2's wording, e.g. (Plesk reference README §2):
 *
 *   Parser error: Request is invalid. Error in line 2: Element 'client': This element is not expected.
 *   Expected is one of ( … ).
 *
 * This module turns the first issue of the generated validator (path, code, message, line) into that
 * shape, so that the text names the offending element as libxml2 would.
 */
import type { Issue } from '../runtime/index.js';

/** The packet-level error codes the emulator sends (Plesk reference README §2). */
export const PleskErrcode = {
  authenticationFailed: 1001,
  unsupportedVersion: 1005,
  objectNotFound: 1013,
  parserError: 1014,
  operationFailed: 1023,
  invalidSecretKey: 11003,
} as const;

/** `<a>, <b>` -> ['a', 'b']. */
function names(text: string): string[] {
  return [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
}

function expectedText(list: readonly string[]): string {
  if (list.length === 0) return '';
  if (list.length === 1) return ` Expected is ( ${list[0]} ).`;
  return ` Expected is one of ( ${list.join(', ')} ).`;
}

const FACETS: Partial<Record<Issue['code'], string>> = {
  pattern: 'pattern',
  enumeration: 'enumeration',
  length: 'length',
  'min-length': 'minLength',
  'max-length': 'maxLength',
  'min-inclusive': 'minInclusive',
  'max-inclusive': 'maxInclusive',
  'min-exclusive': 'minExclusive',
  'max-exclusive': 'maxExclusive',
  'total-digits': 'totalDigits',
  'fraction-digits': 'fractionDigits',
};

/** libxml2's wording for one issue of the request validator, naming the element. */
export function libxmlMessage(issue: Issue): string {
  const segments = issue.path.split('/').filter((s) => s !== '');
  const leaf = segments[segments.length - 1] ?? 'packet';
  const parent = segments[segments.length - 2] ?? 'packet';
  const msg = issue.message.replace(/\.$/, '');
  if (leaf.startsWith('@')) return `Element '${parent}', attribute '${leaf.slice(1)}': ${msg}.`;
  switch (issue.code) {
    case 'unexpected-element': {
      const expected = /; expected (.*)$/.exec(msg);
      return `Element '${leaf}': This element is not expected.${expectedText(expected ? names(expected[1]!) : [])}`;
    }
    case 'out-of-order':
    case 'duplicate-element':
    case 'choice-conflict':
    case 'unexpected-root':
      return `Element '${leaf}': This element is not expected.`;
    case 'missing-element': {
      // "<frame> is missing <x>[ before <y>]" / "<frame> needs at least N <x>[ before <y>]"
      const before = / before <([^<>\s]+)>$/.exec(msg);
      const all = names(before ? msg.slice(0, before.index) : msg);
      const frame = all[0] ?? parent;
      const expected = all.slice(1);
      if (before) return `Element '${before[1]}': This element is not expected.${expectedText(expected)}`;
      return `Element '${frame}': Missing child element(s).${expectedText(expected)}`;
    }
    case 'not-well-formed':
    case 'invalid-utf8':
    case 'doctype-forbidden':
    case 'too-deep':
    case 'too-large':
      return `${msg}.`;
    default: {
      const facet = FACETS[issue.code];
      return `Element '${leaf}': ${facet ? `[facet '${facet}'] ` : ''}${msg}.`;
    }
  }
}

/** The errtext of a 1014 answer for a packet whose first problem is `issue`. */
export function parserErrorText(issue: Issue): string {
  return `Parser error: Request is invalid. Error in line ${issue.line ?? 1}: ${libxmlMessage(issue)}`;
}
