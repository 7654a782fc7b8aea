import type { Response } from 'express';

/** An X v2 error body (RFC 7807 problem, as X sends it with `application/problem+json`). */
export type XProblemBody = Record<string, unknown> & { title: string; detail: string; type: string };

/** Thrown by X handlers; the X exception filter writes it as problem+json with its status. */
export class XProblemError extends Error {
  constructor(
    readonly status: number,
    readonly body: XProblemBody,
  ) {
    super(body.detail);
  }
}

const PROBLEMS = 'https://api.x.com/2/problems';

export interface InvalidParameter {
  /** e.g. `max_results`, or `$.text` for a body field */
  parameter: string;
  value?: string;
  message: string;
}

/** X's 400: one entry per bad parameter under `errors`, a fixed title and detail. */
export function invalidRequest(problems: InvalidParameter[]): XProblemError {
  return new XProblemError(400, {
    errors: problems.map((problem) => ({
      parameters: { [problem.parameter]: problem.value === undefined ? [] : [problem.value] },
      message: problem.message,
    })),
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEMS}/invalid-request`,
  });
}

export function unauthorized(): XProblemError {
  return new XProblemError(401, {
    title: 'Unauthorized',
    type: 'about:blank',
    status: 401,
    detail: 'Unauthorized',
  });
}

export function tooManyRequests(): XProblemError {
  return new XProblemError(429, {
    title: 'Too Many Requests',
    detail: 'Too Many Requests',
    type: 'about:blank',
    status: 429,
  });
}

/** 403 Forbidden with X's own sentence, e.g. the duplicate-content refusal. */
export function forbidden(detail: string): XProblemError {
  return new XProblemError(403, { detail, type: 'about:blank', title: 'Forbidden', status: 403 });
}

export function duplicateContent(): XProblemError {
  return forbidden('You are not allowed to create a Tweet with duplicate content.');
}

/** 403 for a token without the OAuth 2.0 scope the endpoint needs (X names the missing scopes). */
export function missingScopes(scopes: string[]): XProblemError {
  return new XProblemError(403, {
    title: 'Forbidden',
    type: 'about:blank',
    status: 403,
    detail: `Missing required OAuth 2.0 scope(s): ${scopes.join(', ')}. Ask the user to authorise the app again with them.`,
  });
}

export function notFoundProblem(resourceType: string, parameter: string, value: string): XProblemError {
  return new XProblemError(404, resourceNotFound(resourceType, parameter, value));
}

/** The partial error X puts beside `data` on a 200 when one of the looked-up resources is missing. */
export function resourceNotFound(resourceType: string, parameter: string, value: string): XProblemBody {
  return {
    value,
    detail: `Could not find ${resourceType} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEMS}/resource-not-found`,
  };
}

export function statusProblem(status: number, detail: string): XProblemError {
  const titles: Record<number, string> = {
    400: 'Invalid Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  if (status === 400) return invalidRequest([{ parameter: 'body', message: detail }]);
  return new XProblemError(status, { title: titles[status] ?? 'Error', detail, type: 'about:blank', status });
}

export function sendProblem(res: Response, problem: XProblemError): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem.body));
}

/** X answers JSON successes as `application/json; charset=utf-8`. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}
