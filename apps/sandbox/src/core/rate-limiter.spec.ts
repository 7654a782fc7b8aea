import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  const key = { network: 'x', accountId: 'u1', endpoint: 'POST /2/tweets' };

  it('counts calls in a fixed window that starts with the first call, per account', () => {
    const limiter = new RateLimiter();
    limiter.define('x', 'POST /2/tweets', { limit: 2, windowSeconds: 60 });
    const t0 = 1_000_000;
    expect(limiter.consume(key, t0)).toEqual({
      allowed: true,
      limit: 2,
      remaining: 1,
      resetAt: new Date(t0 + 60_000),
    });
    expect(limiter.consume(key, t0 + 10).remaining).toBe(0);
    const refused = limiter.consume(key, t0 + 20);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(limiter.consume({ ...key, accountId: 'u2' }, t0 + 30).allowed).toBe(true);
    expect(limiter.peek(key, t0 + 59_999).allowed).toBe(false);
    expect(limiter.consume(key, t0 + 60_000)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it('lets overrides replace the default and restart windows, and reset remove them', () => {
    const limiter = new RateLimiter();
    limiter.define('x', 'POST /2/tweets', { limit: 100, windowSeconds: 900 });
    limiter.consume(key, 0);
    limiter.override('x', 'POST /2/tweets', { limit: 1, windowSeconds: 10 });
    expect(limiter.consume(key, 1)).toMatchObject({ allowed: true, limit: 1, remaining: 0 });
    expect(limiter.consume(key, 2).allowed).toBe(false);
    expect(limiter.rules()).toEqual([
      { network: 'x', endpoint: 'POST /2/tweets', limit: 1, windowSeconds: 10, source: 'override' },
    ]);
    limiter.reset('x');
    expect(limiter.consume(key, 3)).toMatchObject({ allowed: true, limit: 100, remaining: 99 });
  });

  it('is generous for endpoints nobody defined', () => {
    expect(new RateLimiter().consume({ network: 'y', accountId: 'a', endpoint: 'e' }).limit).toBe(10_000);
  });
});
