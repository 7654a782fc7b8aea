import { randomBytes } from 'node:crypto';

/** The `error` object of a Graph API error body, as Meta sends it. */
export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id: string;
}

export interface GraphErrorOptions {
  status?: number;
  type?: string;
  subcode?: number;
  userTitle?: string;
  userMessage?: string;
  transient?: boolean;
  /** Extra response headers (WWW-Authenticate for token errors, usage headers for limits). */
  headers?: Record<string, string>;
}

/**
 * A Graph API error: thrown anywhere under /meta and written by GraphExceptionFilter as
 * `{ "error": { message, type, code, error_subcode, fbtrace_id } }` with Meta's HTTP status (400 for most
 * OAuthException errors, 403 for the app-level limit #4, 500/503 for transient failures).
 */
export class GraphError extends Error {
  readonly status: number;
  readonly code: number;
  readonly type: string;
  readonly subcode?: number;
  readonly userTitle?: string;
  readonly userMessage?: string;
  readonly transient?: boolean;
  readonly headers: Record<string, string>;

  constructor(code: number, message: string, options: GraphErrorOptions = {}) {
    super(message);
    this.code = code;
    this.status = options.status ?? 400;
    this.type = options.type ?? 'OAuthException';
    this.subcode = options.subcode;
    this.userTitle = options.userTitle;
    this.userMessage = options.userMessage;
    this.transient = options.transient;
    this.headers = options.headers ?? {};
  }

  toBody(): { error: GraphErrorBody } {
    const error: GraphErrorBody = {
      message: this.message,
      type: this.type,
      code: this.code,
      fbtrace_id: fbtraceId(),
    };
    if (this.subcode !== undefined) error.error_subcode = this.subcode;
    if (this.transient !== undefined) error.is_transient = this.transient;
    if (this.userTitle) error.error_user_title = this.userTitle;
    if (this.userMessage) error.error_user_msg = this.userMessage;
    return { error };
  }
}

/** Meta's trace ids are 22-27 characters of base64-ish noise. */
export function fbtraceId(): string {
  return randomBytes(16).toString('base64').replace(/[+/=]/g, '').slice(0, 22);
}

/** (#100) with a message that names the parameter and says how to fix it. */
export function invalidParameter(message: string, options: GraphErrorOptions = {}): GraphError {
  return new GraphError(100, `(#100) ${message}`, options);
}

/**
 * Meta's answer for an id it cannot find, cannot show to this token, or that has no such operation. The
 * same message covers all three on purpose: Graph does not reveal which.
 */
export function unsupportedRequest(method: string, id: string): GraphError {
  return new GraphError(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to ` +
      'missing permissions, or does not support this operation. Please read the Graph API documentation at ' +
      'https://developers.facebook.com/docs/graph-api',
    { type: 'GraphMethodException', subcode: 33 },
  );
}

export function unknownPath(components: string): GraphError {
  return new GraphError(2500, `Unknown path components: ${components}`);
}

export function tokenRequired(): GraphError {
  return new GraphError(104, 'An access token is required to request this resource.');
}

export function invalidToken(): GraphError {
  const message = 'Invalid OAuth access token - Cannot parse access token';
  return new GraphError(190, message, { headers: wwwAuthenticate(message) });
}

export function expiredToken(expiredAt: Date, now = new Date()): GraphError {
  const message =
    `Error validating access token: Session has expired on ${pacificTime(expiredAt)}. ` +
    `The current time is ${pacificTime(now)}.`;
  return new GraphError(190, message, { subcode: 463, headers: wwwAuthenticate(message) });
}

export function pageTokenRequired(): GraphError {
  return new GraphError(190, '(#190) This method must be called with a Page Access Token');
}

export function permissionError(message = 'Permissions error'): GraphError {
  return new GraphError(200, `(#200) ${message}`);
}

function wwwAuthenticate(message: string): Record<string, string> {
  return { 'WWW-Authenticate': `OAuth "Facebook Platform" "invalid_token" "${message}"` };
}

/** Meta words token expiry in Pacific time: "Friday, 27-Nov-26 07:00:00 PST". */
function pacificTime(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    weekday: 'long',
    day: '2-digit',
    month: 'short',
    year: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')}, ${get('day')}-${get('month')}-${get('year')} ${get('hour')}:${get('minute')}:${get('second')} ${get('timeZoneName')}`;
}
