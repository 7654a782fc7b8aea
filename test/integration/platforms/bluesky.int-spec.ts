import { AtpAgent } from '@atproto/api';
import {
  AuthExpired,
  BlueskyAdapter,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
} from '@outside-in/platforms';
import type { ChannelConnection } from '@outside-in/platforms';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { describeAdapterContract } from './adapter-contract';
import { crowdBurst, injectFault, ledgerEntries } from './support/sandbox-controls';

interface BlueskySandboxCredentials {
  identifier: string;
  password: string;
}

const TTL_VARIABLE = 'SANDBOX_BLUESKY_ACCESS_TOKEN_TTL_SECONDS';
/** Access tokens live this long in this file's sandbox, so the agent's own refresh is exercised too. */
const ACCESS_TOKEN_TTL_SECONDS = 2;

describeAdapterContract('Bluesky (@atproto/api)', async () => {
  const previousTtl = process.env[TTL_VARIABLE];
  process.env[TTL_VARIABLE] = String(ACCESS_TOKEN_TTL_SECONDS);
  const sandbox = await startSandbox().finally(() => {
    // The sandbox reads it once at boot; leave the environment as it was for other files.
    if (previousTtl === undefined) delete process.env[TTL_VARIABLE];
    else process.env[TTL_VARIABLE] = previousTtl;
  });
  const adapter = new BlueskyAdapter();
  const baseUrl = `${sandbox.url}/bluesky`;

  /** A channel as connecting one stores it: the app password plus the session the adapter started. */
  const connection = async (): Promise<ChannelConnection> => {
    const account = await sandbox.createAccount<BlueskySandboxCredentials>('bluesky');
    const signIn: ChannelConnection = {
      channelId: randomUUID(),
      network: 'bluesky',
      externalAccountId: account.accountId,
      handle: account.handle,
      baseUrl,
      credentials: { identifier: account.credentials.identifier, password: account.credentials.password },
    };
    const session = await adapter.refreshCredentials(signIn);
    return { ...signIn, credentials: session.credentials };
  };

  return {
    adapter,
    sandbox,
    connection,
    otherAccount: connection,
    async makeInbound(inbox, count) {
      let delivered = 0;
      for (let round = 0; delivered < count && round < 5; round++) {
        delivered += await crowdBurst(sandbox, 'bluesky', [inbox.externalAccountId], count - delivered);
      }
    },
    /** The access token runs out, and the session is signed out, so the agent cannot refresh it either. */
    async expireAccessToken(account) {
      await sleep(ACCESS_TOKEN_TTL_SECONDS * 1000 + 200);
      const res = await fetch(`${baseUrl}/xrpc/com.atproto.server.deleteSession`, {
        method: 'POST',
        headers: { authorization: `Bearer ${account.credentials.refreshJwt}` },
      });
      expect(res.status).toBe(200);
    },
    async altTextsOf(account, externalId) {
      const [, , repo, collection, rkey] = externalId.split('/');
      const reader = new AtpAgent({ service: account.baseUrl });
      const found = await reader.com.atproto.repo.getRecord({ repo, collection, rkey });
      const embed = (found.data.value as { embed?: { images?: { alt: string }[] } }).embed;
      return (embed?.images ?? []).map((image) => image.alt);
    },
    publishRoute: '^POST /bluesky/xrpc/com.atproto.repo.createRecord$',
  };
});

describe('Bluesky adapter: what only Bluesky does', () => {
  let sandbox: TestSandbox;
  let account: ChannelConnection;
  const adapter = new BlueskyAdapter();

  beforeAll(async () => {
    sandbox = await startSandbox();
    const created = await sandbox.createAccount<BlueskySandboxCredentials>('bluesky', {
      handle: 'cardiff_council',
    });
    account = {
      channelId: randomUUID(),
      network: 'bluesky',
      externalAccountId: created.accountId,
      handle: created.handle,
      baseUrl: `${sandbox.url}/bluesky`,
      credentials: { identifier: created.credentials.identifier, password: created.credentials.password },
    };
  });
  afterEach(() => sandbox.control('DELETE', '/_sandbox/faults?network=bluesky'));
  afterAll(() => sandbox.stop());

  it('settles a retry after a dropped create by reading the record back: one post, the same id', async () => {
    await injectFault(sandbox, {
      network: 'bluesky',
      route: '^POST /bluesky/xrpc/com.atproto.repo.createRecord$',
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    const idempotencyKey = randomUUID();
    const text = `Flu clinic on Saturday ${randomUUID().slice(0, 8)}`;
    await expect(adapter.publish(account, { idempotencyKey, parts: [{ text }] })).rejects.toBeInstanceOf(
      OutcomeUnknown,
    );
    const retried = await adapter.publish(account, { idempotencyKey, parts: [{ text }] });
    const created = await ledgerEntries(sandbox, {
      network: 'bluesky',
      accountId: account.externalAccountId,
    });
    expect(created.filter((entry) => entry.content === text).map((entry) => entry.objectId)).toEqual([
      retried.externalId,
    ]);
  });

  it('links mentions with facets, so the person mentioned is notified', async () => {
    const other = await sandbox.createAccount<BlueskySandboxCredentials>('bluesky', { handle: 'resident' });
    const published = await adapter.publish(account, {
      idempotencyKey: randomUUID(),
      parts: [{ text: `Thanks @${other.handle} for the report https://example.org/roads` }],
    });
    const reader = new AtpAgent({ service: account.baseUrl });
    const [, , repo, collection, rkey] = published.externalId.split('/');
    const record = await reader.com.atproto.repo.getRecord({ repo, collection, rkey });
    const facets = (record.data.value as { facets?: { features: { $type: string; did?: string }[] }[] })
      .facets;
    const features = (facets ?? []).flatMap((facet) => facet.features);
    expect(features).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ $type: 'app.bsky.richtext.facet#mention', did: other.accountId }),
        expect.objectContaining({ $type: 'app.bsky.richtext.facet#link' }),
      ]),
    );
  });

  it('refuses more than 300 graphemes as InvalidContent, and counts graphemes as Bluesky does', async () => {
    const rules = await adapter.contentRules();
    expect(rules.maxCharacters).toBe(300);
    expect(rules.countCharacters('👨‍👩‍👧'.repeat(300))).toBe(300);
    await expect(
      adapter.publish(account, { idempotencyKey: randomUUID(), parts: [{ text: 'x'.repeat(301) }] }),
    ).rejects.toBeInstanceOf(InvalidContent);
  });

  it('cannot send direct messages: Bluesky chat is not served', async () => {
    expect(adapter.capabilities.directMessages).toBe(false);
    await expect(
      adapter.sendDirectMessage(account, {
        idempotencyKey: randomUUID(),
        recipientExternalId: 'did:plc:x',
        text: 'hi',
      }),
    ).rejects.toBeInstanceOf(Permanent);
  });

  it('turns a wrong app password into AuthExpired', async () => {
    const wrong = {
      ...account,
      channelId: randomUUID(),
      credentials: { ...account.credentials, password: 'nope' },
    };
    await expect(adapter.verifyCredentials(wrong)).rejects.toBeInstanceOf(AuthExpired);
  });
});
