import { User } from 'facebook-nodejs-business-sdk';
import {
  createMetaAccount,
  graphFetch,
  MetaAccount,
  startSandbox,
  TestSandbox,
} from './support/meta-fixture';
import { expectGraphShapes } from './support/graph-shapes';
import { sdkError, SandboxGraphApi } from './support/sandbox-graph-api';

const REDIRECT = 'https://app.example.test/oauth/meta/callback';

/** Reads the consent form the dialog renders: its hidden fields and the people one can continue as. */
function consentForm(html: string): { action: string; fields: Record<string, string>; people: string[] } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]] = match[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  const people = [...html.matchAll(/name="user_id" value="(\d+)"/g)].map((m) => m[1]);
  return { action, fields, people };
}

describe('Meta sandbox: Facebook Login dialog, code exchange, long-lived and page tokens', () => {
  let sandbox: TestSandbox;
  let fb: MetaAccount;
  let ig: MetaAccount;

  beforeAll(async () => {
    sandbox = await startSandbox();
    // Provisioned together on a fresh sandbox: both pages must land on the one sandbox app.
    [fb, ig] = await Promise.all([
      createMetaAccount(sandbox, 'facebook', { handle: 'bridgend_cc', displayName: 'Bridgend Council' }),
      createMetaAccount(sandbox, 'instagram', {
        handle: 'bridgend_ig',
        displayName: 'Bridgend on Instagram',
      }),
    ]);
  });
  afterAll(async () => {
    try {
      expect(expectGraphShapes(sandbox)).toBeGreaterThan(0);
    } finally {
      await sandbox.stop();
    }
  });

  async function decide(
    decision: 'allow' | 'deny',
    userId: string,
    state: string,
    version = 'v21.0',
  ): Promise<URL> {
    const dialog = new URL(`${sandbox.url}/meta/${version}/dialog/oauth`);
    dialog.search = new URLSearchParams({
      client_id: fb.credentials.appId,
      redirect_uri: REDIRECT,
      state,
      scope: 'pages_show_list,pages_manage_posts,pages_messaging',
      response_type: 'code',
    }).toString();
    const page = await fetch(dialog);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const form = consentForm(await page.text());
    expect(form.people).toContain(userId);
    const res = await fetch(new URL(form.action, sandbox.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form.fields, user_id: userId, decision }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location') ?? '');
  }

  const exchange = (api: SandboxGraphApi, params: Record<string, unknown>): Promise<unknown> =>
    api.call('GET', ['oauth', 'access_token'], {
      client_id: fb.credentials.appId,
      client_secret: fb.credentials.appSecret,
      ...params,
    });

  it('consents, redirects with code and state, and exchanges the code for a user token once', async () => {
    const back = await decide('allow', fb.credentials.userId, 'xyz-123');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('xyz-123');
    const code = back.searchParams.get('code') ?? '';
    expect(code.length).toBeGreaterThan(20);

    // The SDK has no OAuth helper: its generic call() sends GET /oauth/access_token like any Graph path.
    const api = new SandboxGraphApi('unused', `${sandbox.url}/meta`);
    const token = (await exchange(api, { redirect_uri: REDIRECT, code })) as Record<string, unknown>;
    expect(token).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 7200,
    });

    const reused = await sdkError(() => exchange(api, { redirect_uri: REDIRECT, code }));
    expect(reused.response).toMatchObject({
      code: 100,
      error_subcode: 36009,
      message: 'This authorization code has been used.',
    });

    const me = await new User(
      'me',
      {},
      undefined,
      new SandboxGraphApi(String(token.access_token), `${sandbox.url}/meta`),
    ).get(['id', 'name']);
    expect(me._data).toEqual({ id: fb.credentials.userId, name: 'Bridgend Council admin' });

    const long = (await exchange(api, {
      grant_type: 'fb_exchange_token',
      fb_exchange_token: token.access_token,
    })) as Record<string, unknown>;
    expect(long).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 5184000,
    });
    const debug = await graphFetch(sandbox, '/v21.0/debug_token', {
      token: `${fb.credentials.appId}|${fb.credentials.appSecret}`,
      query: { input_token: String(long.access_token) },
    });
    expect(debug.body.data).toMatchObject({
      type: 'USER',
      is_valid: true,
      user_id: fb.credentials.userId,
      scopes: ['pages_show_list', 'pages_manage_posts', 'pages_messaging'],
    });
  });

  it('shares one app between pages and refuses a username that is taken (409)', async () => {
    expect(ig.credentials.appId).toBe(fb.credentials.appId);
    await expect(createMetaAccount(sandbox, 'facebook', { handle: 'Bridgend_CC' })).rejects.toThrow(
      /409.*taken/,
    );
  });

  it('redirects with error=access_denied when the person cancels', async () => {
    const back = await decide('deny', fb.credentials.userId, 'st-9', 'v24.0');
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      state: 'st-9',
    });
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('refuses bad exchanges: wrong secret, mismatched redirect_uri, unknown code, unknown app', async () => {
    const api = new SandboxGraphApi('unused', `${sandbox.url}/meta`);
    const back = await decide('allow', fb.credentials.userId, 's');
    const code = back.searchParams.get('code') ?? '';
    const secret = await sdkError(() =>
      exchange(api, { client_secret: 'wrong', redirect_uri: REDIRECT, code }),
    );
    expect(secret.response).toMatchObject({ code: 1, message: 'Error validating client secret.' });
    const redirect = await sdkError(() => exchange(api, { redirect_uri: 'https://elsewhere.test/cb', code }));
    expect(redirect.response).toMatchObject({ code: 100, error_subcode: 36008 });
    const unknown = await sdkError(() => exchange(api, { redirect_uri: REDIRECT, code: 'AQnonsense' }));
    expect(unknown.response?.code).toBe(100);
    const app = await sdkError(() =>
      api.call('GET', ['oauth', 'access_token'], { client_id: '42', client_secret: 'x', code }),
    );
    expect(app.response?.code).toBe(101);
    const page = await fetch(
      `${sandbox.url}/meta/dialog/oauth?client_id=42&redirect_uri=${encodeURIComponent(REDIRECT)}`,
    );
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/Invalid App ID/);
  });

  it('issues the app access token with client_credentials', async () => {
    const api = new SandboxGraphApi('unused', `${sandbox.url}/meta`);
    expect(await exchange(api, { grant_type: 'client_credentials' })).toEqual({
      access_token: `${fb.credentials.appId}|${fb.credentials.appSecret}`,
      token_type: 'bearer',
    });
  });

  it('lists /me/accounts with page access tokens and the linked instagram_business_account', async () => {
    const admin = new User('me', {}, undefined, ig.userApi);
    const accounts = await admin.getAccounts(['id', 'name', 'access_token', 'instagram_business_account']);
    expect(accounts.map((a) => a._data)).toEqual([
      {
        id: ig.credentials.pageId,
        name: 'Bridgend on Instagram',
        access_token: ig.credentials.pageAccessToken,
        instagram_business_account: { id: ig.credentials.instagramUserId },
      },
    ]);
    const defaults = await new User('me', {}, undefined, fb.userApi).getAccounts([]);
    expect(Object.keys(defaults[0]._data).sort()).toEqual([
      'access_token',
      'category',
      'category_list',
      'id',
      'name',
      'tasks',
    ]);
    const asPage = await sdkError(() => new User('me', {}, undefined, fb.pageApi).getAccounts(['id']));
    expect(asPage.response?.code).toBe(100);
  });

  it('answers an expired token with code 190, subcode 463, and a missing one with code 104', async () => {
    const expire = await fetch(`${sandbox.url}/_sandbox/meta/tokens/expire`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accessToken: fb.credentials.userAccessToken }),
    });
    expect(expire.status).toBe(200);
    const expired = await sdkError(() => new User('me', {}, undefined, fb.userApi).get(['id']));
    expect(expired.status).toBe(400);
    expect(expired.response).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    expect(expired.message).toMatch(
      /^Error validating access token: Session has expired on .+\. The current time is .+\.$/,
    );
    expect(expired.headers?.['www-authenticate']).toMatch(/invalid_token/);

    const none = await graphFetch(sandbox, '/v21.0/me');
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 104, type: 'OAuthException' });
    const garbage = await graphFetch(sandbox, '/v21.0/me', { token: 'not-a-token' });
    expect(garbage.body.error).toMatchObject({ code: 190 });
  });
});
