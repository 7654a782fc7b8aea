import { parseXRateLimit } from './x-rate-limit';

describe('parseXRateLimit', () => {
  it('reads the 15-minute window (reset in Unix seconds)', () => {
    expect(
      parseXRateLimit({
        'x-rate-limit-limit': '900',
        'x-rate-limit-remaining': '899',
        'x-rate-limit-reset': '1795000000',
      }),
    ).toEqual({ limit: 900, remaining: 899, resetAt: new Date(1795000000 * 1000) });
  });

  it('reads repeated headers by their first value', () => {
    expect(
      parseXRateLimit({
        'x-rate-limit-limit': ['15', '15'],
        'x-rate-limit-remaining': ['3'],
        'x-rate-limit-reset': ['1795000000'],
      }),
    ).toEqual({ limit: 15, remaining: 3, resetAt: new Date(1795000000 * 1000) });
  });

  it('is undefined when a header is missing or not a number', () => {
    expect(parseXRateLimit(undefined)).toBeUndefined();
    expect(parseXRateLimit({})).toBeUndefined();
    expect(parseXRateLimit({ 'x-rate-limit-limit': '900', 'x-rate-limit-remaining': '899' })).toBeUndefined();
    expect(
      parseXRateLimit({
        'x-rate-limit-limit': 'lots',
        'x-rate-limit-remaining': '1',
        'x-rate-limit-reset': '1',
      }),
    ).toBeUndefined();
  });

  it('reports a spent 24-hour window instead of the 15-minute one, the later of two', () => {
    const headers = {
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '99',
      'x-rate-limit-reset': '1795000000',
      'x-app-limit-24hour-limit': '10000',
      'x-app-limit-24hour-remaining': '0',
      'x-app-limit-24hour-reset': '1795050000',
      'x-user-limit-24hour-limit': '2400',
      'x-user-limit-24hour-remaining': '0',
      'x-user-limit-24hour-reset': '1795060000',
    };
    expect(parseXRateLimit(headers)).toEqual({
      limit: 2400,
      remaining: 0,
      resetAt: new Date(1795060000 * 1000),
    });
  });

  it('keeps the 15-minute window while the 24-hour ones have calls left', () => {
    expect(
      parseXRateLimit({
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': '1795000000',
        'x-user-limit-24hour-limit': '2400',
        'x-user-limit-24hour-remaining': '2000',
        'x-user-limit-24hour-reset': '1795060000',
      }),
    ).toEqual({ limit: 100, remaining: 0, resetAt: new Date(1795000000 * 1000) });
  });
});
