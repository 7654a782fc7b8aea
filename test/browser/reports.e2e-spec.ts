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
describe('reports and the safeguarding panel', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orgId: string;
  let channelHandle: string;
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

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    page = await context.newPage();
    collectPageErrors(page, pageErrors);
    const response = await context.request.post('/api/auth/sign-up', { data: OWNER });
    expect(response.status()).toBe(201);
    orgId = ((await response.json()) as { currentOrganisationId: string }).currentOrganisationId;

    const db = api.app.get(DataSource);
    channelHandle = `gwynedd${randomUUID().slice(0, 4)}`;
    const channelId = await new RecordsFixtures(db, orgId).channel(channelHandle);
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
    for (const title of ['By channel', 'By person', 'By week', 'By language'])
      await page.getByRole('heading', { level: 2, name: title }).waitFor();

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

    const period = page.getByRole('combobox', { name: 'Conversations started in' });
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
