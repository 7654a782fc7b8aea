import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import {
  AuthExpired,
  Duplicate,
  InvalidContent,
  OutcomeUnknown,
  Permanent,
  PlatformError,
  RateLimited,
  Transient,
} from '../../port/platform-errors';
import { parseXRateLimit } from './x-rate-limit';

export interface XCallContext {
  /** What we were doing, for the message ("publishing a post"). */
  action: string;
  /** The call creates something: a cut connection then leaves the outcome unknown. */
  write: boolean;
}

/** Socket errors raised before a byte of the request left: nothing happened on X, retrying is safe. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** X's v1.1 error codes that still appear on some hosts: rate limit, duplicate status. */
const V1_RATE_LIMIT = 88;
const V1_DUPLICATE = 187;
const DEFAULT_RATE_LIMIT_WAIT_MS = 15 * 60 * 1000;

interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  reason?: string;
  errors?: { message?: string; code?: number; detail?: string }[];
}

function problemOf(error: ApiResponseError): XProblem {
  return typeof error.data === 'object' && error.data !== null ? (error.data as XProblem) : {};
}

/** X's own words: the problem detail, else the listed errors' messages, else the title. */
function describe(problem: XProblem): string {
  const listed = (problem.errors ?? []).map((e) => e.message ?? e.detail).filter(Boolean);
  return problem.detail ?? (listed.length ? listed.join('; ') : (problem.title ?? 'no details'));
}

function v1Codes(problem: XProblem): number[] {
  return (problem.errors ?? []).map((e) => e.code).filter((code): code is number => typeof code === 'number');
}

function retryAfter(error: ApiResponseError): Date | undefined {
  const raw = error.headers?.['retry-after'];
  const seconds = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(seconds) && seconds >= 0 ? new Date(Date.now() + seconds * 1000) : undefined;
}

function fromResponse(error: ApiResponseError, context: XCallContext): PlatformError {
  const status = error.code;
  const problem = problemOf(error);
  const said = describe(problem);
  const code = `X ${status}`;
  const message = `X refused ${context.action} (${status}): ${said}`;
  const codes = v1Codes(problem);

  if (status === 429 || status === 420 || codes.includes(V1_RATE_LIMIT)) {
    const resetAt =
      parseXRateLimit(error.headers)?.resetAt ??
      (error.rateLimit ? new Date(error.rateLimit.reset * 1000) : undefined) ??
      new Date(Date.now() + DEFAULT_RATE_LIMIT_WAIT_MS);
    return new RateLimited(
      'x',
      `X rate limit reached while ${context.action}; try again after ${resetAt.toISOString()}`,
      resetAt,
      code,
    );
  }
  if (error.isAuthError) {
    return new AuthExpired(
      'x',
      `X no longer accepts this channel's access while ${context.action}: ${said}`,
      code,
    );
  }
  if (/duplicate/i.test(said) || codes.includes(V1_DUPLICATE)) {
    return new Duplicate('x', `X says this was already posted (${context.action}): ${said}`, code);
  }
  if (status >= 500) return new Transient('x', message, retryAfter(error), code);
  if (status === 403) {
    const forbidden =
      problem.reason === 'client-not-enrolled' ||
      (problem.type ?? '').includes('client-forbidden') ||
      /not permitted|suspended|protected/i.test(said);
    return forbidden || !context.write
      ? new Permanent('x', message, code)
      : new InvalidContent('x', message, code);
  }
  if (status === 400 && context.write) return new InvalidContent('x', message, code);
  return new Permanent('x', message, code);
}

/**
 * The socket error behind an ApiRequestError. twitter-api-v2 1.29 stores it as `error` but its
 * `requestError` getter reads `requestError`, so the getter is always undefined: read both.
 */
function requestCause(error: ApiRequestError): Error {
  const options = (error as unknown as { _options?: { error?: unknown } })._options;
  const cause: unknown = error.requestError ?? options?.error;
  // Not `instanceof Error`: socket errors may come from another realm (Node core under jest's VM).
  return typeof cause === 'object' && cause !== null && 'message' in cause
    ? (cause as Error)
    : new Error(error.message);
}

function fromRequest(cause: Error, context: XCallContext): PlatformError {
  const errno = (cause as NodeJS.ErrnoException).code;
  if (errno && NOT_SENT_CODES.has(errno)) {
    return new Transient(
      'x',
      `Could not reach X while ${context.action} (${errno}); nothing was sent.`,
      undefined,
      errno,
    );
  }
  const what = errno ?? cause.message;
  if (context.write) {
    return new OutcomeUnknown(
      'x',
      `The connection to X was lost while ${context.action} (${what}): it may or may not have happened; read back before retrying.`,
      errno,
    );
  }
  return new Transient(
    'x',
    `The connection to X was lost while ${context.action} (${what}).`,
    undefined,
    errno,
  );
}

/**
 * Turns whatever twitter-api-v2 threw into one of our PlatformErrors (PLATFORMS.md A3): statuses and
 * X's problem bodies for answers, and for lost connections whether the request had been sent.
 */
export function mapXError(error: unknown, context: XCallContext): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof ApiResponseError) return fromResponse(error, context);
  if (error instanceof ApiRequestError) return fromRequest(requestCause(error), context);
  if (error instanceof ApiPartialResponseError) {
    // The answer was cut half-way: X acted on the request, or at least may have.
    return fromRequest(error.responseError ?? new Error(error.message), context);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new Permanent('x', `Unexpected failure while ${context.action}: ${message}`);
}

/** Runs one call to X and maps its failure. */
export async function callX<T>(context: XCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapXError(error, context);
  }
}
