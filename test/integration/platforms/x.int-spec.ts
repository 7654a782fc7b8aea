import { AuthExpired, OutcomeUnknown, Permanent, Transient, XAdapter } from '@outside-in/platforms';
import { randomUUID } from 'node:crypto';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';
import { describeAdapterContract } from './adapter-contract';
import { clearFaults, crowdBurst, injectFault, ledgerEntries, samplePng } from './support/sandbox-controls';
import { expireSandboxXToken, sandboxXConnection } from './support/x-channel';

// Small pages so that the paging scenario really pages.
const adapter = new XAdapter({ pageSize: 20, writeTimeoutMs: 2000 });

describeAdapterContract('X', async () => {
  const sandbox = await startSandbox();
  return {
    adapter,
    sandbox,
    connection: () => sandboxXConnection(sandbox),
    otherAccount: () => sandboxXConnection(sandbox),
    makeInbound: async (connection, count) => {
      await crowdBurst(sandbox, 'x', [connection.externalAccountId], count);
    },
    expireAccessToken: (connection) => expireSandboxXToken(sandbox, connection),
    async altTextsOf(connection, externalId) {
      const response = await fetch(
        `${connection.baseUrl}/2/tweets/${externalId}?expansions=attachments.media_keys&media.fields=alt_text`,
        { headers: { authorization: `Bearer ${connection.credentials.accessToken}` } },
      );
      const body = (await response.json()) as { includes?: { media?: Array<{ alt_text?: string }> } };
      return (body.includes?.media ?? []).map((media) => media.alt_text ?? '');
    },
    publishRoute: '^POST /x/2/tweets$',
    inboundCount: 60,
  };
});

