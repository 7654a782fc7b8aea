/**
 * The Mastodon sandbox's tables in the sandbox database (idempotent DDL, run by SandboxDb.ensureSchema).
 *
 * Ids are Mastodon-style snowflakes: milliseconds since the epoch shifted left 16 bits, plus a sequence in
 * the low bits (Mastodon's `timestamp_id`). They sort by creation time, which since_id/max_id/min_id rely on,
 * and are served as decimal strings as Mastodon does.
 */
export const MASTODON_SCHEMA: string[] = [
  'CREATE SEQUENCE IF NOT EXISTS mastodon_id_seq',
  `CREATE OR REPLACE FUNCTION mastodon_next_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$
     SELECT (floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint << 16) | (nextval('mastodon_id_seq') % 65536)
   $$`,
  `CREATE TABLE IF NOT EXISTS mastodon_accounts (
     id bigint PRIMARY KEY DEFAULT mastodon_next_id(),
     username text NOT NULL,
     display_name text NOT NULL DEFAULT '',
     note text NOT NULL DEFAULT '',
     password text NOT NULL,
     bot boolean NOT NULL DEFAULT false,
     citizen_key text UNIQUE,
     language text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  'CREATE UNIQUE INDEX IF NOT EXISTS mastodon_accounts_username ON mastodon_accounts (lower(username))',
  `CREATE TABLE IF NOT EXISTS mastodon_apps (
     id bigint PRIMARY KEY DEFAULT mastodon_next_id(),
     name text NOT NULL,
     website text,
     redirect_uris text[] NOT NULL,
     scopes text NOT NULL,
     client_id text NOT NULL UNIQUE,
     client_secret text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS mastodon_tokens (
     token text PRIMARY KEY,
     app_id bigint REFERENCES mastodon_apps (id),
     account_id bigint REFERENCES mastodon_accounts (id),
     scopes text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     revoked_at timestamptz
   )`,
  `CREATE TABLE IF NOT EXISTS mastodon_auth_codes (
     code text PRIMARY KEY,
     app_id bigint NOT NULL REFERENCES mastodon_apps (id),
     account_id bigint NOT NULL REFERENCES mastodon_accounts (id),
     redirect_uri text NOT NULL,
     scopes text NOT NULL,
     code_challenge text,
     created_at timestamptz NOT NULL DEFAULT now(),
     used_at timestamptz
   )`,
  `CREATE TABLE IF NOT EXISTS mastodon_statuses (
     id bigint PRIMARY KEY DEFAULT mastodon_next_id(),
     account_id bigint NOT NULL REFERENCES mastodon_accounts (id),
     text text NOT NULL,
     content text NOT NULL,
     spoiler_text text NOT NULL DEFAULT '',
     visibility text NOT NULL,
     sensitive boolean NOT NULL DEFAULT false,
     language text,
     in_reply_to_id bigint,
     in_reply_to_account_id bigint,
     conversation_id bigint NOT NULL,
     mention_ids bigint[] NOT NULL DEFAULT '{}',
     tags text[] NOT NULL DEFAULT '{}',
     application_name text,
     idempotency_key text,
     created_at timestamptz NOT NULL DEFAULT now(),
     deleted_at timestamptz
   )`,
  'CREATE INDEX IF NOT EXISTS mastodon_statuses_account ON mastodon_statuses (account_id, id DESC)',
  'CREATE INDEX IF NOT EXISTS mastodon_statuses_reply ON mastodon_statuses (in_reply_to_id)',
  `CREATE TABLE IF NOT EXISTS mastodon_media (
     id bigint PRIMARY KEY DEFAULT mastodon_next_id(),
     account_id bigint NOT NULL REFERENCES mastodon_accounts (id),
     status_id bigint,
     type text NOT NULL,
     content_type text NOT NULL,
     file_name text,
     size integer NOT NULL,
     bytes bytea NOT NULL,
     description text,
     focus text,
     width integer,
     height integer,
     created_at timestamptz NOT NULL DEFAULT now(),
     processed_at timestamptz NOT NULL
   )`,
  'CREATE INDEX IF NOT EXISTS mastodon_media_status ON mastodon_media (status_id)',
  `CREATE TABLE IF NOT EXISTS mastodon_idempotency (
     account_id bigint NOT NULL,
     key text NOT NULL,
     status_id bigint NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (account_id, key)
   )`,
  `CREATE TABLE IF NOT EXISTS mastodon_notifications (
     id bigint PRIMARY KEY DEFAULT mastodon_next_id(),
     account_id bigint NOT NULL REFERENCES mastodon_accounts (id),
     from_account_id bigint NOT NULL REFERENCES mastodon_accounts (id),
     type text NOT NULL,
     status_id bigint,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  'CREATE INDEX IF NOT EXISTS mastodon_notifications_account ON mastodon_notifications (account_id, id DESC)',
  `CREATE TABLE IF NOT EXISTS mastodon_conversation_members (
     conversation_id bigint NOT NULL,
     account_id bigint NOT NULL REFERENCES mastodon_accounts (id),
     participant_ids bigint[] NOT NULL,
     last_status_id bigint NOT NULL,
     unread boolean NOT NULL DEFAULT true,
     PRIMARY KEY (conversation_id, account_id)
   )`,
  `CREATE INDEX IF NOT EXISTS mastodon_conversation_members_account
     ON mastodon_conversation_members (account_id, last_status_id DESC)`,
  // Scheduled statuses (scheduled_at); their media are reserved so no other status can take them meanwhile.
  `CREATE TABLE IF NOT EXISTS mastodon_scheduled_statuses (
     id bigint PRIMARY KEY DEFAULT mastodon_next_id(),
     account_id bigint NOT NULL REFERENCES mastodon_accounts (id),
     scheduled_at timestamptz NOT NULL,
     text text NOT NULL,
     spoiler_text text NOT NULL DEFAULT '',
     visibility text NOT NULL,
     sensitive boolean,
     language text,
     in_reply_to_id bigint,
     media_ids bigint[] NOT NULL DEFAULT '{}',
     idempotency_key text,
     application_id bigint,
     application_name text,
     created_at timestamptz NOT NULL DEFAULT now(),
     published_at timestamptz,
     status_id bigint
   )`,
  `CREATE INDEX IF NOT EXISTS mastodon_scheduled_statuses_due
     ON mastodon_scheduled_statuses (scheduled_at) WHERE published_at IS NULL`,
  'ALTER TABLE mastodon_media ADD COLUMN IF NOT EXISTS scheduled_status_id bigint',
  // What an Idempotency-Key produced: a status, or a scheduled status.
  "ALTER TABLE mastodon_idempotency ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'status'",
];
