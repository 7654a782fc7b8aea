import { escapeHtml } from './mastodon-text';
import { AuthorizationRequest } from './mastodon-oauth.service';

/**
 * Mastodon's "Authorization required" page. The sandbox has no browser sessions, so the page signs in and
 * authorizes in one step: username and password (from POST /_sandbox/accounts) and Authorize or Deny. Deny
 * is Doorkeeper's DELETE /oauth/authorize, sent from the form as Rails does (`_method=delete`).
 */
export function consentPage(action: string, request: AuthorizationRequest, error?: string): string {
  const hidden = {
    client_id: request.app.client_id,
    redirect_uri: request.redirectUri,
    response_type: 'code',
    scope: request.scopes,
    state: request.state ?? '',
    code_challenge: request.codeChallenge ?? '',
    code_challenge_method: request.codeChallenge ? 'S256' : '',
  };
  const fields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const scopes = request.scopes
    .split(' ')
    .map((scope) => `<li><code>${escapeHtml(scope)}</code></li>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorization required - Mastodon sandbox</title></head>
<body>
  <main>
    <h1>Authorization required</h1>
    <p><strong>${escapeHtml(request.app.name)}</strong> would like permission to access your account. It is a third-party application. If you do not trust it, then you should not authorize it.</p>
    <h2>Review permissions</h2>
    <ul>${scopes}</ul>
    ${error ? `<p role="alert" id="error">${escapeHtml(error)}</p>` : ''}
    <form method="post" action="${escapeHtml(action)}" id="authorize">
      ${fields}
      <p><label for="username">Username</label> <input id="username" name="username" autocomplete="username" required></p>
      <p><label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
      <button type="submit" name="decision" value="approve">Authorize</button>
    </form>
    <form method="post" action="${escapeHtml(action)}" id="deny">
      <input type="hidden" name="_method" value="delete">
      ${fields}
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>
  </main>
</body>
</html>`;
}

/** What Mastodon shows for the out-of-band redirect URI: the code, to paste into the app. */
export function outOfBandPage(code: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Authorization code - Mastodon sandbox</title></head>
<body><main><h1>Authorization code</h1><p>Copy this authorization code and paste it to the application.</p>
<input id="code" readonly value="${escapeHtml(code)}"></main></body>
</html>`;
}
