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

  it('shows a Welsh and English pair, scheduled on every channel, Welsh first', async () => {
    const db = api.app.get(DataSource);
    const [post]: Array<{ id: string; pair: { languages: string[] } }> = await db.query(
      `SELECT id, pair FROM post WHERE title = 'Recycling centre hours (Welsh and English)'`,
    );
    expect(post.pair.languages).toEqual(['cy', 'en']);
    const halves: Array<{ network: string; language: string; state: string; text: string }> = await db.query(
      `SELECT c.network, t.language, t.state, t.parts->0->>'text' AS text
         FROM post_target t JOIN channel c ON c.id = t.channel_id WHERE t.post_id = $1
        ORDER BY c.network, t.language`,
      [post.id],
    );
    expect(halves.map((h) => `${h.network} ${h.language} ${h.state}`)).toEqual(
      ['bluesky', 'facebook', 'mastodon', 'x'].flatMap((n) => [`${n} cy scheduled`, `${n} en scheduled`]),
    );
    expect(halves.find((h) => h.language === 'cy')!.text).toMatch(/^Bydd y ganolfan ailgylchu/);
    const [setting]: Array<{ document: { firstLanguage: string } }> = await db.query(
      `SELECT document FROM organisation_setting WHERE organisation_id = (SELECT organisation_id FROM post WHERE id = $1) AND area = 'bilingual'`,
      [post.id],
    );
    expect(setting.document.firstLanguage).toBe('cy');
  });
});
