/** The parts of X API v2 answers this adapter reads (PLATFORMS.md A2); everything else is kept in `raw`. */
export interface XTweet {
  id: string;
  text: string;
  author_id?: string;
  created_at?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  lang?: string;
  referenced_tweets?: { type: string; id: string }[];
}

export interface XUser {
  id: string;
  username: string;
  name: string;
}

export interface XDmEvent {
  id: string;
  event_type: string;
  text?: string;
  sender_id?: string;
  dm_conversation_id?: string;
  created_at?: string;
}

export interface XPage<T> {
  data?: T[];
  includes?: { users?: XUser[] };
  meta?: { result_count?: number; newest_id?: string; oldest_id?: string; next_token?: string };
}

/** The tweet this one replies to, if any. */
export function repliedTo(tweet: XTweet): string | undefined {
  return tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id;
}

export function tweetUrl(username: string, id: string): string {
  return `https://x.com/${username}/status/${id}`;
}

export function profileUrl(username: string): string {
  return `https://x.com/${username}`;
}
