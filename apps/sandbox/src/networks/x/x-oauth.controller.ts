import { Controller, Get, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { authorizeErrorPage, consentPage } from './x-consent-page';
import { XExceptionFilter } from './x-exception.filter';
import { AuthorizePageError, AuthorizeRedirectError, parseBasicAuth, XOAuthService } from './x-oauth.service';
import { XOAuthError } from './x-oauth.types';
import { XRepository } from './x.repository';

/**
 * OAuth 2.0 for X: the consent page (x.com/i/oauth2/authorize), the token and revoke endpoints
 * (api.x.com/2/oauth2/...), and the app-only token (api.x.com/oauth2/token). Token-endpoint errors are
 * `{ error, error_description }` JSON, as X sends them.
 */
@ApiExcludeController()
@UseFilters(XExceptionFilter)
@Controller('x')
export class XOAuthController {
  constructor(
    private readonly oauth: XOAuthService,
    private readonly repository: XRepository,
  ) {}

  @Get('i/oauth2/authorize')
  async authorizePage(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.handleAuthorize(res, req.query as Record<string, unknown>, async (request) => {
      res.status(200).type('text/html; charset=utf-8').send(consentPage(request));
    });
  }

  @Post('i/oauth2/authorize')
  async decide(@Req() req: Request, @Res() res: Response): Promise<void> {
    const form = (req.body ?? {}) as Record<string, unknown>;
    await this.handleAuthorize(res, form, async (request) => {
      if (form.decision !== 'allow') {
        redirect(res, request.redirectUri, { state: request.state, error: 'access_denied' });
        return;
      }
      const username = typeof form.username === 'string' ? form.username.trim().replace(/^@/, '') : '';
      const user = username ? await this.repository.findUserByUsername(username) : undefined;
      if (!user) {
        const error = username
          ? `There is no sandbox account @${username}. Create one with POST /_sandbox/accounts.`
          : 'Enter the username of the sandbox account to sign in as.';
        res.status(400).type('text/html; charset=utf-8').send(consentPage(request, { username, error }));
        return;
      }
      const code = await this.oauth.approve(request, String(user.id));
      redirect(res, request.redirectUri, { state: request.state, code });
    });
  }

  @Post('2/oauth2/token')
  async token(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, () => this.oauth.token(bodyOf(req), parseBasicAuth(req.headers.authorization)));
  }

  @Post('2/oauth2/revoke')
  @HttpCode(200)
  async revoke(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => {
      await this.oauth.revoke(bodyOf(req), parseBasicAuth(req.headers.authorization));
      return { revoked: true };
    });
  }

  @Post('oauth2/token')
  async appToken(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(res, async () => ({
      token_type: 'bearer',
      access_token: await this.oauth.appToken(bodyOf(req), parseBasicAuth(req.headers.authorization)),
    }));
  }

  private async handleAuthorize(
    res: Response,
    params: Record<string, unknown>,
    next: (request: Awaited<ReturnType<XOAuthService['checkAuthorize']>>) => Promise<void>,
  ): Promise<void> {
    try {
      await next(await this.oauth.checkAuthorize(params));
    } catch (error) {
      if (error instanceof AuthorizePageError) {
        res.status(400).type('text/html; charset=utf-8').send(authorizeErrorPage(error.message));
        return;
      }
      if (error instanceof AuthorizeRedirectError) {
        redirect(res, error.redirectUri, {
          ...(error.state ? { state: error.state } : {}),
          error: error.error,
          error_description: error.description,
        });
        return;
      }
      throw error;
    }
  }

  private async answer(res: Response, work: () => Promise<unknown>): Promise<void> {
    try {
      const body = await work();
      res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(body));
    } catch (error) {
      if (!(error instanceof XOAuthError)) throw error;
      res
        .status(error.status)
        .type('application/json; charset=utf-8')
        .send(JSON.stringify({ error: error.error, error_description: error.description }));
    }
  }
}

/** twitter-api-v2 sends JSON; X documents form bodies: both arrive here parsed. */
function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function redirect(res: Response, redirectUri: string, params: Record<string, string>): void {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  res.redirect(302, target.toString());
}
