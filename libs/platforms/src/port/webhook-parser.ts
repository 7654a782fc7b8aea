import type { Network } from './network';
import type { InboundChange, InboundItem } from './platform-types';

/** What one webhook delivery says about one account: the items for the channel(s) of that account. */
export interface WebhookBatch {
  network: Network;
  /** The account the event is for (page id, Instagram user id, X user id): finds the channel. */
  accountExternalId: string;
  items: InboundItem[];
  /** Edits and deletions of messages delivered before (Meta `verb: edited | remove`, X `tweet_delete_events`). */
  changes?: InboundChange[];
}

/**
 * Turns a sender's webhook payload into normalised inbound items. One sender may serve several networks (one
 * Meta delivery covers Facebook pages and Instagram accounts), so parsers are keyed by sender, not network;
 * the network-specific mapping stays beside the adapters that poll the same items, so both paths agree on
 * external ids and thread keys. Parsing never calls the network; events it does not handle give no items.
 */
export interface WebhookParser {
  /** The sender, as the webhook route names it: `meta`, `x`. */
  readonly source: string;
  parse(payload: unknown): WebhookBatch[];
}
