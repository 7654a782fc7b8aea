import { dictionary } from '@zxcvbn-ts/language-en';

/**
 * CamelCase for hashtags: screen readers read #BankHolidayOpeningTimes as four words but
 * #bankholidayopeningtimes as one long mumble.
 *
 * Splitting a run of lower-case letters into words needs a dictionary. We use the English word
 * lists that @zxcvbn-ts/language-en already ships for the password checker (ranked by how common
 * each word is) and pick the split whose words are most common, with a cost for each extra word.
 * To avoid silly advice, a tag gets no suggestion when:
 * - it already marks its words (#NHSWales, #BinDay, #bin_day), or is shorter than 6 letters;
 * - the whole tag is a known word or name (#community, #Cardiff, #Scunthorpe);
 * - any part is not a common English word (#diolchynfawr, #foi2026): we cannot split what we
 *   cannot read, and Welsh or Gaelic tags are better left alone than split wrongly.
 */

/** Common words ranked by frequency: only the most common are used to split, to keep splits sensible. */
const SPLIT_VOCABULARY_SIZE = 30_000;
const MIN_LETTERS = 6;
const MAX_WORD_LENGTH = 20;
/** Cost per word on top of its rarity, so "together" beats "to get her". */
const WORD_PENALTY = 4;
/** Everyday compounds missing from the lists, which a split would wrongly break up. */
const EXTRA_KNOWN_WORDS = ['roadworks', 'foodbank', 'foodbanks', 'healthcare', 'childcare', 'bin', 'bins'];

let rankCache: Map<string, number> | undefined;
let knownCache: Set<string> | undefined;

function ranks(): Map<string, number> {
  if (!rankCache) {
    rankCache = new Map();
    const common = dictionary['commonWords-en'];
    for (let i = 0; i < Math.min(common.length, SPLIT_VOCABULARY_SIZE); i += 1) {
      const word = common[i];
      if (/^[a-z]+$/.test(word) && !rankCache.has(word)) rankCache.set(word, i + 1);
    }
    // Place names and other proper nouns (#swanseabay is Swansea Bay, not Swan Sea Bay), ranked
    // below common words of the same frequency.
    const wikipedia = dictionary['wikipedia-en'];
    for (let i = 0; i < wikipedia.length; i += 1) {
      const word = wikipedia[i];
      if (/^[a-z]{3,}$/.test(word) && !rankCache.has(word)) rankCache.set(word, (i + 1) * 2);
    }
    for (const word of EXTRA_KNOWN_WORDS) if (!rankCache.has(word)) rankCache.set(word, 5_000);
  }
  return rankCache;
}

function knownWords(): Set<string> {
  if (!knownCache) {
    knownCache = new Set(EXTRA_KNOWN_WORDS);
    for (const list of ['commonWords-en', 'wikipedia-en', 'firstnames-en', 'lastnames-en'] as const) {
      for (const word of dictionary[list]) knownCache.add(word);
    }
  }
  return knownCache;
}

function wordCost(word: string): number {
  const rank = ranks().get(word);
  if (rank === undefined) return Infinity;
  if (word.length === 1 && word !== 'a' && word !== 'i') return Infinity;
  if (word.length === 2 && rank > 200) return Infinity;
  return Math.log(rank + 1) + WORD_PENALTY;
}

/** The cheapest split of a run of lower-case letters into common words, or null. */
export function splitIntoWords(run: string): string[] | null {
  const best: Array<{ cost: number; from: number }> = [{ cost: 0, from: -1 }];
  for (let end = 1; end <= run.length; end += 1) {
    best[end] = { cost: Infinity, from: -1 };
    for (let start = Math.max(0, end - MAX_WORD_LENGTH); start < end; start += 1) {
      const cost = best[start].cost + wordCost(run.slice(start, end));
      if (cost < best[end].cost) best[end] = { cost, from: start };
    }
  }
  if (!Number.isFinite(best[run.length].cost)) return null;
  const parts: string[] = [];
  for (let end = run.length; end > 0; end = best[end].from) parts.unshift(run.slice(best[end].from, end));
  return parts;
}

/**
 * The CamelCase form of a hashtag that needs one ('#bankholidayopeningtimes' →
 * '#BankHolidayOpeningTimes'), or null when it is fine as it is or we cannot tell.
 */
export function camelCaseHashtag(tag: string): string | null {
  const body = tag.startsWith('#') ? tag.slice(1) : tag;
  if (!/^[A-Za-z0-9_]+$/.test(body)) return null;
  // A capital after the first letter, or underscores, already mark the words.
  if (/[A-Z_]/.test(body.slice(1))) return null;
  const lower = body.toLowerCase();
  const letters = lower.replace(/[^a-z]/g, '');
  if (letters.length < MIN_LETTERS) return null;

  const pieces = lower.split(/([0-9]+)/).filter(Boolean);
  let words = 0;
  const out: string[] = [];
  for (const piece of pieces) {
    if (!/^[a-z]+$/.test(piece)) {
      out.push(piece);
      continue;
    }
    if (knownWords().has(piece)) {
      words += 1;
      out.push(capitalise(piece));
      continue;
    }
    const split = splitIntoWords(piece);
    if (!split) return null;
    words += split.length;
    out.push(split.map(capitalise).join(''));
  }
  if (words < 2) return null;
  const suggestion = out.join('');
  return suggestion === body ? null : `#${suggestion}`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
