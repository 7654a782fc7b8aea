import { ChannelVault, channelBinding } from '@outside-in/channels';
import { Channel } from '@outside-in/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { addMember, signUp, type SignedInClient } from '../../support/api-client';
import { startApi, type TestApi } from '../../support/api-harness';
import { answerConsentPage } from '../../support/consent-page';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';

interface XApp {
  clientId: string;
  clientSecret: string;
}
interface MetaAccount {
  appId: string;
  appSecret: string;
  userId: string;
  pageId: string;
  instagramUserId?: string;
}

describe('Connecting channels through the networks’ own sign-in (against the sandbox)', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let owner: SignedInClient;
  let meta: { credentials: MetaAccount; handle: string };

  beforeAll(async () => {
    sandbox = await startSandbox();
    const app = await sandbox.createAccount<XApp>('x', { handle: 'oiapp' });
    meta = await sandbox.createAccount<MetaAccount>('facebook', {
      handle: 'cardiffpage',
      displayName: 'Cardiff Council',
    });
    api = await startApi({
      SANDBOX_URL: sandbox.url,
      X_CLIENT_ID: app.credentials.clientId,
      X_CLIENT_SECRET: app.credentials.clientSecret,
      X_API_URL: `${sandbox.url}/x`,
      X_AUTHORIZE_URL: `${sandbox.url}/x/i/oauth2/authorize`,
      META_APP_ID: meta.credentials.appId,
      META_APP_SECRET: meta.credentials.appSecret,
      META_GRAPH_URL: `${sandbox.url}/meta`,
      META_DIALOG_URL: `${sandbox.url}/meta/dialog/oauth`,
      BLUESKY_SERVICE_URL: `${sandbox.url}/bluesky`,
    });
    owner = await signUp(api);
  });

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  const channelsPath = () => `/api/orgs/${owner.orgId}/channels`;

  async function start(client: SignedInClient, body: Record<string, unknown>): Promise<string> {
    const res = await client.post(`/api/orgs/${client.orgId}/channels/connect`, body);
    expect(res.status).toBe(200);
    return res.body.authorizeUrl as string;
  }

  /** Follows the network's redirect back into the API as the same browser, and reads where it lands. */
  async function returnTo(client: SignedInClient, location: string): Promise<URLSearchParams> {
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(`${api.url}/api/channels/oauth/callback`);
    const res = await client.get(`${back.pathname}${back.search}`);
    expect(res.status).toBe(302);
    const landing = new URL(res.headers.location, api.url);
    expect(landing.pathname).toBe('/channels');
    return landing.searchParams;
  }

  async function channelRows(): Promise<Channel[]> {
    return api.app.get(DataSource).getRepository(Channel).findBy({ organisationId: owner.orgId });
  }

  it('connects X with OAuth 2.0 and PKCE: consent on X, credentials sealed, never returned', async () => {
    const user = await sandbox.createAccount('x', { handle: 'cardiffcouncil' });
    const authorizeUrl = await start(owner, { network: 'x' });
    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.url}/x/i/oauth2/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toHaveLength(43);

    const location = await answerConsentPage(authorizeUrl, {
      button: 'allow',
      fields: { username: 'cardiffcouncil' },
    });
    const landing = await returnTo(owner, location);
    expect(landing.get('connected')).toBe('1');
    expect(landing.get('org')).toBe(owner.orgId);

    const list = await owner.get(channelsPath());
    const x = list.body.channels.find((c: { network: string }) => c.network === 'x');
    expect(x).toMatchObject({
      handle: 'cardiffcouncil',
      status: 'connected',
      // Connected through the sandbox's X, so it is a practice channel and says so.
      statusText: 'Connected (practice channel on the sandbox)',
      practice: true,
    });
    expect(JSON.stringify(list.body)).not.toMatch(/accessToken|refreshToken|"credentials"/);

    const row = (await channelRows()).find((c) => c.network === 'x')!;
    expect(row.externalAccountId).toBe(user.accountId);
    expect(row.credentialsSealed).not.toContain('accessToken');
    const opened = api.app
      .get(ChannelVault)
      .open(row.credentialsKeyId!, row.credentialsSealed!, channelBinding(row.id));
    expect(opened.accessToken).toEqual(expect.any(String));
    expect(opened.refreshToken).toEqual(expect.any(String));
    expect(row.credentialsExpireAt!.getTime()).toBeGreaterThan(Date.now());

    const audit = await owner.get(`/api/orgs/${owner.orgId}/audit?action=channel.connected`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('cardiffcouncil');
  });

  it('refuses a forged state and saves nothing', async () => {
    const before = (await channelRows()).length;
    await start(owner, { network: 'x' });
    const landing = await returnTo(
      owner,
      `${api.url}/api/channels/oauth/callback?state=forged-state-value&code=anything`,
    );
    expect(landing.get('connectError')).toMatch(/not one Outside In started/);
    expect(landing.get('connected')).toBeNull();
    expect((await channelRows()).length).toBe(before);
  });

  it('a state can be used once: replaying the callback connects nothing more', async () => {
    await sandbox.createAccount('x', { handle: 'swanseacouncil' });
    const authorizeUrl = await start(owner, { network: 'x' });
    const location = await answerConsentPage(authorizeUrl, {
      button: 'allow',
      fields: { username: 'swanseacouncil' },
    });
    expect((await returnTo(owner, location)).get('connected')).toBe('1');
    const replay = await returnTo(owner, location);
    expect(replay.get('connectError')).toMatch(/already been used/);
  });

  it('another person cannot finish someone else’s sign-in', async () => {
    await sandbox.createAccount('x', { handle: 'newportcouncil' });
    const admin = await addMember(api, owner.orgId, 'admin');
    const authorizeUrl = await start(owner, { network: 'x' });
    const location = await answerConsentPage(authorizeUrl, {
      button: 'allow',
      fields: { username: 'newportcouncil' },
    });
    const landing = await returnTo(admin, location);
    expect(landing.get('connectError')).toMatch(/started by someone else/);
    expect((await channelRows()).some((c) => c.handle === 'newportcouncil')).toBe(false);
  });

  it('a denied consent says so and saves nothing', async () => {
    const before = (await channelRows()).length;
    const authorizeUrl = await start(owner, { network: 'x' });
    const location = await answerConsentPage(authorizeUrl, { button: 'deny' });
    const landing = await returnTo(owner, location);
    expect(landing.get('connectError')).toMatch(/You did not give Outside In access to X/);
    expect((await channelRows()).length).toBe(before);
  });

  it('connects a Facebook page and its Instagram account with Facebook Login', async () => {
    const fbUrl = await start(owner, { network: 'facebook' });
    expect(new URL(fbUrl).searchParams.get('scope')).toContain('pages_manage_posts');
    const fbLocation = await answerConsentPage(fbUrl, {
      button: 'allow',
      fields: { user_id: meta.credentials.userId },
    });
    expect((await returnTo(owner, fbLocation)).get('connected')).toBe('1');
    const page = (await channelRows()).find((c) => c.network === 'facebook')!;
    expect(page.externalAccountId).toBe(meta.credentials.pageId);
    expect(page.credentialsExpireAt).toBeNull();

    const ig = await sandbox.createAccount<MetaAccount>('instagram', { handle: 'cardiff_insta' });
    const igUrl = await start(owner, { network: 'instagram' });
    const igLocation = await answerConsentPage(igUrl, {
      button: 'allow',
      fields: { user_id: ig.credentials.userId },
    });
    expect((await returnTo(owner, igLocation)).get('connected')).toBe('1');
    const igRow = (await channelRows()).find((c) => c.network === 'instagram')!;
    expect(igRow.externalAccountId).toBe(ig.credentials.instagramUserId);
  });

  it('a person who manages several pages chooses which to connect', async () => {
    const first = await sandbox.createAccount<MetaAccount>('facebook', { handle: 'valelibraries' });
    const second = await sandbox.createAccount<MetaAccount>('facebook', { handle: 'valeparks' });
    const db = new Client({ connectionString: sandbox.databaseUrl });
    await db.connect();
    try {
      // One person administers both pages, as a council's comms lead often does.
      await db.query('UPDATE meta_pages SET admin_user_id = $1 WHERE id = $2', [
        first.credentials.userId,
        second.credentials.pageId,
      ]);
    } finally {
      await db.end();
    }
    const url = await start(owner, { network: 'facebook' });
    const location = await answerConsentPage(url, {
      button: 'allow',
      fields: { user_id: first.credentials.userId },
    });
    const attemptId = (await returnTo(owner, location)).get('choose');
    expect(attemptId).toEqual(expect.any(String));

    const offered = await owner.get(`${channelsPath()}/connect/${attemptId}`);
    expect(offered.status).toBe(200);
    expect(offered.body.accounts.map((a: { handle: string }) => a.handle).sort()).toEqual([
      'valelibraries',
      'valeparks',
    ]);
    expect(JSON.stringify(offered.body)).not.toMatch(/pageAccessToken/);

    const unknown = await owner.post(`${channelsPath()}/connect/${attemptId}/choose`, { accounts: ['123'] });
    expect(unknown.status).toBe(400);
    const none = await owner.post(`${channelsPath()}/connect/${attemptId}/choose`, { accounts: [] });
    expect(none.status).toBe(400);

    const chosen = await owner.post(`${channelsPath()}/connect/${attemptId}/choose`, {
      accounts: [second.credentials.pageId],
    });
    expect(chosen.status).toBe(200);
    expect(chosen.body.channels).toEqual([
      expect.objectContaining({ handle: 'valeparks', status: 'connected' }),
    ]);
    const again = await owner.post(`${channelsPath()}/connect/${attemptId}/choose`, {
      accounts: [first.credentials.pageId],
    });
    expect(again.status).toBe(404);
    expect((await channelRows()).some((c) => c.handle === 'valelibraries')).toBe(false);
  });

  it('a Facebook person with no Instagram account linked gets told how to fix it', async () => {
    const igUrl = await start(owner, { network: 'instagram' });
    const location = await answerConsentPage(igUrl, {
      button: 'allow',
      fields: { user_id: meta.credentials.userId },
    });
    expect((await returnTo(owner, location)).get('connectError')).toMatch(
      /Instagram professional account linked/,
    );
  });

  it('connects Mastodon on the person’s own server: registers the app once, then OAuth', async () => {
    const account = await sandbox.createAccount<{ username: string; password: string }>('mastodon');
    const authorizeUrl = await start(owner, { network: 'mastodon', serverUrl: sandbox.url });
    expect(authorizeUrl.startsWith(`${sandbox.url}/oauth/authorize?`)).toBe(true);
    const location = await answerConsentPage(authorizeUrl, {
      button: 'approve',
      fields: { username: account.credentials.username, password: account.credentials.password },
    });
    expect((await returnTo(owner, location)).get('connected')).toBe('1');
    const again = await start(owner, { network: 'mastodon', serverUrl: `${sandbox.url}/` });
    expect(new URL(again).searchParams.get('client_id')).toBe(
      new URL(authorizeUrl).searchParams.get('client_id'),
    );
    const clients = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM oauth_client`);
    expect(clients[0].n).toBe(1);
  });

  it('a wrong or unreachable Mastodon server gets a clear 400 naming the field', async () => {
    const unreachable = await owner.post(`${channelsPath()}/connect`, {
      network: 'mastodon',
      serverUrl: 'http://127.0.0.1:9',
    });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.message).toMatch(/could not reach http:\/\/127\.0\.0\.1:9/);
    expect(unreachable.body.details).toEqual([expect.objectContaining({ field: 'serverUrl' })]);

    const notMastodon = await owner.post(`${channelsPath()}/connect`, {
      network: 'mastodon',
      // Our own API answers, but not as a Mastodon server does.
      serverUrl: api.url,
    });
    expect(notMastodon.status).toBe(400);
    expect(notMastodon.body.message).toMatch(/did not answer as a Mastodon server/);

    const plainHttp = await owner.post(`${channelsPath()}/connect`, {
      network: 'mastodon',
      serverUrl: 'http://mastodon.example',
    });
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body.message).toMatch(/https:\/\//);

    const missing = await owner.post(`${channelsPath()}/connect`, { network: 'mastodon' });
    expect(missing.status).toBe(400);
  });

  it('connects Bluesky with a handle and an app password; a wrong password is a clear 400', async () => {
    const account = await sandbox.createAccount<{ identifier: string; password: string }>('bluesky', {
      handle: 'cardiff_bsky',
    });
    const wrong = await owner.post(`${channelsPath()}/sign-in`, {
      network: 'bluesky',
      identifier: account.credentials.identifier,
      secret: 'aaaa-bbbb-cccc-dddd',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details).toEqual([expect.objectContaining({ field: 'secret' })]);
    expect((await channelRows()).some((c) => c.network === 'bluesky')).toBe(false);

    const ok = await owner.post(`${channelsPath()}/sign-in`, {
      network: 'bluesky',
      identifier: `@${account.credentials.identifier}`,
      secret: account.credentials.password,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.channel).toMatchObject({ network: 'bluesky', status: 'connected' });
    expect(JSON.stringify(ok.body)).not.toContain(account.credentials.password);
  });

  it('X is refused clearly when the server has no X app configured', async () => {
    const bare = await startApi({ SANDBOX_URL: sandbox.url });
    try {
      const person = await signUp(bare);
      const res = await person.post(`/api/orgs/${person.orgId}/channels/connect`, { network: 'x' });
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/X_CLIENT_ID/);
      const networks = await person.get(`/api/orgs/${person.orgId}/channels/networks`);
      expect(networks.body.networks.find((n: { network: string }) => n.network === 'x')).toMatchObject({
        available: false,
      });
      expect(networks.body.networks.find((n: { network: string }) => n.network === 'mastodon')).toMatchObject(
        { available: true },
      );
    } finally {
      await bare.stop();
    }
  });

  it('bad input: an unknown network and a Bluesky sign-in sent to the OAuth route', async () => {
    const unknown = await owner.post(`${channelsPath()}/connect`, { network: 'myspace' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'network' })]);
    const empty = await owner.post(`${channelsPath()}/sign-in`, { network: 'bluesky' });
    expect(empty.status).toBe(400);
    // A sentence a person can act on, not a list of field names; each field's problem is in details.
    expect(empty.body.message).toBe(
      'Enter the account’s handle, like cardiffcouncil.bsky.social. (1 more problem to correct.)',
    );
    expect(empty.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'identifier',
      'secret',
    ]);
    const wrongRoute = await owner.post(`${channelsPath()}/connect`, { network: 'bluesky' });
    expect(wrongRoute.status).toBe(400);
    expect(wrongRoute.body.message).toMatch(/app password/);
  });

  it('editors and viewers see channels but cannot connect or disconnect', async () => {
    const editor = await addMember(api, owner.orgId, 'editor');
    expect((await editor.get(channelsPath())).status).toBe(200);
    expect((await editor.post(`${channelsPath()}/connect`, { network: 'x' })).status).toBe(403);
    expect((await editor.post(`${channelsPath()}/practice`)).status).toBe(403);
  });
});
