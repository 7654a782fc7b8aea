import { TwitterApi } from 'twitter-api-v2';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  apiError,
  clientSettings,
  expectValidXResponses,
  sleep,
  startXSandbox,
  xAccount,
  XTestAccount,
} from './x-test-kit';

const CALLBACK = 'https://app.outside-in.example/oauth/x/callback';
const SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'offline.access',
  'media.write',
  'dm.read',
  'dm.write',
];

/** The app's side of the consent: open the authorize link on the sandbox and press a button. */
async function consent(
  sandbox: TestSandbox,
  authLink: string,
  decision: 'allow' | 'deny',
  username?: string,
): Promise<URL> {
  const link = new URL(authLink);
  expect(link.origin).toBe('https://x.com');
  const page = await fetch(`${sandbox.url}/x${link.pathname}${link.search}`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await page.text();
  expect(html).toContain('wants to access your X account');
  expect(html).toContain('<button type="submit" name="decision" value="deny">Cancel</button>');
  const form = new URLSearchParams(link.search);
  form.set('decision', decision);
  if (username) form.set('username', username);
  const answer = await fetch(`${sandbox.url}/x/i/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get('location') ?? '');
}

describe('X sandbox: OAuth 2.0 with PKCE through twitter-api-v2', () => {
  let sandbox: TestSandbox;
  let developer: XTestAccount;
  let officer: XTestAccount;
  let app: TwitterApi;

  beforeAll(async () => {
    sandbox = await startXSandbox();
    developer = await xAccount(sandbox, 'outsidein_app');
    officer = await xAccount(sandbox, 'comms_officer');
    app = new TwitterApi(
      { clientId: developer.credentials.clientId, clientSecret: developer.credentials.clientSecret },
      clientSettings(sandbox),
    );
  });

  afterEach(() => expectValidXResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('authorizes, exchanges the code with the PKCE verifier, refreshes with rotation and revokes', async () => {
    const link = app.generateOAuth2AuthLink(CALLBACK, { scope: SCOPES });
    const callback = await consent(sandbox, link.url, 'allow', 'comms_officer');
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe(link.state);
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const login = await app.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri: CALLBACK });
    expect(login.expiresIn).toBe(7200);
    expect(login.scope.sort()).toEqual([...SCOPES].sort());
    expect(login.refreshToken).toBeTruthy();
    const token = sandbox.responses.find((r) => r.path === '/x/2/oauth2/token');
    expect(token?.contentType).toMatch(/^application\/json/);
    const me = await login.client.v2.me();
    expect(me.data).toMatchObject({ id: officer.userId, username: 'comms_officer' });

    // A code works once.
    const again = await apiError(
      app.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri: CALLBACK }),
    );
    expect(again.code).toBe(400);

    const refreshed = await app.refreshOAuth2Token(login.refreshToken!);
    expect(refreshed.refreshToken).not.toBe(login.refreshToken);
    expect((await refreshed.client.v2.me()).data.id).toBe(officer.userId);
    const reused = await apiError(app.refreshOAuth2Token(login.refreshToken!));
    expect(reused.code).toBe(400);
    // twitter-api-v2 adds errors: [{ code: 131 }] to OAuth error bodies itself.
    expect(reused.data).toMatchObject({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });

    const revoked = await app.revokeOAuth2Token(refreshed.accessToken, 'access_token');
    expect(revoked).toEqual({ revoked: true });
    const after = await apiError(refreshed.client.v2.me());
    expect(after.code).toBe(401);
  });

  it('redirects with error=access_denied when the user cancels', async () => {
    const link = app.generateOAuth2AuthLink(CALLBACK, { scope: SCOPES });
    const callback = await consent(sandbox, link.url, 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(link.state);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('refuses a code exchanged with the wrong PKCE verifier, and spends the code', async () => {
    const link = app.generateOAuth2AuthLink(CALLBACK, { scope: SCOPES });
    const callback = await consent(sandbox, link.url, 'allow', 'comms_officer');
    const code = callback.searchParams.get('code')!;
    const other = app.generateOAuth2AuthLink(CALLBACK, { scope: SCOPES });
    const wrong = await apiError(
      app.loginWithOAuth2({ code, codeVerifier: other.codeVerifier, redirectUri: CALLBACK }),
    );
    expect(wrong.code).toBe(400);
    expect(wrong.data).toMatchObject({
      error: 'invalid_request',
      error_description: 'Value passed for the token was invalid.',
    });
    const right = await apiError(
      app.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri: CALLBACK }),
    );
    expect(right.code).toBe(400);
  });

  it('accepts the form-encoded token request X documents, with HTTP Basic client authentication', async () => {
    const link = app.generateOAuth2AuthLink(CALLBACK, { scope: ['tweet.read', 'users.read'] });
    const code = (await consent(sandbox, link.url, 'allow', 'comms_officer')).searchParams.get('code')!;
    const basic = Buffer.from(
      `${developer.credentials.clientId}:${developer.credentials.clientSecret}`,
    ).toString('base64');
    const response = await fetch(`${sandbox.url}/x/2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: CALLBACK,
        code_verifier: link.codeVerifier,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 7200, scope: 'tweet.read users.read' });
    expect(body.refresh_token).toBeUndefined(); // no offline.access, no refresh token

    // Without tweet.write the token cannot post: X's 403.
    const readOnly = new TwitterApi(String(body.access_token), clientSettings(sandbox));
    const forbidden = await apiError(readOnly.v2.tweet('Should not be allowed'));
    expect(forbidden.code).toBe(403);
    expect(forbidden.data.detail).toContain('tweet.write');
  });

  it('refuses a wrong client secret and an unknown client', async () => {
    const impostor = new TwitterApi(
      { clientId: developer.credentials.clientId, clientSecret: 'wrong-secret' },
      clientSettings(sandbox),
    );
    const error = await apiError(impostor.refreshOAuth2Token(developer.credentials.refreshToken));
    expect(error.code).toBe(401);
    expect(error.data).toMatchObject({ error: 'unauthorized_client' });

    const unknown = await fetch(
      `${sandbox.url}/x/i/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri=${encodeURIComponent(CALLBACK)}&state=s&code_challenge=c&code_challenge_method=s256&scope=tweet.read`,
      { redirect: 'manual' },
    );
    expect(unknown.status).toBe(400); // shown on the page, never redirected to an unverified app
    expect(await unknown.text()).toContain('No app has the client_id');
  });
});

