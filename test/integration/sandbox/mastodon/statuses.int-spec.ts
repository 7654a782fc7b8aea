import { Client } from 'pg';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  expectValidMastodonResponses,
  headerOf,
  httpError,
  isMastodonResponse,
  mastoClient,
  mastodonAccount,
  MastodonTestAccount,
  startMastodonSandbox,
} from './mastodon-test-kit';

interface LedgerPage {
  items: {
    objectId: string;
    kind: string;
    idempotencyKey: string | null;
    content: string | null;
    parentId: string | null;
  }[];
}

describe('Mastodon sandbox: statuses through the real masto client', () => {
  let sandbox: TestSandbox;
  let council: MastodonTestAccount;
  let citizen: MastodonTestAccount;

  beforeAll(async () => {
    sandbox = await startMastodonSandbox();
    council = await mastodonAccount(sandbox, 'council');
    citizen = await mastodonAccount(sandbox, 'ceri');
  });
  afterEach(() => expectValidMastodonResponses(sandbox));
  afterAll(() => sandbox.stop());

  it('verifies credentials as a CredentialAccount with a snowflake id, and sends ISO rate-limit headers', async () => {
    const me = await council.masto.v1.accounts.verifyCredentials();
    expect(me.id).toBe(council.accountId);
    expect(me.id).toMatch(/^\d{15,19}$/);
    expect(me.username).toBe('council');
    expect(me.acct).toBe('council');
    expect(me.source.privacy).toBe('public');
    const [response] = sandbox.responses.filter(isMastodonResponse).slice(-1);
    expect(headerOf(response, 'x-ratelimit-limit')).toBe('300');
    expect(Number(headerOf(response, 'x-ratelimit-remaining'))).toBeLessThan(300);
    const reset = headerOf(response, 'x-ratelimit-reset') ?? '';
    expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/);
    expect(Date.parse(reset)).toBeGreaterThan(Date.now());
  });

  it('posts public, unlisted, private and direct statuses with language and content warning', async () => {
    const post = await council.masto.v1.statuses.create({
      status:
        'Bin collections are running late in #Cardiff today. Details: https://example.org/bins/late-collections',
      language: 'en',
    });
    expect(post.visibility).toBe('public');
    expect(post.language).toBe('en');
    expect(post.account.id).toBe(council.accountId);
    expect(post.content).toContain('<p>Bin collections are running late in ');
    expect(post.content).toContain('class="mention hashtag"');
    expect(post.content).toContain('href="https://example.org/bins/late-collections"');
    expect(post.tags).toEqual([expect.objectContaining({ name: 'cardiff' })]);
    expect(post.url).toBe(`${sandbox.url}/mastodon/@council/${post.id}`);

    const welsh = await council.masto.v1.statuses.create({
      status: 'Mae casgliadau biniau yn hwyr heddiw.',
      visibility: 'unlisted',
      language: 'cy',
    });
    expect(welsh.visibility).toBe('unlisted');
    expect(welsh.language).toBe('cy');
    expect(BigInt(welsh.id)).toBeGreaterThan(BigInt(post.id));

    const warned = await council.masto.v1.statuses.create({
      status: 'Details of the road closure',
      spoilerText: 'Road traffic collision',
      visibility: 'private',
    });
    expect(warned.visibility).toBe('private');
    expect(warned.spoilerText).toBe('Road traffic collision');
    expect(warned.sensitive).toBe(true);

    const direct = await council.masto.v1.statuses.create({
      status: '@ceri we have passed this on to the team.',
      visibility: 'direct',
    });
    expect(direct.visibility).toBe('direct');
    expect(direct.mentions).toEqual([
      expect.objectContaining({ id: citizen.accountId, username: 'ceri', acct: 'ceri' }),
    ]);
    expect(direct.content).toContain('class="u-url mention"');
  });

  it('replies with in_reply_to_id and reads a status back by id; others cannot see a private one', async () => {
    const question = await citizen.masto.v1.statuses.create({ status: '@council when is my bin day?' });
    const reply = await council.masto.v1.statuses.create({
      status: '@ceri it is Tuesday.',
      inReplyToId: question.id,
    });
    expect(reply.inReplyToId).toBe(question.id);
    expect(reply.inReplyToAccountId).toBe(citizen.accountId);

    const fetched = await council.masto.v1.statuses.$select(question.id).fetch();
    expect(fetched.repliesCount).toBe(1);
    expect(fetched.content).toBe(question.content);

    const secret = await council.masto.v1.statuses.create({
      status: 'followers only',
      visibility: 'private',
    });
    const notFound = await httpError(citizen.masto.v1.statuses.$select(secret.id).fetch());
    expect(notFound.statusCode).toBe(404);
    expect(notFound.message).toBe('Record not found');
  });

  it('serves a thread’s context: ancestors oldest first, descendants depth first, only what the viewer may see', async () => {
    const root = await council.masto.v1.statuses.create({ status: 'Consultation: new cycle lanes' });
    const a = await citizen.masto.v1.statuses.create({ status: '@council yes please', inReplyToId: root.id });
    const b = await citizen.masto.v1.statuses.create({
      status: '@council what about parking?',
      inReplyToId: root.id,
    });
    const a1 = await council.masto.v1.statuses.create({ status: '@ceri thank you', inReplyToId: a.id });
    const hidden = await council.masto.v1.statuses.create({
      status: 'note to self',
      inReplyToId: b.id,
      visibility: 'private',
    });

    const fromA1 = await citizen.masto.v1.statuses.$select(a1.id).context.fetch();
    expect(fromA1.ancestors.map((s) => s.id)).toEqual([root.id, a.id]);
    expect(fromA1.descendants).toEqual([]);

    const fromRoot = await council.masto.v1.statuses.$select(root.id).context.fetch();
    expect(fromRoot.ancestors).toEqual([]);
    expect(fromRoot.descendants.map((s) => s.id)).toEqual([a.id, a1.id, b.id, hidden.id]);
    const asCitizen = await citizen.masto.v1.statuses.$select(root.id).context.fetch();
    expect(asCitizen.descendants.map((s) => s.id)).toEqual([a.id, a1.id, b.id]);
  });

  it('counts characters as Mastodon does: 500 fit, 501 are refused with 422, a URL weighs 23', async () => {
    const exactly = await council.masto.v1.statuses.create({ status: 'a'.repeat(500) });
    expect(exactly.id).toMatch(/^\d+$/);

    const over = await httpError(council.masto.v1.statuses.create({ status: 'a'.repeat(501) }));
    expect(over.statusCode).toBe(422);
    expect(over.message).toBe('Validation failed: Text character limit of 500 exceeded');

    const longUrl = `https://example.org/${'x'.repeat(200)}`;
    const withUrl = await council.masto.v1.statuses.create({ status: `${'b'.repeat(470)} ${longUrl}` });
    expect(withUrl.content).toContain(longUrl);

    const spoilerCounts = await httpError(
      council.masto.v1.statuses.create({ status: 'c'.repeat(450), spoilerText: 'd'.repeat(51) }),
    );
    expect(spoilerCounts.statusCode).toBe(422);

    const emoji = await council.masto.v1.statuses.create({ status: '👩‍👩‍👧‍👦'.repeat(500) });
    expect(emoji.id).toMatch(/^\d+$/);
  });

  it('refuses bad requests in Mastodon’s { error } shape, never a 500', async () => {
    const blank = await httpError(council.masto.v1.statuses.create({ status: '   ' }));
    expect(blank.statusCode).toBe(422);
    expect(blank.message).toBe("Validation failed: Text can't be blank");

    const orphan = await httpError(
      council.masto.v1.statuses.create({ status: 'reply', inReplyToId: '109999999999999999' }),
    );
    expect(orphan.statusCode).toBe(404);
    expect(orphan.message).toBe('Record not found');

    const visibility = await httpError(
      council.masto.v1.statuses.create({ status: 'x', visibility: 'secret' as 'public' }),
    );
    expect(visibility.statusCode).toBe(422);
    expect(visibility.message).toMatch(/^Validation failed: Visibility/);

    const media = await httpError(council.masto.v1.statuses.create({ status: 'x', mediaIds: ['123'] }));
    expect(media.statusCode).toBe(422);
    expect(media.message).toBe('Media 123 not found or already attached to another post');

    const missing = await httpError(council.masto.v1.statuses.$select('12345').fetch());
    expect(missing.statusCode).toBe(404);
  });

  it('answers a body that is not JSON, and a route it does not serve, in Mastodon’s shape', async () => {
    const malformed = await fetch(`${sandbox.url}/api/v1/statuses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${council.credentials.accessToken}`,
      },
      body: '{"status": "unfinished',
    });
    expect(malformed.status).toBe(422);
    expect(((await malformed.json()) as { error: string }).error).toMatch(
      /^Validation failed: the request body could not be read/,
    );

    const form = await fetch(`${sandbox.url}/api/v1/statuses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${council.credentials.accessToken}`,
      },
      body: 'status=Sent+as+a+form&visibility=unlisted',
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toMatchObject({ content: '<p>Sent as a form</p>', visibility: 'unlisted' });

    const unserved = await fetch(`${sandbox.url}/api/v1/statuses/1/favourited_by`, {
      headers: { authorization: `Bearer ${council.credentials.accessToken}` },
    });
    expect(unserved.status).toBe(404);
    expect(await unserved.json()).toEqual({ error: 'Record not found' });
  });

  it('answers odd input with a 4xx, never a 500', async () => {
    const call = (path: string, init: RequestInit = {}): Promise<Response> =>
      fetch(`${sandbox.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${council.credentials.accessToken}`, ...(init.headers ?? {}) },
      });
    expect((await call('/api/v1/statuses/9999999999999999999')).status).toBe(404); // beyond bigint
    expect((await call('/api/v1/statuses/abc')).status).toBe(404);
    expect((await call('/api/v1/accounts/99999999999999999999/statuses')).status).toBe(404);
    expect((await call('/api/v1/notifications?max_id=abc&limit=zero')).status).toBe(200);
    const json = { 'content-type': 'application/json' };
    const nul = await call('/api/v1/statuses', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ status: 'a\u0000b' }),
    });
    expect(nul.status).toBe(422);
    const number = await call('/api/v1/statuses', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ status: 42 }),
    });
    expect(number.status).toBe(422);
    expect(await number.json()).toEqual({ error: 'Validation failed: Text must be a string' });
    const media = await call('/api/v1/statuses', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ status: 'x', media_ids: 'abc' }),
    });
    expect(media.status).toBe(422);
    const key = await call('/api/v1/statuses', {
      method: 'POST',
      headers: { ...json, 'idempotency-key': 'k'.repeat(1001) },
      body: JSON.stringify({ status: 'x' }),
    });
    expect(key.status).toBe(422);
    const reply = await call('/api/v1/statuses', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ status: 'x', in_reply_to_id: {} }),
    });
    expect(reply.status).toBe(404);
  });

  it('answers a repeated Idempotency-Key with the original status and records one ledger entry', async () => {
    const key = `post-${Date.now()}`;
    const headers = { 'Idempotency-Key': key };
    const first = await council.masto.v1.statuses.create(
      { status: 'Library opens at 9 tomorrow' },
      { requestInit: { headers } },
    );
    const again = await council.masto.v1.statuses.create(
      { status: 'Library opens at 9 tomorrow' },
      { requestInit: { headers } },
    );
    // Mastodon returns the original even when the body changed, and skips validation.
    const changed = await council.masto.v1.statuses.create({ status: '' }, { requestInit: { headers } });
    expect(again.id).toBe(first.id);
    expect(changed.id).toBe(first.id);
    expect(changed.content).toBe(first.content);

    const ledger = await sandbox.control<LedgerPage>(
      'GET',
      `/_sandbox/ledger?idempotencyKey=${encodeURIComponent(key)}`,
    );
    expect(ledger.status).toBe(200);
    expect(ledger.body.items).toHaveLength(1);
    expect(ledger.body.items[0]).toMatchObject({ objectId: first.id, kind: 'post', idempotencyKey: key });

    // The same key is scoped per account: another account gets its own status.
    const other = await citizen.masto.v1.statuses.create(
      { status: 'my own post' },
      { requestInit: { headers } },
    );
    expect(other.id).not.toBe(first.id);
  });

  it('forgets an Idempotency-Key after an hour, as Mastodon does', async () => {
    const headers = { 'Idempotency-Key': `hourly-${Date.now()}` };
    const first = await council.masto.v1.statuses.create(
      { status: 'Weekly update' },
      { requestInit: { headers } },
    );
    const db = new Client({ connectionString: sandbox.databaseUrl });
    await db.connect();
    try {
      await db.query(
        `UPDATE mastodon_idempotency SET created_at = now() - interval '61 minutes' WHERE key = $1`,
        [headers['Idempotency-Key']],
      );
    } finally {
      await db.end();
    }
    const second = await council.masto.v1.statuses.create(
      { status: 'Weekly update' },
      { requestInit: { headers } },
    );
    expect(second.id).not.toBe(first.id);
    const third = await council.masto.v1.statuses.create(
      { status: 'Weekly update' },
      { requestInit: { headers } },
    );
    expect(third.id).toBe(second.id);
  });

  it('gives the same key sent concurrently exactly one status', async () => {
    const headers = { 'Idempotency-Key': `race-${Date.now()}` };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        council.masto.v1.statuses.create({ status: 'Race' }, { requestInit: { headers } }),
      ),
    );
    expect(new Set(results.map((status) => status.id)).size).toBe(1);
    const ledger = await sandbox.control<LedgerPage>(
      'GET',
      `/_sandbox/ledger?idempotencyKey=${headers['Idempotency-Key']}`,
    );
    expect(ledger.body.items).toHaveLength(1);
  });

  it('records posts, replies and DMs in the ledger with their kind and parent', async () => {
    const parent = await council.masto.v1.statuses.create({ status: 'parent' });
    const reply = await council.masto.v1.statuses.create({ status: 'child', inReplyToId: parent.id });
    const dm = await council.masto.v1.statuses.create({ status: '@ceri private', visibility: 'direct' });
    const ledger = await sandbox.control<LedgerPage>(
      'GET',
      `/_sandbox/ledger?network=mastodon&accountId=${council.accountId}&limit=1000`,
    );
    const byId = new Map(ledger.body.items.map((item) => [item.objectId, item]));
    expect(byId.get(parent.id)).toMatchObject({ kind: 'post', content: 'parent', parentId: null });
    expect(byId.get(reply.id)).toMatchObject({ kind: 'reply', content: 'child', parentId: parent.id });
    expect(byId.get(dm.id)).toMatchObject({ kind: 'dm' });
  });

  it('deletes a status, answering with its source text, then 404; nobody else may delete it', async () => {
    const status = await council.masto.v1.statuses.create({ status: 'Typo in this one' });
    const denied = await httpError(citizen.masto.v1.statuses.$select(status.id).remove());
    expect(denied.statusCode).toBe(404);

    const deleted = await council.masto.v1.statuses.$select(status.id).remove();
    expect(deleted.id).toBe(status.id);
    expect(deleted.text).toBe('Typo in this one');

    const gone = await httpError(council.masto.v1.statuses.$select(status.id).fetch());
    expect(gone.statusCode).toBe(404);
    const again = await httpError(council.masto.v1.statuses.$select(status.id).remove());
    expect(again.statusCode).toBe(404);
  });

  it('pages an account’s statuses newest first through Link headers to the end', async () => {
    const author = await mastodonAccount(sandbox, 'pager');
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push((await author.masto.v1.statuses.create({ status: `Update ${i}` })).id);
    // A reply to someone else is left out by exclude_replies (a reply to oneself, a thread, would stay).
    const question = await citizen.masto.v1.statuses.create({ status: '@pager a question' });
    await author.masto.v1.statuses.create({ status: '@ceri an answer', inReplyToId: question.id });
    expectValidMastodonResponses(sandbox); // validate and clear what setup produced

    const pages: string[][] = [];
    for await (const page of author.masto.v1.accounts
      .$select(author.accountId)
      .statuses.list({ limit: 2, excludeReplies: true })) {
      pages.push(page.map((status) => status.id));
    }
    expect(pages).toEqual([[created[4], created[3]], [created[2], created[1]], [created[0]], []]);
    const listed = sandbox.responses.filter(
      (response) => response.path.endsWith('/statuses') && response.method === 'GET',
    );
    expect(listed).toHaveLength(4);
    expect(headerOf(listed[0], 'link')).toMatch(
      new RegExp(
        `<${sandbox.url}/api/v1/accounts/${author.accountId}/statuses\\?[^>]*max_id=${created[3]}[^>]*>; rel="next"`,
      ),
    );
    expect(headerOf(listed[0], 'link')).toMatch(new RegExp(`min_id=${created[4]}[^>]*>; rel="prev"`));
    expect(headerOf(listed[3], 'link')).toBeUndefined();

    // since_id: only newer; min_id: the ones just after the cursor, still served newest first.
    const newer = await author.masto.v1.accounts
      .$select(author.accountId)
      .statuses.list({ sinceId: created[2], excludeReplies: true });
    expect(newer.map((s) => s.id)).toEqual([created[4], created[3]]);
    const after = await author.masto.v1.accounts
      .$select(author.accountId)
      .statuses.list({ minId: created[0], limit: 2 });
    expect(after.map((s) => s.id)).toEqual([created[2], created[1]]);

    // Anonymous readers see public statuses too (Mastodon's public profile).
    const anonymous = await mastoClient(sandbox)
      .v1.accounts.$select(author.accountId)
      .statuses.list({ limit: 1 });
    expect(anonymous).toHaveLength(1);
    const unknown = await httpError(author.masto.v1.accounts.$select('4242').statuses.list());
    expect(unknown.statusCode).toBe(404);
  });

  it('shows an account by id or handle, and 404 for an unknown one', async () => {
    const account = await citizen.masto.v1.accounts.$select(council.accountId).fetch();
    expect(account).toMatchObject({ id: council.accountId, username: 'council', acct: 'council' });
    expect(account.statusesCount).toBeGreaterThan(0);
    expect(account.url).toBe(`${sandbox.url}/mastodon/@council`);
    const unknown = await httpError(citizen.masto.v1.accounts.$select('4242').fetch());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.message).toBe('Record not found');

    const found = await citizen.masto.v1.accounts.lookup({ acct: 'council' });
    expect(found.id).toBe(council.accountId);
    const withDomain = await citizen.masto.v1.accounts.lookup({
      acct: `@council@${new URL(sandbox.url).host}`,
    });
    expect(withDomain.id).toBe(council.accountId);
    const elsewhere = await httpError(citizen.masto.v1.accounts.lookup({ acct: 'council@mastodon.social' }));
    expect(elsewhere.statusCode).toBe(404);
  });

  it('answers 401 { error: "The access token is invalid" } to a bad token', async () => {
    const stranger = mastoClient(sandbox, 'not-a-token');
    const error = await httpError(stranger.v1.accounts.verifyCredentials());
    expect(error.statusCode).toBe(401);
    expect(error.message).toBe('The access token is invalid');
    const noToken = await httpError(mastoClient(sandbox).v1.statuses.create({ status: 'hello' }));
    expect(noToken.statusCode).toBe(401);
  });

  it('announces its limits in /api/v1/instance and /api/v2/instance', async () => {
    const v2 = await mastoClient(sandbox).v2.instance.fetch();
    expect(v2.configuration.statuses.maxCharacters).toBe(500);
    expect(v2.configuration.statuses.maxMediaAttachments).toBe(4);
    const v1 = await mastoClient(sandbox).v1.instance.fetch();
    expect(v1.configuration.statuses.maxCharacters).toBe(500);
    expect(v1.stats.userCount).toBeGreaterThanOrEqual(2);
  });

  it('serves the same API under /mastodon for clients that keep the path', async () => {
    const res = await fetch(`${sandbox.url}/mastodon/api/v1/accounts/verify_credentials`, {
      headers: { authorization: `Bearer ${council.credentials.accessToken}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(council.accountId);
  });

  it('keeps statuses across a restart of the sandbox', async () => {
    const status = await council.masto.v1.statuses.create({ status: 'Survives restarts' });
    await sandbox.restart();
    const fetched = await council.masto.v1.statuses.$select(status.id).fetch();
    expect(fetched.content).toBe('<p>Survives restarts</p>');
  });
});
