import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { InboxIngestor } from '@outside-in/inbox';
import type { InboundItem } from '@outside-in/platforms';
import { REPORTS_ROUTES } from '../../apps/web/src/api/reports';
import { startApi, type TestApi } from '../support/api-harness';
import { RecordsFixtures } from '../integration/records/records-fixtures';
import {
  collectPageErrors,
  expectNoSeriousViolations,
  isFocused,
  launchBrowser,
  tabTo,
  waitForScreen,
} from './support/browser';
import { webBuildDir } from './support/web-build';

jest.setTimeout(120_000);

const OWNER = {
  organisationName: 'Gwynedd Council',
  name: 'Owain Owner',
  email: `owain-${randomUUID().slice(0, 6)}@gwynedd.gov.uk`,
  password: 'correct horse battery staple',
};

const DAY = 86_400_000;

/**
 * The Reports screen and the safeguarding panel of the inbox against the real API, with messages stored by the
 * real ingestor: response times per channel, person, week and language in words, the period changed by keyboard,
 * axe on each; a conversation that matched a safeguarding phrase opens with the runbook at the top.
 */
describe('reports, the Approvals count and the safeguarding panel', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orgId: string;
  let channelHandle: string;
  let channelId: string;
  let db: DataSource;
  let flaggedConversationId: string;
  const pageErrors: string[] = [];

  function item(text: string, at: Date, overrides: Partial<InboundItem> = {}): InboundItem {
    const id = randomUUID();
    return {
      externalId: id,
      kind: 'mention',
      threadKey: id,
      author: {
        externalId: `person-${randomUUID().slice(0, 8)}`,
        handle: 'sian',
        displayName: 'Siân',
        profileUrl: 'https://mastodon.example/@sian',
      },
      text,
      createdAt: at,
      fromAccount: false,
      raw: { id },
      ...overrides,
    };
  }

  /** Posts as the engine leaves them: two published, one failed after three attempts, one missed. */
  async function seedPublishing(db: DataSource, channelId: string, now: number): Promise<void> {
    const target = async (state: string, at: Date, attempts: number) => {
      const [post] = await db.query(`INSERT INTO post (organisation_id) VALUES ($1) RETURNING id`, [orgId]);
      const [row] = await db.query(
        `INSERT INTO post_target (post_id, organisation_id, channel_id, parts, state, scheduled_at, published_at)
         VALUES ($1, $2, $3, '[{"text":"Bin day","mediaIds":[]}]', $4::text, $5,
                 CASE WHEN $4::text = 'published' THEN $5::timestamptz END) RETURNING id`,
        [post.id, orgId, channelId, state, at],
      );
      for (let n = 0; n < attempts; n++)
        await db.query(
          `INSERT INTO publish_attempt (target_id, target_version, claim_token, started_at, finished_at, outcome, fingerprint)
           VALUES ($1, 1, $2, $3, $3, $4, $5)`,
          [row.id, randomUUID(), at, n === attempts - 1 ? state : 'retry', 'f'.repeat(64)],
        );
    };
    await target('published', new Date(now - 3 * DAY), 1);
    await target('published', new Date(now - 3 * DAY), 1);
    await target('failed', new Date(now - 2 * DAY), 3);
    await target('missed', new Date(now - 10 * DAY), 0);
  }

  /** A post by someone else waiting in review: it waits for the owner's approval. */
  async function waitingForApproval(db: DataSource, channelId: string): Promise<void> {
    const [author] = await db.query(
      `INSERT INTO app_user (email, name, password_hash) VALUES ($1, 'Elin Editor', 'x') RETURNING id`,
      [`elin-${randomUUID().slice(0, 6)}@gwynedd.gov.uk`],
    );
    await db.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'editor')`, [
      orgId,
      author.id,
    ]);
    const [post] = await db.query(
      `INSERT INTO post (organisation_id, author_id, shared_text, review_round) VALUES ($1, $2, 'Road closed', 1) RETURNING id`,
      [orgId, author.id],
    );
    await db.query(
      `INSERT INTO post_target (post_id, organisation_id, channel_id, parts, state)
       VALUES ($1, $2, $3, '[{"text":"Road closed","mediaIds":[]}]', 'in_review')`,
      [post.id, orgId, channelId],
    );
  }

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    page = await context.newPage();
    collectPageErrors(page, pageErrors);
    const response = await context.request.post('/api/auth/sign-up', { data: OWNER });
    expect(response.status()).toBe(201);
    orgId = ((await response.json()) as { currentOrganisationId: string }).currentOrganisationId;

    db = api.app.get(DataSource);
    channelHandle = `gwynedd${randomUUID().slice(0, 4)}`;
    channelId = await new RecordsFixtures(db, orgId).channel(channelHandle);
    await db.query(`UPDATE channel SET status = 'connected' WHERE id = $1`, [channelId]);
    const ingestor = api.app.get(InboxIngestor);
    const now = Date.now();
    const welsh = item('Pryd fydd y biniau ailgylchu yn cael eu casglu?', new Date(now - 10 * DAY));
    await ingestor.ingest(channelId, [welsh]);
    // Answered from the network's own app two hours later: the first response.
    await ingestor.ingest(channelId, [
      item('Bydd y biniau yn cael eu casglu ddydd Mercher.', new Date(now - 10 * DAY + 2 * 3600_000), {
        fromAccount: true,
        inReplyToExternalId: welsh.externalId,
      }),
    ]);
    await ingestor.ingest(channelId, [
      item('When will the road by the school be open again?', new Date(now - 2 * DAY)),
    ]);
    const risky = item('I want to end my life, nobody listens', new Date(now - DAY));
    await ingestor.ingest(channelId, [risky]);
    await seedPublishing(db, channelId, now);
    [{ conversation_id: flaggedConversationId }] = await db.query(
      `SELECT conversation_id FROM message WHERE channel_id = $1 AND external_id = $2`,
      [channelId, risky.externalId],
    );
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.stop();
  });

  it('calls only routes that are in the OpenAPI document', async () => {
    const doc = (await (await context.request.get('/api/docs-json')).json()) as {
      paths: Record<string, object>;
    };
    const absent = Object.entries(REPORTS_ROUTES)
      .filter(([, [method, path]]) => !(method.toLowerCase() in (doc.paths[path] ?? {})))
      .map(([name, [method, path]]) => `${name}: ${method} ${path}`);
    expect(absent).toEqual([]);
  });

  it('shows response times by channel, person, week and language in words, and changes the period by keyboard', async () => {
    await page.goto('/calendar');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await waitForScreen(page, 'Reports');
    for (const title of ['Response times', 'Publishing'])
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
    for (const title of ['By channel', 'By person', 'By week', 'By language'])
      await page.getByRole('heading', { level: 3, name: title, exact: true }).waitFor();

    const byChannel = page.getByTestId('report-channel');
    const channelRow = byChannel.getByRole('row', { name: new RegExp(`^@${channelHandle}`) });
    await channelRow.getByRole('cell', { name: '3', exact: true }).first().waitFor();
    await channelRow.getByRole('cell', { name: '1 of 3 (33%)' }).first().waitFor();
    await channelRow.getByRole('cell', { name: '2 hours', exact: true }).first().waitFor();

    const byLanguage = page.getByTestId('report-language');
    await byLanguage.getByRole('rowheader', { name: 'Welsh' }).waitFor();
    await byLanguage.getByRole('rowheader', { name: 'English' }).waitFor();
    await page
      .getByTestId('report-assignee')
      .getByRole('rowheader', { name: 'Nobody (unassigned)' })
      .waitFor();
    await page
      .getByTestId('report-week')
      .getByRole('rowheader', { name: /^Week of \d{1,2} [A-Z][a-z]+ \d{4}$/ })
      .first()
      .waitFor();
    await expectNoSeriousViolations(page, 'Reports');

    const period = page.getByRole('combobox', { name: 'Report period' });
    await tabTo(page, period);
    expect(await isFocused(period)).toBe(true);
    await period.selectOption('7');
    await byChannel
      .getByRole('row', { name: /^@/ })
      .getByRole('cell', { name: '0 of 2 (0%)' })
      .first()
      .waitFor();
    // The scrolling box around each table takes focus, so a keyboard can scroll a wide table.
    await tabTo(page, page.getByRole('region', { name: 'Response times by channel' }));
    await expectNoSeriousViolations(page, 'Reports, last 7 days');
  });

  it('charts posts published, failed and missed by channel and week above tables with the same figures', async () => {
    await page.goto('/reports');
    await waitForScreen(page, 'Reports');
    const period = page.getByRole('combobox', { name: 'Report period' });
    await period.selectOption('28');
    const byChannel = page.getByTestId('publishing-channel');
    const row = byChannel.getByRole('row', { name: new RegExp(`^Mastodon @${channelHandle}`) });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['2', '1', '1', '5']);
    const weeks = page.getByTestId('publishing-week').getByRole('rowheader', { name: /^Week of / });
    expect(await weeks.count()).toBeGreaterThanOrEqual(2);

    // The charts are pictures of the tables: hidden from screen readers, figures in words beside each bar.
    const chart = page.locator('section[aria-labelledby="publishing-channel"] [data-testid="bar-chart"]');
    expect(await chart.getAttribute('aria-hidden')).toBe('true');
    await chart.getByText('2 published, 1 failed, 1 missed').waitFor();
    expect(await chart.locator('rect').count()).toBe(3 + 3); // the key's three swatches and three segments
    expect(await page.locator('[data-testid="bar-chart"]:not([aria-hidden="true"])').count()).toBe(0);
    await expectNoSeriousViolations(page, 'Reports with publishing');

    // By keyboard from the period to the publishing table's scrolling box.
    await tabTo(page, period);
    await period.selectOption('7');
    await row.getByRole('cell', { name: '0', exact: true }).waitFor(); // the missed post was 10 days ago
    await tabTo(page, page.getByRole('region', { name: 'Publishing posts by channel' }));
    await expectNoSeriousViolations(page, 'Reports with publishing, last 7 days');

    await page.setViewportSize({ width: 320, height: 800 });
    try {
      await row.waitFor();
      const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      )) as { scroll: number; client: number };
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      const bar = await page.locator('.bar-chart__svg').first().boundingBox();
      expect(bar!.width).toBeGreaterThan(100);
      await expectNoSeriousViolations(page, 'Reports at 320 px');
    } finally {
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  it('counts the posts waiting for my approval beside Approvals, asked again on each screen', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    const countReads = async (text: string) => {
      const count = nav.getByTestId('approvals-waiting');
      await count.filter({ hasText: text }).waitFor();
      expect((await count.textContent())?.trim()).toBe(text);
    };
    await page.goto('/calendar');
    await waitForScreen(page, 'Calendar');
    expect(await page.getByTestId('approvals-waiting').count()).toBe(0);
    await waitingForApproval(db, channelId);
    await nav.getByRole('link', { name: /^Reports/ }).click();
    await waitForScreen(page, 'Reports');
    await countReads('(1 waiting for you)');
    await waitingForApproval(db, channelId);
    await nav.getByRole('link', { name: /^Calendar/ }).click();
    await countReads('(2 waiting for you)');
    expect(await nav.getByRole('link', { name: /^Approvals/ }).getAttribute('href')).toBe('/approvals');
    await expectNoSeriousViolations(page, 'Calendar with the Approvals count');
  });

  it('opens a safeguarding conversation with the runbook at the top, folded away by keyboard', async () => {
    await page.goto(`/inbox/${flaggedConversationId}`);
    const panel = page.getByTestId('safeguarding');
    await panel.getByRole('heading', { name: 'Safeguarding: read this before you reply' }).waitFor();
    await panel.getByText(/matched “Self-harm or suicide”/).waitFor();
    await panel.getByText(/marked urgent\. Nothing has been sent automatically/).waitFor();
    const runbook = panel.getByText(/This message may mean someone is at risk/);
    await runbook.waitFor();
    await expectNoSeriousViolations(page, 'Inbox, safeguarding conversation');

    const summary = panel.getByText('Your organisation’s runbook');
    await tabTo(page, summary, 150);
    await page.keyboard.press('Enter');
    await runbook.waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');
    await runbook.waitFor({ state: 'visible' });
  });
});
