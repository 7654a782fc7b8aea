import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
  type TwitterApiErrorData,
} from 'twitter-api-v2';
import { mapXError } from './x-errors';

const write = { action: 'publishing a post', write: true };
const read = { action: 'fetching mentions', write: false };

function answer(code: number, data: unknown, headers: IncomingHttpHeaders = {}): ApiResponseError {
  return new ApiResponseError(`Request failed with code ${code}`, {
    code,
    data: data as TwitterApiErrorData,
    headers,
    request: {} as ClientRequest,
    response: {} as IncomingMessage,
  });
}

function socketError(code: string | undefined, message: string): ApiRequestError {
  const cause = Object.assign(new Error(message), code ? { code } : {});
  // As twitter-api-v2 1.29 builds it: the cause under `error`, which its own getter does not read.
  return new ApiRequestError('Request failed.', { request: {} as ClientRequest, error: cause } as never);
}

describe('mapXError', () => {
  it('maps 429 to RateLimited with the reset of x-rate-limit-reset', () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const error = mapXError(
      answer(
        429,
        { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
      ),
      write,
    );
    expect(error.kind).toBe('rate_limited');
    expect(error).toMatchObject({ network: 'x', networkCode: 'X 429', resetAt: new Date(reset * 1000) });
  });

  it('takes the spent 24-hour window’s reset over the 15-minute one', () => {
    const now = Math.floor(Date.now() / 1000);
    const error = mapXError(
      answer(
        429,
        { title: 'Too Many Requests' },
        {
          'x-rate-limit-limit': '100',
          'x-rate-limit-remaining': '50',
          'x-rate-limit-reset': String(now + 60),
          'x-user-limit-24hour-limit': '2400',
          'x-user-limit-24hour-remaining': '0',
          'x-user-limit-24hour-reset': String(now + 80000),
        },
      ),
      write,
    );
    expect(error).toMatchObject({ kind: 'rate_limited', resetAt: new Date((now + 80000) * 1000) });
  });

  it('waits 15 minutes on a 429 without headers, and reads v1 code 88 as a rate limit', () => {
    const before = Date.now();
    const error = mapXError(answer(400, { errors: [{ code: 88, message: 'Rate limit exceeded' }] }), read);
    expect(error.kind).toBe('rate_limited');
    expect((error as unknown as { resetAt: Date }).resetAt.getTime()).toBeGreaterThanOrEqual(
      before + 15 * 60 * 1000,
    );
  });

  it('maps 401 and v1 auth codes to AuthExpired', () => {
    expect(
      mapXError(answer(401, { title: 'Unauthorized', status: 401, detail: 'Unauthorized' }), read).kind,
    ).toBe('auth_expired');
    expect(
      mapXError(answer(403, { errors: [{ code: 89, message: 'Invalid or expired token.' }] }), read).kind,
    ).toBe('auth_expired');
  });

  it('maps the duplicate 403 (and v1 187) to Duplicate', () => {
    const duplicate = mapXError(
      answer(403, {
        detail: 'You are not allowed to create a Tweet with duplicate content.',
        type: 'about:blank',
        title: 'Forbidden',
        status: 403,
      }),
      write,
    );
    expect(duplicate.kind).toBe('duplicate');
    expect(duplicate.message).toContain('duplicate content');
    expect(
      mapXError(answer(403, { errors: [{ code: 187, message: 'Status is a duplicate.' }] }), write).kind,
    ).toBe('duplicate');
  });

  it('maps a refused write (400, content 403) to InvalidContent with X’s own words', () => {
    const invalid = mapXError(
      answer(400, {
        errors: [{ parameters: { text: ['x'] }, message: 'Your Tweet text is too long.' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      }),
      write,
    );
    expect(invalid.kind).toBe('invalid_content');
    expect(invalid.message).toBe(
      'X refused publishing a post (400): One or more parameters to your request was invalid.',
    );
    expect(mapXError(answer(403, { detail: 'Media not allowed here.', status: 403 }), write).kind).toBe(
      'invalid_content',
    );
  });

  it('maps a client that is not enrolled, or a 400 on a read, to Permanent', () => {
    const notEnrolled = answer(403, {
      reason: 'client-not-enrolled',
      title: 'Client Forbidden',
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Project.',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
    });
    expect(mapXError(notEnrolled, write).kind).toBe('permanent');
    expect(mapXError(answer(400, { title: 'Invalid Request' }), read).kind).toBe('permanent');
    expect(mapXError(answer(404, { title: 'Not Found Error' }), read).kind).toBe('permanent');
  });

  it('maps 5xx to Transient, with retry-after when X sends it', () => {
    const error = mapXError(
      answer(503, { title: 'Service Unavailable', status: 503 }, { 'retry-after': '30' }),
      write,
    );
    expect(error.kind).toBe('transient');
    expect((error as unknown as { retryAfter: Date }).retryAfter.getTime()).toBeGreaterThan(
      Date.now() + 25_000,
    );
  });

  it('maps a connection cut after sending a write to OutcomeUnknown, and on a read to Transient', () => {
    expect(mapXError(socketError('ECONNRESET', 'socket hang up'), write).kind).toBe('outcome_unknown');
    expect(mapXError(socketError(undefined, 'Request timeout.'), write).kind).toBe('outcome_unknown');
    expect(mapXError(socketError('ECONNRESET', 'socket hang up'), read).kind).toBe('transient');
  });

  it('maps a connection refused before sending to Transient, even for a write', () => {
    const error = mapXError(socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'), write);
    expect(error).toMatchObject({ kind: 'transient', networkCode: 'ECONNREFUSED' });
    expect(error.message).toContain('nothing was sent');
  });

  it('maps an answer cut half-way through a write to OutcomeUnknown', () => {
    const partial = new ApiPartialResponseError('Request failed with partial response', {
      request: {} as ClientRequest,
      response: {} as IncomingMessage,
      rawContent: '{"data":{"id":"1',
      responseError: new Error('Unexpected end of JSON input'),
    });
    expect(mapXError(partial, write).kind).toBe('outcome_unknown');
  });
});
