import { PostTarget } from '@outside-in/database';
import type { TestChannel } from '../../support/channel-fixtures';
import { daysAhead, ledgerPosts, PostsContext, startPostsContext } from './support/posts-context';

/**
 * Issue 5 through the API: compose, the live check, submit, review (count, own work, edits after approval),
 * schedule with the zone's DST rule, reschedule, cancel, publish now on the sandbox, the post page and the calendar.
 */
describe('posts API: compose, approve, schedule, publish', () => {
  let ctx: PostsContext;
  let x: TestChannel;
  let mastodon: TestChannel;
  const base = () => `/api/orgs/${ctx.orgId}`;

  beforeAll(async () => {
    ctx = await startPostsContext();
    [x, mastodon] = await Promise.all([ctx.channel('x'), ctx.channel('mastodon')]);
  });
  afterAll(() => ctx?.stop());

  const compose = (text: string, channels = [x.channel.id, mastodon.channel.id]) => ({
    title: 'Bin collections',
    text,
    channels: channels.map((channelId) => ({ channelId })),
  });

  async function draft(text = `Bins go out on Tuesday ${Math.random()}`) {
    const res = await ctx.members.editor.post(`${base()}/posts`, compose(text)).expect(201);
    return res.body.post as { id: string; targets: Array<{ id: string; state: string; version: number }> };
  }

  async function states(postId: string): Promise<string[]> {
    const rows = await ctx.db
      .getRepository(PostTarget)
      .find({ where: { postId }, order: { createdAt: 'ASC' } });
    return rows.map((row) => row.state);
  }

  it('counts characters by each network’s rules and says what is wrong in words', async () => {
    const text = 'a'.repeat(312);
    const res = await ctx.members.editor.post(`${base()}/posts/validate`, compose(text)).expect(200);
    expect(res.body.ok).toBe(false);
    const [onX, onMastodon] = res.body.channels;
    expect(onX.parts[0]).toEqual({ characters: 312, maxCharacters: 280, mediaCount: 0 });
    expect(onX.problems).toEqual([
      'X says this post is too long: 312 of 280 characters. Shorten it or split it into a thread.',
    ]);
    expect(onMastodon).toMatchObject({ ok: true, parts: [{ characters: 312, maxCharacters: 500 }] });
    // X counts a link as 23 characters whatever its length.
    const link = await ctx.members.editor
      .post(
        `${base()}/posts/validate`,
        compose(`See https://example.gov.uk/${'a'.repeat(100)}`, [x.channel.id]),
      )
      .expect(200);
    expect(link.body.channels[0].parts[0].characters).toBe(27);
  });

  it('refuses an unknown channel, another organisation’s channel and a disconnected one, naming it', async () => {
    const unknown = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    const res = await ctx.members.editor.post(`${base()}/posts`, compose('Hello', [unknown])).expect(400);
    expect(res.body.message).toBe(
      `This organisation has no channel with the id ${unknown}: choose one of its channels.`,
    );

    const theirs = await ctx.outsider.post(
      `/api/orgs/${ctx.outsider.orgId}/posts`,
      compose('Hello', [x.channel.id]),
    );
    expect(theirs.status).toBe(400);
    expect(theirs.body.message).toContain(x.channel.id);

    const off = await ctx.channel('mastodon');
    await ctx.db.query(`UPDATE channel SET status = 'needs_reconnect' WHERE id = $1`, [off.channel.id]);
    const refused = await ctx.members.editor
      .post(`${base()}/posts`, compose('Hello', [off.channel.id]))
      .expect(400);
    expect(refused.body.message).toBe(
      `The Mastodon ${off.channel.handle} channel needs reconnecting before anything can be published on it: reconnect it under Channels.`,
    );
  });

  it('saves a draft that is too long, but refuses to submit it until it fits', async () => {
    const post = await draft('b'.repeat(300));
    const res = await ctx.members.editor.post(`${base()}/posts/${post.id}/submit`, {}).expect(400);
    expect(res.body.message).toBe(
      'X says this post is too long: 300 of 280 characters. Shorten it or split it into a thread.',
    );
    expect(await states(post.id)).toEqual(['draft', 'draft']);
    // A thread on X fits.
    await ctx.members.editor
      .put(`${base()}/posts/${post.id}`, {
        text: 'b'.repeat(300),
        channels: [
          { channelId: x.channel.id, parts: [{ text: 'b'.repeat(200) }, { text: 'b'.repeat(100) }] },
          { channelId: mastodon.channel.id },
        ],
      })
      .expect(200);
    await ctx.members.editor.post(`${base()}/posts/${post.id}/submit`, {}).expect(200);
    expect(await states(post.id)).toEqual(['in_review', 'in_review']);
  });

  it('refuses a time in the past', async () => {
    const post = await draft();
    const res = await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: '2020-01-06', time: '10:00' } })
      .expect(400);
    expect(res.body.message).toBe(
      'Monday 6 January 2020, 10:00 GMT has already passed. Choose a time in the future, or publish it now.',
    );
    expect(await states(post.id)).toEqual(['draft', 'draft']);
  });

  it('goes draft → in review → approved → scheduled, notifying approvers and then the author', async () => {
    const post = await draft();
    const date = daysAhead(3);
    const submitted = await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date, time: '10:00' } })
      .expect(200);
    expect(submitted.body.outcome).toBe('submitted_for_approval');
    expect(submitted.body.post.state).toBe('in_review');
    expect(submitted.body.schedule.adjustment).toBe('none');

    const inbox = await ctx.members.approver.get(`${base()}/notifications`).expect(200);
    const note = inbox.body.items.find((n: { postId: string }) => n.postId === post.id);
    expect(note).toMatchObject({ kind: 'post.submitted', readAt: null });
    expect(note.message).toContain('asks you to approve “Bin collections”');
    await ctx.members.approver.post(`${base()}/notifications/${note.id}/read`).expect(200);

    const queue = await ctx.members.approver.get(`${base()}/approvals`).expect(200);
    expect(queue.body.items.map((p: { id: string }) => p.id)).toContain(post.id);
    expect((await ctx.members.editor.get(`${base()}/approvals`).expect(200)).body.items).toEqual([]);

    const approved = await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
    expect(approved.body.outcome).toBe('scheduled');
    expect(approved.body.post.state).toBe('scheduled');
    const rows = await ctx.db.getRepository(PostTarget).findBy({ postId: post.id });
    expect(
      rows.every(
        (row) =>
          row.state === 'scheduled' &&
          row.scheduledAt?.getTime() === new Date(submitted.body.schedule.at).getTime(),
      ),
    ).toBe(true);

    const authorInbox = await ctx.members.editor.get(`${base()}/notifications`).expect(200);
    expect(authorInbox.body.items[0]).toMatchObject({ kind: 'post.approved', postId: post.id });

    const from = new Date(Date.now()).toISOString();
    const to = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const calendar = await ctx.members.viewer
      .get(`${base()}/calendar?from=${from}&to=${to}&channelId=${x.channel.id}&state=scheduled`)
      .expect(200);
    const item = calendar.body.items.find((i: { postId: string }) => i.postId === post.id);
    expect(item).toMatchObject({
      state: 'scheduled',
      title: 'Bin collections',
      channel: { network: 'x', networkName: 'X' },
    });
    expect(item.atText).toMatch(/, 10:00 (GMT|BST)$/);
    expect(item.stateText).toBe(`Scheduled for ${item.atText}`);
  });

  it('sends an approved post that is edited back to review, where only new approvals count', async () => {
    const post = await draft();
    await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: daysAhead(4), time: '09:00' } })
      .expect(200);
    await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
    expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);
    const before = await ctx.db.getRepository(PostTarget).findBy({ postId: post.id });

    const edited = await ctx.members.editor
      .put(`${base()}/posts/${post.id}`, compose('Bins go out on Wednesday this week'))
      .expect(200);
    expect(edited.body.outcome).toBe('back_to_review');
    expect(edited.body.post).toMatchObject({
      state: 'in_review',
      reviewRound: 2,
      approval: { approvals: 0 },
    });
    const after = await ctx.db.getRepository(PostTarget).findBy({ postId: post.id });
    for (const target of after) {
      expect(target.version).toBeGreaterThan(before.find((b) => b.id === target.id)!.version);
      expect(target.parts[0].text).toBe('Bins go out on Wednesday this week');
    }

    await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
    expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);
    const page = await ctx.members.viewer.get(`${base()}/posts/${post.id}`).expect(200);
    expect(page.body.reviews.map((r: { round: number; current: boolean }) => [r.round, r.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(page.body.audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining([
        'post.created',
        'post.submitted',
        'post.approved',
        'post.edited',
        'post_target.rescheduled',
      ]),
    );
  });

  it('never lets authors approve their own work, and needs the number of approvals the policy asks for', async () => {
    const mine = (
      await ctx.members.approver.post(`${base()}/posts`, compose('Library opening hours')).expect(201)
    ).body.post;
    await ctx.members.approver.post(`${base()}/posts/${mine.id}/submit`, {}).expect(200);
    const own = await ctx.members.approver.post(`${base()}/posts/${mine.id}/approve`, {}).expect(403);
    expect(own.body.message).toContain('You wrote this post, so someone else must approve it');

    await ctx.owner
      .put(`${base()}/settings/approval-policy`, {
        rolesRequiringApproval: ['editor', 'approver'],
        approvalsRequired: 2,
        approversMayEdit: false,
      })
      .expect(200);
    try {
      const post = await draft();
      await ctx.members.editor.post(`${base()}/posts/${post.id}/submit`, { publishNow: true }).expect(200);
      const first = await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
      expect(first.body.message).toBe('Approved by you. It needs 1 more approval before it can publish.');
      expect(await states(post.id)).toEqual(['in_review', 'in_review']);
      // An admin (who needs no approval) changes it: the approval was of the old words, so it no longer counts.
      const changed = await ctx.members.admin
        .put(`${base()}/posts/${post.id}`, compose('Bins go out on Tuesday, before 7am'))
        .expect(200);
      expect(changed.body.post).toMatchObject({ state: 'in_review', approval: { approvals: 0 } });
      await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
      await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(409);
      const edit = await ctx.approver2
        .post(`${base()}/posts/${post.id}/approve`, { edit: compose('Changed by the approver') })
        .expect(403);
      expect(edit.body.message).toContain('does not let approvers change a post');
      const second = await ctx.approver2.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
      expect(second.body.outcome).toBe('publishing_now');
      expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);
    } finally {
      await ctx.owner
        .put(`${base()}/settings/approval-policy`, {
          rolesRequiringApproval: ['owner', 'admin', 'approver', 'editor'],
          approvalsRequired: 1,
          approversMayEdit: true,
        })
        .expect(200);
    }
  });

  it('lets an approver edit and approve in one step where the policy allows, keeping the difference', async () => {
    const post = await draft('Swimming pool closed for repairs');
    await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: daysAhead(5), time: '12:00' } })
      .expect(200);
    await ctx.members.approver
      .post(`${base()}/posts/${post.id}/approve`, {
        edit: compose('The swimming pool is closed for repairs until Monday'),
      })
      .expect(200);
    const page = await ctx.members.editor.get(`${base()}/posts/${post.id}`).expect(200);
    expect(page.body.state).toBe('scheduled');
    expect(page.body.reviews[0].edit[0]).toMatchObject({
      before: 'Swimming pool closed for repairs',
      after: 'The swimming pool is closed for repairs until Monday',
    });
    expect(page.body.reviews[0].decisionText).toBe('Approved by Test approver, with changes');
  });

  it('requests changes (comment required) and rejects, telling the author', async () => {
    const post = await draft();
    await ctx.members.editor.post(`${base()}/posts/${post.id}/submit`, {}).expect(200);
    const empty = await ctx.members.approver
      .post(`${base()}/posts/${post.id}/request-changes`, {})
      .expect(400);
    expect(empty.body.message).toBe('Write a comment saying what to change.');
    await ctx.members.approver
      .post(`${base()}/posts/${post.id}/request-changes`, { comment: 'Say which streets, please.' })
      .expect(200);
    expect(await states(post.id)).toEqual(['changes_requested', 'changes_requested']);
    const told = await ctx.members.editor.get(`${base()}/notifications`).expect(200);
    expect(told.body.items[0].message).toContain('Say which streets, please.');
    await ctx.members.editor.post(`${base()}/posts/${post.id}/submit`, {}).expect(200);
    await ctx.members.approver
      .post(`${base()}/posts/${post.id}/reject`, { comment: 'Not this week.' })
      .expect(200);
    expect(await states(post.id)).toEqual(['cancelled', 'cancelled']);
    const page = await ctx.members.editor.get(`${base()}/posts/${post.id}`).expect(200);
    expect(page.body.reviews.map((r: { decision: string }) => r.decision)).toEqual([
      'request_changes',
      'reject',
    ]);
  });

  it('reschedules, cancels one channel and publishes the rest now, once, with the link on the post page', async () => {
    const post = await draft(`Road closure on Queen Street ${Date.now()}`);
    await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: daysAhead(6), time: '08:00' } })
      .expect(200);
    await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
    const moved = await ctx.members.editor
      .post(`${base()}/posts/${post.id}/schedule`, { date: daysAhead(7), time: '08:30' })
      .expect(200);
    expect(moved.body.message).toMatch(/^Scheduled for .+, 08:30 (GMT|BST)\.$/);

    const targets = (await ctx.members.editor.get(`${base()}/posts/${post.id}`).expect(200)).body.targets;
    const onX = targets.find((t: { channel: { id: string } }) => t.channel.id === x.channel.id);
    const onMastodon = targets.find((t: { channel: { id: string } }) => t.channel.id === mastodon.channel.id);
    const stale = await ctx.members.editor
      .post(`${base()}/posts/${post.id}/targets/${onMastodon.id}/cancel`, {
        expectedVersion: onMastodon.version - 1,
      })
      .expect(409);
    expect(stale.body.message).toBe('Someone changed this post meanwhile: reload it and try again.');
    await ctx.members.editor
      .post(`${base()}/posts/${post.id}/targets/${onMastodon.id}/cancel`, {
        expectedVersion: onMastodon.version,
      })
      .expect(200);
    await ctx.members.responder.post(`${base()}/posts/${post.id}/publish-now`).expect(403);
    await ctx.members.editor.post(`${base()}/posts/${post.id}/targets/${onX.id}/publish-now`, {}).expect(200);

    const target = await ctx.db.getRepository(PostTarget).findOneByOrFail({ id: onX.id });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'published' });
    expect(await ctx.runner.run(target.id, target.version)).toMatchObject({ kind: 'skipped' });
    expect(await ledgerPosts(ctx.sandbox, 'x', x.account.accountId)).toHaveLength(1);

    const page = await ctx.members.viewer.get(`${base()}/posts/${post.id}`).expect(200);
    expect(page.body.state).toBe('published');
    const published = page.body.targets.find((t: { id: string }) => t.id === onX.id);
    const cancelled = page.body.targets.find((t: { id: string }) => t.id === onMastodon.id);
    expect(published.state).toBe('published');
    expect(published.externalUrl).toMatch(/^http/);
    expect(published.attempts).toEqual([
      expect.objectContaining({ outcome: 'published', outcomeText: 'Published' }),
    ]);
    expect(cancelled.state).toBe('cancelled');
    const after = await ctx.members.editor.post(`${base()}/posts/${post.id}/cancel`).expect(409);
    expect(after.body.message).toBe(
      'There is nothing left to cancel: it has been published or cancelled already.',
    );
  });

  it('keeps posts to their roles and organisation', async () => {
    const post = await draft();
    await ctx.members.viewer.post(`${base()}/posts`, compose('Hello')).expect(403);
    await ctx.members.responder.post(`${base()}/posts`, compose('Hello')).expect(403);
    await ctx.members.viewer.get(`${base()}/posts/${post.id}`).expect(200);
    await ctx.outsider.get(`${base()}/posts/${post.id}`).expect(403);
    await ctx.outsider.get(`/api/orgs/${ctx.outsider.orgId}/posts/${post.id}`).expect(404);
    const list = await ctx.outsider.get(`/api/orgs/${ctx.outsider.orgId}/posts`).expect(200);
    expect(list.body.items).toEqual([]);
    // Editors change only their own posts.
    const others = (await ctx.members.admin.post(`${base()}/posts`, compose('Admin’s post')).expect(201)).body
      .post;
    await ctx.members.editor.put(`${base()}/posts/${others.id}`, compose('Mine now')).expect(403);
    await ctx.members.editor.post(`${base()}/posts/${post.id}/approve`, {}).expect(403);
  });

  async function approvedOnX(text: string) {
    const post = (await ctx.members.editor.post(`${base()}/posts`, compose(text, [x.channel.id])).expect(201))
      .body.post;
    await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: daysAhead(2), time: '11:00' } })
      .expect(200);
    await ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
    const target = await ctx.db.getRepository(PostTarget).findOneByOrFail({ postId: post.id });
    expect(target.state).toBe('scheduled');
    return { postId: post.id as string, target };
  }

  it('retries a failed target and reschedules a missed one', async () => {
    const failing = await approvedOnX(`Failing ${Date.now()}`);
    await ctx.db.query(`UPDATE post_target SET scheduled_at = now() WHERE id = $1`, [failing.target.id]);
    await ctx.db.query(`UPDATE channel SET status = 'needs_reconnect' WHERE id = $1`, [x.channel.id]);
    try {
      expect(await ctx.runner.run(failing.target.id, failing.target.version)).toMatchObject({
        kind: 'failed',
      });
    } finally {
      await ctx.db.query(`UPDATE channel SET status = 'connected' WHERE id = $1`, [x.channel.id]);
    }
    const failed = await ctx.members.viewer.get(`${base()}/posts/${failing.postId}`).expect(200);
    expect(failed.body.targets[0].state).toBe('failed');
    expect(failed.body.targets[0].stateText).toBe(
      `Not published: The X channel ${x.channel.handle} needs reconnecting: reconnect it, then retry this post.`,
    );
    await ctx.members.editor
      .post(`${base()}/posts/${failing.postId}/targets/${failing.target.id}/publish-now`, {})
      .expect(200);
    const retried = await ctx.db.getRepository(PostTarget).findOneByOrFail({ id: failing.target.id });
    expect(await ctx.runner.run(retried.id, retried.version)).toMatchObject({ kind: 'published' });

    const late = await approvedOnX(`Late ${Date.now()}`);
    await ctx.db.query(`UPDATE post_target SET scheduled_at = now() - interval '1 hour' WHERE id = $1`, [
      late.target.id,
    ]);
    expect(await ctx.runner.run(late.target.id, late.target.version)).toMatchObject({ kind: 'missed' });
    const missed = await ctx.members.viewer.get(`${base()}/posts/${late.postId}`).expect(200);
    expect(missed.body.state).toBe('missed');
    expect(missed.body.targets[0].stateText).toMatch(
      /^Missed: It was due at .* UTC but publishing was not running then/,
    );
    await ctx.members.editor
      .post(`${base()}/posts/${late.postId}/schedule`, { date: daysAhead(3), time: '11:00' })
      .expect(200);
    expect((await ctx.db.getRepository(PostTarget).findOneByOrFail({ id: late.target.id })).state).toBe(
      'scheduled',
    );
  });

  it('refuses to cancel, move or change a post while it is being published', async () => {
    const { postId, target } = await approvedOnX(`Publishing ${Date.now()}`);
    await ctx.db.query(`UPDATE post_target SET state = 'publishing' WHERE id = $1`, [target.id]);
    const cancel = await ctx.members.editor.post(`${base()}/posts/${postId}/cancel`).expect(409);
    expect(cancel.body.message).toBe(
      'It is being published right now, so it cannot be cancelled. Once it is out you can delete it on the network.',
    );
    const move = await ctx.members.editor
      .post(`${base()}/posts/${postId}/schedule`, { date: daysAhead(3), time: '11:00' })
      .expect(409);
    expect(move.body.message).toBe(
      'It is being published right now, so it cannot be moved. Once it is out you can delete it on the network.',
    );
    const edit = await ctx.members.editor
      .put(`${base()}/posts/${postId}`, compose('Changed too late', [x.channel.id]))
      .expect(409);
    expect(edit.body.message).toBe(
      'It is being published right now, so it cannot be changed. Try again in a moment.',
    );
  });

  it('lets exactly one of two approvers acting at once release the post', async () => {
    const post = await draft();
    await ctx.members.editor
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: daysAhead(2), time: '15:00' } })
      .expect(200);
    const answers = await Promise.all([
      ctx.members.approver.post(`${base()}/posts/${post.id}/approve`, {}),
      ctx.approver2.post(`${base()}/posts/${post.id}/approve`, {}),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.message).toBe('It is not waiting for approval.');
    const audit = await ctx.db.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'post_target.rescheduled' AND subject_id IN
         (SELECT id::text FROM post_target WHERE post_id = $1)`,
      [post.id],
    );
    expect(audit[0].n).toBe(2);
    expect(await states(post.id)).toEqual(['scheduled', 'scheduled']);
  });
});
