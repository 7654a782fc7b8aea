import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from '@outside-in/common';
import { errorBody } from './error-body';

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, problem]) => ({
      field,
      problem:
        constraint === 'whitelistValidation'
          ? `${field} is not a field this request accepts; remove it`
          : problem,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates bodies and queries against their DTOs; unknown fields are refused, each problem listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const fields = [...new Set(details.map((d) => d.field))];
      return new BadRequestException(
        errorBody(
          400,
          `Please correct ${fields.length === 1 ? 'this field' : 'these fields'}: ${fields.join(', ')}.`,
          details,
        ),
      );
    },
  });
}
