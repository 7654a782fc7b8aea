import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp, SignedInClient, uniqueEmail } from '../../support/api-client';

describe('audit log', () => {
  let api: TestApi;
  let db: DataSource;
  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
  });
  afterAll(() => api.stop());

  async function busyOrganisation(): Promise<SignedInClient> {
    const owner = await signUp(api);
    const viewer = await addMember(api, owner.orgId, 'viewer');
    await owner.patch(`/api/orgs/${owner.orgId}/members/${viewer.userId}`, { role: 'editor' }).expect(200);
    await owner
      .post(`/api/orgs/${owner.orgId}/invitations`, { email: uniqueEmail(), role: 'responder' })
      .expect(201);
    await owner.patch(`/api/orgs/${owner.orgId}`, { name: 'Renamed Council, "North"' }).expect(200);
    return owner;
  }

  /** Changes rows the way someone with database access could: with the append-only trigger bypassed. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await db.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(sql, params);
    });
  }

  it('lists events newest first, with who, what, before/after, when and where, paged by cursor', async () => {
    const owner = await busyOrganisation();
    const page1 = await owner.get(`/api/orgs/${owner.orgId}/audit?limit=2`).expect(200);
    expect(page1.body.items.map((e: { action: string }) => e.action)).toEqual([
      'organisation.updated',
      'invitation.created',
    ]);
    expect(page1.body.items[0]).toMatchObject({
      seq: '5',
      actor: { userId: owner.userId, label: `Olivia Owen <${owner.email}>` },
      subjectType: 'organisation',
      ip: '127.0.0.1',
      summary: { after: { name: 'Renamed Council, "North"' } },
    });
    const page2 = await owner
      .get(`/api/orgs/${owner.orgId}/audit?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items.map((e: { seq: string }) => e.seq)).toEqual(['3', '2']);
    const page3 = await owner
      .get(`/api/orgs/${owner.orgId}/audit?limit=2&cursor=${page2.body.nextCursor}`)
      .expect(200);
    expect(page3.body.items.map((e: { seq: string }) => e.seq)).toEqual(['1']);
    expect(page3.body.nextCursor).toBeNull();
  });

  it('filters by action, subject and time, and refuses bad filters', async () => {
    const owner = await busyOrganisation();
    const members = await owner.get(`/api/orgs/${owner.orgId}/audit?subjectType=member`).expect(200);
    expect(members.body.items.map((e: { action: string }) => e.action)).toEqual([
      'member.role_changed',
      'member.joined',
    ]);
    const future = await owner.get(`/api/orgs/${owner.orgId}/audit?from=2999-01-01T00:00:00Z`).expect(200);
    expect(future.body.items).toEqual([]);
    const bad = await owner.get(`/api/orgs/${owner.orgId}/audit?from=yesterday&limit=1000`).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'limit']);
  });

  it('exports CSV with the same filters, safe to open in a spreadsheet', async () => {
    const owner = await busyOrganisation();
    const response = await owner.get(`/api/orgs/${owner.orgId}/audit/export.csv`).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('sequence,time (UTC),actor,actor id,action,subject type,subject id,summary,ip');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain('organisation.updated');
    expect(lines[1]).toContain('"{""after"":{""name"":""Renamed Council, \\""North\\""""}');
    const filtered = await owner
      .get(`/api/orgs/${owner.orgId}/audit/export.csv?action=member.role_changed`)
      .expect(200);
    expect(filtered.text.trim().split('\r\n')).toHaveLength(2);
  });

  it('verifies an intact log', async () => {
    const owner = await busyOrganisation();
    const result = await owner.get(`/api/orgs/${owner.orgId}/audit/verify`).expect(200);
    expect(result.body).toEqual({
      ok: true,
      checked: 5,
      problems: [],
      message: 'All 5 events are intact: none has been changed or removed.',
    });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    const owner = await busyOrganisation();
    await expect(
      db.query(`UPDATE audit_event SET action = 'x' WHERE organisation_id = $1`, [owner.orgId]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`DELETE FROM audit_event WHERE organisation_id = $1`, [owner.orgId]),
    ).rejects.toThrow(/append-only/);
  });

  it('detects an edited event, a deleted event and a deleted tail', async () => {
    const edited = await busyOrganisation();
    await tamper(
      `UPDATE audit_event SET summary = '{"after":{"role":"owner"}}' WHERE organisation_id = $1 AND seq = 4`,
      [edited.orgId],
    );
    const r1 = await edited.get(`/api/orgs/${edited.orgId}/audit/verify`).expect(200);
    expect(r1.body.ok).toBe(false);
    expect(r1.body.problems).toEqual([{ seq: '4', problem: 'event 4 was changed after it was written' }]);
    expect(r1.body.message).toMatch(/^1 problem found: event 4 was changed after it was written\./);

    const deleted = await busyOrganisation();
    await tamper(`DELETE FROM audit_event WHERE organisation_id = $1 AND seq = 2`, [deleted.orgId]);
    const r2 = await deleted.get(`/api/orgs/${deleted.orgId}/audit/verify`).expect(200);
    expect(r2.body.problems.map((p: { problem: string }) => p.problem)).toEqual([
      'event 2 is missing (deleted)',
      'event 3 does not link to the event before it',
    ]);

    const truncated = await busyOrganisation();
    await tamper(`DELETE FROM audit_event WHERE organisation_id = $1 AND seq = 5`, [truncated.orgId]);
    const r3 = await truncated.get(`/api/orgs/${truncated.orgId}/audit/verify`).expect(200);
    expect(r3.body.problems).toEqual([
      { seq: '5', problem: 'the latest event(s) after 4 up to 5 are missing (deleted)' },
    ]);
  });

  it('keeps each organisation’s chain separate and linear under concurrent changes', async () => {
    const owner = await signUp(api);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        owner.post(`/api/orgs/${owner.orgId}/invitations`, { email: uniqueEmail(`c${i}`), role: 'viewer' }),
      ),
    );
    const result = await owner.get(`/api/orgs/${owner.orgId}/audit/verify`).expect(200);
    expect(result.body).toMatchObject({ ok: true, checked: 14 });
  });
});
