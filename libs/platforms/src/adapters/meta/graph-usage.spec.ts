import { graphRateLimitState, graphResetAt } from './graph-usage';

const now = new Date('2026-01-01T12:00:00Z');

describe('Graph usage headers', () => {
  it('takes the longest estimated_time_to_regain_access in X-Business-Use-Case-Usage', () => {
    const headers = {
      'x-business-use-case-usage': JSON.stringify({
        '123': [
          {
            type: 'pages',
            call_count: 100,
            total_cputime: 10,
            total_time: 10,
            estimated_time_to_regain_access: 10,
          },
          { type: 'messenger', call_count: 40, estimated_time_to_regain_access: 25 },
        ],
      }),
    };
    expect(graphResetAt(headers, now)).toEqual(new Date('2026-01-01T12:25:00Z'));
    expect(graphRateLimitState(headers, now)).toEqual({
      limit: 100,
      remaining: 0,
      resetAt: new Date('2026-01-01T12:25:00Z'),
    });
  });

  it('assumes an hour when no header gives an estimate', () => {
    const headers = { 'x-app-usage': '{"call_count":100,"total_cputime":50,"total_time":50}' };
    expect(graphResetAt(headers, now)).toEqual(new Date('2026-01-01T13:00:00Z'));
    expect(graphResetAt(null, now)).toEqual(new Date('2026-01-01T13:00:00Z'));
  });

  it('reads Fetch Headers and reports the highest usage as what is used of 100', () => {
    const headers = new Headers({ 'X-App-Usage': '{"call_count":12,"total_cputime":30,"total_time":5}' });
    expect(graphRateLimitState(headers, now)?.remaining).toBe(70);
  });

  it('ignores headers that are not JSON', () => {
    expect(graphRateLimitState({ 'x-app-usage': 'not json' }, now)).toBeNull();
    expect(graphResetAt({ 'x-business-use-case-usage': '{"1":"x"}' }, now)).toEqual(
      new Date('2026-01-01T13:00:00Z'),
    );
  });
});
