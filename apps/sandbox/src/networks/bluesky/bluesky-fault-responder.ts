import type { Request, Response } from 'express';
import type { FaultStatus } from '../../core/sandbox-network';
import { XrpcError } from './xrpc/xrpc-error';
import { writeError } from './xrpc/xrpc-response';

/**
 * Injected status faults in the PDS's own shape. A 401 "expired token" fault is what an expired access token
 * gets from a real PDS: 400 ExpiredToken, which makes the agent refresh its session and retry. 503 uses the
 * XRPC name for that status (NotEnoughResources); 429 carries RateLimit-* headers with the fault's reset.
 */
export function blueskyFaultResponder(_req: Request, res: Response, fault: FaultStatus): void {
  switch (fault.status) {
    case 401:
      writeError(res, new XrpcError(400, 'ExpiredToken', 'Token has expired'));
      return;
    case 429: {
      const windowSeconds = Math.max(Math.ceil((fault.resetAt.getTime() - Date.now()) / 1000), 1);
      writeError(
        res,
        new XrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', {
          'RateLimit-Limit': '3000',
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(Math.floor(fault.resetAt.getTime() / 1000)),
          'RateLimit-Policy': `3000;w=${windowSeconds}`,
        }),
      );
      return;
    }
    case 500:
      writeError(res, new XrpcError(500, 'InternalServerError', 'Internal Server Error'));
      return;
    case 503:
      writeError(res, new XrpcError(503, 'NotEnoughResources', fault.message));
      return;
  }
}
