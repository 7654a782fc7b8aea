import request from 'supertest';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp } from '../../support/api-client';

describe('members and roles', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('changes roles with an audit event recording before and after', async () => {
    const owner = await signUp(api);
    const viewer = await addMember(api, owner.orgId, 'viewer');
    const changed = await owner
      .patch(`/api/orgs/${owner.orgId}/members/${viewer.userId}`, { role: 'editor' })
      .expect(200);
    expect(changed.body.role).toBe('editor');
    const audit = await owner.get(`/api/orgs/${owner.orgId}/audit?action=member.role_changed`).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'member.role_changed',
      subjectId: viewer.userId,
      actor: { userId: owner.userId },
      summary: { before: { role: 'viewer' }, after: { role: 'editor' } },
    });
  });

  it('names a malformed id in the address', async () => {
    const owner = await signUp(api);
    const response = await owner
      .patch(`/api/orgs/${owner.orgId}/members/not-an-id`, { role: 'viewer' })
      .expect(400);
    expect(response.body.message).toMatch(/^userId in the address is not a valid id/);
    await owner.get('/api/orgs/not-an-org/members').expect(404);
  });

  it('never leaves an organisation without an owner', async () => {
    const owner = await signUp(api);
    const demote = await owner
      .patch(`/api/orgs/${owner.orgId}/members/${owner.userId}`, { role: 'admin' })
      .expect(409);
    expect(demote.body.message).toBe(
      'You cannot change the role of the last owner. Make someone else an owner first.',
    );
    await owner.del(`/api/orgs/${owner.orgId}/members/${owner.userId}`).expect(409);
    const second = await addMember(api, owner.orgId, 'viewer');
    await owner.patch(`/api/orgs/${owner.orgId}/members/${second.userId}`, { role: 'owner' }).expect(200);
    await owner.patch(`/api/orgs/${owner.orgId}/members/${owner.userId}`, { role: 'admin' }).expect(200);
  });

  it('keeps the owner role in owners’ hands', async () => {
    const owner = await signUp(api);
    const admin = await addMember(api, owner.orgId, 'admin');
    const viewer = await addMember(api, owner.orgId, 'viewer');
    await admin.patch(`/api/orgs/${owner.orgId}/members/${viewer.userId}`, { role: 'owner' }).expect(403);
    await admin.patch(`/api/orgs/${owner.orgId}/members/${owner.userId}`, { role: 'viewer' }).expect(403);
    await admin.del(`/api/orgs/${owner.orgId}/members/${owner.userId}`).expect(403);
    await admin.patch(`/api/orgs/${owner.orgId}/members/${viewer.userId}`, { role: 'approver' }).expect(200);
  });

  it('removes a member, whose session then loses access and whose tokens stop working', async () => {
    const owner = await signUp(api);
    const editor = await addMember(api, owner.orgId, 'editor');
    const { body } = await editor.post(`/api/orgs/${owner.orgId}/api-tokens`, { name: 'script' }).expect(201);
    await request(api.url)
      .get(`/api/orgs/${owner.orgId}/members`)
      .set('authorization', `Bearer ${body.token}`)
      .expect(200);
    await owner.del(`/api/orgs/${owner.orgId}/members/${editor.userId}`).expect(204);
    await editor.get(`/api/orgs/${owner.orgId}/members`).expect(403);
    await request(api.url)
      .get(`/api/orgs/${owner.orgId}/members`)
      .set('authorization', `Bearer ${body.token}`)
      .expect(401);
  });
});

describe('personal API tokens', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('are shown once, stored hashed, act with the role of their owner, and need no CSRF token', async () => {
    const owner = await signUp(api);
    const created = await owner
      .post(`/api/orgs/${owner.orgId}/api-tokens`, { name: 'Nightly export', expiresInDays: 30 })
      .expect(201);
    expect(created.body.token).toMatch(/^oi_[A-Za-z0-9_-]{43}$/);
    expect(created.body.apiToken.prefix).toBe(created.body.token.slice(0, 9));
    const listed = await owner.get(`/api/orgs/${owner.orgId}/api-tokens`).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    const auth = { authorization: `Bearer ${created.body.token}` };
    await request(api.url)
      .patch(`/api/orgs/${owner.orgId}`)
      .set(auth)
      .send({ timeZone: 'Europe/Belfast' })
      .expect(200);
    const used = await owner.get(`/api/orgs/${owner.orgId}/api-tokens`).expect(200);
    expect(used.body.items[0].lastUsedAt).not.toBeNull();
  });

  it('work only in their own organisation, and not for session routes', async () => {
    const owner = await signUp(api);
    const other = await signUp(api);
    const { body } = await owner.post(`/api/orgs/${owner.orgId}/api-tokens`, { name: 'x' }).expect(201);
    const auth = { authorization: `Bearer ${body.token}` };
    const cross = await request(api.url).get(`/api/orgs/${other.orgId}/members`).set(auth).expect(403);
    expect(cross.body.message).toMatch(/belongs to another organisation/);
    await request(api.url).get('/api/auth/session').set(auth).expect(403);
  });

  it('stop working when revoked or expired, with a message that says so', async () => {
    const owner = await signUp(api);
    const { body } = await owner
      .post(`/api/orgs/${owner.orgId}/api-tokens`, { name: 'x', expiresInDays: 1 })
      .expect(201);
    const auth = { authorization: `Bearer ${body.token}` };
    await owner.del(`/api/orgs/${owner.orgId}/api-tokens/${body.apiToken.id}`).expect(204);
    const revoked = await request(api.url).get(`/api/orgs/${owner.orgId}`).set(auth).expect(401);
    expect(revoked.body.message).toMatch(/not valid or has been revoked/);
    const malformed = await request(api.url)
      .get(`/api/orgs/${owner.orgId}`)
      .set('authorization', 'Bearer nope')
      .expect(401);
    expect(malformed.body.message).toMatch(/Bearer oi_/);
    await owner.post(`/api/orgs/${owner.orgId}/api-tokens`, { name: 'x', expiresInDays: 0 }).expect(400);
  });

  it('cannot be revoked by somebody else', async () => {
    const owner = await signUp(api);
    const admin = await addMember(api, owner.orgId, 'admin');
    const { body } = await owner.post(`/api/orgs/${owner.orgId}/api-tokens`, { name: 'x' }).expect(201);
    await admin.del(`/api/orgs/${owner.orgId}/api-tokens/${body.apiToken.id}`).expect(404);
  });
});
