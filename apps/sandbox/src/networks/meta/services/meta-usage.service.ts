import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimiter, RateLimitState } from '../../../core/rate-limiter';
import { GraphError } from '../graph/graph-error';
import type { GraphCaller } from './meta-auth.service';

/**
 * Meta's rate limits as the sandbox models them (each can be changed with PUT /_sandbox/rate-limits):
 * - `app`: every call, per app (Platform limit, error #4, reported in X-App-Usage);
 * - `user`: calls with a user token, per person (#17);
 * - `pages`: calls with a page token, per page (Business Use Case limit, #32, X-Business-Use-Case-Usage);
 * - `instagram`: Instagram calls, per Instagram account (BUC, #80002);
 * - `messages`: Send API calls, per page (#613);
 * - `feed_posts`: posts per page per minute, beyond which Meta blocks the page for "going too fast" (#368).
 */
export const META_RATE_LIMITS = {
  app: { limit: 20_000, windowSeconds: 3600 },
  user: { limit: 4_800, windowSeconds: 3600 },
  pages: { limit: 4_800, windowSeconds: 3600 },
  instagram: { limit: 4_800, windowSeconds: 3600 },
  messages: { limit: 300, windowSeconds: 60 },
  feed_posts: { limit: 30, windowSeconds: 60 },
} as const;

export type MetaLimitName = keyof typeof META_RATE_LIMITS;

/** The Business Use Case a call counts against, for X-Business-Use-Case-Usage. */
export interface BusinessUseCase {
  network: 'facebook' | 'instagram';
  /** The page or Instagram account id. */
  id: string;
  type: 'pages' | 'instagram';
}

@Injectable()
export class MetaUsageService {
  constructor(private readonly limiter: RateLimiter) {}

  defineLimits(): void {
    for (const network of ['facebook', 'instagram']) {
      for (const [endpoint, rule] of Object.entries(META_RATE_LIMITS))
        this.limiter.define(network, endpoint, rule);
    }
  }

  /**
   * Counts one call against the app, the user or the page / Instagram account, writes the usage headers,
   * and throws Graph's limit error when a limit is exhausted.
   */
  consume(
    res: Response,
    caller: GraphCaller,
    network: 'facebook' | 'instagram',
    buc?: BusinessUseCase,
  ): void {
    const app = this.limiter.consume({ network, accountId: caller.appId, endpoint: 'app' });
    res.setHeader('X-App-Usage', JSON.stringify(usage(app)));
    if (!app.allowed) throw limitError(4, '(#4) Application request limit reached', app, 403);
    if (buc) {
      const state = this.limiter.consume({ network: buc.network, accountId: buc.id, endpoint: buc.type });
      this.writeBusinessUsage(res, buc, state);
      if (!state.allowed) {
        throw buc.type === 'instagram'
          ? limitError(
              80002,
              'There have been too many calls to this Instagram account. Wait a bit and try again.',
              state,
            )
          : limitError(32, '(#32) Page request limit reached', state);
      }
    } else if (caller.kind === 'user') {
      const state = this.limiter.consume({ network, accountId: caller.userId, endpoint: 'user' });
      if (!state.allowed) throw limitError(17, '(#17) User request limit reached', state);
    }
  }

  /** A specific limit on top of the general ones (Send API calls, feed posts). */
  consumeSpecific(
    network: 'facebook' | 'instagram',
    accountId: string,
    endpoint: 'messages' | 'feed_posts',
  ): RateLimitState {
    return this.limiter.consume({ network, accountId, endpoint });
  }

  writeBusinessUsage(res: Response, buc: BusinessUseCase, state: RateLimitState): void {
    const minutes = state.allowed
      ? 0
      : Math.max(1, Math.ceil((state.resetAt.getTime() - Date.now()) / 60_000));
    res.setHeader(
      'X-Business-Use-Case-Usage',
      JSON.stringify({
        [buc.id]: [{ type: buc.type, ...usage(state), estimated_time_to_regain_access: minutes }],
      }),
    );
  }
}

/** Usage headers are percentages of the limit; Meta reports cputime and time separately, we derive them. */
function usage(state: RateLimitState): { call_count: number; total_cputime: number; total_time: number } {
  const used = state.allowed ? state.limit - state.remaining : state.limit;
  const percent = Math.min(100, Math.round((used / Math.max(state.limit, 1)) * 100));
  return { call_count: percent, total_cputime: Math.round(percent / 2), total_time: Math.round(percent / 2) };
}

function limitError(code: number, message: string, _state: RateLimitState, status = 400): GraphError {
  return new GraphError(code, message, { status, transient: true });
}
