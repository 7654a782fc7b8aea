import { MetaWebhookParser } from './adapters/meta/meta-webhook';
import { XWebhookParser } from './adapters/x/x-webhook';
import type { WebhookParser } from './port/webhook-parser';

export type { WebhookBatch, WebhookParser } from './port/webhook-parser';
export { metaSignatureValid } from './adapters/meta/meta-webhook';
export { xCrcResponse, xSignature, xSignatureValid } from './adapters/x/x-webhook';

const PARSERS: readonly WebhookParser[] = [new MetaWebhookParser(), new XWebhookParser()];

/** The parser for a webhook sender (`meta`, `x`); generic code asks here instead of branching on it. */
export function webhookParser(source: string): WebhookParser {
  const parser = PARSERS.find((candidate) => candidate.source === source);
  if (!parser)
    throw new Error(`No webhook parser for "${source}" (known: ${PARSERS.map((p) => p.source).join(', ')}).`);
  return parser;
}
