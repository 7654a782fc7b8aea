import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { invalidRequest, sendProblem, statusProblem, XProblemError } from './x-problem';

/**
 * Every error on an X route leaves as X's problem+json: our own XProblemError as is, Nest's HTTP errors
 * (e.g. 413 from the multipart parser) by status, and anything unexpected as a 500 problem (and a log line,
 * because that is a sandbox bug).
 */
@Catch()
export class XExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(XExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    if (res.headersSent || res.destroyed) return;
    sendProblem(res, toProblem(exception, req, this.logger));
  }
}

export function toProblem(exception: unknown, req: Request, logger: Logger): XProblemError {
  if (exception instanceof XProblemError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    return statusProblem(status, message);
  }
  if (isPostgresDataException(exception)) {
    // Class 22 (data exception), e.g. a NUL character in a text: a bad value in the request, not our failure.
    return invalidRequest([
      {
        parameter: 'body',
        message: `A value in the request can not be stored: ${(exception as Error).message}.`,
      },
    ]);
  }
  const status = httpStatusOf(exception);
  if (status && status >= 400 && status < 500) {
    // body-parser errors: malformed JSON, wrong charset, too large.
    return statusProblem(status, `The request body could not be read: ${(exception as Error).message}`);
  }
  logger.error(
    `Unexpected error on ${req.method} ${req.originalUrl}: ${exception instanceof Error ? exception.stack : exception}`,
  );
  return new XProblemError(500, {
    title: 'Internal Server Error',
    detail: 'The sandbox failed to handle this request.',
    type: 'https://api.x.com/2/problems/internal-error',
    status: 500,
  });
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  return typeof candidate === 'number' ? candidate : undefined;
}

function isPostgresDataException(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}
