import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AppConfig, publicUrl } from '../config/app-config';
import { SecretBox } from './secret-box';

/** Where a signed media URL points, under PUBLIC_URL. */
export const PUBLIC_MEDIA_PATH = '/api/media/public';
/** How long a signed media URL handed to a network stays valid (Instagram fetches the image within seconds). */
export const MEDIA_URL_TTL_MS = 60 * 60_000;

const LABEL = 'outside-in media url v1';

export type MediaSignatureCheck = 'valid' | 'expired' | 'invalid';

/**
 * Time-limited public URLs for our media assets, for networks that fetch images themselves (Instagram's
 * `image_url`). The signature is HMAC-SHA256 over "<media id>.<expires, unix seconds>" with a key derived from
 * ENCRYPTION_KEYS (the development key without it), so no new secret has to be configured and every process
 * of one installation signs and checks alike.
 */
export class MediaUrlSigner {
  private readonly keys: Buffer[];
  private readonly base: string;

  constructor(config: Pick<AppConfig, 'ENCRYPTION_KEYS' | 'PUBLIC_URL' | 'PORT'>) {
    this.keys = SecretBox.fromSetting(config.ENCRYPTION_KEYS).derivedKeys(LABEL);
    this.base = publicUrl(config as AppConfig);
  }

  /** A URL anyone can fetch the asset from until `ttlMs` from `now`. */
  url(mediaId: string, now = new Date(), ttlMs = MEDIA_URL_TTL_MS): string {
    const expires = Math.floor((now.getTime() + ttlMs) / 1000);
    const signature = this.sign(this.keys[0], mediaId, expires);
    return `${this.base}${PUBLIC_MEDIA_PATH}/${encodeURIComponent(mediaId)}?expires=${expires}&signature=${signature}`;
  }

  /** Whether the signature is ours for this id and expiry, and then whether it is still in time. */
  check(mediaId: string, expires: string, signature: string, now = new Date()): MediaSignatureCheck {
    if (!/^\d{1,12}$/.test(expires)) return 'invalid';
    const given = Buffer.from(signature, 'base64url');
    const matches = this.keys.some((key) => {
      const expected = Buffer.from(this.sign(key, mediaId.toLowerCase(), Number(expires)), 'base64url');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!matches) return 'invalid';
    return Number(expires) * 1000 > now.getTime() ? 'valid' : 'expired';
  }

  private sign(key: Buffer, mediaId: string, expires: number): string {
    return createHmac('sha256', key).update(`${mediaId.toLowerCase()}.${expires}`).digest('base64url');
  }
}
