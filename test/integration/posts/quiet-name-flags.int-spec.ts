import type { TestChannel } from '../../support/channel-fixtures';
import { daysAhead, PostsContext, startPostsContext } from './support/posts-context';

/**
 * Issue 7, quiet periods: a post that mentions a name from a period's list of candidates and parties is flagged
 * in words: in the composer's live check, in the approver's queue and on the post page. Periods in force or
 * still to come count; one that is over, or one on other channels, does not. A flag never blocks.
 */
describe('quiet period: names from the list of candidates and parties', () => {
  let ctx: PostsContext;
  let x: TestChannel;
  let mastodon: TestChannel;
  const base = () => `/api/orgs/${ctx.orgId}`;
  const compose = (text: string, channelId = x.channel.id) => ({ text, channels: [{ channelId }] });

  beforeAll(async () => {
    ctx = await startPostsContext();
    [x, mastodon] = await Promise.all([ctx.channel('x'), ctx.channel('mastodon')]);
    await ctx.owner
      .post(`${base()}/settings/quiet-periods`, {
        name: 'Pre-election period',
        startsOn: daysAhead(20),
        endsOn: daysAhead(50),
        approverRoles: ['owner', 'approver'],
        channelIds: [x.channel.id],
        candidateNames: ['Jane Smith', 'Green Valley Party'],
      })
      .expect(201);
    await ctx.owner
      .post(`${base()}/settings/quiet-periods`, {
        name: 'Last year’s election',
        startsOn: daysAhead(-60),
        endsOn: daysAhead(-30),
        approverRoles: ['owner'],
        candidateNames: ['Bob Brown'],
      })
      .expect(201);
  });
  afterAll(() => ctx?.stop());

  it('flags a mention in the composer’s live check, in words, without blocking', async () => {
    const res = await ctx.members.editor
      .post(
        `${base()}/posts/validate`,
        compose('Jane SMITH opened the new play park today, with the green valley party.'),
      )
      .expect(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.quietFlags).toHaveLength(2);
    expect(res.body.quietFlags[0]).toMatch(
      /^Mentions Jane Smith, on the list of candidates and parties for Pre-election period \(\w+day \d+ \w+ to \w+day \d+ \w+ \d{4}\)\. Check the post is not seen to support or oppose them before it goes out\.$/,
    );
    expect(res.body.quietFlags[1]).toContain('Mentions Green Valley Party');
  });

  it('does not flag names of a period that is over, or of a period on other channels', async () => {
    const over = await ctx.members.editor
      .post(`${base()}/posts/validate`, compose('Bob Brown visited the library.'))
      .expect(200);
    expect(over.body.quietFlags).toEqual([]);
    const elsewhere = await ctx.members.editor
      .post(`${base()}/posts/validate`, compose('Jane Smith visited the library.', mastodon.channel.id))
      .expect(200);
    expect(elsewhere.body.quietFlags).toEqual([]);
    const plain = await ctx.members.editor
      .post(`${base()}/posts/validate`, compose('Bins go out on Tuesday.'))
      .expect(200);
    expect(plain.body.quietFlags).toEqual([]);
  });

  it('shows the approver the flag in the queue and on the post page', async () => {
    const created = await ctx.members.editor
      .post(`${base()}/posts`, {
        title: 'Play park',
        text: 'The new play park is open.',
        channels: [{ channelId: x.channel.id, parts: [{ text: 'Jane Smith opened the new play park.' }] }],
      })
      .expect(201);
    const postId = created.body.post.id as string;
    await ctx.members.editor.post(`${base()}/posts/${postId}/submit`, {}).expect(200);

    const queue = await ctx.members.approver.get(`${base()}/approvals`).expect(200);
    const waiting = queue.body.items.find((p: { id: string }) => p.id === postId);
    expect(waiting.quietFlags).toEqual([expect.stringMatching(/^Mentions Jane Smith, on the list/)]);

    const page = await ctx.members.approver.get(`${base()}/posts/${postId}`).expect(200);
    expect(page.body.quietFlags).toEqual(waiting.quietFlags);
  });
});
