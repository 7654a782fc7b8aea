import { AppConfig } from '@outside-in/common';

/** Injection token for the sandbox's own settings (see SandboxOptions). */
export const SANDBOX_OPTIONS = Symbol('SANDBOX_OPTIONS');

export interface SandboxOptions {
  /** The sandbox's own Postgres database; created on first use if it does not exist. */
  databaseUrl: string;
  /**
   * How often the crowd's timer wakes up, in milliseconds. The crowd produces as many items per tick as its
   * rate calls for, so this only sets the granularity (tests may lower it).
   */
  crowdTickMs?: number;
}

/**
 * SANDBOX_DATABASE_URL, or else DATABASE_URL with `_sandbox` appended to the database name
 * (postgres://.../outside_in -> postgres://.../outside_in_sandbox): the sandbox never shares tables with the app.
 */
export function sandboxDatabaseUrl(config: Pick<AppConfig, 'DATABASE_URL' | 'SANDBOX_DATABASE_URL'>): string {
  if (config.SANDBOX_DATABASE_URL) return config.SANDBOX_DATABASE_URL;
  const url = new URL(config.DATABASE_URL);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'outside_in';
  url.pathname = `/${encodeURIComponent(`${name}_sandbox`)}`;
  return url.toString();
}

export function sandboxOptionsFromConfig(config: AppConfig): SandboxOptions {
  return { databaseUrl: sandboxDatabaseUrl(config) };
}
