/**
 * Errors the services raise. They carry a message written for the person who will read it
 * (what went wrong and what to do) and are mapped to HTTP by one exception filter in the api.
 */
export interface FieldProblem {
  field: string;
  problem: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends DomainError {
  readonly status = 400;
}
/**
 * A 400 for form fields: the message is the first problem in words (so a person reads a sentence, not field
 * names), every problem is in details for the form to show beside its field.
 */
export function invalidFields(problems: FieldProblem[]): InvalidInputError {
  const rest = problems.length - 1;
  const first = problems[0]?.problem ?? 'Some of what was sent is not valid.';
  const sentence = /[.!?]$/.test(first) ? first : `${first}.`;
  const more = rest > 0 ? ` (${rest} more ${rest === 1 ? 'problem' : 'problems'} to correct.)` : '';
  return new InvalidInputError(`${sentence}${more}`, problems);
}

export class NotSignedInError extends DomainError {
  readonly status = 401;
}
export class ForbiddenError extends DomainError {
  readonly status = 403;
}
export class NotFoundError extends DomainError {
  readonly status = 404;
}
export class ConflictError extends DomainError {
  readonly status = 409;
}
/** The thing existed but is no longer usable (an expired or used invitation). */
export class GoneError extends DomainError {
  readonly status = 410;
}
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, { retryAfterSeconds });
  }
}
