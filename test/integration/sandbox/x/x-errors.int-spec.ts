import { ApiRequestError } from 'twitter-api-v2';
import { TestSandbox } from '../../../support/sandbox-harness';
import {
  addFault,
  apiError,
  clearFaults,
  expectValidXResponses,
  failure,
  headerOf,
  ledger,
  resetRateLimits,
  setRateLimit,
  startXSandbox,
  xAccount,
  xClient,
  XTestAccount,
} from './x-test-kit';

const INVALID_REQUEST = 'https://api.x.com/2/problems/invalid-request';

describe('X sandbox: errors, rate limits and faults as twitter-api-v2 sees them', () => {
  let sandbox: TestSandbox;
  let council: XTestAccount;

  beforeAll(async () => {
    sandbox = await startXSandbox();
    council = await xAccount(sandbox, 'gwyneddcouncil');
  });

  afterEach(async () => {
    await clearFaults(sandbox);
    await resetRateLimits(sandbox);
    expectValidXResponses(sandbox);
  });
  afterAll(() => sandbox.stop());

  it('answers an unknown or missing bearer token with 401 problem+json', async () => {
    const error = await apiError(xClient(sandbox, 'not-a-real-token').v2.me());
    expect(error.code).toBe(401);
    expect(error.isAuthError).toBe(true);
    expect(error.data).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
    expect(error.headers['content-type']).toMatch(/^application\/problem\+json/);

    const bare = await fetch(`${sandbox.url}/x/2/tweets`, { method: 'POST', body: '{"text":"hi"}' });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('counts text by twitter-text weight: 280 ASCII or 140 emoji pass, one more is a 400', async () => {
    await council.client.v2.tweet('a'.repeat(280));
    await council.client.v2.tweet('🏴󠁧󠁢󠁷󠁬󠁳󠁿'.repeat(140));
    const tooLong = await apiError(council.client.v2.tweet('b'.repeat(281)));
    expect(tooLong.code).toBe(400);
    expect(tooLong.data).toMatchObject({ title: 'Invalid Request', type: INVALID_REQUEST });
    expect(tooLong.errors?.[0]).toMatchObject({
      message: expect.stringContaining('281 weighted characters'),
    });
    const emoji = await apiError(council.client.v2.tweet('🎉'.repeat(141)));
    expect(emoji.code).toBe(400);
  });

  it('refuses an empty post, unknown body fields and malformed JSON with 400 problems', async () => {
    const empty = await apiError(council.client.v2.tweet(''));
    expect(empty.code).toBe(400);
    const unknown = await apiError(council.client.v2.post('tweets', { text: 'hello', colour: 'red' }));
    expect(unknown.code).toBe(400);
    expect(JSON.stringify(unknown.errors)).toContain('$.colour: is not defined in the schema');
    const badReply = await apiError(
      council.client.v2.post('tweets', { text: 'hi', reply: { in_reply_to_tweet_id: 'abc' } }),
    );
    expect(badReply.data.type).toBe(INVALID_REQUEST);

    const form = await fetch(`${sandbox.url}/x/2/tweets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${council.credentials.accessToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'text=hello',
    });
    expect(form.status).toBe(400);
    expect(JSON.stringify(await form.json())).toContain('send Content-Type: application/json');

    const malformed = await fetch(`${sandbox.url}/x/2/tweets`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${council.credentials.accessToken}`,
        'content-type': 'application/json',
      },
      body: '{"text": "unterminated',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await malformed.json()).toMatchObject({ title: 'Invalid Request', type: INVALID_REQUEST });
  });

  it('refuses bad query parameters, naming each one', async () => {
    const range = await apiError(council.client.v2.userMentionTimeline(council.userId, { max_results: 1 }));
    expect(range.code).toBe(400);
    expect(range.errors).toEqual([
      {
        parameters: { max_results: ['1'] },
        message: 'The `max_results` query parameter value [1] is not between 5 and 100',
      },
    ]);
    const fields = await apiError(
      council.client.v2.userMentionTimeline(council.userId, {
        'tweet.fields': ['created_at', 'colour' as 'lang'],
      }),
    );
    expect(JSON.stringify(fields.errors)).toContain('[colour] is not one of');
    const token = await apiError(
      council.client.v2.userMentionTimeline(council.userId, { pagination_token: 'zzz!' }),
    );
    expect(token.errors).toEqual([expect.objectContaining({ parameters: { pagination_token: ['zzz!'] } })]);
    const badId = await apiError(council.client.v2.singleTweet('not-a-number'));
    expect(badId.code).toBe(400);
    // 19 digits, but beyond a 64-bit id: a 400, never a database overflow.
    const huge = await apiError(council.client.v2.singleTweet('9999999999999999999'));
    expect(huge.code).toBe(400);
    const hugeSince = await apiError(
      council.client.v2.userMentionTimeline(council.userId, { since_id: '9999999999999999999' }),
    );
    expect(hugeSince.code).toBe(400);
    const nul = await apiError(council.client.v2.tweet('A NUL \u0000 character'));
    expect(nul.code).toBe(400);
    const reply = await apiError(council.client.v2.reply('To nowhere', '1234567890123456789'));
    expect(reply.code).toBe(403);
    expect(reply.data.detail).toBe(
      'You attempted to reply to a Tweet that is deleted or not visible to you.',
    );
  });

  it('refuses duplicate content with X’s 403', async () => {
    await council.client.v2.tweet('Recycling collections are back to normal.');
    const duplicate = await apiError(council.client.v2.tweet('Recycling collections are back to normal.'));
    expect(duplicate.code).toBe(403);
    expect(duplicate.data).toEqual({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
  });

  it('sends x-rate-limit-* headers on every authenticated response, success or error', async () => {
    sandbox.takeResponses();
    const before = Math.floor(Date.now() / 1000);
    await council.client.v2.me();
    const { rateLimit } = await council.client.v2.userTimeline(council.userId);
    expect(rateLimit.limit).toBe(900);
    expect(rateLimit.remaining).toBe(899);
    expect(rateLimit.reset).toBeGreaterThanOrEqual(before + 899);
    const posted = await council.client.v2.post(
      'tweets',
      { text: 'Counting against the daily caps' },
      { fullResponse: true },
    );
    expect(posted.rateLimit?.day).toMatchObject({ limit: 10000 });
    expect(posted.rateLimit?.userDay).toMatchObject({ limit: 2400 });
    expect(posted.rateLimit?.userDay?.remaining).toBeLessThan(2400);
    await apiError(council.client.v2.tweet('c'.repeat(300)));
    const seen = sandbox.responses.filter((r) => r.path.startsWith('/x/2/'));
    expect(seen.length).toBe(4);
    for (const response of seen) {
      expect(headerOf(response, 'x-rate-limit-limit')).toMatch(/^\d+$/);
      expect(headerOf(response, 'x-rate-limit-remaining')).toMatch(/^\d+$/);
      expect(headerOf(response, 'x-rate-limit-reset')).toMatch(/^\d{10}$/);
    }
  });

  it('answers 429 problem+json with the reset when the 15-minute window is spent', async () => {
    await setRateLimit(sandbox, 'POST /2/tweets', 2, 60);
    const start = Math.floor(Date.now() / 1000);
    await council.client.v2.tweet('Window post one');
    const second = await council.client.v2.tweet('Window post two');
    expect(second.data.id).toMatch(/^\d+$/);
    const limited = await apiError(council.client.v2.tweet('Window post three'));
    expect(limited.code).toBe(429);
    expect(limited.rateLimitError).toBe(true);
    expect(limited.data).toEqual({
      title: 'Too Many Requests',
      detail: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
    });
    expect(limited.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    expect(limited.rateLimit!.reset).toBeGreaterThanOrEqual(start + 59);
    // The window opened with the first post, somewhere between `start` and now.
    expect(limited.rateLimit!.reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    const recorded = await ledger(sandbox, { accountId: council.userId });
    expect(recorded.filter((e) => e.content?.startsWith('Window post')).map((e) => e.content)).toEqual([
      'Window post one',
      'Window post two',
    ]);
  });

  it('injects a 503, then lets the next call through', async () => {
    await addFault(sandbox, {
      route: '^POST /x/2/tweets$',
      count: 1,
      action: { kind: 'status', status: 503 },
    });
    const error = await apiError(council.client.v2.tweet('Storm warning for Bangor'));
    expect(error.code).toBe(503);
    expect(error.data).toMatchObject({ title: 'Service Unavailable', status: 503 });
    const retry = await council.client.v2.tweet('Storm warning for Bangor');
    expect(retry.data.text).toBe('Storm warning for Bangor');
  });

  it('injects a 429 with its reset and a 401 expired token in X’s shapes', async () => {
    await addFault(sandbox, { count: 1, action: { kind: 'status', status: 429, resetInSeconds: 120 } });
    const start = Math.floor(Date.now() / 1000);
    const limited = await apiError(council.client.v2.me());
    expect(limited.code).toBe(429);
    expect(limited.rateLimit?.remaining).toBe(0);
    expect(limited.rateLimit!.reset).toBeGreaterThanOrEqual(start + 119);
    await addFault(sandbox, { count: 1, action: { kind: 'status', status: 401 } });
    const expired = await apiError(council.client.v2.me());
    expect(expired.isAuthError).toBe(true);
  });

  it('commit-then-drop: the post exists and is in the ledger, but the client only sees a dropped connection', async () => {
    await addFault(sandbox, { route: '^POST /x/2/tweets$', count: 1, action: { kind: 'commit-then-drop' } });
    const text = 'Polling stations open 7am to 10pm today.';
    const error = await failure(council.client.v2.tweet(text));
    expect(error).toBeInstanceOf(ApiRequestError);

    const [entry] = await ledger(sandbox, { accountId: council.userId, kind: 'post' }).then((all) =>
      all.filter((e) => e.content === text),
    );
    expect(entry).toBeDefined();
    // Reading back finds it: the way an adapter resolves the ambiguous outcome.
    const timeline = await council.client.v2.userTimeline(council.userId, { max_results: 5 });
    expect(timeline.data.data.map((t) => t.id)).toContain(entry.objectId);
    // A blind retry would be refused as a duplicate.
    const retry = await apiError(council.client.v2.tweet(text));
    expect(retry.code).toBe(403);
  });

  it('holds the connection and cuts it on a timeout fault, before anything is created', async () => {
    await addFault(sandbox, { route: '^POST /x/2/tweets$', count: 1, action: { kind: 'timeout', ms: 300 } });
    const started = Date.now();
    const error = await failure(council.client.v2.tweet('Held and never answered'));
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const entries = await ledger(sandbox, { accountId: council.userId });
    expect(entries.some((e) => e.content === 'Held and never answered')).toBe(false);
  });

  it('commit-then-drop on a DM: the message is delivered and recorded, the sender sees a dropped connection', async () => {
    const resident = await xAccount(sandbox, 'ynys_mon_res');
    await addFault(sandbox, {
      route: '^POST /x/2/dm_conversations/with/[0-9]+/messages$',
      accountId: council.userId,
      count: 1,
      action: { kind: 'commit-then-drop' },
    });
    const error = await failure(
      council.client.v2.sendDmToParticipant(resident.userId, {
        text: 'Your blue badge is ready to collect.',
      }),
    );
    expect(error).toBeInstanceOf(ApiRequestError);
    const entries = await ledger(sandbox, { accountId: council.userId, kind: 'dm' });
    expect(entries.map((e) => e.content)).toContain('Your blue badge is ready to collect.');
    const inbox = await resident.client.v2.listDmEvents();
    expect(inbox.events.map((e) => ('text' in e ? e.text : undefined))).toContain(
      'Your blue badge is ready to collect.',
    );
  });

  it('answers a path no X endpoint serves with X’s 404', async () => {
    const response = await fetch(`${sandbox.url}/x/2/no_such_endpoint`, {
      headers: { authorization: `Bearer ${council.credentials.accessToken}` },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Sorry, that page does not exist', code: 34 }],
    });
    // Not an operation of the OpenAPI file, so it is left out of the validation.
    const others = sandbox.takeResponses().filter((r) => r.path !== '/x/2/no_such_endpoint');
    sandbox.responses.push(...others);
  });
});
