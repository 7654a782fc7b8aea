import type { Network } from '../../port/network';
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
import { graphResetAt } from './graph-usage';

/** Graph's error object (`{"error": {...}}`), as the SDK's FacebookRequestError keeps it in `response`. */
export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_msg?: string;
}

/** The fields of the SDK's FacebookRequestError (not exported by the SDK) that the mapping reads. */
export interface GraphFailure {
  name?: string;
  message?: string;
  status?: number | null;
  response?: GraphErrorBody | null;
  headers?: Record<string, unknown> | null;
  /** Set by GraphApi when the call was given up after its timeout. */
  timedOut?: boolean;
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80001, 80002, 80006]);
const NO_RESPONSE = 'The request was made but no response was received';
const OUTSIDE_WINDOW_SUBCODE = 2018278;

function isGraphFailure(error: unknown): error is GraphFailure {
  return !!error && typeof error === 'object' && 'response' in error && 'status' in error;
}

function describe(body: GraphErrorBody): string {
  return [body.message, body.error_user_msg].filter(Boolean).join(' ');
}

/**
 * Maps what the SDK (or our own multipart fetch) threw to one PlatformError. `write` says whether the
 * request changes something: a connection cut with no answer is then OutcomeUnknown (the SDK reports a
 * refused connection the same way, so a refused write is OutcomeUnknown too: the read-back finds
 * nothing and the retry goes ahead); for a read it is Transient.
 */
export function mapGraphError(network: Network, error: unknown, write: boolean): PlatformError {
  if (error instanceof PlatformError) return error;
  if (!isGraphFailure(error)) return mapTransportError(network, error, write);
  const body = error.response;
  if (!body) {
    if ((error.message === NO_RESPONSE || error.timedOut) && write) {
      return new OutcomeUnknown(
        network,
        `Graph did not answer a write (it may have been done): ${error.message}`,
      );
    }
    return new Transient(network, `Graph could not be reached: ${error.message ?? 'no response'}`);
  }
  const code = body.code ?? 0;
  const tag = `Graph #${code}${body.error_subcode ? `/${body.error_subcode}` : ''}`;
  const text = `${describe(body)} (${tag})`;
  if (code === 190 || code === 102) {
    return new AuthExpired(
      network,
      `The page's access token no longer works, reconnect the channel: ${text}`,
      tag,
    );
  }
  if (RATE_LIMIT_CODES.has(code)) {
    return new RateLimited(network, `Graph rate limit reached: ${text}`, graphResetAt(error.headers), tag);
  }
  if (code === 9 && body.error_subcode === 2207042) {
    return new RateLimited(
      network,
      `Instagram publishing limit reached: ${text}`,
      new Date(Date.now() + 86_400_000),
      tag,
    );
  }
  if (code === 506) return new Duplicate(network, `Graph says this was already posted: ${text}`, tag);
  if (code === 10 && body.error_subcode === OUTSIDE_WINDOW_SUBCODE) {
    return new InvalidContent(
      network,
      `The 24-hour window to answer this person has passed: a page can only message someone within 24 hours of their last message (${tag})`,
      tag,
    );
  }
  if (code === 368) return new Permanent(network, `Graph blocked the page for a while: ${text}`, tag);
  if (code === 1 || code === 2 || code === 9007 || (error.status ?? 0) >= 500 || body.is_transient) {
    return new Transient(network, `Graph had a temporary problem: ${text}`, undefined, tag);
  }
  if (code === 100 && body.error_subcode === 33) {
    return new Permanent(
      network,
      `Graph does not know that object, or the page may not use it: ${text}`,
      tag,
    );
  }
  if (code === 100 || code === 9004 || code === 324 || code === 2500) {
    return new InvalidContent(network, `Graph refused the content: ${text}`, tag);
  }
  return new Permanent(network, `Graph refused the request: ${text}`, tag);
}

/** Errors from our own fetch (multipart upload): refused before sending is Transient, cut after is unknown. */
function mapTransportError(network: Network, error: unknown, write: boolean): PlatformError {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  const beforeSending = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(cause?.code ?? '');
  if (write && !beforeSending) {
    return new OutcomeUnknown(network, `The connection to Graph broke during a write: ${message}`);
  }
  return new Transient(
    network,
    `Graph could not be reached: ${message}${cause?.code ? ` (${cause.code})` : ''}`,
  );
}

/** Runs one Graph call and maps its failure. */
export async function graphCall<T>(network: Network, write: boolean, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw mapGraphError(network, error, write);
  }
}
