import { detectLanguage } from '@outside-in/guardrails';

/**
 * Below this the detector's guess is a hint, not a fact (see detectLanguage): an evenly bilingual message or a
 * couple of words shared by both languages stays "not known" rather than being counted in the wrong language.
 */
export const MIN_LANGUAGE_CONFIDENCE = 0.2;

/**
 * The language an inbound message is stored with: the network's own tag when it gave one (X, Mastodon and
 * Bluesky often do), otherwise our guess (Welsh, English or Scottish Gaelic) when it is confident enough, else
 * null.
 */
export function inboundLanguage(text: string, given?: string | null): string | null {
  if (given) return given;
  const guess = detectLanguage(text);
  if (guess.language === 'unknown' || guess.confidence < MIN_LANGUAGE_CONFIDENCE) return null;
  return guess.language;
}
