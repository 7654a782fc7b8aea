import { z } from 'zod';

/**
 * Every setting the processes read from the environment, validated once at boot.
 * Each entry carries an example so that a bad value can be reported with a fix.
 */
const settings = {
  NODE_ENV: {
    schema: z.enum(['development', 'production', 'test']).default('development'),
    example: 'production',
  },
  PORT: { schema: z.coerce.number().int().min(0).max(65535).default(3000), example: '3000' },
  HOST: { schema: z.string().min(1).default('0.0.0.0'), example: '0.0.0.0' },
  PUBLIC_URL: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    example: 'https://outside-in.example.gov.uk',
  },
  DATABASE_URL: {
    schema: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/outside_in'),
    example: 'postgres://postgres@127.0.0.1:5432/outside_in',
  },
  REDIS_URL: {
    schema: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    example: 'redis://127.0.0.1:6379',
  },
  QUEUE_PREFIX: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_{}-]+$/, 'letters, digits, _, - and {} only')
      .default('oi'),
    example: '{oi}',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    example: 'info',
  },
  SESSION_TTL_HOURS: { schema: z.coerce.number().int().min(1).max(720).default(12), example: '12' },
  INVITATION_TTL_HOURS: { schema: z.coerce.number().int().min(1).max(720).default(168), example: '168' },
  TRUST_PROXY: { schema: z.stringbool().default(false), example: 'true' },
  ENCRYPTION_KEYS: {
    schema: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/,
        'a comma-separated list of keyId:base64key, 32-byte keys, the first one used for new secrets',
      )
      .optional(),
    example: 'k2026:3q2+7w8vAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBk=',
  },
  SHUTDOWN_TIMEOUT_MS: {
    schema: z.coerce.number().int().min(0).max(600000).default(10000),
    example: '10000',
  },
  PUBLISH_CONCURRENCY: {
    // Publish jobs per worker process at once: they mostly wait on the network and the database.
    schema: z.coerce.number().int().min(1).max(256).default(16),
    example: '16',
  },
  SANDBOX_PORT: { schema: z.coerce.number().int().min(0).max(65535).default(3100), example: '3100' },
  SANDBOX_DATABASE_URL: {
    schema: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    example: 'postgres://postgres@127.0.0.1:5432/outside_in_sandbox',
  },
  WEB_DIST_DIR: { schema: z.string().optional(), example: '/srv/outside-in/dist/web' },
  DEMO_SEED: { schema: z.stringbool().default(false), example: 'true' },
  SANDBOX_URL: {
    schema: z.url({ protocol: /^https?$/ }).optional(),
    example: 'http://127.0.0.1:3100',
  },
  X_CLIENT_ID: { schema: z.string().min(1).optional(), example: 'M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ' },
  X_CLIENT_SECRET: { schema: z.string().min(1).optional(), example: 'kD5b...secret' },
  X_CONSUMER_SECRET: {
    schema: z.string().min(1).optional(),
    example: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw3Ks0kNa',
  },
  X_BEARER_TOKEN: {
    schema: z.string().min(1).optional(),
    example:
      'AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F',
  },
  X_API_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('https://api.x.com'),
    example: 'https://api.x.com',
  },
  X_AUTHORIZE_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('https://x.com/i/oauth2/authorize'),
    example: 'https://x.com/i/oauth2/authorize',
  },
  META_APP_ID: { schema: z.string().regex(/^\d+$/, 'digits only').optional(), example: '1234567890123456' },
  META_APP_SECRET: { schema: z.string().min(1).optional(), example: '0123456789abcdef0123456789abcdef' },
  META_WEBHOOK_VERIFY_TOKEN: {
    schema: z.string().min(16, 'at least 16 characters').optional(),
    example: 'b3f1c9e2a7d44e0c9a51f6e8d2c7b4a0',
  },
  META_GRAPH_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com'),
    example: 'https://graph.facebook.com',
  },
  META_DIALOG_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('https://www.facebook.com/v24.0/dialog/oauth'),
    example: 'https://www.facebook.com/v24.0/dialog/oauth',
  },
  WEBHOOK_EVENT_KEEP_DAYS: {
    schema: z.coerce.number().int().min(1).max(3650).default(30),
    example: '30',
  },
  WEBHOOK_EVENT_FAILED_KEEP_DAYS: {
    schema: z.coerce.number().int().min(1).max(3650).default(180),
    example: '180',
  },
  BLUESKY_SERVICE_URL: {
    schema: z.url({ protocol: /^https?$/ }).default('https://bsky.social'),
    example: 'https://bsky.social',
  },
  SMTP_URL: {
    schema: z.url({ protocol: /^smtps?$/ }).optional(),
    example: 'smtp://user:password@smtp.example.gov.uk:587',
  },
  SMTP_FROM: {
    schema: z.string().min(3).default('Outside In <no-reply@localhost>'),
    example: 'Outside In <outside-in@council.gov.uk>',
  },
} as const;

type Settings = typeof settings;
export type AppConfig = { readonly [K in keyof Settings]: z.output<Settings[K]['schema']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, { schema, example }] of Object.entries(settings)) {
    const raw = env[name];
    const result = (schema as z.ZodType).safeParse(raw === '' ? undefined : raw);
    if (result.success) {
      values[name] = result.data;
    } else {
      const reason = result.error.issues.map((issue) => issue.message).join('; ');
      problems.push(`${name}=${JSON.stringify(raw)} is not valid (${reason}). Example: ${name}=${example}`);
    }
  }
  if (values.NODE_ENV === 'production' && !values.ENCRYPTION_KEYS) {
    problems.push(
      `ENCRYPTION_KEYS is required in production (it encrypts channel credentials). Example: ENCRYPTION_KEYS=${settings.ENCRYPTION_KEYS.example}`,
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return values as AppConfig;
}

/** The URL people use to reach the web app, for links in invitations and e-mails. */
export function publicUrl(config: AppConfig): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}

/** Where this process reaches the sandbox networks (practice channels): SANDBOX_URL, else the local one. */
export function sandboxUrl(config: AppConfig): string {
  return (config.SANDBOX_URL ?? `http://127.0.0.1:${config.SANDBOX_PORT}`).replace(/\/$/, '');
}
