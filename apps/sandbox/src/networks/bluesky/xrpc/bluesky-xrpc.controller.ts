import { All, Controller, Logger, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { lexicons } from '@atproto/api';
import type { Request, Response } from 'express';
import { FaultService } from '../../../core/fault.service';
import { RateLimiter, RateLimitState } from '../../../core/rate-limiter';
import { BlueskyAuthService } from '../auth/bluesky-auth.service';
import { BlueskyMethods } from '../bluesky-methods';
import { readXrpcInput } from './xrpc-input';
import { decodeXrpcParams } from './xrpc-params';
import {
  XrpcError,
  authRequired,
  internalServerError,
  invalidRequest,
  methodNotImplemented,
} from './xrpc-error';
import { RateLimitCharge, XrpcCall, XrpcResult } from './xrpc-method';
import { serviceUrl, setRateLimitHeaders, writeError, writeResult } from './xrpc-response';
import { BLUESKY_NETWORK } from '../bluesky-network';

/** What bsky.social's AppView sends in atproto-content-labelers: its moderation service, redacting. */
const APPVIEW_LABELERS = 'did:plc:ar7c4by46qjdydhdevvrndac;redact';

/**
 * The XRPC endpoint of the sandbox PDS: /bluesky/xrpc/<nsid>, and also /xrpc/<nsid>, because @atproto/xrpc
 * resolves the absolute path `/xrpc/<nsid>` against the service URL (xrpc/dist/util.js), so an AtpAgent given
 * `<sandbox>/bluesky` as its service calls `<sandbox>/xrpc/...`: the path prefix never reaches the wire.
 * No other network uses /xrpc, and both mounts serve the same PDS. It does what @atproto/xrpc-server does around a
 * handler (method check, params and input validated against the lexicons, auth, rate limits with RateLimit-*
 * headers, `{ error, message }` errors) and then dispatches to the method table.
 */
@ApiExcludeController()
@Controller()
export class BlueskyXrpcController {
  private readonly logger = new Logger(BlueskyXrpcController.name);

  constructor(
    private readonly methods: BlueskyMethods,
    private readonly auth: BlueskyAuthService,
    private readonly faults: FaultService,
    private readonly limiter: RateLimiter,
  ) {}

  @All(['bluesky/xrpc/:nsid', 'xrpc/:nsid'])
  async dispatch(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const result = await this.run(req, res);
      if (result) writeResult(res, result);
    } catch (error) {
      if (res.headersSent || res.destroyed) return;
      if (error instanceof XrpcError) {
        writeError(res, error);
      } else {
        this.logger.error(
          `Unexpected error in ${req.method} ${req.path}`,
          error instanceof Error ? error.stack : error,
        );
        writeError(res, internalServerError());
      }
    }
  }

  private async run(req: Request, res: Response): Promise<XrpcResult | undefined> {
    const nsid = String(req.params.nsid);
    res.setHeader('Vary', 'Accept-Encoding');
    const def = lexicons.getDef(nsid) as { type?: string } | undefined;
    const expected = def?.type === 'procedure' ? 'POST' : def?.type === 'query' ? 'GET' : null;
    const method = this.methods.get(nsid);
    const wrongHttpMethod =
      expected && req.method !== expected && !(expected === 'GET' && req.method === 'HEAD');
    if (wrongHttpMethod || !method || !expected) {
      // The PDS proxies what it does not serve itself to the AppView, and only for a signed-in caller.
      res.setHeader('Cache-Control', 'private');
      res.setHeader('Vary', 'Authorization, Accept-Encoding');
      if (!req.headers.authorization) throw authRequired(undefined, 'AuthMissing');
      if (wrongHttpMethod) throw invalidRequest(`Incorrect HTTP method (${req.method}) expected ${expected}`);
      throw methodNotImplemented();
    }

    // Faults are registered against the documented /bluesky/xrpc/... routes, whichever mount the client used.
    if (!req.originalUrl.startsWith('/bluesky/')) req.originalUrl = `/bluesky${req.originalUrl}`;
    const params = decodeXrpcParams(nsid, req.query as Record<string, unknown>);
    // As the PDS: authenticated methods are private to the caller; every answer varies with the encoding.
    if (method.auth !== 'none') res.setHeader('Cache-Control', 'private');
    res.setHeader('Vary', method.auth !== 'none' ? 'Authorization, Accept-Encoding' : 'Accept-Encoding');
    const did = method.auth === 'access' ? this.auth.verifyAccess(req) : undefined;
    const input = await readXrpcInput(nsid, req);
    if (await this.faults.before(req, res, { network: BLUESKY_NETWORK, accountId: did })) return undefined;

    const call: XrpcCall = { req, res, nsid, params, input, did, serviceUrl: serviceUrl(req) };
    const charges: RateLimitCharge[] = [
      { endpoint: 'global', key: did ?? `ip:${req.ip}`, points: 1 },
      ...(method.rateLimits?.(call) ?? []),
    ];
    this.applyRateLimits(res, charges);
    const result = await method.handle(call);
    // The AppView names the labellers whose labels it applied: Bluesky's own moderation service.
    if (nsid.startsWith('app.bsky.') && !res.headersSent)
      res.setHeader('atproto-content-labelers', APPVIEW_LABELERS);
    return result;
  }

  /** Counts the call against every limit that applies; the headers describe the tightest, as the PDS does. */
  private applyRateLimits(res: Response, charges: RateLimitCharge[]): void {
    const peeks = charges.map((charge) => ({
      charge,
      state: this.limiter.peek({
        network: BLUESKY_NETWORK,
        accountId: charge.key,
        endpoint: charge.endpoint,
      }),
    }));
    const refused = peeks.find(({ charge, state }) => state.remaining < charge.points);
    if (refused) {
      setRateLimitHeaders(res, refused.state, refused.charge.endpoint, this.limiter);
      throw new XrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded');
    }
    let tightest: { state: RateLimitState; endpoint: string } | undefined;
    for (const { charge } of peeks) {
      let state: RateLimitState | undefined;
      for (let i = 0; i < charge.points; i++) {
        state = this.limiter.consume({
          network: BLUESKY_NETWORK,
          accountId: charge.key,
          endpoint: charge.endpoint,
        });
      }
      if (state && (!tightest || state.remaining < tightest.state.remaining)) {
        tightest = { state, endpoint: charge.endpoint };
      }
    }
    if (tightest) setRateLimitHeaders(res, tightest.state, tightest.endpoint, this.limiter);
  }
}
