import { createHash } from 'node:crypto';

/** The base32-sortable alphabet of TIDs (atproto record keys). */
const ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * A record key derived from our idempotency key: a valid TID (13 characters, top bit clear), the same for
 * every attempt, so a retried create cannot make a second post; the PDS refuses the create instead and we
 * read the record back.
 */
export function rkeyFor(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest();
  let value = digest.readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
  let key = '';
  for (let i = 0; i < 13; i++) {
    key = ALPHABET[Number(value & 31n)] + key;
    value >>= 5n;
  }
  return key;
}
