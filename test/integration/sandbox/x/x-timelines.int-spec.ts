import { TestSandbox } from '../../../support/sandbox-harness';
import { expectValidXResponses, startXSandbox, xAccount, XTestAccount } from './x-test-kit';

describe('X sandbox: users, timelines, mentions and search with twitter-api-v2', () => {
  let sandbox: TestSandbox;
  let council: XTestAccount;
  let resident: XTestAccount;
  let neighbour: XTestAccount;
  const mentionIds: string[] = [];

  beforeAll(async () => {
    sandbox = await startXSandbox();
    council = await xAccount(sandbox, 'SwanseaCouncil');
    resident = await xAccount(sandbox, 'rhian_swansea');
    neighbour = await xAccount(sandbox, 'dai_neighbour');
    for (let i = 1; i <= 7; i++) {
      const author = i % 2 ? resident : neighbour;
      const { data } = await author.client.v2.tweet(
        `@SwanseaCouncil pothole report number ${i} on Kingsway #potholes`,
      );
      mentionIds.push(data.id);
    }
    await resident.client.v2.tweet('Lovely day on the beach, nothing to report');
  });

  afterEach(() => expectValidXResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('GET /2/users/me answers the token’s user with the fields asked for', async () => {
    const me = await council.client.v2.me({ 'user.fields': ['created_at', 'public_metrics', 'description'] });
    expect(me.data).toMatchObject({ id: council.userId, username: 'SwanseaCouncil', name: 'SwanseaCouncil' });
    expect(me.data.created_at).toMatch(/Z$/);
    expect(me.data.public_metrics?.tweet_count).toBe(0);
  });

  it('pages through mentions with max_results and pagination_token, newest first', async () => {
    const firstPage = await council.client.v2.userMentionTimeline(council.userId, { max_results: 5 });
    expect(firstPage.data.data.map((t) => t.id)).toEqual([...mentionIds].reverse().slice(0, 5));
    expect(firstPage.meta).toMatchObject({
      result_count: 5,
      newest_id: mentionIds[6],
      oldest_id: mentionIds[2],
    });
    expect(firstPage.meta.next_token).toEqual(expect.any(String));

    const secondPage = await firstPage.next();
    expect(secondPage.data.data.map((t) => t.id)).toEqual([mentionIds[1], mentionIds[0]]);
    expect(secondPage.meta.next_token).toBeUndefined();
    expect(secondPage.meta.previous_token).toEqual(expect.any(String));

    // previous_token walks back towards newer posts.
    const back = await council.client.v2.get<{
      data: Array<{ id: string }>;
      meta: { previous_token?: string };
    }>(`users/${council.userId}/mentions`, {
      max_results: 5,
      pagination_token: secondPage.meta.previous_token!,
    });
    expect(back.data.map((t) => t.id)).toEqual([...mentionIds].reverse().slice(0, 5));
    expect(back.meta.previous_token).toBeUndefined();
    const wire = sandbox.responses.filter((r) => r.path === `/x/2/users/${council.userId}/mentions`);
    expect(wire).toHaveLength(3);
  });

  it('honours since_id and until_id, with expansions and tweet.fields', async () => {
    const page = await council.client.v2.userMentionTimeline(council.userId, {
      since_id: mentionIds[1],
      until_id: mentionIds[5],
      expansions: ['author_id', 'referenced_tweets.id', 'entities.mentions.username'],
      'tweet.fields': ['created_at', 'conversation_id', 'author_id', 'entities', 'lang'],
      'user.fields': ['username'],
    });
    expect(page.data.data.map((t) => t.id)).toEqual([mentionIds[4], mentionIds[3], mentionIds[2]]);
    const first = page.data.data[0];
    expect(first).toMatchObject({ author_id: resident.userId, conversation_id: mentionIds[4], lang: 'en' });
    expect(first.entities?.mentions).toEqual([
      { start: 0, end: 15, username: 'SwanseaCouncil', id: council.userId },
    ]);
    expect(first.entities?.hashtags).toEqual([expect.objectContaining({ tag: 'potholes' })]);
    expect(page.includes.users.map((u) => u.username).sort()).toEqual([
      'SwanseaCouncil',
      'dai_neighbour',
      'rhian_swansea',
    ]);
    expect(page.includes.author(first)?.username).toBe('rhian_swansea');
  });

  it('answers an empty page with meta.result_count 0 and no data key at all', async () => {
    await council.client.v2.userMentionTimeline(council.userId, { since_id: mentionIds[6] });
    const wire = sandbox.responses.filter((r) => r.path === `/x/2/users/${council.userId}/mentions`).pop();
    expect(JSON.parse(wire!.body.toString('utf8'))).toEqual({ meta: { result_count: 0 } });
  });

  it('reads back a user’s own posts (GET /2/users/:id/tweets), excluding replies when asked', async () => {
    const { data: root } = await council.client.v2.tweet('Road closures this weekend: see the list.');
    await council.client.v2.reply('The Kingsway pothole is fixed, thank you.', mentionIds[0]);
    const all = await council.client.v2.userTimeline(council.userId, { 'tweet.fields': ['created_at'] });
    expect(all.data.data).toHaveLength(2);
    const noReplies = await council.client.v2.userTimeline(council.userId, { exclude: ['replies'] });
    expect(noReplies.data.data.map((t) => t.id)).toEqual([root.id]);
  });

  it('searches recent posts, paging with next_token', async () => {
    // Seven reports plus the council's reply "The Kingsway pothole is fixed" (from the test above).
    const first = await council.client.v2.search('pothole Kingsway', { max_results: 10 });
    expect(first.data.data).toHaveLength(8);
    const fromResident = await council.client.v2.search('from:rhian_swansea', { max_results: 10 });
    expect(fromResident.data.data).toHaveLength(5);
    const mentions = await council.client.v2.search('@SwanseaCouncil -from:dai_neighbour', {
      max_results: 10,
    });
    expect(mentions.data.data.every((t) => t.text.includes('@SwanseaCouncil'))).toBe(true);

    for (let i = 0; i < 6; i++) await neighbour.client.v2.tweet(`Flooding on Mumbles Road, update ${i}`);
    const page1 = await council.client.v2.search('flooding', { max_results: 10 });
    expect(page1.data.data).toHaveLength(6);
    // Ten per page minimum: push past one page and follow next_token.
    for (let i = 6; i < 14; i++) await neighbour.client.v2.tweet(`Flooding on Mumbles Road, update ${i}`);
    const paged = await council.client.v2.search('flooding', { max_results: 10 });
    expect(paged.data.data).toHaveLength(10);
    const next = await paged.next();
    expect(next.data.data).toHaveLength(4);
    const searchCalls = sandbox.responses.filter((r) => r.path === '/x/2/tweets/search/recent');
    expect(searchCalls[searchCalls.length - 1].url).toContain('next_token=');
  });
});
