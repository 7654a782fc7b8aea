import { TextRange, Token, tokenize } from '../text/tokens';

export interface Sentence extends TextRange {
  text: string;
  /** The sentence's URLs, mentions, hashtags, emoji, words and numbers, in order. */
  tokens: Token[];
}

/** Abbreviations whose full stop does not end a sentence. */
// Lower case, without the final full stop. Not "no" (No. 5): "Say no. Then…" is commoner in posts.
const ABBREVIATIONS = new Set('e.g i.e eg ie mr mrs ms dr st approx tel cllr'.split(' '));
const END_PUNCTUATION = /[.!?…]/;
const TRAILING = /[.!?…'"’”)\]]/;

/**
 * Sentences as a reader meets them in a social post. A sentence ends at . ! ? or … followed by a
 * space or the end, at a line break (posts use line breaks as full stops), and after an emoji
 * followed by a capital letter ("Great day 🎉 Thanks all" is two sentences). Full stops inside
 * URLs, handles and abbreviations like "e.g." do not end a sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const tokens = tokenize(text);
  const inToken = new Uint8Array(text.length);
  for (const t of tokens) if (t.kind !== 'word' && t.kind !== 'emoji') inToken.fill(1, t.start, t.end);

  const ends: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '\n') {
      ends.push(i);
      continue;
    }
    if (!END_PUNCTUATION.test(ch) || inToken[i]) continue;
    let j = i + 1;
    while (j < text.length && TRAILING.test(text[j])) j += 1;
    if (j < text.length && !/\s/.test(text[j])) continue;
    const before = /([\p{L}.]+)$/u.exec(text.slice(0, i))?.[1]?.toLowerCase();
    if (ch === '.' && before && ABBREVIATIONS.has(before) && j < text.length) {
      i = j - 1;
      continue;
    }
    ends.push(j);
    i = j - 1;
  }
  for (const t of tokens) {
    if (t.kind === 'emoji' && /^[^\S\n]+\p{Lu}/u.test(text.slice(t.end))) ends.push(t.end);
  }
  ends.push(text.length);
  ends.sort((a, b) => a - b);

  const sentences: Sentence[] = [];
  let start = 0;
  for (const end of ends) {
    if (end <= start) continue;
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    const s = start + lead;
    const e = s + body.length;
    const inside = tokens.filter((t) => t.start >= s && t.end <= e);
    if (inside.length > 0) sentences.push({ start: s, end: e, text: body, tokens: inside });
    start = end;
  }
  return sentences;
}
