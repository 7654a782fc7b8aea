import request from 'supertest';
import { DataSource } from 'typeorm';
import { DEMO_CANDIDATES, DEMO_RUNBOOK } from '../../../apps/api/src/demo/demo-guardrails';
import { DemoSeeder } from '../../../apps/api/src/demo/demo-seeder.service';
import { startApi, TestApi } from '../../support/api-harness';
import { signUp } from '../../support/api-client';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';

describe('the demo organisation', () => {
  let api: TestApi;
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ SANDBOX_URL: sandbox.url });
  });
  afterAll(async () => {
    await api.stop();
    await sandbox.stop();
  });

  it('is created once on an empty database, with one person per role who can sign in', async () => {
    const seeder = api.app.get(DemoSeeder);
    const accounts = await seeder.seedIfEmpty();
    expect(accounts!.map((a) => a.role)).toEqual([
      'owner',
      'admin',
      'approver',
      'editor',
      'responder',
      'viewer',
    ]);
    expect(new Set(accounts!.map((a) => a.password)).size).toBe(6);

    for (const account of accounts!) {
      const session = await request(api.url)
        .post('/api/auth/sign-in')
        .send({ email: account.email, password: account.password })
        .expect(200);
      expect(session.body.memberships).toEqual([
        expect.objectContaining({ organisationName: 'Demo Council', role: account.role }),
      ]);
    }
    expect(await seeder.seedIfEmpty()).toBeNull();
  });

  it('starts with one practice channel per network, connected on the sandbox', async () => {
    const rows: Array<{ network: string; practice: boolean; status: string }> = await api.app
      .get(DataSource)
      .query(`SELECT network, practice, status FROM channel ORDER BY network`);
    expect(rows).toEqual(
      ['bluesky', 'facebook', 'instagram', 'mastodon', 'x'].map((network) => ({
        network,
        practice: true,
        status: 'connected',
      })),
    );
  });

  it('shows each guardrail: office hours, a runbook, a quiet period with candidates, Welsh and English messages', async () => {
    const db = api.app.get(DataSource);
    const [{ id: orgId }] = await db.query(`SELECT id FROM organisation WHERE name = 'Demo Council'`);
    const settings: Array<{ area: string; document: Record<string, unknown> }> = await db.query(
      `SELECT area, document FROM organisation_setting WHERE organisation_id = $1 ORDER BY area`,
      [orgId],
    );
    const area = (name: string) => settings.find((s) => s.area === name)?.document as Record<string, unknown>;
    expect(area('office_hours')).toMatchObject({
      bankHolidayRegion: 'england-and-wales',
      autoReply: { enabled: true },
      weekly: { monday: [{ open: '09:00', close: '17:00' }], saturday: [] },
    });
    expect(area('safeguarding')).toMatchObject({ runbook: DEMO_RUNBOOK });
    expect((area('safeguarding') as { notifyUserIds: string[] }).notifyUserIds).toHaveLength(2);

    const [period] = await db.query(
      `SELECT name, starts_on::text AS starts_on, candidate_names FROM quiet_period WHERE organisation_id = $1`,
      [orgId],
    );
    expect(period.candidate_names).toEqual(DEMO_CANDIDATES);
    expect(period.starts_on > new Date().toISOString().slice(0, 10)).toBe(true);

    const conversations: Array<{ language: string | null; priority: string; flagged: boolean }> =
      await db.query(
        `SELECT language, priority, safeguarding_flagged_at IS NOT NULL AS flagged FROM conversation
        WHERE organisation_id = $1 ORDER BY flagged DESC, language`,
        [orgId],
      );
    expect(conversations).toHaveLength(4);
    expect(conversations[0]).toMatchObject({ flagged: true, priority: 'urgent', language: 'en' });
    expect(conversations.filter((c) => c.language === 'cy')).toHaveLength(2);
    expect(conversations.filter((c) => c.flagged)).toHaveLength(1);
  });

  it('is not created when the deployment already has an organisation', async () => {
    const other = await startApi();
    try {
      await signUp(other);
      expect(await other.app.get(DemoSeeder).seedIfEmpty()).toBeNull();
    } finally {
      await other.stop();
    }
  });
});
