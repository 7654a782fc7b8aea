import {
  AuthExpired,
  type ChannelConnection,
  type InboundItem,
  type MediaInput,
  OutcomeUnknown,
  Permanent,
  type PlatformAdapter,
  PlatformError,
  RateLimited,
} from '@outside-in/platforms';
import { randomUUID } from 'node:crypto';
import type { TestSandbox } from '../../support/sandbox-harness';
import {
  clearFaults,
  injectFault,
  type LedgerEntry,
  ledgerEntries,
  samplePng,
} from './support/sandbox-controls';

/**
 * What a network's test file gives the contract suite. Everything runs against the sandbox with the real
 * client library; the suite stops the sandbox after the last scenario.
 */
export interface ContractSetup {
  adapter: PlatformAdapter;
  sandbox: TestSandbox;
  /** A fresh ChannelConnection on a fresh sandbox account (baseUrl pointing at the sandbox). */
  connection(): Promise<ChannelConnection>;
  /** Makes at least `count` inbound items (mentions, comments or DMs) arrive for that account. */
  makeInbound(connection: ChannelConnection, count: number): Promise<void>;
  /**
   * Makes the connection's current access token expire. Omit it for networks whose tokens do not expire:
   * the refresh scenario then checks that refreshCredentials returns null.
   */
  expireAccessToken?(connection: ChannelConnection): Promise<void>;
  /** Another account on the same network: the recipient of DMs and the author of posts we reply to. */
  otherAccount(): Promise<ChannelConnection>;
  /**
   * Where `connection` replies when accounts cannot reply to each other's posts (Facebook and Instagram:
   * a person's comment on the account's own post). Default: a post published by otherAccount().
   */
  replyTarget?(connection: ChannelConnection): Promise<string>;
  /**
   * Whom `connection` messages when accounts cannot message each other (Messenger, Instagram: a person who
   * wrote to the account within 24 hours). Default: otherAccount().externalAccountId.
   */
  dmRecipient?(connection: ChannelConnection): Promise<string>;
  /** The alt texts of the images on a published post, read back through the sandbox or the network's API. */
  altTextsOf(connection: ChannelConnection, externalId: string): Promise<string[]>;
  /** The `network` of POST /_sandbox/faults for this adapter (default connection.network; Meta uses `meta`). */
  faultNetwork?: string;
  /** Regular expression for `METHOD /path` of the call that creates a post, e.g. `^POST /x/2/tweets$`. */
  publishRoute: string;
  /** The ledger's network and account for a connection (default: connection.network, externalAccountId). */
  ledgerAccount?(connection: ChannelConnection): { network: string; accountId: string };
  /**
   * The ledger kinds that are a published post, when the network also records other objects with the same
   * text (Instagram records the media container with its caption, then the post). Default: every kind.
   */
  publishedKinds?: string[];
  /** How many inbound items the paging scenario asks for: more than one page of fetchInbound (default 60). */
  inboundCount?: number;
  /** An image the network accepts (default: a small PNG). */
  sampleImage?(): MediaInput;
}

const NORMALISED_KINDS = ['mention', 'reply', 'comment', 'direct_message'];

/** Unique text, so duplicate-content rules never fire between scenarios or runs. */
function uniqueText(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the call to fail, but it succeeded');
}

