import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { RECORDS_ROUTES } from '../../apps/web/src/api/records';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
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

/** Waits up to two seconds for a condition the page reaches on its own (focus moved after a render). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The condition was not met within two seconds');
}

const OWNER = {
  organisationName: 'Ceredigion Council',
  name: 'Olivia Owner',
  email: 'olivia@ceredigion.gov.uk',
  password: 'correct horse battery staple',
};

/**
 * The Records section against the real API: the FOI clock by keyboard, a legal hold placed on a person and
 * released, exports downloaded in each format, axe on every page, and a viewer who sees only the FOI clocks.
 */
describe('records pages', () => {
  let api: TestApi;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let orgId: string;
  let conversationId: string;
  let foiMessageId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    browser = await launchBrowser();
    owner = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', acceptDownloads: true });
    page = await owner.newPage();
    collectPageErrors(page, pageErrors);
    const response = await owner.request.post('/api/auth/sign-up', { data: OWNER });
    expect(response.status()).toBe(201);
    orgId = ((await response.json()) as { currentOrganisationId: string }).currentOrganisationId;

    const f = new RecordsFixtures(api.app.get(DataSource), orgId);
    const channel = await f.channel('@ceredigion');
    const sam = await f.contact('@sam');
    conversationId = await f.conversation(channel, sam, new Date('2026-12-21T10:00:00Z'));
    foiMessageId = await f.message(conversationId, channel, {
      direction: 'in',
      author: sam,
      body: 'Please send me the library opening hours budget (FOI).',
      at: new Date('2026-12-21T10:00:00Z'),
    });
    await f.message(conversationId, channel, {
      direction: 'out',
      body: '=1+1 We have logged your request.',
      at: new Date('2026-12-21T11:00:00Z'),
    });
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await api?.stop();
  });

  it('calls only routes that are in the OpenAPI document', async () => {
    const doc = (await (await owner.request.get('/api/docs-json')).json()) as {
      paths: Record<string, object>;
    };
    const absent = Object.entries(RECORDS_ROUTES)
      .filter(([, [method, path]]) => !(method.toLowerCase() in (doc.paths[path] ?? {})))
      .map(([name, [method, path]]) => `${name}: ${method} ${path}`);
    expect(absent).toEqual([]);
  });

  it('starts an FOI clock by keyboard: due date in words, working days left, then marked as answered', async () => {
    await page.goto('/calendar');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Records' }).click();
    await waitForScreen(page, 'FOI requests');
    await page.getByText('No open FOI requests.').waitFor();
    await expectNoSeriousViolations(page, 'FOI requests, empty');

    const disclosure = page.getByText('Mark a message as an FOI request');
    await tabTo(page, disclosure);
    await page.keyboard.press('Enter');
    const field = page.getByRole('textbox', { name: 'Message id' });
    await page.keyboard.press('Tab');
    expect(await isFocused(field)).toBe(true);
    await page.keyboard.type(foiMessageId);
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /Marked as an FOI request\. Due Thursday 21 January 2027: \d+ working days left\./ })
      .waitFor();
    const row = page.getByRole('row', { name: /library opening hours/ });
    await row.getByRole('cell', { name: 'Thursday 21 January 2027' }).waitFor();
    await row.getByRole('cell', { name: /^\d+ working days left$/ }).waitFor();
    await row.getByRole('cell', { name: 'Monday 21 December 2026' }).waitFor();
    await expectNoSeriousViolations(page, 'FOI requests, one open');
    if (process.env.RECORDS_SCREENSHOTS)
      await page.screenshot({ path: '/tmp/records-foi.png', fullPage: true });

    const answered = row.getByRole('button', { name: /^Mark as answered/ });
    await answered.press('Enter');
    await page.getByRole('textbox', { name: 'How it was answered (optional)' }).fill('Sent by e-mail');
    await expectNoSeriousViolations(page, 'FOI request being closed');
    await row.getByRole('button', { name: 'Mark as answered' }).press('Enter');
    const news = page
      .getByRole('status')
      .filter({ hasText: 'The request from Person @sam (@sam) is marked as answered.' });
    await news.waitFor();
    expect(await isFocused(page.locator('.records-news'))).toBe(true);
    await page.getByText('No open FOI requests.').waitFor();
    await page.getByRole('radio', { name: 'Answered or unmarked' }).check();
    await page.getByRole('cell', { name: /^Answered/ }).waitFor();
  });

  it('places a hold on a person, found by handle, then releases it with a reason', async () => {
    await page
      .getByRole('navigation', { name: 'Records' })
      .getByRole('link', { name: 'Legal holds' })
      .click();
    await waitForScreen(page, 'Legal holds');
    await page.getByText('Nothing is on hold.').waitFor();
    await expectNoSeriousViolations(page, 'legal holds, none');

    // Without choosing anyone, the problem is named.
    await page.getByRole('button', { name: 'Place the hold' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();

    await page.getByRole('textbox', { name: 'Handle or name' }).fill('@sa');
    await page.getByRole('button', { name: 'Find contacts' }).press('Enter');
    await page.getByRole('status').filter({ hasText: '1 contact matches “@sa”.' }).waitFor();
    await page.getByRole('button', { name: 'Hold Person @sam (@sam)' }).press('Enter');
    const reason = page.getByRole('textbox', { name: 'Why it must be kept' });
    await until(() => isFocused(reason));
    await reason.fill('Ombudsman complaint 2026/7');
    await page.getByRole('button', { name: 'Place the hold' }).press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /^On hold: Person @sam \(@sam\) on Mastodon/ })
      .waitFor();
    const row = page.getByRole('row', { name: /Ombudsman complaint 2026\/7/ });
    await row.waitFor();
    await expectNoSeriousViolations(page, 'legal holds, one in force');
    if (process.env.RECORDS_SCREENSHOTS)
      await page.screenshot({ path: '/tmp/records-holds.png', fullPage: true });

    await row.getByRole('button', { name: /^Release/ }).press('Enter');
    const why = page.getByRole('textbox', { name: 'Why release it' });
    await until(() => isFocused(why));
    await why.fill('Complaint closed');
    await row.getByRole('button', { name: 'Release the hold' }).press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: /^Released: Person @sam/ })
      .waitFor();
    await page.getByText('Nothing is on hold.').waitFor();
    await page.getByRole('radio', { name: 'Released' }).check();
    await page.getByRole('cell', { name: /by Olivia Owner: Complaint closed$/ }).waitFor();
  });

  it('downloads a person’s history as CSV and a conversation as a printable page, both audited', async () => {
    await page.goto('/records');
    await waitForScreen(page, 'FOI requests');
    await page.getByRole('navigation', { name: 'Records' }).getByRole('link', { name: 'Exports' }).click();
    await waitForScreen(page, 'Exports');
    await expectNoSeriousViolations(page, 'exports');

    await page.getByRole('textbox', { name: 'Handle or name' }).fill('sam');
    await page.getByRole('button', { name: 'Find contacts' }).press('Enter');
    await page.getByRole('status').filter({ hasText: '1 contact matches “sam”.' }).waitFor();
    const csvButton = page.getByRole('button', { name: 'Spreadsheet (CSV) for Person @sam (@sam)' });
    await csvButton.waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), csvButton.press('Enter')]);
    expect(csv.suggestedFilename()).toMatch(/^contact-[0-9a-f-]{36}-\d{4}-\d\d-\d\d\.csv$/);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain('Please send me the library opening hours budget (FOI).');
    expect(csvText).toContain("'=1+1 We have logged your request.");
    await page
      .getByRole('status')
      .filter({ hasText: /^Downloaded the history of Person @sam/ })
      .waitFor();
    await expectNoSeriousViolations(page, 'exports with results');
    if (process.env.RECORDS_SCREENSHOTS)
      await page.screenshot({ path: '/tmp/records-exports.png', fullPage: true });

    // An empty id is named beside the field; then the conversation as a printable page.
    await page.getByRole('button', { name: 'Download the conversation' }).click();
    await page.locator('#export-conversation-id-error').getByText('Enter the conversation id').waitFor();
    await page.getByRole('textbox', { name: 'Conversation id' }).fill(conversationId);
    await page.getByRole('radio', { name: 'Printable page (HTML)' }).check();
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the conversation' }).click(),
    ]);
    const htmlText = readFileSync((await html.path())!, 'utf8');
    expect(htmlText).toContain('<h1>Conversation with @sam on Mastodon (@ceredigion)</h1>');
    expect(htmlText).toContain('Monday 21 December 2026, 10:00 GMT');

    // The printable page itself passes axe.
    const printable = await owner.newPage();
    await printable.setContent(htmlText);
    await expectNoSeriousViolations(printable, 'printable export');
    await printable.close();

    const audit = await owner.request.get(`/api/orgs/${orgId}/audit?action=records.exported`);
    const events = ((await audit.json()) as { items: Array<{ summary: { format: string } }> }).items;
    expect(events.map((e) => e.summary.format).sort()).toEqual(['csv', 'html']);
  });

  it('fits each records page into 320 px (400% zoom) without scrolling sideways', async () => {
    const narrow = await browser.newContext({ baseURL: api.url, viewport: { width: 320, height: 640 } });
    const small = await narrow.newPage();
    collectPageErrors(small, pageErrors);
    const signedIn = await narrow.request.post('/api/auth/sign-in', {
      data: { email: OWNER.email, password: OWNER.password },
    });
    expect(signedIn.status()).toBe(200);
    try {
      for (const [path, title, ready] of [
        ['/records/foi-requests', 'FOI requests', 'Open requests'],
        ['/records/legal-holds', 'Legal holds', 'In force'],
        ['/records/exports', 'Exports', 'Printable page (HTML)'],
      ]) {
        await small.goto(path);
        await waitForScreen(small, title);
        await small.getByRole('radio', { name: ready }).waitFor();
        if (process.env.RECORDS_SCREENSHOTS)
          await small.screenshot({ path: `/tmp/records-320-${title}.png`, fullPage: true });
        const { scroll, client } = (await small.evaluate(
          '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
        )) as { scroll: number; client: number };
        expect({ path, scroll }).toEqual({ path, scroll: client });
        await expectNoSeriousViolations(small, `${title} at 320 px`);
      }
    } finally {
      await narrow.close();
    }
  });

  it('shows a viewer the FOI clocks only', async () => {
    const viewer = await addMember(api, orgId, 'viewer');
    const context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    const viewerPage = await context.newPage();
    collectPageErrors(viewerPage, pageErrors);
    await viewerPage.goto('/sign-in');
    await viewerPage.getByRole('textbox', { name: 'Email' }).fill(viewer.email);
    await viewerPage.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await viewerPage.getByRole('button', { name: 'Sign in' }).click();
    await viewerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Records' }).click();
    await waitForScreen(viewerPage, 'FOI requests');
    const nav = viewerPage.getByRole('navigation', { name: 'Records' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['FOI requests']);
    expect(await viewerPage.getByText('Mark a message as an FOI request').count()).toBe(0);
    await expectNoSeriousViolations(viewerPage, 'FOI requests as a viewer');
    await viewerPage.goto('/records/exports');
    await viewerPage.getByText('Only owners, admins and approvers can export records.').waitFor();
    await context.close();
  });
});
