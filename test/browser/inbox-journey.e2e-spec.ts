import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ChannelVault } from '@outside-in/channels';
import { loadConfig } from '@outside-in/common';
import { JobQueue, QueueName } from '@outside-in/queue';
import { INBOX_ROUTES } from '../../apps/web/src/api/inbox';
import { startWorker } from '../../apps/worker/src/start-worker';
import { ledgerEntries } from '../integration/platforms/support/sandbox-controls';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
import { startApi, type TestApi } from '../support/api-harness';
import { createSandboxChannel, type TestChannel } from '../support/channel-fixtures';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';
import { TEST_REDIS_URL } from '../support/test-env';
import {
  collectPageErrors,
  expectNoSeriousViolations,
  isFocused,
  launchBrowser,
  waitForScreen,
} from './support/browser';
import { webBuildDir } from './support/web-build';

jest.setTimeout(180_000);

const OWNER = {
  organisationName: 'Swansea Council',
  name: 'Olivia Owner',
  email: `olivia.${randomUUID().slice(0, 8)}@swansea.gov.uk`,
  password: 'correct horse battery staple',
};

/**
 * Issue 6's journey in the browser against the real API, a real worker and the sandbox: a citizen's tweet
 * arrives and appears live for two staff in two browsers; one assigns it to herself and types, the other sees
 * her typing; the reply goes out through the worker and is threaded under the citizen's tweet on the sandbox.
 * A viewer reads without a reply box; the shortcuts work and ? lists them. axe in each state.
 */
