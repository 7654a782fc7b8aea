import { parseBlueskyRateLimit } from './bluesky-rate-limit';

describe('parseBlueskyRateLimit', () => {
  it('reads RateLimit-* with the reset in epoch seconds, from Headers or a plain record', () => {
    const expected = { limit: 3000, remaining: 2999, resetAt: new Date(1_800_000_300_000) };
    expect(
      parseBlueskyRateLimit(
        new Headers({
          'RateLimit-Limit': '3000',
          'RateLimit-Remaining': '2999',
          'RateLimit-Reset': '1800000300',
        }),
      ),
    ).toEqual(expected);
    expect(
      parseBlueskyRateLimit({
        'ratelimit-limit': '3000',
        'ratelimit-remaining': '2999',
        'ratelimit-reset': '1800000300',
      }),
    ).toEqual(expected);
  });

  it('returns undefined when the headers are missing (dev-env turns them off) or unreadable', () => {
    expect(parseBlueskyRateLimit({})).toBeUndefined();
    expect(
      parseBlueskyRateLimit({
        'ratelimit-limit': '3000',
        'ratelimit-remaining': '1',
        'ratelimit-reset': 'later',
      }),
    ).toBeUndefined();
  });
});
