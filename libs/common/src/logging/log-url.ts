/** Query parameters that carry secrets on their way through a URL (OAuth callbacks, webhook checks). */
const SECRET_PARAMS =
  /^(code|state|access_token|token|refresh_token|client_secret|crc_token|hub\.verify_token|hub\.challenge|oauth_token|oauth_verifier)$/i;

/** A request URL fit for a log line: the values of secret-bearing query parameters are replaced. */
export function urlForLog(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const params = new URLSearchParams(url.slice(question + 1));
  let changed = false;
  for (const key of [...new Set(params.keys())]) {
    if (SECRET_PARAMS.test(key)) {
      params.set(key, 'redacted');
      changed = true;
    }
  }
  return changed ? `${url.slice(0, question)}?${params.toString()}` : url;
}
