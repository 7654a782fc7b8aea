import { TextRange, tokenize } from '../text/tokens';
import { PLAIN_WORDS, PlainWord } from './plain-words';

export interface PlainWordMatch {
  range: TextRange;
  /** The words as written in the text. */
  found: string;
  /** The plainer words, in the same case as the text ("Commence" → "Start"); '' to leave out. */
  instead: string;
}

const compiled = new WeakMap<readonly PlainWord[], { pattern: RegExp; byPhrase: Map<string, PlainWord> }>();

function compile(entries: readonly PlainWord[]) {
  let found = compiled.get(entries);
  if (!found) {
    const sorted = [...entries].sort((a, b) => b.phrase.length - a.phrase.length);
    const alternatives = sorted.map((e) =>
      e.phrase
        .trim()
        .split(/\s+/)
        .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('\\s+'),
    );
    // Whole words only: no letter, digit, apostrophe or hyphen either side ("reassist" and
    // "pre-commence" are not matches; "commence." is).
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}_'’-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_'’-])`,
      'giu',
    );
    found = { pattern, byPhrase: new Map(entries.map((e) => [e.phrase.trim().toLowerCase(), e])) };
    compiled.set(entries, found);
  }
  return found;
}

/** Words and phrases in the text that have a plainer alternative, outside URLs, mentions and hashtags. */
export function findPlainWordAlternatives(
  text: string,
  entries: readonly PlainWord[] = PLAIN_WORDS,
): PlainWordMatch[] {
  const { pattern, byPhrase } = compile(entries);
  const skip = tokenize(text).filter((t) => t.kind === 'url' || t.kind === 'mention' || t.kind === 'hashtag');
  const matches: PlainWordMatch[] = [];
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (skip.some((t) => start < t.end && t.start < end)) continue;
    const entry = byPhrase.get(match[0].toLowerCase().replace(/\s+/g, ' '));
    if (!entry) continue;
    matches.push({ range: { start, end }, found: match[0], instead: matchCase(match[0], entry.instead) });
  }
  return matches;
}

/** "COMMENCE" → "START", "Commence" → "Start", otherwise as listed. */
function matchCase(original: string, replacement: string): string {
  if (replacement === '') return '';
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase()) {
    return replacement[0].toUpperCase() + replacement.slice(1);
  }
  return replacement;
}
