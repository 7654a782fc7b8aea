import { raw } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { errorBody } from '../http/error-body';

/** Meta batches up to 1,000 entries per delivery; a megabyte holds them with room to spare. */
export const MAX_WEBHOOK_BODY = '1mb';

/**
 * Keeps a webhook body as the exact bytes received (req.body is a Buffer): signatures are HMACs of those bytes,
 * and re-serialised JSON would not match. The app-wide JSON parser leaves /api/webhooks/ alone for this reason.
 */
export function webhookRawBody() {
  const parse = raw({ type: () => true, limit: MAX_WEBHOOK_BODY });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (!error) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        res
          .status(413)
          .json(errorBody(413, `The webhook body is too large; the limit is ${MAX_WEBHOOK_BODY}.`));
      } else {
        res.status(400).json(errorBody(400, 'The webhook body could not be read.'));
      }
    });
  };
}

export function rawBodyOf(req: Request): Buffer {
  return Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
}
