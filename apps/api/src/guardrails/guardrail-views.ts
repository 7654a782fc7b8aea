import { Channel, Role } from '@outside-in/database';
import { dateInWords } from '@outside-in/guardrails';
import { QuietPeriodInZone } from '@outside-in/guardrail-settings';
import type { HintId } from '@outside-in/guardrails';
import { CoachHintKindView, QuietPeriodView } from './guardrail-settings.dto';

export function quietPeriodView(q: QuietPeriodInZone): QuietPeriodView {
  const p = q.period;
  return {
    id: p.id,
    name: p.name,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    startsAt: q.startsAt,
    endsAt: q.endsAt,
    datesText: `From ${dateInWords(p.startsOn)} to the end of ${dateInWords(p.endsOn)} (${q.timeZone} time)`,
    channelIds: p.channelIds,
    approverRoles: p.approverRoles,
    candidateNames: p.candidateNames,
    explainerTemplate: p.explainerTemplate,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

const ROLE_NAMES: Record<string, string> = { owner: 'an owner', admin: 'an admin', approver: 'an approver' };

/** "an approver, an admin or an owner" */
export function rolesInWords(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_NAMES[r] ?? r);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** "Pre-election period until Thursday 7 May: every post and reply needs approval by an approver or an owner." */
export function quietPeriodBanner(q: QuietPeriodInZone, channels: Map<string, Channel>): string {
  const p = q.period;
  const where =
    p.channelIds.length === 0
      ? ''
      : ` on ${p.channelIds
          .map((id) => channels.get(id))
          .filter((c): c is Channel => Boolean(c))
          .map((c) => `${c.displayName} (${c.handle})`)
          .join(', ')}`;
  return `${p.name} until the end of ${dateInWords(p.endsOn, false)}: every post and reply${where} needs approval by ${rolesInWords(p.approverRoles)}.`;
}

export const HINT_KINDS: Record<HintId, Omit<CoachHintKindView, 'id'>> = {
  'reading-age': {
    label: 'Reading age',
    description: 'The post is harder to read than the reading age you aim for.',
  },
  'long-sentence': {
    label: 'Long sentences',
    description: 'A sentence has more than 25 words. Shorter sentences are easier to follow.',
  },
  'missing-alt-text': {
    label: 'Images without a description',
    description: 'An image has no alt text, so people who use screen readers cannot know what it shows.',
  },
  'camelcase-hashtag': {
    label: 'Hashtags without capitals',
    description: 'Screen readers read #bankholidayhours as one long word; #BankHolidayHours they can read.',
  },
  'emoji-mid-sentence': {
    label: 'Emoji in the middle of a sentence',
    description: 'Screen readers read out the name of each emoji, which breaks up the sentence.',
  },
  'plain-word': {
    label: 'Plainer words',
    description: 'A simpler word would do, for example "use" instead of "utilise".',
  },
};
