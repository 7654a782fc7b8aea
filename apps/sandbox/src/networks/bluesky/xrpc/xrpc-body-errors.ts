import type { NextFunction, Request, Response } from 'express';
import { XrpcError } from './xrpc-error';
import { writeError } from './xrpc-response';

const XRPC_PATH = /^\/(bluesky\/)?xrpc\//;

/**
 * Express error middleware for the body parser's failures on XRPC paths (malformed JSON, a body over the
 * limit). The parser runs before any controller, so without this Nest would answer in its own shape; a PDS
 * answers `{ error, message }` with the XRPC name for the status (400 InvalidRequest, 413 PayloadTooLarge).
 */
export function xrpcBodyErrors(err: unknown, req: Request, res: Response, next: NextFunction): void {
  const status = (err as { status?: unknown; statusCode?: unknown }).status;
  if (
    !XRPC_PATH.test(req.path) ||
    typeof status !== 'number' ||
    status < 400 ||
    status >= 500 ||
    res.headersSent
  ) {
    next(err);
    return;
  }
  const message = err instanceof Error ? err.message : 'Invalid request body';
  // The PDS names a JSON parse failure after the exception ("SyntaxError"), checked against @atproto/dev-env.
  const error =
    status === 413
      ? 'PayloadTooLarge'
      : status === 415
        ? 'UnsupportedMediaType'
        : err instanceof SyntaxError
          ? 'SyntaxError'
          : 'InvalidRequest';
  if (req.headers.authorization) res.setHeader('Cache-Control', 'private');
  res.setHeader('Vary', req.headers.authorization ? 'Authorization, Accept-Encoding' : 'Accept-Encoding');
  writeError(res, new XrpcError(status, error, message));
}
