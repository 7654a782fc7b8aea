import { createBankHolidayCalendar } from './bank-holidays';
import {
  closedPeriodId,
  isOpen,
  nextOpening,
  OfficeSchedule,
  officeScheduleProblems,
  openPeriodsBetween,
  workingMillisBetween,
} from './office-hours';

const iso = (s: string) => new Date(s);
const HOUR = 3_600_000;
const nineToFive = [{ open: '09:00', close: '17:00' }];

/** A council contact centre: weekdays 9–5, closed on English bank holidays. */
const council: OfficeSchedule = {
  zone: 'Europe/London',
  weekly: {
    monday: nineToFive,
    tuesday: nineToFive,
    wednesday: nineToFive,
    thursday: nineToFive,
    friday: [{ open: '09:00', close: '16:30' }],
  },
  bankHolidayRegion: 'england-and-wales',
};

describe('isOpen', () => {
  it('is open in office hours, closed outside them, at weekends and on bank holidays', () => {
    expect(isOpen(council, iso('2026-03-03T10:00:00Z'))).toBe(true); // Tuesday 10:00 GMT
    expect(isOpen(council, iso('2026-03-03T08:59:59Z'))).toBe(false);
    expect(isOpen(council, iso('2026-03-03T09:00:00Z'))).toBe(true); // opening is inclusive
    expect(isOpen(council, iso('2026-03-03T17:00:00Z'))).toBe(false); // closing is exclusive
    expect(isOpen(council, iso('2026-03-06T16:45:00Z'))).toBe(false); // Friday closes 16:30
    expect(isOpen(council, iso('2026-03-07T12:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(council, iso('2026-04-06T12:00:00Z'))).toBe(false); // Easter Monday
  });

  it('reads hours in local time across BST', () => {
    expect(isOpen(council, iso('2026-07-14T08:30:00Z'))).toBe(true); // 09:30 BST
    expect(isOpen(council, iso('2026-07-14T16:30:00Z'))).toBe(false); // 17:30 BST
  });

  it('uses the region: Scotland works Easter Monday but not 2 January', () => {
    const scottish: OfficeSchedule = { ...council, bankHolidayRegion: 'scotland' };
    expect(isOpen(scottish, iso('2026-04-06T12:00:00Z'))).toBe(true);
    expect(isOpen(scottish, iso('2026-01-02T12:00:00Z'))).toBe(false);
    expect(isOpen(council, iso('2026-01-02T12:00:00Z'))).toBe(true);
  });

  it('ignores bank holidays when no region is set, and honours extra closed dates', () => {
    const noRegion: OfficeSchedule = { ...council, bankHolidayRegion: null, closedDates: ['2026-12-29'] };
    expect(isOpen(noRegion, iso('2026-04-06T12:00:00Z'))).toBe(true);
    expect(isOpen(noRegion, iso('2026-12-29T12:00:00Z'))).toBe(false);
  });

  it('handles split days and round-the-clock cover', () => {
    const split: OfficeSchedule = {
      zone: 'Europe/London',
      weekly: {
        monday: [
          { open: '09:00', close: '12:00' },
          { open: '13:00', close: '17:00' },
        ],
      },
    };
    expect(isOpen(split, iso('2026-03-02T12:30:00Z'))).toBe(false);
    expect(isOpen(split, iso('2026-03-02T13:30:00Z'))).toBe(true);
    const allDay: OfficeSchedule = {
      zone: 'Europe/London',
      weekly: { saturday: [{ open: '00:00', close: '24:00' }] },
    };
    expect(isOpen(allDay, iso('2026-03-07T23:59:00Z'))).toBe(true);
    expect(isOpen(allDay, iso('2026-03-08T00:00:00Z'))).toBe(false);
  });

  it('works in other zones', () => {
    const sydney: OfficeSchedule = { zone: 'Australia/Sydney', weekly: { monday: nineToFive } };
    expect(isOpen(sydney, iso('2026-03-01T23:00:00Z'))).toBe(true); // Monday 10:00 AEDT
    expect(isOpen(sydney, iso('2026-03-02T10:00:00Z'))).toBe(false); // Monday 21:00 AEDT
  });
});

describe('nextOpening', () => {
  it('returns the instant itself when open', () => {
    expect(nextOpening(council, iso('2026-03-03T10:00:00Z'))).toEqual(iso('2026-03-03T10:00:00Z'));
  });

  it('finds the next morning, the Monday after a weekend, and skips Easter', () => {
    expect(nextOpening(council, iso('2026-03-03T18:00:00Z'))).toEqual(iso('2026-03-04T09:00:00Z'));
    expect(nextOpening(council, iso('2026-03-03T07:00:00Z'))).toEqual(iso('2026-03-03T09:00:00Z'));
    expect(nextOpening(council, iso('2026-03-06T17:00:00Z'))).toEqual(iso('2026-03-09T09:00:00Z'));
    // Thursday before Easter, evening: Good Friday and Easter Monday closed → Tuesday 09:00 BST.
    expect(nextOpening(council, iso('2026-04-02T18:00:00Z'))).toEqual(iso('2026-04-07T08:00:00Z'));
  });

  it('crosses the Christmas 2026 closure (Boxing Day substitute on the 28th)', () => {
    expect(nextOpening(council, iso('2026-12-24T17:00:00Z'))).toEqual(iso('2026-12-29T09:00:00Z'));
  });

  it('crosses the clocks going forward', () => {
    // Friday 27 March 2026 after close (GMT) → Monday 30 March 09:00 BST.
    expect(nextOpening(council, iso('2026-03-27T17:00:00Z'))).toEqual(iso('2026-03-30T08:00:00Z'));
  });

  it('is null for a schedule that never opens', () => {
    expect(nextOpening({ zone: 'Europe/London', weekly: {} }, iso('2026-03-03T10:00:00Z'))).toBeNull();
  });
});

describe('closedPeriodId', () => {
  it('is null when open', () => {
    expect(closedPeriodId(council, iso('2026-03-03T10:00:00Z'))).toBeNull();
  });

  it('gives every instant of one closed stretch the same id: the instant it closed', () => {
    const fridayClose = '2026-03-06T16:30:00.000Z';
    for (const at of [
      '2026-03-06T16:30:00Z',
      '2026-03-06T22:00:00Z',
      '2026-03-07T12:00:00Z',
      '2026-03-09T08:59:00Z',
    ]) {
      expect(closedPeriodId(council, iso(at))).toBe(fridayClose);
    }
    expect(closedPeriodId(council, iso('2026-03-09T17:30:00Z'))).toBe('2026-03-09T17:00:00.000Z');
  });

  it('spans a long weekend as one period', () => {
    const thursdayClose = '2026-04-02T16:00:00.000Z'; // 17:00 BST
    expect(closedPeriodId(council, iso('2026-04-03T10:00:00Z'))).toBe(thursdayClose);
    expect(closedPeriodId(council, iso('2026-04-06T10:00:00Z'))).toBe(thursdayClose);
    expect(closedPeriodId(council, iso('2026-04-07T07:59:00Z'))).toBe(thursdayClose);
  });

  it('separates the lunch break from the evening on a split day', () => {
    const split: OfficeSchedule = {
      zone: 'Europe/London',
      weekly: {
        monday: [
          { open: '09:00', close: '12:00' },
          { open: '13:00', close: '17:00' },
        ],
      },
    };
    expect(closedPeriodId(split, iso('2026-03-02T12:30:00Z'))).toBe('2026-03-02T12:00:00.000Z');
    expect(closedPeriodId(split, iso('2026-03-02T18:00:00Z'))).toBe('2026-03-02T17:00:00.000Z');
  });

  it('falls back for schedules with no past opening', () => {
    expect(closedPeriodId({ zone: 'Europe/London', weekly: {} }, iso('2026-03-03T10:00:00Z'))).toBe(
      'always-closed',
    );
    const opensLater: OfficeSchedule = { zone: 'UTC', weekly: { monday: nineToFive }, closedDates: [] };
    const emptyPast = createBankHolidayCalendar({
      'england-and-wales': { division: 'england-and-wales', events: [] },
      scotland: { division: 'scotland', events: [] },
      'northern-ireland': { division: 'northern-ireland', events: [] },
    });
    // Opens on Mondays; with every past Monday closed the id is keyed to the next opening.
    const closedMondays = Array.from({ length: 60 }, (_, i) =>
      new Date(Date.UTC(2026, 2, 2) - i * 7 * 86_400_000).toISOString().slice(0, 10),
    );
    expect(
      closedPeriodId({ ...opensLater, closedDates: closedMondays }, iso('2026-03-01T12:00:00Z'), emptyPast),
    ).toBe('until:2026-03-09T09:00:00.000Z');
  });
});

describe('workingMillisBetween', () => {
  it('counts only office hours', () => {
    // Tuesday 16:00 → Wednesday 10:00 = 1 h + 1 h.
    expect(workingMillisBetween(council, iso('2026-03-03T16:00:00Z'), iso('2026-03-04T10:00:00Z'))).toBe(
      2 * HOUR,
    );
    // Friday 16:00 → Monday 09:30: 30 min Friday (closes 16:30) + 30 min Monday.
    expect(workingMillisBetween(council, iso('2026-03-06T16:00:00Z'), iso('2026-03-09T09:30:00Z'))).toBe(
      HOUR,
    );
  });

  it('is zero when both ends are in the same closed period or the range is empty or reversed', () => {
    expect(workingMillisBetween(council, iso('2026-03-06T18:00:00Z'), iso('2026-03-08T18:00:00Z'))).toBe(0);
    expect(workingMillisBetween(council, iso('2026-03-03T10:00:00Z'), iso('2026-03-03T10:00:00Z'))).toBe(0);
    expect(workingMillisBetween(council, iso('2026-03-04T10:00:00Z'), iso('2026-03-03T10:00:00Z'))).toBe(0);
  });

  it('counts a full week as 39.5 hours and skips bank holidays', () => {
    expect(workingMillisBetween(council, iso('2026-03-02T00:00:00Z'), iso('2026-03-09T00:00:00Z'))).toBe(
      39.5 * HOUR,
    );
    // Easter week 2026: Good Friday 3 April closed, so Mon–Thu only (BST).
    expect(workingMillisBetween(council, iso('2026-03-29T23:00:00Z'), iso('2026-04-05T23:00:00Z'))).toBe(
      32 * HOUR,
    );
  });

  it('is right across the clocks changing overnight, for 24-hour cover', () => {
    const always: OfficeSchedule = {
      zone: 'Europe/London',
      weekly: Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [
          d,
          [{ open: '00:00', close: '24:00' }],
        ]),
      ),
    };
    // Saturday 28 March 12:00 GMT to Sunday 29 March 12:00 BST is 23 real hours.
    expect(workingMillisBetween(always, iso('2026-03-28T12:00:00Z'), iso('2026-03-29T11:00:00Z'))).toBe(
      23 * HOUR,
    );
    expect(openPeriodsBetween(always, iso('2026-03-28T12:00:00Z'), iso('2026-03-29T11:00:00Z'))).toHaveLength(
      1,
    );
    // The October Sunday is 25 hours long.
    expect(workingMillisBetween(always, iso('2026-10-24T23:00:00Z'), iso('2026-10-26T00:00:00Z'))).toBe(
      25 * HOUR,
    );
  });

  it('keeps an early shift that starts in the spring gap at its moved-forward time', () => {
    const early: OfficeSchedule = {
      zone: 'Europe/London',
      weekly: { sunday: [{ open: '01:30', close: '03:00' }] },
    };
    // 01:30 does not exist on 29 March 2026; it opens at 02:30 BST (01:30Z) and closes 03:00 BST (02:00Z).
    expect(openPeriodsBetween(early, iso('2026-03-28T00:00:00Z'), iso('2026-03-30T00:00:00Z'))).toEqual([
      { start: iso('2026-03-29T01:30:00Z'), end: iso('2026-03-29T02:00:00Z') },
    ]);
  });
});

describe('officeScheduleProblems', () => {
  it('accepts a good schedule', () => {
    expect(officeScheduleProblems(council)).toEqual([]);
  });

  it('lists each problem in plain English', () => {
    const problems = officeScheduleProblems({
      zone: 'Europe/Londres',
      weekly: {
        monday: [
          { open: '09:00', close: '13:00' },
          { open: '12:00', close: '17:00' },
        ],
        tuesday: [{ open: '17:00', close: '09:00' }],
        wednesday: [{ open: '9am', close: '17:00' }],
      },
      closedDates: ['25/12/2026'],
    });
    expect(problems).toEqual([
      '"Europe/Londres" is not a time zone we know',
      'monday: 09:00–13:00 overlaps 12:00–17:00',
      'tuesday: closes at 09:00, not after it opens at 17:00',
      'wednesday: opening time "9am" is not HH:mm',
      'closed date "25/12/2026" is not YYYY-MM-DD',
    ]);
  });

  it('makes the functions refuse an unusable schedule', () => {
    expect(() => isOpen({ zone: 'Nowhere/Special', weekly: {} }, new Date())).toThrow(RangeError);
  });
});
