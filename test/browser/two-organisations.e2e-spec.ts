import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { startApi } from '../support/api-harness';
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

const ESTHER = { email: 'esther@library.org.uk', password: 'a lantern under the bridge' };

async function post<T>(request: APIRequestContext, path: string, data: unknown, csrf?: string): Promise<T> {
  const response = await request.post(path, { data, headers: csrf ? { 'X-CSRF-Token': csrf } : {} });
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Someone who already has an account elsewhere: they sign in from the invitation, join, switch between
 * their organisations, are removed, and are sent back to sign in, told why, when their session ends.
 */
describe('a person in two organisations', () => {
  let api: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let ownerContext: BrowserContext;
  let estherContext: BrowserContext;
  let owner: Page;
  let esther: Page;
  let invitationPath = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    browser = await launchBrowser();
    ownerContext = await browser.newContext({ baseURL: api.url });
    estherContext = await browser.newContext({ baseURL: api.url });

    const setup = await browser.newContext({ baseURL: api.url });
    await post(setup.request, '/api/auth/sign-up', {
      organisationName: 'Anytown Library Trust',
      name: 'Esther Elsewhere',
      ...ESTHER,
    });
    await setup.close();
    const session = await post<SessionBody>(ownerContext.request, '/api/auth/sign-up', {
      organisationName: 'Anytown Borough Council',
      name: 'Olivia Owner',
      email: 'olivia@anytown.gov.uk',
      password: 'correct horse battery staple',
    });
    const created = await post<{ link: string }>(
      ownerContext.request,
      `/api/orgs/${session.currentOrganisationId}/invitations`,
      { email: ESTHER.email, role: 'viewer' },
      session.csrfToken,
    );
    invitationPath = new URL(created.link).pathname;

    owner = await ownerContext.newPage();
    esther = await estherContext.newPage();
    collectPageErrors(owner, pageErrors);
    collectPageErrors(esther, pageErrors);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('signs in from the invitation and comes back to join', async () => {
    await esther.goto(invitationPath);
    await esther.getByRole('heading', { name: 'Sign in to accept' }).waitFor();
    await tabTo(esther, esther.getByRole('link', { name: `Sign in as ${ESTHER.email}` }));
    await esther.keyboard.press('Enter');

    await waitForScreen(esther, 'Sign in');
    await tabTo(esther, esther.getByLabel('Email address', { exact: true }));
    await esther.keyboard.type(ESTHER.email);
    await tabTo(esther, esther.getByLabel('Password', { exact: true }));
    await esther.keyboard.type(ESTHER.password);
    await esther.keyboard.press('Enter');

    await waitForScreen(esther, 'Accept your invitation');
    const join = esther.getByRole('button', { name: 'Join Anytown Borough Council' });
    await tabTo(esther, join);
    await expectNoSeriousViolations(esther, 'accept invitation, signed in as the invitee');
    await esther.keyboard.press('Enter');
    await waitForScreen(esther, 'Calendar');
  });

  it('switches organisation from the top bar and says so', async () => {
    const switcher = esther.getByRole('button', { name: /Organisation: Anytown Borough Council/ });
    await tabTo(esther, switcher);
    await esther.keyboard.press('Enter');
    const other = esther.getByRole('button', { name: /Anytown Library Trust/ });
    await other.waitFor();
    await expectNoSeriousViolations(esther, 'organisation switcher open');
    await tabTo(esther, other);
    await esther.keyboard.press('Enter');

    await esther
      .getByTestId('announcer')
      .getByText('You are now working in Anytown Library Trust.')
      .waitFor();
    await esther.getByRole('button', { name: /Organisation: Anytown Library Trust/ }).waitFor();
    // As owner of the trust, Esther now sees the Invitations page in Settings.
    await tabTo(esther, esther.getByRole('link', { name: 'Settings' }));
    await esther.keyboard.press('Enter');
    await waitForScreen(esther, 'Members');
    await esther
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Invitations' })
      .waitFor();
  });

  it('lets the owner remove her, naming who goes before doing it', async () => {
    await owner.goto('/settings/members');
    await waitForScreen(owner, 'Members');
    await tabTo(owner, owner.getByRole('button', { name: 'Remove Esther Elsewhere' }));
    await owner.keyboard.press('Enter');
    const confirm = owner.getByRole('button', { name: 'Yes, remove Esther Elsewhere' });
    await confirm.waitFor();
    expect(await isFocused(confirm)).toBe(true);
    expect(await owner.getByText('Remove Esther Elsewhere from Anytown Borough Council?').isVisible()).toBe(
      true,
    );
    await expectNoSeriousViolations(owner, 'members, confirming removal');
    await owner.keyboard.press('Enter');

    await owner
      .getByRole('status')
      .filter({ hasText: 'Esther Elsewhere has been removed from Anytown Borough Council.' })
      .waitFor();
    await owner.getByRole('row', { name: /Esther Elsewhere/ }).waitFor({ state: 'detached' });

    await owner.goto('/settings/audit-log');
    await owner.getByRole('row').filter({ hasText: 'Member removed' }).waitFor();
    expect(await owner.getByRole('row').filter({ hasText: 'Member removed' }).textContent()).toContain(
      ESTHER.email,
    );
  });

  it('sends her back to sign in, saying why, when her session ends', async () => {
    const session = await (await estherContext.request.get('/api/auth/session')).json();
    const out = await estherContext.request.post('/api/auth/sign-out', {
      headers: { 'X-CSRF-Token': (session as SessionBody).csrfToken },
    });
    expect(out.status()).toBe(204);

    await tabTo(
      esther,
      esther.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API tokens' }),
    );
    await esther.keyboard.press('Enter');
    await waitForScreen(esther, 'Sign in');
    await esther.getByText('Your session has ended.').waitFor();
    expect(new URL(esther.url()).searchParams.get('next')).toBe('/settings/api-tokens');
  });
});
