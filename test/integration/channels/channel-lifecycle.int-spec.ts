import { ChannelConnections, ChannelRefresher, ChannelVault, channelBinding } from '@outside-in/channels';
import { Channel } from '@outside-in/database';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { addMember, signUp, type SignedInClient } from '../../support/api-client';
import { startApi, type TestApi } from '../../support/api-harness';
import { answerConsentPage } from '../../support/consent-page';
import { startSandbox, type TestSandbox } from '../../support/sandbox-harness';

describe('Channels over their life: practice channels, refresh, needs reconnecting, reconnect, disconnect', () => {
  let sandbox: TestSandbox;
  let api: TestApi;
  let owner: SignedInClient;

  beforeAll(async () => {
    sandbox = await startSandbox();
    const app = await sandbox.createAccount<{ clientId: string; clientSecret: string }>('x', {
      handle: 'oiapp2',
    });
    api = await startApi({
      SANDBOX_URL: sandbox.url,
      X_CLIENT_ID: app.credentials.clientId,
      X_CLIENT_SECRET: app.credentials.clientSecret,
      X_API_URL: `${sandbox.url}/x`,
      X_AUTHORIZE_URL: `${sandbox.url}/x/i/oauth2/authorize`,
    });
    owner = await signUp(api, { organisationName: 'Vale of Glamorgan Council' });
  });

  afterAll(async () => {
    await api?.stop();
    await sandbox?.stop();
  });

  const path = (suffix = '') => `/api/orgs/${owner.orgId}/channels${suffix}`;
  const repo = () => api.app.get(DataSource).getRepository(Channel);
  const xChannel = async () => (await repo().findOneByOrFail({ organisationId: owner.orgId, network: 'x' }))!;
  const credentialsOf = (row: Channel) =>
    api.app.get(ChannelVault).open(row.credentialsKeyId!, row.credentialsSealed!, channelBinding(row.id));

  async function sandboxSql(sql: string, params: unknown[]): Promise<number> {
    const db = new Client({ connectionString: sandbox.databaseUrl });
    await db.connect();
    try {
      return (await db.query(sql, params)).rowCount ?? 0;
    } finally {
      await db.end();
    }
  }

  it('adds one practice channel per network in one click, labelled as practice, and only once', async () => {
    const first = await owner.post(path('/practice'));
    expect(first.status).toBe(201);
    expect(first.body.created).toBe(5);
    expect(first.body.channels.map((c: { network: string }) => c.network).sort()).toEqual(
      ['bluesky', 'facebook', 'instagram', 'mastodon', 'x'].sort(),
    );
    for (const channel of first.body.channels) {
      expect(channel).toMatchObject({ practice: true, status: 'connected' });
      expect(channel.statusText).toMatch(/practice/);
      expect(channel.connectedBy.name).toBe('Olivia Owen');
    }
    const again = await owner.post(path('/practice'));
    expect(again.body.created).toBe(0);
    expect((await owner.get(path())).body.channels).toHaveLength(5);
  });

  it('every practice channel works with its adapter (checked on the network)', async () => {
    const { channels } = (await owner.get(path())).body;
    for (const channel of channels) {
      const res = await owner.post(path(`/${channel.id}/check`));
      expect(res.status).toBe(200);
      expect(res.body.channel).toMatchObject({ status: 'connected', lastError: null });
    }
  });

  it('renews credentials that are about to expire, and the new ones work', async () => {
    const before = await xChannel();
    await repo().update({ id: before.id }, { credentialsExpireAt: new Date(Date.now() + 60_000) });
    const run = await api.app.get(ChannelRefresher).refreshExpiring();
    expect(run.outcomes.refreshed).toBe(1);
    const after = await xChannel();
    expect(credentialsOf(after).accessToken).not.toBe(credentialsOf(before).accessToken);
    expect(after.credentialsExpireAt!.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    const profile = await api.app
      .get(ChannelConnections)
      .call(after.id, (adapter, connection) => adapter.verifyCredentials(connection));
    expect(profile.handle).toBe(after.handle);
  });

  it('an access token that expired early is refreshed once inside the call, and the call succeeds', async () => {
    const channel = await xChannel();
    const expired = await sandboxSql(
      `UPDATE x_tokens SET expires_at = now() - interval '1 second' WHERE token = $1`,
      [credentialsOf(channel).accessToken],
    );
    expect(expired).toBe(1);
    const profile = await api.app
      .get(ChannelConnections)
      .call(channel.id, (adapter, connection) => adapter.verifyCredentials(connection));
    expect(profile.handle).toBe(channel.handle);
    expect(credentialsOf(await xChannel()).accessToken).not.toBe(credentialsOf(channel).accessToken);
  });

  it('revoked access makes the channel needs_reconnect, in words, audited, and visible to admins', async () => {
    const channel = await xChannel();
    const tokens = credentialsOf(channel);
    const revoked = await sandboxSql(
      `UPDATE x_tokens SET expires_at = now() - interval '1 second' WHERE token = ANY($1)`,
      [[tokens.accessToken, tokens.refreshToken]],
    );
    expect(revoked).toBeGreaterThanOrEqual(1);
    await repo().update({ id: channel.id }, { credentialsExpireAt: new Date(Date.now() + 60_000) });
    const run = await api.app.get(ChannelRefresher).refreshExpiring();
    expect(run.outcomes.needs_reconnect).toBe(1);

    const view = (await owner.get(path())).body.channels[0];
    expect(view).toMatchObject({ id: channel.id, status: 'needs_reconnect' });
    expect(view.statusText).toMatch(
      /^Needs reconnecting since \w+day \d+ \w+ \d{4}, \d\d:\d\d GMT: X refused/,
    );
    const audit = await owner.get(`/api/orgs/${owner.orgId}/audit?action=channel.needs_reconnect`);
    expect(JSON.stringify(audit.body)).toContain(channel.id);

    await expect(
      api.app
        .get(ChannelConnections)
        .call(channel.id, (adapter, connection) => adapter.verifyCredentials(connection)),
    ).rejects.toThrow(/needs reconnecting/);
  });

  it('reconnecting as another account is refused and changes nothing', async () => {
    const channel = await xChannel();
    await sandbox.createAccount('x', { handle: 'someoneelse' });
    const start = await owner.post(path('/connect'), { network: 'x', reconnectChannelId: channel.id });
    const location = await answerConsentPage(start.body.authorizeUrl, {
      button: 'allow',
      fields: { username: 'someoneelse' },
    });
    const back = new URL(location);
    const res = await owner.get(`${back.pathname}${back.search}`);
    const landing = new URL(res.headers.location, api.url).searchParams;
    expect(landing.get('connectError')).toMatch(`this channel is X ${channel.handle}`);
    expect((await xChannel()).status).toBe('needs_reconnect');
    expect(await repo().countBy({ organisationId: owner.orgId, network: 'x' })).toBe(1);
  });

  it('reconnecting the same account brings the same channel back, history kept', async () => {
    const channel = await xChannel();
    const start = await owner.post(path('/connect'), { network: 'x', reconnectChannelId: channel.id });
    const location = await answerConsentPage(start.body.authorizeUrl, {
      button: 'allow',
      fields: { username: channel.handle },
    });
    const back = new URL(location);
    const res = await owner.get(`${back.pathname}${back.search}`);
    expect(new URL(res.headers.location, api.url).searchParams.get('connected')).toBe('1');
    const after = await xChannel();
    expect(after.id).toBe(channel.id);
    expect(after).toMatchObject({ status: 'connected', lastError: null, connectedAt: channel.connectedAt });
  });

  it('disconnecting erases the access, keeps the row, and is audited; checking it then is a clear 409', async () => {
    const channel = await xChannel();
    const admin = await addMember(api, owner.orgId, 'admin');
    const res = await admin.post(path(`/${channel.id}/disconnect`));
    expect(res.status).toBe(200);
    expect(res.body.channel.status).toBe('disabled');
    expect(res.body.channel.statusText).toMatch(/^Disconnected on .*Its history is kept/);
    const row = await xChannel();
    expect(row).toMatchObject({ credentialsSealed: null, credentialsKeyId: null, status: 'disabled' });
    const list = (await owner.get(path())).body.channels;
    expect(list[list.length - 1].id).toBe(channel.id);
    const check = await owner.post(path(`/${channel.id}/check`));
    expect(check.status).toBe(409);
    expect(check.body.message).toMatch(/disconnected: connect it again/);
    const audit = await owner.get(`/api/orgs/${owner.orgId}/audit?action=channel.disconnected`);
    expect(JSON.stringify(audit.body)).toContain('Test admin');
  });

  it('another organisation cannot see or touch these channels', async () => {
    const stranger = await signUp(api);
    const channel = await xChannel();
    expect((await stranger.get(path())).status).toBe(403);
    const own = await stranger.post(`/api/orgs/${stranger.orgId}/channels/${channel.id}/disconnect`);
    expect(own.status).toBe(404);
  });

  it('practice channels need the sandbox: when it is away, a clear 409 and nothing saved', async () => {
    const away = await startApi({ SANDBOX_URL: 'http://127.0.0.1:9' });
    try {
      const person = await signUp(away);
      const res = await person.post(`/api/orgs/${person.orgId}/channels/practice`);
      expect(res.status).toBe(409);
      expect(res.body.message).toMatch(/practice networks are not running at http:\/\/127\.0\.0\.1:9/);
      expect((await person.get(`/api/orgs/${person.orgId}/channels`)).body.channels).toEqual([]);
    } finally {
      await away.stop();
    }
  });
});