function expectNormalised(item: InboundItem, account: ChannelConnection): void {
  expect(item.externalId).toEqual(expect.any(String));
  expect(item.externalId.length).toBeGreaterThan(0);
  expect(NORMALISED_KINDS).toContain(item.kind);
  expect(item.threadKey).toEqual(expect.any(String));
  expect(item.threadKey.length).toBeGreaterThan(0);
  expect(item.author.externalId).toEqual(expect.any(String));
  expect(item.author.handle.length).toBeGreaterThan(0);
  expect(typeof item.author.displayName).toBe('string');
  expect(item.author.profileUrl).toMatch(/^https?:\/\//);
  expect(typeof item.text).toBe('string');
  expect(item.text.length).toBeGreaterThan(0);
  expect(item.createdAt).toBeInstanceOf(Date);
  expect(Number.isNaN(item.createdAt.getTime())).toBe(false);
  expect(item.fromAccount).toBe(item.author.externalId === account.externalAccountId);
  expect(item.raw).toBeDefined();
}

/**
 * The one suite every adapter passes against the sandbox (issue 4, "Proof"). Call it from
 * test/integration/platforms/<network>.int-spec.ts with that network's setup.
 */
export function describeAdapterContract(name: string, setup: () => Promise<ContractSetup>): void {
  describe(`${name}: the platform adapter contract`, () => {
    let s: ContractSetup;
    let account: ChannelConnection;

    const image = (altText?: string): MediaInput => ({
      ...(s.sampleImage?.() ?? { data: samplePng(), mimeType: 'image/png', filename: 'sample.png' }),
      altText,
    });
    /** A publishable part: networks that need media (Instagram) get an image with alt text. */
    const part = async (text: string) =>
      (await s.adapter.contentRules(account)).requiresMedia
        ? { text, media: [image('A sample image for the contract suite')] }
        : { text };
    const ledgerOf = (connection: ChannelConnection) =>
      s.ledgerAccount?.(connection) ?? {
        network: connection.network,
        accountId: connection.externalAccountId,
      };
    const faultNetwork = () => s.faultNetwork ?? account?.network ?? 'unknown';
    const isPublished = (entry: LedgerEntry) => !s.publishedKinds || s.publishedKinds.includes(entry.kind);

    beforeAll(async () => {
      s = await setup();
      account = await s.connection();
    });
    afterEach(async () => {
      if (s) await clearFaults(s.sandbox, faultNetwork());
    });
    afterAll(async () => {
      if (s) await s.sandbox.stop();
    });

    it('publishes text and returns the external id and URL', async () => {
      const text = uniqueText('Bin collections move to Thursday this week.');
      const result = await s.adapter.publish(account, {
        idempotencyKey: randomUUID(),
        parts: [await part(text)],
      });
      expect(result.externalId.length).toBeGreaterThan(0);
      expect(result.url).toMatch(/^https?:\/\//);
      expect(result.parts).toEqual([{ externalId: result.externalId, url: result.url }]);
      const { network, accountId } = ledgerOf(account);
      const created = await ledgerEntries(s.sandbox, { network, accountId });
      expect(created.filter((e) => isPublished(e) && e.content?.includes(text))).toHaveLength(1);
    });

    it('publishes an image with alt text, and the alt text is on the network', async () => {
      const altText = uniqueText('A gritter lorry on a snowy hill road at dusk');
      const text = uniqueText('Gritters are out tonight.');
      const result = await s.adapter.publish(account, {
        idempotencyKey: randomUUID(),
        parts: [{ text, media: [image(altText)] }],
      });
      expect(await s.altTextsOf(account, result.externalId)).toEqual([altText]);
    });

    it('publishes a thread as a reply chain where the network has threads, and refuses it otherwise', async () => {
      const texts = [1, 2, 3].map((n) => uniqueText(`Road closures, part ${n} of 3.`));
      const parts = await Promise.all(texts.map((t) => part(t)));
      const call = s.adapter.publish(account, { idempotencyKey: randomUUID(), parts });
      if (!s.adapter.capabilities.threads) {
        const error = await rejection(call);
        expect(error).toBeInstanceOf(PlatformError);
        expect((error as PlatformError).kind).toMatch(/^(permanent|invalid_content)$/);
        return;
      }
      const result = await call;
      expect(result.parts).toHaveLength(3);
      expect(result.externalId).toBe(result.parts[0].externalId);
      const posts = await s.adapter.readBack(account, { limit: 20 });
      const byId = new Map(posts.map((p) => [p.externalId, p]));
      expect(byId.get(result.parts[1].externalId)?.inReplyToExternalId).toBe(result.parts[0].externalId);
      expect(byId.get(result.parts[2].externalId)?.inReplyToExternalId).toBe(result.parts[1].externalId);
    });

    it('reads back what was published, newest first', async () => {
      const first = uniqueText('Library opening hours over the holidays.');
      const second = uniqueText('Council tax bills are on their way.');
      const a = await s.adapter.publish(account, {
        idempotencyKey: randomUUID(),
        parts: [await part(first)],
      });
      const b = await s.adapter.publish(account, {
        idempotencyKey: randomUUID(),
        parts: [await part(second)],
      });
      const posts = await s.adapter.readBack(account, { limit: 5 });
      expect(posts.length).toBeLessThanOrEqual(5);
      const ids = posts.map((p) => p.externalId);
      expect(ids).toContain(a.externalId);
      expect(ids).toContain(b.externalId);
      expect(ids.indexOf(b.externalId)).toBeLessThan(ids.indexOf(a.externalId));
      const found = posts.find((p) => p.externalId === b.externalId)!;
      expect(found.text).toContain(second);
      expect(found.url).toMatch(/^https?:\/\//);
      expect(found.createdAt).toBeInstanceOf(Date);
    });

    it('reads back page after page to a time, and only the newest page without one', async () => {
      const since = new Date(Date.now() - 2000); // Graph's times are whole seconds
      const ids: string[] = [];
      for (let n = 1; n <= 7; n++) {
        const text = uniqueText(`Recycling centre update ${n} of 7.`);
        ids.push(
          (await s.adapter.publish(account, { idempotencyKey: randomUUID(), parts: [await part(text)] }))
            .externalId,
        );
      }
      // Five a page (X's smallest): the seven need two pages at least.
      const posts = await s.adapter.readBack(account, { limit: 100, since, pageSize: 5 });
      const found = posts.map((p) => p.externalId);
      expect(found.slice(0, 7)).toEqual([...ids].reverse());
      // It stops at the first page that reaches back past `since`: at most one page of older posts.
      expect(posts.filter((p) => p.createdAt < since).length).toBeLessThanOrEqual(5);
      const newest = await s.adapter.readBack(account, { limit: 100, pageSize: 5 });
      expect(newest.map((p) => p.externalId)).toEqual([...ids].reverse().slice(0, 5));
    });

    it('fetches inbound items with cursor paging: every item once, normalised, then only new ones', async () => {
      const inbox = await s.connection();
      const count = s.inboundCount ?? 60;
      await s.makeInbound(inbox, count);

      const seen = new Map<string, InboundItem>();
      let cursor: string | null = null;
      let pages = 0;
      let hasMore = true;
      while (hasMore) {
        const page = await s.adapter.fetchInbound(inbox, cursor);
        for (const item of page.items) {
          expect(seen.has(item.externalId)).toBe(false);
          expectNormalised(item, inbox);
          seen.set(item.externalId, item);
        }
        pages++;
        if (page.hasMore) expect(page.nextCursor).not.toBe(cursor);
        cursor = page.nextCursor;
        hasMore = page.hasMore;
        expect(pages).toBeLessThan(200);
      }
      expect(pages).toBeGreaterThan(1);
      expect(seen.size).toBeGreaterThanOrEqual(count);

      // From the last cursor: nothing again, then only what arrives afterwards.
      const again = await s.adapter.fetchInbound(inbox, cursor);
      expect(again.items.filter((i) => seen.has(i.externalId))).toEqual([]);
      await s.makeInbound(inbox, 3);
      const fresh: InboundItem[] = [];
      hasMore = true;
      cursor = again.nextCursor ?? cursor;
      while (hasMore) {
        const page = await s.adapter.fetchInbound(inbox, cursor);
        fresh.push(...page.items);
        cursor = page.nextCursor;
        hasMore = page.hasMore;
      }
      expect(fresh.length).toBeGreaterThanOrEqual(3);
      expect(fresh.filter((i) => seen.has(i.externalId))).toEqual([]);
    });

    it('replies to another account’s post', async () => {
      const original = s.replyTarget
        ? { externalId: await s.replyTarget(account) }
        : await s.adapter.publish(await s.otherAccount(), {
            idempotencyKey: randomUUID(),
            parts: [await part(uniqueText('Is the tip open on Sunday?'))],
          });
      const text = uniqueText('Yes, from 9am to 4pm.');
      const reply = await s.adapter.reply(account, {
        idempotencyKey: randomUUID(),
        inReplyToExternalId: original.externalId,
        text,
      });
      expect(reply.externalId.length).toBeGreaterThan(0);
      expect(reply.externalId).not.toBe(original.externalId);
      const posts = await s.adapter.readBack(account, { limit: 10 });
      const found = posts.find((p) => p.externalId === reply.externalId);
      expect(found?.inReplyToExternalId).toBe(original.externalId);
      expect(found?.text).toContain(text);
    });

    it('sends a direct message where the network has them, and refuses it otherwise', async () => {
      const recipient = s.dmRecipient
        ? await s.dmRecipient(account)
        : (await s.otherAccount()).externalAccountId;
      const text = uniqueText('Your blue badge is ready to collect.');
      const call = s.adapter.sendDirectMessage(account, {
        idempotencyKey: randomUUID(),
        recipientExternalId: recipient,
        text,
      });
      if (!s.adapter.capabilities.directMessages) {
        expect(await rejection(call)).toBeInstanceOf(Permanent);
        return;
      }
      const sent = await call;
      expect(sent.externalId.length).toBeGreaterThan(0);
      const { network, accountId } = ledgerOf(account);
      const dms = await ledgerEntries(s.sandbox, { network, accountId, kind: 'dm' });
      expect(dms.filter((e) => e.content?.includes(text))).toHaveLength(1);
    });

    it('surfaces a rate-limited call as RateLimited with a reset time in the future', async () => {
      await injectFault(s.sandbox, {
        network: faultNetwork(),
        route: s.publishRoute,
        count: 1,
        action: { kind: 'status', status: 429, resetInSeconds: 120 },
      });
      const text = uniqueText('Flood warning for the river Taff.');
      const error = await rejection(
        s.adapter.publish(account, { idempotencyKey: randomUUID(), parts: [await part(text)] }),
      );
      expect(error).toBeInstanceOf(RateLimited);
      const resetAt = (error as RateLimited).resetAt;
      expect(resetAt.getTime()).toBeGreaterThan(Date.now() + 60_000);
      expect(resetAt.getTime()).toBeLessThan(Date.now() + 24 * 3600_000);
    });

    it('refreshes an expired token (or says it need not), and unknown credentials are AuthExpired', async () => {
      const fresh = await s.connection();
      if (!s.expireAccessToken) {
        expect(await s.adapter.refreshCredentials(fresh)).toBeNull();
      } else {
        await s.expireAccessToken(fresh);
        expect(await rejection(s.adapter.verifyCredentials(fresh))).toBeInstanceOf(AuthExpired);
        const refreshed = await s.adapter.refreshCredentials(fresh);
        expect(refreshed).not.toBeNull();
        const renewed = { ...fresh, credentials: refreshed!.credentials };
        const profile = await s.adapter.verifyCredentials(renewed);
        expect(profile.externalAccountId).toBe(fresh.externalAccountId);
        const text = uniqueText('Back online after a token refresh.');
        const published = await s.adapter.publish(renewed, {
          idempotencyKey: randomUUID(),
          parts: [await part(text)],
        });
        expect(published.externalId.length).toBeGreaterThan(0);
      }
      const unknown = {
        ...fresh,
        credentials: Object.fromEntries(
          Object.entries(fresh.credentials).map(([k, v]) => [k, `${v}-revoked`]),
        ),
      };
      expect(await rejection(s.adapter.verifyCredentials(unknown))).toBeInstanceOf(AuthExpired);
    });

    it('reports commit-then-drop as OutcomeUnknown, and the post exists exactly once', async () => {
      await injectFault(s.sandbox, {
        network: faultNetwork(),
        route: s.publishRoute,
        count: 1,
        action: { kind: 'commit-then-drop' },
      });
      const text = uniqueText('Polling stations open 7am to 10pm today.');
      const error = await rejection(
        s.adapter.publish(account, { idempotencyKey: randomUUID(), parts: [await part(text)] }),
      );
      expect(error).toBeInstanceOf(OutcomeUnknown);
      const { network, accountId } = ledgerOf(account);
      const created = await ledgerEntries(s.sandbox, { network, accountId });
      const matching = created.filter((e) => isPublished(e) && e.content?.includes(text));
      expect(matching).toHaveLength(1);
      // Reading back is how the caller settles it.
      const posts = await s.adapter.readBack(account, { limit: 10 });
      expect(posts.filter((p) => p.text.includes(text))).toHaveLength(1);
    });
  });
}
