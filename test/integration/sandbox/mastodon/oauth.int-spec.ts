import { createHash, randomBytes } from 'node:crypto';
import { mastodon } from 'masto';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  expectValidMastodonResponses,
  httpError,
  mastoClient,
  mastodonAccount,
  MastodonTestAccount,
  oauthClient,
  startMastodonSandbox,
} from './mastodon-test-kit';

const REDIRECT = 'https://outside-in.example/oauth/mastodon/callback';

/** Reads the consent page's forms the way a browser would submit them. */
function formFields(html: string, formId: string): URLSearchParams {
  const form = new RegExp(`<form[^>]*id="${formId}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  if (!form) throw new Error(`No form #${formId} in the consent page`);
  const fields = new URLSearchParams();
  for (const input of form[1].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(
      input[1],
      input[2]
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'"),
    );
  }
  return fields;
}

function formAction(html: string, formId: string): string {
  const match = new RegExp(`<form method="post" action="([^"]+)" id="${formId}"`).exec(html);
  if (!match) throw new Error(`No action on form #${formId}`);
  return match[1];
}

describe('Mastodon sandbox: app registration and OAuth through masto and a browser-like consent', () => {
  let sandbox: TestSandbox;
  let council: MastodonTestAccount;
  let app: mastodon.v1.Client;

  beforeAll(async () => {
    sandbox = await startMastodonSandbox();
    council = await mastodonAccount(sandbox, 'council');
    app = await mastoClient(sandbox).v1.apps.create({
      clientName: 'Outside In',
      redirectUris: REDIRECT,
      scopes: 'read write',
      website: 'https://outside-in.example',
    });
  });
  afterEach(() => expectValidMastodonResponses(sandbox));
  afterAll(() => sandbox.stop());

  async function consentPage(params: Record<string, string>): Promise<Response> {
    const query = new URLSearchParams({
      client_id: app.clientId ?? '',
      redirect_uri: REDIRECT,
      response_type: 'code',
      ...params,
    });
    return fetch(`${sandbox.url}/oauth/authorize?${query}`, { redirect: 'manual' });
  }

  async function submit(html: string, formId: string, extra: Record<string, string>): Promise<Response> {
    const body = formFields(html, formId);
    for (const [key, value] of Object.entries(extra)) body.set(key, value);
    return fetch(`${sandbox.url}${formAction(html, formId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
  }

  it('registers an app with client credentials', () => {
    expect(app.name).toBe('Outside In');
    expect(app.clientId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(app.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(app.redirectUris).toEqual([REDIRECT]);
    expect(app.scopes).toEqual(['read', 'write']);
  });

  it('refuses an app without a name or with a relative redirect URI (422)', async () => {
    const anonymous = mastoClient(sandbox);
    const noName = await httpError(
      anonymous.v1.apps.create({ clientName: '', redirectUris: REDIRECT, scopes: 'read' }),
    );
    expect(noName.statusCode).toBe(422);
    expect(noName.message).toBe("Validation failed: Name can't be blank");
    const relative = await httpError(
      anonymous.v1.apps.create({ clientName: 'x', redirectUris: '/callback', scopes: 'read' }),
    );
    expect(relative.statusCode).toBe(422);
    expect(relative.message).toBe('Validation failed: Redirect URI must be an absolute URI.');
    const scope = await httpError(
      anonymous.v1.apps.create({ clientName: 'x', redirectUris: REDIRECT, scopes: 'read everything' }),
    );
    expect(scope.statusCode).toBe(422);
  });

  it('runs the authorization code flow: consent page, redirect with code and state, token, API access', async () => {
    const page = await consentPage({ scope: 'read write', state: 'xyz-123' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('Authorization required');
    expect(html).toContain('Outside In');

    const approved = await submit(html, 'authorize', {
      username: 'council',
      password: council.credentials.password,
    });
    expect(approved.status).toBe(302);
    const location = new URL(approved.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz-123');
    const code = location.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const token = await oauthClient(sandbox).token.create({
      grantType: 'authorization_code',
      clientId: app.clientId ?? '',
      clientSecret: app.clientSecret ?? '',
      redirectUri: REDIRECT,
      code,
    });
    expect(token.tokenType).toBe('Bearer');
    expect(token.scope).toBe('read write');
    expect(token.createdAt).toBeGreaterThan(1_700_000_000);

    const me = await mastoClient(sandbox, token.accessToken).v1.accounts.verifyCredentials();
    expect(me.id).toBe(council.accountId);
    const posted = await mastoClient(sandbox, token.accessToken).v1.statuses.create({
      status: 'Posted with an OAuth token',
    });
    expect(posted.application).toMatchObject({ name: 'Outside In' });

    // A code works once.
    const replay = await httpError(
      oauthClient(sandbox).token.create({
        grantType: 'authorization_code',
        clientId: app.clientId ?? '',
        clientSecret: app.clientSecret ?? '',
        redirectUri: REDIRECT,
        code,
      }),
    );
    expect(replay.statusCode).toBe(400);
    expect(replay.message).toBe('invalid_grant');
  });

  it('redirects a denied consent with error=access_denied and the state', async () => {
    const html = await (await consentPage({ scope: 'read', state: 'deny-me' })).text();
    const denied = await submit(html, 'deny', {});
    expect(denied.status).toBe(302);
    const location = new URL(denied.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('deny-me');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('keeps the user on the consent page when the password is wrong', async () => {
    const html = await (await consentPage({ scope: 'read' })).text();
    const wrong = await submit(html, 'authorize', { username: 'council', password: 'guess' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Invalid username or password.');
  });

  it('supports PKCE (S256): the right verifier gets a token, a wrong one invalid_grant', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const exchange = async (codeVerifier: string): Promise<mastodon.v1.Token> => {
      const html = await (
        await consentPage({ scope: 'read', code_challenge: challenge, code_challenge_method: 'S256' })
      ).text();
      const approved = await submit(html, 'authorize', {
        username: 'council',
        password: council.credentials.password,
      });
      const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const params = {
        grantType: 'authorization_code' as const,
        clientId: app.clientId ?? '',
        clientSecret: app.clientSecret ?? '',
        redirectUri: REDIRECT,
        code,
        codeVerifier,
      };
      return oauthClient(sandbox).token.create(params);
    };
    const wrong = await httpError(exchange('not-the-verifier'));
    expect(wrong.statusCode).toBe(400);
    const right = await exchange(verifier);
    expect(right.scope).toBe('read');
  });

  it('issues app tokens with client_credentials; they cannot act as a user', async () => {
    const token = await oauthClient(sandbox).token.create({
      grantType: 'client_credentials',
      clientId: app.clientId ?? '',
      clientSecret: app.clientSecret ?? '',
      redirectUri: REDIRECT,
      scope: 'read',
    });
    const client = mastoClient(sandbox, token.accessToken);
    const verified = await client.v1.apps.verifyCredentials();
    expect(verified.name).toBe('Outside In');
    const asUser = await httpError(client.v1.accounts.verifyCredentials());
    expect(asUser.statusCode).toBe(422);
    expect(asUser.message).toBe('This method requires an authenticated user');
    const notifications = await httpError(client.v1.notifications.list());
    expect(notifications.statusCode).toBe(422);
  });

  it('refuses a token outside its scopes (403) and a bad client secret (401)', async () => {
    const html = await (await consentPage({ scope: 'write' })).text();
    const approved = await submit(html, 'authorize', {
      username: 'council',
      password: council.credentials.password,
    });
    const code = new URL(approved.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const writeOnly = await oauthClient(sandbox).token.create({
      grantType: 'authorization_code',
      clientId: app.clientId ?? '',
      clientSecret: app.clientSecret ?? '',
      redirectUri: REDIRECT,
      code,
    });
    expect(writeOnly.scope).toBe('write');
    const forbidden = await httpError(
      mastoClient(sandbox, writeOnly.accessToken).v1.accounts.verifyCredentials(),
    );
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.message).toBe('This action is outside the authorized scopes');

    const badSecret = await httpError(
      oauthClient(sandbox).token.create({
        grantType: 'client_credentials',
        clientId: app.clientId ?? '',
        clientSecret: 'wrong',
        redirectUri: REDIRECT,
      }),
    );
    expect(badSecret.statusCode).toBe(401);
    expect(badSecret.message).toBe('invalid_client');
  });

  it('answers JSON errors for an unknown client or redirect URI, and redirects a bad scope', async () => {
    const unknown = await fetch(
      `${sandbox.url}/oauth/authorize?client_id=nope&redirect_uri=${REDIRECT}&response_type=code`,
    );
    expect(unknown.status).toBe(401);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_client' });
    const elsewhere = await consentPage({ redirect_uri: 'https://evil.example/cb' });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.json()).toMatchObject({ error: 'invalid_redirect_uri' });
    const scope = await consentPage({ scope: 'admin:write', state: 's' });
    expect(scope.status).toBe(302);
    expect(new URL(scope.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_scope');
  });

  it('accepts a form-encoded token request and refuses unsupported or incomplete grants (400)', async () => {
    const post = (fields: Record<string, string>): Promise<Response> =>
      fetch(`${sandbox.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    const client = { client_id: app.clientId ?? '', client_secret: app.clientSecret ?? '' };
    const form = await post({ ...client, grant_type: 'client_credentials', scope: 'read' });
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    expect(await form.json()).toMatchObject({
      token_type: 'Bearer',
      scope: 'read',
      access_token: expect.any(String),
    });

    const password = await post({ ...client, grant_type: 'password', username: 'council', password: 'x' });
    expect(password.status).toBe(400);
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const noCode = await post({ ...client, grant_type: 'authorization_code', redirect_uri: REDIRECT });
    expect(noCode.status).toBe(400);
    expect(await noCode.json()).toEqual({
      error: 'invalid_request',
      error_description: 'Missing required parameter: code.',
    });
  });

  it('revokes a token: afterwards the API answers 401', async () => {
    const token = await oauthClient(sandbox).token.create({
      grantType: 'client_credentials',
      clientId: app.clientId ?? '',
      clientSecret: app.clientSecret ?? '',
      redirectUri: REDIRECT,
    });
    await mastoClient(sandbox, token.accessToken).v1.apps.verifyCredentials();
    await oauthClient(sandbox).revoke({
      clientId: app.clientId ?? '',
      clientSecret: app.clientSecret ?? '',
      token: token.accessToken,
    });
    const revoked = await httpError(mastoClient(sandbox, token.accessToken).v1.apps.verifyCredentials());
    expect(revoked.statusCode).toBe(401);
    expect(revoked.message).toBe('The access token was revoked');

    const notYours = await httpError(
      oauthClient(sandbox).revoke({
        clientId: app.clientId ?? '',
        clientSecret: app.clientSecret ?? '',
        token: council.credentials.accessToken,
      }),
    );
    expect(notYours.statusCode).toBe(403);
  });
});
