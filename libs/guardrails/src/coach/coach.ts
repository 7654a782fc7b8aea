import { detectLanguage } from '../language/detect-language';
import { DetectableLanguage } from '../language/word-lists';
import { tokenize } from '../text/tokens';
import { camelCaseHashtag } from './hashtags';
import { Hint, HintId, HintSeverity } from './hint';
import { findPlainWordAlternatives } from './plain-english';
import { PlainWord } from './plain-words';
import { readingAge } from './reading-age';
import { splitSentences } from './sentences';

/** An attachment as the coach sees it. */
export interface CoachMedia {
  altText?: string | null;
}

export interface CoachOptions {
  /** The post's language; detected from the text when absent. */
  language?: DetectableLanguage;
  /** Hint when the reading age is above this. Public-sector guidance aims at 9. */
  targetReadingAge?: number;
  /** Below this many words a reading age says little, so none is given. */
  minWordsForReadingAge?: number;
  /** Hint for sentences with more words than this. */
  maxSentenceWords?: number;
  /** The post's attachments, in order, to check for alt text. */
  media?: readonly CoachMedia[];
  /** Hint kinds the organisation requires fixing before publishing: their hints are blocking. */
  mandatory?: readonly HintId[];
  /** Replaces the shipped plain-words list. */
  plainWords?: readonly PlainWord[];
}

export const COACH_DEFAULTS = {
  targetReadingAge: 9,
  minWordsForReadingAge: 10,
  maxSentenceWords: 25,
} as const;

const SEVERITY: Record<HintId, HintSeverity> = {
  'reading-age': 'advice',
  'long-sentence': 'advice',
  'missing-alt-text': 'advice',
  'camelcase-hashtag': 'advice',
  'emoji-mid-sentence': 'info',
  'plain-word': 'info',
};

/**
 * Pre-publish advice on a post, in plain English: reading age, long sentences, images without alt
 * text, hashtags screen readers cannot split, emoji in the middle of sentences and plainer words.
 * Pure and fast enough to run on every keystroke (after the first call, which loads word lists).
 *
 * Reading age and plain words are for English only: a Welsh or Gaelic post gets neither (the
 * syllable rules and the word list are English). Everything else applies in any language.
 * Whole-post hints come first, then hints with a range in the order they appear.
 */
export function coachText(text: string, options: CoachOptions = {}): Hint[] {
  const language = options.language ?? detectedLanguage(text);
  const english = language === 'en';
  const mandatory = new Set(options.mandatory ?? []);
  const hint = (id: HintId, message: string, extra: Partial<Hint> = {}): Hint => ({
    id,
    severity: SEVERITY[id],
    message,
    ...extra,
    blocking: mandatory.has(id),
  });
  const whole: Hint[] = [];
  const ranged: Hint[] = [];
  const sentences = splitSentences(text);

  if (english) {
    const target = options.targetReadingAge ?? COACH_DEFAULTS.targetReadingAge;
    const age = readingAge(text);
    if (age && age.words >= (options.minWordsForReadingAge ?? COACH_DEFAULTS.minWordsForReadingAge)) {
      if (age.readingAge > target) {
        whole.push(
          hint(
            'reading-age',
            `Reading age is about ${Math.round(age.readingAge)}: aim for ${target} or under, with shorter sentences and everyday words, so most people understand it first time.`,
          ),
        );
      }
    }
  }

  (options.media ?? []).forEach((media, index) => {
    if (!media.altText || media.altText.trim() === '') {
      whole.push(
        hint(
          'missing-alt-text',
          `Image ${index + 1} has no alt text: describe what it shows so people using screen readers don't miss it.`,
          { mediaIndex: index },
        ),
      );
    }
  });

  const maxWords = options.maxSentenceWords ?? COACH_DEFAULTS.maxSentenceWords;
  for (const sentence of sentences) {
    const count = sentence.tokens.filter((t) => t.kind === 'word' || t.kind === 'number').length;
    if (count > maxWords) {
      ranged.push(
        hint(
          'long-sentence',
          `This sentence has ${count} words: keep sentences to ${maxWords} words or fewer so they're easy to follow.`,
          { range: { start: sentence.start, end: sentence.end } },
        ),
      );
    }
    ranged.push(...emojiHints(sentence.tokens, hint));
  }

  for (const token of tokenize(text)) {
    if (token.kind !== 'hashtag') continue;
    const suggestion = camelCaseHashtag(token.text);
    if (suggestion) {
      ranged.push(
        hint(
          'camelcase-hashtag',
          `Write ${suggestion} with a capital for each word, so screen readers read it as words.`,
          { range: { start: token.start, end: token.end }, suggestion },
        ),
      );
    }
  }

  if (english) {
    for (const match of findPlainWordAlternatives(text, options.plainWords)) {
      const message =
        match.instead === ''
          ? `"${match.found}" can usually go: fewer words are quicker to read.`
          : `Try "${match.instead}" instead of "${match.found}": everyday words are easier for everyone to read.`;
      ranged.push(hint('plain-word', message, { range: match.range, suggestion: match.instead }));
    }
  }

  ranged.sort((a, b) => (a.range?.start ?? 0) - (b.range?.start ?? 0));
  return [...whole, ...ranged];
}

/** Text with no words to go on counts as English, the language the checks were written for. */
function detectedLanguage(text: string): DetectableLanguage {
  const guess = detectLanguage(text);
  return guess.language === 'unknown' ? 'en' : guess.language;
}

/**
 * Emoji with words on both sides within one sentence. A run of emoji is one hint. Emoji at the
 * start or end of a sentence, or followed only by hashtags, mentions or links, are fine.
 */
function emojiHints(
  tokens: ReturnType<typeof tokenize>,
  hint: (id: HintId, message: string, extra?: Partial<Hint>) => Hint,
): Hint[] {
  const hints: Hint[] = [];
  const isWord = (t: { kind: string }) => t.kind === 'word' || t.kind === 'number';
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i].kind !== 'emoji') continue;
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].kind === 'emoji') j += 1;
    const before = tokens.slice(0, i).some(isWord);
    const after = tokens.slice(j + 1).some(isWord);
    if (before && after) {
      hints.push(
        hint(
          'emoji-mid-sentence',
          'Put emoji at the end: screen readers read out each emoji’s name, which breaks up the sentence.',
          { range: { start: tokens[i].start, end: tokens[j].end } },
        ),
      );
    }
    i = j;
  }
  return hints;
}
