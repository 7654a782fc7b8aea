import { SandboxNetworkRegistry } from '../../../../apps/sandbox/src/core/network-registry';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  expectValidMastodonResponses,
  headerOf,
  httpError,
  mastodonAccount,
  MastodonTestAccount,
  startMastodonSandbox,
} from './mastodon-test-kit';

describe('Mastodon sandbox: notifications and conversations (the inbox) through the real masto client', () => {
  let sandbox: TestSandbox;
  let council: MastodonTestAccount;
  let citizen: MastodonTestAccount;

  beforeAll(async () => {
    sandbox = await startMastodonSandbox();
    council = await mastodonAccount(sandbox, 'council');
    citizen = await mastodonAccount(sandbox, 'dafydd');
  });
  afterEach(() => expectValidMastodonResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('lists mentions with types[]=mention and pages them through Link headers to the end', async () => {
    const mentions: string[] = [];
    for (let i = 0; i < 5; i++) {
      mentions.push(
        (
          await citizen.masto.v1.statuses.create({
            status: `@council pothole number ${i} on Heol y Frenhines`,
          })
        ).id,
      );
    }
    // Not a mention of the council: no notification.
    await citizen.masto.v1.statuses.create({ status: 'just talking to myself' });
    expectValidMastodonResponses(sandbox); // validate and clear what setup produced

    const pages: { type: string; statusId?: string; from: string; groupKey: string }[][] = [];
    for await (const page of council.masto.v1.notifications.list({ types: ['mention'], limit: 2 })) {
      pages.push(
        page.map((n) => ({ type: n.type, statusId: n.status?.id, from: n.account.id, groupKey: n.groupKey })),
      );
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1, 0]);
    const all = pages.flat();
    expect(all.map((n) => n.statusId)).toEqual([...mentions].reverse());
    expect(
      all.every(
        (n) => n.type === 'mention' && n.from === citizen.accountId && n.groupKey.startsWith('ungrouped-'),
      ),
    ).toBe(true);

    const wire = sandbox.responses.filter((r) => r.path === '/api/v1/notifications');
    expect(wire[0].url).toContain('types[]=mention');
    const link = headerOf(wire[0], 'link') ?? '';
    expect(link).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/api\/v1\/notifications\?[^>]*types\[\]=mention[^>]*max_id=\d+[^>]*>; rel="next", <[^>]*min_id=\d+[^>]*>; rel="prev"$/,
    );
    expect(headerOf(wire[wire.length - 1], 'link')).toBeUndefined();
  });

  it('honours since_id, max_id and min_id', async () => {
    const all = await council.masto.v1.notifications.list({ types: ['mention'], limit: 80 });
    const ids = all.map((n) => n.id); // newest first
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const since = await council.masto.v1.notifications.list({ types: ['mention'], sinceId: ids[2] });
    expect(since.map((n) => n.id)).toEqual(ids.slice(0, 2));
    const max = await council.masto.v1.notifications.list({ types: ['mention'], maxId: ids[2], limit: 2 });
    expect(max.map((n) => n.id)).toEqual(ids.slice(3, 5));
    const min = await council.masto.v1.notifications.list({ types: ['mention'], minId: ids[4], limit: 2 });
    expect(min.map((n) => n.id)).toEqual(ids.slice(2, 4));
    const other = await council.masto.v1.notifications.list({ types: ['favourite'] });
    expect(other).toEqual([]);
    const excluded = await council.masto.v1.notifications.list({ excludeTypes: ['mention'] });
    expect(excluded).toEqual([]);
  });

  it('drops the notification of a deleted mention', async () => {
    const status = await citizen.masto.v1.statuses.create({ status: '@council oops, wrong account' });
    const before = await council.masto.v1.notifications.list({ types: ['mention'], limit: 1 });
    expect(before[0].status?.id).toBe(status.id);
    await citizen.masto.v1.statuses.$select(status.id).remove();
    const after = await council.masto.v1.notifications.list({ types: ['mention'], limit: 80 });
    expect(after.some((n) => n.status?.id === status.id)).toBe(false);
  });

  it('shows direct messages as conversations, updated by the reply', async () => {
    const dm = await citizen.masto.v1.statuses.create({
      status: '@council my neighbour needs help urgently',
      visibility: 'direct',
    });
    const [conversation] = await council.masto.v1.conversations.list();
    expect(conversation.unread).toBe(true);
    expect(conversation.accounts.map((a) => a.id)).toEqual([citizen.accountId]);
    expect(conversation.lastStatus?.id).toBe(dm.id);
    expect(conversation.lastStatus?.visibility).toBe('direct');

    const reply = await council.masto.v1.statuses.create({
      status: '@dafydd please call 999 if anyone is in danger.',
      visibility: 'direct',
      inReplyToId: dm.id,
    });
    const mine = await council.masto.v1.conversations.list();
    expect(mine).toHaveLength(1);
    expect(mine[0].id).toBe(conversation.id);
    expect(mine[0].lastStatus?.id).toBe(reply.id);
    expect(mine[0].unread).toBe(false);

    const theirs = await citizen.masto.v1.conversations.list();
    expect(theirs[0]).toMatchObject({ id: conversation.id, unread: true });
    expect(theirs[0].accounts.map((a) => a.id)).toEqual([council.accountId]);
    const read = await citizen.masto.v1.conversations.$select(conversation.id).read();
    expect(read).toMatchObject({ id: conversation.id, unread: false });
    expect((await citizen.masto.v1.conversations.list())[0].unread).toBe(false);

    // Someone not in the conversation cannot read the direct status.
    const outsider = await mastodonAccount(sandbox, 'outsider');
    expect(await outsider.masto.v1.conversations.list()).toEqual([]);
    const notTheirs = await httpError(outsider.masto.v1.conversations.$select(conversation.id).read());
    expect(notTheirs.statusCode).toBe(404);
  });

  it('pages conversations with Link headers', async () => {
    const author = await mastodonAccount(sandbox, 'manydms');
    for (let i = 0; i < 3; i++)
      await author.masto.v1.statuses.create({ status: `@council message ${i}`, visibility: 'direct' });
    const pages: number[] = [];
    for await (const page of council.masto.v1.conversations.list({ limit: 2 })) pages.push(page.length);
    expect(pages).toEqual([2, 2, 0]);
  });

  it('lets the crowd reply, mention and message as citizens with their own accounts', async () => {
    const crowd = sandbox.app.get(SandboxNetworkRegistry).get('mastodon')?.crowd;
    if (!crowd) throw new Error('The Mastodon network did not register a crowd target');
    const post = await council.masto.v1.statuses.create({
      status: 'Consultation on the new library opens today',
    });
    const recent = await crowd.recentPosts(council.accountId, 5);
    expect(recent[0]).toMatchObject({ postId: post.id, text: 'Consultation on the new library opens today' });

    const citizenOne = { key: 'nia_w', handle: 'nia_w', displayName: 'Nia W', language: 'cy' as const };
    const reply = await crowd.reply(council.accountId, post.id, citizenOne, 'Diolch, edrych ymlaen!');
    const mention = await crowd.mention(council.accountId, citizenOne, 'is the library step-free?');
    const dm = await crowd.directMessage(council.accountId, citizenOne, 'I need help with my council tax');

    const notifications = await council.masto.v1.notifications.list({ types: ['mention'], limit: 3 });
    expect(notifications.map((n) => n.status?.id)).toEqual([dm.objectId, mention.objectId, reply.objectId]);
    expect(notifications[2].status).toMatchObject({ inReplyToId: post.id, language: 'cy' });
    expect(notifications[0].account).toMatchObject({ username: 'nia_w', displayName: 'Nia W' });
    const conversations = await council.masto.v1.conversations.list({ limit: 1 });
    expect(conversations[0].lastStatus?.id).toBe(dm.objectId);

    // The same citizen keeps one account.
    const again = await crowd.mention(council.accountId, citizenOne, 'hello again');
    const latest = await council.masto.v1.notifications.list({ types: ['mention'], limit: 1 });
    expect(latest[0].status?.id).toBe(again.objectId);
    expect(latest[0].account.id).toBe(notifications[0].account.id);
  });

  it('delivers a burst in batches: 2,000 crowd items in a few seconds, all visible through the API', async () => {
    const crowd = sandbox.app.get(SandboxNetworkRegistry).get('mastodon')?.crowd;
    if (!crowd?.deliverBatch) throw new Error('The Mastodon crowd target has no deliverBatch');
    const busy = await mastodonAccount(sandbox, 'busy');
    const post = await busy.masto.v1.statuses.create({ status: 'Have your say on the budget' });
    const citizens = Array.from({ length: 50 }, (_, i) => ({
      key: `burst_${i}`,
      handle: `burst_${i}`,
      displayName: `Citizen ${i}`,
      language: i % 3 === 0 ? ('cy' as const) : ('en' as const),
    }));
    const items = Array.from({ length: 2000 }, (_, i) => {
      const citizen = citizens[i % citizens.length];
      const text = `message ${i}`;
      return i % 3 === 0
        ? { kind: 'reply' as const, postId: post.id, citizen, text }
        : i % 3 === 1
          ? { kind: 'mention' as const, citizen, text }
          : { kind: 'dm' as const, citizen, text };
    });
    const started = Date.now();
    const refs = [
      ...(await crowd.deliverBatch(busy.accountId, items.slice(0, 1000))),
      ...(await crowd.deliverBatch(busy.accountId, items.slice(1000))),
    ];
    // Burst mode's pace is 10,000 a minute: 2,000 must take well under 12 s.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(12_000);
    expect(refs).toHaveLength(2000);
    expect(new Set(refs.map((ref) => ref.objectId)).size).toBe(2000);

    let notifications = 0;
    for await (const page of busy.masto.v1.notifications.list({ types: ['mention'], limit: 80 }))
      notifications += page.length;
    expect(notifications).toBe(2000);
    const parent = await busy.masto.v1.statuses.$select(post.id).fetch();
    expect(parent.repliesCount).toBe(667);
    const conversations = await busy.masto.v1.conversations.list({ limit: 40 });
    expect(conversations).toHaveLength(40);
    expect(conversations[0].lastStatus?.id).toBe(refs[1997].objectId); // the last item with i % 3 === 2
  });

  it('requires a user token for notifications', async () => {
    const res = await fetch(`${sandbox.url}/api/v1/notifications`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'The access token is invalid' });
  });
});
