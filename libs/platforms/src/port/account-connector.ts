import type { Network } from './network';
import type { AccountProfile } from './platform-types';

/** An account the network let us act as, with the credentials a channel stores (sealed) for it. */
export interface ConnectedAccount extends AccountProfile {
  credentials: Record<string, string>;
  /** When the access stops working unless refreshed (null: it does not expire). */
  expiresAt: Date | null;
}

/** An OAuth app: configured in settings (X, Meta) or registered by us on each server (Mastodon). */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
}

/** Where one connect flow talks: the network's API root and the page people consent on. */
export interface ConnectEndpoints {
  apiBaseUrl: string;
  authorizeUrl: string;
}

export interface AuthorizationRequest extends ConnectEndpoints {
  client: OAuthClient;
  redirectUri: string;
  state: string;
  /** PKCE (S256); networks that ignore it are not harmed. */
  codeChallenge: string;
}

export interface CodeExchange extends ConnectEndpoints {
  client: OAuthClient;
  redirectUri: string;
  code: string;
  codeVerifier: string;
}

/**
 * Connecting with OAuth 2.0: we send the person to the network's consent page, it sends them back with a code,
 * we exchange it. One consent may give several accounts (the pages a person manages on Facebook).
 */
export interface OAuthConnector {
  readonly method: 'oauth';
  readonly network: Network;
  /** 'settings': the app comes from configuration; 'per_server': registered on each server the person names. */
  readonly clientSource: 'settings' | 'per_server';
  /** The endpoints on a server the person named (per_server networks only). */
  endpointsForServer?(serverUrl: string): ConnectEndpoints;
  /** Registers our app on a server (per_server networks only). */
  registerClient?(
    endpoints: ConnectEndpoints,
    request: { appName: string; redirectUri: string; website: string },
  ): Promise<OAuthClient>;
  /** What to tell the person when consent gave no account we can use (and how to fix it). */
  readonly noAccountsMessage?: string;
  authorizationUrl(request: AuthorizationRequest): string;
  /** Exchanges the code and reads who it acts as; throws AuthExpired when the code is refused. */
  exchangeCode(request: CodeExchange): Promise<ConnectedAccount[]>;
}

/** Connecting with an identifier and an app password the person made on the network (Bluesky). */
export interface PasswordConnector {
  readonly method: 'app_password';
  readonly network: Network;
  signIn(request: { apiBaseUrl: string; identifier: string; password: string }): Promise<ConnectedAccount[]>;
}

export type AccountConnector = OAuthConnector | PasswordConnector;
