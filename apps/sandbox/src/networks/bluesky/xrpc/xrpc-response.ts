import type { Response, Request } from 'express';
import type { RateLimiter, RateLimitState } from '../../../core/rate-limiter';
import { BLUESKY_NETWORK } from '../bluesky-network';
import { XrpcError } from './xrpc-error';
import { XrpcResult } from './xrpc-method';

export function setRateLimitHeaders(
  res: Response,
  state: RateLimitState,
  endpoint: string,
  limiter: RateLimiter,
): void {
  const rule = limiter.rule(BLUESKY_NETWORK, endpoint);
  res.setHeader('RateLimit-Limit', String(state.limit));
  res.setHeader('RateLimit-Remaining', String(state.remaining));
  res.setHeader('RateLimit-Reset', String(Math.floor(state.resetAt.getTime() / 1000)));
  res.setHeader('RateLimit-Policy', `${state.limit};w=${rule.windowSeconds}`);
}

export function serviceUrl(req: Request): string {
  return `${req.protocol}://${req.get('host')}/bluesky`;
}

export function writeError(res: Response, error: XrpcError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).type('application/json; charset=utf-8').send(JSON.stringify(error.body()));
}

export function writeResult(res: Response, result: XrpcResult): void {
  switch (result.kind) {
    case 'json':
      res.status(200).type('application/json; charset=utf-8').send(JSON.stringify(result.body));
      return;
    case 'bytes':
      res.status(200).type(result.contentType).send(result.bytes);
      return;
    case 'empty': {
      // Compression varies only answers with a body: an empty one varies with the Authorization at most.
      const vary = String(res.getHeader('Vary') ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name && name !== 'Accept-Encoding');
      if (vary.length) res.setHeader('Vary', vary.join(', '));
      else res.removeHeader('Vary');
      res.status(200).end();
      return;
    }
    case 'handled':
      return;
  }
}
