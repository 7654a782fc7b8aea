import { isSnowflake } from './x-ids';

/**
 * X's pagination tokens are opaque base32hex strings (e.g. `7140dibdnow9c7btw3z2vwioqjbgh1j3mbq4zxjzz3bx`).
 * Ours encode the direction and the id bound of the next page; they are at least 16 characters long
 * because `GET /2/dm_events` declares `pagination_token` with minLength 16.
 */
const ALPHABET = '0123456789abcdefghijklmnopqrstuv';

export interface PageCursor {
  direction: 'next' | 'previous';
  /** next: return items with id < bound; previous: items with id > bound. */
  bound: string;
}

function base32hexEncode(input: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of input) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function base32hexDecode(input: string): Buffer | undefined {
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of input) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function encodePageToken(cursor: PageCursor): string {
  return base32hexEncode(
    Buffer.from(`${cursor.direction === 'next' ? 'n' : 'p'}:${cursor.bound.padStart(19, '0')}`),
  );
}

/** Returns undefined when the token is not one we issued, so the caller can answer 400 invalid-request. */
export function decodePageToken(token: string): PageCursor | undefined {
  const decoded = base32hexDecode(token)?.toString('latin1');
  const match = decoded ? /^([np]):([0-9]{19})$/.exec(decoded) : null;
  if (!match) return undefined;
  const bound = BigInt(match[2]).toString();
  if (!isSnowflake(bound)) return undefined;
  return { direction: match[1] === 'n' ? 'next' : 'previous', bound };
}
