import type { ContentRules } from '../../port/platform-types';

/** Facebook counts UTF-16 code units for a post's 63,206-character limit. */
export const FACEBOOK_CONTENT_RULES: ContentRules = {
  countCharacters: (text) => text.length,
  maxCharacters: 63_206,
  maxMediaPerPost: 10,
  mediaTypes: ['image/jpeg', 'image/png', 'image/gif'],
  maxImageBytes: 4 * 1024 * 1024,
  requiresMedia: false,
  altTextSupported: true,
  maxAltTextCharacters: 1000,
  threads: false,
};
