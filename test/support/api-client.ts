import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { Role } from '@outside-in/database';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import type { TestApi } from './api-harness';
import { uniqueSuffix } from './test-env';

export const STRONG_PASSWORD = 'copper kettle morning tram';

export interface SessionPayload {
  user: { id: string; name: string; email: string };
  memberships: Array<{ organisationId: string; organisationName: string; role: Role }>;
  currentOrganisationId: string | null;
  csrfToken: string;
}

/** A signed-in browser: a cookie jar plus the CSRF token to send on changes. */
export interface SignedInClient {
  agent: TestAgent;
  session: SessionPayload;
  orgId: string;
  userId: string;
  email: string;
  /** Helpers that add the CSRF header. */
  post(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  del(path: string): request.Test;
  get(path: string): request.Test;
}

export function signedIn(agent: TestAgent, session: SessionPayload): SignedInClient {
  const csrf = session.csrfToken;
  return {
    agent,
    session,
    orgId: session.currentOrganisationId!,
    userId: session.user.id,
    email: session.user.email,
    post: (path, body) =>
      agent
        .post(path)
        .set('x-csrf-token', csrf)
        .send(body ?? {}),
    patch: (path, body) =>
      agent
        .patch(path)
        .set('x-csrf-token', csrf)
        .send(body ?? {}),
    del: (path) => agent.delete(path).set('x-csrf-token', csrf),
    get: (path) => agent.get(path),
  };
}

export function uniqueEmail(label = 'person'): string {
  return `${label}.${uniqueSuffix()}@council.example.gov.uk`;
}

export async function signUp(
  api: TestApi,
  overrides: Partial<{ organisationName: string; name: string; email: string; password: string }> = {},
): Promise<SignedInClient> {
  const agent = request.agent(api.url);
  const response = await agent.post('/api/auth/sign-up').send({
    organisationName: `Council ${uniqueSuffix()}`,
    name: 'Olivia Owen',
    email: uniqueEmail('owner'),
    password: STRONG_PASSWORD,
    ...overrides,
  });
  if (response.status !== 201)
    throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return signedIn(agent, response.body as SessionPayload);
}

export async function signIn(
  api: TestApi,
  email: string,
  password = STRONG_PASSWORD,
): Promise<SignedInClient> {
  const agent = request.agent(api.url);
  const response = await agent.post('/api/auth/sign-in').send({ email, password });
  if (response.status !== 200)
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return signedIn(agent, response.body as SessionPayload);
}

let cachedHash: Promise<string> | undefined;

/** Adds a member straight to the database (fast fixtures for permission tests), then signs them in. */
export async function addMember(api: TestApi, orgId: string, role: Role): Promise<SignedInClient> {
  const dataSource = api.app.get(DataSource);
  cachedHash ??= hashPassword(STRONG_PASSWORD);
  const email = uniqueEmail(role);
  const [user] = await dataSource.query(
    `INSERT INTO app_user (email, name, password_hash, last_organisation_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [email, `Test ${role}`, await cachedHash, orgId],
  );
  await dataSource.query(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, $3)`, [
    orgId,
    user.id,
    role,
  ]);
  return signIn(api, email);
}
