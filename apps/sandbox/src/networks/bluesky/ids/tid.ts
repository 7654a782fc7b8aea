import { randomInt } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';

function s32encode(value: number): string {
  let s = '';
  let n = value;
  while (n > 0) {
    s = S32[n % 32] + s;
    n = Math.floor(n / 32);
  }
  return s;
}

/**
 * Timestamp identifiers (atproto TIDs): 53 bits of microseconds since the epoch and a 10-bit clock id, in
 * sortable base32, 13 characters. Used for record keys and repo revisions; each call is strictly later than the
 * previous one, so keys sort in creation order even when two posts land in the same microsecond.
 */
export class TidClock {
  private last = 0;
  private readonly clockId = randomInt(0, 1024);

  next(now = Date.now()): string {
    const micros = Math.max(now * 1000, this.last + 1);
    this.last = micros;
    return s32encode(micros).padStart(11, '2') + s32encode(this.clockId).padStart(2, '2');
  }
}

export const TID_PATTERN = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
