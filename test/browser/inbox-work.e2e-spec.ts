import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ChannelVault } from '@outside-in/channels';
import type { Channel } from '@outside-in/database';
import { ChannelPoller, InboxIngestor } from '@outside-in/inbox';
import type { InboundItem } from '@outside-in/platforms';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
import { startApi, type TestApi } from '../support/api-harness';
import { createSandboxChannel } from '../support/channel-fixtures';
import { createFacebookChannel, type MetaCredentials } from '../support/inbox-fixtures';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';
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

/**
 * Issue 6's inbox capabilities as people reach them in the web app, mostly by keyboard, with axe in each new
 * state: priority and tags with the Flagged and tag views, assigning to someone else, canned replies managed and
 * used, search, older messages, approving and sending back replies, hiding and deleting a Facebook comment with a
 * reason, issue 7's FOI clock, legal hold and export from the conversation, bulk tagging, Settings → Inbox.
 */
describe('Working the inbox in the browser', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let db: DataSource;
  let browser: Browser;
  let olivia: BrowserContext;
  let sam: BrowserContext;
  let page: Page;
  let samPage: Page;
  let orgId: string;
  let samId: string;
  let x: Channel;
  const pageErrors: string[] = [];

  const OWNER = {
    organisationName: 'Ceredigion Council',
    name: 'Olivia Owner',
    email: `olivia.${randomUUID().slice(0, 8)}@ceredigion.gov.uk`,
    password: 'correct horse battery staple',
  };

  function mention(text: string, overrides: Partial<InboundItem> = {}): InboundItem {
    const id = randomUUID();
    return {
      externalId: id,
      kind: 'mention',
      threadKey: id,
      author: {
        externalId: `citizen-${randomUUID().slice(0, 8)}`,
        handle: `citizen_${id.slice(0, 4)}`,
        displayName: 'Cai Citizen',
        profileUrl: `https://x.example/citizen_${id.slice(0, 4)}`,
      },
      text,
      createdAt: new Date(),
      fromAccount: false,
      raw: { id },
      ...overrides,
    };
  }

  /** Stores a citizen's message as polling would, and answers its conversation's id. */
  async function arrives(text: string, overrides: Partial<InboundItem> = {}): Promise<string> {
    const item = mention(text, overrides);
    await api.app.get(InboxIngestor).ingest(x.id, [item]);
    const [row] = (await db.query(`SELECT conversation_id FROM message WHERE external_id = $1`, [
      item.externalId,
    ])) as Array<{ conversation_id: string }>;
    return row.conversation_id;
  }

  /** Focus moves on the next frame after a form closes: wait for it rather than racing it. */
  async function focusedSoon(target: Locator): Promise<void> {
    for (let i = 0; i < 40; i++) {
      if (await isFocused(target)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('Focus did not come back to the button that opened the form');
  }

  async function openConversation(p: Page, conversationId: string, search = '?view=open'): Promise<void> {
    await p.goto(`/inbox/${conversationId}${search}`);
    await waitForScreen(p, 'Inbox');
    await p.locator('#conversation-heading').waitFor();
  }

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ WEB_DIST_DIR: webBuildDir(), SANDBOX_URL: sandbox.url });
    db = api.app.get(DataSource);
    browser = await launchBrowser();
    olivia = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', acceptDownloads: true });
    const signUp = await olivia.request.post('/api/auth/sign-up', { data: OWNER });
    expect(signUp.status()).toBe(201);
    orgId = ((await signUp.json()) as { currentOrganisationId: string }).currentOrganisationId;
    const responder = await addMember(api, orgId, 'responder');
    samId = responder.userId;
    await db.query(`UPDATE app_user SET name = 'Sam Responder' WHERE id = $1`, [samId]);
    sam = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce' });
    expect(
      (
        await sam.request.post('/api/auth/sign-in', {
          data: { email: responder.email, password: STRONG_PASSWORD },
        })
      ).status(),
    ).toBe(200);
    x = (await createSandboxChannel(db, api.app.get(ChannelVault), sandbox, orgId, 'x')).channel;
    page = await olivia.newPage();
    samPage = await sam.newPage();
    collectPageErrors(page, pageErrors);
    collectPageErrors(samPage, pageErrors);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  it('sets priority and tags by keyboard, lists them under Flagged and by tag, and assigns to someone else', async () => {
    const id = await arrives('The footpath on Marine Terrace has collapsed');
    await openConversation(page, id);
    const priority = page.getByLabel('Priority', { exact: true });
    await tabTo(page, priority);
    await priority.selectOption('urgent');
    await page.getByLabel('Tags, separated by commas').focus();
    await page.keyboard.type('Roads, Health and safety');
    await page.keyboard.press('Enter');
    const views = page.getByRole('navigation', { name: 'Inbox views' });
    await views.getByRole('link', { name: /^Flagged 1$/ }).waitFor();
    await views.getByRole('link', { name: /roads 1/ }).waitFor();
    await expectNoSeriousViolations(page, 'conversation, priority and tags');

    // The tag view by keyboard: the link, then Enter.
    await views.getByRole('link', { name: /health-and-safety 1/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Tagged health-and-safety' }).waitFor();
    const row = page.locator('.inbox__item', { hasText: 'Marine Terrace' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Urgent.*Tagged health-and-safety, roads/);
    await expectNoSeriousViolations(page, 'inbox, by tag');
    await views.getByRole('link', { name: /^Flagged/ }).click();
    await page.locator('.inbox__item', { hasText: 'Marine Terrace' }).waitFor();

    // Assign to Sam: the picker lists the members who work the inbox.
    await row.getByRole('link').click();
    const assignTo = page.getByLabel('Assign to', { exact: true });
    await assignTo.selectOption({ label: 'Sam Responder' });
    await page.getByRole('button', { name: 'Assign', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Assigned to Sam Responder').first().waitFor();
    const [stored] = (await db.query(`SELECT assignee_id, priority, tags FROM conversation WHERE id = $1`, [
      id,
    ])) as Array<{ assignee_id: string; priority: string; tags: string[] }>;
    expect(stored).toEqual({ assignee_id: samId, priority: 'urgent', tags: ['health-and-safety', 'roads'] });
  });

  it('manages canned replies with variables and a preview, and puts one in the reply box', async () => {
    await page.goto('/inbox');
    await waitForScreen(page, 'Inbox');
    await page.getByRole('link', { name: 'Canned replies' }).click();
    await waitForScreen(page, 'Canned replies');
    await page.getByText('None yet.').waitFor();
    await expectNoSeriousViolations(page, 'canned replies, none');
    await page.getByRole('button', { name: 'Add a canned reply' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Title').focus();
    await page.keyboard.type('Reported, thank you');
    await page.getByRole('textbox', { name: 'Reply' }).focus();
    await page.keyboard.type('Diolch ');
    await page.getByRole('button', { name: 'Add the person’s name' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('textbox', { name: 'Reply' }).press('End');
    await page.keyboard.type(', we have passed this on. ');
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.getByRole('textbox', { name: 'Reply' }).press('End');
    await page.keyboard.type(', ');
    await page.getByRole('button', { name: 'Add the organisation’s name' }).click();
    await expect(page.getByRole('textbox', { name: 'Reply' }).inputValue()).resolves.toBe(
      'Diolch {{contact.name}}, we have passed this on. {{agent.name}}, {{organisation.name}}',
    );
    await page
      .getByTestId('canned-preview')
      .getByText('Diolch Cai Citizen, we have passed this on. Olivia Owner, Ceredigion Council')
      .waitFor();
    await expectNoSeriousViolations(page, 'canned replies, adding one');
    await page.getByRole('button', { name: 'Add it' }).click();
    await page.getByRole('heading', { level: 3, name: 'Reported, thank you' }).waitFor();

    // A title already taken is said beside the field.
    await page.getByRole('button', { name: 'Add a canned reply' }).click();
    await page.getByLabel('Title').fill('Reported, thank you');
    await page.getByRole('textbox', { name: 'Reply' }).fill('Again');
    await page.getByRole('button', { name: 'Add it' }).click();
    await page.getByText(/already called/).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Change “Reported, thank you”' }).click();
    await page.getByLabel('Title').fill('Passed on');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 3, name: 'Passed on' }).waitFor();
    await page.getByTestId('announcer').getByText('Saved “Passed on”.').waitFor();

    const id = await arrives('Dog fouling on the promenade again');
    await openConversation(page, id);
    await page.getByLabel('Canned reply').selectOption({ label: 'Passed on' });
    await page.getByRole('button', { name: 'Use it' }).click();
    const replyBox = page.getByRole('textbox', { name: /^Reply to/ });
    for (let i = 0; i < 50 && (await replyBox.inputValue()) === ''; i++) await page.waitForTimeout(100);
    await expect(replyBox.inputValue()).resolves.toBe(
      'Diolch Cai Citizen, we have passed this on. Olivia Owner, Ceredigion Council',
    );

    // Removing says what it does, and "Keep it" keeps it.
    await page.goto('/inbox/canned-replies');
    await waitForScreen(page, 'Canned replies');
    await page.getByRole('button', { name: 'Remove “Passed on”' }).click();
    await page.getByText('This will remove “Passed on” for everyone in your team.').waitFor();
    await expectNoSeriousViolations(page, 'canned replies, removing one');
    await focusedSoon(page.getByRole('button', { name: 'Remove it' }));
    await page.keyboard.press('Enter');
    await page.getByText('None yet.').waitFor();
  });

  it('searches messages and people and opens what it finds', async () => {
    await arrives('The bandstand roof in Aberaeron leaks when it rains');
    await page.goto('/inbox');
    await waitForScreen(page, 'Inbox');
    const box = page.getByRole('searchbox', { name: 'Search messages and people' });
    await tabTo(page, box);
    await page.keyboard.type('bandstand leaks');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Search: bandstand leaks' }).waitFor();
    const hit = page.getByRole('list', { name: 'Messages that match' }).getByRole('listitem').first();
    await hit.getByText(/bandstand roof in Aberaeron/).waitFor();
    await page
      .getByRole('status')
      .getByText(/1 message and \d+ (person|people) match “bandstand leaks”/)
      .waitFor();
    await expectNoSeriousViolations(page, 'inbox, search results');
    await hit.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await page.locator('.inbox__entry--in', { hasText: 'bandstand roof in Aberaeron' }).waitFor();
    expect(new URL(page.url()).search).toBe('?view=search&q=bandstand%20leaks');

    await box.fill('zzzz-nothing-like-this');
    await box.press('Enter');
    await page.getByText('Nothing matches “zzzz-nothing-like-this”. Try fewer or different words.').waitFor();
  });

  it('shows older messages of a long conversation by cursor', async () => {
    const first = mention('Message number 0 about the harbour wall');
    const items = [first];
    for (let n = 1; n < 130; n++)
      items.push(
        mention(`Message number ${n} about the harbour wall`, {
          threadKey: first.threadKey,
          inReplyToExternalId: items[n - 1].externalId,
          author: first.author,
          createdAt: new Date(Date.now() - (130 - n) * 60_000),
        }),
      );
    items[0].createdAt = new Date(Date.now() - 131 * 60_000);
    await api.app.get(InboxIngestor).ingest(x.id, items);
    const [{ conversation_id: id }] = (await db.query(
      `SELECT conversation_id FROM message WHERE external_id = $1`,
      [first.externalId],
    )) as Array<{ conversation_id: string }>;
    await openConversation(page, id);
    await page.locator('.inbox__entry--in', { hasText: 'Message number 129 about' }).waitFor();
    expect(await page.locator('.inbox__entry--in', { hasText: 'Message number 0 about' }).count()).toBe(0);
    const older = page.getByRole('button', { name: 'Show older messages' });
    await older.focus();
    await page.keyboard.press('Enter');
    await page.locator('.inbox__entry--in', { hasText: 'Message number 0 about' }).waitFor();
    expect(await page.locator('.inbox__entry--in').count()).toBe(130);
    expect(await older.count()).toBe(0);
    await expectNoSeriousViolations(page, 'conversation, older messages shown');
  });

  it('queues a responder’s reply for approval; the approver sends one back with a reason and approves another', async () => {
    const id = await arrives('Can I pay my council tax in instalments?');
    await openConversation(samPage, id);
    const replyBox = samPage.getByRole('textbox', { name: /^Reply to/ });
    for (const text of ['Yes, in ten monthly instalments.', 'Yes: call 01545 570881 to set it up.']) {
      await replyBox.fill(text);
      await samPage.getByRole('button', { name: 'Send reply' }).click();
      await samPage
        .locator('.inbox__entry--out', { hasText: text })
        .getByTestId('reply-state')
        .getByText('Waiting for approval')
        .waitFor();
    }
    // Sam wrote them: no approve buttons for her.
    expect(await samPage.getByRole('button', { name: 'Approve and send' }).count()).toBe(0);

    await page.goto('/inbox?view=approvals');
    await waitForScreen(page, 'Inbox');
    await page.getByRole('heading', { level: 2, name: 'Replies waiting for approval' }).waitFor();
    const queue = page.getByRole('list', { name: 'Replies waiting for approval' });
    await queue.getByText('Yes, in ten monthly instalments.').waitFor();
    expect(await queue.getByRole('listitem').count()).toBe(2);
    await page
      .getByRole('navigation', { name: 'Inbox views' })
      .getByRole('link', { name: /Waiting for approval 2/ })
      .waitFor();
    await expectNoSeriousViolations(page, 'inbox, replies waiting for approval');

    await queue.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    const firstReply = page.locator('.inbox__entry--out', { hasText: 'Yes, in ten monthly instalments.' });
    await firstReply.getByRole('button', { name: 'Send back' }).focus();
    await page.keyboard.press('Enter');
    await firstReply.getByText(/This will send the reply back to Sam Responder as a draft/).waitFor();
    const reason = firstReply.getByRole('textbox', { name: 'What should change?' });
    await focusedSoon(reason);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await firstReply.getByText('Write the reason first: it is kept with the record.').waitFor();
    await expectNoSeriousViolations(page, 'conversation, sending a reply back');
    await reason.fill('Give the direct debit link too');
    await firstReply.getByRole('button', { name: 'Send it back' }).click();
    await firstReply
      .getByTestId('reply-state')
      .getByText('Sent back by Olivia Owner: Give the direct debit link too')
      .waitFor();

    const secondReply = page.locator('.inbox__entry--out', { hasText: 'call 01545 570881' });
    await secondReply.getByRole('button', { name: 'Approve and send' }).focus();
    await page.keyboard.press('Enter');
    await secondReply
      .getByTestId('reply-state')
      .getByText(/Sending…|Sent/)
      .waitFor();
    await page
      .getByRole('navigation', { name: 'Inbox views' })
      .getByRole('link', { name: /Waiting for approval 0/ })
      .waitFor();
  });

  it('hides then deletes a Facebook comment with a reason, saying what will happen, keeping our copy', async () => {
    const { channel, account } = await createFacebookChannel(
      db,
      api.app.get(ChannelVault),
      sandbox,
      orgId,
      await sandbox.createAccount<MetaCredentials>('facebook'),
    );
    const credentials = account.credentials;
    const post = (await fetch(
      `${sandbox.url}/meta/v24.0/${credentials.pageId}/feed?access_token=${credentials.pageAccessToken}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: 'The leisure centre reopens on Monday' }),
      },
    ).then((r) => r.json())) as { id: string };
    const { status } = await sandbox.control('POST', '/_sandbox/meta/inbound/comments', {
      objectId: post.id,
      message: 'Whoever runs this page should be sacked',
      citizenKey: 'cross',
      citizenName: 'Cai Citizen',
    });
    expect(status).toBeLessThan(300);
    const poller = api.app.get(ChannelPoller);
    for (let i = 0; i < 10; i++) if ((await poller.poll(channel.id)).inserted === 0) break;
    const [comment] = (await db.query(
      `SELECT id, conversation_id, external_id FROM message WHERE channel_id = $1 AND direction = 'in'`,
      [channel.id],
    )) as Array<{ id: string; conversation_id: string; external_id: string }>;

    await openConversation(page, comment.conversation_id);
    const entry = page.locator('.inbox__entry--in', { hasText: 'should be sacked' });
    await entry.getByRole('button', { name: 'Hide on Facebook' }).focus();
    await page.keyboard.press('Enter');
    await entry
      .getByText(/This will hide the comment on Facebook: the public will no longer see it/)
      .waitFor();
    await expectNoSeriousViolations(page, 'conversation, hiding a comment');
    await page.keyboard.type('Personal abuse of staff');
    await entry.getByRole('button', { name: 'Hide it on Facebook' }).click();
    await entry
      .getByText(/Hidden on the network by Olivia Owner, .*Reason: Personal abuse of staff\./)
      .waitFor();
    const hidden = (await fetch(
      `${sandbox.url}/meta/v24.0/${comment.external_id}?fields=is_hidden&access_token=${credentials.pageAccessToken}`,
    ).then((r) => r.json())) as { is_hidden: boolean };
    expect(hidden.is_hidden).toBe(true);

    await entry.getByRole('button', { name: 'Delete on Facebook' }).click();
    await entry
      .getByText(/This will delete the comment on Facebook for everyone, and it cannot be brought back/)
      .waitFor();
    await entry.getByRole('button', { name: 'Keep it' }).click();
    await focusedSoon(entry.getByRole('button', { name: 'Delete on Facebook' }));
    await page.keyboard.press('Enter');
    await entry.getByRole('textbox', { name: 'Why delete it?' }).fill('Repeated after hiding');
    await entry.getByRole('button', { name: 'Delete it on Facebook' }).click();
    await entry.getByText(/Deleted on the network by Olivia Owner/).waitFor();
    // Our copy stays, word for word.
    await entry.getByText('Whoever runs this page should be sacked').waitFor();
    expect(await entry.getByRole('button', { name: /on Facebook$/ }).count()).toBe(0);
    await expectNoSeriousViolations(page, 'conversation, comment deleted on the network');
  });

  it('marks an FOI request (its clock shown), places a legal hold and downloads the conversation, from the conversation', async () => {
    const id = await arrives('Under the Freedom of Information Act, how much did the new pier cost?');
    await openConversation(page, id);
    const entry = page.locator('.inbox__entry--in', { hasText: 'how much did the new pier cost' });
    await entry.getByRole('button', { name: 'Mark as an FOI request' }).focus();
    await page.keyboard.press('Enter');
    await entry.getByText(/start its clock: 20 working days/).waitFor();
    await focusedSoon(entry.getByRole('button', { name: 'Start the FOI clock' }));
    await expectNoSeriousViolations(page, 'conversation, marking an FOI request');
    await page.keyboard.press('Enter');
    const clock = entry.getByTestId('foi-clock');
    await clock.waitFor();
    expect(await clock.textContent()).toMatch(
      /^FOI request: .*working days? left.*\(due \w+day \d+ \w+ \d{4}\)\.$/,
    );
    expect(await entry.getByRole('button', { name: 'Mark as an FOI request' }).count()).toBe(0);
    // The clock shows in the list too, on the conversation's row.
    await page
      .locator('.inbox__item--current .inbox__item-foi')
      .getByText(/^FOI request: (\d+ working days? left|Due today)$/)
      .waitFor();

    const records = page.locator('.inbox__records');
    await page.getByRole('button', { name: 'Hold this conversation' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/This will place a legal hold on this conversation/).waitFor();
    await page.keyboard.type('FOI 2026-117');
    await page.getByRole('button', { name: 'Place the hold' }).click();
    await records
      .getByText('On legal hold (this conversation): FOI 2026-117. Placed by Olivia Owner.')
      .waitFor();
    await expectNoSeriousViolations(page, 'conversation, on legal hold');
    // Every tool of the conversation fits at 320 px.
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await page.locator('html').evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoSeriousViolations(page, 'conversation with its records tools, 320 px');
    await page.setViewportSize({ width: 1280, height: 720 });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download this conversation as CSV' }).focus();
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await file.path())!, 'utf8');
    expect(csv).toContain('how much did the new pier cost');
    await page
      .getByRole('status')
      .getByText(/Downloaded .*\.csv\./)
      .waitFor({ state: 'attached' });

    // A responder marks FOI requests but neither holds nor exports.
    await openConversation(samPage, id);
    await samPage.locator('.inbox__entry--in').getByTestId('foi-clock').waitFor();
    expect(await samPage.getByRole('button', { name: 'Hold this conversation' }).count()).toBe(0);
    expect(await samPage.getByRole('button', { name: /^Download/ }).count()).toBe(0);
  });

  it('tags and assigns several conversations at once', async () => {
    const marker = randomUUID().slice(0, 6);
    await arrives(`Overflowing bin at the bus station ${marker}`);
    await arrives(`Overflowing bin by the castle ${marker}`);
    await page.goto('/inbox?view=unassigned');
    await waitForScreen(page, 'Inbox');
    for (const where of ['bus station', 'castle']) {
      const box = page
        .locator('.inbox__item', { hasText: `${where} ${marker}` })
        .getByRole('checkbox', { name: /^Choose the conversation with/ });
      await box.focus();
      await page.keyboard.press('Space');
    }
    await page.getByText('2 chosen').waitFor();
    await page.getByLabel('Tag', { exact: true }).fill('Bins');
    await page.getByRole('button', { name: 'Add the tag' }).click();
    await page.getByTestId('announcer').getByText('2 conversations tagged bins.').waitFor();
    await page
      .getByRole('navigation', { name: 'Inbox views' })
      .getByRole('link', { name: /bins 2/ })
      .waitFor();
    for (const where of ['bus station', 'castle'])
      await page
        .locator('.inbox__item', { hasText: `${where} ${marker}` })
        .getByRole('checkbox')
        .check();
    await page.getByLabel('Assign them to').selectOption({ label: 'Sam Responder' });
    await expectNoSeriousViolations(page, 'inbox, two chosen');
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    await page.getByTestId('announcer').getByText('2 conversations assigned to Sam Responder.').waitFor();
    const [{ n }] = (await db.query(
      `SELECT count(*)::int AS n FROM conversation c JOIN message m ON m.conversation_id = c.id
        WHERE m.body LIKE $1 AND c.assignee_id = $2 AND c.tags @> ARRAY['bins']`,
      [`%${marker}`, samId],
    )) as Array<{ n: number }>;
    expect(n).toBe(2);
  });

  it('Settings → Inbox: an owner turns round-robin on for chosen channels; a responder reads it and takes part', async () => {
    await page.goto('/settings/inbox');
    await waitForScreen(page, 'Inbox settings');
    await expectNoSeriousViolations(page, 'settings, inbox');
    await page.getByLabel('Give it to the next person in turn, on the channels I choose').check();
    await page.getByRole('checkbox', { name: new RegExp(`X @?${x.handle}`) }).check();
    await page.getByRole('button', { name: 'Save round-robin' }).click();
    await page.getByText('Saved: new conversations are given in turn to the people taking part.').waitFor();
    await expectNoSeriousViolations(page, 'settings, inbox, round-robin on chosen channels');

    await samPage.goto('/settings/inbox');
    await waitForScreen(samPage, 'Inbox settings');
    await samPage.getByText('You can read how conversations are given out').waitFor();
    await samPage.getByRole('button', { name: 'Take part in round-robin' }).focus();
    await samPage.keyboard.press('Enter');
    await samPage.getByText('You take part in round-robin now.').waitFor();
    await samPage.getByText('You take part, in this order.').waitFor();

    // The next conversation on X goes to Sam.
    const id = await arrives('A tree has come down across the A487');
    const [{ assignee_id }] = (await db.query(`SELECT assignee_id FROM conversation WHERE id = $1`, [
      id,
    ])) as Array<{
      assignee_id: string | null;
    }>;
    expect(assignee_id).toBe(samId);
  });
});
