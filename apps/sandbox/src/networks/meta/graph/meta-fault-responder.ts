import type { Request, Response } from 'express';
import { FaultResponder, FaultStatus } from '../../../core/sandbox-network';
import { expiredToken, GraphError } from './graph-error';

/**
 * Injected status faults in Graph's own terms: 401 is an expired token (190/463), 429 a limit reached
 * (#32 for pages, #80002 for Instagram, with usage at 100% and the minutes to regain access), 500 Graph's
 * transient code 1 and 503 its code 2 ("Please retry your request later").
 */
export function metaFaultResponder(network: 'facebook' | 'instagram'): FaultResponder {
  return (_req: Request, res: Response, fault: FaultStatus): void => {
    const error = toGraphError(network, fault, res);
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.status(error.status).json(error.toBody());
  };
}

function toGraphError(network: 'facebook' | 'instagram', fault: FaultStatus, res: Response): GraphError {
  switch (fault.status) {
    case 401:
      return expiredToken(new Date(Date.now() - 60_000));
    case 429: {
      const minutes = Math.max(1, Math.ceil((fault.resetAt.getTime() - Date.now()) / 60_000));
      const usage = { call_count: 100, total_cputime: 100, total_time: 100 };
      res.setHeader('X-App-Usage', JSON.stringify(usage));
      res.setHeader(
        'X-Business-Use-Case-Usage',
        JSON.stringify({
          sandbox: [
            {
              type: network === 'instagram' ? 'instagram' : 'pages',
              ...usage,
              estimated_time_to_regain_access: minutes,
            },
          ],
        }),
      );
      return network === 'instagram'
        ? new GraphError(
            80002,
            'There have been too many calls to this Instagram account. Wait a bit and try again.',
            { transient: true },
          )
        : new GraphError(32, '(#32) Page request limit reached', { transient: true });
    }
    case 500:
      return new GraphError(1, 'An unknown error occurred', { status: 500, transient: true });
    case 503:
      return new GraphError(2, 'An unexpected error has occurred. Please retry your request later.', {
        status: 503,
        transient: true,
      });
  }
}
