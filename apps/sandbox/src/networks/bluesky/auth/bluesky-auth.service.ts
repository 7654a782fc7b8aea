import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlueskyRepository } from '../bluesky.repository';
import { BLUESKY_SETTINGS, BlueskySettings } from '../bluesky-settings';
import { XrpcError, authRequired, invalidRequest } from '../xrpc/xrpc-error';
import {
  ACCESS_SCOPE_APP_PASS,
  ACCESS_SCOPE_FULL,
  REFRESH_SCOPE,
  newTokenId,
  signSessionToken,
  verifySessionToken,
} from './session-tokens';

export interface SessionTokens {
  accessJwt: string;
  refreshJwt: string;
}

/** Session tokens (issue, verify, rotate) and app passwords, with the PDS's errors. */
@Injectable()
export class BlueskyAuthService {
  private secret = '';
  private serviceDid = '';

  constructor(
    private readonly repo: BlueskyRepository,
    @Inject(BLUESKY_SETTINGS) private readonly settings: BlueskySettings,
  ) {}

  /** Loads (or on first start creates) the signing secret, so sessions survive a sandbox restart. */
  async init(): Promise<void> {
    const stored = await this.repo.serverSettings({
      jwtSecret: randomBytes(32).toString('base64url'),
      // A PDS's service DID is did:web of its hostname (dev-env: did:web:localhost).
      serviceDid: 'did:web:localhost',
    });
    this.secret = stored.jwtSecret;
    this.serviceDid = stored.serviceDid;
  }

  get pdsDid(): string {
    return this.serviceDid;
  }

  /** A new token pair; a rotation passes the successor id so a retried refresh reissues the same one. */
  async issue(did: string, successorJti?: string): Promise<SessionTokens> {
    const now = Math.floor(Date.now() / 1000);
    const jti = successorJti ?? newTokenId();
    const refreshExp = now + this.settings.refreshTokenTtlSeconds;
    await this.repo.insertRefreshToken(jti, did, new Date(refreshExp * 1000));
    return {
      // Unlike the PDS's, access tokens carry a jti: two sessions issued in the same second would otherwise be
      // byte-identical, and the agent gives up a refresh that returns the token it already had.
      accessJwt: signSessionToken(this.secret, 'at+jwt', {
        scope: ACCESS_SCOPE_APP_PASS,
        aud: this.serviceDid,
        sub: did,
        jti: newTokenId(),
        iat: now,
        exp: now + this.settings.accessTokenTtlSeconds,
      }),
      refreshJwt: signSessionToken(this.secret, 'refresh+jwt', {
        scope: REFRESH_SCOPE,
        aud: this.serviceDid,
        sub: did,
        jti,
        iat: now,
        exp: refreshExp,
      }),
    };
  }

  /** The DID of the caller's access token, or the PDS's error (AuthMissing, InvalidToken, ExpiredToken). */
  verifyAccess(req: Request): string {
    const token = bearerToken(req);
    return verifySessionToken(this.secret, token, {
      typ: 'at+jwt',
      scopes: [ACCESS_SCOPE_FULL, ACCESS_SCOPE_APP_PASS],
      audience: this.serviceDid,
      nowSeconds: Math.floor(Date.now() / 1000),
    }).sub;
  }

  /** Checks a refresh token and rotates it; answers 400 ExpiredToken "Token has been revoked" when reused late. */
  async rotate(req: Request): Promise<{ did: string; tokens: SessionTokens }> {
    const claims = this.verifyRefresh(req);
    const graceUntil = new Date(Date.now() + this.settings.refreshGraceSeconds * 1000);
    const next = await this.repo.rotateRefreshToken(claims.jti, graceUntil, newTokenId());
    if (!next) throw invalidRequest('Token has been revoked', 'ExpiredToken');
    return { did: claims.did, tokens: await this.issue(claims.did, next) };
  }

  async revoke(req: Request): Promise<void> {
    await this.repo.revokeRefreshToken(this.verifyRefresh(req).jti);
  }

  private verifyRefresh(req: Request): { did: string; jti: string } {
    const claims = verifySessionToken(this.secret, bearerToken(req), {
      typ: 'refresh+jwt',
      scopes: [REFRESH_SCOPE],
      audience: this.serviceDid,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!claims.jti) throw new XrpcError(401, 'MissingTokenId', 'Unexpected missing refresh token id');
    return { did: claims.sub, jti: claims.jti };
  }
}

/** The bearer token, with the PDS's answers to a missing or malformed Authorization header. */
function bearerToken(req: Request): string {
  const header = req.headers.authorization;
  if (!header) throw authRequired(undefined, 'AuthMissing');
  const parts = header.split(' ');
  if (parts.length !== 2) throw invalidRequest('Malformed authorization header', 'InvalidToken');
  const type = parts[0].toUpperCase();
  if (type === 'BEARER') return parts[1];
  // The PDS takes Basic (admin) and DPoP (OAuth) elsewhere; for session calls they are the wrong type.
  if (type === 'BASIC' || type === 'DPOP')
    throw invalidRequest('Unexpected authorization type', 'InvalidToken');
  throw invalidRequest(`Unsupported authorization type: ${parts[0]}`, 'InvalidToken');
}

/** App passwords look like Bluesky's: four groups of four lowercase letters and digits. */
export function newAppPassword(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** Salted SHA-256: the sandbox's passwords are throwaway practice credentials, and the crowd creates thousands. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16).toString('hex');
  return `${salt}:${createHash('sha256').update(`${salt}:${password}`).digest('hex')}`;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const given = createHash('sha256').update(`${salt}:${password}`).digest();
  const expected = Buffer.from(hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
