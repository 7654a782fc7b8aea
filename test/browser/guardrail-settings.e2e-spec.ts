import type { Browser, BrowserContext, Page } from 'playwright-core';
import { GUARDRAIL_ROUTES } from '../../apps/web/src/api/guardrails';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
import { startApi, type TestApi } from '../support/api-harness';
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

interface SessionBody {
  currentOrganisationId: string;
  csrfToken: string;
}

const OWNER = {
  organisationName: 'Swansea Council',
  name: 'Olivia Owner',
  email: 'olivia@swansea.gov.uk',
  password: 'correct horse battery staple',
};

const PAGES: [path: string, title: string][] = [
  ['/settings/office-hours', 'Office hours'],
  ['/settings/quiet-periods', 'Quiet periods'],
  ['/settings/safeguarding', 'Safeguarding'],
  ['/settings/retention', 'Retention'],
  ['/settings/writing-coach', 'Writing coach'],
];

/** Today's date in London, and a date some days on, as YYYY-MM-DD. */
function londonDate(daysOn = 0): string {
  const at = new Date(Date.now() + daysOn * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(at);
}

/**
 * The guardrail settings pages against the real API: each page with axe, the retention form by keyboard alone,
 * errors beside the fields, a quiet period in force shown in the frame's banner, and a viewer who can read but
 * not change anything.
 */
describe('guardrail settings pages', () => {
  let api: TestApi;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let session: SessionBody;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    browser = await launchBrowser();
    owner = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    page = await owner.newPage();
    collectPageErrors(page, pageErrors);
    const response = await owner.request.post('/api/auth/sign-up', { data: OWNER });
    expect(response.status()).toBe(201);
    session = (await response.json()) as SessionBody;
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
    const absent = Object.entries(GUARDRAIL_ROUTES)
      .filter(([, [method, path]]) => !(method.toLowerCase() in (doc.paths[path] ?? {})))
      .map(([name, [method, path]]) => `${name}: ${method} ${path}`);
    expect(absent).toEqual([]);
  });

  it('shows each page, linked from the Settings navigation, with no serious accessibility problems', async () => {
    await page.goto('/settings/members');
    await waitForScreen(page, 'Members');
    const nav = page.getByRole('navigation', { name: 'Settings' });
    for (const [path, title] of PAGES) {
      await nav.getByRole('link', { name: title, exact: true }).click();
      await waitForScreen(page, title);
      expect(new URL(page.url()).pathname).toBe(path);
      await page
        .getByRole('button', { name: /^Save|^Add a quiet period$/ })
        .first()
        .waitFor();
      await expectNoSeriousViolations(page, title);
    }
  });

  it('changes retention by keyboard alone, with the error beside the field and the save announced', async () => {
    await page.goto('/settings/retention');
    await waitForScreen(page, 'Retention');
    const forever = page.getByRole('radio', { name: 'For ever' });
    await tabTo(page, forever);
    expect(await forever.isChecked()).toBe(true);
    await page.keyboard.press('ArrowDown');
    const months = page.getByRole('textbox', { name: 'Number of months' });
    await months.waitFor();
    await page.keyboard.press('Tab');
    expect(await isFocused(months)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await tabTo(page, page.getByRole('button', { name: 'Save retention' }));
    await page.keyboard.press('Enter');

    const summary = page.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    expect(await isFocused(summary)).toBe(true);
    const beside = page.locator('#retention-months-error');
    expect(await beside.textContent()).toContain('Keep messages for at least 1 month');
    expect(await months.getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousViolations(page, 'retention with an error');

    // The summary's link takes focus to the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await isFocused(months)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24');
    await tabTo(page, page.getByRole('button', { name: 'Save retention' }));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Retention saved.' }).waitFor();
    await page.getByText('Messages are kept for 24 months, then deleted.').waitFor();
  });

  it('puts office-hour problems beside the day they are about', async () => {
    await page.goto('/settings/office-hours');
    await waitForScreen(page, 'Office hours');
    await page.getByText('Right now:').waitFor();
    await page.getByRole('textbox', { name: 'Monday opens at' }).fill('17:00');
    await page.getByRole('textbox', { name: 'Monday closes at' }).fill('09:00');
    await page.getByRole('button', { name: 'Save office hours' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.locator('#office-monday-open-error').textContent()).toContain(
      'Monday: closes at 09:00, not after it opens at 17:00.',
    );
    await expectNoSeriousViolations(page, 'office hours with an error');

    await page.getByRole('textbox', { name: 'Monday opens at' }).fill('08:30');
    await page.getByRole('textbox', { name: 'Monday closes at' }).fill('17:00');
    await page.getByLabel('Send an out-of-hours reply').check();
    await page.getByRole('button', { name: 'Save office hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Office hours saved.' }).waitFor();
    const saved = await owner.request.get(`/api/orgs/${session.currentOrganisationId}/settings/office-hours`);
    const body = (await saved.json()) as { weekly: { monday: unknown[] }; autoReply: { enabled: boolean } };
    expect(body.weekly.monday).toEqual([{ open: '08:30', close: '17:00' }]);
    expect(body.autoReply.enabled).toBe(true);
  });

  it('adds a quiet period from today, which then shows in the banner on every screen', async () => {
    await page.goto('/settings/quiet-periods');
    await waitForScreen(page, 'Quiet periods');
    await page.getByRole('button', { name: 'Add a quiet period' }).click();
    await page.getByRole('textbox', { name: 'Name' }).fill('Pre-election period');
    await page.getByRole('textbox', { name: 'First day' }).fill(londonDate());
    await page.getByRole('textbox', { name: 'Last day' }).fill(londonDate(-1));
    await page.getByRole('checkbox', { name: 'Owners' }).uncheck();
    await page.getByRole('textbox', { name: /^Candidates and parties/ }).fill('Jane Smith\nGreen Party\n');
    await page.getByRole('button', { name: 'Add quiet period' }).click();
    await page.getByRole('alert').getByText('There is a problem').waitFor();
    expect(await page.locator('#quiet-ends-error').textContent()).toContain(
      'The last day must be the same as or after the first day.',
    );
    await expectNoSeriousViolations(page, 'quiet period form with an error');

    await page.getByRole('textbox', { name: 'Last day' }).fill(londonDate(10));
    await page.getByRole('button', { name: 'Add quiet period' }).click();
    await page.getByRole('status').filter({ hasText: 'Pre-election period added.' }).waitFor();
    const banner = page.locator('.banner-area');
    await banner
      .getByText(
        /Pre-election period until the end of \w+day \d+ \w+: every post and reply needs approval by an admin or an approver\.$/,
      )
      .waitFor();
    await page.getByRole('heading', { name: 'Pre-election period', level: 2 }).waitFor();
    expect(await page.getByText('2 listed').isVisible()).toBe(true);
    await expectNoSeriousViolations(page, 'quiet periods with one in force');

    // Deleting asks first, with focus on the question, and keeping the period puts focus back.
    const remove = page.getByRole('button', { name: 'Delete Pre-election period' });
    await remove.press('Enter');
    const question = page.getByRole('group', { name: 'Delete Pre-election period?' });
    await question.waitFor();
    expect(await isFocused(question)).toBe(true);
    await expectNoSeriousViolations(page, 'quiet periods asking before deleting');
    await question.getByRole('button', { name: 'Keep it' }).press('Enter');
    expect(await isFocused(remove)).toBe(true);

    await page.goto('/settings/members');
    await waitForScreen(page, 'Members');
    await page
      .locator('.banner-area')
      .getByText(/Pre-election period until/)
      .waitFor();
  });

  it('fits each page into 320 px (400% zoom) without scrolling sideways', async () => {
    const narrow = await browser.newContext({ baseURL: api.url, viewport: { width: 320, height: 640 } });
    const small = await narrow.newPage();
    collectPageErrors(small, pageErrors);
    const signedIn = await narrow.request.post('/api/auth/sign-in', {
      data: { email: OWNER.email, password: OWNER.password },
    });
    expect(signedIn.status()).toBe(200);
    try {
      for (const [path, title] of PAGES) {
        await small.goto(path);
        await waitForScreen(small, title);
        await small
          .getByRole('button', { name: /^Save|^Add a quiet period$/ })
          .first()
          .waitFor();
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

  it('lets a viewer read every page but change nothing', async () => {
    const viewer = await addMember(api, session.currentOrganisationId, 'viewer');
    const context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    const viewerPage = await context.newPage();
    collectPageErrors(viewerPage, pageErrors);
    const signedIn = await context.request.post('/api/auth/sign-in', {
      data: { email: viewer.email, password: STRONG_PASSWORD },
    });
    expect(signedIn.status()).toBe(200);
    try {
      for (const [path, title] of PAGES) {
        await viewerPage.goto(path);
        await waitForScreen(viewerPage, title);
        await viewerPage.getByText('only owners and admins can change them').waitFor();
        expect(await viewerPage.getByRole('button', { name: /^Save|^Add a quiet period$/ }).count()).toBe(0);
        await expectNoSeriousViolations(viewerPage, `${title} as a viewer`);
      }
      await viewerPage.goto('/settings/office-hours');
      await waitForScreen(viewerPage, 'Office hours');
      const monday = viewerPage.getByRole('textbox', { name: 'Monday opens at' });
      expect(await monday.getAttribute('readonly')).not.toBeNull();
      expect(await monday.inputValue()).toBe('08:30');
      expect(await viewerPage.getByLabel('Send an out-of-hours reply').isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
