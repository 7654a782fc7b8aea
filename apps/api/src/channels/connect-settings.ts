import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@outside-in/common';
import type { ConnectEndpoints, Network, OAuthClient } from '@outside-in/platforms';

/** An app configured on this server for a network whose app comes from settings. */
export interface ConfiguredApp {
  client: OAuthClient;
  endpoints: ConnectEndpoints;
}

/** What the connect screen says about each network: the words, the form, and where accounts live by default. */
export interface NetworkPresentation {
  serverUrl: 'none' | 'optional' | 'required';
  serverUrlLabel: string | null;
  serverUrlHint: string | null;
  defaultServerUrl: string | null;
  identifierLabel: string | null;
  secretLabel: string | null;
  help: string;
  /** The settings that must be present for this network, named for the administrator. */
  requiredSettings: string[];
}

/**
 * Per-network connection settings read from configuration: which app each network uses and where its pages are.
 * This is the one place that knows which setting belongs to which network; the connect flow itself asks the
 * adapter's connector.
 */
@Injectable()
export class ConnectSettings {
  private readonly apps: Partial<Record<Network, ConfiguredApp>>;
  private readonly presentation: Record<Network, NetworkPresentation>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const meta: ConfiguredApp | undefined =
      config.META_APP_ID && config.META_APP_SECRET
        ? {
            client: { clientId: config.META_APP_ID, clientSecret: config.META_APP_SECRET },
            endpoints: { apiBaseUrl: trimSlash(config.META_GRAPH_URL), authorizeUrl: config.META_DIALOG_URL },
          }
        : undefined;
    this.apps = {
      x: config.X_CLIENT_ID
        ? {
            client: { clientId: config.X_CLIENT_ID, clientSecret: config.X_CLIENT_SECRET },
            endpoints: { apiBaseUrl: trimSlash(config.X_API_URL), authorizeUrl: config.X_AUTHORIZE_URL },
          }
        : undefined,
      facebook: meta,
      instagram: meta,
    };
    const none = {
      serverUrl: 'none',
      serverUrlLabel: null,
      serverUrlHint: null,
      defaultServerUrl: null,
    } as const;
    const oauth = { identifierLabel: null, secretLabel: null } as const;
    this.presentation = {
      x: {
        ...none,
        ...oauth,
        help: 'You will sign in on X and allow Outside In to post, read mentions and answer messages.',
        requiredSettings: ['X_CLIENT_ID', 'X_CLIENT_SECRET'],
      },
      facebook: {
        ...none,
        ...oauth,
        help: 'You will sign in on Facebook and choose the pages Outside In may manage.',
        requiredSettings: ['META_APP_ID', 'META_APP_SECRET'],
      },
      instagram: {
        ...none,
        ...oauth,
        help: 'Instagram professional accounts connect through the Facebook page they are linked to: sign in on Facebook and choose that page.',
        requiredSettings: ['META_APP_ID', 'META_APP_SECRET'],
      },
      mastodon: {
        ...oauth,
        serverUrl: 'required',
        serverUrlLabel: 'Your Mastodon server',
        serverUrlHint: 'The address of the server the account is on, for example https://mastodon.social',
        defaultServerUrl: null,
        help: 'You will sign in on your Mastodon server and allow Outside In to post and read mentions.',
        requiredSettings: [],
      },
      bluesky: {
        serverUrl: 'optional',
        serverUrlLabel: 'Server (leave empty unless the account is on a server of your own)',
        serverUrlHint: `Most accounts are on ${trimSlash(config.BLUESKY_SERVICE_URL)}`,
        defaultServerUrl: trimSlash(config.BLUESKY_SERVICE_URL),
        identifierLabel: 'Handle',
        secretLabel: 'App password',
        help: 'Make an app password for Outside In on bsky.app (Settings, Privacy and security, App passwords), then enter it here with the account’s handle. You can revoke it there at any time.',
        requiredSettings: [],
      },
    };
  }

  configuredApp(network: Network): ConfiguredApp | undefined {
    return this.apps[network];
  }

  presentationOf(network: Network): NetworkPresentation {
    return this.presentation[network];
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
