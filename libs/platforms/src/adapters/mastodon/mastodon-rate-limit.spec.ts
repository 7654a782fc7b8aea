import { parseMastodonRateLimit } from './mastodon-rate-limit';

describe('parseMastodonRateLimit', () => {
  it('reads limit, remaining and the ISO 8601 reset from Headers', () => {
    const headers = new Headers({
      'X-RateLimit-Limit': '300',
      'X-RateLimit-Remaining': '297',
      'X-RateLimit-Reset': '2026-11-27T10:35:00.000000Z',
    });
    expect(parseMastodonRateLimit(headers)).toEqual({
      limit: 300,
      remaining: 297,
      resetAt: new Date('2026-11-27T10:35:00.000Z'),
    });
  });

  it('reads a plain lower-cased header record (as Node’s http gives them)', () => {
    expect(
      parseMastodonRateLimit({
        'x-ratelimit-limit': '30',
        'x-ratelimit-remaining': ['0'],
        'x-ratelimit-reset': '2026-11-27T11:00:00Z',
      }),
    ).toEqual({ limit: 30, remaining: 0, resetAt: new Date('2026-11-27T11:00:00Z') });
  });

  it('returns undefined when a header is missing or the reset is not a date (e.g. epoch seconds)', () => {
    expect(parseMastodonRateLimit(new Headers({ 'x-ratelimit-limit': '300' }))).toBeUndefined();
    expect(
      parseMastodonRateLimit(
        new Headers({
          'x-ratelimit-limit': '300',
          'x-ratelimit-remaining': '1',
          'x-ratelimit-reset': 'soon',
        }),
      ),
    ).toBeUndefined();
  });
});
