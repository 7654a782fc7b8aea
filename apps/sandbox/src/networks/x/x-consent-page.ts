import { AuthorizeRequest, SCOPE_DESCRIPTIONS } from './x-oauth.types';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – X (sandbox)</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; color: #0f1419; }
  .sandbox { background: #fff4d6; border: 1px solid #b58100; padding: .5rem .75rem; border-radius: .5rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text] { font-size: 1rem; padding: .5rem; width: 100%; box-sizing: border-box; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { font-size: 1rem; padding: .6rem 1.2rem; border-radius: 999px; border: 2px solid #0f1419; cursor: pointer; }
  button[value=allow] { background: #0f1419; color: #fff; }
  button:focus-visible, input:focus-visible { outline: 3px solid #1d9bf0; outline-offset: 2px; }
  .error { color: #b00020; font-weight: 600; }
</style>
</head>
<body>
<main>
<p class="sandbox">This is the Outside In <strong>sandbox</strong>: nothing here is posted to the real X.</p>
${body}
</main>
</body>
</html>`;
}

/** X's consent screen: the app, what it may do, and Authorize / Cancel. */
export function consentPage(
  request: AuthorizeRequest,
  options: { username?: string; error?: string } = {},
): string {
  const hidden = (name: string, value: string): string =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const scopes = request.scopes
    .map(
      (scope) =>
        `<li>${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)} <small>(${escapeHtml(scope)})</small></li>`,
    )
    .join('');
  return page(
    `Authorise ${request.appName}`,
    `<h1>${escapeHtml(request.appName)} wants to access your X account</h1>
<h2>It will be able to</h2>
<ul>${scopes}</ul>
<form method="post" action="authorize">
  ${hidden('response_type', 'code')}
  ${hidden('client_id', request.clientId)}
  ${hidden('redirect_uri', request.redirectUri)}
  ${hidden('state', request.state)}
  ${hidden('code_challenge', request.codeChallenge)}
  ${hidden('code_challenge_method', request.codeChallengeMethod)}
  ${hidden('scope', request.scopes.join(' '))}
  <label for="username">Sign in as (sandbox username)</label>
  <input type="text" id="username" name="username" autocomplete="username" value="${escapeHtml(options.username ?? '')}"
    ${options.error ? 'aria-invalid="true" aria-describedby="username-error"' : ''}>
  ${options.error ? `<p id="username-error" class="error">${escapeHtml(options.error)}</p>` : ''}
  <div class="actions">
    <button type="submit" name="decision" value="allow">Authorize app</button>
    <button type="submit" name="decision" value="deny">Cancel</button>
  </div>
</form>
<p>You will be sent back to <code>${escapeHtml(new URL(request.redirectUri).origin)}</code>.</p>`,
  );
}

export function authorizeErrorPage(message: string): string {
  return page(
    'Something went wrong',
    `<h1>This link can not be used</h1><p class="error">${escapeHtml(message)}</p>
<p>Go back to the app and start connecting your account again.</p>`,
  );
}
