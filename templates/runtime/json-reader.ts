/**
 * Reading JSON text safely: size and nesting limits checked before parsing, UTF-8 checked for byte
 * input, and syntax errors reported with line and column (JSON.parse does the parsing; when it fails,
 * a small strict scanner finds where, since V8's messages carry no position).
 */
import { JsonParseError } from './errors.js';

export interface JsonReadOptions {
  /** Maximum input size in bytes (UTF-16 code units for strings). Default 64 MiB. */
  readonly maxBytes?: number;
  /** Maximum nesting of arrays and objects. Default 256. */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_DEPTH = 256;

export function readJson(input: string | Uint8Array, options: JsonReadOptions = {}): unknown {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (input.length > maxBytes) {
    throw new JsonParseError('too-large', `input of ${input.length} bytes is over the limit of ${maxBytes}`, 1, 1);
  }
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkDepth(body, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  try {
    return JSON.parse(body);
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    const { offset, message } = locateError(body);
    const { line, column } = position(body, offset);
    throw new JsonParseError('not-well-formed', `not valid JSON: ${message}`, line, column);
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstBadUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
    const { line, column } = position(before, before.length);
    throw new JsonParseError('invalid-utf8', `invalid UTF-8 at byte ${offset}`, line, column);
  }
}

function firstBadUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    if (n === 2) {
      const cp = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6);
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    }
    if (n === 3) {
      const cp = ((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12);
      if (cp < 0x10000 || cp > 0x10ffff) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** Refuses nesting deeper than `max` before JSON.parse can overflow the stack. */
function checkDepth(text: string, max: number): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        const { line, column } = position(text, i);
        throw new JsonParseError('too-deep', `nesting deeper than ${max}`, line, column);
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const LITERAL = /true|false|null|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** A strict JSON scanner that returns the offset and description of the first syntax error. */
export function locateError(text: string): { offset: number; message: string } {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw { offset: at, message };
  };
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const describe = () => (i >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`${describe()}: expected a property name in double quotes`);
        string();
        ws();
        if (text[i] !== ':') fail(`${describe()}: expected ':'`);
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') fail('trailing comma before }');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`${describe()}: expected ',' or '}'`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('trailing comma before ]');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`${describe()}: expected ',' or ']'`);
      }
    }
    if (c === '"') return string();
    if (c === "'") fail("strings must use double quotes, not single quotes");
    // Sticky, on the whole text: a number of any length is one literal (a slice would cut long ones).
    LITERAL.lastIndex = i;
    const literal = LITERAL.exec(text);
    if (literal && literal[0].length > 0) {
      i += literal[0].length;
      return;
    }
    fail(`${describe()}: expected a value`);
  };
  const string = () => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail('control character in a string (escape it)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape');
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('bad escape in a string');
        i += 2;
        continue;
      }
      i++;
    }
    fail('unterminated string', start);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`${describe()} after the JSON value`);
    return { offset: 0, message: 'syntax error' };
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'offset' in e) return e as { offset: number; message: string };
    throw e;
  }
}
