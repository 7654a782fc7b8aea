import { All, Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { JsonObject } from './mastodon-entities';
import { MastodonError, MastodonExceptionFilter } from './mastodon-error';
import { MastodonGate } from './mastodon-gate.service';
import { consentPage, outOfBandPage } from './mastodon-consent-page';
import {
  AuthorizationRequest,
  MastodonOAuthService,
  OAuthError,
  OOB_REDIRECT,
  RedirectableOAuthError,
  redirectWith,
} from './mastodon-oauth.service';
import { requestQuery } from './mastodon-paging';
import { MastodonOAuthRepository } from './mastodon-oauth.repository';
import { mastodonPaths } from './mastodon-routes';

/** POST /api/v1/apps, the consent page (GET/POST/DELETE /oauth/authorize), /oauth/token and /oauth/revoke. */
@Controller()
@UseFilters(MastodonExceptionFilter)
export class MastodonOAuthController {
  constructor(
    private readonly gate: MastodonGate,
    private readonly oauth: MastodonOAuthService,
    private readonly tokens: MastodonOAuthRepository,
  ) {}

  @Post(mastodonPaths('api/v1/apps'))
  async registerApp(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    if (!(await this.gate.open(req, res))) return;
    res.status(200).json(await this.oauth.registerApp(asRecord(body)));
  }

  @Get(mastodonPaths('api/v1/apps/verify_credentials'))
  async verifyApp(@Req() req: Request, @Res() res: Response): Promise<void> {
    const caller = await this.gate.open(req, res);
    if (!caller) return;
    if (!caller.token || !caller.appId) throw MastodonError.unauthorized();
    const app = await this.tokens.appById(caller.appId);
    if (!app) throw MastodonError.unauthorized();
    res.status(200).json(this.oauth.presentApp(app));
  }

  @Get(mastodonPaths('oauth/authorize'))
  async authorizePage(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.gate.open(req, res))) return;
    await this.answer(res, async () => {
      const request = await this.oauth.checkAuthorization(requestQuery(req));
      res
        .status(200)
        .type('html')
        .send(consentPage(formAction(req), request));
    });
  }

  /** The consent form: approve (POST) or deny (DELETE, or POST with `_method=delete`). */
  @All(mastodonPaths('oauth/authorize'))
  async decide(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    if (req.method !== 'POST' && req.method !== 'DELETE') {
      res.status(404).json({ error: 'Record not found' });
      return;
    }
    if (!(await this.gate.open(req, res))) return;
    const form = asRecord(body);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) if (typeof value === 'string') params.set(key, value);
    await this.answer(res, async () => {
      const request = await this.oauth.checkAuthorization(params);
      const denied =
        req.method === 'DELETE' || params.get('_method') === 'delete' || params.get('decision') === 'deny';
      if (denied) {
        this.redirect(res, request, {
          error: 'access_denied',
          error_description: 'The resource owner or authorization server denied the request.',
        });
        return;
      }
      const accountId = await this.oauth.signIn(params.get('username') ?? '', params.get('password') ?? '');
      if (!accountId) {
        res
          .status(401)
          .type('html')
          .send(consentPage(formAction(req), request, 'Invalid username or password.'));
        return;
      }
      const code = await this.oauth.issueCode(request, accountId);
      if (request.redirectUri === OOB_REDIRECT) {
        res.status(200).type('html').send(outOfBandPage(code));
        return;
      }
      this.redirect(res, request, { code });
    });
  }

  @Post(mastodonPaths('oauth/token'))
  async token(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    if (!(await this.gate.open(req, res))) return;
    await this.answer(res, async () => {
      // Doorkeeper never lets a token response be cached.
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json(await this.oauth.token(asRecord(body)));
    });
  }

  @Post(mastodonPaths('oauth/revoke'))
  async revoke(@Req() req: Request, @Res() res: Response, @Body() body: unknown): Promise<void> {
    if (!(await this.gate.open(req, res))) return;
    await this.answer(res, async () => {
      await this.oauth.revoke(asRecord(body));
      const empty: JsonObject = {};
      res.status(200).json(empty);
    });
  }

  /** OAuth errors: JSON for the client or redirect URI, a redirect back to the app for the rest. */
  private async answer(res: Response, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      if (error instanceof RedirectableOAuthError) {
        this.redirect(res, error.request, { error: error.code, error_description: error.description });
        return;
      }
      if (error instanceof OAuthError) {
        res.status(error.status).json(error.body());
        return;
      }
      throw error;
    }
  }

  private redirect(res: Response, request: AuthorizationRequest, params: Record<string, string>): void {
    res.redirect(302, redirectWith(request.redirectUri, { ...params, state: request.state }));
  }
}

/** The form posts back to the path it was served from (with or without the /mastodon prefix). */
function formAction(req: Request): string {
  return (req.originalUrl ?? req.url).split('?')[0];
}

function asRecord(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}
