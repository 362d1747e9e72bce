/**
 * The document kinds the CLI can validate, and how it recognises them. Plesk packets: a response
 * carries `<result>` (per operation) or `<system>`; anything else rooted at `<packet>` is a request.
 * Codecs come from generated/ and are loaded on first use, so generate/check work even when
 * generated/ is missing or stale.
 */
import { XmlReader, type XmlEventHandler } from '../../templates/runtime/xml-reader.js';
import type { Codec } from '../../templates/runtime/codec.js';
import { UsageError } from './usage.js';

export type PacketKind = 'request' | 'response';

export interface DocumentKind {
  readonly api: 'plesk';
  readonly kind: PacketKind;
  readonly codec: Codec<unknown>;
}

/** Reads the document once: root name and whether it looks like a response. Throws XmlParseError. */
export function sniffXml(input: Uint8Array): { root: string; response: boolean } {
  let root = '';
  let response = false;
  const handler: XmlEventHandler = {
    open(name) {
      if (root === '') root = name;
      else if (name === 'result' || name === 'system') response = true;
    },
    text() {},
    close() {},
  };
  new XmlReader(handler).parse(input);
  return { root, response };
}

export async function pleskCodec(kind: PacketKind): Promise<Codec<unknown>> {
  const module = kind === 'request'
    ? await import('../../generated/plesk/request/index.js')
    : await import('../../generated/plesk/response/index.js');
  return module.PacketCodec as unknown as Codec<unknown>;
}

/** Decides what a document is; throws UsageError for an unknown root, XmlParseError for non-XML. */
export async function detect(input: Uint8Array, forced: PacketKind | undefined): Promise<DocumentKind> {
  const { root, response } = sniffXml(input);
  if (root !== 'packet') throw new UsageError(`unknown root element <${root}>: expected a Plesk <packet>`);
  const kind = forced ?? (response ? 'response' : 'request');
  return { api: 'plesk', kind, codec: await pleskCodec(kind) };
}
