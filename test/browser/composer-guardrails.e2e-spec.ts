import type { Browser, BrowserContext, Page } from 'playwright-core';
import { APPROVAL_POLICY_ROUTES } from '../../apps/web/src/api/approval-policy';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
import { startApi, type TestApi } from '../support/api-harness';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';
import {
  collectPageErrors,
  expectNoSeriousViolations,
  launchBrowser,
  tabTo,
  waitForScreen,
} from './support/browser';
import { webBuildDir } from './support/web-build';

jest.setTimeout(180_000);

/** A date some days from today in UTC, as the API takes it. */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The composer's safety net for a new organisation with one owner, keyboard first and axe on each state:
 * the approval policy says in words that nobody else could approve (composer and Settings → Approval), drafts
 * save themselves and survive a reload, the quiet period's explainer opens the composer filled in, and a name
 * from the list of candidates and parties is flagged as it is typed and on the post page.
 */
describe('Composer guardrails for a new organisation', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orgId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ WEB_DIST_DIR: webBuildDir(), SANDBOX_URL: sandbox.url });
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', locale: 'en-GB' });
    const signUp = await context.request.post('/api/auth/sign-up', {
      data: {
        organisationName: 'Llanfair Town Council',
        name: 'Olivia Owner',
        email: 'olivia@llanfair.example',
        password: 'correct horse battery staple',
      },
    });
    expect(signUp.status()).toBe(201);
    const session = (await signUp.json()) as { currentOrganisationId: string; csrfToken: string };
    orgId = session.currentOrganisationId;
    const headers = { 'X-CSRF-Token': session.csrfToken };
    expect(
      (await context.request.post(`/api/orgs/${orgId}/channels/practice`, { data: {}, headers })).status(),
    ).toBe(201);
    const period = await context.request.post(`/api/orgs/${orgId}/settings/quiet-periods`, {
      data: {
        name: 'By-election',
        startsOn: daysAhead(14),
        endsOn: daysAhead(40),
        approverRoles: ['owner'],
        candidateNames: ['Jane Smith', 'Green Valley Party'],
      },
      headers,
    });
    expect(period.status()).toBe(201);
    page = await context.newPage();
    collectPageErrors(page, errors);
  });

  afterEach(() => expect(errors).toEqual([]));

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  it('lists the approval policy routes the web app calls in the OpenAPI document', async () => {
    const doc = (await (await context.request.get('/api/docs-json')).json()) as {
      paths: Record<string, object>;
    };
    const absent = Object.entries(APPROVAL_POLICY_ROUTES)
      .filter(([, [method, route]]) => !(method.toLowerCase() in (doc.paths[route] ?? {})))
      .map(([name]) => name);
    expect(absent).toEqual([]);
  });

  it('says in Settings → Approval that nobody else could approve, with the way out', async () => {
    await page.goto('/settings/members');
    await waitForScreen(page, 'Members');
    const link = page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Approval' });
    await tabTo(page, link, 60);
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'Approval');
    const notice = page.getByTestId('approval-policy-notice');
    expect(await notice.textContent()).toContain('Nobody else here can approve posts');
    await notice.getByRole('link', { name: 'Invite an approver' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Editors’ posts' }).isChecked()).toBe(true);
    await expectNoSeriousViolations(page, 'settings, approval, nobody else can approve');

    // Owners and admins change it by keyboard; saving is said in the page's status region.
    const owners = page.getByRole('checkbox', { name: 'Owners’ posts' });
    await tabTo(page, owners, 60);
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Save the approval policy' }), 60);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Approval policy saved.' }).waitFor();
    const saved = await context.request.get(`/api/orgs/${orgId}/settings/approval-policy`);
    const roles = ((await saved.json()) as { rolesRequiringApproval: string[] }).rolesRequiringApproval;
    expect([...roles].sort()).toEqual(['admin', 'approver', 'editor']);
    await expectNoSeriousViolations(page, 'settings, approval, saved');
  });

  it('offers the owner "Schedule", not a submit nobody could answer, and saves the draft by itself', async () => {
    await page.goto('/posts/new');
    await waitForScreen(page, 'New post');
    await page.getByTestId('approval-policy-notice').waitFor();
    expect(await page.getByRole('button', { name: 'Schedule' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Submit for approval' }).count()).toBe(0);

    const text = page.getByLabel('What do you want to say?');
    await tabTo(page, text, 60);
    await page.keyboard.type('The recycling centre is closed on Monday for repairs.');
    const box = page.getByRole('checkbox', { name: /^Mastodon/ });
    await tabTo(page, box, 60);
    await page.keyboard.press('Space');
    const status = page.getByTestId('autosave-status');
    await status.filter({ hasText: /^Draft saved at \d{2}:\d{2}\.$/ }).waitFor({ timeout: 20_000 });
    expect(await status.getAttribute('role')).toBe('status');
    expect(page.url()).toMatch(/\/posts\/[0-9a-f-]+\/edit$/);
    await expectNoSeriousViolations(page, 'composer, draft saved by itself');

    await page.reload();
    await waitForScreen(page, 'Edit post');
    expect(await page.getByLabel('What do you want to say?').inputValue()).toBe(
      'The recycling centre is closed on Monday for repairs.',
    );
    expect(await page.getByRole('checkbox', { name: /^Mastodon/ }).isChecked()).toBe(true);
    const postId = page.url().split('/').slice(-2)[0];
    const saved = await context.request.get(`/api/orgs/${orgId}/posts/${postId}`);
    expect(((await saved.json()) as { state: string }).state).toBe('draft');
  });

  it('opens the explainer post from the quiet period, and flags a listed name as it is typed', async () => {
    await page.goto('/settings/quiet-periods');
    await waitForScreen(page, 'Quiet periods');
    const explainer = page.getByRole('link', { name: 'Write the explainer post for By-election' });
    await tabTo(page, explainer, 80);
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'New post');
    expect(await page.getByLabel('What do you want to say?').inputValue()).toMatch(
      /^Why we are posting less/,
    );
    expect(await page.getByLabel('Title (only your team sees it)').inputValue()).toBe(
      'Why we are quieter: By-election',
    );

    const text = page.getByLabel('What do you want to say?');
    await text.fill('Jane Smith opened the new play park today.');
    const box = page.getByRole('checkbox', { name: /^Mastodon/ });
    await tabTo(page, box, 60);
    await page.keyboard.press('Space');
    const flags = page.getByTestId('quiet-name-flags');
    await flags.waitFor();
    expect(await flags.textContent()).toContain(
      'Mentions Jane Smith, on the list of candidates and parties for By-election',
    );
    await expectNoSeriousViolations(page, 'composer, a listed name flagged');

    await page
      .getByTestId('autosave-status')
      .filter({ hasText: /^Draft saved at/ })
      .waitFor({ timeout: 20_000 });
    const postId = page.url().split('/').slice(-2)[0];
    await page.goto(`/posts/${postId}`);
    await page.getByTestId('quiet-name-flags').filter({ hasText: 'Mentions Jane Smith' }).waitFor();
    await expectNoSeriousViolations(page, 'post page, a listed name flagged');
  });

  it('shows the approver the flag in the Approvals queue', async () => {
    const editor = await addMember(api, orgId, 'editor');
    const approver = await addMember(api, orgId, 'approver');
    const signIn = async (email: string) => {
      const ctx = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', locale: 'en-GB' });
      const res = await ctx.request.post('/api/auth/sign-in', { data: { email, password: STRONG_PASSWORD } });
      expect(res.status()).toBe(200);
      return { ctx, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    const asEditor = await signIn(editor.email);
    const channels = await asEditor.ctx.request.get(`/api/orgs/${orgId}/channels`);
    const mastodon = (
      (await channels.json()) as { channels: Array<{ id: string; network: string }> }
    ).channels.find((c) => c.network === 'mastodon')!;
    const headers = { 'X-CSRF-Token': asEditor.csrf };
    const created = await asEditor.ctx.request.post(`/api/orgs/${orgId}/posts`, {
      data: {
        text: 'The Green Valley Party stall is at the market on Saturday.',
        channels: [{ channelId: mastodon.id }],
      },
      headers,
    });
    const postId = ((await created.json()) as { post: { id: string } }).post.id;
    expect(
      (
        await asEditor.ctx.request.post(`/api/orgs/${orgId}/posts/${postId}/submit`, { data: {}, headers })
      ).status(),
    ).toBe(200);

    const asApprover = await signIn(approver.email);
    const queue = await asApprover.ctx.newPage();
    collectPageErrors(queue, errors);
    await queue.goto('/approvals');
    await waitForScreen(queue, 'Approvals');
    const flag = queue.locator('.approval').getByTestId('quiet-name-flags');
    await flag.waitFor();
    expect(await flag.textContent()).toContain('Mentions Green Valley Party');
    await expectNoSeriousViolations(queue, 'approvals, a listed name flagged');
    await asEditor.ctx.close();
    await asApprover.ctx.close();
  });
});
