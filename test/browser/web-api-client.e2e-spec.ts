import { request, type APIRequestContext, type APIResponse } from 'playwright-core';
import { ROUTES, routePath, type RouteName } from '../../apps/web/src/api/routes';
import { startApi } from '../support/api-harness';
import { startSandbox, type TestSandbox } from '../support/sandbox-harness';
import { pagesOfOnePerson } from './support/sandbox-channels';

jest.setTimeout(120_000);

/**
 * The fields each screen reads from each answer (apps/web/src/api/types.ts). If the API renames or drops one,
 * this fails here, by name, instead of as a blank cell or a crash in the browser.
 */
const FIELDS_READ: Partial<Record<RouteName, string[]>> = {
  session: [
    'user.id',
    'user.name',
    'user.email',
    'memberships[].organisationId',
    'memberships[].organisationName',
    'memberships[].role',
    'currentOrganisationId',
    'csrfToken',
  ],
  invitationPreview: ['organisationName', 'email', 'role', 'expiresAt', 'accountExists', 'signedInAs'],
  organisation: ['id', 'name', 'timeZone', 'role'],
  members: ['items[].userId', 'items[].name', 'items[].email', 'items[].role', 'items[].joinedAt'],
  changeRole: ['userId', 'name', 'role'],
  invitations: ['items[].id', 'items[].email', 'items[].role', 'items[].expiresAt', 'items[].invitedBy'],
  invite: ['invitation.id', 'invitation.email', 'invitation.role', 'invitation.expiresAt', 'link'],
  apiTokens: [
    'items[].id',
    'items[].name',
    'items[].prefix',
    'items[].createdAt',
    'items[].expiresAt',
    'items[].lastUsedAt',
  ],
  createApiToken: ['token', 'apiToken.id', 'apiToken.name'],
  audit: [
    'items[].id',
    'items[].seq',
    'items[].createdAt',
    'items[].actor.label',
    'items[].action',
    'items[].summary',
    'items[].ip',
    'nextCursor',
  ],
  auditVerify: ['ok', 'checked', 'problems', 'message'],
  channels: [
    'channels[].id',
    'channels[].network',
    'channels[].networkName',
    'channels[].practice',
    'channels[].handle',
    'channels[].displayName',
    'channels[].profileUrl',
    'channels[].status',
    'channels[].statusText',
    'channels[].lastError',
    'channels[].lastErrorAt',
    'channels[].lastActivityAt',
    'channels[].connectedAt',
    'channels[].connectedBy',
  ],
  channelNetworks: [
    'networks[].network',
    'networks[].name',
    'networks[].method',
    'networks[].available',
    'networks[].unavailableReason',
    'networks[].serverUrl',
    'networks[].serverUrlLabel',
    'networks[].serverUrlHint',
    'networks[].identifierLabel',
    'networks[].secretLabel',
    'networks[].help',
  ],
  addPracticeChannels: ['created', 'channels[].practice', 'channels[].networkName', 'channels[].handle'],
  startChannelConnect: ['authorizeUrl'],
  channelConnectAttempt: [
    'networkName',
    'accounts[].key',
    'accounts[].handle',
    'accounts[].displayName',
    'accounts[].alreadyConnected',
  ],
  chooseChannelAccounts: ['channels[].networkName', 'channels[].handle'],
  signInChannel: ['channel.networkName', 'channel.handle', 'channel.statusText'],
  checkChannel: ['channel.networkName', 'channel.handle', 'channel.statusText'],
  disconnectChannel: ['channel.networkName', 'channel.handle', 'channel.statusText', 'channel.status'],
};
FIELDS_READ.signUp = FIELDS_READ.session;
FIELDS_READ.signIn = FIELDS_READ.session;
FIELDS_READ.switchOrganisation = FIELDS_READ.session;
FIELDS_READ.acceptInvitation = FIELDS_READ.session;

/** Field paths (with [] for "every item of this array") that the value does not have; null counts as present. */
function missingFields(value: unknown, paths: string[]): string[] {
  const has = (current: unknown, parts: string[]): boolean => {
    if (parts.length === 0) return true;
    if (typeof current !== 'object' || current === null) return false;
    const [part, ...rest] = parts;
    const isArray = part.endsWith('[]');
    const name = isArray ? part.slice(0, -2) : part;
    if (!(name in current)) return false;
    const next = (current as Record<string, unknown>)[name];
    if (!isArray) return has(next, rest);
    return Array.isArray(next) && next.length > 0 && next.every((item) => has(item, rest));
  };
  return paths.filter((path) => !has(value, path.split('.')));
}

