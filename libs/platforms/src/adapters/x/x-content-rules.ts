import { parseTweet } from 'twitter-text';
import type { ContentRules } from '../../port/platform-types';

/** Images X takes in a post (videos and GIFs need processing, which this adapter does not wait for yet). */
export const X_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

/**
 * X's rules for a standard account: 280 characters as twitter-text weighs them (URLs count 23, most CJK
 * characters and emoji count 2), up to 4 images of 5 MB, alt text up to 1,000 characters.
 */
export const X_CONTENT_RULES: ContentRules = {
  countCharacters: (text: string) => parseTweet(text).weightedLength,
  maxCharacters: 280,
  maxMediaPerPost: 4,
  mediaTypes: X_IMAGE_TYPES,
  maxImageBytes: 5 * 1024 * 1024,
  requiresMedia: false,
  altTextSupported: true,
  maxAltTextCharacters: 1000,
  threads: true,
};
