import { normaliseWord, words } from '../text/tokens';
import { AMBIGUOUS_WORDS, COMMON_WORDS, DetectableLanguage } from './word-lists';

/**
 * Tells Welsh, English and Scottish Gaelic apart in short social posts, well enough to pick which
 * checks to run and to notice a Welsh reply to an English post. Not a general language identifier:
 * anything else comes out as the closest of the three with low confidence, or 'unknown'.
 *
 * Evidence, per word (URLs, mentions, hashtags, emoji and numbers are ignored):
 * - common words of each language (1 point; a word common to two languages, like "a", 0.25);
 * - spelling that only one of the languages has (0.5 points): Welsh circumflexes (ŵ, ŷ, â), "dd",
 *   "ll" or "rh" at the start, w between consonants (cwm, gwneud); Gaelic grave accents (à, ò),
 *   lenited bh/mh/dh/fh, endings -adh, -aich; English k/q/v/x/z, -ing, -tion, which neither of the
 *   others writes.
 * Confidence grows with the lead of the best language over the next and with the amount of evidence.
 */

export type DetectedLanguage = DetectableLanguage | 'unknown';

export interface LanguageGuess {
  language: DetectedLanguage;
  /** 0 to 1. Below about 0.3 treat the guess as a hint, not a fact. */
  confidence: number;
  /** The evidence points behind the guess, for logs and tests. */
  scores: Record<DetectableLanguage, number>;
}

const LANGUAGES: readonly DetectableLanguage[] = ['en', 'cy', 'gd'];
const lists = Object.fromEntries(LANGUAGES.map((l) => [l, new Set(COMMON_WORDS[l])])) as Record<
  DetectableLanguage,
  Set<string>
>;

const SPELLING: Record<DetectableLanguage, RegExp[]> = {
  cy: [
    /[ŵŷâêîôûẁẃ]/u,
    /dd/,
    /^(ll|rh)/,
    /[bcdfghlmnprst]w[bcdfglmnprst]/,
    /(^|[^s])wy/,
    /ae[^a-z]*$/,
    /ff[aeiouwy]/,
  ],
  gd: [/[àèìòù]/u, /[bmdf]h[aeiouàèìòù]/u, /adh$/, /aich$/, /(^|[^e])ao/, /ean$/],
  en: [/[kqvxz]/, /ing$/, /tion$/, /ght/, /^wh/, /[^aeiou]ed$/],
};

export function detectLanguage(text: string): LanguageGuess {
  const scores: Record<DetectableLanguage, number> = { en: 0, cy: 0, gd: 0 };
  for (const token of words(text)) {
    const word = normaliseWord(token.text);
    // "mae'n", "a-nis", "don't": try the whole form, and its parts when the whole is not listed.
    const forms = LANGUAGES.some((l) => lists[l].has(word)) ? [word] : word.split(/['\-‐]/).filter(Boolean);
    for (const form of forms) {
      let listed = false;
      for (const language of LANGUAGES) {
        if (lists[language].has(form)) {
          scores[language] += AMBIGUOUS_WORDS.has(form) ? 0.25 : 1;
          listed = true;
        }
      }
      if (listed || form.length < 3) continue;
      for (const language of LANGUAGES) {
        if (SPELLING[language].some((pattern) => pattern.test(form))) scores[language] += 0.5;
      }
    }
  }
  const ranked = [...LANGUAGES].sort((a, b) => scores[b] - scores[a]);
  const [best, second] = [scores[ranked[0]], scores[ranked[1]]];
  if (best < 1) return { language: 'unknown', confidence: 0, scores };
  const lead = (best - second) / best;
  const evidence = Math.min(1, best / 4);
  return { language: ranked[0], confidence: Math.round(lead * evidence * 100) / 100, scores };
}
