import { DataSource } from 'typeorm';
import { DemoSeeder } from '../../../apps/api/src/demo/demo-seeder.service';
import { startApi, TestApi } from '../../support/api-harness';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';

describe('the demo organisation’s posts', () => {
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

  it('starts with two posts scheduled on its practice channels and one waiting for approval', async () => {
    await api.app.get(DemoSeeder).seedIfEmpty();
    const rows: Array<{
      title: string;
      network: string;
      state: string;
      scheduled: boolean;
      practice: boolean;
    }> = await api.app.get(DataSource).query(
      `SELECT p.title, c.network, t.state, t.scheduled_at > now() AS scheduled, c.practice
           FROM post_target t JOIN post p ON p.id = t.post_id JOIN channel c ON c.id = t.channel_id
          ORDER BY p.title, c.network`,
    );
    const byTitle = (title: string) => rows.filter((row) => row.title === title);
    for (const title of ['Garden waste collections', 'Library opening hours']) {
      expect(byTitle(title).map((row) => row.network)).toEqual(['bluesky', 'facebook', 'mastodon', 'x']);
      expect(byTitle(title).every((row) => row.state === 'scheduled' && row.scheduled && row.practice)).toBe(
        true,
      );
    }
    expect(byTitle('Roadworks on Queen Street').every((row) => row.state === 'in_review')).toBe(true);
  });
});
