import { WEEKDAY_NAMES } from '@outside-in/guardrails';
import type { OfficeHoursSettings, SafeguardingSettings } from './defaults';

type Flat = Record<string, unknown>;

/**
 * Only what changed, as before and after, so the audit log reads "Saturday changed from closed to 10:00–13:00"
 * rather than repeating every setting.
 */
export function auditDiff(before: Flat, after: Flat): { before: Flat; after: Flat } {
  const was: Flat = {};
  const now: Flat = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    if (key in before) was[key] = before[key];
    if (key in after) now[key] = after[key];
  }
  return { before: was, after: now };
}

/** Office hours in words a reader of the audit log can follow, one entry per day. */
export function officeHoursForAudit(settings: OfficeHoursSettings): Flat {
  const days = Object.fromEntries(
    WEEKDAY_NAMES.map((day) => {
      const intervals = settings.weekly[day] ?? [];
      return [day, intervals.length ? intervals.map((i) => `${i.open}–${i.close}`).join(', ') : 'closed'];
    }),
  );
  return {
    ...days,
    bankHolidayRegion: settings.bankHolidayRegion ?? 'none',
    closedDates: settings.closedDates.join(', ') || 'none',
    outOfHoursReply: settings.autoReply.enabled,
    outOfHoursReplyChannels: settings.autoReply.allChannels ? 'every channel' : settings.autoReply.channelIds,
    outOfHoursReplyText: settings.autoReply.text,
    outOfHoursReplyWelshText: settings.autoReply.welshText,
  };
}

/** Safeguarding in outline: each set's switch and size, the people, the runbook's length; never the words. */
export function safeguardingForAudit(settings: SafeguardingSettings): Flat {
  return {
    ...Object.fromEntries(
      settings.phraseSets.map((s) => [
        `set ${s.name}`,
        `${s.enabled ? 'on' : 'off'}, ${s.phrases.length} ${s.phrases.length === 1 ? 'phrase' : 'phrases'}`,
      ]),
    ),
    notifyUserIds: settings.notifyUserIds,
    runbookCharacters: settings.runbook.length,
    abusePhraseCount: settings.abusePhrases.length,
  };
}
