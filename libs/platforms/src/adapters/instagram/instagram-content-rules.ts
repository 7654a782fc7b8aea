import type { ContentRules } from '../../port/platform-types';

/** Instagram captions are 2,200 characters and a post needs an image (one per post: carousels are not built). */
export const INSTAGRAM_CONTENT_RULES: ContentRules = {
  countCharacters: (text) => text.length,
  maxCharacters: 2_200,
  maxMediaPerPost: 1,
  mediaTypes: ['image/jpeg'],
  maxImageBytes: 8 * 1024 * 1024,
  requiresMedia: true,
  altTextSupported: true,
  maxAltTextCharacters: 1000,
  threads: false,
};
