import { XRPCError } from '@atproto/api';
import {
  AuthExpired,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  RateLimited,
  Transient,
} from '../../port/platform-errors';
import { mapBlueskyError } from './bluesky-errors';

function xrpc(
  status: number,
  error: string,
  message = '',
  headers: Record<string, string> = {},
  cause?: unknown,
) {
  return new XRPCError(status, error, message, headers, { cause });
}

function fetchFailure(code: string): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('mapBlueskyError', () => {
  it('maps an ExpiredToken or InvalidToken that reached us (the agent already tried to refresh) to AuthExpired', () => {
    expect(mapBlueskyError(xrpc(400, 'ExpiredToken', 'Token has been revoked'), false)).toBeInstanceOf(
      AuthExpired,
    );
    expect(mapBlueskyError(xrpc(400, 'InvalidToken', 'Token could not be verified'), true)).toBeInstanceOf(
      AuthExpired,
    );
    expect(
      mapBlueskyError(xrpc(401, 'AuthenticationRequired', 'Invalid identifier or password'), false),
    ).toBeInstanceOf(AuthExpired);
  });

  it('maps RateLimitExceeded to RateLimited with the epoch-seconds RateLimit-Reset', () => {
    const error = mapBlueskyError(
      xrpc(429, 'RateLimitExceeded', 'Rate Limit Exceeded', {
        'ratelimit-limit': '3000',
        'ratelimit-remaining': '0',
        'ratelimit-reset': '1900000000',
        'ratelimit-policy': '3000;w=300',
      }),
      true,
    );
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).resetAt).toEqual(new Date(1_900_000_000_000));
  });

  it('maps InvalidRequest to InvalidContent with the PDS’s message', () => {
    const error = mapBlueskyError(
      xrpc(
        400,
        'InvalidRequest',
        'Invalid app.bsky.feed.post record: grapheme too big (maximum 300, got 301)',
      ),
      true,
    );
    expect(error).toBeInstanceOf(InvalidContent);
    expect(error.message).toContain('grapheme too big');
    expect(error.networkCode).toBe('Bluesky 400 InvalidRequest');
  });

  it('maps 5xx to Transient and other refusals to Permanent', () => {
    expect(mapBlueskyError(xrpc(500, 'InternalServerError'), true)).toBeInstanceOf(Transient);
    expect(mapBlueskyError(xrpc(503, 'NotEnoughResources'), true)).toBeInstanceOf(Transient);
    expect(mapBlueskyError(xrpc(403, 'AccountNotFound'), true)).toBeInstanceOf(Permanent);
  });

  it('treats status 1 (no response) on a write as OutcomeUnknown, unless nothing was ever sent', () => {
    expect(
      mapBlueskyError(xrpc(1, 'Unknown', 'fetch failed', {}, fetchFailure('UND_ERR_SOCKET')), true),
    ).toBeInstanceOf(OutcomeUnknown);
    expect(
      mapBlueskyError(xrpc(1, 'Unknown', 'fetch failed', {}, fetchFailure('UND_ERR_SOCKET')), false),
    ).toBeInstanceOf(Transient);
    expect(
      mapBlueskyError(xrpc(1, 'Unknown', 'fetch failed', {}, fetchFailure('ECONNREFUSED')), true),
    ).toBeInstanceOf(Transient);
    expect(mapBlueskyError(fetchFailure('ECONNRESET'), true)).toBeInstanceOf(OutcomeUnknown);
  });
});
