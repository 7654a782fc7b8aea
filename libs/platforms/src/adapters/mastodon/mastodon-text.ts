/** Mastodon counts every URL as 23 characters, whatever its length. */
const URL_WEIGHT = 23;
const URL_PATTERN = /https?:\/\/[^\s<>"]+/gi;
/** A remote mention counts only its local part: "@name@example.org" weighs as "@name". */
const REMOTE_MENTION = /(^|[^\w@])(@\w+)@[\w.-]+\w/g;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Length of a status as Mastodon's StatusLengthValidator counts it: graphemes, URLs 23, remote mentions short. */
export function countMastodonCharacters(text: string): number {
  const shortened = text
    .replace(URL_PATTERN, 'x'.repeat(URL_WEIGHT))
    .replace(REMOTE_MENTION, (_match, before: string, local: string) => `${before}${local}`);
  let count = 0;
  for (const _segment of segmenter.segment(shortened)) count++;
  return count;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/** Plain text of a status's HTML content, for read-back fingerprints and the inbox. */
export function mastodonHtmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|#39);/g, (_match, name: string) => ENTITIES[name])
    .trim();
}
