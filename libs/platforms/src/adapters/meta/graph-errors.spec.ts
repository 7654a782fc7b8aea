import {
  AuthExpired,
  Duplicate,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  RateLimited,
  Transient,
} from '../../port/platform-errors';
import { type GraphFailure, mapGraphError } from './graph-errors';

function failure(code: number, extra: Partial<GraphFailure> & { subcode?: number } = {}): GraphFailure {
  return {
    name: 'FacebookRequestError',
    message: `(#${code}) something`,
    status: extra.status ?? 400,
    response: { message: `(#${code}) something`, type: 'OAuthException', code, error_subcode: extra.subcode },
    headers: extra.headers ?? {},
  };
}

describe('mapGraphError', () => {
  it('maps an invalid or expired token (190, 190/463) to AuthExpired', () => {
    expect(mapGraphError('facebook', failure(190, { subcode: 463 }), false)).toBeInstanceOf(AuthExpired);
    expect(mapGraphError('facebook', failure(190), true)).toBeInstanceOf(AuthExpired);
  });

  it.each([4, 17, 32, 613])('maps #%i to RateLimited with the reset from the usage headers', (code) => {
    const headers = {
      'x-business-use-case-usage': JSON.stringify({
        '1': [{ call_count: 100, estimated_time_to_regain_access: 5 }],
      }),
    };
    const before = Date.now();
    const error = mapGraphError('facebook', failure(code, { headers }), true);
    expect(error).toBeInstanceOf(RateLimited);
    const resetAt = (error as RateLimited).resetAt.getTime();
    expect(resetAt).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(resetAt).toBeLessThan(before + 6 * 60_000);
    expect(error.networkCode).toBe(`Graph #${code}`);
  });

  it('maps a rate limit without an estimate to an hour', () => {
    const error = mapGraphError('instagram', failure(4, { status: 403 }), false) as RateLimited;
    expect(error.resetAt.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
  });

  it('maps #506 to Duplicate, #368 to Permanent and content #100 to InvalidContent', () => {
    expect(mapGraphError('facebook', failure(506), true)).toBeInstanceOf(Duplicate);
    expect(mapGraphError('facebook', failure(368, { subcode: 1390008 }), true)).toBeInstanceOf(Permanent);
    expect(mapGraphError('facebook', failure(100), true)).toBeInstanceOf(InvalidContent);
    expect(mapGraphError('facebook', failure(100, { subcode: 33 }), true)).toBeInstanceOf(Permanent);
  });

  it('says the 24-hour window has passed for (#10/2018278)', () => {
    const error = mapGraphError('facebook', failure(10, { subcode: 2018278 }), true);
    expect(error).toBeInstanceOf(InvalidContent);
    expect(error.message).toMatch(/24-hour window/);
  });

  it('maps codes 1 and 2 and 5xx answers to Transient', () => {
    expect(mapGraphError('facebook', failure(1, { status: 500 }), true)).toBeInstanceOf(Transient);
    expect(mapGraphError('facebook', failure(2, { status: 503 }), true)).toBeInstanceOf(Transient);
    expect(mapGraphError('facebook', failure(12345, { status: 502 }), false)).toBeInstanceOf(Transient);
  });

  it('maps no answer to OutcomeUnknown for a write and Transient for a read', () => {
    const dropped: GraphFailure = {
      name: 'FacebookRequestError',
      message: 'The request was made but no response was received',
      status: null,
      response: null,
      headers: null,
    };
    expect(mapGraphError('facebook', dropped, true)).toBeInstanceOf(OutcomeUnknown);
    expect(mapGraphError('facebook', dropped, false)).toBeInstanceOf(Transient);
    const timedOut: GraphFailure = {
      ...dropped,
      message: 'Graph did not answer within 500 ms',
      timedOut: true,
    };
    expect(mapGraphError('facebook', timedOut, true)).toBeInstanceOf(OutcomeUnknown);
    const notSent: GraphFailure = { ...dropped, message: 'Something happened in setting up the request' };
    expect(mapGraphError('facebook', notSent, true)).toBeInstanceOf(Transient);
  });

  it('maps a refused connection of our own fetch to Transient even for a write', () => {
    const refused = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    expect(mapGraphError('facebook', refused, true)).toBeInstanceOf(Transient);
    const cut = new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
    expect(mapGraphError('facebook', cut, true)).toBeInstanceOf(OutcomeUnknown);
  });
});