describe('Inbox journey', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let worker: INestApplicationContext;
  let browser: Browser;
  let olivia: BrowserContext;
  let sam: BrowserContext;
  let oliviaPage: Page;
  let samPage: Page;
  let orgId: string;
  let csrfToken: string;
  let x: TestChannel;
  const pageErrors: string[] = [];

  async function signInContext(email: string): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    const response = await context.request.post('/api/auth/sign-in', {
      data: { email, password: STRONG_PASSWORD },
    });
    expect(response.status()).toBe(200);
    return context;
  }

  async function member(role: 'responder' | 'viewer', name: string): Promise<BrowserContext> {
    const client = await addMember(api, orgId, role);
    await api.app.get(DataSource).query(`UPDATE app_user SET name = $1 WHERE id = $2`, [name, client.userId]);
    return signInContext(client.email);
  }

  /** A citizen on the sandbox mentions the channel; answers the tweet's id. */
  async function citizenTweets(text: string): Promise<string> {
    const citizen = await sandbox.createAccount<Record<string, string>>('x');
    const response = await fetch(`${sandbox.url}/x/2/tweets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${citizen.credentials.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ text: `@${x.channel.handle} ${text}` }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { data: { id: string } }).data.id;
  }

  function row(page: Page, text: string) {
    return page.locator('.inbox__item', { hasText: text });
  }

  /**
   * Waits, without reloading, for the citizen's words to appear in the page's list. The poll cadence adapts
   * (minutes when a channel is quiet, and X sweeps mentions and direct messages in turns), so the channel is
   * made due again every few seconds: the worker's scheduler (every 10 s) then polls it.
   */
  async function arrivesLive(page: Page, text: string, shown: Locator = row(page, text)): Promise<void> {
    const until = Date.now() + 90_000;
    while (Date.now() < until) {
      await api.app
        .get(DataSource)
        .query(`UPDATE inbound_poll SET next_poll_at = now() WHERE channel_id = $1`, [x.channel.id]);
      try {
        await shown.waitFor({ timeout: 5_000 });
        return;
      } catch {
        // Not yet: make it due again.
      }
    }
    throw new Error(`"${text}" did not arrive in the inbox within 90 s`);
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ WEB_DIST_DIR: webBuildDir(), SANDBOX_URL: sandbox.url });
    // A real worker on the API's database and queue prefix polls the channel and sends replies.
    worker = await startWorker(
      loadConfig({
        DATABASE_URL: api.database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: api.config.QUEUE_PREFIX,
        LOG_LEVEL: 'silent',
      }),
      { migrate: false },
    );
    browser = await launchBrowser();
    olivia = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    const signUp = await olivia.request.post('/api/auth/sign-up', { data: OWNER });
    expect(signUp.status()).toBe(201);
    const session = (await signUp.json()) as { currentOrganisationId: string; csrfToken: string };
    orgId = session.currentOrganisationId;
    csrfToken = session.csrfToken;
    sam = await member('responder', 'Sam Responder');
    x = await createSandboxChannel(api.app.get(DataSource), api.app.get(ChannelVault), sandbox, orgId, 'x');
    oliviaPage = await olivia.newPage();
    samPage = await sam.newPage();
    collectPageErrors(oliviaPage, pageErrors);
    collectPageErrors(samPage, pageErrors);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    for (const name of [QueueName.Inbox, QueueName.Publishing, QueueName.Maintenance])
      await worker
        ?.get(JobQueue)
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    await worker?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  it('calls only inbox routes that are in the OpenAPI document', async () => {
    const doc = (await (await olivia.request.get('/api/docs-json')).json()) as {
      paths: Record<string, object>;
    };
    const absent = Object.entries(INBOX_ROUTES)
      .filter(([, [method, path]]) => !(method.toLowerCase() in (doc.paths[path] ?? {})))
      .map(([name, [method, path]]) => `${name}: ${method} ${path}`);
    expect(absent).toEqual([]);
    // The events route is a stream: it answers EventSource requests only.
    const events = await olivia.request.get(`/api/orgs/${orgId}/inbox/events`, {
      headers: { accept: 'application/json' },
    });
    expect(events.status()).toBe(406);
  });

  it('shows a citizen’s tweet live to two staff, shows one typing to the other, and sends the reply threaded', async () => {
    await oliviaPage.goto('/inbox');
    await waitForScreen(oliviaPage, 'Inbox');
    await samPage.goto('/inbox');
    await waitForScreen(samPage, 'Inbox');
    await oliviaPage.getByText('Nothing here.', { exact: false }).waitFor();
    await expectNoSeriousViolations(oliviaPage, 'inbox, empty');

    const words = `The swings in Singleton Park are broken ${randomUUID().slice(0, 6)}`;
    const tweetId = await citizenTweets(words);
    // No reload: the worker polls the channel, and the event stream tells both screens.
    await arrivesLive(oliviaPage, words);
    await row(samPage, words).waitFor({ timeout: 10_000 });
    expect(await row(oliviaPage, words).textContent()).toMatch(/X.*Waiting (moments|1 minute).*Unassigned/s);
    await expectNoSeriousViolations(oliviaPage, 'inbox, a message arrived');

    await row(oliviaPage, words).getByRole('link').click();
    await oliviaPage.locator('.inbox__entry--in', { hasText: words }).waitFor();
    await row(samPage, words).getByRole('link').click();
    await samPage.getByRole('textbox', { name: /^Reply to/ }).waitFor();
    await expect(
      oliviaPage.getByTestId('presence').getByText('Sam Responder is viewing.').waitFor({ timeout: 15_000 }),
    ).resolves.toBeUndefined();

    await oliviaPage.getByRole('button', { name: 'Assign to me' }).click();
    await oliviaPage.getByText('Assigned to you').first().waitFor();
    await samPage.getByText('Assigned to Olivia Owner').first().waitFor({ timeout: 10_000 });
    // The navigation counts her open conversations (the number, with words for screen readers).
    const count = oliviaPage.getByRole('navigation', { name: 'Main' }).getByTestId('inbox-mine');
    await count.waitFor({ timeout: 10_000 });
    expect((await count.textContent())?.trim()).toBe('(1 open and assigned to you)');

    const reply = `Thanks for telling us: the parks team will mend them this week ${randomUUID().slice(0, 6)}`;
    await oliviaPage.getByRole('textbox', { name: /^Reply to/ }).fill(reply);
    await samPage.getByText('Olivia Owner is typing a reply…').waitFor({ timeout: 10_000 });
    await expectNoSeriousViolations(samPage, 'conversation, someone else typing');

    await oliviaPage.getByRole('button', { name: 'Send reply' }).click();
    const mine = oliviaPage.locator('.inbox__entry--out', { hasText: reply });
    await mine.getByTestId('reply-state').getByText('Sent', { exact: true }).waitFor({ timeout: 45_000 });
    // Told politely to screen readers too.
    await oliviaPage.getByTestId('announcer').getByText('The reply was sent.').waitFor();
    await samPage.locator('.inbox__entry--out', { hasText: reply }).waitFor({ timeout: 10_000 });
    await expectNoSeriousViolations(oliviaPage, 'conversation, reply sent');

    const ledger = (await ledgerEntries(sandbox, { network: 'x', accountId: x.account.accountId })).filter(
      (e) => e.parentId === tweetId,
    );
    expect(ledger.map((e) => e.content)).toEqual([reply]);
  });

  it('shows a viewer the conversation without a reply box or actions, at 320 px too', async () => {
    const viewer = await member('viewer', 'Vic Viewer');
    const page = await viewer.newPage();
    collectPageErrors(page, pageErrors);
    try {
      await page.goto('/inbox');
      await waitForScreen(page, 'Inbox');
      await page.locator('.inbox__item').first().getByRole('link').click();
      await page.getByText('Viewers do not reply.').waitFor();
      expect(await page.getByRole('textbox', { name: /^Reply to/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Assign to me' }).count()).toBe(0);
      await expectNoSeriousViolations(page, 'conversation, viewer');
      await page.setViewportSize({ width: 320, height: 800 });
      await page.getByRole('link', { name: 'Back to the list' }).waitFor();
      const overflow = await page.locator('html').evaluate((el) => el.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(320);
      await expectNoSeriousViolations(page, 'conversation, viewer, 320 px');
    } finally {
      await viewer.close();
    }
  });

  it('works by keyboard: j and k move through the list, a assigns, r writes, e closes, ? lists the shortcuts', async () => {
    const words = `Is the Guildhall open on Saturday ${randomUUID().slice(0, 6)}`;
    await citizenTweets(words);
    await samPage.goto('/inbox?view=open');
    await waitForScreen(samPage, 'Inbox');
    await arrivesLive(samPage, words);
    const items = samPage.locator('.inbox__item');
    expect(await items.count()).toBe(2);
    const first = (await items.nth(0).getByRole('link').getAttribute('href'))!;
    const second = (await items.nth(1).getByRole('link').getAttribute('href'))!;
    const path = (url: string) => new URL(url).pathname + new URL(url).search;

    await samPage.keyboard.press('j');
    await samPage.waitForURL((url) => path(url.toString()) === first);
    await samPage.keyboard.press('j');
    await samPage.waitForURL((url) => path(url.toString()) === second);
    await samPage.keyboard.press('k');
    await samPage.waitForURL((url) => path(url.toString()) === first);
    await samPage.locator('.inbox__entry--in', { hasText: words }).waitFor();

    await samPage.keyboard.press('a');
    await samPage.getByText('Assigned to you').first().waitFor();

    await samPage.keyboard.press('r');
    const replyBox = samPage.getByRole('textbox', { name: /^Reply to/ });
    await expect(isFocused(replyBox)).resolves.toBe(true);
    // Letters typed in the reply box are words, not shortcuts.
    await samPage.keyboard.type('ejk');
    await expect(replyBox.inputValue()).resolves.toBe('ejk');
    await replyBox.fill('We open at ten on Saturdays.');
    // A responder's reply waits for an approver (the default policy), said in words.
    await samPage.getByRole('button', { name: 'Send reply' }).click();
    await samPage
      .locator('.inbox__entry--out', { hasText: 'We open at ten on Saturdays.' })
      .getByTestId('reply-state')
      .getByText('Waiting for approval', { exact: true })
      .waitFor();
    await samPage.getByRole('heading', { level: 1 }).focus();

    await samPage.keyboard.press('?');
    const dialog = samPage.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const what of [
      'Next conversation',
      'Previous conversation',
      'Assign the conversation to me',
      'Write a reply',
      'Close the conversation',
    ])
      await dialog.getByText(what).waitFor();
    await expectNoSeriousViolations(samPage, 'keyboard shortcuts');
    await samPage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await samPage.keyboard.press('e');
    await samPage.getByRole('button', { name: 'Reopen' }).waitFor();
    const conversationId = first.split('/')[2].split('?')[0];
    const detail = await sam.request.get(`/api/orgs/${orgId}/inbox/conversations/${conversationId}`);
    expect(((await detail.json()) as { status: string }).status).toBe('closed');
  });

  it('blurs abuse until asked, fills a canned reply, tells a person by @mention in a note, and closes in bulk', async () => {
    const headers = { 'x-csrf-token': csrfToken };
    const safeguarding = (await (
      await olivia.request.get(`/api/orgs/${orgId}/settings/safeguarding`)
    ).json()) as {
      phraseSets: unknown[];
      notifyUserIds: string[];
      runbook: string;
    };
    const saved = await olivia.request.put(`/api/orgs/${orgId}/settings/safeguarding`, {
      headers,
      data: {
        phraseSets: safeguarding.phraseSets,
        notifyUserIds: safeguarding.notifyUserIds,
        runbook: safeguarding.runbook,
        abusePhrases: ['useless numpties'],
      },
    });
    expect(saved.status()).toBe(200);
    const canned = await olivia.request.post(`/api/orgs/${orgId}/inbox/canned-replies`, {
      headers,
      data: { title: 'Thank them', body: 'Hello {{contact.name}}, thank you. {{agent.name}}' },
    });
    expect(canned.status()).toBe(201);

    const marker = randomUUID().slice(0, 6);
    await citizenTweets(`You useless numpties never empty the bins ${marker}`);
    await oliviaPage.goto('/inbox?view=open');
    await waitForScreen(oliviaPage, 'Inbox');
    // The words are not in the list at all: the row says it may be abuse instead.
    const abusive = oliviaPage.locator('.inbox__item', { hasText: 'This message may contain abuse.' });
    await arrivesLive(oliviaPage, marker, abusive);
    expect(await abusive.textContent()).not.toContain('numpties');
    await expectNoSeriousViolations(oliviaPage, 'inbox, abusive message blurred');
    await abusive.getByRole('link').click();
    const entry = oliviaPage.locator('.inbox__entry--in').last();
    await entry.getByText('This message may contain abuse.').waitFor();
    expect(await entry.textContent()).not.toContain('numpties');
    await entry.getByRole('button', { name: 'Show it' }).click();
    await entry.getByText(/useless numpties/).waitFor();

    await oliviaPage.getByLabel('Canned reply').selectOption({ label: 'Thank them' });
    await oliviaPage.getByRole('button', { name: 'Use it' }).click();
    const replyBox = oliviaPage.getByRole('textbox', { name: /^Reply to/ });
    // The reply is filled in for this conversation by the API, then put in the box.
    for (let i = 0; i < 50 && (await replyBox.inputValue()) === ''; i++) await oliviaPage.waitForTimeout(100);
    await expect(replyBox.inputValue()).resolves.toMatch(/^Hello .+, thank you\. Olivia Owner$/);

    await oliviaPage.getByRole('textbox', { name: /^Internal note/ }).fill('@Sam can you take this one?');
    await oliviaPage.getByText('Will tell Sam Responder.').waitFor();
    await oliviaPage.getByRole('button', { name: 'Add note' }).click();
    const note = oliviaPage.locator('.inbox__entry--note', { hasText: '@Sam can you take this one?' });
    await note.getByText('Internal note by Olivia Owner').waitFor();
    await note.getByText('Told Sam Responder').waitFor();
    await expectNoSeriousViolations(oliviaPage, 'conversation, note and canned reply');

    // A view by channel lists the same open conversations (all came to this one channel).
    await oliviaPage.goto('/inbox?view=open');
    await waitForScreen(oliviaPage, 'Inbox');
    await oliviaPage.locator('.inbox__item').first().waitFor();
    const openHere = await oliviaPage.locator('.inbox__item').count();
    await oliviaPage
      .getByRole('navigation', { name: 'Inbox views' })
      .getByRole('link', { name: new RegExp(`X @?${x.channel.handle}`) })
      .click();
    await oliviaPage
      .getByRole('heading', { level: 2, name: new RegExp(`X @?${x.channel.handle}`) })
      .waitFor();
    await oliviaPage.locator('.inbox__item').first().waitFor();
    expect(await oliviaPage.locator('.inbox__item').count()).toBe(openHere);
    await expectNoSeriousViolations(oliviaPage, 'inbox, by channel');

    await oliviaPage.goto('/inbox?view=open');
    await waitForScreen(oliviaPage, 'Inbox');
    const boxes = oliviaPage.getByRole('checkbox', { name: /^Choose the conversation with/ });
    await boxes.first().waitFor();
    const open = await boxes.count();
    expect(open).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < open; i++) await boxes.nth(i).check();
    await oliviaPage.getByText(`${open} chosen`).waitFor();
    await oliviaPage.getByRole('button', { name: 'Close them' }).click();
    await oliviaPage.getByText('Nothing here.', { exact: false }).waitFor();
    const counts = (await (await olivia.request.get(`/api/orgs/${orgId}/inbox/counts`)).json()) as {
      open: number;
    };
    expect(counts.open).toBe(0);
  });
});
