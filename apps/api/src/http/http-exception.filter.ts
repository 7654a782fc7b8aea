import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, TooManyAttemptsError } from '@outside-in/common';
import { ErrorBody, errorBody } from './error-body';

/** Turns every error into `{ statusCode, error, message, details? }`; unexpected ones become a logged 500. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const body = this.toBody(exception, request);
    if (exception instanceof TooManyAttemptsError) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, method: request.method, url: request.url }, 'Unhandled error');
    }
    if (!response.headersSent) response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainError) {
      return errorBody(exception.status, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      if (typeof raw === 'object' && raw && 'message' in raw && 'details' in raw) {
        return raw as ErrorBody;
      }
      if (status === 404 && exception.constructor.name === 'NotFoundException') {
        return errorBody(
          404,
          `There is no ${request.method} ${request.path}. Check the address in the API documentation at /api/docs.`,
        );
      }
      const message =
        typeof raw === 'string' ? raw : ((raw as { message?: unknown }).message ?? exception.message);
      return errorBody(status, Array.isArray(message) ? message.join('; ') : String(message));
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception as QueryFailedError & { code?: string }).code;
      if (code === '23505')
        return errorBody(409, 'That already exists. Reload the page to see the current state.');
      if (code === '22P02') return errorBody(400, 'One of the identifiers in the request is not valid.');
    }
    return errorBody(
      500,
      'Something went wrong on our side. It has been logged; please try again in a moment.',
    );
  }
}
