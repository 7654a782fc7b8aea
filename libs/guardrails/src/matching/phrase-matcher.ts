import { TextRange } from '../text/tokens';
import { normalisePhrase, normaliseWords } from './normalise';

/**
 * Finds phrases from named sets in messages (safeguarding risk words, threats, abuse), whole words
 * only and tolerant of the ways people disguise or mistype them (see normalise.ts).
 *
 * Phrase syntax: words separated by spaces, matched case-insensitively as whole words, with any
 * punctuation or spacing between them in the text. A "*" at the end of a word matches any ending
 * ("suicid*" matches suicide, suicidal). Hyphens and spaces are the same ("self-harm" = "self harm");
 * list the joined-up spelling too ("selfharm") if it matters.
 */

export interface PhraseSet {
  /** Stable id, e.g. 'self-harm'. */
  id: string;
  /** What staff see, e.g. 'Self-harm or suicide'. */
  name: string;
  phrases: readonly string[];
}

export interface PhraseMatch {
  setId: string;
  /** The phrase from the set that matched, as listed. */
  phrase: string;
  /** Where in the original text, in UTF-16 code units. */
  range: TextRange;
  /** The original text of the match. */
  text: string;
}

export interface PhraseMatchResult {
  /** Ids of the sets with at least one match, in the order the sets were given. */
  setIds: string[];
  /** Every match, in text order. Matches may overlap: across sets, and where phrases share words. */
  matches: PhraseMatch[];
}

interface CompiledSet {
  id: string;
  pattern: RegExp;
  /** Capture-group index → phrase as listed. */
  phrases: string[];
}

export class PhraseMatcher {
  private readonly compiled: CompiledSet[];

  constructor(readonly sets: readonly PhraseSet[]) {
    const ids = new Set<string>();
    this.compiled = [];
    for (const set of sets) {
      if (ids.has(set.id)) throw new RangeError(`Phrase set id "${set.id}" is used twice`);
      ids.add(set.id);
      const entries = set.phrases
        .map((phrase) => ({ phrase, source: phraseSource(phrase) }))
        .filter((e) => e.source !== '')
        .sort((a, b) => b.source.length - a.source.length);
      if (entries.length === 0) continue;
      // One capture group per phrase tells us which phrase matched.
      const alternatives = entries.map((e) => `(${e.source})`).join('|');
      this.compiled.push({
        id: set.id,
        pattern: new RegExp(`(?:${alternatives})(?![^ ])`, 'y'),
        phrases: entries.map((e) => e.phrase),
      });
    }
  }

  match(text: string): PhraseMatchResult {
    const words = normaliseWords(text);
    // The normalised words joined by single spaces, and which word each character belongs to.
    let joined = '';
    const wordAt: number[] = [];
    words.forEach((w, index) => {
      if (index > 0) {
        joined += ' ';
        wordAt.push(-1);
      }
      joined += w.text;
      for (let k = 0; k < w.text.length; k += 1) wordAt.push(index);
    });

    const matches: PhraseMatch[] = [];
    const setIds: string[] = [];
    const wordStarts = words.map((_, index) => wordAt.indexOf(index));
    for (const set of this.compiled) {
      let found = false;
      // Try every word start, so overlapping phrases ("will kill", "kill you") are all reported;
      // at one start the longest phrase wins.
      for (const start of wordStarts) {
        set.pattern.lastIndex = start;
        const match = set.pattern.exec(joined);
        if (!match) continue;
        const matchedText = match[0];
        // "****" is not evidence of anything: at least half the letters must be real.
        if (matchedText.replace(/[^*]/g, '').length * 2 > matchedText.replace(/ /g, '').length) continue;
        const group = match.slice(1).findIndex((g) => g !== undefined);
        const first = words[wordAt[start]];
        const last = words[wordAt[start + matchedText.length - 1]];
        const range = { start: first.range.start, end: last.range.end };
        matches.push({
          setId: set.id,
          phrase: set.phrases[group],
          range,
          text: text.slice(range.start, range.end),
        });
        found = true;
      }
      if (found) setIds.push(set.id);
    }
    matches.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
    return { setIds, matches };
  }

  /** True when any set matches. */
  test(text: string): boolean {
    return this.match(text).matches.length > 0;
  }
}

/** A phrase as a regular expression over normalised text: each letter may also be a "*" in the text. */
function phraseSource(phrase: string): string {
  const words: string[] = [];
  for (const raw of phrase.trim().split(/\s+/)) {
    const prefix = raw.endsWith('*');
    // One listed word can normalise to several ("self-harm" → "self harm").
    const parts = normalisePhrase(prefix ? raw.slice(0, -1) : raw)
      .split(' ')
      .filter(Boolean);
    parts.forEach((part, index) => {
      const letters = [...part]
        .map((c) => (/[a-z]/.test(c) ? `[${c}*]` : c.replace(/[^a-z0-9]/g, '\\$&')))
        .join('');
      words.push(prefix && index === parts.length - 1 ? `${letters}[a-z0-9*]*` : letters);
    });
  }
  return words.join(' ');
}
