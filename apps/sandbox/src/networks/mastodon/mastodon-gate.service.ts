import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FaultService } from '../../core/fault.service';
import { RateLimiter, RateLimitState } from '../../core/rate-limiter';
import { FaultStatus } from '../../core/sandbox-network';
import { MastodonError } from './mastodon-error';
import { MastodonOAuthRepository } from './mastodon-oauth.repository';

export const MASTODON = 'mastodon';

/**
 * Mastodon's rate limits: 300 calls per 5 minutes per account (per IP when unauthenticated), 30 media
 * uploads and 30 status deletions per 30 minutes (docs.joinmastodon.org/api/rate-limits), and 300 new
 * statuses per 3 hours (the `statuses` family of Mastodon::RateLimiter).
 */
export const MASTODON_RATE_LIMITS = {
  api: { limit: 300, windowSeconds: 300 },
  media: { limit: 30, windowSeconds: 1800 },
  'statuses-delete': { limit: 30, windowSeconds: 1800 },
  statuses: { limit: 300, windowSeconds: 10800 },
} as const;
export type MastodonBucket = keyof typeof MASTODON_RATE_LIMITS;

export interface MastodonCaller {
  token: string | null;
  accountId: string | null;
  appId: string | null;
  appName: string | null;
  scopes: string[];
}

export interface MastodonUser extends MastodonCaller {
  token: string;
  accountId: string;
}

/**
 * The front door of every Mastodon route: authenticates the Bearer token, checks the OAuth scope, counts
 * the call against the rate limits (writing the X-RateLimit-* headers), and lets injected faults act.
 * Returns null when a fault has already answered or cut the connection.
 */
@Injectable()
export class MastodonGate {
  constructor(
    private readonly tokens: MastodonOAuthRepository,
    private readonly limiter: RateLimiter,
    private readonly faults: FaultService,
  ) {}

  /** A route that needs a user's token with `scope` (e.g. `write:statuses`). */
  async user(
    req: Request,
    res: Response,
    scope: string,
    buckets: MastodonBucket[] = [],
  ): Promise<MastodonUser | null> {
    const caller = await this.authenticate(req, res, true);
    if (!caller) throw MastodonError.unauthorized();
    if (!caller.accountId) throw MastodonError.userRequired();
    if (!hasScope(caller.scopes, scope)) throw MastodonError.outsideScopes();
    this.count(res, caller.accountId, buckets);
    if (await this.faults.before(req, res, { network: MASTODON, accountId: caller.accountId })) return null;
    return { ...caller, token: caller.token ?? '', accountId: caller.accountId };
  }

  /** A route anyone may call (instance, apps, OAuth); a token, when given, must still be valid. */
  async open(req: Request, res: Response): Promise<MastodonCaller | null> {
    const caller = (await this.authenticate(req, res, false)) ?? anonymous();
    this.count(res, caller.accountId ?? `ip:${req.ip ?? 'unknown'}`, []);
    if (await this.faults.before(req, res, { network: MASTODON, accountId: caller.accountId ?? undefined }))
      return null;
    return caller;
  }

  /** Writes an injected status fault as Mastodon would answer it (FaultResponder for the registry). */
  respondToFault(req: Request, res: Response, fault: FaultStatus): void {
    if (fault.status === 429) {
      writeRateLimitHeaders(res, {
        allowed: false,
        limit: MASTODON_RATE_LIMITS.api.limit,
        remaining: 0,
        resetAt: fault.resetAt,
      });
      res.status(429).json({ error: 'Too many requests' });
      return;
    }
    if (fault.status === 401) {
      // Doorkeeper's description for an expired token.
      res.setHeader(
        'WWW-Authenticate',
        'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired"',
      );
      res.status(401).json({ error: 'The access token expired' });
      return;
    }
    res.status(fault.status).json({
      error: fault.status === 503 ? 'Service Unavailable' : "We're sorry, but something went wrong.",
    });
  }

  private async authenticate(req: Request, res: Response, required: boolean): Promise<MastodonCaller | null> {
    const token = bearerToken(req);
    if (!token) {
      if (required) this.count(res, `ip:${req.ip ?? 'unknown'}`, []);
      return null;
    }
    const row = await this.tokens.findToken(token);
    if (!row || row.revoked_at) {
      this.count(res, `ip:${req.ip ?? 'unknown'}`, []);
      throw row ? MastodonError.revoked() : MastodonError.unauthorized();
    }
    return {
      token,
      accountId: row.account_id,
      appId: row.app_id,
      appName: row.app_name,
      scopes: row.scopes.split(/\s+/),
    };
  }

  /** Counts the call in every bucket; the headers show the tightest one, as Mastodon's do. */
  private count(res: Response, key: string, buckets: MastodonBucket[]): void {
    let shown: RateLimitState | null = null;
    let refused = false;
    for (const endpoint of ['api', ...buckets]) {
      const state = this.limiter.consume({ network: MASTODON, accountId: key, endpoint });
      if (!state.allowed) refused = true;
      if (!shown || state.remaining < shown.remaining || (!state.allowed && shown.allowed)) shown = state;
    }
    if (shown) writeRateLimitHeaders(res, shown);
    if (refused) throw MastodonError.tooManyRequests();
  }
}

/** Mastodon's X-RateLimit-Reset is an ISO 8601 timestamp (with microseconds), not epoch seconds. */
export function writeRateLimitHeaders(res: Response, state: RateLimitState): void {
  res.setHeader('X-RateLimit-Limit', String(state.limit));
  res.setHeader('X-RateLimit-Remaining', String(state.remaining));
  res.setHeader('X-RateLimit-Reset', state.resetAt.toISOString().replace(/Z$/, '000Z'));
}

function bearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match ? match[1] : null;
  }
  const fromQuery = new URLSearchParams((req.originalUrl ?? req.url).split('?')[1] ?? '').get('access_token');
  return fromQuery || null;
}

/** `write` grants every `write:*` scope, `read` every `read:*` (Mastodon's scope hierarchy). */
export function hasScope(granted: string[], required: string): boolean {
  if (granted.includes(required)) return true;
  const [top] = required.split(':');
  return granted.includes(top) || (required === 'read:accounts' && granted.includes('profile'));
}

function anonymous(): MastodonCaller {
  return { token: null, accountId: null, appId: null, appName: null, scopes: [] };
}

export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** The instance's own base URL (account and status URLs live under it). */
export function instanceBase(req: Request): string {
  return `${requestOrigin(req)}/mastodon`;
}
