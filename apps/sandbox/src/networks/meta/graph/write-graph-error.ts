import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { GraphError } from './graph-error';

/** Writes any error as a Graph error; only a real bug becomes Graph's transient code 1 with HTTP 500. */
export function writeGraphError(res: Response, error: unknown, logger?: Logger): void {
  if (res.headersSent) return;
  const graphError =
    error instanceof GraphError
      ? error
      : new GraphError(1, 'An unknown error occurred', { status: 500, transient: true });
  if (!(error instanceof GraphError))
    logger?.error(`Graph request failed: ${error instanceof Error ? error.stack : String(error)}`);
  for (const [name, value] of Object.entries(graphError.headers)) res.setHeader(name, value);
  res.status(graphError.status).json(graphError.toBody());
}
