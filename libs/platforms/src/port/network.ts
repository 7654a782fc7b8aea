/** The networks a channel can be on. Instagram is reached through its linked Facebook page. */
export const NETWORKS = ['x', 'facebook', 'instagram', 'mastodon', 'bluesky'] as const;
export type Network = (typeof NETWORKS)[number];

export function isNetwork(value: unknown): value is Network {
  return typeof value === 'string' && (NETWORKS as readonly string[]).includes(value);
}
