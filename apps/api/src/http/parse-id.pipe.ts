import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '@outside-in/common';

/** The shape of every id in our addresses. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Path ids are UUIDs; a malformed one gets a message naming the parameter instead of Nest's "uuid is expected". */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) {
      const name = metadata.data ?? 'id';
      throw new InvalidInputError(
        `${name} in the address is not a valid id (it looks like 3f2504e0-4f89-11d3-9a0c-0305e82c3301). Check the link you followed.`,
        [{ field: name, problem: 'Not a valid id' }],
      );
    }
    return value.toLowerCase();
  }
}
