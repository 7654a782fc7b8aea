import { TextRange } from '../text/tokens';

/** What the coach can say. Stable ids: the API, the composer and org settings refer to them. */
export type HintId =
  | 'reading-age'
  | 'long-sentence'
  | 'missing-alt-text'
  | 'camelcase-hashtag'
  | 'emoji-mid-sentence'
  | 'plain-word';

export const HINT_IDS: readonly HintId[] = [
  'reading-age',
  'long-sentence',
  'missing-alt-text',
  'camelcase-hashtag',
  'emoji-mid-sentence',
  'plain-word',
];

/** 'advice': worth fixing before publishing. 'info': a nudge. */
export type HintSeverity = 'info' | 'advice';

export interface Hint {
  id: HintId;
  severity: HintSeverity;
  /** One line of plain English that says what to change and why. */
  message: string;
  /** Where in the text, in UTF-16 code units (JavaScript string indices); absent for the whole post. */
  range?: TextRange;
  /** Replacement text for `range`, when there is an obvious one. */
  suggestion?: string;
  /** For missing-alt-text: which attachment (0-based). */
  mediaIndex?: number;
  /** True when the organisation made this kind of hint mandatory: publishing waits until it is fixed. */
  blocking: boolean;
}

/**
 * The hints that stop publishing: those whose id the organisation made mandatory, or, without a
 * list, those the coach already marked as blocking.
 */
export function blocking(hints: readonly Hint[], mandatory?: readonly HintId[]): Hint[] {
  if (!mandatory) return hints.filter((h) => h.blocking);
  const ids = new Set(mandatory);
  return hints.filter((h) => ids.has(h.id));
}
