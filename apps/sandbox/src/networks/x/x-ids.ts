import { randomBytes, randomInt } from 'node:crypto';

/** X's snowflake epoch (2010-11-04T01:42:54.657Z): ids decode to real creation times, as on X. */
const X_EPOCH_MS = 1288834974657n;

let lastMs = 0n;
let sequence = 0n;
// A random worker id per process keeps ids from two sandbox processes on one database apart.
const workerId = BigInt(randomInt(0, 1024));

/** A 19-digit snowflake id: 41 bits of milliseconds, 10 bits of worker, 12 bits of sequence. */
export function nextSnowflake(now = Date.now()): string {
  let ms = BigInt(now);
  if (ms <= lastMs) {
    ms = lastMs;
    sequence = (sequence + 1n) & 4095n;
    if (sequence === 0n) ms = lastMs + 1n; // sequence exhausted in this millisecond: borrow the next one
  } else {
    sequence = 0n;
  }
  lastMs = ms;
  return (((ms - X_EPOCH_MS) << 22n) | (workerId << 12n) | sequence).toString();
}

/** The creation time a snowflake encodes. */
export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + X_EPOCH_MS));
}

/** Ids are 64-bit signed integers on X (and bigint columns here): 19 digits can exceed that. */
const MAX_ID = 9223372036854775807n;

export function isSnowflake(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value) && BigInt(value) <= MAX_ID;
}

/** X's opaque tokens are URL-safe base64; a prefix keeps sandbox tokens recognisable in logs. */
export function opaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Media keys look like `3_1880028106020703232`: the type prefix (3 image, 7 video, 16 gif) and the media id. */
export function mediaKeyFor(mediaId: string, mediaType: string): string {
  const prefix = mediaType.startsWith('video/') ? 7 : mediaType === 'image/gif' ? 16 : 3;
  return `${prefix}_${mediaId}`;
}
