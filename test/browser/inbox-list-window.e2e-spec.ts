import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ChannelVault } from '@outside-in/channels';
import { InboxIngestor } from '@outside-in/inbox';
import type { InboundItem } from '@outside-in/platforms';
import { startApi, type TestApi } from '../support/api-harness';
import { insertChannel } from '../support/inbox-fixtures';
import {
  collectPageErrors,
  expectNoSeriousViolations,
  launchBrowser,
  waitForScreen,
} from './support/browser';
import { webBuildDir } from './support/web-build';

jest.setTimeout(300_000);

const OPEN = 10_000;

/** The little of the DOM the page function reads (this file is compiled without the DOM library). */
type NodeListLike = ArrayLike<{ getAttribute(name: string): string | null }>;
const SCROLLS = 20;

/**
 * "Quick with 10,000 open conversations" (issue 6): the list holds only the keyset pages loaded so far and the
 * page only the rows near the scrolled view, however far one scrolls. Prints its figures (time to the first rows,
 * time per page loaded by scrolling, rows in the page) rather than asserting times; asserts the structure that
 * keeps it quick: the rows in the page stay bounded while thousands are loaded, and j still moves.
 */
describe('Inbox list with 10,000 open conversations', () => {
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    const db = api.app.get(DataSource);
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    const signUp = await context.request.post('/api/auth/sign-up', {
      data: {
        organisationName: 'Busy Borough Council',
        name: 'Olivia Owner',
        email: `olivia.${randomUUID().slice(0, 8)}@busy.gov.uk`,
        password: 'correct horse battery staple',
      },
    });
    expect(signUp.status()).toBe(201);
    const orgId = ((await signUp.json()) as { currentOrganisationId: string }).currentOrganisationId;
    const channel = await insertChannel(db, api.app.get(ChannelVault), {
      organisationId: orgId,
      network: 'x',
      externalAccountId: randomUUID(),
      handle: 'busyborough',
      baseUrl: 'http://127.0.0.1:9/unused',
      credentials: { accessToken: 'unused' },
    });
    const ingestor = api.app.get(InboxIngestor);
    const started = Date.now();
    const base = Date.now() - OPEN * 1000;
    for (let batch = 0; batch < OPEN / 1000; batch++) {
      const items: InboundItem[] = Array.from({ length: 1000 }, (_, i) => {
        const n = batch * 1000 + i;
        const id = `busy-${n}`;
        return {
          externalId: id,
          kind: 'mention',
          threadKey: id,
          author: {
            externalId: `citizen-${n % 700}`,
            handle: `citizen_${n % 700}`,
            displayName: `Citizen ${n % 700}`,
            profileUrl: `https://x.example/citizen_${n % 700}`,
          },
          text: `Conversation number ${n}: the bins on street ${n % 300} were missed`,
          createdAt: new Date(base + n * 1000),
          fromAccount: false,
          raw: { id },
        };
      });
      await ingestor.ingest(channel.id, items);
    }
    process.stdout.write(
      `inbox list window: ${OPEN} open conversations stored in ${Date.now() - started} ms\n`,
    );
    page = await context.newPage();
    collectPageErrors(page, pageErrors);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('renders a window of rows while scrolling loads keyset pages, and prints the figures', async () => {
    const opened = Date.now();
    await page.goto('/inbox?view=open');
    await waitForScreen(page, 'Inbox');
    await page.locator('.inbox__item').first().waitFor();
    const firstRows = Date.now() - opened;
    await page
      .getByRole('navigation', { name: 'Inbox views' })
      .getByRole('link', { name: /^Open 10,000$/ })
      .waitFor();
    const items = page.locator('.inbox__item');
    const scroller = page.getByTestId('conversation-scroller');

    const loaded = () => page.locator('.inbox__item').last().getAttribute('aria-posinset').then(Number);
    const pageTimes: number[] = [];
    let rowsInPage = 0;
    for (let i = 0; i < SCROLLS; i++) {
      const before = await loaded();
      const asked = Date.now();
      await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      // The next page arrives and the window moves to the end of what is loaded.
      await page.waitForFunction(
        (n) => {
          const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): NodeListLike } })
            .document;
          const rows = doc.querySelectorAll('.inbox__item');
          return Number(rows[rows.length - 1]?.getAttribute('aria-posinset')) > n;
        },
        before,
        { timeout: 30_000 },
      );
      pageTimes.push(Date.now() - asked);
      rowsInPage = Math.max(rowsInPage, await items.count());
    }
    const reached = await loaded();
    const sorted = [...pageTimes].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)];
    const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
    const heap = await page.evaluate(
      () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
    );
    process.stdout.write(
      [
        `inbox list window (${OPEN} open conversations, Chromium, this machine):`,
        `  first rows shown after ${firstRows} ms`,
        `  scrolled to conversation ${reached}: ${SCROLLS} pages loaded by scrolling, each p50 ${p50} ms, p95 ${p95} ms`,
        `  at most ${rowsInPage} conversation rows in the page at once`,
        `  JS heap ${(heap / 1024 / 1024).toFixed(1)} MB`,
        '',
      ].join('\n'),
    );

    // The structure that keeps it quick: far more loaded than rendered. (A scroll's wait ends when the last row's
    // position grows, which the window catching up with rows already loaded can do before the next page comes, so
    // how far twenty scrolls reach varies with the machine: CI once reached exactly 800.)
    expect(reached).toBeGreaterThan(rowsInPage * 4);
    expect(rowsInPage).toBeLessThan(150);
    await expectNoSeriousViolations(page, 'inbox, long list scrolled');

    // k opens the conversation before the one open, far down the list, and the list keeps it in the window.
    const lastRow = items.last();
    const at = Number(await lastRow.getAttribute('aria-posinset'));
    await lastRow.getByRole('link').click();
    await page.locator('#conversation-heading').waitFor();
    await page.locator(`.inbox__item--current[aria-posinset="${at}"]`).waitFor();
    await page.locator('h1').focus();
    await page.keyboard.press('k');
    await page.locator(`.inbox__item--current[aria-posinset="${at - 1}"]`).waitFor();
  });
});
