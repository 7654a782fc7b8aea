import { type ChannelConnection, InvalidContent, OutcomeUnknown } from '@outside-in/platforms';
import { FacebookAdapter } from '../../../libs/platforms/src/adapters/facebook/facebook.adapter';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';
import { describeAdapterContract } from './adapter-contract';

interface MetaCredentials {
  pageId: string;
  pageAccessToken: string;
}

async function control(sandbox: TestSandbox, path: string, body: unknown): Promise<Record<string, unknown>> {
  const { status, body: answer } = await sandbox.control<Record<string, unknown>>('POST', path, body);
  if (status >= 300) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(answer)}`);
  return answer;
}

async function pageConnection(sandbox: TestSandbox): Promise<ChannelConnection> {
  const account = await sandbox.createAccount<MetaCredentials>('facebook');
  return {
    channelId: `fb-${account.accountId}`,
    network: 'facebook',
    externalAccountId: account.credentials.pageId,
    handle: account.handle,
    baseUrl: `${sandbox.url}/meta`,
    credentials: { pageAccessToken: account.credentials.pageAccessToken },
  };
}

describeAdapterContract('Facebook Pages (facebook-nodejs-business-sdk)', async () => {
  const sandbox = await startSandbox();
  const adapter = new FacebookAdapter();
  return {
    adapter,
    sandbox,
    connection: () => pageConnection(sandbox),
    otherAccount: () => pageConnection(sandbox),
    faultNetwork: 'meta',
    publishRoute: '^POST /meta/v[0-9.]+/[0-9]+/(feed|photos)$',
    inboundCount: 60,
    async makeInbound(connection, count) {
      // Half comments on a post of the page's, half Messenger messages from different people.
      const post = await adapter.publish(connection, {
        idempotencyKey: `inbound-${Date.now()}`,
        parts: [{ text: `Consultation on the new cycle lanes ${Math.random()}` }],
      });
      for (let i = 0; i < count; i++) {
        if (i % 2 === 0) {
          await control(sandbox, '/_sandbox/meta/inbound/comments', {
            objectId: post.externalId,
            message: `Comment ${i} about the cycle lanes`,
            citizenKey: `resident${i}`,
            citizenName: `Resident ${i}`,
          });
        } else {
          await control(sandbox, '/_sandbox/meta/inbound/messages', {
            accountId: connection.externalAccountId,
            message: `Message ${i} about the cycle lanes`,
            citizenKey: `resident${i}`,
            citizenName: `Resident ${i}`,
          });
        }
      }
    },
    async altTextsOf(connection, externalId) {
      // A single-photo post's id is `{page-id}_{photo-id}`: the alt text is on the photo.
      const url = new URL(`${sandbox.url}/meta/v24.0/${externalId.split('_')[1]}`);
      url.searchParams.set('access_token', connection.credentials.pageAccessToken);
      url.searchParams.set('fields', 'id,alt_text_custom');
      const photo = (await (await fetch(url)).json()) as { alt_text_custom?: string };
      return photo.alt_text_custom ? [photo.alt_text_custom] : [];
    },
    // Pages answer people, not other pages: the reply goes to a person's comment on the page's own post.
    async replyTarget(connection) {
      const post = await adapter.publish(connection, {
        idempotencyKey: `target-${Date.now()}`,
        parts: [{ text: `Is the tip open on Sunday? ${Math.random()}` }],
      });
      const comment = await control(sandbox, '/_sandbox/meta/inbound/comments', {
        objectId: post.externalId,
        message: 'Is the tip open on Sunday?',
        citizenKey: 'asker',
        citizenName: 'Asker',
      });
      return String(comment.id);
    },
    // Messenger: a page messages a person who wrote to it within 24 hours (their page-scoped id).
    async dmRecipient(connection) {
      const written = await control(sandbox, '/_sandbox/meta/inbound/messages', {
        accountId: connection.externalAccountId,
        message: 'When can I collect my blue badge?',
        citizenKey: 'badge',
        citizenName: 'Badge Holder',
      });
      return String(written.senderId);
    },
  };
});

describe('Facebook adapter: Messenger and comments', () => {
  let sandbox: TestSandbox;
  const adapter = new FacebookAdapter();
  beforeAll(async () => (sandbox = await startSandbox()));
  afterAll(() => sandbox.stop());

  it('refuses a message outside the 24-hour window with InvalidContent saying so', async () => {
    const page = await pageConnection(sandbox);
    const written = await control(sandbox, '/_sandbox/meta/inbound/messages', {
      accountId: page.externalAccountId,
      message: 'Hello from two days ago',
      citizenKey: 'late',
      sentAt: new Date(Date.now() - 48 * 3600_000).toISOString(),
    });
    const error = await adapter
      .sendDirectMessage(page, {
        idempotencyKey: 'k',
        recipientExternalId: String(written.senderId),
        text: 'Hi',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidContent);
    expect((error as InvalidContent).message).toMatch(/24-hour window/);
  });

  it('gives up a call Graph does not answer and reports the write as OutcomeUnknown', async () => {
    const page = await pageConnection(sandbox);
    const impatient = new FacebookAdapter({ timeoutMs: 300 });
    const { status } = await sandbox.control('POST', '/_sandbox/faults', {
      network: 'facebook',
      route: '/feed$',
      count: 1,
      action: { kind: 'timeout', ms: 2000 },
    });
    expect(status).toBe(201);
    const started = Date.now();
    const error = await impatient
      .publish(page, { idempotencyKey: 't', parts: [{ text: 'Slow network today' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknown);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('hides and deletes a person’s comment, which then leaves the inbox', async () => {
    const page = await pageConnection(sandbox);
    const post = await adapter.publish(page, { idempotencyKey: 'p', parts: [{ text: 'Road works update' }] });
    const comment = await control(sandbox, '/_sandbox/meta/inbound/comments', {
      objectId: post.externalId,
      message: 'Rude words here',
      citizenKey: 'rude',
    });
    await adapter.hideComment(page, String(comment.id), true);
    const before = await adapter.fetchInbound(page, null);
    expect(before.items.map((i) => i.externalId)).toContain(String(comment.id));
    await adapter.deleteComment(page, String(comment.id));
    const after = await adapter.fetchInbound(page, null);
    expect(after.items.map((i) => i.externalId)).not.toContain(String(comment.id));
  });
});

describe('Facebook adapter: inbound walks', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => (sandbox = await startSandbox()));
  afterAll(() => sandbox.stop());

  // As on Instagram (the walk is shared): 35 people wrote in one past second, so one walk needs more than
  // one fetch, and a walk begun before new items arrived must not end the reading by itself.
  it('reads on past a walk begun before new items arrived, until one begun after them', async () => {
    const adapter = new FacebookAdapter();
    const inbox = await pageConnection(sandbox);
    const sentAt = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000).toISOString();
    for (let i = 0; i < 35; i++) {
      await control(sandbox, '/_sandbox/meta/inbound/messages', {
        accountId: inbox.externalAccountId,
        message: `Message ${i} about the bins`,
        citizenKey: `person${i}`,
        citizenName: `Person ${i}`,
        sentAt,
      });
    }
    let cursor: string | null = null;
    const seen = new Set<string>();
    for (let hasMore = true, fetches = 0; hasMore; fetches++) {
      expect(fetches).toBeLessThan(20);
      const page = await adapter.fetchInbound(inbox, cursor);
      page.items.forEach((item) => seen.add(item.externalId));
      cursor = page.nextCursor;
      hasMore = page.hasMore;
    }
    expect(seen.size).toBe(35);

    // A caller stops after the first fetch of a walk that needs more (the poller's page cap does this).
    const stopped = await adapter.fetchInbound(inbox, cursor);
    expect(stopped.items).toEqual([]);
    expect(stopped.hasMore).toBe(true);
    // New items arrive: from a person whose conversation that walk has passed, and on a new post it never listed.
    const dm = await control(sandbox, '/_sandbox/meta/inbound/messages', {
      accountId: inbox.externalAccountId,
      message: 'And the recycling?',
      citizenKey: 'person34',
      citizenName: 'Person 34',
    });
    const post = await adapter.publish(inbox, {
      idempotencyKey: `walk-${Date.now()}`,
      parts: [{ text: `Bin day ${Math.random()}` }],
    });
    const comment = await control(sandbox, '/_sandbox/meta/inbound/comments', {
      objectId: post.externalId,
      message: 'Which bin this week?',
      citizenKey: 'commenter',
      citizenName: 'Commenter',
    });

    const fresh: string[] = [];
    cursor = stopped.nextCursor;
    for (let hasMore = true, fetches = 0; hasMore; fetches++) {
      expect(fetches).toBeLessThan(20);
      const page = await adapter.fetchInbound(inbox, cursor);
      fresh.push(...page.items.map((item) => item.externalId));
      cursor = page.nextCursor;
      hasMore = page.hasMore;
    }
    expect(fresh.sort()).toEqual([String(dm.messageId), String(comment.id)].sort());
  });
});
