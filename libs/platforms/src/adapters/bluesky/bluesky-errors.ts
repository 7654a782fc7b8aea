import {
  AuthExpired,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  PlatformError,
  RateLimited,
  Transient,
} from '../../port/platform-errors';
import { parseBlueskyRateLimit } from './bluesky-rate-limit';

/** The PDS's default window is 5 minutes: the fallback when a 429 carries no readable reset. */
const DEFAULT_WINDOW_MS = 5 * 60_000;
const AUTH_ERRORS = new Set([
  'ExpiredToken',
  'InvalidToken',
  'AuthMissing',
  'AuthenticationRequired',
  'AccountTakedown',
]);
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The shape of @atproto/xrpc's XRPCError, read structurally (jest loads modules in another realm). */
interface XrpcErrorLike {
  status: number;
  error?: string;
  message: string;
  headers?: Record<string, string>;
  cause?: unknown;
}

function isXrpcError(error: unknown): error is XrpcErrorLike {
  return (
    error instanceof Error &&
    typeof (error as Partial<XrpcErrorLike>).status === 'number' &&
    (error.name === 'XRPCError' || 'error' in error)
  );
}

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps what the AT agent throws to the port's errors. The agent has already tried to refresh an expired
 * token by the time an ExpiredToken reaches us, so it means the session is gone. `write` says whether the
 * call could have changed something (a dropped write has an unknown outcome; a dropped read is retried).
 */
export function mapBlueskyError(error: unknown, write: boolean): PlatformError {
  if (error instanceof PlatformError) return error;
  if (isXrpcError(error)) {
    const name = error.error ?? '';
    const code = `Bluesky ${error.status}${name ? ` ${name}` : ''}`;
    const detail = error.message || name || `status ${error.status}`;
    if (error.status === 429 || name === 'RateLimitExceeded') {
      const state = error.headers ? parseBlueskyRateLimit(error.headers) : undefined;
      const resetAt = state?.resetAt ?? new Date(Date.now() + DEFAULT_WINDOW_MS);
      return new RateLimited('bluesky', `Bluesky rate limit reached: ${detail}`, resetAt, code);
    }
    if (AUTH_ERRORS.has(name) || error.status === 401) {
      return new AuthExpired('bluesky', `Bluesky refused the session: ${detail}`, code);
    }
    // Status 1 is the agent's "no response": the connection closed after the request went out.
    if (error.status === 1) return unreachable(error, write);
    if (name === 'InvalidRequest' || name === 'InvalidSwap') {
      return new InvalidContent('bluesky', `Bluesky refused the content: ${detail}`, code);
    }
    if (error.status >= 500)
      return new Transient('bluesky', `Bluesky is unavailable: ${detail}`, undefined, code);
    return new Permanent('bluesky', `Bluesky refused the request: ${detail}`, code);
  }
  if (error instanceof Error && error.name === 'TypeError') return unreachable(error, write);
  const message = error instanceof Error ? error.message : String(error);
  return new Permanent('bluesky', `Unexpected Bluesky failure: ${message}`);
}

function unreachable(error: unknown, write: boolean): PlatformError {
  const code = networkCode(error);
  if (code && NOT_SENT_CODES.has(code)) {
    return new Transient('bluesky', `Could not reach the Bluesky server (${code})`, undefined, code);
  }
  return write
    ? new OutcomeUnknown(
        'bluesky',
        'The connection to Bluesky was cut after sending; the post may exist',
        code,
      )
    : new Transient('bluesky', 'The connection to Bluesky was cut', undefined, code);
}
