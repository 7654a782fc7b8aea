import { XrpcError } from '../xrpc/xrpc-error';
import { REFRESH_SCOPE, signSessionToken, verifySessionToken } from './session-tokens';

const SECRET = 'test-secret';
const AUD = 'did:plc:serviceserviceservice00';
const now = 1_800_000_000;
const claims = {
  scope: 'com.atproto.appPass',
  sub: 'did:plc:abcdefghijklmnopqrstuvwx',
  aud: AUD,
  iat: now,
  exp: now + 60,
};
const access = { typ: 'at+jwt' as const, scopes: ['com.atproto.appPass'], audience: AUD, nowSeconds: now };

function failure(fn: () => unknown): { status: number; error: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof XrpcError)
      return { status: error.status, error: error.error, message: error.message };
    throw error;
  }
  throw new Error('expected an XrpcError');
}

describe('session tokens', () => {
  it('round-trips the claims of a valid access token', () => {
    const token = signSessionToken(SECRET, 'at+jwt', claims);
    expect(verifySessionToken(SECRET, token, access)).toEqual(claims);
    expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual({
      typ: 'at+jwt',
      alg: 'HS256',
    });
  });

  it('answers an expired token with 400 ExpiredToken, as the PDS does', () => {
    const token = signSessionToken(SECRET, 'at+jwt', claims);
    expect(failure(() => verifySessionToken(SECRET, token, { ...access, nowSeconds: now + 60 }))).toEqual({
      status: 400,
      error: 'ExpiredToken',
      message: 'Token has expired',
    });
  });

  it('answers a forged or garbled token with 400 InvalidToken "Token could not be verified"', () => {
    const forged = signSessionToken('another-secret', 'at+jwt', claims);
    for (const token of [forged, 'not-a-jwt', `${forged}.extra`]) {
      expect(failure(() => verifySessionToken(SECRET, token, access))).toEqual({
        status: 400,
        error: 'InvalidToken',
        message: 'Token could not be verified',
      });
    }
  });

  it('refuses a refresh token used as an access token, and a foreign scope', () => {
    const refresh = signSessionToken(SECRET, 'refresh+jwt', { ...claims, scope: REFRESH_SCOPE, jti: 'abc' });
    expect(failure(() => verifySessionToken(SECRET, refresh, access)).message).toBe('Invalid token type');
    const odd = signSessionToken(SECRET, 'at+jwt', { ...claims, scope: 'com.example.other' });
    expect(failure(() => verifySessionToken(SECRET, odd, access)).message).toBe('Bad token scope');
  });
});
