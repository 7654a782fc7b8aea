import { Injectable } from '@nestjs/common';
import { assertCanRead } from '../graph/graph-access';
import { GraphContext, GraphResult } from '../graph/graph-context';
import { GraphError, invalidParameter, unsupportedRequest } from '../graph/graph-error';
import { selectFields } from '../graph/graph-fields';
import { buildPaging, readPageRequest } from '../graph/graph-paging';
import { presentPage } from '../graph/meta-presenters';
import { MetaAccountsRepository, MetaPage, MetaToken } from '../store/meta-accounts.repository';
import { MetaOAuthService } from './meta-oauth.service';

/** Who is who: GET /me, /{user-id}, /me/accounts (page tokens), /{page-id} and /debug_token. */
@Injectable()
export class GraphIdentityService {
  constructor(
    private readonly accounts: MetaAccountsRepository,
    private readonly oauth: MetaOAuthService,
  ) {}

  async routeUser(
    ctx: GraphContext,
    key: string,
    userId: string,
    noRoute: () => GraphError,
  ): Promise<GraphResult> {
    const user = await this.accounts.findUser(userId);
    if (!user) throw noRoute();
    const self = ctx.caller.kind === 'user' && ctx.caller.userId === user.id;
    if (key === 'GET ') {
      return {
        body: selectFields('User', { id: user.id, name: user.name, email: undefined }, ctx.fields, [
          'name',
          'id',
        ]),
      };
    }
    if (key === 'GET accounts') {
      if (!self || ctx.caller.kind !== 'user') throw unsupportedRequest('GET', `${user.id}/accounts`);
      return this.accountsOf(ctx, await this.callerToken(ctx));
    }
    throw noRoute();
  }

  /** GET /me/accounts: the pages the person manages, each with a page access token. */
  private async accountsOf(ctx: GraphContext, token: MetaToken): Promise<GraphResult> {
    const request = readPageRequest(ctx.req);
    if (request.before !== undefined)
      throw invalidParameter('Paging backwards is not supported on accounts: use after');
    const rows = await this.accounts.pagesOfAdmin(token.user_id, request.after, request.limit + 1);
    const slice = rows.slice(0, request.limit);
    const data = [];
    for (const page of slice) {
      const full = { ...presentPage(page), access_token: await this.oauth.pageToken(token, page.id) };
      data.push(
        selectFields('Page', full, ctx.fields, [
          'access_token',
          'category',
          'category_list',
          'name',
          'id',
          'tasks',
        ]),
      );
    }
    const paging = buildPaging(
      ctx.req,
      slice.map((page) => page.seq),
      rows.length > request.limit,
      request,
    );
    return { body: paging ? { data, paging } : { data } };
  }

  async getPage(ctx: GraphContext, page: MetaPage): Promise<GraphResult> {
    assertCanRead(ctx.caller, page, 'GET', page.id);
    const full: Record<string, unknown> = { ...presentPage(page), access_token: undefined };
    if (ctx.fields?.some((field) => field.name === 'access_token')) {
      // Graph gives a page token to the page's admin (user token) and echoes a page token back to itself.
      full.access_token =
        ctx.caller.kind === 'user'
          ? await this.oauth.pageToken(await this.callerToken(ctx), page.id)
          : ctx.caller.token;
    }
    return { body: selectFields('Page', full, ctx.fields, ['name', 'id']) };
  }

  async debugToken(ctx: GraphContext): Promise<GraphResult> {
    const input = ctx.params.requireString('input_token');
    const app = await this.oauth.app();
    if (input.includes('|')) {
      return {
        body: {
          data: {
            app_id: input.split('|')[0],
            type: 'APP',
            application: app.name,
            is_valid: input === `${app.id}|${app.secret}`,
            scopes: [],
          },
        },
      };
    }
    const row = await this.accounts.findToken(input);
    if (!row) {
      return {
        body: {
          data: { error: { code: 190, message: 'Invalid OAuth access token.' }, is_valid: false, scopes: [] },
        },
      };
    }
    const expiresAt = row.expires_at ? Math.floor(row.expires_at.getTime() / 1000) : 0;
    return {
      body: {
        data: {
          app_id: row.app_id,
          type: row.kind === 'page' ? 'PAGE' : 'USER',
          application: app.name,
          data_access_expires_at: Math.floor(row.created_at.getTime() / 1000) + 90 * 86400,
          expires_at: expiresAt,
          is_valid: !row.expires_at || row.expires_at > new Date(),
          scopes: row.scopes,
          user_id: row.user_id,
          ...(row.page_id ? { profile_id: row.page_id } : {}),
        },
      },
    };
  }

  private async callerToken(ctx: GraphContext): Promise<MetaToken> {
    const row = await this.accounts.findToken(ctx.caller.token);
    if (!row) throw unsupportedRequest('GET', 'me');
    return row;
  }
}
