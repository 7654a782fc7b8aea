import { networkName } from '@outside-in/channels';
import type { Channel, PostTarget, PostTargetPart, PublishAttempt, Review } from '@outside-in/database';
import { dateInWords, formatInZone, languageName, type ZonedInstant } from '@outside-in/guardrails';
import type { AttemptView, ChannelSummaryView, PartView, ScheduleView, TargetView } from './post.dto';

export function channelSummary(channel: Channel): ChannelSummaryView {
  return {
    id: channel.id,
    network: channel.network,
    networkName: networkName(channel.network),
    handle: channel.handle,
    displayName: channel.displayName,
    practice: channel.practice,
    status: channel.status,
  };
}

export function partView(part: PostTargetPart): PartView {
  return { text: part.text, mediaIds: part.mediaIds ?? [], link: part.link ?? null };
}

/** The target's state in words, with the time written out in the organisation's zone. */
export function targetStateText(target: PostTarget, zone: string, heldBecause: string | null = null): string {
  const when = target.scheduledAt ? formatInZone(target.scheduledAt, zone) : null;
  if (heldBecause && (target.state === 'scheduled' || (target.state === 'approved' && target.publishNow))) {
    const due = when && !target.publishNow ? `, due ${when}` : '';
    return `Held${due}: ${heldBecause}. It goes out when publishing is resumed`;
  }
  if (
    target.heldReason &&
    (target.state === 'scheduled' || (target.state === 'approved' && target.publishNow))
  ) {
    // Half of a bilingual pair the engine is holding back (libs/publishing, pair-gate.service.ts).
    // "Held because the Welsh half failed on …" or "Waiting for the Welsh half to be published first, on …".
    return `${target.heldReason}${when && !target.publishNow ? ` (due ${when})` : ''}`;
  }
  switch (target.state) {
    case 'draft':
      return 'Draft';
    case 'in_review':
      return target.publishNow
        ? 'Waiting for approval, then publishes at once'
        : when
          ? `Waiting for approval, to publish ${when}`
          : 'Waiting for approval';
    case 'changes_requested':
      return 'Changes requested';
    case 'approved':
      return target.lastError
        ? `Approved, not scheduled: ${target.lastError}`
        : 'Approved, not scheduled yet';
    case 'scheduled':
      return target.publishNow ? 'Publishing as soon as possible' : `Scheduled for ${when}`;
    case 'publishing':
      return 'Publishing now';
    case 'published':
      return target.publishedAt ? `Published ${formatInZone(target.publishedAt, zone)}` : 'Published';
    case 'failed':
      return `Not published: ${target.lastError ?? 'the network refused it'}`;
    case 'missed':
      return `Missed: ${target.lastError ?? 'it was not sent on time'}`;
    case 'cancelled':
      return 'Cancelled';
  }
}

export function sameParts(a: PostTargetPart[], b: PostTargetPart[]): boolean {
  return JSON.stringify(a.map(partView)) === JSON.stringify(b.map(partView));
}

export function targetView(
  target: PostTarget,
  channel: Channel,
  zone: string,
  shared: PostTargetPart[],
  attempts?: PublishAttempt[],
  heldBecause: string | null = null,
): TargetView {
  return {
    id: target.id,
    channel: channelSummary(channel),
    language: target.language ?? null,
    languageName: target.language ? languageName(target.language) : null,
    heldReason:
      target.heldReason && (target.state === 'scheduled' || target.state === 'approved')
        ? target.heldReason
        : null,
    state: target.state,
    stateText: targetStateText(target, zone, heldBecause),
    version: target.version,
    parts: target.parts.map(partView),
    customised: !sameParts(target.parts, shared),
    scheduledAt: target.scheduledAt,
    scheduledAtText: target.scheduledAt ? formatInZone(target.scheduledAt, zone) : null,
    publishNow: target.publishNow,
    externalUrl: target.externalUrl,
    publishedAt: target.publishedAt,
    lastError: target.lastError,
    attemptCount: target.attemptCount,
    ...(attempts ? { attempts: attempts.map(attemptView) } : {}),
  };
}

const OUTCOME_TEXT: Record<string, string> = {
  published: 'Published',
  failed: 'Not published',
  unknown:
    'No answer from the network: we check what is on the channel before trying again, never posting twice',
  rate_limited: 'The network asked us to wait (its rate limit); tried again after the wait',
  retry: 'A passing problem on the network; tried again later',
  settled_by_read_back: 'Found on the channel when we checked, so it was not sent again',
};

export function attemptView(attempt: PublishAttempt): AttemptView {
  const base = attempt.outcome ? (OUTCOME_TEXT[attempt.outcome] ?? attempt.outcome) : 'In progress';
  return {
    id: attempt.id,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt,
    outcome: attempt.outcome,
    outcomeText: attempt.error ? `${base}: ${attempt.error}` : base,
    externalId: attempt.externalId,
    error: attempt.error,
  };
}

export function reviewDecisionText(review: Review, reviewerName: string | null): string {
  const who = reviewerName ?? 'a former member';
  if (review.decision === 'approve') return `Approved by ${who}${review.edit ? ', with changes' : ''}`;
  if (review.decision === 'request_changes') return `Changes requested by ${who}`;
  return `Rejected by ${who}`;
}

/** The schedule as the person will read it, saying when a DST gap or overlap changed what they typed. */
export function scheduleView(date: string, time: string, zoned: ZonedInstant, zone: string): ScheduleView {
  const written = formatInZone(zoned.instant, zone);
  const day = dateInWords(date, false);
  const actual = written.slice(written.lastIndexOf(', ') + 2);
  let adjustmentText: string | null = null;
  if (zoned.adjustment === 'gap-moved-forward') {
    adjustmentText = `${time} does not exist on ${day} (the clocks go forward); scheduled for ${actual}.`;
  } else if (zoned.adjustment === 'overlap-earlier') {
    adjustmentText = `${time} happens twice on ${day} (the clocks go back); scheduled for the first, ${actual}.`;
  }
  return { at: zoned.instant, timeZone: zone, written, adjustment: zoned.adjustment, adjustmentText };
}
