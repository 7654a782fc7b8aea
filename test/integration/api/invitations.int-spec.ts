import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, STRONG_PASSWORD, uniqueEmail } from '../../support/api-client';

describe('invitations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  function tokenOf(link: string): string {
    return link.split('/invitations/')[1];
  }

  it('invites by link; the new colleague creates an account, joins with the role, and is signed in', async () => {
    const owner = await signUp(api);
    const email = uniqueEmail('editor');
    const created = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email, role: 'editor' })
      .expect(201);
    expect(created.body.link).toMatch(new RegExp(`^${api.url}/invitations/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(created.body.link);

    const preview = await request(api.url).get(`/api/invitations/${token}`).expect(200);
    expect(preview.body).toMatchObject({ email, role: 'editor', accountExists: false, signedInAs: null });

    const pending = await owner.get(`/api/orgs/${owner.orgId}/invitations`).expect(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({ email, role: 'editor', invitedBy: 'Olivia Owen' }),
    ]);

    const browser = request.agent(api.url);
    const accepted = await browser
      .post(`/api/invitations/${token}/accept`)
      .send({ name: 'Eddie Morgan', password: STRONG_PASSWORD })
      .expect(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ organisationId: owner.orgId, role: 'editor' }),
    ]);
    await browser.get('/api/auth/session').expect(200);

    const members = await owner.get(`/api/orgs/${owner.orgId}/members`).expect(200);
    expect(members.body.items.map((m: { email: string; role: string }) => [m.email, m.role])).toContainEqual([
      email,
      'editor',
    ]);
    expect((await owner.get(`/api/orgs/${owner.orgId}/invitations`)).body.items).toEqual([]);
  });

  it('is single-use, even when accepted twice at the same moment', async () => {
    const owner = await signUp(api);
    const email = uniqueEmail();
    const { body } = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email, role: 'viewer' })
      .expect(201);
    const token = tokenOf(body.link);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        request(api.url)
          .post(`/api/invitations/${token}/accept`)
          .send({ name: 'Vic', password: STRONG_PASSWORD }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 410 || s === 409)).toBe(true);
    const used = await request(api.url)
      .post(`/api/invitations/${token}/accept`)
      .send({ name: 'Vic', password: STRONG_PASSWORD })
      .expect(410);
    expect(used.body.message).toMatch(/already been used/);
    const users = await api.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [email]);
    expect(users[0].n).toBe(1);
  });

  it('refuses expired, withdrawn and unknown links with a message that says which', async () => {
    const owner = await signUp(api);
    const expired = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email: uniqueEmail(), role: 'viewer' })
      .expect(201);
    await api.app
      .get(DataSource)
      .query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
        expired.body.invitation.id,
      ]);
    const gone = await request(api.url)
      .get(`/api/invitations/${tokenOf(expired.body.link)}`)
      .expect(410);
    expect(gone.body.message).toMatch(/has expired/);

    const revoked = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email: uniqueEmail(), role: 'viewer' })
      .expect(201);
    await owner.del(`/api/orgs/${owner.orgId}/invitations/${revoked.body.invitation.id}`).expect(204);
    const withdrawn = await request(api.url)
      .post(`/api/invitations/${tokenOf(revoked.body.link)}/accept`)
      .send({ name: 'X', password: STRONG_PASSWORD })
      .expect(410);
    expect(withdrawn.body.message).toMatch(/withdrawn/);

    const unknown = await request(api.url)
      .get(`/api/invitations/${'a'.repeat(43)}`)
      .expect(404);
    expect(unknown.body.message).toMatch(/not valid/);
  });

  it('asks for a name and a strong password for a new account, and writes nothing until they are right', async () => {
    const owner = await signUp(api);
    const email = uniqueEmail();
    const { body } = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email, role: 'viewer' })
      .expect(201);
    const response = await request(api.url)
      .post(`/api/invitations/${tokenOf(body.link)}/accept`)
      .send({ password: 'short' })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field)).toEqual(['name', 'password']);
    await request(api.url)
      .get(`/api/invitations/${tokenOf(body.link)}`)
      .expect(200);
  });

  it('lets an existing account join only when signed in as the invited email', async () => {
    const owner = await signUp(api);
    const colleague = await signUp(api); // has an account in another organisation
    const stranger = await signUp(api);
    const { body } = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email: colleague.email, role: 'responder' })
      .expect(201);
    const token = tokenOf(body.link);
    const anonymous = await request(api.url).post(`/api/invitations/${token}/accept`).send({}).expect(401);
    expect(anonymous.body.message).toContain(`Sign in as ${colleague.email}`);
    const wrong = await stranger.post(`/api/invitations/${token}/accept`, {}).expect(403);
    expect(wrong.body.message).toContain(`you are signed in as ${stranger.email}`);
    const joined = await colleague.post(`/api/invitations/${token}/accept`, {}).expect(200);
    expect(joined.body.memberships.map((m: { role: string }) => m.role).sort()).toEqual([
      'owner',
      'responder',
    ]);
    expect(joined.body.currentOrganisationId).toBe(owner.orgId);
  });

  it('refuses inviting an existing member, and lets only owners invite owners', async () => {
    const owner = await signUp(api);
    const admin = await addMember(api, owner.orgId, 'admin');
    const already = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email: admin.email, role: 'viewer' })
      .expect(409);
    expect(already.body.message).toContain('is already a member');
    const ownerInvite = await admin
      .post(`/api/orgs/${owner.orgId}/invitations`, { email: uniqueEmail(), role: 'owner' })
      .expect(403);
    expect(ownerInvite.body.message).toBe('Only an owner can invite another owner.');
    const badRole = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email: uniqueEmail(), role: 'superuser' })
      .expect(400);
    expect(badRole.body.details[0]).toEqual({
      field: 'role',
      problem: 'role must be one of: owner, admin, approver, editor, responder, viewer',
    });
  });

  it('replaces an earlier pending invitation to the same email', async () => {
    const owner = await signUp(api);
    const email = uniqueEmail();
    const first = await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email, role: 'viewer' })
      .expect(201);
    await owner.post(`/api/orgs/${owner.orgId}/invitations`, { email, role: 'editor' }).expect(201);
    await request(api.url)
      .get(`/api/invitations/${tokenOf(first.body.link)}`)
      .expect(410);
    const pending = await owner.get(`/api/orgs/${owner.orgId}/invitations`).expect(200);
    expect(pending.body.items).toEqual([expect.objectContaining({ email, role: 'editor' })]);
  });
});
