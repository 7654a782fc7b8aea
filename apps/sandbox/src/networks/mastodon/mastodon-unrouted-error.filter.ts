import { ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';

/** Paths that belong to the Mastodon network (see mastodon-routes.ts for why the root ones too). */
const MASTODON_PATH = /^\/(mastodon(\/|$)|api\/v[12]\/|oauth\/)/;

/**
 * Errors raised before any Mastodon controller runs (a body that is not JSON, a body over the limit, a path
 * no route serves) would otherwise leave in Nest's `{ statusCode, message }` shape, which masto cannot read.
 * This global filter answers those in Mastodon's `{ error }` shape and hands every other path to Nest's
 * default handling unchanged, so other networks are not affected.
 */
@Catch()
export class MastodonUnroutedErrorFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const path = (req.originalUrl ?? req.url).split('?')[0];
    const status = clientErrorStatus(exception);
    if (!MASTODON_PATH.test(path) || status === null || res.headersSent) {
      super.catch(exception, host);
      return;
    }
    if (status === 404) {
      res.status(404).json({ error: 'Record not found' });
      return;
    }
    // Doorkeeper's endpoints speak OAuth errors; the API answers what it cannot read as a validation error.
    const oauth = /^\/(mastodon\/)?oauth\//.test(path);
    const reason =
      status === 413
        ? 'the request body is larger than the sandbox accepts (25 MB)'
        : `the request body could not be read (${exception instanceof Error ? exception.message : 'unreadable'})`;
    if (oauth) {
      res
        .status(400)
        .json({ error: 'invalid_request', error_description: `The request is malformed: ${reason}.` });
      return;
    }
    res.status(422).json({ error: `Validation failed: ${reason}` });
  }
}

/** The 4xx of a Nest HttpException or of body-parser's http-errors (which carry `status`), else null. */
function clientErrorStatus(exception: unknown): number | null {
  if (exception instanceof HttpException) return exception.getStatus() < 500 ? exception.getStatus() : null;
  if (exception && typeof exception === 'object' && 'status' in exception) {
    const status = Number((exception as { status: unknown }).status);
    return status >= 400 && status < 500 ? status : null;
  }
  return null;
}
