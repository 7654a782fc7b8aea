import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FaultService } from '../../core/fault.service';
import { RateLimiter, RateLimitState } from '../../core/rate-limiter';
import { FaultStatus } from '../../core/sandbox-network';
import { missingScopes, sendProblem, statusProblem, tooManyRequests, unauthorized } from './x-problem';
import { X_APP_DAILY_TWEETS, X_USER_DAILY_TWEETS, XEndpoint } from './x-rate-limits';
import { XAuthRepository } from './x-auth.repository';

export const X_NETWORK = 'x';

/** Who is calling: a user (OAuth 2.0 user context) or an app (app-only bearer token). */
export interface XCaller {
  kind: 'user' | 'app';
  /** The user id for user context; absent for app-only calls. */
  userId?: string;
  clientId: string;
  scopes: Set<string>;
}

export interface XUserCaller extends XCaller {
  kind: 'user';
  userId: string;
}

export interface GateOptions {
  scopes?: string[];
  /** Endpoints such as POST /2/webhooks take the app's bearer token (OAuth 2.0 app-only), not a user's. */
  context?: 'user' | 'app';
}

/**
 * What every X call goes through before its handler does anything: the bearer token (401), the token's
 * scopes (403), the per-user 15-minute window (x-rate-limit-* headers on every answer, 429 when spent), then
 * any injected fault. Returns undefined when a fault already answered, and the handler must stop.
 */
@Injectable()
export class XGateService {
  constructor(
    private readonly auth: XAuthRepository,
    private readonly rateLimiter: RateLimiter,
    private readonly faults: FaultService,
  ) {}

  async enterAsUser(
    req: Request,
    res: Response,
    endpoint: XEndpoint,
    scopes: string[],
  ): Promise<XUserCaller | undefined> {
    const caller = await this.enter(req, res, endpoint, { scopes, context: 'user' });
    return caller as XUserCaller | undefined;
  }

  async enter(
    req: Request,
    res: Response,
    endpoint: XEndpoint,
    options: GateOptions,
  ): Promise<XCaller | undefined> {
    const caller = await this.authenticate(req, options.context ?? 'user');
    const missing = (options.scopes ?? []).filter((scope) => !caller.scopes.has(scope));
    if (caller.kind === 'user' && missing.length) throw missingScopes(missing);
    const accountId = caller.userId ?? `app:${caller.clientId}`;
    const state = this.rateLimiter.consume({ network: X_NETWORK, accountId, endpoint });
    writeRateLimitHeaders(res, state);
    if (endpoint === 'POST /2/tweets') {
      const { app, user } = this.dailyTweetWindows(caller, 'peek');
      writeDailyHeaders(res, 'x-app-limit-24hour', app);
      writeDailyHeaders(res, 'x-user-limit-24hour', user);
      if (!app.allowed || !user.allowed) throw tooManyRequests();
    }
    if (!state.allowed) throw tooManyRequests();
    if (await this.faults.before(req, res, { network: X_NETWORK, accountId: caller.userId }))
      return undefined;
    return caller;
  }

  /**
   * Counts a created post against the app's and the user's 24-hour caps (only successful creates count, as on
   * X) and rewrites the x-app-limit-24hour-* and x-user-limit-24hour-* headers to include it.
   */
  countDailyTweet(res: Response, caller: XCaller): void {
    const { app, user } = this.dailyTweetWindows(caller, 'consume');
    writeDailyHeaders(res, 'x-app-limit-24hour', app);
    writeDailyHeaders(res, 'x-user-limit-24hour', user);
  }

  private dailyTweetWindows(
    caller: XCaller,
    mode: 'peek' | 'consume',
  ): { app: RateLimitState; user: RateLimitState } {
    const read = (accountId: string, endpoint: string): RateLimitState =>
      mode === 'peek'
        ? this.rateLimiter.peek({ network: X_NETWORK, accountId, endpoint })
        : this.rateLimiter.consume({ network: X_NETWORK, accountId, endpoint });
    return {
      app: read(caller.clientId, X_APP_DAILY_TWEETS),
      user: read(caller.userId ?? caller.clientId, X_USER_DAILY_TWEETS),
    };
  }

  /** Cuts the connection after a create if a commit-then-drop fault matches. */
  dropAfterCommit(req: Request, res: Response, caller: XCaller): boolean {
    return this.faults.dropAfterCommit(req, res, { network: X_NETWORK, accountId: caller.userId });
  }

  private async authenticate(req: Request, context: 'user' | 'app'): Promise<XCaller> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthorized();
    const token = await this.auth.findToken(decodeURIComponent(match[1]));
    if (!token || token.revoked_at) throw unauthorized();
    if (token.expires_at && token.expires_at.getTime() <= Date.now()) throw unauthorized();
    const scopes = new Set(token.scopes.split(' ').filter(Boolean));
    if (token.kind === 'access' && token.user_id) {
      if (context === 'app') throw appOnlyRequired();
      return { kind: 'user', userId: String(token.user_id), clientId: token.client_id, scopes };
    }
    if (token.kind === 'app') {
      if (context === 'user') throw userContextRequired();
      return { kind: 'app', clientId: token.client_id, scopes };
    }
    throw unauthorized(); // a refresh token is not a bearer token
  }
}

export function writeRateLimitHeaders(res: Response, state: RateLimitState): void {
  res.setHeader('x-rate-limit-limit', String(state.limit));
  res.setHeader('x-rate-limit-remaining', String(state.remaining));
  res.setHeader('x-rate-limit-reset', String(Math.ceil(state.resetAt.getTime() / 1000)));
}

function writeDailyHeaders(res: Response, prefix: string, state: RateLimitState): void {
  res.setHeader(`${prefix}-limit`, String(state.limit));
  res.setHeader(`${prefix}-remaining`, String(state.remaining));
  res.setHeader(`${prefix}-reset`, String(Math.ceil(state.resetAt.getTime() / 1000)));
}

/** X's answer when a user token is sent to an app-only endpoint, or the reverse. */
function appOnlyRequired() {
  return unsupportedAuthentication(
    'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
  );
}

function userContextRequired() {
  return unsupportedAuthentication(
    'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
  );
}

function unsupportedAuthentication(detail: string) {
  const problem = statusProblem(403, detail);
  problem.body.title = 'Unsupported Authentication';
  return problem;
}

/** Injected status faults, written the way X writes them (problem+json; a 429 with its reset). */
export function writeXFault(_req: Request, res: Response, fault: FaultStatus): void {
  if (fault.status === 429) {
    const reset = String(Math.ceil(fault.resetAt.getTime() / 1000));
    const limit = res.getHeader('x-rate-limit-limit') ?? '100';
    res.setHeader('x-rate-limit-limit', String(limit));
    res.setHeader('x-rate-limit-remaining', '0');
    res.setHeader('x-rate-limit-reset', reset);
    sendProblem(res, tooManyRequests());
    return;
  }
  if (fault.status === 401) {
    sendProblem(res, unauthorized());
    return;
  }
  const titles = { 500: 'Internal Server Error', 503: 'Service Unavailable' } as const;
  sendProblem(res, statusProblem(fault.status, titles[fault.status]));
}
