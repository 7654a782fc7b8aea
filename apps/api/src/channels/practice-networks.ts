import type { ConnectedAccount, Network } from '@outside-in/platforms';

/** What the sandbox answers to POST /_sandbox/accounts (apps/sandbox/src/networks/<network>/README.md). */
export interface SandboxAccount {
  accountId: string;
  handle: string;
  displayName?: string;
  credentials: Record<string, string>;
}

/**
 * How each sandbox network is reached and how its account becomes a channel. This is knowledge of our own
 * sandbox (its path per network and its account answer), not of the real networks, so it lives here and not in
 * the adapters.
 */
export const PRACTICE_NETWORKS: Record<
  Network,
  { path: string; account(a: SandboxAccount): ConnectedAccount }
> = {
  x: {
    path: '/x',
    account: (a) => ({
      ...profile(a, a.accountId),
      credentials: pick(a, 'accessToken', 'refreshToken', 'clientId', 'clientSecret'),
      expiresAt: a.credentials.expiresIn
        ? new Date(Date.now() + Number(a.credentials.expiresIn) * 1000)
        : null,
    }),
  },
  facebook: {
    path: '/meta',
    account: (a) => ({
      ...profile(a, a.credentials.pageId),
      credentials: pick(a, 'pageAccessToken'),
      expiresAt: null,
    }),
  },
  instagram: {
    path: '/meta',
    account: (a) => ({
      ...profile(a, a.credentials.instagramUserId),
      credentials: pick(a, 'pageAccessToken', 'pageId'),
      expiresAt: null,
    }),
  },
  mastodon: {
    path: '/mastodon',
    account: (a) => ({ ...profile(a, a.accountId), credentials: pick(a, 'accessToken'), expiresAt: null }),
  },
  bluesky: {
    path: '/bluesky',
    account: (a) => ({
      ...profile(a, a.accountId),
      credentials: pick(a, 'identifier', 'password'),
      expiresAt: null,
    }),
  },
};

function profile(a: SandboxAccount, externalAccountId: string) {
  return {
    externalAccountId: String(externalAccountId),
    handle: a.handle,
    displayName: a.displayName ?? a.handle,
    profileUrl: '',
  };
}

function pick(a: SandboxAccount, ...names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = a.credentials[name];
    if (value !== undefined && value !== null) picked[name] = String(value);
  }
  return picked;
}
