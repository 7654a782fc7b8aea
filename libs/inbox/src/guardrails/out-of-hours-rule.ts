import { closedPeriodId, type BankHolidayCalendar, type OfficeSchedule } from '@outside-in/guardrails';

/**
 * The honest out-of-hours reply's rules, without I/O:
 *
 * - only to a message from the public (never to our own messages echoed back) from a known contact;
 * - only when the message was written while the office was closed **and** that closed period is still the one
 *   we are in as we read it: a message from last night picked up after opening gets a person, not "we are
 *   closed";
 * - never to a contact whose new messages (or whose conversation) matched a safeguarding set: a person must
 *   answer those, and an automatic "we are not here" could do harm;
 * - at most once per contact per closed period: the caller keys what it sends on (contact, closedPeriodId), and
 *   the database's primary key decides under a race;
 * - to the contact's earliest such message in the batch (one reply answers them all).
 */

export interface OutOfHoursCandidate {
  messageId: string;
  conversationId: string;
  contactId: string | null;
  direction: 'in' | 'out';
  writtenAt: Date;
  /** This message matched a safeguarding set. */
  safeguardingMatch: boolean;
  /** Its conversation has been flagged by safeguarding before (by this batch or an earlier one). */
  conversationFlagged: boolean;
}

export interface OutOfHoursChoice {
  contactId: string;
  messageId: string;
  conversationId: string;
  closedPeriodId: string;
}

/** The closed period a message written at `writtenAt` and read at `now` may be answered in, or null. */
export function answerablePeriod(
  schedule: OfficeSchedule,
  writtenAt: Date,
  now: Date,
  calendar?: BankHolidayCalendar,
): string | null {
  return inCurrentPeriod(schedule, writtenAt, now, closedPeriodId(schedule, now, calendar), calendar);
}

/**
 * `current` is the closed period `now` is in (null when open). A period id that is an instant is when the office
 * closed, so everything written between it and now is in it, with no calendar search per message (a batch of
 * thousands costs one search); other ids ('until:...', 'always-closed') are compared the long way.
 */
function inCurrentPeriod(
  schedule: OfficeSchedule,
  writtenAt: Date,
  now: Date,
  current: string | null,
  calendar?: BankHolidayCalendar,
): string | null {
  if (current === null) return null;
  const closedAt = Date.parse(current);
  // A network clock a little ahead of ours still counts as written now.
  const written = Math.min(writtenAt.getTime(), now.getTime());
  if (!Number.isNaN(closedAt)) return written >= closedAt ? current : null;
  return closedPeriodId(schedule, new Date(written), calendar) === current ? current : null;
}

/** One choice per contact who should get the reply, by the rules above (before the once-per-period key). */
export function chooseOutOfHoursReplies(
  candidates: readonly OutOfHoursCandidate[],
  schedule: OfficeSchedule,
  now: Date,
  calendar?: BankHolidayCalendar,
): OutOfHoursChoice[] {
  const current = closedPeriodId(schedule, now, calendar);
  if (current === null) return [];
  const byContact = new Map<string, OutOfHoursCandidate[]>();
  for (const candidate of candidates) {
    if (candidate.direction !== 'in' || !candidate.contactId) continue;
    const list = byContact.get(candidate.contactId) ?? [];
    list.push(candidate);
    byContact.set(candidate.contactId, list);
  }
  const choices: OutOfHoursChoice[] = [];
  for (const [contactId, messages] of byContact) {
    if (messages.some((m) => m.safeguardingMatch || m.conversationFlagged)) continue;
    const earliest = [...messages].sort(
      (a, b) => a.writtenAt.getTime() - b.writtenAt.getTime() || (a.messageId < b.messageId ? -1 : 1),
    )[0];
    const period = inCurrentPeriod(schedule, earliest.writtenAt, now, current, calendar);
    if (period === null) continue;
    choices.push({
      contactId,
      messageId: earliest.messageId,
      conversationId: earliest.conversationId,
      closedPeriodId: period,
    });
  }
  return choices.sort((a, b) => (a.contactId < b.contactId ? -1 : 1));
}

/**
 * The text to send: the organisation's Welsh text to a message in Welsh when it has one, otherwise its English
 * text; when that is longer than the network allows (the shipped English text is longer than X's 280
 * characters), the short signposting text, so the numbers always reach the person.
 *
 * Each reply ends with "(Automatic reply, reference AB12CD.)": it says honestly that no person wrote it, and it
 * makes every reply's text distinct, because X refuses a post whose text repeats one of the account's posts
 * from the last 24 hours, which two people writing on one night would otherwise trigger.
 */
export function outOfHoursText(
  texts: { text: string; welshText: string | null },
  messageLanguage: string | null,
  maxCharacters: number | null,
  reference: string,
): string {
  const welsh = messageLanguage === 'cy' && !!texts.welshText;
  const suffix = welsh
    ? ` (Ateb awtomatig, cyfeirnod ${reference}.)`
    : ` (Automatic reply, reference ${reference}.)`;
  const preferred = (welsh ? texts.welshText! : texts.text) + suffix;
  if (maxCharacters === null || [...preferred].length <= maxCharacters) return preferred;
  const short = (welsh ? SHORT_WELSH_TEXT : SHORT_TEXT) + suffix;
  return [...short].length <= maxCharacters ? short : [...short].slice(0, maxCharacters).join('');
}

/** A reply's reference: six letters and digits from its id, easy to read out on the phone. */
export function replyReference(messageId: string): string {
  return messageId.replace(/-/g, '').slice(0, 6).toUpperCase();
}

/** Under 150 characters: fits every network we support. */
export const SHORT_TEXT =
  'Thanks for your message. We are closed now and will reply when we are back. Emergency: call 999. Urgent health: 111. Police, not an emergency: 101.';

/** The same in Welsh; a Welsh speaker in the organisation should check it before use. */
export const SHORT_WELSH_TEXT =
  'Diolch am eich neges. Rydyn ni ar gau nawr a byddwn yn ateb pan fyddwn yn ôl. Argyfwng: ffoniwch 999. Iechyd brys: 111. Heddlu, nid argyfwng: 101.';
