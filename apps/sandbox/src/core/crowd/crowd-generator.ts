import { Prng } from '../prng';
import { Citizen } from '../sandbox-network';
import { citizenFor, CITIZEN_POOL_SIZE } from './citizens';
import { CATEGORY_WEIGHTS, CrowdCategory, MESSAGE_TEMPLATES, SLOT_VALUES } from './crowd-messages';

export type CrowdKind = 'reply' | 'mention' | 'dm';

/** One planned crowd item: everything about it is decided by (seed, seq) and the list of target accounts. */
export interface PlannedCrowdItem {
  seq: number;
  /** Index into the target accounts (in their creation order). */
  targetIndex: number;
  /** The wanted kind; a reply becomes a mention when the account has no posts yet. */
  kind: CrowdKind;
  /** In [0, 1): which of the account's recent posts a reply answers. */
  postRoll: number;
  category: CrowdCategory;
  citizen: Citizen;
  text: string;
}

/** Safeguarding and urgent messages arrive more often privately; spam and thanks more often in public. */
const KIND_WEIGHTS: Readonly<Record<CrowdCategory, Readonly<Record<CrowdKind, number>>>> = {
  question: { reply: 45, mention: 30, dm: 25 },
  complaint: { reply: 50, mention: 30, dm: 20 },
  thanks: { reply: 55, mention: 35, dm: 10 },
  urgent: { reply: 30, mention: 35, dm: 35 },
  safeguarding: { reply: 25, mention: 15, dm: 60 },
  abuse: { reply: 60, mention: 30, dm: 10 },
  spam: { reply: 50, mention: 40, dm: 10 },
};

/**
 * Plans item number `seq` of the crowd for `seed`. A pure function of its arguments, with its own PRNG
 * stream per item, so the crowd is reproducible however its items are batched, timed or interleaved.
 */
export function planCrowdItem(seed: string, seq: number, targetCount: number): PlannedCrowdItem {
  const prng = new Prng(`${seed}:item:${seq}`);
  const category = prng.weighted(CATEGORY_WEIGHTS);
  const citizen = citizenFor(seed, prng.int(CITIZEN_POOL_SIZE));
  const targetIndex = prng.int(targetCount);
  const kind = prng.weighted(KIND_WEIGHTS[category]);
  const postRoll = prng.next();
  const template = prng.pick(MESSAGE_TEMPLATES[category][citizen.language]);
  const slots = SLOT_VALUES[citizen.language];
  const text = template.replace(/\{(\w+)\}/g, (_match, slot: string) => prng.pick(slots[slot] ?? [slot]));
  return { seq, targetIndex, kind, postRoll, category, citizen, text };
}
