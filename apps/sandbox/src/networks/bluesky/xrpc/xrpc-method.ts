import type { Request, Response } from 'express';

/** One XRPC call after routing, parameter decoding, authentication and input validation. */
export interface XrpcCall {
  req: Request;
  res: Response;
  nsid: string;
  params: Record<string, unknown>;
  /** The validated JSON input, or the raw bytes for binary inputs (uploadBlob). */
  input: unknown;
  /** The caller's DID when the method takes an access token. */
  did?: string;
  /** This network's base URL as the client reached it, e.g. http://127.0.0.1:4000/bluesky. */
  serviceUrl: string;
}

export type XrpcResult =
  | { kind: 'json'; body: unknown }
  | { kind: 'empty' }
  | { kind: 'bytes'; contentType: string; bytes: Buffer }
  /** The handler already dealt with the connection (a commit-then-drop fault cut it). */
  | { kind: 'handled' };

export interface RateLimitCharge {
  /** The RateLimiter endpoint name (see BLUESKY_RATE_LIMITS). */
  endpoint: string;
  key: string;
  points: number;
}

export interface XrpcMethod {
  /**
   * `access`: an access token is verified before the handler runs; `refresh`: the handler verifies a refresh
   * token itself; `optional`: credentials are not needed but, as on the PDS, the answer is still marked
   * private; `none`: no credentials. All but `none` answer with Cache-Control: private.
   */
  auth: 'access' | 'refresh' | 'optional' | 'none';
  /** Route-specific limits on top of the global one (points as the PDS counts them). */
  rateLimits?(call: XrpcCall): RateLimitCharge[];
  handle(call: XrpcCall): Promise<XrpcResult>;
}

export const json = (body: unknown): XrpcResult => ({ kind: 'json', body });
