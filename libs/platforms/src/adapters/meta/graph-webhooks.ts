import type { Network } from '../../port/network';
import { AuthExpired, Permanent } from '../../port/platform-errors';
import type { ChannelConnection, WebhookSubscriptionRequest } from '../../port/platform-types';
import { GraphApi } from './graph-api';
import { graphCall } from './graph-errors';
import { graphApiFor } from './meta-connection';

/**
 * The object and fields each Meta network's webhooks are subscribed with: what the parser (meta-webhook.ts)
 * reads. `page`: comments and posts on the page (`feed`, including edits and removals), Messenger messages and
 * the echoes of what the page sends. `instagram`: comments on media and Instagram Direct messages.
 */
const SUBSCRIPTIONS: Record<'facebook' | 'instagram', { object: string; fields: string[] }> = {
  facebook: { object: 'page', fields: ['feed', 'messages', 'message_echoes', 'message_edits'] },
  instagram: { object: 'instagram', fields: ['comments', 'messages'] },
};

/** The page fields the app is installed with (Instagram's events also need the app installed on the linked page). */
const PAGE_FIELDS = ['feed', 'messages', 'message_echoes', 'message_edits'];

/**
 * Meta's two steps, both safe to repeat: the app subscribes to the object's fields with its callback
 * (`POST /{app-id}/subscriptions` with the app token `{app-id}|{app-secret}`; Meta first checks the callback with
 * a `hub.challenge` GET carrying our verify token), then the page installs the app
 * (`POST /{page-id}/subscribed_apps` with the page token). Only the second is per channel; the first also
 * repairs a callback URL that changed.
 */
export async function subscribeMetaWebhooks(
  network: 'facebook' | 'instagram',
  connection: ChannelConnection,
  pageId: string,
  request: WebhookSubscriptionRequest,
  timeoutMs?: number,
): Promise<void> {
  const { object, fields } = SUBSCRIPTIONS[network];
  const appApi = new GraphApi(`${request.app.id}|${request.app.secret}`, connection.baseUrl, timeoutMs);
  try {
    await graphCall(network as Network, true, () =>
      appApi.call('POST', [request.app.id, 'subscriptions'], {
        object,
        callback_url: request.callbackUrl,
        verify_token: request.verifyToken,
        fields: fields.join(','),
      }),
    );
  } catch (error) {
    // The app token being refused says nothing about the page's own access: not AuthExpired.
    if (error instanceof AuthExpired)
      throw new Permanent(
        network,
        `Meta refused this server's app (META_APP_ID, META_APP_SECRET): ${error.message}`,
      );
    throw error;
  }
  const pageApi = graphApiFor(network, connection, timeoutMs);
  await graphCall(network as Network, true, () =>
    pageApi.call('POST', [pageId, 'subscribed_apps'], { subscribed_fields: PAGE_FIELDS.join(',') }),
  );
}
