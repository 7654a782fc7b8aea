import type { ErrorBody, FieldProblem } from './types';

/** An API failure, already put into words a person can act on. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly fieldProblems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The problem with one field, if the API named it. */
  problemWith(field: string): string | undefined {
    return this.fieldProblems.find((p) => p.field === field)?.problem;
  }
}

const UNREACHABLE = 'We could not reach Outside In. Check your connection, then try again.';

/** Fallback sentences for when a response carries no message of its own (a proxy error page, say). */
function sentenceForStatus(status: number): string {
  if (status === 401) return 'You need to sign in again.';
  if (status === 403)
    return 'You do not have permission to do that. Ask an owner or admin of your organisation.';
  if (status === 404) return 'We could not find that. It may have been removed.';
  if (status === 409) return 'That clashes with something that already exists.';
  if (status === 410) return 'That is no longer available.';
  if (status === 429) return 'Too many attempts. Wait a few minutes, then try again.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a minute.';
  return 'That did not work. Check what you entered, then try again.';
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'message' in value;
}

/** Turns a response body into an ApiError; exported for unit tests. */
export function errorFromBody(status: number, body: unknown): ApiError {
  if (!isErrorBody(body)) return new ApiError(sentenceForStatus(status), status);
  const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
  const details = Array.isArray(body.details)
    ? body.details.filter(
        (d): d is FieldProblem => typeof d?.field === 'string' && typeof d?.problem === 'string',
      )
    : [];
  return new ApiError(message || sentenceForStatus(status), status, details);
}

let csrfToken: string | null = null;
let onSessionEnded: (() => void) | null = null;

/** The session's CSRF token, sent with every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a signed-in request comes back 401: the session expired or was signed out elsewhere. */
export function setSessionEndedHandler(handler: (() => void) | null): void {
  onSessionEnded = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /** A 401 is an expected answer here (sign-in, session check), not a lapsed session. */
  unauthorisedIsAnswer?: boolean;
}

export async function apiRequest<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(UNREACHABLE, 0);
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !options.unauthorisedIsAnswer) onSessionEnded?.();
    throw errorFromBody(response.status, parsed);
  }
  return parsed as T;
}

/** Builds a query string from the filled-in values only. */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
