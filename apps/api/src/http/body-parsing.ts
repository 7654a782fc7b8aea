import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { errorBody } from './error-body';

export const MAX_JSON_BODY = '100kb';

const MEDIA_UPLOAD = /^\/api\/orgs\/[^/]+\/media\/?$/;

/**
 * Parses JSON bodies, answering malformed, oversized or non-JSON bodies in our error shape.
 * Requiring application/json on changes also stops cross-site HTML forms (they cannot send it
 * without a CORS preflight, which we never grant): a second line of defence behind CSRF tokens.
 */
export function jsonBodyParser() {
  const parse = json({ limit: MAX_JSON_BODY, strict: true });
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody =
      Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (!req.path.startsWith('/api/') || !hasBody || ['GET', 'HEAD', 'OPTIONS'].includes(req.method))
      return next();
    if (req.path.startsWith('/api/webhooks/')) return next();
    // Media uploads are multipart/form-data, read by the upload route itself (with its own size limit).
    if (MEDIA_UPLOAD.test(req.path) && req.method === 'POST' && req.is('multipart/form-data')) return next();
    if (!req.is('application/json')) {
      res
        .status(415)
        .json(
          errorBody(415, 'Send the request body as JSON, with the header Content-Type: application/json.'),
        );
      return;
    }
    parse(req, res, (error?: unknown) => {
      if (!error && (Array.isArray(req.body) || typeof req.body !== 'object' || req.body === null)) {
        res
          .status(400)
          .json(errorBody(400, 'The request body must be a JSON object, like {"name": "value"}.'));
        return;
      }
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        res.status(413).json(errorBody(413, `The request body is too large; the limit is ${MAX_JSON_BODY}.`));
      } else if (type === 'entity.parse.failed') {
        res
          .status(400)
          .json(errorBody(400, `The request body is not valid JSON: ${(error as Error).message}.`));
      } else {
        res.status(400).json(errorBody(400, 'The request body could not be read.'));
      }
    });
  };
}
