import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { addMember, STRONG_PASSWORD } from '../support/api-client';
import { startApi, type TestApi } from '../support/api-harness';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';
import { pagesOfOnePerson, type PagesOfOnePerson } from './support/sandbox-channels';
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

interface ChannelBody {
  id: string;
  network: string;
  networkName: string;
  handle: string;
  practice: boolean;
  status: string;
}

const OWNER = {
  organisationName: 'Cardiff Council',
  name: 'Olivia Owner',
  email: 'olivia@cardiff.gov.uk',
  password: 'correct horse battery staple',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nameOf(channel: ChannelBody): string {
  return `${channel.networkName} ${channel.handle.startsWith('@') ? channel.handle : `@${channel.handle}`}`;
}

/**
 * The Channels screen against the real API and the sandbox networks: practice channels, disconnecting by
 * keyboard, connecting Mastodon through the sandbox's own consent page (and being refused there), a channel that
 * needs reconnecting shown in the banner on every screen, and a viewer who sees the list only. axe in each state.
 */
describe('Channels', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let session: SessionBody;
  let facebookPerson: PagesOfOnePerson;
  let mastodonAccount: {
    accountId: string;
    handle: string;
    credentials: { username: string; password: string };
  };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    // Facebook is set up on this server (pointed at the sandbox); X is not, so it is listed as unavailable.
    facebookPerson = await pagesOfOnePerson(sandbox, [
      { handle: 'cardiffcouncil', displayName: 'Cardiff Council' },
      { handle: 'cardifflibrary', displayName: 'Cardiff Libraries' },
    ]);
    api = await startApi({
      WEB_DIST_DIR: webBuildDir(),
      SANDBOX_URL: sandbox.url,
      ...facebookPerson.settings,
    });
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
    await browser?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  async function channelsFromApi(): Promise<ChannelBody[]> {
    const response = await owner.request.get(`/api/orgs/${session.currentOrganisationId}/channels`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { channels: ChannelBody[] }).channels;
  }

  /** The Mastodon channel connected through the consent page (the practice one has a handle of its own). */
  async function connectedMastodon(): Promise<ChannelBody | undefined> {
    return (await channelsFromApi()).find(
      (c) => c.network === 'mastodon' && c.handle.replace(/^@/, '').startsWith(mastodonAccount.handle),
    );
  }

  function cards(on: Page = page): Locator {
    return on.locator('.channel-list > li');
  }

  function card(name: string, on: Page = page): Locator {
    return cards(on).filter({
      has: on.getByRole('heading', { level: 3, name: new RegExp(`^${escapeRegExp(name)}\\b`) }),
    });
  }

  async function press(target: Locator) {
    await tabTo(page, target);
    await page.keyboard.press('Enter');
  }

  async function typeInto(label: string, text: string) {
    const field = page.getByLabel(label, { exact: true });
    await tabTo(page, field);
    await page.keyboard.type(text);
    expect(await field.inputValue()).toBe(text);
  }

  /** From the Channels screen to the sandbox's Mastodon consent page, by keyboard. */
  async function startMastodon() {
    const connect = page.getByRole('button', { name: 'Connect Mastodon', exact: true });
    await press(connect);
    expect(await connect.getAttribute('aria-expanded')).toBe('true');
    await typeInto('Your Mastodon server', sandbox.url);
    await press(page.getByRole('button', { name: 'Continue to Mastodon' }));
    await page.getByRole('heading', { level: 1, name: 'Authorization required' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(sandbox.url).origin);
  }

  async function authorizeOnMastodon() {
    await page.getByLabel('Username').fill(mastodonAccount.credentials.username);
    await page.getByLabel('Password').fill(mastodonAccount.credentials.password);
    await page.getByRole('button', { name: 'Authorize' }).click();
    await waitForScreen(page, 'Channels');
  }

  it('starts empty, with a button per network and the reason when one cannot be connected', async () => {
    await page.goto('/channels');
    await waitForScreen(page, 'Channels');
    await page.getByText('Cardiff Council has no channels yet.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Connect a channel' }).waitFor();
    expect(await page.getByRole('button', { name: 'Connect Mastodon', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Connect Bluesky', exact: true }).count()).toBe(1);
    // This server has no X app configured: X is listed, with the reason in words, and no button.
    expect(await page.getByRole('button', { name: 'Connect X', exact: true }).count()).toBe(0);
    const x = page.locator('.network-option--unavailable').filter({ hasText: 'X' }).first();
    expect(await x.textContent()).toMatch(/Not available: \S+/);
    await expectNoSeriousViolations(page, 'channels, empty');
  });

  it('adds five practice channels in one click and says which, in a live region', async () => {
    await press(page.getByRole('button', { name: 'Add practice channels' }));
    const status = page.getByRole('status').filter({ hasText: 'Added 5 practice channels' });
    await status.waitFor();
    await expect5Cards();
    const practice = await channelsFromApi();
    expect(practice).toHaveLength(5);
    for (const c of practice) {
      expect(await status.textContent()).toContain(nameOf(c));
      const text = (await card(nameOf(c)).textContent()) ?? '';
      expect(text).toContain('Practice');
      expect(text).toMatch(/Status✓ Connected/);
      // Dates in words with the time zone.
      expect(text).toMatch(
        /Connected on(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ \d{4}, \d{2}:\d{2} (GMT|BST) by Olivia Owner/,
      );
    }
    await expectNoSeriousViolations(page, 'channels, five practice channels');

    // Focus stays on the button (the live region speaks); pressing it again adds nothing and says so.
    const add = page.getByRole('button', { name: 'Add practice channels' });
    expect(await isFocused(add)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'nothing was added' }).waitFor();
    await expect5Cards();
  });

  async function expect5Cards() {
    await cards().nth(4).waitFor();
    expect(await cards().count()).toBe(5);
  }

  it('disconnects a channel by keyboard, after saying exactly what will happen', async () => {
    const x = (await channelsFromApi()).find((c) => c.network === 'x')!;
    const name = nameOf(x);
    await press(page.getByRole('button', { name: `Disconnect ${name}` }));
    const confirm = page.getByRole('button', { name: `Yes, disconnect ${name}` });
    await confirm.waitFor();
    expect(await isFocused(confirm)).toBe(true);
    await page
      .getByText(
        `Disconnect ${name}? Scheduled posts to it will not publish until you connect it again. Its history is kept.`,
      )
      .waitFor();
    await expectNoSeriousViolations(page, 'channels, asking before disconnecting');

    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: `${name} is disconnected.` })
      .waitFor();
    await card(name)
      .getByText(/Disconnected/)
      .waitFor();
    expect(
      await card(name)
        .getByRole('button', { name: `Disconnect ${name}` })
        .count(),
    ).toBe(0);
    // A practice channel comes back through "Add practice channels", and the card says so.
    await card(name).getByText('To practise on X again, choose “Add practice channels”.').waitFor();
    expect((await channelsFromApi()).find((c) => c.id === x.id)?.status).toBe('disabled');
    expect(await cards().count()).toBe(5);
  });

  it('connects a Mastodon account through the sandbox’s consent page', async () => {
    mastodonAccount = await sandbox.createAccount('mastodon', { handle: 'cardiffcouncil' });
    await startMastodon();
    await authorizeOnMastodon();

    const news = page.getByRole('status').filter({ hasText: 'Connected 1 channel.' });
    await news.waitFor();
    // The news has focus, and the address no longer carries it, so a reload does not repeat it.
    expect(
      await page.locator('.focus-target').evaluate((el) => el.contains(el.ownerDocument.activeElement)),
    ).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/channels');
    expect(new URL(page.url()).search).toBe('');

    const connected = await connectedMastodon();
    expect(connected).toBeDefined();
    const mine = card(nameOf(connected!));
    await mine.waitFor();
    expect(await mine.textContent()).toMatch(/Status✓ Connected/);
    // An account on the sandbox is a practice channel, however it was connected, and says so.
    expect(connected!.practice).toBe(true);
    expect(await mine.textContent()).toContain('Practice');
    expect(await cards().count()).toBe(6);
    await expectNoSeriousViolations(page, 'channels, after connecting Mastodon');

    await page.reload();
    await waitForScreen(page, 'Channels');
    await cards().nth(5).waitFor();
    expect(await page.getByText('Connected 1 channel.').count()).toBe(0);
  });

  it('says so when the person denies access on the consent page', async () => {
    await startMastodon();
    await page.getByRole('button', { name: 'Deny' }).click();
    await waitForScreen(page, 'Channels');
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'You did not give Outside In access to Mastodon' });
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/access_denied|\b40\d\b/);
    // Focus moves to the message, so keyboard and screen reader users meet it first.
    expect(await alert.evaluate((el) => el.parentElement?.contains(el.ownerDocument.activeElement))).toBe(
      true,
    );
    expect(new URL(page.url()).search).toBe('');
    await cards().nth(5).waitFor();
    expect(await cards().count()).toBe(6);
    await expectNoSeriousViolations(page, 'channels, consent denied');
  });

  it('connects the Facebook pages the person chooses, when they run several', async () => {
    const before = (await channelsFromApi()).length;
    await press(page.getByRole('button', { name: 'Connect Facebook', exact: true }));
    await page.getByRole('heading', { level: 1, name: /is requesting access/ }).waitFor();
    await page.getByLabel(facebookPerson.personName, { exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await waitForScreen(page, 'Channels');

    const chooser = page.getByRole('region', { name: 'Choose the Facebook accounts to connect' });
    await chooser.waitFor();
    expect(new URL(page.url()).search).toBe('');
    await expectNoSeriousViolations(page, 'channels, choosing Facebook pages');

    // Nothing is chosen for the person; choosing nothing is explained, not sent.
    await press(chooser.getByRole('button', { name: 'Connect selected' }));
    await chooser.getByRole('alert').getByText('Choose at least one account').waitFor();

    for (const p of facebookPerson.pages) {
      const box = chooser.getByLabel(new RegExp(`^${escapeRegExp(p.displayName)} \\(@${p.handle}\\)`));
      await tabTo(page, box);
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
    }
    await press(chooser.getByRole('button', { name: 'Connect selected' }));
    await page
      .getByRole('status')
      .filter({ hasText: 'Connected 2 channels: Facebook @cardiffcouncil and Facebook @cardifflibrary.' })
      .waitFor();
    await chooser.waitFor({ state: 'detached' });
    await card('Facebook @cardifflibrary').waitFor();
    expect(await cards().count()).toBe(before + 2);
  });

  it('shows a channel that needs reconnecting on every screen, and reconnects it', async () => {
    const mastodon = (await connectedMastodon())!;
    const name = nameOf(mastodon);
    // Mastodon now refuses the channel's token ("The access token is invalid").
    const fault = await sandbox.control('POST', '/_sandbox/faults', {
      network: 'mastodon',
      accountId: mastodonAccount.accountId,
      action: { kind: 'status', status: 401 },
    });
    expect(fault.status).toBe(201);

    await page.goto('/channels');
    await waitForScreen(page, 'Channels');
    const check = page.getByRole('button', { name: `Check connection of ${name}` });
    await press(check);
    await card(name)
      .getByText(/Needs reconnecting/)
      .waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `Checked ${name}: Needs reconnecting` })
      .waitFor();
    expect(await isFocused(check)).toBe(true);
    const banner = page.locator('.banner').filter({ hasText: `1 channel needs reconnecting: ${name}.` });
    await banner.waitFor();
    await expectNoSeriousViolations(page, 'channels, one needs reconnecting');

    await page.goto('/calendar');
    await waitForScreen(page, 'Calendar');
    await banner.waitFor();
    await press(banner.getByRole('link', { name: 'Go to Channels' }));
    await waitForScreen(page, 'Channels');

    await sandbox.control('DELETE', '/_sandbox/faults');
    await press(page.getByRole('button', { name: `Reconnect ${name}` }));
    await page.getByRole('heading', { level: 1, name: 'Authorization required' }).waitFor();
    await authorizeOnMastodon();
    await page
      .getByRole('status')
      .filter({ hasText: /Connected 1 channel|No new channels/ })
      .waitFor();
    await card(name)
      .getByText(/Status✓ Connected/)
      .waitFor();
    expect((await channelsFromApi()).find((c) => c.id === mastodon.id)?.status).toBe('connected');
    expect(await page.locator('.banner').count()).toBe(0);
  });

  it('shows the Bluesky app-password form with what an app password is and where to make one', async () => {
    const connect = page.getByRole('button', { name: 'Connect Bluesky', exact: true });
    await press(connect);
    await page.getByLabel('Handle', { exact: true }).waitFor();
    await page.getByLabel('App password', { exact: true }).waitFor();
    const where = page.getByRole('link', { name: /Make an app password/ });
    expect(await where.getAttribute('href')).toBe('https://bsky.app/settings/app-passwords');
    expect(await where.getAttribute('target')).toBe('_blank');
    expect(await where.textContent()).toContain('opens in a new tab');

    await press(page.getByRole('button', { name: 'Sign in and connect' }));
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await page.getByLabel('Handle', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousViolations(page, 'channels, Bluesky form with problems');
  });

  it('connects a Bluesky account with its app password', async () => {
    const account = await sandbox.createAccount<{ identifier: string; password: string }>('bluesky', {
      handle: 'cardiff_bsky',
    });
    await page.getByLabel('Handle', { exact: true }).fill('');
    await typeInto('Handle', account.credentials.identifier);
    await typeInto('App password', account.credentials.password);
    await typeInto(
      (await page.locator('label[for="connect-bluesky-server"]').textContent()) ?? '',
      `${sandbox.url}/bluesky`,
    );
    await press(page.getByRole('button', { name: 'Sign in and connect' }));
    await page
      .getByRole('status')
      .filter({ hasText: /^Connected Bluesky @/ })
      .waitFor();
    const bluesky = (await channelsFromApi()).filter((c) => c.network === 'bluesky');
    expect(bluesky).toHaveLength(2);

    // Reconnecting opens the same form for that channel, with its handle filled in; only the password is asked.
    const mine = bluesky.find((c) => c.handle.replace(/^@/, '') === account.handle);
    expect(mine).toBeDefined();
    const name = nameOf(mine!);
    await press(page.getByRole('button', { name: `Reconnect ${name}`, exact: true }));
    const heading = page.getByRole('heading', { level: 3, name: `Reconnect ${name}` });
    await heading.waitFor();
    expect(await isFocused(heading)).toBe(true);
    expect(await page.getByLabel('Handle', { exact: true }).inputValue()).toBe(account.handle);
    await typeInto('App password', account.credentials.password);
    await press(page.getByRole('button', { name: 'Sign in and connect' }));
    await page
      .getByRole('status')
      .filter({ hasText: `Reconnected ${name}` })
      .waitFor();
    expect((await channelsFromApi()).filter((c) => c.network === 'bluesky')).toHaveLength(2);
  });

  it('fits a 320 px wide screen', async () => {
    const narrow = await browser.newContext({ baseURL: api.url, viewport: { width: 320, height: 640 } });
    await narrow.request.post('/api/auth/sign-in', {
      data: { email: OWNER.email, password: OWNER.password },
    });
    const small = await narrow.newPage();
    collectPageErrors(small, pageErrors);
    await small.goto('/channels');
    await waitForScreen(small, 'Channels');
    await cards(small)
      .nth((await channelsFromApi()).length - 1)
      .waitFor();
    const widths = (await small.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await expectNoSeriousViolations(small, 'channels at 320 px');
    await narrow.close();
  });

  it('lets a viewer see the channels but change nothing', async () => {
    const viewer = await addMember(api, session.currentOrganisationId, 'viewer');
    const context = await browser.newContext({ baseURL: api.url });
    const signIn = await context.request.post('/api/auth/sign-in', {
      data: { email: viewer.email, password: STRONG_PASSWORD },
    });
    expect(signIn.status()).toBe(200);
    const viewerPage = await context.newPage();
    collectPageErrors(viewerPage, pageErrors);
    await viewerPage.goto('/channels');
    await waitForScreen(viewerPage, 'Channels');
    const all = (await channelsFromApi()).length;
    await cards(viewerPage)
      .nth(all - 1)
      .waitFor();
    expect(await cards(viewerPage).count()).toBe(all);
    expect(await viewerPage.getByText('Only owners and admins can connect or change channels.').count()).toBe(
      1,
    );
    expect(
      await viewerPage
        .getByRole('button')
        .filter({ hasText: /Disconnect|Reconnect|Check connection|Connect|practice/ })
        .count(),
    ).toBe(0);
    await expectNoSeriousViolations(viewerPage, 'channels, as a viewer');
    await context.close();
  });
  it('comes back from the network to the organisation the connection was started in', async () => {
    // Olivia also joins another organisation and is working there when the network sends her back.
    const trust = await browser.newContext({ baseURL: api.url });
    const trustSession = (await (
      await trust.request.post('/api/auth/sign-up', {
        data: {
          organisationName: 'Cardiff Libraries Trust',
          name: 'Tom Trustee',
          email: 'tom@cardifflibraries.org.uk',
          password: 'a lantern under the bridge',
        },
      })
    ).json()) as SessionBody;
    const invited = (await (
      await trust.request.post(`/api/orgs/${trustSession.currentOrganisationId}/invitations`, {
        data: { email: OWNER.email, role: 'admin' },
        headers: { 'X-CSRF-Token': trustSession.csrfToken },
      })
    ).json()) as { link: string };
    await trust.close();
    const token = new URL(invited.link).pathname.split('/').pop()!;
    const accepted = await owner.request.post(`/api/invitations/${token}/accept`, {
      data: {},
      headers: { 'X-CSRF-Token': session.csrfToken },
    });
    expect({ status: accepted.status(), body: await accepted.text() }).toMatchObject({ status: 200 });
    const now = (await accepted.json()) as SessionBody;
    if (now.currentOrganisationId === session.currentOrganisationId) {
      const switched = await owner.request.post('/api/auth/switch-organisation', {
        data: { organisationId: trustSession.currentOrganisationId },
        headers: { 'X-CSRF-Token': now.csrfToken },
      });
      expect(switched.ok()).toBe(true);
    }

    await page.goto(`/channels?org=${session.currentOrganisationId}&connected=1`);
    await page.getByRole('status').filter({ hasText: 'Connected 1 channel.' }).waitFor();
    await waitForScreen(page, 'Channels');
    expect(await page.getByRole('banner').textContent()).toContain('Cardiff Council');
    expect(await page.getByRole('banner').textContent()).not.toContain('Cardiff Libraries Trust');
    expect(new URL(page.url()).search).toBe('');
    await cards().first().waitFor();
    expect(await cards().count()).toBe((await channelsFromApi()).length);
  });
});