/**
 * The web app's route table (apps/web/src/api/routes.ts) against the real API: every route is in the OpenAPI
 * document, and a walk through every route returns the fields the screens read.
 */
describe('the web app API client matches the API', () => {
  let api: { url: string; stop(): Promise<void> };
  let sandbox: TestSandbox;
  let owner: APIRequestContext;
  let newcomer: APIRequestContext;
  let facebook: Awaited<ReturnType<typeof pagesOfOnePerson>>;
  const called = new Set<RouteName>();

  beforeAll(async () => {
    // The channel routes reach the sandbox networks; Facebook is pointed at the sandbox's Meta app.
    sandbox = await startSandbox();
    facebook = await pagesOfOnePerson(sandbox, [
      { handle: 'anytownhall', displayName: 'Anytown Hall' },
      { handle: 'anytownlibrary', displayName: 'Anytown Library' },
    ]);
    api = await startApi({ SANDBOX_URL: sandbox.url, ...facebook.settings });
    owner = await request.newContext({ baseURL: api.url });
    newcomer = await request.newContext({ baseURL: api.url });
  });

  afterAll(async () => {
    await owner?.dispose();
    await newcomer?.dispose();
    await api?.stop();
    await sandbox?.stop();
  });

  /** Calls a route as the web app would (JSON, CSRF header on changes) and checks the fields it reads. */
  async function call<T>(
    as: APIRequestContext,
    name: RouteName,
    params: Record<string, string> = {},
    options: { data?: unknown; csrf?: string; query?: string } = {},
  ): Promise<{ response: APIResponse; body: T }> {
    const [method] = ROUTES[name];
    const response = await as.fetch(`${routePath(name, params)}${options.query ?? ''}`, {
      method,
      data: options.data,
      headers: {
        Accept: 'application/json',
        ...(options.csrf && method !== 'GET' ? { 'X-CSRF-Token': options.csrf } : {}),
      },
    });
    if (!response.ok())
      throw new Error(`${method} ${name} answered ${response.status()}: ${await response.text()}`);
    called.add(name);
    const isJson = (response.headers()['content-type'] ?? '').includes('application/json');
    const body = (isJson ? await response.json() : undefined) as T;
    const fields = FIELDS_READ[name];
    if (fields)
      expect({ route: name, missing: missingFields(body, fields) }).toEqual({ route: name, missing: [] });
    return { response, body };
  }

  it('lists every route the web app calls in the OpenAPI document', async () => {
    const doc = (await (await owner.get('/api/docs-json')).json()) as { paths: Record<string, object> };
    const absent = Object.entries(ROUTES)
      .filter(([, [method, path]]) => !(method.toLowerCase() in (doc.paths[path] ?? {})))
      .map(([name, [method, path]]) => `${name}: ${method} ${path}`);
    expect(absent).toEqual([]);
  });

  /** Every channel route, as the Channels screen uses them, against the sandbox networks. */
  async function walkChannels(orgId: string, csrf: string) {
    await call(owner, 'channelNetworks', { orgId });
    const practice = (
      await call<{ channels: { id: string; network: string }[] }>(
        owner,
        'addPracticeChannels',
        { orgId },
        { data: {}, csrf },
      )
    ).body;
    await call(owner, 'channels', { orgId });
    const first = practice.channels[0];
    await call(owner, 'checkChannel', { orgId, channelId: first.id }, { csrf });
    await call(owner, 'disconnectChannel', { orgId, channelId: first.id }, { csrf });

    const bluesky = await sandbox.createAccount<{ identifier: string; password: string }>('bluesky', {
      handle: 'anytown_sky',
    });
    await call(
      owner,
      'signInChannel',
      { orgId },
      {
        data: {
          network: 'bluesky',
          serverUrl: `${sandbox.url}/bluesky`,
          identifier: bluesky.credentials.identifier,
          secret: bluesky.credentials.password,
        },
        csrf,
      },
    );

    // Facebook Login with a person who runs two pages: the sandbox's consent form, then the API's callback,
    // which sends the browser back to the Channels screen to choose the pages.
    const { authorizeUrl } = (
      await call<{ authorizeUrl: string }>(
        owner,
        'startChannelConnect',
        { orgId },
        { data: { network: 'facebook' }, csrf },
      )
    ).body;
    const asked = new URL(authorizeUrl).searchParams;
    const admins = await owner.get(authorizeUrl);
    const person = new RegExp(`value="(\\d+)"><label for="user-\\d+">${facebook.personName}<`).exec(
      await admins.text(),
    );
    expect(person).not.toBeNull();
    const consent = await owner.post(`${sandbox.url}/meta/dialog/oauth/decision`, {
      form: {
        client_id: asked.get('client_id') ?? '',
        redirect_uri: asked.get('redirect_uri') ?? '',
        state: asked.get('state') ?? '',
        scope: asked.get('scope') ?? '',
        user_id: person![1],
        decision: 'allow',
      },
      maxRedirects: 0,
    });
    expect(consent.status()).toBe(302);
    const back = await owner.get(consent.headers().location, { maxRedirects: 0 });
    expect(back.status()).toBe(302);
    const attemptId = new URL(back.headers().location, api.url).searchParams.get('choose');
    expect(attemptId).toBeTruthy();
    const attempt = (
      await call<{ accounts: { key: string }[] }>(owner, 'channelConnectAttempt', {
        orgId,
        attemptId: attemptId!,
      })
    ).body;
    expect(attempt.accounts).toHaveLength(2);
    await call(
      owner,
      'chooseChannelAccounts',
      { orgId, attemptId: attemptId! },
      { data: { accounts: attempt.accounts.map((a) => a.key) }, csrf },
    );
  }

  it('answers every route with the fields the screens read', async () => {
    const password = 'correct horse battery staple';
    let session = (
      await call<{ currentOrganisationId: string; csrfToken: string }>(
        owner,
        'signUp',
        {},
        {
          data: {
            organisationName: 'Anytown Borough Council',
            name: 'Olivia Owner',
            email: 'olivia@anytown.gov.uk',
            password,
          },
        },
      )
    ).body;
    const orgId = session.currentOrganisationId;
    const csrf = () => session.csrfToken;
    await call(owner, 'session');
    await call(owner, 'organisation', { orgId });

    const invited = (
      await call<{ link: string }>(
        owner,
        'invite',
        { orgId },
        {
          data: { email: 'ravi@anytown.gov.uk', role: 'responder' },
          csrf: csrf(),
        },
      )
    ).body;
    const token = new URL(invited.link).pathname.split('/').pop() as string;
    await call(owner, 'invitations', { orgId });
    await call(newcomer, 'invitationPreview', { token });
    await call(
      newcomer,
      'acceptInvitation',
      { token },
      {
        data: { name: 'Ravi Responder', password: 'seven lanterns over the quay' },
      },
    );

    const members = (await call<{ items: { userId: string; name: string }[] }>(owner, 'members', { orgId }))
      .body;
    const ravi = members.items.find((m) => m.name === 'Ravi Responder');
    expect(ravi).toBeDefined();
    await call(
      owner,
      'changeRole',
      { orgId, userId: ravi!.userId },
      { data: { role: 'approver' }, csrf: csrf() },
    );

    const created = (
      await call<{ apiToken: { id: string } }>(
        owner,
        'createApiToken',
        { orgId },
        {
          data: { name: 'Weekly report', expiresInDays: 30 },
          csrf: csrf(),
        },
      )
    ).body;
    await call(owner, 'apiTokens', { orgId });
    await call(owner, 'revokeApiToken', { orgId, tokenId: created.apiToken.id }, { csrf: csrf() });

    const second = (
      await call<{ invitation: { id: string } }>(
        owner,
        'invite',
        { orgId },
        {
          data: { email: 'wrong.person@anytown.gov.uk', role: 'viewer' },
          csrf: csrf(),
        },
      )
    ).body;
    await call(owner, 'revokeInvitation', { orgId, invitationId: second.invitation.id }, { csrf: csrf() });
    await call(owner, 'removeMember', { orgId, userId: ravi!.userId }, { csrf: csrf() });

    await call(owner, 'audit', { orgId }, { query: '?action=member.role_changed&limit=10' });
    const csv = await call(owner, 'auditExport', { orgId });
    expect(csv.response.headers()['content-type']).toMatch(/^text\/csv/);
    await call(owner, 'auditVerify', { orgId });

    await walkChannels(orgId, csrf());

    await call(owner, 'switchOrganisation', {}, { data: { organisationId: orgId }, csrf: csrf() });
    await call(owner, 'signOut', {}, { csrf: csrf() });
    session = (
      await call<typeof session>(owner, 'signIn', {}, { data: { email: 'olivia@anytown.gov.uk', password } })
    ).body;
    expect(session.currentOrganisationId).toBe(orgId);

    // A route added to the table must be added to this walk too.
    expect(Object.keys(ROUTES).filter((name) => !called.has(name as RouteName))).toEqual([]);
  });
});
