import { createHash } from 'node:crypto';

/**
 * How a post is recognised when it is read back from the network after an unknown outcome. Networks hand back
 * text that differs from what was sent in small ways, so the fingerprint is taken over a normalised form:
 *
 * 1. Unicode NFKC (composed accents, full-width forms folded);
 * 2. links removed: X rewrites them to t.co, Mastodon and Bluesky may shorten their display;
 * 3. zero-width characters removed and every run of whitespace (Mastodon's HTML paragraphs and line breaks
 *    become newlines) collapsed to one space, trimmed;
 * 4. lower-cased (locale-independent).
 *
 * The fingerprint is the SHA-256 of that, in hex. Only the first part of a thread is fingerprinted: it is the
 * root a read-back lists and what people see first.
 */
export function normaliseForFingerprint(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\bhttps?:\/\/\S+/giu, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .toLowerCase();
}

export function contentFingerprint(text: string): string {
  return createHash('sha256').update(normaliseForFingerprint(text), 'utf8').digest('hex');
}
