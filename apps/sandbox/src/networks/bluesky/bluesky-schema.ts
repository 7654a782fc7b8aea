/* indexed_at is kept to the millisecond: cursors carry it as an ISO string, which has no microseconds. */
/** The Bluesky network's tables in the sandbox database (SandboxDb.ensureSchema('bluesky', ...)). */
export const BLUESKY_SCHEMA: string[] = [
  `CREATE TABLE IF NOT EXISTS bluesky_server (
     id int PRIMARY KEY CHECK (id = 1),
     jwt_secret text NOT NULL,
     service_did text NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS bluesky_accounts (
     did text PRIMARY KEY,
     handle text NOT NULL UNIQUE,
     email text NOT NULL UNIQUE,
     display_name text,
     description text,
     app_password_hash text NOT NULL,
     signing_key text NOT NULL,
     citizen_key text UNIQUE,
     repo_rev text,
     repo_commit text,
     seen_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp()
   )`,
  `CREATE TABLE IF NOT EXISTS bluesky_refresh_tokens (
     jti text PRIMARY KEY,
     did text NOT NULL REFERENCES bluesky_accounts (did),
     expires_at timestamptz NOT NULL,
     rotated_at timestamptz
   )`,
  'ALTER TABLE bluesky_refresh_tokens ADD COLUMN IF NOT EXISTS next_jti text',
  `CREATE TABLE IF NOT EXISTS bluesky_records (
     did text NOT NULL REFERENCES bluesky_accounts (did),
     collection text NOT NULL,
     rkey text NOT NULL,
     cid text NOT NULL,
     value jsonb NOT NULL,
     reply_root text,
     reply_parent text,
     has_media boolean NOT NULL DEFAULT false,
     indexed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
     PRIMARY KEY (did, collection, rkey)
   )`,
  'CREATE INDEX IF NOT EXISTS bluesky_records_parent ON bluesky_records (reply_parent)',
  'CREATE INDEX IF NOT EXISTS bluesky_records_feed ON bluesky_records (did, collection, indexed_at DESC)',
  `CREATE TABLE IF NOT EXISTS bluesky_blobs (
     did text NOT NULL REFERENCES bluesky_accounts (did),
     cid text NOT NULL,
     mime_type text NOT NULL,
     size int NOT NULL,
     bytes bytea NOT NULL,
     created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
     PRIMARY KEY (did, cid)
   )`,
  `CREATE TABLE IF NOT EXISTS bluesky_notifications (
     id bigserial PRIMARY KEY,
     recipient_did text NOT NULL REFERENCES bluesky_accounts (did),
     author_did text NOT NULL REFERENCES bluesky_accounts (did),
     reason text NOT NULL,
     reason_subject text,
     record_uri text NOT NULL,
     record_cid text NOT NULL,
     indexed_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
     UNIQUE (recipient_did, record_uri, reason)
   )`,
  'CREATE INDEX IF NOT EXISTS bluesky_notifications_recipient ON bluesky_notifications (recipient_did, indexed_at DESC, id DESC)',
];
