import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetaAccountsRepository, MetaUser } from '../store/meta-accounts.repository';
import { MetaOAuthService } from '../services/meta-oauth.service';

type DialogQuery = Record<string, string | undefined>;

/**
 * Facebook Login's dialog (www.facebook.com/{version}/dialog/oauth), served at /meta/dialog/oauth and
 * /meta/{version}/dialog/oauth. It shows a consent page on which a sandbox person is chosen; "Continue"
 * redirects to redirect_uri with `code` and `state`, "Cancel" with `error=access_denied`, as Facebook does.
 */
@ApiExcludeController()
@Controller('meta')
export class OAuthDialogController {
  constructor(
    private readonly oauth: MetaOAuthService,
    private readonly accounts: MetaAccountsRepository,
  ) {}

  @Get('dialog/oauth')
  async dialog(@Query() query: DialogQuery, @Res() res: Response): Promise<void> {
    await this.render(query, res);
  }

  @Get(':version/dialog/oauth')
  async versionedDialog(
    @Param('version') _version: string,
    @Query() query: DialogQuery,
    @Res() res: Response,
  ): Promise<void> {
    await this.render(query, res);
  }

  @Post('dialog/oauth/decision')
  async decide(@Body() body: DialogQuery, @Res() res: Response): Promise<void> {
    const app = await this.oauth.app();
    const redirectUri = body.redirect_uri;
    if (body.client_id !== app.id || !redirectUri || !isHttpUrl(redirectUri)) {
      errorPage(res, 'The consent form is incomplete: start again from the login link.');
      return;
    }
    const target = new URL(redirectUri);
    if (body.decision !== 'allow') {
      target.searchParams.set('error', 'access_denied');
      target.searchParams.set('error_code', '200');
      target.searchParams.set('error_description', 'Permissions error');
      target.searchParams.set('error_reason', 'user_denied');
    } else {
      const user = body.user_id ? await this.accounts.findUser(body.user_id) : undefined;
      if (!user || user.kind !== 'admin') {
        errorPage(res, 'Choose the person to continue as.');
        return;
      }
      const scopes = splitScopes(body.scope);
      target.searchParams.set('code', await this.oauth.issueCode(app, user.id, redirectUri, scopes));
    }
    if (body.state) target.searchParams.set('state', body.state);
    // Facebook appends this fragment to every redirect.
    target.hash = '_=_';
    res.redirect(302, target.toString());
  }

  private async render(query: DialogQuery, res: Response): Promise<void> {
    const app = await this.oauth.app();
    if (!query.client_id) return errorPage(res, 'The parameter client_id is required.');
    if (query.client_id !== app.id)
      return errorPage(res, `Invalid App ID: ${query.client_id} is not an app of this sandbox.`);
    if (!query.redirect_uri || !isHttpUrl(query.redirect_uri)) {
      return errorPage(res, 'The parameter redirect_uri is required and must be an http(s) URL.');
    }
    if (query.response_type && query.response_type !== 'code') {
      return errorPage(res, 'The sandbox supports response_type=code only.');
    }
    const admins = await this.accounts.listAdmins();
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query[name] ?? '')}">`)
      .join('\n');
    const people = admins.length
      ? admins.map((user, index) => personOption(user, index === admins.length - 1)).join('\n')
      : '<p>No people yet: create a facebook account with POST /_sandbox/accounts first.</p>';
    const scopes = splitScopes(query.scope);
    res.status(200).type('html').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in with Facebook (sandbox)</title></head>
<body>
<main>
<h1>${escapeHtml(app.name)} is requesting access</h1>
<p>Permissions asked for: ${scopes.length ? scopes.map(escapeHtml).join(', ') : 'public_profile'}</p>
<form method="post" action="/meta/dialog/oauth/decision">
${hidden}
<fieldset><legend>Continue as</legend>
${people}
</fieldset>
<button type="submit" name="decision" value="allow">Continue</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form>
</main>
</body></html>`);
  }
}

function personOption(user: MetaUser, checked: boolean): string {
  const id = `user-${user.id}`;
  return `<div><input type="radio" id="${id}" name="user_id" value="${user.id}"${checked ? ' checked' : ''}><label for="${id}">${escapeHtml(user.name)}</label></div>`;
}

function errorPage(res: Response, message: string): void {
  res
    .status(400)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error</title></head><body><main><h1>Sorry, something went wrong.</h1><p>${escapeHtml(message)}</p></main></body></html>`,
    );
}

function splitScopes(scope: string | undefined): string[] {
  return (scope ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
