/**
 * The X network's own tables in the sandbox database (idempotent DDL, run through SandboxDb.ensureSchema).
 * Ids are snowflake strings kept as bigint so that "newer than" is a numeric comparison, as on X.
 */
export const X_SCHEMA_OWNER = 'x';

export const X_SCHEMA_DDL: string[] = [
  `CREATE TABLE IF NOT EXISTS x_apps (
     client_id text PRIMARY KEY,
     client_secret text NOT NULL,
     consumer_key text NOT NULL UNIQUE,
     consumer_secret text NOT NULL,
     app_id bigint NOT NULL,
     name text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS x_users (
     id bigint PRIMARY KEY,
     username text NOT NULL,
     name text NOT NULL,
     description text NOT NULL DEFAULT '',
     citizen_key text UNIQUE,
     language text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS x_users_username_key ON x_users (lower(username))`,
  `CREATE TABLE IF NOT EXISTS x_tokens (
     token text PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('access', 'refresh', 'app')),
     client_id text NOT NULL REFERENCES x_apps (client_id),
     user_id bigint REFERENCES x_users (id),
     scopes text NOT NULL DEFAULT '',
     expires_at timestamptz,
     used_at timestamptz,
     revoked_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS x_auth_codes (
     code text PRIMARY KEY,
     client_id text NOT NULL REFERENCES x_apps (client_id),
     user_id bigint NOT NULL REFERENCES x_users (id),
     redirect_uri text NOT NULL,
     code_challenge text NOT NULL,
     code_challenge_method text NOT NULL,
     scopes text NOT NULL,
     expires_at timestamptz NOT NULL,
     used_at timestamptz
   )`,
  `CREATE TABLE IF NOT EXISTS x_tweets (
     id bigint PRIMARY KEY,
     author_id bigint NOT NULL REFERENCES x_users (id),
     text text NOT NULL,
     source_text text NOT NULL,
     conversation_id bigint NOT NULL,
     in_reply_to_tweet_id bigint,
     in_reply_to_user_id bigint,
     quote_tweet_id bigint,
     media_keys text[] NOT NULL DEFAULT '{}',
     mentions jsonb NOT NULL DEFAULT '[]',
     hashtags jsonb NOT NULL DEFAULT '[]',
     urls jsonb NOT NULL DEFAULT '[]',
     mentioned_user_ids bigint[] NOT NULL DEFAULT '{}',
     reply_settings text NOT NULL DEFAULT 'everyone',
     lang text,
     poll jsonb,
     created_at timestamptz NOT NULL DEFAULT now(),
     deleted_at timestamptz
   )`,
  `CREATE INDEX IF NOT EXISTS x_tweets_author_idx ON x_tweets (author_id, id DESC)`,
  `CREATE INDEX IF NOT EXISTS x_tweets_mentioned_idx ON x_tweets USING gin (mentioned_user_ids)`,
  `CREATE INDEX IF NOT EXISTS x_tweets_reply_user_idx ON x_tweets (in_reply_to_user_id, id DESC)`,
  `CREATE TABLE IF NOT EXISTS x_media (
     id bigint PRIMARY KEY,
     media_key text NOT NULL UNIQUE,
     owner_id bigint NOT NULL REFERENCES x_users (id),
     additional_owners bigint[] NOT NULL DEFAULT '{}',
     media_type text NOT NULL,
     media_category text NOT NULL,
     total_bytes bigint NOT NULL,
     segments jsonb NOT NULL DEFAULT '{}',
     head bytea,
     width integer,
     height integer,
     state text NOT NULL DEFAULT 'initialized' CHECK (state IN ('initialized', 'finalized')),
     processing_state text,
     created_at timestamptz NOT NULL DEFAULT now(),
     finalized_at timestamptz,
     expires_at timestamptz NOT NULL
   )`,
  // Alt text arrived after the first schema; IF NOT EXISTS keeps older sandbox databases working.
  `ALTER TABLE x_media ADD COLUMN IF NOT EXISTS alt_text text`,
  `CREATE TABLE IF NOT EXISTS x_dm_events (
     id bigint PRIMARY KEY,
     dm_conversation_id text NOT NULL,
     sender_id bigint NOT NULL REFERENCES x_users (id),
     recipient_id bigint NOT NULL REFERENCES x_users (id),
     text text NOT NULL DEFAULT '',
     media_keys text[] NOT NULL DEFAULT '{}',
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX IF NOT EXISTS x_dm_events_sender_idx ON x_dm_events (sender_id, id DESC)`,
  `CREATE INDEX IF NOT EXISTS x_dm_events_recipient_idx ON x_dm_events (recipient_id, id DESC)`,
  `CREATE TABLE IF NOT EXISTS x_webhooks (
     id bigint PRIMARY KEY,
     client_id text NOT NULL REFERENCES x_apps (client_id),
     url text NOT NULL,
     valid boolean NOT NULL DEFAULT false,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS x_webhook_subscriptions (
     webhook_id bigint NOT NULL REFERENCES x_webhooks (id) ON DELETE CASCADE,
     user_id bigint NOT NULL REFERENCES x_users (id),
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (webhook_id, user_id)
   )`,
];