describe('X sandbox: expiring access tokens', () => {
  let sandbox: TestSandbox;

  beforeAll(async () => {
    const previous = process.env.SANDBOX_X_ACCESS_TOKEN_TTL_SECONDS;
    process.env.SANDBOX_X_ACCESS_TOKEN_TTL_SECONDS = '2';
    try {
      sandbox = await startXSandbox();
    } finally {
      if (previous === undefined) delete process.env.SANDBOX_X_ACCESS_TOKEN_TTL_SECONDS;
      else process.env.SANDBOX_X_ACCESS_TOKEN_TTL_SECONDS = previous;
    }
  });

  afterEach(() => expectValidXResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('answers 401 once the access token expires, and the refresh token gets a fresh one', async () => {
    const account = await xAccount(sandbox, 'short_lived');
    expect(account.credentials.expiresIn).toBe(2);
    await account.client.v2.me();
    await sleep(2100);
    const expired = await apiError(account.client.v2.me());
    expect(expired.code).toBe(401);
    const app = new TwitterApi(
      { clientId: account.credentials.clientId, clientSecret: account.credentials.clientSecret },
      clientSettings(sandbox),
    );
    const refreshed = await app.refreshOAuth2Token(account.credentials.refreshToken);
    expect((await refreshed.client.v2.me()).data.username).toBe('short_lived');
  });
});
