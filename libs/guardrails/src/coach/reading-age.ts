import { splitSentences } from './sentences';
import { countSyllables } from './syllables';

export interface ReadingAge {
  /** Flesch–Kincaid grade level + 5, rounded to one decimal place and never below 5. */
  readingAge: number;
  /** The Flesch–Kincaid grade level, unrounded. */
  grade: number;
  words: number;
  sentences: number;
  syllables: number;
}

/**
 * Reading age by the Flesch–Kincaid grade level:
 *
 *   grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
 *   reading age = grade + 5   (a US grade is roughly the school year; children start at about 5)
 *
 * Only words count: URLs, @mentions, #hashtags, emoji and numbers are left out, as a reader skims
 * them. Syllables come from an English heuristic (syllables.ts), so the result means something for
 * English text only. Null when there are no words.
 */
export function readingAge(text: string): ReadingAge | null {
  let words = 0;
  let syllables = 0;
  let sentences = 0;
  for (const sentence of splitSentences(text)) {
    const sentenceWords = sentence.tokens.filter((t) => t.kind === 'word');
    if (sentenceWords.length === 0) continue;
    sentences += 1;
    words += sentenceWords.length;
    for (const w of sentenceWords) syllables += countSyllables(w.text);
  }
  if (words === 0) return null;
  const grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59;
  return { readingAge: Math.max(5, Math.round((grade + 5) * 10) / 10), grade, words, sentences, syllables };
}
