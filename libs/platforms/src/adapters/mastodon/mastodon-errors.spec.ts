import { MastoHttpError, MastoTimeoutError } from 'masto';
import {
  AuthExpired,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  RateLimited,
  Transient,
} from '../../port/platform-errors';
import { mapMastodonError } from './mastodon-errors';

function httpError(
  statusCode: number,
  message: string,
  headers: Record<string, string> = {},
): MastoHttpError {
  const response = new Response(JSON.stringify({ error: message }), { status: statusCode, headers });
  return new MastoHttpError({ statusCode, message }, { cause: response });
}

function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('mapMastodonError', () => {
  it('maps 401 to AuthExpired and 422 to InvalidContent, keeping Mastodon’s message', () => {
    const auth = mapMastodonError(httpError(401, 'The access token is invalid'), true);
    expect(auth).toBeInstanceOf(AuthExpired);
    expect(auth.message).toContain('The access token is invalid');
    expect(auth.networkCode).toBe('Mastodon 401');
    const invalid = mapMastodonError(httpError(422, "Validation failed: Text can't be blank"), true);
    expect(invalid).toBeInstanceOf(InvalidContent);
    expect(invalid.message).toContain("Text can't be blank");
  });

  it('maps 429 to RateLimited with the ISO 8601 X-RateLimit-Reset', () => {
    const error = mapMastodonError(
      httpError(429, 'Too many requests', {
        'x-ratelimit-limit': '300',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': '2030-01-02T03:04:05.123456Z',
      }),
      true,
    );
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).resetAt.toISOString()).toBe('2030-01-02T03:04:05.123Z');
  });

  it('falls back to a five-minute window when a 429 has no reset header', () => {
    const before = Date.now();
    const error = mapMastodonError(httpError(429, 'Too many requests'), false) as RateLimited;
    expect(error.resetAt.getTime()).toBeGreaterThanOrEqual(before + 299_000);
    expect(error.resetAt.getTime()).toBeLessThanOrEqual(Date.now() + 300_000);
  });

  it('maps 5xx to Transient and other 4xx to Permanent', () => {
    expect(mapMastodonError(httpError(503, 'Service Unavailable'), true)).toBeInstanceOf(Transient);
    expect(mapMastodonError(httpError(500, 'oops'), false)).toBeInstanceOf(Transient);
    expect(mapMastodonError(httpError(404, 'Record not found'), false)).toBeInstanceOf(Permanent);
    expect(mapMastodonError(httpError(403, 'This action is not allowed'), true)).toBeInstanceOf(Permanent);
  });

  it('treats a connection cut after sending a write as OutcomeUnknown, and a refused one as Transient', () => {
    expect(mapMastodonError(fetchFailure('UND_ERR_SOCKET'), true)).toBeInstanceOf(OutcomeUnknown);
    expect(mapMastodonError(fetchFailure('ECONNRESET'), true)).toBeInstanceOf(OutcomeUnknown);
    expect(mapMastodonError(fetchFailure('ECONNRESET'), false)).toBeInstanceOf(Transient);
    expect(mapMastodonError(fetchFailure('ECONNREFUSED'), true)).toBeInstanceOf(Transient);
    expect(mapMastodonError(fetchFailure('ENOTFOUND'), true)).toBeInstanceOf(Transient);
  });

  it('sees through masto wrapping fetch’s failure in its own error (as masto 7 does)', () => {
    const wrapped = new Error('TypeError: fetch failed', { cause: fetchFailure('ECONNREFUSED') });
    expect(mapMastodonError(wrapped, true)).toBeInstanceOf(Transient);
    const cut = new Error('TypeError: fetch failed', { cause: fetchFailure('ECONNRESET') });
    expect(mapMastodonError(cut, true)).toBeInstanceOf(OutcomeUnknown);
  });

  it('treats a timed-out write as OutcomeUnknown and a timed-out read as Transient', () => {
    expect(mapMastodonError(new MastoTimeoutError('Request timed out'), true)).toBeInstanceOf(OutcomeUnknown);
    expect(mapMastodonError(new MastoTimeoutError('Request timed out'), false)).toBeInstanceOf(Transient);
  });

  it('passes PlatformErrors through unchanged', () => {
    const original = new InvalidContent('mastodon', 'too long');
    expect(mapMastodonError(original, true)).toBe(original);
  });
});
