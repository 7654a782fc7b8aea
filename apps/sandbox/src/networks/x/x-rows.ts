/** Rows of the X tables as pg returns them (bigint columns arrive as strings). */
export interface XAppRow {
  client_id: string;
  client_secret: string;
  consumer_key: string;
  consumer_secret: string;
  app_id: string;
  name: string;
}

export interface XUserRow {
  id: string;
  username: string;
  name: string;
  description: string;
  citizen_key: string | null;
  language: string | null;
  created_at: Date;
}

export interface XTokenRow {
  token: string;
  kind: 'access' | 'refresh' | 'app';
  client_id: string;
  user_id: string | null;
  scopes: string;
  expires_at: Date | null;
  used_at: Date | null;
  revoked_at: Date | null;
}

export interface XAuthCodeRow {
  code: string;
  client_id: string;
  user_id: string;
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: string;
  scopes: string;
  expires_at: Date;
  used_at: Date | null;
}

export interface XMentionEntity {
  start: number;
  end: number;
  username: string;
  id?: string;
}

export interface XTagEntity {
  start: number;
  end: number;
  tag: string;
}

export interface XUrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
}

export interface XTweetRow {
  id: string;
  author_id: string;
  text: string;
  /** The text as the client sent it, before links became t.co links (X's duplicate check compares this). */
  source_text: string;
  conversation_id: string;
  in_reply_to_tweet_id: string | null;
  in_reply_to_user_id: string | null;
  quote_tweet_id: string | null;
  media_keys: string[];
  mentions: XMentionEntity[];
  hashtags: XTagEntity[];
  urls: XUrlEntity[];
  mentioned_user_ids: string[];
  reply_settings: string;
  lang: string | null;
  created_at: Date;
  deleted_at: Date | null;
}

export interface XMediaRow {
  id: string;
  media_key: string;
  owner_id: string;
  additional_owners: string[];
  media_type: string;
  media_category: string;
  total_bytes: string;
  segments: Record<string, number>;
  head: Buffer | null;
  width: number | null;
  height: number | null;
  state: 'initialized' | 'finalized';
  processing_state: 'pending' | 'in_progress' | 'succeeded' | 'failed' | null;
  alt_text: string | null;
  created_at: Date;
  finalized_at: Date | null;
  expires_at: Date;
}

export interface XDmEventRow {
  id: string;
  dm_conversation_id: string;
  sender_id: string;
  recipient_id: string;
  text: string;
  media_keys: string[];
  created_at: Date;
}

export interface XWebhookRow {
  id: string;
  client_id: string;
  url: string;
  valid: boolean;
  created_at: Date;
}
