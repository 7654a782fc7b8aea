import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { Json, JsonObject } from './mastodon-entities';

/** An answer in Mastodon's own error shape: `{ "error": "..." }`, plus OAuth's `error_description` or `details`. */
export class MastodonError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: JsonObject = {},
  ) {
    super(message);
  }

  body(): JsonObject {
    return { error: this.message, ...this.extra };
  }

  static unauthorized(): MastodonError {
    return new MastodonError(401, 'The access token is invalid');
  }

  /** Doorkeeper's description for a token revoked through POST /oauth/revoke. */
  static revoked(): MastodonError {
    return new MastodonError(401, 'The access token was revoked');
  }

  static notFound(): MastodonError {
    return new MastodonError(404, 'Record not found');
  }

  /** Rails' "Validation failed: <Attribute> <message>" (422). */
  static validation(message: string, details?: Record<string, string>): MastodonError {
    return new MastodonError(
      422,
      `Validation failed: ${message}`,
      details ? { details: validationDetails(details) } : {},
    );
  }

  static tooManyRequests(): MastodonError {
    return new MastodonError(429, 'Too many requests');
  }

  /**
   * An app token on a user route. `details` is empty: the OpenAPI file documents some of these 422s as
   * ValidationError, which requires it, and clients ignore it.
   */
  static userRequired(): MastodonError {
    return new MastodonError(422, 'This method requires an authenticated user', { details: {} });
  }

  static outsideScopes(): MastodonError {
    return new MastodonError(403, 'This action is outside the authorized scopes');
  }
}

/** Mastodon's `details` object: `{ field: [{ error: 'ERR_INVALID', description }] }`. */
function validationDetails(details: Record<string, string>): JsonObject {
  const out: JsonObject = {};
  for (const [field, description] of Object.entries(details)) {
    const code = /blank/.test(description)
      ? 'ERR_BLANK'
      : /too long|limit/.test(description)
        ? 'ERR_TOO_LONG'
        : 'ERR_INVALID';
    out[field] = [{ error: code, description } satisfies Json];
  }
  return out;
}

/**
 * Every error a Mastodon route raises leaves in Mastodon's shape, never Nest's `{ statusCode, message }`.
 * Rate-limit headers already set on the response stay on it.
 */
@Catch()
export class MastodonExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('MastodonSandbox');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent || res.destroyed) return;
    const error = toMastodonError(exception);
    if (error.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    res.status(error.status).json(error.body());
  }
}

function toMastodonError(exception: unknown): MastodonError {
  if (exception instanceof MastodonError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    // Multer's "File too large" (413) and malformed multipart (400): Mastodon answers these as validation errors.
    if (status === 413) return MastodonError.validation('File file size must be less than 16 MB');
    if (status === 400 || status === 422) return new MastodonError(422, `Validation failed: ${message}`);
    if (status === 404) return MastodonError.notFound();
    return new MastodonError(status, message);
  }
  // Postgres refuses NUL characters in text (22021, 22P05): that is bad input, not a server fault.
  if (isPgError(exception, ['22021', '22P05'])) {
    return MastodonError.validation(
      'the request contains a NUL character (\\u0000), which cannot be stored',
      {
        base: 'contains a NUL character',
      },
    );
  }
  return new MastodonError(500, "We're sorry, but something went wrong.");
}

function isPgError(exception: unknown, codes: string[]): boolean {
  return Boolean(
    exception &&
    typeof exception === 'object' &&
    'code' in exception &&
    codes.includes(String((exception as { code: unknown }).code)),
  );
}
