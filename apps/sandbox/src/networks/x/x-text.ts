import { randomBytes } from 'node:crypto';
import * as twitterText from 'twitter-text';
import { XMentionEntity, XTagEntity, XUrlEntity } from './x-rows';

/** X's limit for a post from a standard account, in twitter-text weighted characters. */
export const MAX_WEIGHTED_LENGTH = 280;
/** DMs may be much longer. */
export const MAX_DM_LENGTH = 10_000;

export interface ComposedText {
  /** The text as X stores it: every link replaced by a 23-character t.co link. */
  text: string;
  weightedLength: number;
  mentions: XMentionEntity[];
  hashtags: XTagEntity[];
  urls: XUrlEntity[];
}

/** twitter-text's weighted length (URLs count 23, most CJK and emoji count 2), as X counts it. */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

/**
 * What X does to a post's text when it stores it: links are wrapped in t.co links (so read-back text differs
 * from what was sent, as on X), and the entity offsets are counted in Unicode code points.
 */
export function composeText(input: string): ComposedText {
  const normalized = input.normalize('NFC');
  const found = twitterText.extractUrlsWithIndices(normalized);
  let text = '';
  let cursor = 0;
  const wrapped: Array<{ start16: number; end16: number; url: string; expanded: string; display: string }> =
    [];
  for (const entity of found) {
    const [start, end] = entity.indices;
    text += normalized.slice(cursor, start);
    const shortUrl = `https://t.co/${tcoId()}`;
    const expanded = /^https?:\/\//i.test(entity.url) ? entity.url : `http://${entity.url}`;
    wrapped.push({
      start16: text.length,
      end16: text.length + shortUrl.length,
      url: shortUrl,
      expanded,
      display: displayUrl(expanded),
    });
    text += shortUrl;
    cursor = end;
  }
  text += normalized.slice(cursor);
  const urls: XUrlEntity[] = wrapped.map((entry) => ({
    start: codePointIndex(text, entry.start16),
    end: codePointIndex(text, entry.end16),
    url: entry.url,
    expanded_url: entry.expanded,
    display_url: entry.display,
  }));
  const mentions = twitterText.extractMentionsWithIndices(text).map((mention) => ({
    start: codePointIndex(text, mention.indices[0]),
    end: codePointIndex(text, mention.indices[1]),
    username: mention.screenName,
  }));
  const hashtags = twitterText.extractHashtagsWithIndices(text).map((tag) => ({
    start: codePointIndex(text, tag.indices[0]),
    end: codePointIndex(text, tag.indices[1]),
    tag: tag.hashtag,
  }));
  return { text, weightedLength: weightedLength(normalized), mentions, hashtags, urls };
}

/** Entities of a DM's text (DMs keep their links as sent in the sandbox). */
export function dmEntities(text: string): { mentions: XMentionEntity[]; hashtags: XTagEntity[] } {
  return {
    mentions: twitterText.extractMentionsWithIndices(text).map((mention) => ({
      start: codePointIndex(text, mention.indices[0]),
      end: codePointIndex(text, mention.indices[1]),
      username: mention.screenName,
    })),
    hashtags: twitterText.extractHashtagsWithIndices(text).map((tag) => ({
      start: codePointIndex(text, tag.indices[0]),
      end: codePointIndex(text, tag.indices[1]),
      tag: tag.hashtag,
    })),
  };
}

function codePointIndex(text: string, utf16Index: number): number {
  return Array.from(text.slice(0, utf16Index)).length;
}

function tcoId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(10), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** X shows links without the scheme and cuts them after 26 characters with an ellipsis. */
function displayUrl(expanded: string): string {
  const bare = expanded.replace(/^https?:\/\/(www\.)?/i, '');
  return bare.length > 26 ? `${bare.slice(0, 26)}…` : bare;
}
