import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { assertActsAsPage, assertAppToken } from '../graph/graph-access';
import { GraphContext, GraphResult } from '../graph/graph-context';
import { GraphError, invalidParameter } from '../graph/graph-error';
import { MetaApp, MetaPage } from '../store/meta-accounts.repository';
import { MetaWebhooksRepository } from '../store/meta-webhooks.repository';
import { isHttpUrl } from './page-feed.service';

const OBJECTS = ['page', 'instagram', 'user', 'permissions'];
const VERIFY_TIMEOUT_MS = 10_000;

/**
 * Webhook set-up as Meta does it: the app subscribes an object and fields with POST /{app-id}/subscriptions
 * (Meta verifies the callback with a hub.challenge GET first), and each page installs the app with
 * POST /{page-id}/subscribed_apps.
 */
@Injectable()
export class MetaSubscriptionsService {
  constructor(private readonly webhooks: MetaWebhooksRepository) {}

  async subscribeApp(ctx: GraphContext, app: MetaApp): Promise<GraphResult> {
    assertAppToken(ctx.caller, app.id);
    const p = ctx.params;
    const object = p.requireString('object');
    if (!OBJECTS.includes(object))
      throw invalidParameter(`Param object must be one of {${OBJECTS.join(', ')}}`);
    const callbackUrl = p.requireString('callback_url');
    if (!isHttpUrl(callbackUrl)) throw invalidParameter('Param callback_url must be a valid http(s) URL');
    const verifyToken = p.requireString('verify_token');
    const fields = p.list('fields');
    if (!fields || fields.length === 0)
      throw invalidParameter('The parameter fields is required, e.g. feed,messages');
    await this.verifyCallback(callbackUrl, verifyToken);
    await this.webhooks.upsertAppSubscription({
      app_id: app.id,
      object,
      callback_url: callbackUrl,
      verify_token: verifyToken,
      fields,
    });
    return { body: { success: true } };
  }

  async listApp(ctx: GraphContext, app: MetaApp): Promise<GraphResult> {
    assertAppToken(ctx.caller, app.id);
    const subs = await this.webhooks.appSubscriptions(app.id);
    return {
      body: {
        data: subs.map((sub) => ({
          object: sub.object,
          callback_url: sub.callback_url,
          active: true,
          fields: sub.fields.map((name) => ({ name, version: ctx.version })),
        })),
      },
    };
  }

  async unsubscribeApp(ctx: GraphContext, app: MetaApp): Promise<GraphResult> {
    assertAppToken(ctx.caller, app.id);
    await this.webhooks.deleteAppSubscription(app.id, ctx.params.string('object'));
    return { body: { success: true } };
  }

  async installOnPage(ctx: GraphContext, page: MetaPage): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'POST', page.id);
    const fields = ctx.params.list('subscribed_fields');
    if (!fields || fields.length === 0) {
      throw invalidParameter('The parameter subscribed_fields is required, e.g. feed,messages');
    }
    await this.webhooks.upsertPageSubscription(page.id, ctx.caller.appId, fields);
    return { body: { success: true } };
  }

  async listOnPage(ctx: GraphContext, page: MetaPage): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'GET', page.id);
    const subs = await this.webhooks.pageSubscriptions(page.id);
    return {
      body: {
        data: subs.map((sub) => ({
          category: 'Business',
          link: '',
          name: sub.name,
          id: sub.app_id,
          subscribed_fields: sub.fields,
        })),
      },
    };
  }

  async uninstallFromPage(ctx: GraphContext, page: MetaPage): Promise<GraphResult> {
    assertActsAsPage(ctx.caller, page, 'DELETE', page.id);
    await this.webhooks.deletePageSubscription(page.id, ctx.caller.appId);
    return { body: { success: true } };
  }

  /** Meta's verification request: the callback must answer 200 with the challenge, verbatim. */
  private async verifyCallback(callbackUrl: string, verifyToken: string): Promise<void> {
    const challenge = String(randomInt(100_000_000, 2_000_000_000));
    const url = new URL(callbackUrl);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.verify_token', verifyToken);
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        headers: { 'user-agent': 'facebookplatform/1.0' },
        signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw new GraphError(
        2200,
        `(#2200) Callback verification failed with the following errors: could not reach ${callbackUrl} (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (status !== 200) {
      throw new GraphError(
        2200,
        `(#2200) Callback verification failed with the following errors: HTTP Status Code = ${status}`,
      );
    }
    if (text.trim() !== challenge) {
      throw new GraphError(
        2201,
        `(#2201) response does not match challenge, expected value="${challenge}", received="${text.slice(0, 100)}"`,
      );
    }
  }
}
