import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const estimator = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...english.dictionary },
  graphs: common.adjacencyGraphs,
  translations: english.translations,
});

/**
 * NIST SP 800-63B style: a minimum length and a check against common and guessable passwords
 * (dictionary words, keyboard patterns, the person's own name or organisation), no composition rules.
 * Returns a sentence saying what is wrong, or null when the password is acceptable.
 */
export function passwordProblem(password: string, personalWords: string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${password.length}). A few unrelated words make a strong, memorable password.`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const words = personalWords
    .flatMap((w) => w.toLowerCase().split(/[^a-z0-9]+/))
    .filter((w) => w.length >= 3);
  // zxcvbn rates "Harrogate Council 2026" as strong even when told the organisation's name, because the
  // separators and the year add guesses; an attacker who targets the council would try it first.
  const rest = words
    .reduce((text, word) => text.split(word).join(''), password.toLowerCase())
    .replace(/[^a-z]/g, '');
  if (words.length && rest.length < 6) {
    return 'This password is built from your name, email or organisation, which anyone could guess. Try a few unrelated words together.';
  }
  const result = estimator.check(password.slice(0, 100), words);
  if (result.score < 3) {
    const hint = result.feedback.warning ? ` ${result.feedback.warning}` : '';
    return `This password is too easy to guess.${hint} Try a few unrelated words together.`.replace(
      '..',
      '.',
    );
  }
  return null;
}
