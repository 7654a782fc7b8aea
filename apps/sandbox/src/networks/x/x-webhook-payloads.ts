import { XDmEventRow, XTweetRow, XUserRow } from './x-rows';

/**
 * Account Activity payloads use v1.1-style objects (PLATFORMS.md A4): numeric `id` beside `id_str`,
 * Twitter's old date format, `indices` pairs. Numeric ids are written as bare JSON numbers with all their
 * digits, as X does, which is why consumers must read `id_str`.
 */
const BIG_NUMBER = '\u0000bignum:';

export function bigNumber(id: string): string {
  return `${BIG_NUMBER}${id}`;
}

/** JSON.stringify, then unquote the values marked with bigNumber(). */
export function serializePayload(payload: unknown): string {
  return JSON.stringify(payload).replace(/"\\u0000bignum:([0-9]+)"/g, '$1');
}

/** `Mon May 19 14:01:46 +0000 2025` */
export function legacyDate(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000 ${date.getUTCFullYear()}`;
}

export function legacyUser(user: XUserRow): Record<string, unknown> {
  return {
    id: bigNumber(String(user.id)),
    id_str: String(user.id),
    name: user.name,
    screen_name: user.username,
    location: null,
    url: null,
    description: user.description,
    protected: false,
    verified: false,
    followers_count: 0,
    friends_count: 0,
    listed_count: 0,
    favourites_count: 0,
    statuses_count: 0,
    created_at: legacyDate(user.created_at),
    profile_image_url_https: 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png',
    default_profile_image: true,
  };
}

export function legacyTweet(
  tweet: XTweetRow,
  author: XUserRow,
  usersById: Map<string, XUserRow>,
): Record<string, unknown> {
  const codePoints = Array.from(tweet.text);
  const entities = {
    hashtags: tweet.hashtags.map((tag) => ({ text: tag.tag, indices: [tag.start, tag.end] })),
    urls: tweet.urls.map((url) => ({
      url: url.url,
      expanded_url: url.expanded_url,
      display_url: url.display_url,
      indices: [url.start, url.end],
    })),
    user_mentions: tweet.mentions
      .filter((mention) => mention.id)
      .map((mention) => {
        const user = usersById.get(String(mention.id));
        return {
          screen_name: user?.username ?? mention.username,
          name: user?.name ?? mention.username,
          id: bigNumber(String(mention.id)),
          id_str: String(mention.id),
          indices: [mention.start, mention.end],
        };
      }),
    symbols: [],
  };
  const truncated = codePoints.length > 140;
  const replyTo = tweet.in_reply_to_user_id ? usersById.get(String(tweet.in_reply_to_user_id)) : undefined;
  const payload: Record<string, unknown> = {
    created_at: legacyDate(tweet.created_at),
    id: bigNumber(String(tweet.id)),
    id_str: String(tweet.id),
    text: truncated ? `${codePoints.slice(0, 139).join('')}…` : tweet.text,
    display_text_range: [0, Math.min(codePoints.length, 140)],
    source: '<a href="https://outside-in.example/sandbox" rel="nofollow">Outside In sandbox</a>',
    truncated,
    in_reply_to_status_id: tweet.in_reply_to_tweet_id ? bigNumber(String(tweet.in_reply_to_tweet_id)) : null,
    in_reply_to_status_id_str: tweet.in_reply_to_tweet_id ? String(tweet.in_reply_to_tweet_id) : null,
    in_reply_to_user_id: tweet.in_reply_to_user_id ? bigNumber(String(tweet.in_reply_to_user_id)) : null,
    in_reply_to_user_id_str: tweet.in_reply_to_user_id ? String(tweet.in_reply_to_user_id) : null,
    in_reply_to_screen_name: replyTo?.username ?? null,
    user: legacyUser(author),
    is_quote_status: Boolean(tweet.quote_tweet_id),
    ...(tweet.quote_tweet_id ? { quoted_status_id_str: String(tweet.quote_tweet_id) } : {}),
    quote_count: 0,
    reply_count: 0,
    retweet_count: 0,
    favorite_count: 0,
    entities,
    favorited: false,
    retweeted: false,
    filter_level: 'low',
    lang: tweet.lang ?? 'en',
    timestamp_ms: String(tweet.created_at.getTime()),
  };
  if (truncated) {
    payload.extended_tweet = { full_text: tweet.text, display_text_range: [0, codePoints.length], entities };
  }
  return payload;
}

export function legacyDmEvent(event: XDmEventRow, appId: string): Record<string, unknown> {
  return {
    type: 'message_create',
    id: String(event.id),
    created_timestamp: String(event.created_at.getTime()),
    message_create: {
      target: { recipient_id: String(event.recipient_id) },
      sender_id: String(event.sender_id),
      source_app_id: appId,
      message_data: {
        text: event.text,
        entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
      },
    },
  };
}

export function legacyDmUser(user: XUserRow): Record<string, unknown> {
  return {
    id: String(user.id),
    created_timestamp: String(user.created_at.getTime()),
    name: user.name,
    screen_name: user.username,
    protected: false,
    verified: false,
    followers_count: 0,
    friends_count: 0,
    statuses_count: 0,
    profile_image_url_https: 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png',
  };
}
