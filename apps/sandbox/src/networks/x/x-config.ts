/** Injection token for the X network's settings. */
export const X_NETWORK_CONFIG = Symbol('X_NETWORK_CONFIG');

export interface XNetworkConfig {
  /** Lifetime of OAuth 2.0 access tokens; X's is two hours. */
  accessTokenTtlSeconds: number;
  /** Lifetime of an authorization code; X's is 30 seconds. */
  authorizationCodeTtlSeconds: number;
}

/**
 * Read once at boot. SANDBOX_X_ACCESS_TOKEN_TTL_SECONDS lets a test or the demo make tokens expire quickly,
 * to practise refreshing them.
 */
export function loadXNetworkConfig(env: NodeJS.ProcessEnv = process.env): XNetworkConfig {
  return {
    accessTokenTtlSeconds: positiveInteger(env, 'SANDBOX_X_ACCESS_TOKEN_TTL_SECONDS', 7200),
    authorizationCodeTtlSeconds: positiveInteger(env, 'SANDBOX_X_AUTH_CODE_TTL_SECONDS', 30),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `${name} must be a whole number of seconds of at least 1 (for example ${fallback}), not "${raw}".`,
    );
  }
  return value;
}
