import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApi, type TestApi } from '../support/api-harness';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';
import {
  collectPageErrors,
  expectNoSeriousViolations,
  launchBrowser,
  waitForScreen,
} from './support/browser';
import { webBuildDir } from './support/web-build';

jest.setTimeout(180_000);

/** A date some days from today in London, as the API takes it. */
function londonDate(days: number): string {
  const parts: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(Date.now() + days * 86_400_000)))
    parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Issue 5: a post is moved on the calendar by dragging it to another day in the month view (Move in a day's list
 * is the keyboard way, tested in the publishing journey). The drop keeps the time of day and goes through the
 * same schedule route: a move into the past is refused in words and the post stays where it was.
 */
describe('Calendar: moving a post by dragging it', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let orgId: string;
  let csrf: string;
  let postId: string;
  const errors: string[] = [];

  async function scheduledAt(): Promise<{ date: string; time: string }> {
    const res = await context.request.get(`/api/orgs/${orgId}/posts/${postId}`);
    const post = (await res.json()) as { targets: Array<{ scheduledAt: string }> };
    const at = new Date(post.targets[0].scheduledAt);
    const parts: Record<string, string> = {};
    for (const p of new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(at))
      parts[p.type] = p.value;
    return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ WEB_DIST_DIR: webBuildDir(), SANDBOX_URL: sandbox.url });
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', locale: 'en-GB' });
    const signUp = await context.request.post('/api/auth/sign-up', {
      data: {
        organisationName: 'Drag Council',
        name: 'Olivia Owner',
        email: 'olivia@drag.example',
        password: 'correct horse battery staple',
      },
    });
    expect(signUp.status()).toBe(201);
    const session = (await signUp.json()) as { currentOrganisationId: string; csrfToken: string };
    orgId = session.currentOrganisationId;
    csrf = session.csrfToken;
    const headers = { 'X-CSRF-Token': csrf };
    const practice = await context.request.post(`/api/orgs/${orgId}/channels/practice`, {
      data: {},
      headers,
    });
    const channels = ((await practice.json()) as { channels: Array<{ id: string; network: string }> })
      .channels;
    const mastodon = channels.find((c) => c.network === 'mastodon')!;
    const created = await context.request.post(`/api/orgs/${orgId}/posts`, {
      data: {
        title: 'Swimming pool reopens',
        text: 'The pool reopens.',
        channels: [{ channelId: mastodon.id }],
      },
      headers,
    });
    postId = ((await created.json()) as { post: { id: string } }).post.id;
    // The owner is the only one who could approve, so the post is scheduled directly.
    const submitted = await context.request.post(`/api/orgs/${orgId}/posts/${postId}/submit`, {
      data: { schedule: { date: londonDate(1), time: '00:01' } },
      headers,
    });
    expect(((await submitted.json()) as { outcome: string }).outcome).toBe('scheduled');
    page = await context.newPage();
    collectPageErrors(page, errors);
  });

  afterEach(() => expect(errors).toEqual([]));

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  const chip = () => page.locator('[data-draggable-post]');
  const cell = (day: string) => page.locator(`td[data-drop-day="${day}"]`);

  it('moves a post to another day in the month view, keeping its time, and says so', async () => {
    await page.goto('/calendar');
    await waitForScreen(page, 'Calendar');
    await page.getByRole('button', { name: 'Month' }).click();
    await cell(londonDate(1)).locator('[data-draggable-post]').waitFor();
    await expectNoSeriousViolations(page, 'calendar, month, a post that can be dragged');

    await chip().dragTo(cell(londonDate(2)));
    await page.getByRole('status').filter({ hasText: /\w/ }).first().waitFor();
    await cell(londonDate(2)).locator('[data-draggable-post]').waitFor();
    expect(await scheduledAt()).toEqual({ date: londonDate(2), time: '00:01' });
    await expectNoSeriousViolations(page, 'calendar, month, after a move');
  });

  it('refuses a move into the past, says why, and leaves the post where it was', async () => {
    // Yesterday is in the month grid unless today is its first day; then today at 00:01 has passed too.
    const past = (await cell(londonDate(-1)).count()) ? londonDate(-1) : londonDate(0);
    await chip().dragTo(cell(past));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^“Swimming pool reopens” was not moved to \w+day \d+ \w+.*: .*has already passed/,
    );
    expect(await scheduledAt()).toEqual({ date: londonDate(2), time: '00:01' });
    expect(await cell(londonDate(2)).locator('[data-draggable-post]').count()).toBe(1);
    await expectNoSeriousViolations(page, 'calendar, month, a refused move');
  });

  it('moves a post by dragging in the week view too', async () => {
    await page.getByRole('button', { name: 'Week' }).click();
    await page.locator('td[data-drop-day]').first().waitFor();
    if ((await cell(londonDate(2)).count()) === 0) {
      await page.getByRole('button', { name: 'Later week' }).click();
      await cell(londonDate(2)).waitFor();
    }
    await cell(londonDate(2)).locator('[data-draggable-post]').waitFor();
    const days = await page
      .locator('td[data-drop-day]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-drop-day')!));
    // A later day of the same week that is not the post's own.
    const target = days.find((d) => d > londonDate(0) && d !== londonDate(2))!;
    await chip().dragTo(cell(target));
    await cell(target).locator('[data-draggable-post]').waitFor();
    expect(await scheduledAt()).toEqual({ date: target, time: '00:01' });
    await expectNoSeriousViolations(page, 'calendar, week, after a move');
  });
});
