import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { XrpcError, invalidRequest } from '../xrpc/xrpc-error';

export const ACCESS_SCOPE_APP_PASS = 'com.atproto.appPass';
export const ACCESS_SCOPE_FULL = 'com.atproto.access';
export const REFRESH_SCOPE = 'com.atproto.refresh';

export type TokenType = 'at+jwt' | 'refresh+jwt';

export interface SessionClaims {
  scope: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  jti?: string;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * HS256 session JWTs shaped like the PDS's own: a `typ` of at+jwt or refresh+jwt in the header, the account DID
 * as `sub`, the service DID as `aud`, a scope, and for refresh tokens a `jti` the server can revoke.
 */
export function signSessionToken(secret: string, typ: TokenType, claims: SessionClaims): string {
  const header = b64url(JSON.stringify({ typ, alg: 'HS256' }));
  const payload = b64url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

export const newTokenId = (): string => randomBytes(32).toString('base64url');

const couldNotVerify = (): XrpcError => invalidRequest('Token could not be verified', 'InvalidToken');

/**
 * Verifies a session JWT with the same outcomes as the PDS's auth verifier: a bad signature or a token that is
 * not a JWT is 400 InvalidToken "Token could not be verified"; an expired one is 400 ExpiredToken "Token has
 * expired"; the wrong kind (a refresh token where an access token belongs) is 400 InvalidToken "Invalid token
 * type"; a scope outside `scopes` is 400 InvalidToken "Bad token scope".
 */
export function verifySessionToken(
  secret: string,
  token: string,
  expected: { typ: TokenType; scopes: string[]; audience: string; nowSeconds: number },
): SessionClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw couldNotVerify();
  const [header, payload, signature] = parts;
  const expectedSig = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const givenSig = Buffer.from(signature, 'base64url');
  if (givenSig.length !== expectedSig.length || !timingSafeEqual(givenSig, expectedSig))
    throw couldNotVerify();
  let parsedHeader: { typ?: unknown; alg?: unknown };
  let claims: Partial<SessionClaims>;
  try {
    parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw couldNotVerify();
  }
  if (parsedHeader.alg !== 'HS256' || typeof claims !== 'object' || claims === null) throw couldNotVerify();
  if (typeof claims.exp === 'number' && claims.exp <= expected.nowSeconds) {
    throw invalidRequest('Token has expired', 'ExpiredToken');
  }
  if (claims.aud !== expected.audience) throw couldNotVerify();
  if (parsedHeader.typ !== expected.typ) throw invalidRequest('Invalid token type', 'InvalidToken');
  if (typeof claims.sub !== 'string' || !claims.sub.startsWith('did:')) {
    throw invalidRequest('Malformed token', 'InvalidToken');
  }
  if (typeof claims.scope !== 'string' || !expected.scopes.includes(claims.scope)) {
    throw invalidRequest('Bad token scope', 'InvalidToken');
  }
  return claims as SessionClaims;
}
