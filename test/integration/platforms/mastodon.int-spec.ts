import { InvalidContent, MastodonAdapter, Transient } from '@outside-in/platforms';
import type { ChannelConnection } from '@outside-in/platforms';
import { createRestAPIClient } from 'masto';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { describeAdapterContract } from './adapter-contract';
import { crowdBurst, ledgerEntries } from './support/sandbox-controls';

interface MastodonSandboxCredentials {
  accessToken: string;
}

describeAdapterContract('Mastodon (masto)', async () => {
  const sandbox = await startSandbox();
  const adapter = new MastodonAdapter();
  const connection = async (): Promise<ChannelConnection> => {
    const account = await sandbox.createAccount<MastodonSandboxCredentials>('mastodon');
    return {
      channelId: randomUUID(),
      network: 'mastodon',
      externalAccountId: account.accountId,
      handle: account.handle,
      // masto keeps only the origin; the sandbox serves Mastodon at its root for exactly that reason.
      baseUrl: `${sandbox.url}/mastodon`,
      credentials: { accessToken: account.credentials.accessToken },
    };
  };
  return {
    adapter,
    sandbox,
    connection,
    otherAccount: connection,
    async makeInbound(inbox, count) {
      let delivered = 0;
      for (let round = 0; delivered < count && round < 5; round++) {
        delivered += await crowdBurst(sandbox, 'mastodon', [inbox.externalAccountId], count - delivered);
      }
    },
    async altTextsOf(account, externalId) {
      const masto = createRestAPIClient({
        url: account.baseUrl,
        accessToken: account.credentials.accessToken,
      });
      const status = await masto.v1.statuses.$select(externalId).fetch();
      return status.mediaAttachments.map((media) => media.description ?? '');
    },
    publishRoute: '^POST (/mastodon)?/api/v1/statuses$',
  };
});

describe('Mastodon adapter: what only Mastodon does', () => {
  let sandbox: TestSandbox;
  let account: ChannelConnection;
  const adapter = new MastodonAdapter();

  beforeAll(async () => {
    sandbox = await startSandbox();
    const created = await sandbox.createAccount<MastodonSandboxCredentials>('mastodon');
    account = {
      channelId: randomUUID(),
      network: 'mastodon',
      externalAccountId: created.accountId,
      handle: created.handle,
      baseUrl: sandbox.url,
      credentials: { accessToken: created.credentials.accessToken },
    };
  });
  afterAll(() => sandbox.stop());

  it('reads the limit from the instance configuration and counts as Mastodon does', async () => {
    const rules = await adapter.contentRules(account);
    expect(rules.maxCharacters).toBe(500);
    expect(rules.countCharacters(`${'a'.repeat(10)} https://example.org/${'b'.repeat(100)}`)).toBe(11 + 23);
    expect((await adapter.contentRules()).maxCharacters).toBe(500);
  });

  it('sends the idempotency key: publishing again with it returns the original status and creates nothing', async () => {
    const idempotencyKey = randomUUID();
    const text = `Leisure centre closed for repairs ${randomUUID().slice(0, 8)}`;
    const first = await adapter.publish(account, { idempotencyKey, parts: [{ text }] });
    const second = await adapter.publish(account, { idempotencyKey, parts: [{ text }] });
    expect(second.externalId).toBe(first.externalId);
    const created = await ledgerEntries(sandbox, {
      network: 'mastodon',
      accountId: account.externalAccountId,
    });
    expect(created.filter((entry) => entry.content === text)).toHaveLength(1);
  });

  it('refuses text over the instance limit as InvalidContent', async () => {
    const error = await adapter
      .publish(account, { idempotencyKey: randomUUID(), parts: [{ text: 'x'.repeat(501) }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidContent);
  });

  it('reports an unreachable instance as Transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await adapter
      .verifyCredentials({ ...account, baseUrl: `http://127.0.0.1:${port}` })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Transient);
  });
});
