/**
 * An XRPC error as a PDS sends it: an HTTP status and a `{ error, message }` body. The names and messages follow
 * @atproto/xrpc-server and the PDS, because clients branch on them (the agent refreshes on 400 ExpiredToken).
 */
export class XrpcError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { error: string; message: string } {
    return { error: this.error, message: this.message };
  }
}

export const invalidRequest = (message: string, error = 'InvalidRequest'): XrpcError =>
  new XrpcError(400, error, message);

/** 401 with the xrpc-server default message; the PDS names a missing header `AuthMissing`. */
export const authRequired = (
  message = 'Authentication Required',
  error = 'AuthenticationRequired',
): XrpcError => new XrpcError(401, error, message);

export const internalServerError = (): XrpcError =>
  new XrpcError(500, 'InternalServerError', 'Internal Server Error');

export const methodNotImplemented = (): XrpcError =>
  new XrpcError(501, 'MethodNotImplemented', 'Method Not Implemented');
