import { PostTarget } from '@outside-in/database';
import type { TestChannel } from '../../support/channel-fixtures';
import { daysAhead, ledgerPosts, PostsContext, startPostsContext } from './support/posts-context';

/**
 * Times typed in the organisation's zone across DST gaps and overlaps (London and New York), and the
 * organisation-wide and per-channel pause: a due post is held without calling the network and published once
 * when the pause is lifted, even when it was held past the point a post is normally taken for missed.
 */
describe('posts API: scheduling in zones, and the pause', () => {
  let ctx: PostsContext;
  let x: TestChannel;
  let mastodon: TestChannel;
  const base = () => `/api/orgs/${ctx.orgId}`;

  beforeAll(async () => {
    ctx = await startPostsContext();
    [x, mastodon] = await Promise.all([ctx.channel('x'), ctx.channel('mastodon')]);
    // Owners and admins schedule directly; editors and approvers go through approval.
    await ctx.owner
      .put(`${base()}/settings/approval-policy`, {
        rolesRequiringApproval: ['editor', 'approver'],
        approvalsRequired: 1,
        approversMayEdit: false,
      })
      .expect(200);
  });
  afterAll(() => ctx?.stop());

  async function ownerPost(text: string, channelIds = [x.channel.id]): Promise<string> {
    const res = await ctx.owner
      .post(`${base()}/posts`, { text, channels: channelIds.map((channelId) => ({ channelId })) })
      .expect(201);
    return res.body.post.id;
  }

  async function scheduleAt(zone: string, date: string, time: string) {
    await ctx.db.query(`UPDATE organisation SET time_zone = $2 WHERE id = $1`, [ctx.orgId, zone]);
    const postId = await ownerPost(`DST ${zone} ${date} ${time} ${Math.random()}`);
    const res = await ctx.owner
      .post(`${base()}/posts/${postId}/submit`, { schedule: { date, time } })
      .expect(200);
    expect(res.body.outcome).toBe('scheduled');
    const [target] = await ctx.db.getRepository(PostTarget).findBy({ postId });
    expect(target.state).toBe('scheduled');
    expect(target.scheduledAt?.toISOString()).toBe(res.body.schedule.at);
    return res.body.schedule as {
      at: string;
      written: string;
      adjustment: string;
      adjustmentText: string | null;
    };
  }

  it('schedules directly where the policy allows, and through approval where it does not', async () => {
    const postId = await ownerPost('Direct');
    const direct = await ctx.owner.post(`${base()}/posts/${postId}/submit`, { publishNow: true }).expect(200);
    expect(direct.body.outcome).toBe('publishing_now');
    const editorPost = (
      await ctx.members.editor
        .post(`${base()}/posts`, { text: 'Needs approval', channels: [{ channelId: x.channel.id }] })
        .expect(201)
    ).body.post;
    expect(editorPost.approval.required).toBe(true);
    const ownersView = await ctx.owner.get(`${base()}/posts/${postId}`).expect(200);
    expect(ownersView.body.approval.required).toBe(false);
    const viaReview = await ctx.members.editor
      .post(`${base()}/posts/${editorPost.id}/submit`, {})
      .expect(200);
    expect(viaReview.body.outcome).toBe('submitted_for_approval');
    // Cancel what would otherwise be published by the reconciler of another test.
    await ctx.owner.post(`${base()}/posts/${postId}/cancel`).expect(200);
  });

  it('reads a London time in the spring gap forward and one in the autumn overlap as the earlier', async () => {
    const gap = await scheduleAt('Europe/London', '2027-03-28', '01:30');
    expect(gap).toEqual({
      at: '2027-03-28T01:30:00.000Z',
      timeZone: 'Europe/London',
      written: 'Sunday 28 March 2027, 02:30 BST',
      adjustment: 'gap-moved-forward',
      adjustmentText:
        '01:30 does not exist on Sunday 28 March (the clocks go forward); scheduled for 02:30 BST.',
    });
    const overlap = await scheduleAt('Europe/London', '2027-10-31', '01:30');
    expect(overlap).toMatchObject({
      at: '2027-10-31T00:30:00.000Z',
      written: 'Sunday 31 October 2027, 01:30 BST',
      adjustment: 'overlap-earlier',
      adjustmentText:
        '01:30 happens twice on Sunday 31 October (the clocks go back); scheduled for the first, 01:30 BST.',
    });
    const plain = await scheduleAt('Europe/London', '2027-01-12', '10:00');
    expect(plain).toMatchObject({ at: '2027-01-12T10:00:00.000Z', adjustment: 'none', adjustmentText: null });
  });

  it('applies the same rule in New York', async () => {
    const gap = await scheduleAt('America/New_York', '2027-03-14', '02:30');
    expect(gap).toMatchObject({ at: '2027-03-14T07:30:00.000Z', adjustment: 'gap-moved-forward' });
    expect(gap.adjustmentText).toMatch(
      /^02:30 does not exist on Sunday 14 March \(the clocks go forward\); scheduled for 03:30 /,
    );
    const overlap = await scheduleAt('America/New_York', '2027-11-07', '01:30');
    expect(overlap).toMatchObject({ at: '2027-11-07T05:30:00.000Z', adjustment: 'overlap-earlier' });
    const moved = await ctx.owner
      .post(`${base()}/posts/${await ownerPost('Move me')}/submit`, {
        schedule: { date: '2027-06-01', time: '09:00' },
      })
      .expect(200);
    expect(moved.body.schedule.at).toBe('2027-06-01T13:00:00.000Z');
    await ctx.db.query(`UPDATE organisation SET time_zone = 'Europe/London' WHERE id = $1`, [ctx.orgId]);
  });

  it('holds a due post while the organisation is paused, then publishes it once on resume', async () => {
    await ctx.members.editor.post(`${base()}/publishing/pause`, { reason: 'A crisis' }).expect(403);
    const noReason = await ctx.owner.post(`${base()}/publishing/pause`, {}).expect(400);
    expect(noReason.body.message).toContain('Give a reason for the pause');
    const paused = await ctx.members.admin
      .post(`${base()}/publishing/pause`, { reason: 'A period of national mourning' })
      .expect(200);
    expect(paused.body).toMatchObject({
      organisationPaused: true,
      organisation: { reason: 'A period of national mourning', pausedBy: 'Test admin' },
      banner:
        'Publishing is paused for the whole organisation: A period of national mourning. Nothing will be published until an admin resumes it.',
    });
    await ctx.owner.post(`${base()}/publishing/pause`, { reason: 'Again' }).expect(409);
    expect(
      (await ctx.members.viewer.get(`${base()}/publishing/pause`).expect(200)).body.organisationPaused,
    ).toBe(true);

    const postId = await ownerPost(`Held while paused ${Date.now()}`);
    await ctx.owner.post(`${base()}/posts/${postId}/submit`, { publishNow: true }).expect(200);
    let [target] = await ctx.db.getRepository(PostTarget).findBy({ postId });
    const held = await ctx.runner.run(target.id, target.version);
    expect(held).toMatchObject({
      kind: 'deferred',
      reason: 'publishing is paused: A period of national mourning',
    });
    expect(await ledgerPosts(ctx.sandbox, 'x', x.account.accountId)).toHaveLength(0);
    [target] = await ctx.db.getRepository(PostTarget).findBy({ postId });
    expect(target.state).toBe('scheduled');
    expect(target.notBefore!.getTime()).toBeGreaterThan(Date.now());
    const heldPage = await ctx.members.viewer.get(`${base()}/posts/${postId}`).expect(200);
    expect(heldPage.body.targets[0].stateText).toBe(
      'Held: publishing is paused (A period of national mourning). It goes out when publishing is resumed',
    );

    const resumed = await ctx.owner.post(`${base()}/publishing/resume`, {}).expect(200);
    expect(resumed.body).toMatchObject({ organisationPaused: false, banner: null, resumedTargets: 1 });
    await ctx.owner.post(`${base()}/publishing/resume`, {}).expect(409);
    [target] = await ctx.db.getRepository(PostTarget).findBy({ postId });
    expect(target.notBefore!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'published' });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'skipped' });
    expect(await ledgerPosts(ctx.sandbox, 'x', x.account.accountId)).toHaveLength(1);

    const page = await ctx.members.viewer.get(`${base()}/posts/${postId}`).expect(200);
    expect(page.body.state).toBe('published');
    const audit = await ctx.db.query(
      `SELECT action, summary FROM audit_event WHERE organisation_id = $1 AND action LIKE 'publishing.%' ORDER BY seq`,
      [ctx.orgId],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'publishing.paused',
      'publishing.resumed',
    ]);
    expect(audit[1].summary).toMatchObject({ reason: 'A period of national mourning', releasedTargets: 1 });
  });

  it('holds only the paused channel, and a post held past the missed window still goes out once', async () => {
    await ctx.owner
      .post(`${base()}/publishing/pause`, { reason: 'Account under review', channelId: x.channel.id })
      .expect(200);
    const state = await ctx.members.viewer.get(`${base()}/publishing/pause`).expect(200);
    expect(state.body.organisationPaused).toBe(false);
    expect(state.body.channels).toEqual([
      expect.objectContaining({
        reason: 'Account under review',
        channel: expect.objectContaining({ id: x.channel.id }),
      }),
    ]);
    expect(state.body.banner).toBe(`Publishing is paused on X ${x.channel.handle}: Account under review.`);

    const postId = await ownerPost(`Both channels ${Date.now()}`, [x.channel.id, mastodon.channel.id]);
    await ctx.owner.post(`${base()}/posts/${postId}/submit`, { publishNow: true }).expect(200);
    const targets = await ctx.db.getRepository(PostTarget).findBy({ postId });
    const onX = targets.find((t) => t.channelId === x.channel.id)!;
    const onMastodon = targets.find((t) => t.channelId === mastodon.channel.id)!;
    expect(await ctx.runner.run(onMastodon.id, onMastodon.version)).toMatchObject({ kind: 'published' });
    expect(await ctx.runner.run(onX.id, onX.version)).toMatchObject({
      kind: 'deferred',
      reason: 'publishing on this channel is paused: Account under review',
    });
    // Held for an hour: it was due long ago, but it was held, not missed.
    await ctx.db.query(
      `UPDATE post_target SET publish_now = false, scheduled_at = now() - interval '1 hour' WHERE id = $1`,
      [onX.id],
    );
    const before = (await ledgerPosts(ctx.sandbox, 'x', x.account.accountId)).length;
    await ctx.owner.post(`${base()}/publishing/resume`, { channelId: x.channel.id }).expect(200);
    const again = await ctx.db.getRepository(PostTarget).findOneByOrFail({ id: onX.id });
    expect(await ctx.runner.run(again.id, again.version)).toMatchObject({ kind: 'published' });
    expect(await ledgerPosts(ctx.sandbox, 'x', x.account.accountId)).toHaveLength(before + 1);
    expect(await ledgerPosts(ctx.sandbox, 'mastodon', mastodon.account.accountId)).toHaveLength(1);
  });

  it('needs approval during a quiet period, by the roles it names, even where the policy would not', async () => {
    const period = await ctx.owner
      .post(`${base()}/settings/quiet-periods`, {
        name: 'Pre-election period',
        startsOn: daysAhead(-1),
        endsOn: daysAhead(30),
        approverRoles: ['owner'],
      })
      .expect(201);
    try {
      const post = (
        await ctx.members.admin
          .post(`${base()}/posts`, {
            text: 'Polling stations open at 7am',
            channels: [{ channelId: x.channel.id }],
          })
          .expect(201)
      ).body.post;
      const submitted = await ctx.members.admin
        .post(`${base()}/posts/${post.id}/submit`, { publishNow: true })
        .expect(200);
      expect(submitted.body.outcome).toBe('submitted_for_approval');
      expect(submitted.body.message).toContain('Pre-election period is in force, so an owner must approve');
      const seen = await ctx.members.approver.get(`${base()}/posts/${post.id}`).expect(200);
      expect(seen.body.approval).toMatchObject({
        canReview: false,
        cannotReviewBecause:
          'Pre-election period is in force on these channels, so an owner must approve this post.',
      });
      const refused = await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(403);
      expect(refused.body.message).toBe(
        'Pre-election period is in force on these channels, so an owner must approve this post.',
      );
      const approved = await ctx.owner.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
      expect(approved.body.outcome).toBe('publishing_now');
      await ctx.owner.post(`${base()}/posts/${post.id}/cancel`).expect(200);
    } finally {
      await ctx.owner.del(`${base()}/settings/quiet-periods/${period.body.id}`).expect(204);
    }
  });

  it('refuses to submit while a writing-coach hint the organisation made mandatory is unfixed', async () => {
    await ctx.owner
      .put(`${base()}/settings/coach`, { mandatoryHints: ['camelcase-hashtag'], targetReadingAge: 9 })
      .expect(200);
    try {
      const postId = await ownerPost('Find out more #bankholidayopeningtimes');
      const res = await ctx.owner.post(`${base()}/posts/${postId}/submit`, {}).expect(400);
      expect(res.body.message).toMatch(
        /^Your organisation asks for this to be fixed before anything is published: .*#BankHolidayOpeningTimes/,
      );
      await ctx.owner
        .put(`${base()}/posts/${postId}`, {
          text: 'Find out more #BankHolidayOpeningTimes',
          channels: [{ channelId: x.channel.id }],
        })
        .expect(200);
      await ctx.owner.post(`${base()}/posts/${postId}/submit`, {}).expect(200);
    } finally {
      await ctx.owner
        .put(`${base()}/settings/coach`, { mandatoryHints: [], targetReadingAge: 9 })
        .expect(200);
    }
  });

  it('keeps a scheduled post scheduled when someone who needs no approval changes it, under a new version', async () => {
    const postId = await ownerPost('Leisure centre open on Sunday');
    await ctx.owner
      .post(`${base()}/posts/${postId}/submit`, { schedule: { date: daysAhead(2), time: '10:00' } })
      .expect(200);
    const [before] = await ctx.db.getRepository(PostTarget).findBy({ postId });
    const saved = await ctx.owner
      .put(`${base()}/posts/${postId}`, {
        text: 'Leisure centre open on Sunday, 9am to 5pm',
        channels: [{ channelId: x.channel.id }],
      })
      .expect(200);
    expect(saved.body.outcome).toBe('saved');
    const [after] = await ctx.db.getRepository(PostTarget).findBy({ postId });
    expect(after).toMatchObject({ state: 'scheduled', version: before.version + 1 });
    expect(after.parts[0].text).toBe('Leisure centre open on Sunday, 9am to 5pm');
    // The job queued for the old words finds a stale version and does nothing.
    expect(await ctx.runner.run(before.id, before.version)).toMatchObject({ kind: 'skipped' });
    await ctx.owner.post(`${base()}/posts/${postId}/cancel`).expect(200);
  });
});
