import { XCrowdTarget } from '../../../../apps/sandbox/src/networks/x/x-crowd.target';
import { TestSandbox } from '../../../support/sandbox-harness';
import { expectValidXResponses, ledger, startXSandbox, xAccount, XTestAccount } from './x-test-kit';

async function control(sandbox: TestSandbox, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status >= 300)
    throw new Error(`POST /_sandbox/${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

describe('X sandbox: the crowd of simulated citizens reaches the account as X users would', () => {
  let sandbox: TestSandbox;
  let council: XTestAccount;
  let postId: string;

  beforeAll(async () => {
    sandbox = await startXSandbox();
    council = await xAccount(sandbox, 'ceredigion_cc');
    postId = (await council.client.v2.tweet('Tell us what you think of the new park and ride.')).data.id;
    await control(sandbox, 'crowd', {
      seed: 'x-crowd-test',
      ratePerMinute: 0,
      networks: ['x'],
      accountIds: [council.userId],
    });
    await control(sandbox, 'crowd/burst', { count: 300, wait: true });
  });

  afterEach(() => expectValidXResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('shows replies and mentions in the mentions timeline, written by the citizens’ own accounts', async () => {
    const page = await council.client.v2.userMentionTimeline(council.userId, {
      max_results: 100,
      expansions: ['author_id'],
      'tweet.fields': ['in_reply_to_user_id', 'referenced_tweets', 'conversation_id', 'lang', 'author_id'],
    });
    const tweets = page.data.data;
    expect(tweets.length).toBeGreaterThan(10);
    expect(tweets.every((t) => t.text.startsWith('@ceredigion_cc '))).toBe(true);
    expect(tweets.every((t) => t.author_id !== council.userId)).toBe(true);
    const replies = tweets.filter((t) => t.referenced_tweets?.[0]?.type === 'replied_to');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply).toMatchObject({ in_reply_to_user_id: council.userId, conversation_id: postId });
    }
    expect(new Set(tweets.map((t) => t.lang))).toEqual(new Set(['en', 'cy']));
    expect(page.includes.users.length).toBeGreaterThan(3);
  });

  it('sends direct messages to the account', async () => {
    const events = await council.client.v2.listDmEvents({
      max_results: 50,
      'dm_event.fields': ['sender_id'],
    });
    expect(events.events.length).toBeGreaterThan(5);
    expect(events.events.every((e) => 'sender_id' in e && e.sender_id !== council.userId)).toBe(true);
  });

  it('keeps crowd items out of the ledger (the ledger is what clients created)', async () => {
    const entries = await ledger(sandbox, { accountId: council.userId });
    expect(entries.map((e) => e.objectId)).toEqual([postId]);
  });

  it('creates single items too (the CrowdTarget methods the timer may use one by one)', async () => {
    const crowd = sandbox.app.get(XCrowdTarget);
    const citizen = {
      key: 'megan_cardi01',
      handle: 'megan_cardi01',
      displayName: 'Megan',
      language: 'cy' as const,
    };
    const recent = await crowd.recentPosts(council.userId, 5);
    expect(recent[0]).toMatchObject({ postId, text: 'Tell us what you think of the new park and ride.' });

    const reply = await crowd.reply(council.userId, postId, citizen, 'Mae’n wych, diolch!');
    const mention = await crowd.mention(council.userId, citizen, 'Pryd mae’r llyfrgell ar agor?');
    const dm = await crowd.directMessage(council.userId, citizen, 'Helo, oes modd siarad â rhywun?');
    const lookup = await council.client.v2.tweets([reply.objectId, mention.objectId], {
      'tweet.fields': ['author_id', 'in_reply_to_user_id', 'lang'],
      expansions: ['author_id'],
    });
    expect(lookup.data.map((t) => t.text)).toEqual([
      '@ceredigion_cc Mae’n wych, diolch!',
      '@ceredigion_cc Pryd mae’r llyfrgell ar agor?',
    ]);
    expect(lookup.data[0]).toMatchObject({ in_reply_to_user_id: council.userId, lang: 'cy' });
    expect(lookup.includes?.users?.map((u) => u.username)).toEqual(['megan_cardi01']);
    const events = await council.client.v2.listDmEvents({ max_results: 1 });
    expect(events.events[0]).toMatchObject({ id: dm.objectId, text: 'Helo, oes modd siarad â rhywun?' });
  });
});
