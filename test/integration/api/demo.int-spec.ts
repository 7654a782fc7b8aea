import request from 'supertest';
import { DataSource } from 'typeorm';
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
