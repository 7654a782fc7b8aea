import { randomUUID } from 'node:crypto';
import { ChannelConnections } from '@outside-in/channels';
import { APP_CONFIG, type AppConfig } from '@outside-in/common';
import { MessageChanges, troubledWebhookEvents, WebhookSubscriber } from '@outside-in/inbox';
import { addMember, signUp, type SignedInClient } from '../../support/api-client';
import { startApi, type TestApi } from '../../support/api-harness';
import { type InboxContext, type MetaCredentials, startInboxContext } from '../../support/inbox-fixtures';
import { answerConsentPage } from '../../support/consent-page';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';

const VERIFY_TOKEN = `verify-${randomUUID()}`;

async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  withinMs = 15_000,
): Promise<T> {
  const until = Date.now() + withinMs;
  let value = await probe();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await probe();
  }
  return value;
}

interface ChannelJson {
  id: string;
  network: string;
  status: string;
  webhookState: string | null;
  webhookProblem: string | null;
}

interface StoredMessage {
  id: string;
  body: string;
  edited_at: Date | null;
  previous_versions: Array<{ body: string; replacedAt: string }> | null;
  author_deleted_at: Date | null;
}

describe('inbox: webhook subscriptions on connect, and edits and deletions pushed by the network', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let ctx: InboxContext;
  let owner: SignedInClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    // Every sandbox page belongs to the sandbox's one Meta app: this server is that app.
    const app = await sandbox.createAccount<MetaCredentials>('facebook');
    api = await startApi({
      SANDBOX_URL: sandbox.url,
      META_APP_ID: app.credentials.appId,
      META_APP_SECRET: app.credentials.appSecret,
      META_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    });
    // The API learns its own address only once listening (port 0); Meta must be told where to deliver.
    (api.app.get(APP_CONFIG) as { PUBLIC_URL?: string }).PUBLIC_URL = api.url;
    ctx = await startInboxContext({ databaseUrl: api.database.url });
    owner = await signUp(api, { organisationName: 'Ceredigion Libraries' });
  });
  afterAll(async () => {
    await ctx?.stop();
    await api?.stop();
    await sandbox?.stop();
  });

  const path = (suffix = '') => `/api/orgs/${owner.orgId}/channels${suffix}`;
  const channels = async (): Promise<ChannelJson[]> => (await owner.get(path())).body.channels;
  const byNetwork = async (network: string): Promise<ChannelJson> =>
    (await channels()).find((channel) => channel.network === network)!;

  /** Processes what the webhook route stored, as the worker would, until `done` holds. */
  async function processUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    return waitFor(async () => {
      const events = (await ctx.dataSource.query(
        `SELECT id FROM webhook_event WHERE processed_at IS NULL ORDER BY received_at`,
      )) as Array<{ id: string }>;
      for (const event of events) await ctx.webhookEvents.process(event.id);
      return probe();
    }, done);
  }

  const message = async (channelId: string, externalId: string): Promise<StoredMessage | undefined> =>
    (
      (await ctx.dataSource.query(
        `SELECT id, body, edited_at, previous_versions, author_deleted_at FROM message
          WHERE channel_id = $1 AND external_id = $2`,
        [channelId, externalId],
      )) as StoredMessage[]
    )[0];

  async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
    const { status, body: answer } = await sandbox.control<Record<string, unknown>>('POST', path, body);
    if (status >= 300) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(answer)}`);
    return answer;
  }

  it('subscribes Facebook and Instagram channels to our webhook when they connect; networks without webhooks just poll', async () => {
    const added = await owner.post(path('/practice'));
    expect(added.status).toBe(201);
    const views = added.body.channels as ChannelJson[];
    for (const network of ['facebook', 'instagram'])
      expect(views.find((c) => c.network === network)).toMatchObject({
        status: 'connected',
        webhookState: 'subscribed',
        webhookProblem: null,
      });
    for (const network of ['mastodon', 'bluesky'])
      expect(views.find((c) => c.network === network)).toMatchObject({
        webhookState: 'unavailable',
        webhookProblem: null,
      });
    // X has webhooks, but this server is not set up for them: said in words, polling covers it.
    expect(views.find((c) => c.network === 'x')?.webhookProblem).toMatch(
      /does not take X webhooks yet \(an administrator sets X_CONSUMER_SECRET and X_BEARER_TOKEN\)/,
    );
    // A viewer sees the same state (it is part of the channel).
    const viewer = await addMember(api, owner.orgId, 'viewer');
    const seen = (await viewer.get(path())).body.channels as ChannelJson[];
    expect(seen.find((c) => c.network === 'facebook')?.webhookState).toBe('subscribed');
  });

  it('the sandbox then pushes the page’s comments to us; edits keep the earlier text, deletions keep the message', async () => {
    const facebook = await byNetwork('facebook');
    const post = await api.app.get(ChannelConnections).call(facebook.id, (adapter, connection) =>
      adapter.publish(connection, {
        idempotencyKey: randomUUID(),
        parts: [{ text: `Story time moves to 11am ${randomUUID().slice(0, 6)}` }],
      }),
    );
    const comment = (await control('/_sandbox/meta/inbound/comments', {
      objectId: post.externalId,
      message: 'Is it still in the Aberystwyth branch?',
      citizenKey: 'gwen',
      citizenName: 'Gwen Parry',
    })) as { id: string };

    const first = await processUntil(
      () => message(facebook.id, comment.id),
      (row) => !!row,
    );
    expect(first).toMatchObject({
      body: 'Is it still in the Aberystwyth branch?',
      edited_at: null,
      author_deleted_at: null,
    });

    // The author edits it on Facebook: Meta sends `verb: edited`.
    await control('/_sandbox/meta/inbound/comment-changes', {
      commentId: comment.id,
      message: 'Is it still in the Aberaeron branch?',
    });
    const edited = await processUntil(
      () => message(facebook.id, comment.id),
      (row) => row?.body === 'Is it still in the Aberaeron branch?',
    );
    expect(edited!.edited_at).not.toBeNull();
    expect(edited!.previous_versions).toEqual([
      { body: 'Is it still in the Aberystwyth branch?', replacedAt: expect.any(String) },
    ]);

    // The same edit again (a replay), or an older one arriving late, changes nothing.
    const changes = ctx.app.get(MessageChanges);
    expect(
      await changes.apply(facebook.id, [
        {
          externalId: comment.id,
          change: 'edited',
          text: 'Is it still in the Aberaeron branch?',
          at: new Date(),
          raw: {},
        },
        { externalId: comment.id, change: 'edited', text: 'stale words', at: new Date(0), raw: {} },
        { externalId: 'never-stored', change: 'deleted', at: new Date(), raw: {} },
      ]),
    ).toEqual({ edited: 0, deleted: 0, unchanged: 3 });
    expect((await message(facebook.id, comment.id))!.previous_versions).toHaveLength(1);

    // The author deletes it: Meta sends `verb: remove`. The message stays, marked.
    await control('/_sandbox/meta/inbound/comment-changes', { commentId: comment.id });
    const deleted = await processUntil(
      () => message(facebook.id, comment.id),
      (row) => !!row?.author_deleted_at,
    );
    expect(deleted).toMatchObject({ body: 'Is it still in the Aberaeron branch?' });
    const outcomes = (await ctx.dataSource.query(
      `SELECT outcome FROM webhook_event WHERE processed_at IS NOT NULL`,
    )) as Array<{ outcome: Record<string, number> }>;
    expect(outcomes.reduce((n, row) => n + (row.outcome.edited ?? 0), 0)).toBe(1);
    expect(outcomes.reduce((n, row) => n + (row.outcome.deleted ?? 0), 0)).toBe(1);

    // The thread in the API shows it as edited and deleted by its author, with what was said first.
    const conversation = (
      (await ctx.dataSource.query(`SELECT conversation_id FROM message WHERE id = $1`, [
        deleted!.id,
      ])) as Array<{
        conversation_id: string;
      }>
    )[0].conversation_id;
    const thread = await owner.get(`/api/orgs/${owner.orgId}/inbox/conversations/${conversation}`);
    expect(thread.status).toBe(200);
    const shown = (thread.body.timeline as Array<Record<string, unknown>>).find((m) => m.id === deleted!.id);
    expect(shown).toMatchObject({
      body: 'Is it still in the Aberaeron branch?',
      editedAt: expect.any(String),
      authorDeletedAt: expect.any(String),
      previousVersions: [{ body: 'Is it still in the Aberystwyth branch?', replacedAt: expect.any(String) }],
    });
    expect(await troubledWebhookEvents(ctx.dataSource)).toEqual({ count: 0, oldest: null });
  });

  it('says in words when the network refuses, keeps the channel connected, and subscribes on the next check', async () => {
    const facebook = await byNetwork('facebook');
    const { status } = await sandbox.control('POST', '/_sandbox/faults', {
      network: 'facebook',
      route: 'subscribed_apps$',
      count: 1,
      action: { kind: 'status', status: 500 },
    });
    expect(status).toBe(201);
    const config = api.app.get(APP_CONFIG) as AppConfig;
    expect(config.PUBLIC_URL).toBe(api.url);
    const refused = await api.app.get(ChannelConnections).find(facebook.id);
    const outcome = await api.app.get(WebhookSubscriber).subscribe(refused.id);
    expect(outcome.state).toBe('failed');
    const shown = await byNetwork('facebook');
    expect(shown).toMatchObject({ status: 'connected', webhookState: 'failed' });
    expect(shown.webhookProblem).toMatch(
      /Facebook did not agree to send .* polling, within a few minutes\. Use “Check”/,
    );

    const checked = await owner.post(path(`/${facebook.id}/check`));
    expect(checked.status).toBe(200);
    expect(checked.body.channel).toMatchObject({ webhookState: 'subscribed', webhookProblem: null });
  });

  it('a server without Meta webhook settings says so on the channel instead of subscribing', async () => {
    const bare = await startApi({ SANDBOX_URL: sandbox.url });
    try {
      const person = await signUp(bare, { organisationName: 'Powys Libraries' });
      const added = await person.post(`/api/orgs/${person.orgId}/channels/practice`);
      const facebook = (added.body.channels as ChannelJson[]).find((c) => c.network === 'facebook')!;
      expect(facebook).toMatchObject({ status: 'connected', webhookState: 'unavailable' });
      expect(facebook.webhookProblem).toMatch(
        /does not take Facebook webhooks yet \(an administrator sets META_APP_ID, META_APP_SECRET and META_WEBHOOK_VERIFY_TOKEN\), so new messages arrive by polling/,
      );
    } finally {
      await bare.stop();
    }
  });

  describe('X: the Account Activity subscription', () => {
    interface XApp {
      clientId: string;
      clientSecret: string;
      consumerSecret: string;
      bearerToken: string;
      accessToken: string;
    }
    let xApi: TestApi;
    let xCtx: InboxContext;
    let person: SignedInClient;

    beforeAll(async () => {
      const app = await sandbox.createAccount<XApp>('x', { handle: 'oihookapp' });
      xApi = await startApi({
        SANDBOX_URL: sandbox.url,
        X_CLIENT_ID: app.credentials.clientId,
        X_CLIENT_SECRET: app.credentials.clientSecret,
        X_API_URL: `${sandbox.url}/x`,
        X_AUTHORIZE_URL: `${sandbox.url}/x/i/oauth2/authorize`,
        X_CONSUMER_SECRET: app.credentials.consumerSecret,
        X_BEARER_TOKEN: app.credentials.bearerToken,
      });
      (xApi.app.get(APP_CONFIG) as { PUBLIC_URL?: string }).PUBLIC_URL = xApi.url;
      xCtx = await startInboxContext({ databaseUrl: xApi.database.url });
      person = await signUp(xApi, { organisationName: 'Rhondda Libraries' });
    });
    afterAll(async () => {
      await xCtx?.stop();
      await xApi?.stop();
    });

    it('connecting an X account registers our webhook (CRC answered) and subscribes the account; mentions are pushed to us', async () => {
      const account = await sandbox.createAccount('x', { handle: 'rhonddalibs' });
      const started = await person.post(`/api/orgs/${person.orgId}/channels/connect`, { network: 'x' });
      expect(started.status).toBe(200);
      const location = await answerConsentPage(started.body.authorizeUrl as string, {
        button: 'allow',
        fields: { username: 'rhonddalibs' },
      });
      const back = new URL(location);
      const landed = await person.get(`${back.pathname}${back.search}`);
      expect(landed.status).toBe(302);
      expect(new URL(landed.headers.location, xApi.url).searchParams.get('connected')).toBe('1');

      const list = (await person.get(`/api/orgs/${person.orgId}/channels`)).body.channels as ChannelJson[];
      const x = list.find((c) => c.network === 'x')!;
      expect(x).toMatchObject({ status: 'connected', webhookState: 'subscribed', webhookProblem: null });

      // Someone mentions the account: X pushes the post to our route, signed with the consumer secret.
      const citizen = await sandbox.createAccount<{ accessToken: string }>('x', { handle: 'ceri_reads' });
      const posted = await fetch(`${sandbox.url}/x/2/tweets`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${citizen.credentials.accessToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ text: '@rhonddalibs do you have large-print books?' }),
      });
      expect(posted.status).toBe(201);
      const tweetId = ((await posted.json()) as { data: { id: string } }).data.id;
      const stored = await waitFor(
        async () => {
          const events = (await xCtx.dataSource.query(
            `SELECT id FROM webhook_event WHERE source = 'x' AND processed_at IS NULL`,
          )) as Array<{ id: string }>;
          for (const event of events) await xCtx.webhookEvents.process(event.id);
          return (await xCtx.dataSource.query(
            `SELECT body FROM message WHERE channel_id = $1 AND external_id = $2`,
            [x.id, tweetId],
          )) as Array<{ body: string }>;
        },
        (rows) => rows.length === 1,
      );
      expect(stored).toEqual([{ body: '@rhonddalibs do you have large-print books?' }]);
      expect(account.accountId).toBeTruthy();
    });
  });
});
