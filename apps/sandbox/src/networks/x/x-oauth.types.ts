/** The OAuth 2.0 scopes X knows; a request for any other is refused with invalid_scope. */
export const X_SCOPES = [
  'tweet.read',
  'tweet.write',
  'tweet.moderate.write',
  'users.email',
  'users.read',
  'follows.read',
  'follows.write',
  'offline.access',
  'space.read',
  'mute.read',
  'mute.write',
  'like.read',
  'like.write',
  'list.read',
  'list.write',
  'block.read',
  'block.write',
  'bookmark.read',
  'bookmark.write',
  'media.write',
  'dm.read',
  'dm.write',
] as const;

/** What a provisioned sandbox account's token may do: everything an inbox and scheduler need. */
export const PROVISIONED_SCOPES = [
  'tweet.read',
  'tweet.write',
  'users.read',
  'offline.access',
  'media.write',
  'dm.read',
  'dm.write',
];

export const SCOPE_DESCRIPTIONS: Record<string, string> = {
  'tweet.read': 'Read posts you can see, including from protected accounts you follow',
  'tweet.write': 'Post and delete posts for you',
  'users.read': 'See your profile and other accounts you can see',
  'offline.access': 'Stay connected until you revoke access',
  'media.write': 'Upload images and videos for you',
  'dm.read': 'Read your direct messages',
  'dm.write': 'Send direct messages for you',
};

/** The parameters of GET /i/oauth2/authorize, once checked. */
export interface AuthorizeRequest {
  clientId: string;
  appName: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256' | 'plain';
  scopes: string[];
}

export interface TokenResponse {
  token_type: 'bearer';
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
}

/** An OAuth error as X's token endpoint writes it (application/json, not problem+json). */
export class XOAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}
