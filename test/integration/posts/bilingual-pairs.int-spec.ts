import { PostTarget } from '@outside-in/database';
import type { TestChannel } from '../../support/channel-fixtures';
import { clearFaults, injectFault, ledgerEntries } from '../platforms/support/sandbox-controls';
import { daysAhead, PostsContext, startPostsContext } from './support/posts-context';

/**
 * Bilingual paired publishing (issue 7, item 1): two halves in two languages, on one channel or across a Welsh
 * and an English account, approved as one post and published together, the organisation's first language
 * first. The publishing engine runs for real against the sandbox (the runner is called as the publish job would
 * call it), and the sandbox's ledger shows what really went out.
 */
describe('bilingual pairs', () => {
  let ctx: PostsContext;
  let x: TestChannel;
  let mastodon: TestChannel;
  const base = () => `/api/orgs/${ctx.orgId}`;

  beforeAll(async () => {
    ctx = await startPostsContext();
    [x, mastodon] = await Promise.all([ctx.channel('x'), ctx.channel('mastodon')]);
    // Editors need one approval; the organisation publishes Welsh first.
    await ctx.owner
      .put(`${base()}/settings/approval-policy`, {
        rolesRequiringApproval: ['editor'],
        approvalsRequired: 1,
        approversMayEdit: false,
      })
      .expect(200);
    await ctx.owner
      .put(`${base()}/settings/bilingual`, { firstLanguage: 'cy', defaultPair: ['cy', 'en'] })
      .expect(200);
  });
  afterAll(() => ctx?.stop());

  const targetsOf = async (postId: string) => {
    const rows = await ctx.db.getRepository(PostTarget).findBy({ postId });
    return {
      cy: rows.filter((t) => t.language === 'cy'),
      en: rows.filter((t) => t.language === 'en'),
      all: rows,
    };
  };
  const reload = (id: string) => ctx.db.getRepository(PostTarget).findOneByOrFail({ id });
  const run = async (id: string) => {
    const target = await reload(id);
    return ctx.runner.run(target.id, target.version);
  };
  const posts = async (channel: TestChannel) =>
    (
      await ledgerEntries(ctx.sandbox, {
        network: channel.channel.network,
        accountId: channel.account.accountId,
        kind: 'post',
      })
    ).map((entry) => entry.content ?? '');

  /** An editor's pair, submitted; approved by the approver (publish now), so both halves wait to publish. */
  async function approvedPair(channels: object[], cy: string, en: string): Promise<string> {
    const created = await ctx.members.editor
      .post(`${base()}/posts`, {
        text: '',
        // Given English first: the organisation's setting still publishes Welsh first.
        pair: [
          { language: 'en', text: en },
          { language: 'cy', text: cy },
        ],
        channels,
      })
      .expect(201);
    const postId = created.body.post.id;
    await ctx.members.editor.post(`${base()}/posts/${postId}/submit`, { publishNow: true }).expect(200);
    await ctx.members.approver.post(`${base()}/posts/${postId}/approve`, {}).expect(200);
    return postId;
  }

  describe('bad input', () => {
    it('refuses an unknown language, a pair of one language, a channel language outside the pair', async () => {
      const unknown = await ctx.members.editor
        .post(`${base()}/posts`, {
          text: '',
          pair: [
            { language: 'cy', text: 'Bore da' },
            { language: 'xx', text: 'Good morning' },
          ],
          channels: [{ channelId: x.channel.id }],
        })
        .expect(400);
      expect(unknown.body.message).toBe(
        '“xx” is not a language we can pair. Use a code such as cy (Welsh), en (English), gd (Scottish Gaelic), ga (Irish), kw (Cornish), gv (Manx).',
      );
      expect(unknown.body.details).toEqual([
        { field: 'pair[1].language', problem: 'is not a known language code' },
      ]);

      const same = await ctx.members.editor
        .post(`${base()}/posts`, {
          text: '',
          pair: [
            { language: 'cy', text: 'Bore da' },
            { language: 'cy', text: 'Prynhawn da' },
          ],
          channels: [{ channelId: x.channel.id }],
        })
        .expect(400);
      expect(same.body.message).toBe('Both halves are in Welsh: choose two different languages.');

      const one = await ctx.members.editor
        .post(`${base()}/posts`, {
          text: '',
          pair: [{ language: 'cy', text: 'Bore da' }],
          channels: [{ channelId: x.channel.id }],
        })
        .expect(400);
      expect(one.body.message).toBe(
        'A bilingual post has exactly two halves, one for each language; this has 1.',
      );

      const outside = await ctx.members.editor
        .post(`${base()}/posts`, {
          text: '',
          pair: [
            { language: 'cy', text: 'Bore da' },
            { language: 'en', text: 'Good morning' },
          ],
          channels: [{ channelId: x.channel.id, language: 'gd' }],
        })
        .expect(400);
      expect(outside.body.message).toBe(
        'This post pairs Welsh and English, so a channel’s language must be cy or en.',
      );

      const notPaired = await ctx.members.editor
        .post(`${base()}/posts`, { text: 'Hello', channels: [{ channelId: x.channel.id, language: 'cy' }] })
        .expect(400);
      expect(notPaired.body.message).toMatch(/^A channel’s language is for bilingual posts/);
    });

    it('saves a pair with one empty half as a draft (it may wait for its translation) but refuses to submit it', async () => {
      const created = await ctx.members.editor
        .post(`${base()}/posts`, {
          text: '',
          pair: [
            { language: 'cy', text: '' },
            { language: 'en', text: 'The library opens late on Thursday.' },
          ],
          channels: [{ channelId: x.channel.id }],
        })
        .expect(201);
      const check = await ctx.members.editor
        .post(`${base()}/posts/validate`, {
          text: '',
          pair: [
            { language: 'cy', text: '' },
            { language: 'en', text: 'The library opens late on Thursday.' },
          ],
          channels: [{ channelId: x.channel.id }],
        })
        .expect(200);
      expect(check.body.ok).toBe(false);
      expect(check.body.channels.map((c: { language: string; ok: boolean }) => [c.language, c.ok])).toEqual([
        ['cy', false],
        ['en', true],
      ]);
      const refused = await ctx.members.editor
        .post(`${base()}/posts/${created.body.post.id}/submit`, { publishNow: true })
        .expect(400);
      expect(refused.body.message).toBe(
        `Write the Welsh half for X ${x.channel.handle}: a bilingual post needs both languages before it can go for approval or be scheduled.`,
      );
      expect((await targetsOf(created.body.post.id)).all.map((t) => t.state)).toEqual(['draft', 'draft']);
    });
  });

  it('orders the pair by the organisation’s first language, approves it as one post, and publishes Welsh then English on one channel', async () => {
    const postId = await approvedPair(
      [{ channelId: x.channel.id }],
      'Mae’r llyfrgell ar agor yn hwyr ddydd Iau.',
      'The library is open late on Thursday.',
    );
    const page = await ctx.members.viewer.get(`${base()}/posts/${postId}`).expect(200);
    expect(page.body.pair).toMatchObject({
      name: 'Welsh and English',
      halves: [
        { language: 'cy', languageName: 'Welsh' },
        { language: 'en', languageName: 'English' },
      ],
    });
    // One review for both halves: the one approval released both.
    expect(page.body.reviews).toHaveLength(1);
    const { cy, en } = await targetsOf(postId);
    expect([cy.length, en.length]).toEqual([1, 1]);
    expect([cy[0].state, en[0].state]).toEqual(['scheduled', 'scheduled']);

    // The English half's job runs first: it waits, and nothing goes out.
    expect(await run(en[0].id)).toMatchObject({
      kind: 'deferred',
      reason: `Waiting for the Welsh half to be published first, on X ${x.channel.handle}`,
    });
    expect(await posts(x)).toEqual([]);
    const waiting = await ctx.members.viewer.get(`${base()}/posts/${postId}`).expect(200);
    expect(waiting.body.targets.find((t: { language: string }) => t.language === 'en').stateText).toBe(
      `Waiting for the Welsh half to be published first, on X ${x.channel.handle}`,
    );

    expect(await run(cy[0].id)).toMatchObject({ kind: 'published' });
    // Publishing the Welsh half made the English one due at once.
    const released = await reload(en[0].id);
    expect(released.heldReason).toBeNull();
    expect(released.notBefore!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await run(en[0].id)).toMatchObject({ kind: 'published' });
    expect(await posts(x)).toEqual([
      'Mae’r llyfrgell ar agor yn hwyr ddydd Iau.',
      'The library is open late on Thursday.',
    ]);
  });

  it('holds and flags the English account’s half when the Welsh account’s half fails, and releases it on retry', async () => {
    const welsh = await ctx.channel('mastodon');
    const postId = await approvedPair(
      [
        { channelId: welsh.channel.id, language: 'cy' },
        { channelId: x.channel.id, language: 'en' },
      ],
      'Casgliadau biniau yn newid yr wythnos nesaf.',
      'Bin collections change next week.',
    );
    const { cy, en } = await targetsOf(postId);
    expect([cy[0].channelId, en[0].channelId]).toEqual([welsh.channel.id, x.channel.id]);
    const xBefore = await posts(x);
    // The Welsh account's access is withdrawn: its half fails for good (until someone reconnects it).
    await injectFault(ctx.sandbox, {
      network: 'mastodon',
      route: 'POST .*/api/v1/statuses$',
      accountId: welsh.account.accountId,
      count: 2,
      action: { kind: 'status', status: 401 },
    });
    expect(await run(cy[0].id)).toMatchObject({ kind: 'failed' });
    await clearFaults(ctx.sandbox, 'mastodon');

    const held = await reload(en[0].id);
    expect(held.state).toBe('scheduled');
    expect(held.heldReason).toMatch(
      new RegExp(
        `^Held because the Welsh half failed on Mastodon ${welsh.channel.handle}: .+\\. Retry the Welsh half and this one follows it$`,
      ),
    );
    expect(await run(en[0].id)).toMatchObject({ kind: 'deferred', reason: held.heldReason });
    expect(await posts(x)).toEqual(xBefore);
    expect(await posts(welsh)).toEqual([]);

    // Flagged: the author and the approvers are told, once.
    for (const member of [ctx.members.editor, ctx.members.approver, ctx.owner]) {
      const told = (await member.get(`${base()}/notifications`).expect(200)).body.items.filter(
        (n: { kind: string; postId: string }) => n.kind === 'post.pair_held' && n.postId === postId,
      );
      expect(told).toHaveLength(1);
      expect(told[0].message).toContain('Held because the Welsh half failed on Mastodon');
    }
    const page = await ctx.members.viewer.get(`${base()}/posts/${postId}`).expect(200);
    const english = page.body.targets.find((t: { language: string }) => t.language === 'en');
    expect(english.heldReason).toBe(held.heldReason);
    expect(english.stateText).toBe(held.heldReason);
    expect(page.body.audit.map((a: { action: string }) => a.action)).toContain('post_target.pair_held');

    // Someone reconnects the Welsh account and retries its half: it goes out, then the English half.
    await ctx.db.query(`UPDATE channel SET status = 'connected' WHERE id = $1`, [welsh.channel.id]);
    await ctx.members.editor
      .post(`${base()}/posts/${postId}/targets/${cy[0].id}/publish-now`, {})
      .expect(200);
    // The retry is the pair's: the held English half no longer says why it was held, and follows at once.
    const following = await reload(en[0].id);
    expect([following.heldReason, following.publishNow]).toEqual([null, true]);
    expect(await run(cy[0].id)).toMatchObject({ kind: 'published' });
    expect((await reload(en[0].id)).heldReason).toBeNull();
    expect(await run(en[0].id)).toMatchObject({ kind: 'published' });
    expect(await posts(welsh)).toEqual(['Casgliadau biniau yn newid yr wythnos nesaf.']);
    expect(await posts(x)).toEqual([...xBefore, 'Bin collections change next week.']);
  });

  it('publishes each half exactly once and never the English half first, when several workers run both at once', async () => {
    const postId = await approvedPair(
      [{ channelId: mastodon.channel.id }],
      'Mae’r ffordd ar gau am bythefnos.',
      'The road is closed for two weeks.',
    );
    const { cy, en } = await targetsOf(postId);
    const before = await posts(mastodon);
    const outcomes = await Promise.all([
      run(en[0].id),
      run(cy[0].id),
      run(en[0].id),
      run(cy[0].id),
      run(en[0].id),
    ]);
    expect(outcomes.filter((o) => o.kind === 'published').length).toBeLessThanOrEqual(2);
    // Whatever the interleaving, the English half is never out while the Welsh half is not.
    const during = (await posts(mastodon)).slice(before.length);
    expect(during[0] ?? 'Mae’r ffordd ar gau am bythefnos.').toBe('Mae’r ffordd ar gau am bythefnos.');
    // The jobs that waited run again as their retries would.
    for (const id of [cy[0].id, en[0].id]) {
      const row = await reload(id);
      if (row.state === 'published') continue;
      expect(
        await ctx.runner.run(
          row.id,
          row.version,
          new Date(Math.max(Date.now(), row.notBefore?.getTime() ?? 0) + 1000),
        ),
      ).toMatchObject({ kind: 'published' });
    }
    expect((await posts(mastodon)).slice(before.length)).toEqual([
      'Mae’r ffordd ar gau am bythefnos.',
      'The road is closed for two weeks.',
    ]);
  });

  it('flags an English half that fails after the Welsh half went out, so someone retries it', async () => {
    const english = await ctx.channel('x');
    const postId = await approvedPair(
      [
        { channelId: mastodon.channel.id, language: 'cy' },
        { channelId: english.channel.id, language: 'en' },
      ],
      'Mae’r ganolfan hamdden ar agor eto.',
      'The leisure centre is open again.',
    );
    const { cy, en } = await targetsOf(postId);
    expect(await run(cy[0].id)).toMatchObject({ kind: 'published' });
    await injectFault(ctx.sandbox, {
      network: 'x',
      route: '^POST /x/2/tweets$',
      accountId: english.account.accountId,
      count: 2,
      action: { kind: 'status', status: 401 },
    });
    expect(await run(en[0].id)).toMatchObject({ kind: 'failed' });
    await clearFaults(ctx.sandbox, 'x');
    const told = (await ctx.members.editor.get(`${base()}/notifications`).expect(200)).body.items.filter(
      (n: { kind: string; postId: string }) => n.kind === 'post.pair_held' && n.postId === postId,
    );
    expect(told.map((n: { message: string }) => n.message)).toEqual([
      '“Mae’r ganolfan hamdden ar agor eto.”: The English half failed after the Welsh half went out: retry it so both languages are published.',
    ]);
  });

  it('does not start the Welsh half while the English half’s channel needs reconnecting', async () => {
    const english = await ctx.channel('x');
    const postId = await approvedPair(
      [
        { channelId: mastodon.channel.id, language: 'cy' },
        { channelId: english.channel.id, language: 'en' },
      ],
      'Mae’r pwll nofio ar gau heddiw.',
      'The swimming pool is closed today.',
    );
    await ctx.db.query(`UPDATE channel SET status = 'needs_reconnect' WHERE id = $1`, [english.channel.id]);
    const { cy, en } = await targetsOf(postId);
    const before = (await posts(mastodon)).length;
    expect(await run(cy[0].id)).toMatchObject({
      kind: 'deferred',
      reason: `Held because the English half cannot go out: the X ${english.channel.handle} channel needs reconnecting: reconnect it and both halves go out`,
    });
    expect(await posts(mastodon)).toHaveLength(before);
    expect(await posts(english)).toEqual([]);
    await ctx.db.query(`UPDATE channel SET status = 'connected' WHERE id = $1`, [english.channel.id]);
    // The held half is looked at again a minute later (holdRecheckMs): run it as that job would.
    const later = await reload(cy[0].id);
    expect(later.notBefore!.getTime()).toBeGreaterThan(Date.now());
    expect(
      await ctx.runner.run(later.id, later.version, new Date(later.notBefore!.getTime() + 1000)),
    ).toMatchObject({
      kind: 'published',
    });
    expect(await run(en[0].id)).toMatchObject({ kind: 'published' });
    expect(await posts(english)).toEqual(['The swimming pool is closed today.']);
  });

  it('sends both halves back to review when an approved pair is edited, and keeps the pair whole', async () => {
    const created = await ctx.members.editor
      .post(`${base()}/posts`, {
        text: '',
        pair: [
          { language: 'cy', text: 'Diwrnod agored yn y ganolfan.' },
          { language: 'en', text: 'Open day at the centre.' },
        ],
        channels: [{ channelId: x.channel.id }],
      })
      .expect(201);
    const postId = created.body.post.id;
    await ctx.members.editor
      .post(`${base()}/posts/${postId}/submit`, { schedule: { date: daysAhead(3), time: '10:00' } })
      .expect(200);
    await ctx.members.approver.post(`${base()}/posts/${postId}/approve`, {}).expect(200);
    expect((await targetsOf(postId)).all.map((t) => t.state)).toEqual(['scheduled', 'scheduled']);

    const edited = await ctx.members.editor
      .put(`${base()}/posts/${postId}`, {
        text: '',
        pair: [
          { language: 'cy', text: 'Diwrnod agored yn y ganolfan ddydd Sadwrn.' },
          { language: 'en', text: 'Open day at the centre.' },
        ],
        channels: [{ channelId: x.channel.id }],
      })
      .expect(200);
    expect(edited.body.outcome).toBe('back_to_review');
    const { cy, en } = await targetsOf(postId);
    expect([cy[0].state, en[0].state]).toEqual(['in_review', 'in_review']);

    // One half cannot be cancelled alone; the calendar shows the pair as one item.
    const cancel = await ctx.members.editor
      .post(`${base()}/posts/${postId}/targets/${en[0].id}/cancel`, {})
      .expect(409);
    expect(cancel.body.message).toBe(
      'This is one half of a Welsh and English pair, and neither half goes out alone: cancel the whole post, or edit it to make it a single-language post.',
    );
    await ctx.members.approver.post(`${base()}/posts/${postId}/approve`, {}).expect(200);
    const from = new Date(Date.now() + 86_400_000).toISOString();
    const to = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const calendar = await ctx.members.viewer
      .get(`${base()}/calendar?${new URLSearchParams({ from, to })}`)
      .expect(200);
    const items = calendar.body.items.filter((i: { postId: string }) => i.postId === postId);
    expect(items).toHaveLength(1);
    expect(
      items[0].halves
        .map((h: { languageName: string; state: string }) => `${h.languageName} ${h.state}`)
        .sort(),
    ).toEqual(['English scheduled', 'Welsh scheduled']);
    await ctx.owner.post(`${base()}/posts/${postId}/cancel`, {}).expect(200);
  });

  it('lets an approver correct one half while approving, and shows that half’s change', async () => {
    const policy = (approversMayEdit: boolean) =>
      ctx.owner
        .put(`${base()}/settings/approval-policy`, {
          rolesRequiringApproval: ['editor'],
          approvalsRequired: 1,
          approversMayEdit,
        })
        .expect(200);
    await policy(true);
    const compose = (cy: string) => ({
      text: '',
      pair: [
        { language: 'cy', text: cy },
        { language: 'en', text: 'Council tax bills go out next week.' },
      ],
      channels: [{ channelId: x.channel.id }],
    });
    const created = await ctx.members.editor
      .post(`${base()}/posts`, compose('Bydd biliau treth y cyngor yn mynd allan wythnos nesa.'))
      .expect(201);
    const postId = created.body.post.id;
    await ctx.members.editor
      .post(`${base()}/posts/${postId}/submit`, { schedule: { date: daysAhead(4), time: '09:30' } })
      .expect(200);
    const dropped = await ctx.members.approver
      .post(`${base()}/posts/${postId}/approve`, {
        edit: { text: 'Council tax bills go out next week.', channels: [{ channelId: x.channel.id }] },
      })
      .expect(400);
    expect(dropped.body.message).toBe(
      'This is a bilingual post: an edit while approving must give both halves in pair. To change more, request changes.',
    );
    const approved = await ctx.members.approver
      .post(`${base()}/posts/${postId}/approve`, {
        edit: compose('Bydd biliau treth y cyngor yn mynd allan yr wythnos nesaf.'),
      })
      .expect(200);
    expect(approved.body.outcome).toBe('scheduled');
    const page = await ctx.members.viewer.get(`${base()}/posts/${postId}`).expect(200);
    expect(page.body.reviews.at(-1).edit).toEqual([
      {
        channelId: x.channel.id,
        before: 'Bydd biliau treth y cyngor yn mynd allan wythnos nesa.',
        after: 'Bydd biliau treth y cyngor yn mynd allan yr wythnos nesaf.',
      },
    ]);
    expect(
      page.body.targets.map((t: { language: string; state: string }) => `${t.language} ${t.state}`),
    ).toEqual(['cy scheduled', 'en scheduled']);
    await policy(false);
    await ctx.owner.post(`${base()}/posts/${postId}/cancel`, {}).expect(200);
  });

  it('lets owners and admins choose the first language, and tells everyone the rule', async () => {
    const view = await ctx.members.viewer.get(`${base()}/settings/bilingual`).expect(200);
    expect(view.body).toMatchObject({
      firstLanguage: 'cy',
      defaultPair: ['cy', 'en'],
      ruleText:
        'Welsh goes first: whenever a bilingual post has a Welsh half, it is published first and the other half straight after it.',
    });
    expect(view.body.languages).toContainEqual({
      code: 'gd',
      name: 'Scottish Gaelic',
      nativeName: 'Gàidhlig',
    });
    await ctx.members.editor
      .put(`${base()}/settings/bilingual`, { firstLanguage: 'en', defaultPair: ['cy', 'en'] })
      .expect(403);
    const bad = await ctx.members.admin
      .put(`${base()}/settings/bilingual`, { firstLanguage: 'welsh', defaultPair: ['cy', 'en'] })
      .expect(400);
    expect(bad.body.message).toMatch(/^“welsh” is not a language we can pair/);
  });
});
