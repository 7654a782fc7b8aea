import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/api-harness';
import { signIn, signUp, STRONG_PASSWORD, uniqueEmail } from '../../support/api-client';

describe('sign-up, sign-in and sessions', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.stop());

  it('creates the organisation, its owner, the membership and the first audit events in one go', async () => {
    const email = uniqueEmail('owner');
    const response = await request(api.url)
      .post('/api/auth/sign-up')
      .send({
        organisationName: '  Harrogate Borough Council ',
        name: 'Sam Jones',
        email: email.toUpperCase(),
        password: STRONG_PASSWORD,
      })
      .expect(201);
    expect(response.body.user.email).toBe(email);
    expect(response.body.memberships).toEqual([
      {
        organisationId: response.body.currentOrganisationId,
        organisationName: 'Harrogate Borough Council',
        role: 'owner',
      },
    ]);
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/oi_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; Secure is set behind TLS
    const events = await api.app
      .get(DataSource)
      .query(`SELECT action FROM audit_event WHERE organisation_id = $1 ORDER BY seq`, [
        response.body.currentOrganisationId,
      ]);
    expect(events.map((e: { action: string }) => e.action)).toEqual([
      'organisation.created',
      'member.joined',
    ]);
  });

  it('marks the cookie Secure when served over TLS behind a trusted proxy', async () => {
    const proxied = await startApi({ TRUST_PROXY: 'true' });
    try {
      const response = await request(proxied.url)
        .post('/api/auth/sign-up')
        .set('X-Forwarded-Proto', 'https')
        .send({
          organisationName: 'Secure Council',
          name: 'Sam',
          email: uniqueEmail(),
          password: STRONG_PASSWORD,
        })
        .expect(201);
      expect(String(response.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await proxied.stop();
    }
  });

  it('refuses weak passwords, bad emails and unknown fields, naming each field, and writes nothing', async () => {
    const before = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM organisation`);
    const weak = await request(api.url)
      .post('/api/auth/sign-up')
      .send({ organisationName: 'Weak Council', name: 'Sam', email: uniqueEmail(), password: 'password1234' })
      .expect(400);
    expect(weak.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(weak.body.details).toEqual([
      { field: 'password', problem: expect.stringMatching(/too easy to guess/) },
    ]);

    const bad = await request(api.url)
      .post('/api/auth/sign-up')
      .send({
        organisationName: 'X',
        name: '',
        email: 'not-an-email',
        password: STRONG_PASSWORD,
        isAdmin: true,
      })
      .expect(400);
    const fields = bad.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['email', 'isAdmin', 'name', 'organisationName']);
    expect(bad.body.details.find((d: { field: string }) => d.field === 'isAdmin').problem).toMatch(
      /not a field this request accepts/,
    );
    const after = await api.app.get(DataSource).query(`SELECT count(*)::int AS n FROM organisation`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a second account with the same email with 409', async () => {
    const email = uniqueEmail();
    await signUp(api, { email });
    const response = await request(api.url)
      .post('/api/auth/sign-up')
      .send({ organisationName: 'Another Council', name: 'Sam', email, password: STRONG_PASSWORD })
      .expect(409);
    expect(response.body.message).toBe('An account already uses this email. Sign in instead.');
  });

  it('answers malformed, oversized and non-JSON bodies with clear 4xx', async () => {
    const malformed = await request(api.url)
      .post('/api/auth/sign-in')
      .set('content-type', 'application/json')
      .send('{"email":')
      .expect(400);
    expect(malformed.body.message).toMatch(/not valid JSON/);
    const huge = await request(api.url)
      .post('/api/auth/sign-in')
      .send({ email: 'a@b.gov.uk', password: 'x'.repeat(200_000) })
      .expect(413);
    expect(huge.body.message).toMatch(/too large; the limit is 100kb/);
    const form = await request(api.url)
      .post('/api/auth/sign-in')
      .type('form')
      .send('email=a@b.gov.uk&password=x')
      .expect(415);
    expect(form.body.message).toMatch(/Content-Type: application\/json/);
  });

  it('names what is missing in a request with no body, and refuses a body that is not an object', async () => {
    const empty = await request(api.url).post('/api/auth/sign-in').expect(400);
    expect(empty.body.details).toEqual([
      { field: 'email', problem: 'Enter an email address like name@council.gov.uk' },
      { field: 'password', problem: 'Enter your password' },
    ]);
    const array = await request(api.url)
      .post('/api/auth/sign-in')
      .set('content-type', 'application/json')
      .send('[1]')
      .expect(400);
    expect(array.body.message).toBe('The request body must be a JSON object, like {"name": "value"}.');
  });

  it('signs in, reports the session, signs out', async () => {
    const owner = await signUp(api);
    const client = await signIn(api, owner.email);
    const session = await client.get('/api/auth/session').expect(200);
    expect(session.body.user.email).toBe(owner.email);
    expect(session.body.csrfToken).toBe(client.session.csrfToken);
    await client.post('/api/auth/sign-out').expect(204);
    await client.get('/api/auth/session').expect(401);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const owner = await signUp(api);
    const wrong = await request(api.url)
      .post('/api/auth/sign-in')
      .send({ email: owner.email, password: 'not the password at all' })
      .expect(401);
    const unknown = await request(api.url)
      .post('/api/auth/sign-in')
      .send({ email: uniqueEmail(), password: 'whatever it is here' })
      .expect(401);
    expect(wrong.body.message).toBe('Email or password is wrong.');
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('slows repeated failures, then locks, even for the right password', async () => {
    const owner = await signUp(api);
    for (let i = 0; i < 3; i++) {
      await request(api.url)
        .post('/api/auth/sign-in')
        .send({ email: owner.email, password: `wrong password ${i}` })
        .expect(401);
    }
    const slowed = await request(api.url)
      .post('/api/auth/sign-in')
      .send({ email: owner.email, password: STRONG_PASSWORD })
      .expect(429);
    expect(slowed.body.message).toMatch(/Wait \d+ seconds? and try again/);
    expect(Number(slowed.headers['retry-after'])).toBeGreaterThan(0);
    // Ten failures lock the address: simulate the elapsed waits by clearing next_attempt_at between tries.
    const db = api.app.get(DataSource);
    for (let i = 3; i < 10; i++) {
      await db.query(`UPDATE sign_in_throttle SET next_attempt_at = NULL WHERE email = $1`, [owner.email]);
      await request(api.url)
        .post('/api/auth/sign-in')
        .send({ email: owner.email, password: `wrong password ${i}` })
        .expect(401);
    }
    const locked = await request(api.url)
      .post('/api/auth/sign-in')
      .send({ email: owner.email, password: STRONG_PASSWORD })
      .expect(429);
    expect(locked.body.message).toMatch(/locked for 15 minutes after 10 failed attempts/);
  });

  it('refuses cookie-authenticated changes without the right CSRF token', async () => {
    const owner = await signUp(api);
    const missing = await owner.agent.post('/api/auth/sign-out').expect(403);
    expect(missing.body.message).toMatch(/security token \(X-CSRF-Token\) was missing or wrong/);
    await owner.agent.post('/api/auth/sign-out').set('x-csrf-token', 'forged').expect(403);
    await owner.agent.patch(`/api/orgs/${owner.orgId}`).send({ name: 'Renamed' }).expect(403);
    await owner.patch(`/api/orgs/${owner.orgId}`, { name: 'Renamed' }).expect(200);
  });

  it('switches organisation only to one the person belongs to', async () => {
    const first = await signUp(api);
    const other = await signUp(api);
    await first.post('/api/auth/switch-organisation', { organisationId: other.orgId }).expect(403);
    await first.post('/api/auth/switch-organisation', { organisationId: 'nope' }).expect(400);
  });
});
