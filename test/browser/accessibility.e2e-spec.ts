import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { startApi } from '../support/api-harness';
import {
  collectPageErrors,
  expectNoSeriousViolations,
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

const OWNER = { email: 'olivia@anytown.gov.uk', password: 'correct horse battery staple' };

/** Screens inside the frame, with the h1 each one must show. */
const FRAME_SCREENS: [path: string, title: string][] = [
  ['/calendar', 'Calendar'],
  ['/inbox', 'Inbox'],
  ['/approvals', 'Approvals'],
  ['/channels', 'Channels'],
  ['/reports', 'Reports'],
  ['/settings/members', 'Members'],
  ['/settings/invitations', 'Invitations'],
  ['/settings/api-tokens', 'API tokens'],
  ['/settings/audit-log', 'Audit log'],
];

/** Screens whose narrow layout is checked with axe too (all of them are checked for sideways scrolling). */
const NARROW_AXE = new Set(['/sign-up', '/calendar', '/settings/members', '/settings/audit-log']);

async function post<T>(request: APIRequestContext, path: string, data: unknown, csrf?: string): Promise<T> {
  const response = await request.post(path, { data, headers: csrf ? { 'X-CSRF-Token': csrf } : {} });
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * axe (WCAG 2.0 to 2.2 AA and best practice) on every screen and in the states that add content: errors
 * shown, a link or token shown once, a menu open, a verification result; plus the 320 px (400% zoom) layout.
 */
describe('every screen is accessible', () => {
  let api: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let session: SessionBody;
  let freshLink = '';
  let existingAccountLink = '';
  let withdrawnLink = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    browser = await launchBrowser();
    owner = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    page = await owner.newPage();
    collectPageErrors(page, pageErrors);

    // Data for the screens: an organisation, a second person with an account elsewhere, three invitations.
    session = await post<SessionBody>(owner.request, '/api/auth/sign-up', {
      organisationName: 'Anytown Borough Council',
      name: 'Olivia Owner',
      ...OWNER,
    });
    const elsewhere = await browser.newContext({ baseURL: api.url });
    await post(elsewhere.request, '/api/auth/sign-up', {
      organisationName: 'Anytown Library Trust',
      name: 'Esther Elsewhere',
      email: 'esther@library.org.uk',
      password: 'a lantern under the bridge',
    });
    await elsewhere.close();
    const invite = (email: string, role: string) =>
      post<{ invitation: { id: string }; link: string }>(
        owner.request,
        `/api/orgs/${session.currentOrganisationId}/invitations`,
        { email, role },
        session.csrfToken,
      );
    freshLink = new URL((await invite('ravi@anytown.gov.uk', 'responder')).link).pathname;
    existingAccountLink = new URL((await invite('esther@library.org.uk', 'viewer')).link).pathname;
    const withdrawn = await invite('wrong.person@anytown.gov.uk', 'editor');
    withdrawnLink = new URL(withdrawn.link).pathname;
    const removed = await owner.request.delete(
      `/api/orgs/${session.currentOrganisationId}/invitations/${withdrawn.invitation.id}`,
      { headers: { 'X-CSRF-Token': session.csrfToken } },
    );
    expect(removed.status()).toBe(204);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  describe('before signing in', () => {
    let visitor: BrowserContext;
    let guest: Page;

    beforeAll(async () => {
      visitor = await browser.newContext({ baseURL: api.url });
      guest = await visitor.newPage();
      collectPageErrors(guest, pageErrors);
    });

    afterAll(() => visitor.close());

    it('sign in, empty and after a wrong password', async () => {
      await guest.goto('/sign-in');
      await waitForScreen(guest, 'Sign in');
      await expectNoSeriousViolations(guest, 'sign in');

      await guest.getByLabel('Email address', { exact: true }).fill(OWNER.email);
      await guest.getByLabel('Password', { exact: true }).fill('not the password at all');
      await guest.getByRole('button', { name: 'Sign in' }).press('Enter');
      const alert = guest.getByRole('alert');
      await alert.getByText('There is a problem').waitFor();
      // The error summary takes focus so it is announced and keyboard users start from it.
      expect(await alert.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      await expectNoSeriousViolations(guest, 'sign in with an error');
    });

    it('sign up, empty and with a problem beside each field', async () => {
      await guest.goto('/sign-up');
      await waitForScreen(guest, 'Create an account for your organisation');
      // The password rule is stated before anyone types.
      expect(await guest.getByText('Use at least 12 characters').isVisible()).toBe(true);
      await expectNoSeriousViolations(guest, 'sign up');

      await guest.getByRole('button', { name: 'Create account' }).press('Enter');
      await guest.getByRole('alert').getByText('There is a problem').waitFor();
      const email = guest.getByLabel('Your work email address', { exact: true });
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
      expect(describedBy).toMatch(/-error/);
      await expectNoSeriousViolations(guest, 'sign up with errors');
    });

    it('accept invitation: new account, existing account, withdrawn and unknown links', async () => {
      await guest.goto(freshLink);
      await waitForScreen(guest, 'Accept your invitation');
      await guest.getByRole('heading', { name: 'Create your account' }).waitFor();
      await expectNoSeriousViolations(guest, 'accept invitation, new account');

      await guest.goto(existingAccountLink);
      await guest.getByRole('heading', { name: 'Sign in to accept' }).waitFor();
      await expectNoSeriousViolations(guest, 'accept invitation, existing account');

      await guest.goto(withdrawnLink);
      await guest.getByRole('alert').waitFor();
      expect(await guest.getByRole('alert').textContent()).not.toMatch(/\b410\b|Gone/);
      await expectNoSeriousViolations(guest, 'accept invitation, withdrawn');

      await guest.goto('/invitations/not-a-real-token');
      await guest
        .getByRole('alert')
        .getByText(/could not find this invitation/)
        .waitFor();
      await expectNoSeriousViolations(guest, 'accept invitation, unknown link');
    });

    it('page not found, and a signed-in page sends you to sign in', async () => {
      await guest.goto('/no-such-page');
      await waitForScreen(guest, 'Page not found');
      await expectNoSeriousViolations(guest, 'page not found');

      await guest.goto('/settings/audit-log');
      await waitForScreen(guest, 'Sign in');
      expect(new URL(guest.url()).searchParams.get('next')).toBe('/settings/audit-log');
    });
  });

  describe('signed in', () => {
    it.each(FRAME_SCREENS)('%s has landmarks, one h1 and no serious violations', async (path, title) => {
      await page.goto(path);
      await waitForScreen(page, title);
      await page.locator('.loading').first().waitFor({ state: 'detached' });
      expect(await page.getByRole('banner').count()).toBe(1);
      expect(await page.getByRole('main').count()).toBe(1);
      expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.title()).toBe(`${title} – Outside In`);
      // The current section is marked for screen readers, not only by colour.
      const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
      expect(await current.count()).toBe(1);
      await expectNoSeriousViolations(page, path);
    });

    it('sends a signed-in person past the sign-in screen', async () => {
      await page.goto('/sign-in?next=%2Fsettings%2Fapi-tokens');
      await waitForScreen(page, 'API tokens');
      // Only paths inside the app are followed, never another site.
      await page.goto('/sign-in?next=%2F%2Fevil.example%2F');
      await waitForScreen(page, 'Calendar');
      expect(new URL(page.url()).host).toBe(new URL(api.url).host);
    });

    it('the user menu, open', async () => {
      await page.goto('/calendar');
      await waitForScreen(page, 'Calendar');
      const menu = page.getByRole('button', { name: /Your account: Olivia Owner/ });
      await tabTo(page, menu);
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await expectNoSeriousViolations(page, 'user menu open');
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await menu.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    });

    it('invitations with a new link shown once', async () => {
      await page.goto('/settings/invitations');
      await waitForScreen(page, 'Invitations');
      await page.getByLabel('Their email address', { exact: true }).fill('sam@anytown.gov.uk');
      await page.getByRole('button', { name: 'Create invitation link' }).press('Enter');
      await page.getByLabel('Invitation link', { exact: true }).waitFor();
      await expectNoSeriousViolations(page, 'invitation link shown');

      // Withdrawing says what happened and takes the now useless link off the screen.
      await page
        .getByRole('button', { name: 'Withdraw the invitation for sam@anytown.gov.uk' })
        .press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: 'The invitation for sam@anytown.gov.uk has been withdrawn.' })
        .waitFor();
      expect(await page.getByLabel('Invitation link', { exact: true }).count()).toBe(0);
      await page.getByRole('row', { name: /sam@anytown\.gov\.uk/ }).waitFor({ state: 'detached' });
    });

    it('API tokens with a new token shown once, then revoked', async () => {
      await page.goto('/settings/api-tokens');
      await waitForScreen(page, 'API tokens');
      await page.getByLabel('Token name', { exact: true }).fill('Weekly report');
      await page.getByRole('button', { name: 'Create token' }).press('Enter');
      const token = page.getByLabel('API token', { exact: true });
      await token.waitFor();
      expect(await token.inputValue()).toMatch(/^oi_/);
      await expectNoSeriousViolations(page, 'API token shown');

      await page.getByRole('button', { name: 'Revoke the token “Weekly report”' }).press('Enter');
      await page.getByRole('status').filter({ hasText: 'has been revoked' }).waitFor();
      await page.getByText('You have no API tokens in this organisation.').waitFor();
    });

    it('audit log with the integrity check reported in words', async () => {
      await page.goto('/settings/audit-log');
      await waitForScreen(page, 'Audit log');
      await page.getByRole('table').waitFor();
      await page.getByRole('button', { name: 'Verify integrity' }).press('Enter');
      await page
        .locator('.verify-result')
        .getByText(/intact/i)
        .waitFor();
      await expectNoSeriousViolations(page, 'audit log verified');
    });

    it('shows a visible focus indicator on links and buttons', async () => {
      await page.goto('/settings/members');
      await waitForScreen(page, 'Members');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      expect(await skip.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(await skip.isVisible()).toBe(true);
      const ring = (await skip.evaluate((el) => {
        const style = el.ownerDocument.defaultView?.getComputedStyle(el);
        return `${style?.outlineStyle} ${style?.outlineWidth} ${style?.boxShadow}`;
      })) as string;
      expect(ring).toMatch(/^solid 3px .*rgb\(255, 221, 0\)/);
      // The skip link really skips: Enter moves focus to the main content.
      await page.keyboard.press('Enter');
      expect(await page.getByRole('main').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    });
  });

  describe('at 320 px wide (400% zoom on a 1280 px screen)', () => {
    let narrow: BrowserContext;
    let small: Page;

    beforeAll(async () => {
      narrow = await browser.newContext({ baseURL: api.url, viewport: { width: 320, height: 640 } });
      await post(narrow.request, '/api/auth/sign-in', OWNER);
      small = await narrow.newPage();
      collectPageErrors(small, pageErrors);
    });

    afterAll(() => narrow.close());

    const screens: [string, string][] = [
      ['/sign-up', 'Create an account for your organisation'],
      ...FRAME_SCREENS,
    ];

    it.each(screens)('%s fits without sideways scrolling', async (path, title) => {
      await small.goto(path);
      await waitForScreen(small, title);
      await small.locator('.loading').first().waitFor({ state: 'detached' });
      const widths = (await small.evaluate(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      )) as { scroll: number; client: number };
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      // axe again where the narrow layout differs most (wrapped navigation, stacked forms, wide tables).
      if (NARROW_AXE.has(path)) await expectNoSeriousViolations(small, `${path} at 320 px`);
    });
  });
});
