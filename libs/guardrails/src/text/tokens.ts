/**
 * Splitting social-media text into the parts the guardrails care about. URLs, @mentions, hashtags
 * and emoji are not words: they are found first so that word counts, reading age and language
 * detection ignore them.
 */

export interface TextRange {
  /** Index of the first UTF-16 code unit. */
  start: number;
  /** Index after the last code unit (exclusive), so text.slice(start, end) is the match. */
  end: number;
}

/** 'url' covers web addresses (with or without https://) and email addresses. */
export type TokenKind = 'url' | 'mention' | 'hashtag' | 'emoji' | 'word' | 'number';

export interface Token extends TextRange {
  kind: TokenKind;
  text: string;
}

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]'’]/giu;
// Bare domains people type in posts ("gov.uk/bins", "cardiff.gov.uk"), for the endings public
// services use; and email addresses. Both are links to a reader, not words.
const BARE_DOMAIN =
  /(?<![\p{L}\p{N}@./-])(?:[a-z0-9-]+\.)+(?:uk|wales|cymru|scot|gov|org|com|net|nhs\.uk)(?:\/[^\s<>"]*[^\s<>".,;:!?)\]'’])?(?![\p{L}\p{N}-])/giu;
const EMAIL = /(?<![\p{L}\p{N}_.+@-])[\p{L}\p{N}_.+-]+@(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}/gu;
// Mastodon mentions may carry a domain (@name@example.social); X and Bluesky handles may have dots.
const MENTION = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+(?:[.@][\p{L}\p{N}_-]+)*/gu;
const HASHTAG = /(?<![\p{L}\p{N}_&])#[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}][\p{L}\p{M}\p{N}_]*/gu;
/** One emoji: a pictograph or flag, with its modifiers and zero-width-joined parts. */
const EMOJI =
  /(?:\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})*)*)/gu;
// Letters with marks, joined by apostrophes or hyphens inside the word ("don't", "mae'n", "a-nis").
const WORD = /[\p{L}\p{M}]+(?:['’\-‐][\p{L}\p{M}]+)*/gu;
const NUMBER = /\p{N}+(?:[.,:]\p{N}+)*/gu;

/** Every URL, mention, hashtag, emoji, word and number in the text, in order, without overlaps. */
export function tokenize(text: string): Token[] {
  const taken: Token[] = [];
  const covered = new Uint8Array(text.length);
  const collect = (pattern: RegExp, kind: TokenKind) => {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (covered.subarray(start, end).some((c) => c === 1)) continue;
      covered.fill(1, start, end);
      taken.push({ kind, text: match[0], start, end });
    }
  };
  collect(URL, 'url');
  collect(EMAIL, 'url');
  collect(BARE_DOMAIN, 'url');
  collect(MENTION, 'mention');
  collect(HASHTAG, 'hashtag');
  collect(EMOJI, 'emoji');
  collect(WORD, 'word');
  collect(NUMBER, 'number');
  return taken.sort((a, b) => a.start - b.start);
}

/** Just the words (not URLs, mentions, hashtags, emoji or numbers). */
export function words(text: string): Token[] {
  return tokenize(text).filter((t) => t.kind === 'word');
}

/** Lower case, curly apostrophes straightened, so word lists can be written plainly. */
export function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/[’‘]/g, "'");
}
