import { TextRange, tokenize } from '../text/tokens';

/**
 * Text reduced to what a phrase list can match against, with a way back to the original.
 *
 * People who write "k1ll", "K I L L", "kiiiill", "k.i.l.l", "f**k" or "Kill!!!" mean the same as
 * "kill". Normalising both the text and the phrases the same way lets a plain whole-word match
 * find them:
 * - lower case, accents dropped (é → e), apostrophes dropped (don't → dont);
 * - inside a word, look-alike characters become letters: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s, and
 *   ! | + become i l t when a letter follows (so "kill!" stays "kill");
 * - "*" inside or at the end of a word is kept as a wildcard for one letter (f**k);
 * - three or more single letters in a row become one word ("s u i c i d e", "k-i-l-l");
 * - runs of the same letter become one letter (kiiilll → kil), in text and phrases alike;
 * - everything else (spaces, punctuation, emoji) separates words.
 * URLs and @mentions are left out entirely: a handle like @killerbees is not a threat.
 */

export interface NormalisedWord {
  /** Normalised form: a–z, digits without a look-alike, and "*". */
  text: string;
  /** Where the word came from in the original text. */
  range: TextRange;
}

const LOOK_ALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
  '+': 't',
};
/** Look-alikes that are also ordinary punctuation at the end of a word. */
const ONLY_BEFORE_A_LETTER = new Set(['!', '|', '+']);
const CHUNK = /[\p{L}\p{M}\p{N}@$!|+*'’]+/gu;

export function normaliseWords(
  text: string,
  options: { skipUrlsAndMentions?: boolean } = {},
): NormalisedWord[] {
  let source = text;
  if (options.skipUrlsAndMentions ?? true) {
    for (const token of tokenize(text)) {
      if (token.kind === 'url' || token.kind === 'mention') {
        source = source.slice(0, token.start) + ' '.repeat(token.end - token.start) + source.slice(token.end);
      }
    }
  }

  const chunks: NormalisedWord[] = [];
  for (const match of source.matchAll(CHUNK)) {
    const start = match.index ?? 0;
    const word = normaliseChunk(match[0]);
    if (word) chunks.push({ text: word, range: { start, end: start + match[0].length } });
  }

  // Join spelled-out words: three or more one-letter chunks separated by at most two characters.
  const joined: NormalisedWord[] = [];
  for (let i = 0; i < chunks.length;) {
    let j = i;
    while (
      j + 1 < chunks.length &&
      chunks[j].text.length === 1 &&
      chunks[j + 1].text.length === 1 &&
      chunks[j + 1].range.start - chunks[j].range.end <= 2
    ) {
      j += 1;
    }
    if (j - i >= 2) {
      joined.push({
        text: chunks
          .slice(i, j + 1)
          .map((c) => c.text)
          .join(''),
        range: { start: chunks[i].range.start, end: chunks[j].range.end },
      });
      i = j + 1;
    } else {
      joined.push(chunks[i]);
      i += 1;
    }
  }

  return joined.map((w) => ({ ...w, text: collapseRepeats(w.text) }));
}

/** Normalises a phrase from a list the way text is normalised, as space-separated words. */
export function normalisePhrase(phrase: string): string {
  return normaliseWords(phrase, { skipUrlsAndMentions: false })
    .map((w) => w.text)
    .join(' ');
}

function normaliseChunk(chunk: string): string {
  const chars = [...chunk.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()];
  if (!chars.some((c) => /\p{L}/u.test(c))) return '';
  let out = '';
  chars.forEach((c, index) => {
    if (c === "'" || c === '’') return;
    if (/\p{L}/u.test(c)) {
      out += c;
      return;
    }
    if (c === '*') {
      out += '*';
      return;
    }
    const lookAlike = LOOK_ALIKES[c];
    if (lookAlike === undefined) {
      if (/\p{N}/u.test(c)) out += c;
      return;
    }
    if (ONLY_BEFORE_A_LETTER.has(c) && !chars.slice(index + 1).some((d) => /\p{L}|\p{N}/u.test(d))) return;
    out += lookAlike;
  });
  return out;
}

function collapseRepeats(word: string): string {
  return word.replace(/([^*])\1+/g, '$1');
}