describe('X adapter: beyond the contract', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterEach(() => clearFaults(sandbox, 'x'));
  afterAll(() => sandbox.stop());

  it('uploads an image through the v2 chunked upload and attaches it when there is no alt text', async () => {
    const account = await sandboxXConnection(sandbox);
    const result = await adapter.publish(account, {
      idempotencyKey: randomUUID(),
      parts: [
        {
          text: `Gritters out tonight ${randomUUID().slice(0, 6)}`,
          media: [{ data: samplePng(), mimeType: 'image/png' }],
        },
      ],
    });
    const [post] = await ledgerEntries(sandbox, { network: 'x', objectId: result.externalId });
    expect(post.kind).toBe('post');
    const media = await ledgerEntries(sandbox, {
      network: 'x',
      accountId: account.externalAccountId,
      kind: 'media',
    });
    expect(media).toHaveLength(1);
  });

  it('refuses an image whose alt text X did not store, and posts nothing', async () => {
    const account = await sandboxXConnection(sandbox);
    const text = `Park and ride ${randomUUID().slice(0, 6)}`;
    // X keeps at most 1,000 characters of alt text and refuses more.
    const call = adapter.publish(account, {
      idempotencyKey: randomUUID(),
      parts: [
        {
          text,
          media: [{ data: samplePng(), mimeType: 'image/png', altText: 'A bus at the stop. '.repeat(60) }],
        },
      ],
    });
    await expect(call).rejects.toThrow("X did not store the image's alt text, so nothing was posted");
    const posts = await ledgerEntries(sandbox, {
      network: 'x',
      accountId: account.externalAccountId,
      kind: 'post',
    });
    expect(posts.filter((p) => p.content?.includes(text))).toEqual([]);
  });

  it('delivers a direct message to the recipient’s inbound, and echoes it to the sender as its own', async () => {
    const council = await sandboxXConnection(sandbox);
    const resident = await sandboxXConnection(sandbox);
    const text = `Your permit is ready ${randomUUID().slice(0, 6)}`;
    const sent = await adapter.sendDirectMessage(council, {
      idempotencyKey: randomUUID(),
      recipientExternalId: resident.externalAccountId,
      text,
    });
    const received = (await adapter.fetchInbound(resident, null)).items.find(
      (i) => i.externalId === sent.externalId,
    );
    expect(received).toMatchObject({
      kind: 'direct_message',
      text,
      fromAccount: false,
      author: { externalId: council.externalAccountId, handle: council.handle },
    });
    const echoed = (await adapter.fetchInbound(council, null)).items.find(
      (i) => i.externalId === sent.externalId,
    );
    expect(echoed).toMatchObject({ fromAccount: true, threadKey: received!.threadKey });
  });

  it('refuses an image type X does not take, before calling X', async () => {
    const account = await sandboxXConnection(sandbox);
    const call = adapter.publish(account, {
      idempotencyKey: randomUUID(),
      parts: [
        { text: 'A document', media: [{ data: Buffer.from('%PDF-1.4'), mimeType: 'application/pdf' }] },
      ],
    });
    await expect(call).rejects.toThrow('X does not take application/pdf here');
  });

  it('reports the refresh token used twice (they rotate) as AuthExpired', async () => {
    const account = await sandboxXConnection(sandbox);
    const refreshed = await adapter.refreshCredentials(account);
    expect(refreshed?.credentials.refreshToken).not.toBe(account.credentials.refreshToken);
    expect(refreshed!.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    await expect(adapter.refreshCredentials(account)).rejects.toBeInstanceOf(AuthExpired);
  });

  it('hides no replies and deletes nobody else’s, saying so as Permanent', async () => {
    const account = await sandboxXConnection(sandbox);
    expect(adapter.capabilities.hideComments).toBe(false);
    await expect(adapter.hideComment(account, '1', true)).rejects.toBeInstanceOf(Permanent);
    await expect(adapter.deleteComment(account, '1')).rejects.toBeInstanceOf(Permanent);
  });

  it('deletes its own post', async () => {
    const account = await sandboxXConnection(sandbox);
    const result = await adapter.publish(account, {
      idempotencyKey: randomUUID(),
      parts: [{ text: `Posted in error ${randomUUID().slice(0, 6)}` }],
    });
    await adapter.deletePost(account, result.externalId);
    const posts = await adapter.readBack(account, { limit: 5 });
    expect(posts.map((p) => p.externalId)).not.toContain(result.externalId);
  });

  it('maps a 503 to Transient and a held, then cut, write to OutcomeUnknown', async () => {
    const account = await sandboxXConnection(sandbox);
    await injectFault(sandbox, {
      network: 'x',
      route: '^POST /x/2/tweets$',
      count: 1,
      action: { kind: 'status', status: 503 },
    });
    const publish = (text: string) =>
      adapter.publish(account, { idempotencyKey: randomUUID(), parts: [{ text }] });
    await expect(publish(`Storm warning ${randomUUID().slice(0, 6)}`)).rejects.toBeInstanceOf(Transient);
    await injectFault(sandbox, {
      network: 'x',
      route: '^POST /x/2/tweets$',
      count: 1,
      action: { kind: 'timeout', ms: 4000 },
    });
    await expect(publish(`Held ${randomUUID().slice(0, 6)}`)).rejects.toBeInstanceOf(OutcomeUnknown);
  });

  it('reports a host that refuses connections as Transient: nothing was sent', async () => {
    const account = { ...(await sandboxXConnection(sandbox)), baseUrl: 'http://127.0.0.1:1/x' };
    await expect(
      adapter.publish(account, { idempotencyKey: randomUUID(), parts: [{ text: 'Unsent' }] }),
    ).rejects.toBeInstanceOf(Transient);
  });

  it('refuses a base URL that is not http(s) with a message naming the channel', async () => {
    const account = { ...(await sandboxXConnection(sandbox)), baseUrl: 'ftp://example.org' };
    await expect(adapter.verifyCredentials(account)).rejects.toThrow(
      /invalid base URL "ftp:\/\/example.org"/,
    );
  });
});
