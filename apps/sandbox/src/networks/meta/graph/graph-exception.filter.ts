import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { GraphError } from './graph-error';
import { writeGraphError } from './write-graph-error';

/**
 * Errors raised before the Graph handler runs (the multipart parser refusing an upload, for instance) in
 * Graph's error shape instead of Nest's.
 */
@Catch()
export class GraphExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(GraphExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException && !(exception instanceof GraphError)) {
      const status = exception.getStatus();
      const message = exception.message;
      writeGraphError(
        res,
        new GraphError(100, `(#100) ${message}`, { status: status >= 500 ? 500 : 400 }),
        this.logger,
      );
      return;
    }
    writeGraphError(res, exception, this.logger);
  }
}
