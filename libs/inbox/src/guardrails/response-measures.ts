import { workingMillisBetween, type BankHolidayCalendar, type OfficeSchedule } from '@outside-in/guardrails';

export interface ConversationTimes {
  /** The public's first message: both clocks start here. */
  firstInboundAt: Date;
  /** Our first reply written by a person (automatic replies do not count). */
  firstResponseAt: Date | null;
  /** When it was last closed; null while open. */
  resolvedAt: Date | null;
}

export interface ConversationFigures {
  firstResponseSeconds: number | null;
  /** Only the seconds when the office was open: nights, weekends and bank holidays do not count. */
  firstResponseOfficeSeconds: number | null;
  resolutionSeconds: number | null;
  resolutionOfficeSeconds: number | null;
}

/**
 * First response and resolution times of one conversation, on the wall clock and on the office-hours clock
 * (libs/guardrails workingMillisBetween: the clock stops when the office closes and starts again when it opens).
 * A message on Friday at 16:30 answered on Monday at 09:30 in a 09:00-17:00 office waited 65 hours on the wall
 * clock and 1 hour on the office clock. Whole seconds, rounded down; never negative.
 */
export function measureConversation(
  times: ConversationTimes,
  schedule: OfficeSchedule,
  calendar?: BankHolidayCalendar,
): ConversationFigures {
  const wall = (end: Date | null) =>
    end ? Math.max(0, Math.floor((end.getTime() - times.firstInboundAt.getTime()) / 1000)) : null;
  const office = (end: Date | null) =>
    end ? Math.floor(workingMillisBetween(schedule, times.firstInboundAt, end, calendar) / 1000) : null;
  return {
    firstResponseSeconds: wall(times.firstResponseAt),
    firstResponseOfficeSeconds: office(times.firstResponseAt),
    resolutionSeconds: wall(times.resolvedAt),
    resolutionOfficeSeconds: office(times.resolvedAt),
  };
}
