import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { POST_ROUTES } from '../../apps/web/src/api/posts';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
import { startApi, type TestApi } from '../support/api-harness';
import { ledgerEntries } from '../integration/platforms/support/sandbox-controls';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';
import {
  collectPageErrors,
  expectNoSeriousViolations,
  isFocused,
  launchBrowser,
  tabTo,
  waitForScreen,
} from './support/browser';
import { webBuildDir } from './support/web-build';

jest.setTimeout(180_000);

interface ChannelBody {
  id: string;
  network: string;
  networkName: string;
  handle: string;
}

const OWNER = {
  organisationName: 'Cardiff Council',
  name: 'Olivia Owner',
  email: 'olivia@cardiff.gov.uk',
  password: 'correct horse battery staple',
};

const TEXT = 'The library on Queen Street opens late on Thursdays from next week, until 8pm.';

function label(c: ChannelBody): string {
  return `${c.networkName} ${c.handle.startsWith('@') ? c.handle : `@${c.handle}`}`;
}

/**
 * Issue 5's journey in two browsers: an editor composes one post for X, Facebook and Mastodon practice channels
 * (keyboard only, at 320 px wide), an approver approves it in the Approvals queue, a real worker publishes it on
 * the sandbox, and the post page shows a link to each live post. axe on each screen and state.
 */
