import {
  ABUSE,
  CHILD_AT_RISK,
  COACH_DEFAULTS,
  CRIME_REPORT,
  SELF_HARM,
  THREATS_OF_VIOLENCE,
  type BankHolidayRegion,
  type HintId,
  type OpeningInterval,
  type WeekdayName,
} from '@outside-in/guardrails';
import type { Role } from '@outside-in/database';

/** Settings an organisation keeps as one document per area. No stored row means these defaults. */

export interface AutoReplySettings {
  /** Send an honest out-of-hours reply at all. */
  enabled: boolean;
  /** On every channel, or only on `channelIds`. */
  allChannels: boolean;
  channelIds: string[];
  text: string;
  /** The same reply in Welsh, sent with (after) the English; empty for none. */
  welshText: string;
}

export interface OfficeHoursSettings {
  weekly: Record<WeekdayName, OpeningInterval[]>;
  bankHolidayRegion: BankHolidayRegion | null;
  closedDates: string[];
  autoReply: AutoReplySettings;
}

export interface SafeguardingPhraseSet {
  id: string;
  name: string;
  enabled: boolean;
  phrases: string[];
}

export interface SafeguardingSettings {
  phraseSets: SafeguardingPhraseSet[];
  /** Members told at once about a match. */
  notifyUserIds: string[];
  /** What a responder reads when a message matches. */
  runbook: string;
  /** Words and phrases whose messages are blurred as possible abuse. */
  abusePhrases: string[];
}

export interface RetentionSettings {
  /** Keep messages this many months; null keeps them for ever. */
  keepMessagesForMonths: number | null;
}

export interface CoachSettings {
  mandatoryHints: HintId[];
  targetReadingAge: number;
}

/**
 * The out-of-hours reply. It tells people plainly that no one is reading, and where to go if it cannot wait:
 * 999 for an emergency, 111 for urgent health needs, 101 for the police when it is not an emergency.
 */
export const DEFAULT_AUTO_REPLY_TEXT =
  'Thank you for your message. Our team is not working just now, so no one will read it until we are back. ' +
  'We will reply as soon as we can. If someone is in danger or a crime is happening now, call 999. ' +
  'If you need medical help fast but it is not an emergency, call 111 or go to 111.nhs.uk. ' +
  'To report a crime that is not an emergency, call 101.';

/** A draft in Welsh of the same reply; a Welsh speaker in the organisation should check it before use. */
export const DEFAULT_AUTO_REPLY_WELSH_TEXT =
  'Diolch am eich neges. Nid yw ein tîm yn gweithio ar hyn o bryd, felly ni fydd neb yn ei darllen nes i ni ddod yn ôl. ' +
  'Byddwn yn ateb cyn gynted ag y gallwn. Os yw rhywun mewn perygl neu os oes trosedd yn digwydd nawr, ffoniwch 999. ' +
  "Os oes angen help meddygol arnoch yn gyflym ond nid yw'n argyfwng, ffoniwch 111 neu ewch i 111.wales.nhs.uk. " +
  "I roi gwybod am drosedd nad yw'n argyfwng, ffoniwch 101.";

const NINE_TO_FIVE: OpeningInterval[] = [{ open: '09:00', close: '17:00' }];

export function defaultOfficeHours(): OfficeHoursSettings {
  return {
    weekly: {
      monday: [...NINE_TO_FIVE],
      tuesday: [...NINE_TO_FIVE],
      wednesday: [...NINE_TO_FIVE],
      thursday: [...NINE_TO_FIVE],
      friday: [...NINE_TO_FIVE],
      saturday: [],
      sunday: [],
    },
    bankHolidayRegion: 'england-and-wales',
    closedDates: [],
    autoReply: {
      enabled: false,
      allChannels: true,
      channelIds: [],
      text: DEFAULT_AUTO_REPLY_TEXT,
      welshText: DEFAULT_AUTO_REPLY_WELSH_TEXT,
    },
  };
}

/**
 * What responders read beside a message that matched a safeguarding phrase. Plain steps, the numbers to call,
 * and the rule that such a message is never answered automatically.
 */
export const DEFAULT_RUNBOOK = `This message may mean someone is at risk. Read it in full before you do anything else. Nothing has been sent automatically, and nothing will be.

Everyone
- Do not ignore it and do not argue. Reply as a person, kindly and briefly, if a reply is safe.
- Tell your manager or the duty safeguarding lead now, whatever the time. Do not deal with it alone.
- Do not delete or hide the message: it is evidence. Add a note saying what you did and when.

Someone may hurt themselves (self-harm or suicide)
- If they say they are in danger now, call 999 and give the police what you know (name, account, where they may be).
- Reply with care: "We're sorry you feel like this. You can talk to Samaritans any time, free, on 116 123. If you are in danger now, call 999."
- Do not promise what happens next, and do not ask them to move to a private message unless your lead says so.

A threat to hurt someone (a person, staff, a building)
- If the threat is specific or immediate, call 999. Otherwise report it on 101 and give the link to the message.
- Do not reply to the person making the threat. Tell your manager, and the member of staff named, if there is one.

A child may be at risk
- If a child is in danger now, call 999.
- Otherwise contact your organisation's children's safeguarding team (or the local council's children's services) the same day. Give them the link to the message and what you know.
- Do not contact the child or the family yourself, and do not ask questions that could put them at more risk.

Someone reports a crime
- If it is happening now or someone is in danger, tell them to call 999.
- Otherwise reply that we cannot take crime reports here, and that they can call 101 or report online at police.uk.
- If the report is about our own staff or services, tell your manager.

When you are done, mark the conversation with what you did, and look after yourself: talk to your manager if it upset you.`;

/** The shipped phrase sets, as an organisation starts with them; abuse is kept apart as its own list. */
export function defaultSafeguarding(): SafeguardingSettings {
  return {
    phraseSets: [SELF_HARM, THREATS_OF_VIOLENCE, CHILD_AT_RISK, CRIME_REPORT].map((set) => ({
      id: set.id,
      name: set.name,
      enabled: true,
      phrases: [...set.phrases],
    })),
    notifyUserIds: [],
    runbook: DEFAULT_RUNBOOK,
    abusePhrases: [...ABUSE.phrases],
  };
}

export function defaultRetention(): RetentionSettings {
  // Keeping everything is the safe default: nothing is purged until the organisation chooses a period.
  return { keepMessagesForMonths: null };
}

export function defaultCoach(): CoachSettings {
  return { mandatoryHints: [], targetReadingAge: COACH_DEFAULTS.targetReadingAge };
}

/** The "why we are quieter" post for a pre-election period. */
export const DEFAULT_EXPLAINER_TEMPLATE = `Why we are posting less for a while

There is an election on {election date}. Until then, councils and other public bodies must not publish anything that could look like support for a candidate or party. This is called the pre-election period.

We will still post about services, safety and events, and we will still answer your messages. We will not post about new policies or share posts from candidates or parties until after the election.

Thank you for your understanding.`;

/** Roles that can be asked to approve during a quiet period. */
export const APPROVER_ROLES: readonly Role[] = ['owner', 'admin', 'approver'];

/** The most candidate and party names one period can hold. */
export const MAX_CANDIDATE_NAMES = 2000;
