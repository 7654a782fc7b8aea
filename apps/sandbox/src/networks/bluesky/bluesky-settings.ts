/**
 * Settings of the Bluesky network, read once when the sandbox starts. The access-token lifetime can be
 * shortened (SANDBOX_BLUESKY_ACCESS_TOKEN_TTL_SECONDS) so tests and practice sessions meet a real
 * ExpiredToken and see the client refresh; the PDS default is two hours.
 */
export interface BlueskySettings {
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long a rotated refresh token keeps working (the PDS allows a grace period for lost responses). */
  refreshGraceSeconds: number;
  /** Accounts get handles under this domain, like a PDS's available user domains (dev-env uses `.test`). */
  handleDomain: string;
  /** The PDS's default blob upload limit (PDS_BLOB_UPLOAD_LIMIT), in bytes. */
  blobUploadLimit: number;
}

export const BLUESKY_SETTINGS = Symbol('BLUESKY_SETTINGS');

export function blueskySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): BlueskySettings {
  const raw = env.SANDBOX_BLUESKY_ACCESS_TOKEN_TTL_SECONDS;
  const ttl = raw === undefined || raw === '' ? 7200 : Number(raw);
  if (!Number.isInteger(ttl) || ttl < 1) {
    throw new Error(
      `SANDBOX_BLUESKY_ACCESS_TOKEN_TTL_SECONDS must be a whole number of seconds of at least 1 (e.g. 7200); got "${raw}".`,
    );
  }
  return {
    accessTokenTtlSeconds: ttl,
    refreshTokenTtlSeconds: 90 * 24 * 3600,
    refreshGraceSeconds: 2 * 3600,
    handleDomain: '.test',
    blobUploadLimit: 5 * 1024 * 1024,
  };
}
