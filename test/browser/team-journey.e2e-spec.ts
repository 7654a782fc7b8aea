import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/**
 * The foundation's promise, by keyboard only (Tab, Enter and typing; no clicks): an owner signs up, invites
 * a colleague, the colleague accepts in their own browser, the owner changes their role, and both events are
 * in the audit log.
 */
jest.setTimeout(120_000);

describe('a team forms, by keyboard only', () => {
  let api: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let ownerContext: BrowserContext;
  let colleagueContext: BrowserContext;
  let owner: Page;
  let colleague: Page;
  let invitationLink = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    api = await startApi({ WEB_DIST_DIR: webBuildDir() });
    browser = await launchBrowser();
    ownerContext = await browser.newContext({ baseURL: api.url });
    colleagueContext = await browser.newContext({ baseURL: api.url });
    owner = await ownerContext.newPage();
    colleague = await colleagueContext.newPage();
    collectPageErrors(owner, pageErrors);
    collectPageErrors(colleague, pageErrors);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  async function type(page: Page, label: string, text: string) {
    const field = page.getByLabel(label, { exact: true });
    await tabTo(page, field);
    await page.keyboard.type(text);
    expect(await field.inputValue()).toBe(text);
  }

  async function press(page: Page, target: ReturnType<Page['getByRole']>) {
    await tabTo(page, target);
    await page.keyboard.press('Enter');
  }

  it('signs up the owner, starting from the skip link', async () => {
    await owner.goto('/sign-up');
    await waitForScreen(owner, 'Create an account for your organisation');
    await owner.keyboard.press('Tab');
    expect(await isFocused(owner.getByRole('link', { name: 'Skip to main content' }))).toBe(true);

    await type(owner, 'Organisation name', 'Anytown Borough Council');
    await type(owner, 'Your full name', 'Olivia Owner');
    await type(owner, 'Your work email address', 'olivia@anytown.gov.uk');
    await type(owner, 'Create a password', 'correct horse battery staple');
    await press(owner, owner.getByRole('button', { name: 'Create account' }));

    await waitForScreen(owner, 'Members');
    expect(await owner.getByRole('banner').textContent()).toContain('Anytown Borough Council');
    expect(await owner.getByRole('row', { name: /Olivia Owner/ }).textContent()).toContain('Owner');
  });

  it('invites a colleague as a responder and gets the link once', async () => {
    await press(owner, owner.getByRole('link', { name: 'invite your colleagues' }));
    await waitForScreen(owner, 'Invitations');

    await type(owner, 'Their email address', 'ravi@anytown.gov.uk');
    const role = owner.getByLabel('Their role', { exact: true });
    await tabTo(owner, role);
    await owner.keyboard.type('Responder');
    expect(await role.inputValue()).toBe('responder');
    await press(owner, owner.getByRole('button', { name: 'Create invitation link' }));

    const link = owner.getByLabel('Invitation link', { exact: true });
    await link.waitFor();
    invitationLink = await link.inputValue();
    expect(invitationLink).toMatch(/\/invitations\/[^/]+$/);
    expect(await owner.getByRole('button', { name: 'Copy' }).isVisible()).toBe(true);
    expect(await owner.getByRole('row', { name: /ravi@anytown\.gov\.uk/ }).textContent()).toContain(
      'Responder',
    );
  });

  it('lets the colleague accept in their own browser with a new account', async () => {
    await colleague.goto(new URL(invitationLink).pathname);
    await waitForScreen(colleague, 'Accept your invitation');
    expect(await colleague.getByText('You have been invited to join').textContent()).toMatch(
      /Anytown Borough Council.*a responder/,
    );
    await expectNoSeriousViolations(colleague, 'accept invitation (new account)');

    await type(colleague, 'Your full name', 'Ravi Responder');
    await type(colleague, 'Create a password', 'seven lanterns over the quay');
    await press(
      colleague,
      colleague.getByRole('button', { name: 'Create account and join Anytown Borough Council' }),
    );
    await waitForScreen(colleague, 'Calendar');
    expect(await colleague.getByRole('banner').textContent()).toContain('Anytown Borough Council');
  });

  it('lets the owner make the colleague an approver', async () => {
    await owner.reload();
    await waitForScreen(owner, 'Invitations');
    await owner.getByText('No invitations are waiting to be accepted.').waitFor();

    await press(
      owner,
      owner.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Members' }),
    );
    await waitForScreen(owner, 'Members');
    const role = owner.getByLabel('Role for Ravi Responder', { exact: true });
    expect(await role.inputValue()).toBe('responder');
    await tabTo(owner, role);
    await owner.keyboard.type('Approver');
    expect(await role.inputValue()).toBe('approver');
    await press(owner, owner.getByRole('button', { name: 'Change role for Ravi Responder' }));

    await owner.getByRole('status').filter({ hasText: 'Ravi Responder is now an approver.' }).waitFor();
  });

  it('shows both events in the audit log, and the log checks out', async () => {
    await press(
      owner,
      owner.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }),
    );
    await waitForScreen(owner, 'Audit log');
    const table = owner.getByRole('table');
    await table.waitFor();

    const invited = owner.getByRole('row').filter({ hasText: 'Invitation created' });
    const roleChanged = owner.getByRole('row').filter({ hasText: 'Role changed' });
    expect(await invited.count()).toBe(1);
    expect(await roleChanged.count()).toBe(1);
    expect(await invited.textContent()).toContain('Olivia Owner');
    expect(await roleChanged.textContent()).toContain('Olivia Owner');
    // Dates are written out in words, with the time zone.
    expect(await roleChanged.textContent()).toMatch(
      /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} (GMT|BST)/,
    );

    // Filtering by "what happened" keeps only the role change.
    const action = owner.getByLabel('What happened', { exact: true });
    await tabTo(owner, action);
    await owner.keyboard.type('Role changed');
    expect(await action.inputValue()).toBe('member.role_changed');
    await press(owner, owner.getByRole('button', { name: 'Apply filters' }));
    await owner.getByRole('status').filter({ hasText: 'that matches these filters' }).waitFor();
    expect(await owner.getByRole('row').filter({ hasText: 'Invitation created' }).count()).toBe(0);
    expect(await owner.getByRole('row').filter({ hasText: 'Role changed' }).count()).toBe(1);
    const csv = await owner.getByRole('link', { name: /Download these events/ }).getAttribute('href');
    expect(csv).toContain('action=member.role_changed');

    await press(owner, owner.getByRole('button', { name: 'Verify integrity' }));
    const verdict = owner.locator('.verify-result');
    await verdict.getByText(/intact/i).waitFor();
  });
});