describe('Publishing journey', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let worker: WorkerProcess;
  let browser: Browser;
  let editorContext: BrowserContext;
  let approverContext: BrowserContext;
  let editor: Page;
  let approver: Page;
  let orgId: string;
  let chosen: ChannelBody[];
  let postId: string;
  let owner: { context: BrowserContext; csrf: string };
  let editorCsrf: string;
  const pageErrors: string[] = [];

  async function signedInContext(email: string): Promise<{ context: BrowserContext; csrf: string }> {
    const context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', locale: 'en-GB' });
    const response = await context.request.post('/api/auth/sign-in', {
      data: { email, password: STRONG_PASSWORD },
    });
    expect(response.status()).toBe(200);
    return { context, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ WEB_DIST_DIR: webBuildDir(), SANDBOX_URL: sandbox.url });
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(api.config))
      if (['string', 'number', 'boolean'].includes(typeof value)) env[key] = String(value);
    worker = await startWorkerProcess(env);
    browser = await launchBrowser();

    const ownerContext = await browser.newContext({ baseURL: api.url });
    const signUp = await ownerContext.request.post('/api/auth/sign-up', { data: OWNER });
    expect(signUp.status()).toBe(201);
    const session = (await signUp.json()) as { currentOrganisationId: string; csrfToken: string };
    orgId = session.currentOrganisationId;
    const practice = await ownerContext.request.post(`/api/orgs/${orgId}/channels/practice`, {
      data: {},
      headers: { 'X-CSRF-Token': session.csrfToken },
    });
    expect(practice.status()).toBe(201);
    const channels = ((await practice.json()) as { channels: ChannelBody[] }).channels;
    chosen = ['x', 'facebook', 'mastodon'].map((n) => channels.find((c) => c.network === n)!);
    expect(chosen.every(Boolean)).toBe(true);
    owner = { context: ownerContext, csrf: session.csrfToken };

    const editorMember = await addMember(api, orgId, 'editor');
    const approverMember = await addMember(api, orgId, 'approver');
    const signedInEditor = await signedInContext(editorMember.email);
    editorContext = signedInEditor.context;
    editorCsrf = signedInEditor.csrf;
    approverContext = (await signedInContext(approverMember.email)).context;
    editor = await editorContext.newPage();
    await editor.setViewportSize({ width: 320, height: 800 });
    approver = await approverContext.newPage();
    collectPageErrors(editor, pageErrors);
    collectPageErrors(approver, pageErrors);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await owner?.context.close();
    await browser?.close();
    await worker?.kill('SIGTERM');
    await api?.stop();
    await sandbox?.stop();
  });

  async function press(page: Page, target: Locator) {
    await tabTo(page, target, 120);
    await page.keyboard.press('Enter');
  }

  it('lists every posts route the web app calls in the OpenAPI document', async () => {
    const doc = (await (await editorContext.request.get('/api/docs-json')).json()) as {
      paths: Record<string, object>;
    };
    const absent = Object.entries(POST_ROUTES)
      .filter(([, [method, path]]) => !(method.toLowerCase() in (doc.paths[path] ?? {})))
      .map(([name, [method, path]]) => `${name}: ${method} ${path}`);
    expect(absent).toEqual([]);
  });

  it('lets the editor compose for three networks by keyboard at 320 px, with live counts', async () => {
    await editor.goto('/calendar');
    await waitForScreen(editor, 'Calendar');
    await expectNoSeriousViolations(editor, 'calendar, empty');
    // The frame's global button opens the composer.
    await press(editor, editor.getByRole('banner').getByRole('link', { name: 'New post' }));
    await waitForScreen(editor, 'New post');
    // Nothing wider than the screen at 320 px.
    expect(await editor.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    // An editor's posts need approval under the default policy.
    expect(await editor.getByRole('button', { name: 'Submit for approval' }).count()).toBe(1);
    await expectNoSeriousViolations(editor, 'composer, empty');

    const text = editor.getByLabel('What do you want to say?');
    await tabTo(editor, text, 120);
    await editor.keyboard.type(TEXT);
    for (const c of chosen) {
      const box = editor.getByRole('checkbox', { name: label(c) });
      await tabTo(editor, box, 120);
      await editor.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
    // One tab per channel; each variant starts from the shared text and counts by its network's rules.
    const tabs = editor.getByRole('tab');
    expect(await tabs.count()).toBe(3);
    await editor
      .locator('.counter')
      .filter({ hasText: `${TEXT.length} of 280 characters` })
      .waitFor();
    const xVariant = editor.getByLabel(`Text for ${label(chosen[0])}`);
    expect(await xVariant.inputValue()).toBe(TEXT);
    await editor.getByRole('list', { name: `Preview on X` }).getByText(TEXT).waitFor();
    // The counts are said once, politely, after typing stops.
    await editor.getByTestId('count-announcer').filter({ hasText: 'of 280 characters' }).waitFor();

    // Arrow keys move between the channel tabs.
    expect(await tabs.first().getAttribute('aria-selected')).toBe('true');
    await tabTo(editor, tabs.first(), 120);
    await editor.keyboard.press('ArrowRight');
    expect(await isFocused(tabs.nth(1))).toBe(true);
    expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
    await editor.getByLabel(`Text for ${label(chosen[1])}`).waitFor();
    await expectNoSeriousViolations(editor, 'composer, three channels');
    expect(await editor.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);

    // As soon as it is approved.
    const atTime = editor.getByRole('radio', { name: 'At a date and time' });
    await tabTo(editor, atTime, 120);
    await editor.keyboard.press('ArrowDown');
    expect(await editor.getByRole('radio', { name: 'As soon as it is approved' }).isChecked()).toBe(true);

    // Says what will happen, then does it, then says what happened.
    await press(editor, editor.getByRole('button', { name: 'Submit for approval' }));
    await editor
      .getByText(
        'This will send the post for approval. Once approved, it will publish to X, Facebook and Mastodon as soon as possible.',
      )
      .waitFor();
    await expectNoSeriousViolations(editor, 'composer, summary before submitting');
    await press(editor, editor.getByRole('button', { name: 'Yes, submit for approval' }));
    const done = editor.locator('.notice--success');
    await done.waitFor();
    expect(await done.textContent()).toMatch(/approv/i);
    await expectNoSeriousViolations(editor, 'composer, submitted');
    const open = editor.getByRole('link', { name: 'Open the post' });
    postId = ((await open.getAttribute('href')) ?? '').split('/').pop() ?? '';
    expect(postId).not.toBe('');
  });

  it('refuses an image without alt text before it is uploaded, and opens a saved draft as it was', async () => {
    await editor.goto('/posts/new');
    await waitForScreen(editor, 'New post');
    await editor.getByLabel('Choose a file').setInputFiles({
      name: 'library.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await press(editor, editor.getByRole('button', { name: 'Attach library.png' }));
    await editor.getByText('The alt text cannot be left empty.').waitFor();
    expect(await isFocused(editor.getByLabel('Alt text (required for images)'))).toBe(true);
    await expectNoSeriousViolations(editor, 'composer, image without alt text');
    await editor.keyboard.type('The library front door at dusk');
    await press(editor, editor.getByRole('button', { name: 'Attach library.png' }));
    await editor.getByText('(alt text: The library front door at dusk)').waitFor();

    // Saved as a draft, it opens again as it was, image and all.
    await editor.getByLabel('What do you want to say?').fill('Draft: new opening hours');
    await editor.getByRole('checkbox', { name: label(chosen[2]) }).check();
    await press(editor, editor.getByRole('button', { name: 'Save draft' }));
    await waitForScreen(editor, 'Edit post');
    expect(editor.url()).toMatch(/\/posts\/[0-9a-f-]+\/edit$/);
    await editor.reload();
    await waitForScreen(editor, 'Edit post');
    expect(await editor.getByLabel('What do you want to say?').inputValue()).toBe('Draft: new opening hours');
    expect(await editor.getByRole('checkbox', { name: label(chosen[2]) }).isChecked()).toBe(true);
    await editor.getByText('(alt text: The library front door at dusk)').waitFor();
    await editor.getByRole('img', { name: 'The library front door at dusk' }).waitFor();
    await expectNoSeriousViolations(editor, 'composer, editing a draft with an image');
  });

  it('lets the approver see the post in the queue, insists on a comment for changes, then approves', async () => {
    // The approver was told, in the top bar and on the notifications screen.
    await approver.goto('/notifications');
    await waitForScreen(approver, 'Notifications');
    await approver.getByRole('link', { name: /^Notifications \(\d+ new\)$/ }).waitFor();
    await approver.locator('.notification').filter({ hasText: 'New:' }).first().waitFor();
    await expectNoSeriousViolations(approver, 'notifications, one new');
    await approver.getByRole('button', { name: 'Mark all as read' }).click();
    await approver.getByRole('status').filter({ hasText: 'All notifications are marked as read.' }).waitFor();

    await approver.goto('/approvals');
    await waitForScreen(approver, 'Approvals');
    const item = approver.locator('.approval').filter({ hasText: TEXT.slice(0, 40) });
    await item.waitFor();
    expect(await item.textContent()).toContain('Test editor');
    for (const c of chosen) await item.getByRole('list', { name: `Preview on ${c.networkName}` }).waitFor();
    await expectNoSeriousViolations(approver, 'approvals, one waiting');

    await item.getByRole('button', { name: 'Request changes' }).click();
    await item.getByText('Say what needs to change').waitFor();
    await expectNoSeriousViolations(approver, 'approvals, comment missing');

    await item.getByRole('button', { name: /^Approve/ }).click();
    await approver.getByText('Nothing is waiting for you.').waitFor();
    await expectNoSeriousViolations(approver, 'approvals, empty');
  });

  it('publishes on the sandbox and shows a link to each live post on the post page', async () => {
    await approver.goto(`/posts/${postId}`);
    await approver.getByRole('heading', { level: 1 }).waitFor();
    for (const c of chosen) {
      const link = approver.getByRole('link', { name: `View on ${c.networkName} ↗ (opens in a new tab)` });
      await link.waitFor({ timeout: 60_000 });
      expect(await link.getAttribute('target')).toBe('_blank');
      expect((await link.getAttribute('href')) ?? '').toMatch(/^https?:\/\/\S+$/);
    }
    // Each network really has the post, exactly once.
    const ledger = await ledgerEntries(sandbox, { kind: 'post' });
    for (const c of chosen)
      expect(ledger.filter((e) => e.network === c.network && e.content?.includes(TEXT))).toHaveLength(1);
    expect(await approver.locator('.target__state').allTextContents()).toEqual([
      expect.stringMatching(/^Published /),
      expect.stringMatching(/^Published /),
      expect.stringMatching(/^Published /),
    ]);
    await approver.getByText(/^Approved by Test approver/).waitFor();
    await expectNoSeriousViolations(approver, 'post page, published');

    // And on the calendar, with network names and the state in words.
    await editor.goto('/calendar');
    await waitForScreen(editor, 'Calendar');
    const chips = editor.locator('.chip').filter({ hasText: TEXT.slice(0, 30) });
    await chips.nth(2).waitFor();
    const texts = (await chips.allTextContents()).join('\n');
    for (const c of chosen) expect(texts).toContain(c.networkName);
    expect(texts).toMatch(/Published \w+day \d{1,2} \w+ \d{4}, \d{2}:\d{2} (GMT|BST)/);
    await expectNoSeriousViolations(editor, 'calendar, published');
  });

  /** A date some days ahead in London, as the schedule picker takes it. */
  function londonDate(daysAhead: number): string {
    const parts: Record<string, string> = {};
    for (const p of new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(new Date(Date.now() + daysAhead * 24 * 60 * 60 * 1000)))
      parts[p.type] = p.value;
    return `${parts.year}-${parts.month}-${parts.day}`;
  }

  it('lets an approver change the words while approving where the policy allows, shown as a difference', async () => {
    const policy = await owner.context.request.put(`/api/orgs/${orgId}/settings/approval-policy`, {
      data: { rolesRequiringApproval: ['editor'], approvalsRequired: 1, approversMayEdit: true },
      headers: { 'X-CSRF-Token': owner.csrf },
    });
    expect(policy.status()).toBe(200);
    const mastodon = chosen[2];
    const created = await editorContext.request.post(`/api/orgs/${orgId}/posts`, {
      data: {
        text: 'Bins are collected a day late after the bank holiday.',
        channels: [{ channelId: mastodon.id }],
      },
      headers: { 'X-CSRF-Token': editorCsrf },
    });
    expect(created.status()).toBe(201);
    const second = ((await created.json()) as { post: { id: string } }).post.id;
    const submitted = await editorContext.request.post(`/api/orgs/${orgId}/posts/${second}/submit`, {
      data: { schedule: { date: londonDate(2), time: '10:00' } },
      headers: { 'X-CSRF-Token': editorCsrf },
    });
    expect(submitted.status()).toBe(200);

    await approver.goto('/approvals');
    await waitForScreen(approver, 'Approvals');
    const item = approver.locator('.approval').filter({ hasText: 'Bins are collected' });
    await item.getByRole('checkbox', { name: 'Change the shared text before approving' }).check();
    await item
      .getByLabel('Shared text', { exact: true })
      .fill('Bins are collected two days late after the bank holiday.');
    await item.locator('.diff del').filter({ hasText: 'a day' }).waitFor();
    await item.locator('.diff ins').filter({ hasText: 'two days' }).waitFor();
    await expectNoSeriousViolations(approver, 'approvals, editing while approving');
    await item.getByRole('button', { name: 'Approve with your change' }).click();
    await approver.getByText('Nothing is waiting for you.').waitFor();

    await approver.goto(`/posts/${second}`);
    await approver.getByText('Approved by Test approver, with changes').waitFor();
    await approver.locator('.diff ins').filter({ hasText: 'two days' }).waitFor();
    await approver
      .locator('.target__state')
      .filter({ hasText: /^Scheduled for / })
      .waitFor();
    await expectNoSeriousViolations(approver, "post page, scheduled with an approver's change");
  });

  it('moves a scheduled post on the calendar by keyboard, with a date and a time', async () => {
    await editor.goto('/calendar');
    await waitForScreen(editor, 'Calendar');
    const move = editor.getByRole('button', { name: /^Move Bins are collected two days late/ });
    await press(editor, move);
    const form = editor.getByRole('group', { name: /^Move Bins are collected/ });
    // Reached by Tab; the value is set with fill because the order of a date field's parts follows the
    // browser's own language, which the test cannot rely on.
    await tabTo(editor, form.getByLabel('New date'), 120);
    const target = londonDate(3);
    await form.getByLabel('New date').fill(target);
    await tabTo(editor, form.getByLabel(/^New time/), 10);
    await form.getByLabel(/^New time/).fill('11:30');
    expect(await form.getByLabel('New date').inputValue()).toBe(target);
    expect(await form.getByLabel(/^New time/).inputValue()).toBe('11:30');
    await expectNoSeriousViolations(editor, 'calendar, moving a post');
    await press(editor, form.getByRole('button', { name: 'Move to this time' }));
    const status = editor.getByRole('status').filter({ hasText: /11:30 (GMT|BST)/ });
    await status.waitFor();
    await editor
      .locator('.chip')
      .filter({ hasText: /Scheduled for .*11:30/ })
      .waitFor();

    // The month: arrow keys move between days, Enter shows a day's posts.
    await press(editor, editor.getByRole('button', { name: 'Month', exact: true }));
    expect(
      await editor.getByRole('button', { name: 'Month', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');
    const today = editor.getByRole('button', { name: /\(today\)/ });
    await tabTo(editor, today, 120);
    for (let i = 0; i < 3; i++) await editor.keyboard.press('ArrowRight');
    const moved = editor.locator(`[data-day="${target}"]`);
    expect(await isFocused(moved)).toBe(true);
    expect(await moved.getAttribute('aria-label')).toMatch(/, 1 post$/);
    await editor.keyboard.press('ArrowLeft');
    expect(await isFocused(moved)).toBe(false);
    await editor.keyboard.press('ArrowRight');
    expect(await isFocused(moved)).toBe(true);
    await editor.keyboard.press('Enter');
    await editor.locator('.chip').filter({ hasText: 'Bins are collected two days late' }).waitFor();
    await expectNoSeriousViolations(editor, 'calendar, month with a day open');

    await press(editor, editor.getByRole('button', { name: 'Week', exact: true }));
    await editor.locator('.day-grid tbody tr').first().waitFor();
    expect(await editor.locator('.day-grid tbody tr').count()).toBe(1);
    await expectNoSeriousViolations(editor, 'calendar, week');
  });

  it('shows a banner on every screen while publishing is paused', async () => {
    const paused = await owner.context.request.post(`/api/orgs/${orgId}/publishing/pause`, {
      data: { reason: 'A period of national mourning' },
      headers: { 'X-CSRF-Token': owner.csrf },
    });
    expect(paused.status()).toBe(200);
    await editor.goto('/calendar');
    await waitForScreen(editor, 'Calendar');
    const banner = editor.locator('.banner').filter({ hasText: 'A period of national mourning' });
    await banner.waitFor();
    await expectNoSeriousViolations(editor, 'calendar, publishing paused');
    await editor.goto('/approvals');
    await waitForScreen(editor, 'Approvals');
    await banner.waitFor();
    const resumed = await owner.context.request.post(`/api/orgs/${orgId}/publishing/resume`, {
      data: {},
      headers: { 'X-CSRF-Token': owner.csrf },
    });
    expect(resumed.status()).toBe(200);
    await editor.goto('/calendar');
    await waitForScreen(editor, 'Calendar');
    expect(await editor.locator('.banner').count()).toBe(0);
  });
});
