import { InvalidInputError } from '@outside-in/common';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A server address a person typed ("mastodon.social", "https://mastodon.social/"): https is assumed and
 * required, except on this machine (the sandbox, a server under test). Credentials, queries and fragments are
 * refused; a trailing slash is dropped.
 */
export function parseServerUrl(
  input: string,
  field: string,
  example: string,
  allowed: string[] = [],
): string {
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(field, `“${input}” is not a web address. Enter it like ${example}.`);
  }
  const local = LOOPBACK.has(url.hostname) || allowed.includes(url.origin);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw invalid(field, `The server address must start with https://, like ${example}.`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw invalid(field, `Enter only the server’s address, like ${example}.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function invalid(field: string, problem: string): InvalidInputError {
  return new InvalidInputError(problem, [{ field, problem }]);
}
