import { isSnowflake } from './x-ids';
import { invalidRequest } from './x-problem';

/** Path ids are snowflakes; anything else is X's 400 naming the parameter. */
export function pathId(name: string, value: string): string {
  if (!isSnowflake(value)) {
    throw invalidRequest([
      {
        parameter: name,
        value,
        message: `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`,
      },
    ]);
  }
  return value;
}
