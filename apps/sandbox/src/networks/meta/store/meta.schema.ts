/**
 * The Meta network's tables in the sandbox database (see SandboxDb.ensureSchema). Ids are Graph's numeric
 * strings; `seq` columns give a stable order for cursor paging.
 */
export const META_SCHEMA: string[] = [
  `CREATE TABLE IF NOT EXISTS meta_apps (
     id text PRIMARY KEY,
     secret text NOT NULL,
     name text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS meta_users (
     id text PRIMARY KEY,
     name text NOT NULL,
     kind text NOT NULL,
     citizen_key text UNIQUE,
     ig_id text UNIQUE,
     ig_username text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS meta_pages (
     id text PRIMARY KEY,
     name text NOT NULL,
     username text NOT NULL,
     category text NOT NULL DEFAULT 'Government organization',
     admin_user_id text NOT NULL REFERENCES meta_users (id),
     ig_user_id text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS meta_ig_users (
     id text PRIMARY KEY,
     page_id text NOT NULL REFERENCES meta_pages (id),
     username text NOT NULL,
     name text NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  // Facebook usernames and Instagram usernames are unique, whatever their case.
  'CREATE UNIQUE INDEX IF NOT EXISTS meta_pages_username ON meta_pages (lower(username))',
  'CREATE UNIQUE INDEX IF NOT EXISTS meta_ig_users_username ON meta_ig_users (lower(username))',
  `CREATE TABLE IF NOT EXISTS meta_tokens (
     token text PRIMARY KEY,
     kind text NOT NULL,
     app_id text NOT NULL REFERENCES meta_apps (id),
     user_id text NOT NULL REFERENCES meta_users (id),
     page_id text REFERENCES meta_pages (id),
     scopes text[] NOT NULL DEFAULT '{}',
     long_lived boolean NOT NULL DEFAULT false,
     expires_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS meta_oauth_codes (
     code text PRIMARY KEY,
     app_id text NOT NULL REFERENCES meta_apps (id),
     user_id text NOT NULL REFERENCES meta_users (id),
     redirect_uri text NOT NULL,
     scopes text[] NOT NULL DEFAULT '{}',
     expires_at timestamptz NOT NULL,
     used_at timestamptz
   )`,
  `CREATE TABLE IF NOT EXISTS meta_posts (
     id text PRIMARY KEY,
     page_id text NOT NULL REFERENCES meta_pages (id),
     status_type text NOT NULL,
     message text,
     link text,
     photo_id text,
     published boolean NOT NULL,
     scheduled_publish_time timestamptz,
     deleted_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     seq bigserial UNIQUE
   )`,
  'CREATE INDEX IF NOT EXISTS meta_posts_page ON meta_posts (page_id, seq)',
  `CREATE TABLE IF NOT EXISTS meta_photos (
     id text PRIMARY KEY,
     page_id text NOT NULL REFERENCES meta_pages (id),
     post_id text,
     url text,
     bytes integer,
     caption text,
     alt_text text,
     published boolean NOT NULL,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS meta_comments (
     id text PRIMARY KEY,
     network text NOT NULL,
     object_id text NOT NULL,
     parent_id text,
     page_id text NOT NULL,
     author_id text NOT NULL,
     author_name text NOT NULL,
     author_username text,
     message text NOT NULL,
     is_hidden boolean NOT NULL DEFAULT false,
     deleted_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     seq bigserial UNIQUE
   )`,
  'CREATE INDEX IF NOT EXISTS meta_comments_object ON meta_comments (object_id, seq)',
  // The Messenger message that privately answered this comment (a comment gets at most one).
  'ALTER TABLE meta_comments ADD COLUMN IF NOT EXISTS private_reply_id text',
  'CREATE INDEX IF NOT EXISTS meta_comments_parent ON meta_comments (parent_id, seq)',
  `CREATE TABLE IF NOT EXISTS meta_conversations (
     id text PRIMARY KEY,
     page_id text NOT NULL REFERENCES meta_pages (id),
     platform text NOT NULL,
     user_id text NOT NULL REFERENCES meta_users (id),
     updated_at timestamptz NOT NULL DEFAULT now(),
     seq bigserial UNIQUE,
     UNIQUE (page_id, platform, user_id)
   )`,
  `CREATE TABLE IF NOT EXISTS meta_messages (
     id text PRIMARY KEY,
     conversation_id text NOT NULL REFERENCES meta_conversations (id),
     from_page boolean NOT NULL,
     text text,
     attachment jsonb,
     created_at timestamptz NOT NULL DEFAULT now(),
     seq bigserial UNIQUE
   )`,
  'CREATE INDEX IF NOT EXISTS meta_messages_conversation ON meta_messages (conversation_id, seq)',
  `CREATE TABLE IF NOT EXISTS meta_ig_containers (
     id text PRIMARY KEY,
     ig_user_id text NOT NULL REFERENCES meta_ig_users (id),
     media_type text NOT NULL,
     media_url text NOT NULL,
     caption text,
     alt_text text,
     ready_at timestamptz NOT NULL,
     expires_at timestamptz NOT NULL,
     media_id text,
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE IF NOT EXISTS meta_ig_media (
     id text PRIMARY KEY,
     ig_user_id text NOT NULL REFERENCES meta_ig_users (id),
     container_id text NOT NULL UNIQUE,
     media_type text NOT NULL,
     media_url text NOT NULL,
     caption text,
     alt_text text,
     shortcode text NOT NULL,
     deleted_at timestamptz,
     created_at timestamptz NOT NULL DEFAULT now(),
     seq bigserial UNIQUE
   )`,
  `CREATE TABLE IF NOT EXISTS meta_app_subscriptions (
     app_id text NOT NULL REFERENCES meta_apps (id),
     object text NOT NULL,
     callback_url text NOT NULL,
     verify_token text NOT NULL,
     fields text[] NOT NULL,
     PRIMARY KEY (app_id, object)
   )`,
  `CREATE TABLE IF NOT EXISTS meta_page_subscriptions (
     page_id text NOT NULL REFERENCES meta_pages (id),
     app_id text NOT NULL REFERENCES meta_apps (id),
     fields text[] NOT NULL,
     PRIMARY KEY (page_id, app_id)
   )`,
  `CREATE TABLE IF NOT EXISTS meta_webhook_deliveries (
     id bigserial PRIMARY KEY,
     app_id text NOT NULL,
     object text NOT NULL,
     field text NOT NULL,
     callback_url text NOT NULL,
     body text NOT NULL,
     state text NOT NULL DEFAULT 'pending',
     attempts integer NOT NULL DEFAULT 0,
     last_status integer,
     last_error text,
     created_at timestamptz NOT NULL DEFAULT now(),
     delivered_at timestamptz
   )`,
];
