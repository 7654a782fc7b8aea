import { ChannelVault } from '@outside-in/channels';
import { PostTarget } from '@outside-in/database';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp } from '../../support/api-client';
import { createSandboxChannel, TestChannel } from '../../support/channel-fixtures';
import { startSandbox, TestSandbox } from '../../support/sandbox-harness';
import { daysAhead, Member, withPut } from './support/posts-context';

/**
 * Authors never approve their own posts, so under the safe default a new organisation (one owner) could never
 * publish. When nobody else could approve, owners and admins publish directly (audited with that reason);
 * editors' and approvers' posts wait; everyone is told in words. A quiet period still needs approval.
 */
describe('approval when nobody else could approve', () => {
  let api: TestApi;
  let sandbox: TestSandbox;
  let db: DataSource;
  let owner: Member;
  let channel: TestChannel;
  const base = () => `/api/orgs/${owner.orgId}`;

  beforeAll(async () => {
    [api, sandbox] = await Promise.all([startApi(), startSandbox()]);
    db = api.app.get(DataSource);
    owner = withPut(await signUp(api));
    channel = await createSandboxChannel(db, api.app.get(ChannelVault), sandbox, owner.orgId, 'mastodon');
  });
  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  async function draft(author: Member, text: string) {
    const res = await author
      .post(`${base()}/posts`, { text, channels: [{ channelId: channel.channel.id }] })
      .expect(201);
    return res.body.post as { id: string; approval: { required: boolean } };
  }
  const states = async (postId: string) =>
    (await db.getRepository(PostTarget).findBy({ postId })).map((t) => t.state);

  it('lets a sole owner schedule directly, says why, and records the reason in the audit log', async () => {
    const policy = await owner.get(`${base()}/settings/approval-policy`).expect(200);
    expect(policy.body).toMatchObject({
      saved: false,
      rolesRequiringApproval: ['owner', 'admin', 'approver', 'editor'],
      reviewerCount: 1,
      publishDirectly: ['owner', 'admin'],
    });
    expect(policy.body.notice).toBe(
      'Nobody else here can approve posts, and authors never approve their own, so posts by owners and admins go out without approval (each one is recorded in the audit log). To have a second pair of eyes, invite someone as an approver (Settings, Invitations), or change the number of approvals.',
    );

    const post = await draft(owner, 'The leisure centre pool reopens on Saturday.');
    expect(post.approval.required).toBe(false);
    const res = await owner
      .post(`${base()}/posts/${post.id}/submit`, { schedule: { date: daysAhead(2), time: '10:00' } })
      .expect(200);
    expect(res.body.outcome).toBe('scheduled');
    expect(await states(post.id)).toEqual(['scheduled']);
    const [event] = await db.query(
      `SELECT summary FROM audit_event WHERE subject_id = $1 AND action = 'post.approved_without_review'`,
      [post.id],
    );
    expect(event.summary.reason).toBe(
      'nobody else in the organisation can approve a post by an owner (1 can approve, authors never approve their own)',
    );
  });

  it('keeps an editor’s post waiting for the owner, who may approve it', async () => {
    const editor = withPut(await addMember(api, owner.orgId, 'editor'));
    const post = await draft(editor, 'Bins go out on Tuesday this week.');
    expect(post.approval.required).toBe(true);
    await editor.post(`${base()}/posts/${post.id}/submit`, {}).expect(200);
    expect(await states(post.id)).toEqual(['in_review']);
    await owner.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
    expect(await states(post.id)).toEqual(['approved']);
  });

  it('says when posts cannot get the approvals the policy asks for, and owners then publish directly', async () => {
    await owner
      .put(`${base()}/settings/approval-policy`, {
        rolesRequiringApproval: ['owner', 'editor'],
        approvalsRequired: 2,
        approversMayEdit: false,
      })
      .expect(200);
    const policy = await owner.get(`${base()}/settings/approval-policy`).expect(200);
    expect(policy.body.publishDirectly).toEqual(['owner']);
    expect(policy.body.notice).toContain(
      'Posts by editors need 2 approvals but only 1 person can approve them, so they wait.',
    );
  });

  it('asks for approval again once someone else can approve', async () => {
    await owner
      .put(`${base()}/settings/approval-policy`, {
        rolesRequiringApproval: ['owner', 'admin', 'approver', 'editor'],
        approvalsRequired: 1,
        approversMayEdit: false,
      })
      .expect(200);
    const approver = withPut(await addMember(api, owner.orgId, 'approver'));
    const policy = await approver.get(`${base()}/settings/approval-policy`).expect(200);
    expect(policy.body).toMatchObject({ reviewerCount: 2, publishDirectly: [], notice: null });
    const post = await draft(owner, 'Library late opening on Thursday.');
    expect(post.approval.required).toBe(true);
    await owner.post(`${base()}/posts/${post.id}/submit`, {}).expect(200);
    expect(await states(post.id)).toEqual(['in_review']);
    await approver.post(`${base()}/posts/${post.id}/approve`, {}).expect(200);
  });

  it('still needs approval during a quiet period, even for an owner nobody else could approve', async () => {
    const other = withPut(await signUp(api));
    const own = await createSandboxChannel(db, api.app.get(ChannelVault), sandbox, other.orgId, 'mastodon');
    const today = new Date().toISOString().slice(0, 10);
    await other
      .post(`/api/orgs/${other.orgId}/settings/quiet-periods`, {
        name: 'By-election',
        startsOn: daysAhead(-1),
        endsOn: daysAhead(10),
        approverRoles: ['owner'],
      })
      .expect(201);
    const created = await other
      .post(`/api/orgs/${other.orgId}/posts`, {
        text: `Polling stations open at 7am on ${today}.`,
        channels: [{ channelId: own.channel.id }],
      })
      .expect(201);
    const res = await other
      .post(`/api/orgs/${other.orgId}/posts/${created.body.post.id}/submit`, {})
      .expect(200);
    expect(res.body.outcome).toBe('submitted_for_approval');
    expect(res.body.message).toContain('By-election is in force');
  });
});
