/**
 * Every Mastodon route answers under `/mastodon/...` AND at the root (`/api/...`, `/oauth/...`).
 *
 * Why both: masto 7 resolves its absolute paths with `new URL('/api/v1/statuses', url)`, which drops any
 * path in the configured URL, so `createRestAPIClient({ url: base + '/mastodon' })` really calls
 * `base + '/api/v1/statuses'`. Serving the root paths too keeps the client unchanged; no other sandbox
 * network uses `/api` or `/oauth` at the root. Link headers echo whichever prefix the request used.
 * Fault routes match `METHOD path` as requested, so write them as e.g. `^POST (/mastodon)?/api/v1/statuses$`.
 */
export function mastodonPaths(path: string): string[] {
  return [`mastodon/${path}`, path];
}
