import { randomUUID } from 'node:crypto';
import { TestChannel } from '../../support/channel-fixtures';
import { daysAhead, Member, PostsContext, startPostsContext } from '../posts/support/posts-context';

/**
 * The publishing report (posts published, failed and missed by channel and by week in the organisation's zone)
 * and the navigation's approvals count, against the real API and Postgres.
 */
describe('publishing report and approvals count', () => {
  let ctx: PostsContext;
  let mastodon: TestChannel;
  let bluesky: TestChannel;
  const base = () => `/api/orgs/${ctx.orgId}`;

  beforeAll(async () => {
    ctx = await startPostsContext();
    [mastodon, bluesky] = [await ctx.channel('mastodon'), await ctx.channel('bluesky')];
    // Auckland is 13 hours ahead in March: Sunday 1 March 12:00 UTC is already Monday there.
    await ctx.db.query(`UPDATE organisation SET time_zone = 'Pacific/Auckland' WHERE id = $1`, [ctx.orgId]);
  });
  afterAll(async () => {
    await ctx?.stop();
  });

  /** A draft through the API, then moved to where the engine would have left it. */
  async function target(
    channel: TestChannel,
    state: 'published' | 'failed' | 'missed' | 'scheduled' | 'cancelled',
    at: string,
    attempts = 1,
  ): Promise<void> {
    const res = await ctx.owner
      .post(`${base()}/posts`, {
        text: `Bin day ${randomUUID()}`,
        channels: [{ channelId: channel.channel.id }],
      })
      .expect(201);
    const [{ id }] = await ctx.db.query(`SELECT id FROM post_target WHERE post_id = $1`, [res.body.post.id]);
    await ctx.db.query(
      `UPDATE post_target SET state = $2::text, scheduled_at = $3::timestamptz - interval '1 day',
              published_at = CASE WHEN $2::text = 'published' THEN $3::timestamptz END,
              attempt_count = $4 WHERE id = $1`,
      [id, state, at, state === 'missed' ? 0 : attempts],
    );
    if (state === 'missed') {
      await ctx.db.query(`UPDATE post_target SET scheduled_at = $2 WHERE id = $1`, [id, at]);
      return;
    }
    for (let n = 0; n < attempts; n++) {
      const last = n === attempts - 1;
      await ctx.db.query(
        `INSERT INTO publish_attempt (target_id, target_version, claim_token, started_at, finished_at, outcome, fingerprint)
         VALUES ($1, 1, $2, $3::timestamptz - ($4 || ' hours')::interval, $3::timestamptz - ($4 || ' hours')::interval, $5, $6)`,
        [id, randomUUID(), at, String(attempts - 1 - n), last ? state : 'retry', 'f'.repeat(64)],
      );
    }
  }

  it('counts published, failed and missed by channel and by week, in the organisation’s zone', async () => {
    await target(mastodon, 'published', '2026-03-01T12:00:00Z'); // Monday 2 March in Auckland
    await target(mastodon, 'published', '2026-03-03T09:00:00Z');
    await target(mastodon, 'failed', '2026-03-04T09:00:00Z', 3);
    await target(bluesky, 'missed', '2026-03-10T09:00:00Z');
    await target(bluesky, 'published', '2026-03-11T09:00:00Z', 2);
    await target(bluesky, 'scheduled', '2026-03-12T09:00:00Z', 0); // still on its way: not counted
    await target(bluesky, 'cancelled', '2026-03-12T09:00:00Z', 0); // never went: not counted
    await target(mastodon, 'published', '2026-04-20T09:00:00Z'); // outside the period

    const query = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };
    const byChannel = await ctx.members.viewer.get(`${base()}/reports/publishing`).query(query).expect(200);
    expect(byChannel.body.groupBy).toBe('channel');
    expect(byChannel.body.timeZone).toBe('Pacific/Auckland');
    const rows = byChannel.body.rows as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.key === mastodon.channel.id)).toEqual({
      key: mastodon.channel.id,
      label: `Mastodon @${mastodon.channel.handle}`,
      published: 2,
      failed: 1,
      missed: 0,
      attempts: 5,
    });
    expect(rows.find((r) => r.key === bluesky.channel.id)).toMatchObject({
      label: `Bluesky @${bluesky.channel.handle}`,
      published: 1,
      failed: 0,
      missed: 1,
      attempts: 2,
    });
    expect(rows).toHaveLength(2);

    const byWeek = await ctx.members.responder
      .get(`${base()}/reports/publishing`)
      .query({ ...query, groupBy: 'week' })
      .expect(200);
    expect(byWeek.body.rows).toEqual([
      { key: '2026-03-02', label: 'Week of 2 March 2026', published: 2, failed: 1, missed: 0, attempts: 5 },
      { key: '2026-03-09', label: 'Week of 9 March 2026', published: 1, failed: 0, missed: 1, attempts: 2 },
    ]);
  });

  it('answers a bad period with a 400 that says what to change', async () => {
    const ask = (query: Record<string, string>) =>
      ctx.owner.get(`${base()}/reports/publishing`).query(query).expect(400);
    expect((await ask({ from: '2026-04-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })).body.message).toBe(
      'The report’s start must be before its end. Choose an earlier “from” date.',
    );
    expect((await ask({ from: '2024-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })).body.message).toBe(
      'The report covers at most 366 days. Choose a later “from” date or an earlier “to” date.',
    );
    expect((await ask({ from: 'last week', to: '2026-03-01T00:00:00Z' })).body.message).toContain(
      'from must be an instant like 2026-03-01T00:00:00Z',
    );
    expect(
      (await ask({ from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z', groupBy: 'person' })).body
        .message,
    ).toContain('groupBy must be one of channel, week');
    await ctx.outsider
      .get(`${base()}/reports/publishing`)
      .query({ from: '2026-02-01T00:00:00Z', to: '2026-03-01T00:00:00Z' })
      .expect(403);
  });

  it('counts the posts waiting for my approval: not my own, only for roles that review', async () => {
    const count = async (member: Member) =>
      (await member.get(`${base()}/approvals/count`).expect(200)).body.waiting as number;
    const before = await count(ctx.members.approver);
    const draft = await ctx.members.editor
      .post(`${base()}/posts`, {
        text: 'Library opening hours',
        channels: [{ channelId: mastodon.channel.id }],
      })
      .expect(201);
    const postId = draft.body.post.id as string;
    await ctx.members.editor
      .post(`${base()}/posts/${postId}/submit`, { schedule: { date: daysAhead(3), time: '10:00' } })
      .expect(200);

    expect(await count(ctx.members.approver)).toBe(before + 1);
    expect(await count(ctx.owner)).toBe(before + 1);
    expect(await count(ctx.members.editor)).toBe(0); // the author, and editors do not review
    expect(await count(ctx.members.viewer)).toBe(0);
    const queue = await ctx.members.approver.get(`${base()}/approvals`).expect(200);
    expect(queue.body.items).toHaveLength(before + 1);

    await ctx.members.approver.post(`${base()}/posts/${postId}/approve`, {}).expect(200);
    expect(await count(ctx.members.approver)).toBe(before);
  });
});
