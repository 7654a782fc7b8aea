import { RateLimitRule } from '../../core/rate-limiter';

/**
 * X's documented per-user 15-minute windows (docs.x.com "Rate limits", OAuth 2.0 user context), used as the
 * sandbox defaults. PUT /_sandbox/rate-limits overrides any of them (network `x`, endpoint as named here).
 */
const FIFTEEN_MINUTES = 900;

export const X_ENDPOINT_LIMITS = {
  'POST /2/tweets': 100,
  'DELETE /2/tweets/:id': 50,
  'GET /2/tweets/:id': 900,
  'GET /2/tweets': 900,
  'GET /2/users/me': 75,
  'GET /2/users/:id/tweets': 900,
  'GET /2/users/:id/mentions': 300,
  'GET /2/tweets/search/recent': 300,
  'GET /2/dm_events': 15,
  'GET /2/dm_conversations/with/:participant_id/dm_events': 15,
  'POST /2/dm_conversations/with/:participant_id/messages': 200,
  'POST /2/media/upload/initialize': 500,
  'POST /2/media/upload/:id/append': 500,
  'POST /2/media/upload/:id/finalize': 500,
  'GET /2/media/upload': 500,
  'POST /2/media/metadata': 500,
  'POST /2/account_activity/webhooks/:webhook_id/subscriptions/all': 500,
  'GET /2/account_activity/webhooks/:webhook_id/subscriptions/all': 500,
  'DELETE /2/account_activity/webhooks/:webhook_id/subscriptions/:user_id/all': 500,
  'GET /2/account_activity/webhooks/:webhook_id/subscriptions/all/list': 500,
  'POST /2/webhooks': 15,
  'GET /2/webhooks': 15,
  'PUT /2/webhooks/:webhook_id': 15,
  'DELETE /2/webhooks/:webhook_id': 15,
} as const;

export type XEndpoint = keyof typeof X_ENDPOINT_LIMITS;

export function xRateLimitRules(): Array<[XEndpoint, RateLimitRule]> {
  return (Object.keys(X_ENDPOINT_LIMITS) as XEndpoint[]).map((endpoint) => [
    endpoint,
    { limit: X_ENDPOINT_LIMITS[endpoint], windowSeconds: FIFTEEN_MINUTES },
  ]);
}

/** X's app-wide daily cap on creating posts, reported in x-app-limit-24hour-* on POST /2/tweets. */
export const X_APP_DAILY_TWEETS = 'POST /2/tweets (app, 24 hours)';
export const X_APP_DAILY_TWEETS_RULE: RateLimitRule = { limit: 10_000, windowSeconds: 86_400 };

/** An account's daily cap on posts (X's long-standing 2,400 a day), reported in x-user-limit-24hour-*. */
export const X_USER_DAILY_TWEETS = 'POST /2/tweets (user, 24 hours)';
export const X_USER_DAILY_TWEETS_RULE: RateLimitRule = { limit: 2_400, windowSeconds: 86_400 };
