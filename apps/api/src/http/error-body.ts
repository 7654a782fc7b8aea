import { STATUS_CODES } from 'node:http';
import type { FieldProblem } from '@outside-in/common';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: FieldProblem[] | Record<string, unknown>;
}

export function errorBody(statusCode: number, message: string, details?: ErrorBody['details']): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(details ? { details } : {}) };
}
