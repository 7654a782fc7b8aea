import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { randomToken, sha256Hex } from '@outside-in/common';
import { Role, ROLES } from '@outside-in/database';
import type { Access } from '../../../apps/api/src/auth/access.decorators';
import { startApi, TestApi } from '../../support/api-harness';
import { addMember, signUp } from '../../support/api-client';

/**
 * Walks every operation in the OpenAPI document as every role of an organisation, as a member of
 * another organisation (by session and by API token), and anonymously, and checks the guard's
 * answer against the route's declared access. A route added without a declaration fails here,
 * and so does a route whose enforcement differs from what it declares.
 */
type Operation = { method: string; path: string; access: Access | undefined };
type Caller = {
  label: string;
  headers: () => Promise<Record<string, string>>;
  role?: Role;
  outsider?: boolean;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

describe('route matrix: every route, every role, other organisations, anonymous', () => {
  let api: TestApi;
  let db: DataSource;
  let operations: Operation[];
  let orgId: string;
  let ownerId: string;
  const callers: Caller[] = [];

  async function sessionHeaders(userId: string): Promise<Record<string, string>> {
    const token = randomToken();
    const csrf = randomToken(24);
    await db.query(
      `INSERT INTO session (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`,
      [sha256Hex(token), userId, csrf],
    );
    return { cookie: `oi_session=${token}`, 'x-csrf-token': csrf };
  }

  async function apiTokenHeaders(userId: string, organisationId: string): Promise<Record<string, string>> {
    const token = `oi_${randomToken()}`;
    await db.query(
      `INSERT INTO api_token (organisation_id, user_id, name, token_prefix, token_hash) VALUES ($1, $2, 'matrix', $3, $4)`,
      [organisationId, userId, token.slice(0, 9), sha256Hex(token)],
    );
    return { authorization: `Bearer ${token}` };
  }

  /** Fresh objects for each call, so that one call (a DELETE) cannot change what the next one sees. */
  async function pathFor(template: string): Promise<string> {
    let path = template;
    if (path.includes('{userId}')) {
      const [user] = await db.query(
        `INSERT INTO app_user (email, name, password_hash) VALUES ($1, 'Target', 'x') RETURNING id`,
        [`target.${randomBytes(4).toString('hex')}@example.gov.uk`],
      );
      await db.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, 'viewer')`, [
        orgId,
        user.id,
      ]);
      path = path.replace('{userId}', user.id);
    }
    if (path.includes('{invitationId}') || path.includes('{token}')) {
      const token = randomToken();
      const [invitation] = await db.query(
        `INSERT INTO invitation (organisation_id, email, role, token_hash, expires_at) VALUES ($1, $2, 'viewer', $3, now() + interval '1 day') RETURNING id`,
        [orgId, `invitee.${randomBytes(4).toString('hex')}@example.gov.uk`, sha256Hex(token)],
      );
      path = path.replace('{invitationId}', invitation.id).replace('{token}', token);
    }
    if (path.includes('{tokenId}')) {
      const [token] = await db.query(
        `INSERT INTO api_token (organisation_id, user_id, name, token_prefix, token_hash) VALUES ($1, $2, 't', 'oi_x', $3) RETURNING id`,
        [orgId, ownerId, randomBytes(32).toString('hex')],
      );
      path = path.replace('{tokenId}', token.id);
    }
    return path.replace('{orgId}', orgId);
  }

  beforeAll(async () => {
    api = await startApi();
    db = api.app.get(DataSource);
    const owner = await signUp(api);
    orgId = owner.orgId;
    ownerId = owner.userId;
    const members: Record<string, string> = { owner: owner.userId };
    for (const role of ROLES.filter((r) => r !== 'owner'))
      members[role] = (await addMember(api, orgId, role)).userId;
    const outsider = await signUp(api);

    callers.push({ label: 'anonymous', headers: async () => ({}) });
    for (const role of ROLES) {
      callers.push({ label: `${role} (session)`, role, headers: () => sessionHeaders(members[role]) });
      callers.push({
        label: `${role} (API token)`,
        role,
        headers: () => apiTokenHeaders(members[role], orgId),
      });
    }
    callers.push({
      label: 'owner of another organisation (session)',
      outsider: true,
      headers: () => sessionHeaders(outsider.userId),
    });
    callers.push({
      label: 'owner of another organisation (API token)',
      outsider: true,
      headers: () => apiTokenHeaders(outsider.userId, outsider.orgId),
    });

    const doc = (await request(api.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { 'x-access'?: Access }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ method, path, access: item[method]['x-access'] })),
    );
  });
  afterAll(() => api.stop());

  it('documents every route the server answers, and declares access on each', () => {
    const router = (
      api.app.getHttpAdapter().getInstance() as {
        router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
      }
    ).router;
    const served = router.stack
      .filter((layer) => layer.route?.path.startsWith('/api/') && !layer.route.path.startsWith('/api/docs'))
      // Nest mounts middleware (request logging) as catch-all layers; those are not routes.
      .filter((layer) => !layer.route!.path.includes('{*'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        ),
      );
    const documented = operations.map((o) => `${o.method.toUpperCase()} ${o.path}`);
    expect(served.length).toBeGreaterThan(15);
    expect(served.filter((s) => !documented.includes(s))).toEqual([]);
    expect(operations.filter((o) => !o.access).map((o) => `${o.method} ${o.path}`)).toEqual([]);
  });

  it('answers each caller as the route declares', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const operation of operations) {
      for (const caller of callers) {
        const access = operation.access!;
        const headers = await caller.headers();
        const path = await pathFor(operation.path);
        const call = request(api.url)[operation.method as (typeof METHODS)[number]](path).set(headers);
        const response = ['post', 'put', 'patch'].includes(operation.method)
          ? await call.send({})
          : await call;
        const status = response.status;
        const isSession = 'cookie' in headers;
        let expected: 'allowed' | 401 | 403;
        if (access.kind === 'public') expected = 'allowed';
        else if (caller.label === 'anonymous') expected = 401;
        else if (access.kind === 'user') expected = isSession || access.allowApiToken ? 'allowed' : 403;
        else if (caller.outsider) expected = 403;
        else expected = access.roles.includes(caller.role!) ? 'allowed' : 403;

        const ok =
          expected === 'allowed' ? status !== 401 && status !== 403 && status < 500 : status === expected;
        if (!ok)
          mismatches.push(
            `${operation.method.toUpperCase()} ${operation.path} as ${caller.label}: expected ${expected}, got ${status} ${JSON.stringify(response.body)}`,
          );
        checked++;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(operations.length * callers.length);
    // Thousands of calls one after another: a ceiling for a loaded CI machine, not a measure of speed.
  }, 300_000);
});
