import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ChannelConnections, networkName } from '@outside-in/channels';
import { APP_CONFIG, AppConfig, publicUrl } from '@outside-in/common';
import { Channel, type WebhookState } from '@outside-in/database';
import { PlatformError, type WebhookSubscriptionRequest } from '@outside-in/platforms';
import { DataSource } from 'typeorm';

export interface WebhookSubscription {
  state: WebhookState;
  /** Why events are not pushed, in words that say what to do; null when they are (or the network has none). */
  problem: string | null;
}

/**
 * Asks the network to push a channel's events to our webhook routes (apps/api/src/webhooks) once the channel is
 * connected, through the adapter (`subscribeWebhooks`; Meta: the app's subscription, then the app installed on
 * the page). The outcome is kept on the channel (`webhook_state`, `webhook_problem`) so the Channels screen can say
 * it in words. It never fails a connection: polling covers every channel, so a refusal only means new messages
 * arrive within minutes instead of seconds. Safe to repeat (the Channels screen's "Check" does).
 */
@Injectable()
export class WebhookSubscriber {
  private readonly logger = new Logger(WebhookSubscriber.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: ChannelConnections,
  ) {}

  /** Subscribes each channel in turn; one that fails does not stop the others. */
  async subscribeAll(channelIds: readonly string[]): Promise<Map<string, WebhookSubscription>> {
    const outcomes = new Map<string, WebhookSubscription>();
    for (const id of channelIds) outcomes.set(id, await this.subscribe(id));
    return outcomes;
  }

  async subscribe(channelId: string): Promise<WebhookSubscription> {
    const channel = await this.connections.find(channelId);
    if (channel.status !== 'connected') {
      return { state: channel.webhookState ?? 'unavailable', problem: channel.webhookProblem };
    }
    const outcome = await this.attempt(channel);
    await this.dataSource.getRepository(Channel).update(
      { id: channel.id },
      {
        webhookState: outcome.state,
        webhookProblem: outcome.problem,
        webhookCheckedAt: new Date(),
      },
    );
    return outcome;
  }

  private async attempt(channel: Channel): Promise<WebhookSubscription> {
    const adapter = this.connections.adapterFor(channel);
    const name = networkName(channel.network);
    if (!adapter.webhookSource || !adapter.subscribeWebhooks) return { state: 'unavailable', problem: null };
    const settings = this.settingsFor(adapter.webhookSource);
    if ('missing' in settings) {
      return {
        state: 'unavailable',
        problem: `This server does not take ${name} webhooks yet (an administrator sets ${settings.missing}), so new messages arrive by polling, within a few minutes.`,
      };
    }
    try {
      await this.connections.call(channel.id, (platform, connection) =>
        platform.subscribeWebhooks!(connection, settings.request),
      );
      return { state: 'subscribed', problem: null };
    } catch (error) {
      this.logger.warn(
        { channelId: channel.id, network: channel.network, err: error },
        'Subscribing a channel to webhooks failed; polling covers it',
      );
      const reason =
        error instanceof PlatformError
          ? error.message
          : `the request failed: ${error instanceof Error ? error.message : String(error)}`;
      return {
        state: 'failed',
        problem: `${name} did not agree to send this channel’s new messages to Outside In straight away (${reason.slice(0, 300)}), so they arrive by polling, within a few minutes. Use “Check” on the channel to try again.`,
      };
    }
  }

  /** What a sender's subscription needs from this server's settings (the routes check the same ones). */
  private settingsFor(source: string): { request: WebhookSubscriptionRequest } | { missing: string } {
    const callbackUrl = `${publicUrl(this.config)}/api/webhooks/${source}`;
    if (source === 'meta') {
      const {
        META_APP_ID: id,
        META_APP_SECRET: secret,
        META_WEBHOOK_VERIFY_TOKEN: verifyToken,
      } = this.config;
      if (!id || !secret || !verifyToken)
        return { missing: 'META_APP_ID, META_APP_SECRET and META_WEBHOOK_VERIFY_TOKEN' };
      return { request: { callbackUrl, verifyToken, app: { id, secret } } };
    }
    if (source === 'x') {
      const { X_CLIENT_ID: id, X_CONSUMER_SECRET: consumerSecret, X_BEARER_TOKEN: bearerToken } = this.config;
      if (!id || !consumerSecret || !bearerToken) return { missing: 'X_CONSUMER_SECRET and X_BEARER_TOKEN' };
      return { request: { callbackUrl, verifyToken: '', app: { id, secret: bearerToken } } };
    }
    return { missing: `the ${source} webhook settings` };
  }
}
