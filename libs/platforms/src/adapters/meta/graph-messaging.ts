import type { Network } from '../../port/network';
import type { ChannelConnection, DirectMessageRequest, PublishResult } from '../../port/platform-types';
import { graphCall } from './graph-errors';
import { graphApiFor } from './meta-connection';

/**
 * The Send API of a page, which carries both Messenger and Instagram Direct: a RESPONSE, allowed within
 * 24 hours of the person's last message (after that Graph's #10/2018278 maps to InvalidContent).
 */
export async function sendPageMessage(
  network: Network,
  connection: ChannelConnection,
  pageId: string,
  request: DirectMessageRequest,
  options: { timeoutMs?: number; inboxUrl: string },
): Promise<PublishResult> {
  const api = graphApiFor(network, connection, options.timeoutMs);
  const sent = (await graphCall(network, true, () =>
    api.call('POST', [pageId, 'messages'], {
      recipient: { id: request.recipientExternalId },
      messaging_type: 'RESPONSE',
      message: { text: request.text },
    }),
  )) as { message_id?: string };
  const id = String(sent.message_id ?? '');
  return { externalId: id, url: options.inboxUrl, parts: [{ externalId: id, url: options.inboxUrl }] };
}
