import { MastoHttpError, MastoTimeoutError } from 'masto';
import {
  AuthExpired,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  PlatformError,
  RateLimited,
  Transient,
} from '../../port/platform-errors';
import { parseMastodonRateLimit } from './mastodon-rate-limit';

/** Mastodon's default window is 5 minutes: the fallback when a 429 carries no readable reset. */
const DEFAULT_WINDOW_MS = 5 * 60_000;

/** Node's fetch reports these when nothing reached the server: safe to retry. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The chain of causes: masto wraps fetch's TypeError (whose cause holds the socket's code) in its own error. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = (error as { cause?: unknown } | null)?.cause;
  while (current && chain.length < 5) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function causeCode(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** A network failure of fetch, named by its class name (jest runs code in another realm). */
function isFetchFailure(error: unknown): boolean {
  return [error, ...causes(error)].some((e) => (e as { name?: unknown } | null)?.name === 'TypeError');
}

function responseHeaders(error: MastoHttpError): Headers | undefined {
  return error.cause instanceof Response ? error.cause.headers : undefined;
}

/**
 * Maps what masto throws to the port's errors. `write` says whether the call could have changed something:
 * a write whose connection was cut after sending (or timed out) has an unknown outcome, a read is just retried.
 */
export function mapMastodonError(error: unknown, write: boolean): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof MastoHttpError) return mapHttpError(error);
  if (error instanceof MastoTimeoutError) {
    return write
      ? new OutcomeUnknown('mastodon', 'Mastodon did not answer in time; the post may exist', 'timeout')
      : new Transient('mastodon', 'Mastodon did not answer in time', undefined, 'timeout');
  }
  const code = causeCode(error);
  if (code && NOT_SENT_CODES.has(code)) {
    return new Transient('mastodon', `Could not reach the Mastodon instance (${code})`, undefined, code);
  }
  // undici reports any network failure as TypeError "fetch failed" (by name: jest runs code in another realm).
  if (isFetchFailure(error) || code) {
    return write
      ? new OutcomeUnknown(
          'mastodon',
          'The connection to Mastodon was cut after sending; the post may exist',
          code,
        )
      : new Transient('mastodon', 'The connection to Mastodon was cut', undefined, code);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Permanent('mastodon', `Unexpected Mastodon failure: ${message}`);
}

function mapHttpError(error: MastoHttpError): PlatformError {
  const status = error.statusCode;
  const code = `Mastodon ${status}`;
  const detail = error.message || `HTTP ${status}`;
  if (status === 401)
    return new AuthExpired('mastodon', `Mastodon refused the access token: ${detail}`, code);
  if (status === 422) return new InvalidContent('mastodon', `Mastodon refused the content: ${detail}`, code);
  if (status === 429) {
    const headers = responseHeaders(error);
    const state = headers ? parseMastodonRateLimit(headers) : undefined;
    const resetAt = state?.resetAt ?? new Date(Date.now() + DEFAULT_WINDOW_MS);
    return new RateLimited('mastodon', `Mastodon rate limit reached: ${detail}`, resetAt, code);
  }
  if (status >= 500) return new Transient('mastodon', `Mastodon is unavailable: ${detail}`, undefined, code);
  return new Permanent('mastodon', `Mastodon refused the request: ${detail}`, code);
}
