import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { type FieldProblem, invalidFields } from '@outside-in/common';
import { errorBody } from './error-body';

/**
 * Constraints in the order a person should hear about them: a field that is missing or of the wrong type
 * is reported as such, not as "too long" (class-validator checks decorators in no useful order).
 */
const FIRST_PROBLEMS = [
  'whitelistValidation',
  'isDefined',
  'isString',
  'isInt',
  'isEmail',
  'isUuid',
  'isIn',
  'isDate',
];

function mostUsefulConstraint(constraints: Record<string, string>): [string, string] {
  const names = Object.keys(constraints);
  const name = FIRST_PROBLEMS.find((candidate) => names.includes(candidate)) ?? names[0];
  return [name, constraints[name]];
}

/** One problem per field, nested fields named with dots. */
function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldProblem[] = [];
    if (error.constraints && Object.keys(error.constraints).length) {
      const [constraint, problem] = mostUsefulConstraint(error.constraints);
      own.push({
        field,
        problem:
          constraint === 'whitelistValidation'
            ? `${field} is not a field this request accepts; remove it`
            : problem,
      });
    }
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates bodies and queries against their DTOs; unknown fields are refused, each problem listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const invalid = invalidFields(details);
      return new BadRequestException(errorBody(400, invalid.message, details));
    },
  });
}
