import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * Validation for the /_sandbox controls only (the networks answer bad input in their own shapes, so this
 * pipe is never global). Unknown fields are refused so that a typo (`ratePerMinut`) is not silently ignored.
 */
export function controlValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    // One problem per field is enough to fix it, and keeps the message readable.
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: `The request is not valid: ${details.map((d) => `${d.field}: ${d.problem}`).join('; ')}.`,
        details,
      });
    },
  });
}

export function badRequest(field: string, problem: string): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: `${field}: ${problem}`,
    details: [{ field, problem }],
  });
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) problems.push({ field, problem: message });
    if (error.children?.length) problems.push(...flatten(error.children, field));
  }
  return problems;
}
