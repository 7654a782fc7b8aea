import type { ContentRules } from '../../port/platform-types';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Bluesky limits post text to 300 graphemes (the lexicon's maxGraphemes), whatever the bytes. */
export function countBlueskyGraphemes(text: string): number {
  let count = 0;
  for (const _segment of segmenter.segment(text)) count++;
  return count;
}

export const BLUESKY_CONTENT_RULES: ContentRules = {
  countCharacters: countBlueskyGraphemes,
  maxCharacters: 300,
  maxMediaPerPost: 4,
  mediaTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  maxImageBytes: 1_000_000,
  requiresMedia: false,
  altTextSupported: true,
  maxAltTextCharacters: 2000,
  threads: true,
};
