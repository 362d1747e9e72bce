/**
 * Explicit cases for test/scale/roundtrip.test.ts that a property over valid values cannot produce: a value
 * the arbitrary must not generate (it is not valid), and schemas that are not valid XSD. Each probe returns
 * a description of the disagreement it shows, or undefined when there is none (then a known-gaps.json entry
 * naming it is stale).
 */
import path from 'node:path';
import { GeneratorError } from '../../generator/diagnostics.js';
import { generate } from '../../generator/pipeline.js';
import { attr, codec, complex, el, elements, EMPTY, seq, xs } from '../../generated/runtime/index.js';
import { repoRoot } from '../support/samples.js';
import { loadSchemaSet, xmllintCompileSchema } from '../support/xmllint.js';

export interface Probe {
  readonly id: string;
  run(): Promise<string | undefined>;
}

/** The generator accepts a schema libxml2 refuses to compile? */
async function invalidSchemaAccepted(file: string): Promise<string | undefined> {
  const entry = path.relative(repoRoot, path.join(repoRoot, 'test/scale/fixtures', file));
  const libxml2 = await xmllintCompileSchema(loadSchemaSet(entry));
  if (libxml2.compiled) throw new Error(`${file}: libxml2 compiles it; the probe needs an invalid schema`);
  try {
    generate([{ name: 'probe', entries: [entry] }]);
  } catch (e) {
    if (e instanceof GeneratorError) return undefined; // refused, as it should
    throw e;
  }
  return `${entry} generates without an error, but libxml2 says: ${libxml2.messages.join(' ')}`;
}

export const probes: readonly Probe[] = [
  {
    id: 'nil-with-required-attribute',
    async run() {
      const Marker = complex('Marker', EMPTY, { attributes: [attr('id', 'id', () => xs.int, { required: true })] });
      const T = complex('T', elements(seq([el('m', 'm', () => Marker, { nillable: true })])));
      const c = codec<{ m: null }>('t', () => T);
      const issues = c.validate({ m: null });
      if (issues.length) return undefined;
      const xml = c.encode({ m: null });
      const back = c.validateXml(xml);
      return back.length ? `validate({ m: null }) is [] and encodes as ${xml}, which decode refuses: ${back.map((i) => `${i.path} [${i.code}]`).join(', ')}` : undefined;
    },
  },
  {
    id: 'nil-attributes-dropped',
    async run() {
      // null is a nilled element without attributes; a nilled element with (required) attributes has no value.
      const Marker = complex('Marker', EMPTY, { attributes: [attr('id', 'id', () => xs.int, { required: true })] });
      const T = complex('T', elements(seq([el('m', 'm', () => Marker, { nillable: true })])));
      const c = codec<{ m: null }>('t', () => T);
      const xml = '<t><m xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true" id="1"/></t>';
      const decoded = c.decode(xml);
      const issues = c.validate(decoded);
      return issues.length ? `${xml} decodes to ${JSON.stringify(decoded)}, which validate refuses: ${issues.map((i) => `${i.path} [${i.code}]`).join(', ')}` : undefined;
    },
  },
  {
    id: 'all-inside-sequence',
    run: () => invalidSchemaAccepted('all-in-sequence.xsd'),
  },
  {
    id: 'non-deterministic-content-model',
    run: () => invalidSchemaAccepted('non-deterministic.xsd'),
  },
];

