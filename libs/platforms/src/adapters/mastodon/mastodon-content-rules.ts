import type { ContentRules } from '../../port/platform-types';
import { countMastodonCharacters } from './mastodon-text';

export const MASTODON_DEFAULT_MAX_CHARACTERS = 500;

export interface MastodonInstanceLimits {
  maxCharacters?: number;
  maxMediaPerPost?: number;
  mediaTypes?: string[];
  maxImageBytes?: number;
}

/** Mastodon's rules, with the instance's own limits where it publishes them (GET /api/v2/instance). */
export function mastodonContentRules(limits: MastodonInstanceLimits = {}): ContentRules {
  return {
    countCharacters: countMastodonCharacters,
    maxCharacters: limits.maxCharacters ?? MASTODON_DEFAULT_MAX_CHARACTERS,
    maxMediaPerPost: limits.maxMediaPerPost ?? 4,
    mediaTypes: limits.mediaTypes ?? ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'video/mp4'],
    maxImageBytes: limits.maxImageBytes ?? 16 * 1024 * 1024,
    requiresMedia: false,
    altTextSupported: true,
    maxAltTextCharacters: 1500,
    threads: true,
  };
}
