import {
  addCalendarDays,
  addWorkingDays,
  isWorkingDay,
  weekdayOfDate,
  type BankHolidayRegion,
} from '@outside-in/guardrails';

/** FOI Act s.10: an answer is due within 20 working days following the date of receipt. */
export const FOI_WORKING_DAYS = 20;

/** Stored when the organisation has no bank-holiday region: the clock then skips weekends only. */
export const NO_REGION = 'none';

export type FoiRegion = BankHolidayRegion | typeof NO_REGION;

function isWorkday(date: string, region: FoiRegion): boolean {
  return region === NO_REGION ? weekdayOfDate(date) <= 5 : isWorkingDay(date, region);
}

/** The FOI due date: `n` working days after `receivedOn`, which itself is never counted. */
export function foiDueOn(receivedOn: string, region: FoiRegion, n = FOI_WORKING_DAYS): string {
  if (region !== NO_REGION) return addWorkingDays(receivedOn, n, region);
  let current = receivedOn;
  let remaining = n;
  while (remaining > 0) {
    current = addCalendarDays(current, 1);
    if (isWorkday(current, region)) remaining -= 1;
  }
  return current;
}

/**
 * Working days left until `dueOn`, seen on `today`: the working days after today up to and including the due
 * date (0 on the due date itself), or minus the working days since the due date once it has passed.
 */
export function workingDaysLeft(today: string, dueOn: string, region: FoiRegion): number {
  if (today === dueOn) return 0;
  const forward = today < dueOn;
  let from = forward ? today : dueOn;
  const to = forward ? dueOn : today;
  let count = 0;
  while (from < to) {
    from = addCalendarDays(from, 1);
    if (isWorkday(from, region)) count += 1;
  }
  return forward ? count : -count;
}
