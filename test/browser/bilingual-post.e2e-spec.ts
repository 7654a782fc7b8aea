import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const WELSH = 'Bydd y llyfrgell ar agor yn hwyr ddydd Iau tan 8pm.';
const ENGLISH = 'The library will be open late on Thursday until 8pm.';

/**
 * A bilingual post (issue 7): an editor of a Welsh council composes a Welsh and English pair by keyboard, with a
 * text box per language (its `lang` set), a count per half and a preview per half; submits it once; the
 * approver's queue and the post page show both halves, each with its state. axe on each state.
 */
describe('Bilingual post', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let browser: Browser;
  let context: BrowserContext;
  let ownerContext: BrowserContext;
  let page: Page;
  let orgId: string;
  let xChannel: { id: string; handle: string };
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox();
    api = await startApi({ WEB_DIST_DIR: webBuildDir(), SANDBOX_URL: sandbox.url });
    browser = await launchBrowser();
    const owner = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', locale: 'en-GB' });
    ownerContext = owner;
    const signUp = await owner.request.post('/api/auth/sign-up', {
      data: {
        organisationName: 'Cyngor Sir Demo',
        name: 'Olivia Owner',
        email: 'olivia@demo.cymru',
        password: 'correct horse battery staple',
      },
    });
    expect(signUp.status()).toBe(201);
    const session = (await signUp.json()) as { currentOrganisationId: string; csrfToken: string };
    orgId = session.currentOrganisationId;
    const headers = { 'X-CSRF-Token': session.csrfToken };
    const practice = await owner.request.post(`/api/orgs/${orgId}/channels/practice`, { data: {}, headers });
    expect(practice.status()).toBe(201);
    const channels = (
      (await practice.json()) as { channels: Array<{ id: string; network: string; handle: string }> }
    ).channels;
    xChannel = channels.find((c) => c.network === 'x')!;
    // Welsh goes first, as the Welsh Language Standards expect.
    const setting = await owner.request.put(`/api/orgs/${orgId}/settings/bilingual`, {
      data: { firstLanguage: 'cy', defaultPair: ['cy', 'en'] },
      headers,
    });
    expect(setting.status()).toBe(200);

    const editor = await addMember(api, orgId, 'editor');
    context = await browser.newContext({ baseURL: api.url, reducedMotion: 'reduce', locale: 'en-GB' });
    const signIn = await context.request.post('/api/auth/sign-in', {
      data: { email: editor.email, password: STRONG_PASSWORD },
    });
    expect(signIn.status()).toBe(200);
    page = await context.newPage();
    collectPageErrors(page, pageErrors);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await ownerContext?.close();
    await browser?.close();
    await api?.stop();
    await sandbox?.stop();
  });

  it('composes a Welsh and English pair by keyboard and shows both halves on the post page', async () => {
    await page.goto('/posts/new');
    await waitForScreen(page, 'New post');

    // "One language" is the default; the arrow key chooses a bilingual post.
    await tabTo(page, page.getByRole('radio', { name: 'One language' }), 120);
    await page.keyboard.press('ArrowDown');
    expect(
      await page
        .getByRole('radio', { name: 'Bilingual post: two languages, approved and published together' })
        .isChecked(),
    ).toBe(true);
    await page
      .getByText(
        'Welsh goes first: whenever a bilingual post has a Welsh half, it is published first and the other half straight after it.',
        { exact: false },
      )
      .waitFor();

    // One box per language, in the order they go out, each labelled in words with its language set.
    const welsh = page.getByLabel('Welsh text');
    const english = page.getByLabel('English text');
    expect(await welsh.getAttribute('lang')).toBe('cy');
    expect(await english.getAttribute('lang')).toBe('en');
    expect(await page.getByLabel('Goes out first').inputValue()).toBe('cy');
    await tabTo(page, welsh, 120);
    await page.keyboard.type(WELSH);
    await tabTo(page, english, 120);
    await page.keyboard.type(ENGLISH);

    const box = page.getByRole('checkbox', {
      name: `X ${xChannel.handle.startsWith('@') ? xChannel.handle : `@${xChannel.handle}`}`,
    });
    await tabTo(page, box, 120);
    await page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(true);

    // A count for each half, by X's rules, and a preview of each.
    await page.locator('#pair-count-cy').getByText(`${WELSH.length} of 280 characters`).waitFor();
    await page.locator('#pair-count-en').getByText(`${ENGLISH.length} of 280 characters`).waitFor();
    await page.getByText('Preview of the Welsh half').click();
    await page.locator('[lang="cy"]').getByRole('list', { name: 'Preview on X' }).getByText(WELSH).waitFor();
    // This channel carries both halves; it could carry only one (a paired account).
    expect(await page.locator(`#carry-${xChannel.id}`).inputValue()).toBe('both');
    await expectNoSeriousViolations(page, 'composer, bilingual post');

    await tabTo(page, page.getByRole('button', { name: 'Submit for approval' }), 160);
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Yes, submit for approval' }), 40);
    await page.keyboard.press('Enter');
    await page.locator('.notice--success').waitFor();
    const open = page.getByRole('link', { name: 'Open the post' });
    await tabTo(page, open, 40);
    await page.keyboard.press('Enter');

    // The post page names the pair and shows each half with its own state.
    await page.getByRole('heading', { name: 'Channels and languages' }).waitFor();
    await page
      .getByText('Bilingual: Welsh and English. The Welsh half goes out first', { exact: false })
      .waitFor();
    for (const half of ['Welsh', 'English']) {
      const section = page.getByRole('region', { name: new RegExp(`^${half} half on X `) });
      await section.waitFor();
      expect(await section.locator('.target__state').textContent()).toMatch(/^Waiting for approval/);
    }
    await expectNoSeriousViolations(page, 'post page, bilingual post in review');
  });

  it('lets an owner choose which language goes first, on the settings page', async () => {
    const owner = await ownerContext.newPage();
    collectPageErrors(owner, pageErrors);
    await owner.goto('/settings/bilingual');
    await waitForScreen(owner, 'Bilingual posts');
    const first = owner.getByLabel('Which language goes first');
    expect(await first.inputValue()).toBe('cy');
    await owner
      .getByText(
        'Welsh goes first: whenever a bilingual post has a Welsh half, it is published first and the other half straight after it.',
      )
      .waitFor();
    await expectNoSeriousViolations(owner, 'bilingual settings');
    await tabTo(owner, first, 120);
    await first.selectOption('en');
    await tabTo(owner, owner.getByRole('button', { name: 'Save bilingual settings' }), 20);
    await owner.keyboard.press('Enter');
    await owner.getByRole('status').filter({ hasText: 'Bilingual settings saved.' }).waitFor();
    await owner
      .getByText(
        'English goes first: whenever a bilingual post has an English half, it is published first and the other half straight after it.',
      )
      .waitFor();
    await expectNoSeriousViolations(owner, 'bilingual settings, saved');
  });
});
