import type {
  AuthorizationRequest,
  CodeExchange,
  ConnectedAccount,
  OAuthConnector,
} from '../../port/account-connector';
import { AuthExpired, PlatformError } from '../../port/platform-errors';
import { GraphApi } from './graph-api';
import { graphCall } from './graph-errors';

/** Permissions a page channel needs: list pages, post, read and answer comments, and Messenger. */
const PAGE_SCOPES = [
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_posts',
  'pages_manage_engagement',
  'pages_read_user_content',
  'pages_messaging',
];
/** Instagram through the linked page: publish, comments and Instagram Direct. */
const INSTAGRAM_SCOPES = [
  ...PAGE_SCOPES,
  'business_management',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_messages',
];

interface ManagedPage {
  id: string;
  name?: string;
  username?: string;
  link?: string;
  access_token?: string;
  instagram_business_account?: { id: string; username?: string; name?: string };
}

interface PagesAnswer {
  data?: ManagedPage[];
  paging?: { next?: string; cursors?: { after?: string } };
}

/** At most this many pages of /me/accounts are read (25 pages each): 500 managed pages. */
const MAX_ACCOUNT_PAGES = 20;

/**
 * Facebook Login (PLATFORMS.md B): the dialog gives a code; the code becomes a user token, then a long-lived one;
 * /me/accounts gives each managed page with its page token, which does not expire when it comes from a
 * long-lived user token. Facebook channels are pages; Instagram channels are the professional accounts linked
 * to them, reached with the page's token. The SDK has no OAuth helper, so these are plain Graph calls on an
 * API instance of their own.
 */
export class MetaConnector implements OAuthConnector {
  readonly method = 'oauth' as const;
  readonly clientSource = 'settings' as const;

  readonly noAccountsMessage: string;

  constructor(readonly network: 'facebook' | 'instagram') {
    this.noAccountsMessage =
      network === 'instagram'
        ? 'None of the Facebook pages you allowed has an Instagram professional account linked to it, so nothing was connected. Link the Instagram account to your page in Meta Business Suite, then connect again.'
        : 'Facebook gave Outside In no pages to manage, so nothing was connected. Start again and choose your organisation’s page when Facebook asks which pages to allow.';
  }

  authorizationUrl(request: AuthorizationRequest): string {
    const url = new URL(request.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: request.client.clientId,
      redirect_uri: request.redirectUri,
      state: request.state,
      response_type: 'code',
      scope: (this.network === 'instagram' ? INSTAGRAM_SCOPES : PAGE_SCOPES).join(','),
    }).toString();
    return url.toString();
  }

  async exchangeCode(request: CodeExchange): Promise<ConnectedAccount[]> {
    const appToken = `${request.client.clientId}|${request.client.clientSecret ?? ''}`;
    const app = new GraphApi(appToken, request.apiBaseUrl);
    const shortLived = await this.tokenCall(app, {
      client_id: request.client.clientId,
      client_secret: request.client.clientSecret,
      redirect_uri: request.redirectUri,
      code: request.code,
    });
    const longLived = await this.tokenCall(app, {
      grant_type: 'fb_exchange_token',
      client_id: request.client.clientId,
      client_secret: request.client.clientSecret,
      fb_exchange_token: shortLived,
    });
    const pages = await this.managedPages(new GraphApi(longLived, request.apiBaseUrl));
    return this.network === 'instagram' ? instagramAccounts(pages) : facebookAccounts(pages);
  }

  private async tokenCall(api: GraphApi, params: Record<string, unknown>): Promise<string> {
    try {
      const answer = (await graphCall(this.network, false, () =>
        api.call('GET', ['oauth', 'access_token'], params),
      )) as { access_token?: string };
      if (!answer.access_token) throw new Error('no access_token');
      return answer.access_token;
    } catch (error) {
      if (error instanceof PlatformError && error.kind !== 'auth_expired' && error.kind !== 'permanent')
        throw error;
      throw new AuthExpired(
        this.network,
        'Facebook did not accept the sign-in: start connecting again.',
        error instanceof PlatformError ? error.networkCode : undefined,
      );
    }
  }

  private async managedPages(api: GraphApi): Promise<ManagedPage[]> {
    const fields = 'id,name,username,link,access_token,instagram_business_account{id,username,name}';
    const pages: ManagedPage[] = [];
    let after: string | undefined;
    for (let round = 0; round < MAX_ACCOUNT_PAGES; round++) {
      const params: Record<string, unknown> = { fields, limit: 25 };
      if (after) params.after = after;
      const answer = (await graphCall(this.network, false, () =>
        api.call('GET', ['me', 'accounts'], params),
      )) as PagesAnswer;
      pages.push(...(answer.data ?? []));
      after = answer.paging?.next ? answer.paging.cursors?.after : undefined;
      if (!after) break;
    }
    return pages;
  }
}

function facebookAccounts(pages: ManagedPage[]): ConnectedAccount[] {
  return pages
    .filter((page) => page.access_token)
    .map((page) => ({
      externalAccountId: page.id,
      handle: page.username ?? page.name ?? page.id,
      displayName: page.name ?? page.username ?? page.id,
      profileUrl: page.link ?? `https://www.facebook.com/${page.id}`,
      credentials: { pageAccessToken: page.access_token as string },
      expiresAt: null,
    }));
}

function instagramAccounts(pages: ManagedPage[]): ConnectedAccount[] {
  return pages
    .filter((page) => page.access_token && page.instagram_business_account)
    .map((page) => {
      const ig = page.instagram_business_account as { id: string; username?: string; name?: string };
      const username = ig.username ?? ig.id;
      return {
        externalAccountId: ig.id,
        handle: username,
        displayName: ig.name ?? username,
        profileUrl: `https://www.instagram.com/${encodeURIComponent(username)}/`,
        credentials: { pageAccessToken: page.access_token as string, pageId: page.id },
        expiresAt: null,
      };
    });
}
