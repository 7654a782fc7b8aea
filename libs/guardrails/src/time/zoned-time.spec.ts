import {
  addCalendarDays,
  dateInWords,
  formatInZone,
  instantToZonedParts,
  isValidTimeZone,
  weekdayOfDate,
  zonedWallTimeToInstant,
  zoneOffsetMinutes,
} from './zoned-time';

const iso = (s: string) => new Date(s);

describe('zonedWallTimeToInstant', () => {
  describe('Europe/London', () => {
    const zone = 'Europe/London';

    it('reads an ordinary winter time as GMT and a summer time as BST', () => {
      expect(zonedWallTimeToInstant('2026-01-15', '09:00', zone)).toEqual({
        instant: iso('2026-01-15T09:00:00Z'),
        adjustment: 'none',
      });
      expect(zonedWallTimeToInstant('2026-07-15', '09:00', zone)).toEqual({
        instant: iso('2026-07-15T08:00:00Z'),
        adjustment: 'none',
      });
    });

    it('moves a time in the spring-forward gap forward by the gap (01:30 → 02:30 BST)', () => {
      const result = zonedWallTimeToInstant('2026-03-29', '01:30', zone);
      expect(result).toEqual({ instant: iso('2026-03-29T01:30:00Z'), adjustment: 'gap-moved-forward' });
      expect(instantToZonedParts(result.instant, zone).time).toBe('02:30');
    });

    it('treats the first minute of the gap and the first minute after it correctly', () => {
      expect(zonedWallTimeToInstant('2026-03-29', '01:00', zone).adjustment).toBe('gap-moved-forward');
      expect(zonedWallTimeToInstant('2026-03-29', '00:59', zone)).toEqual({
        instant: iso('2026-03-29T00:59:00Z'),
        adjustment: 'none',
      });
      expect(zonedWallTimeToInstant('2026-03-29', '02:00', zone)).toEqual({
        instant: iso('2026-03-29T01:00:00Z'),
        adjustment: 'none',
      });
    });

    it('takes the earlier instant for a time in the fall-back overlap', () => {
      expect(zonedWallTimeToInstant('2026-10-25', '01:30', zone)).toEqual({
        instant: iso('2026-10-25T00:30:00Z'),
        adjustment: 'overlap-earlier',
      });
      expect(zonedWallTimeToInstant('2026-10-25', '02:00', zone)).toEqual({
        instant: iso('2026-10-25T02:00:00Z'),
        adjustment: 'none',
      });
      expect(zonedWallTimeToInstant('2026-10-25', '00:59', zone)).toEqual({
        instant: iso('2026-10-24T23:59:00Z'),
        adjustment: 'none',
      });
    });
  });

  describe('America/New_York', () => {
    const zone = 'America/New_York';

    it('handles the March gap at 02:00', () => {
      expect(zonedWallTimeToInstant('2026-03-08', '02:30', zone)).toEqual({
        instant: iso('2026-03-08T07:30:00Z'),
        adjustment: 'gap-moved-forward',
      });
      expect(instantToZonedParts(iso('2026-03-08T07:30:00Z'), zone).time).toBe('03:30');
      expect(zonedWallTimeToInstant('2026-03-08', '01:59', zone).instant).toEqual(
        iso('2026-03-08T06:59:00Z'),
      );
      expect(zonedWallTimeToInstant('2026-03-08', '03:00', zone).instant).toEqual(
        iso('2026-03-08T07:00:00Z'),
      );
    });

    it('takes EDT for 01:30 on the November fall-back day', () => {
      expect(zonedWallTimeToInstant('2026-11-01', '01:30', zone)).toEqual({
        instant: iso('2026-11-01T05:30:00Z'),
        adjustment: 'overlap-earlier',
      });
    });
  });

  describe('Australia/Sydney (southern hemisphere)', () => {
    const zone = 'Australia/Sydney';

    it('has the gap in October', () => {
      expect(zonedWallTimeToInstant('2026-10-04', '02:15', zone)).toEqual({
        instant: iso('2026-10-03T16:15:00Z'),
        adjustment: 'gap-moved-forward',
      });
      expect(instantToZonedParts(iso('2026-10-03T16:15:00Z'), zone).time).toBe('03:15');
    });

    it('has the overlap in April and takes AEDT', () => {
      expect(zonedWallTimeToInstant('2026-04-05', '02:30', zone)).toEqual({
        instant: iso('2026-04-04T15:30:00Z'),
        adjustment: 'overlap-earlier',
      });
    });

    it('reads an ordinary January time as AEDT (+11)', () => {
      expect(zonedWallTimeToInstant('2026-01-10', '12:00', zone).instant).toEqual(
        iso('2026-01-10T01:00:00Z'),
      );
    });
  });

  describe('Pacific/Chatham (45-minute offsets, transitions at 02:45)', () => {
    const zone = 'Pacific/Chatham';

    it('moves 03:00 in the September gap (02:45–03:45) forward an hour', () => {
      const result = zonedWallTimeToInstant('2026-09-27', '03:00', zone);
      expect(result).toEqual({ instant: iso('2026-09-26T14:15:00Z'), adjustment: 'gap-moved-forward' });
      expect(instantToZonedParts(result.instant, zone)).toMatchObject({ time: '04:00', offsetMinutes: 825 });
    });

    it('takes the earlier of the two 03:00s in April', () => {
      expect(zonedWallTimeToInstant('2026-04-05', '03:00', zone)).toEqual({
        instant: iso('2026-04-04T13:15:00Z'),
        adjustment: 'overlap-earlier',
      });
    });

    it('keeps 02:44 on the gap day as an ordinary time', () => {
      expect(zonedWallTimeToInstant('2026-09-27', '02:44', zone)).toEqual({
        instant: iso('2026-09-26T13:59:00Z'),
        adjustment: 'none',
      });
    });
  });

  it('works in UTC and fixed-offset zones', () => {
    expect(zonedWallTimeToInstant('2026-06-01', '00:00', 'UTC').instant).toEqual(iso('2026-06-01T00:00:00Z'));
    expect(zonedWallTimeToInstant('2026-06-01', '00:00', 'Asia/Kolkata').instant).toEqual(
      iso('2026-05-31T18:30:00Z'),
    );
  });

  it('round-trips every quarter hour of a DST-change day outside the gap and overlap', () => {
    const zone = 'Europe/London';
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      const { instant, adjustment } = zonedWallTimeToInstant('2026-03-29', time, zone);
      if (adjustment === 'none') expect(instantToZonedParts(instant, zone).time).toBe(time);
      else expect(time >= '01:00' && time < '02:00').toBe(true);
    }
  });

  it('refuses malformed input and unknown zones', () => {
    expect(() => zonedWallTimeToInstant('2026-02-30', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-01', '24:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('1/2/2026', '09:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-01', '9:00', 'UTC')).toThrow(RangeError);
    expect(() => zonedWallTimeToInstant('2026-02-01', '09:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('instantToZonedParts', () => {
  it('gives the wall fields, weekday and offset', () => {
    expect(instantToZonedParts(iso('2026-03-03T10:00:00Z'), 'Europe/London')).toEqual({
      year: 2026,
      month: 3,
      day: 3,
      hour: 10,
      minute: 0,
      second: 0,
      weekday: 2,
      offsetMinutes: 0,
      date: '2026-03-03',
      time: '10:00',
    });
  });

  it('crosses the date line for Chatham and New York', () => {
    expect(instantToZonedParts(iso('2026-12-31T11:00:00Z'), 'Pacific/Chatham')).toMatchObject({
      date: '2027-01-01',
      time: '00:45',
      weekday: 5,
      offsetMinutes: 825,
    });
    expect(instantToZonedParts(iso('2026-01-01T03:00:00Z'), 'America/New_York')).toMatchObject({
      date: '2025-12-31',
      time: '22:00',
      offsetMinutes: -300,
    });
  });

  it('ignores milliseconds when computing the offset', () => {
    expect(zoneOffsetMinutes(iso('2026-07-01T12:00:00.999Z'), 'Europe/London')).toBe(60);
  });

  it('reports midnight as 00, not 24', () => {
    expect(instantToZonedParts(iso('2026-07-01T23:00:00Z'), 'Europe/London').time).toBe('00:00');
  });
});

describe('formatInZone', () => {
  it('writes British-style text with GMT or BST', () => {
    expect(formatInZone(iso('2026-03-03T10:00:00Z'), 'Europe/London')).toBe(
      'Tuesday 3 March 2026, 10:00 GMT',
    );
    expect(formatInZone(iso('2026-07-14T08:05:00Z'), 'Europe/London')).toBe(
      'Tuesday 14 July 2026, 09:05 BST',
    );
  });

  it('uses a letter abbreviation where one exists, an offset otherwise', () => {
    expect(formatInZone(iso('2026-01-15T15:00:00Z'), 'America/New_York')).toBe(
      'Thursday 15 January 2026, 10:00 EST',
    );
    expect(formatInZone(iso('2026-01-15T00:00:00Z'), 'Pacific/Chatham')).toMatch(
      /^Thursday 15 January 2026, 13:45 GMT\+13:45$/,
    );
  });
});

describe('calendar helpers', () => {
  it('adds days across months, years and leap days', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows weekdays', () => {
    expect(weekdayOfDate('2026-03-03')).toBe(2);
    expect(weekdayOfDate('2026-03-08')).toBe(7);
  });

  it('validates zone names', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Europe/Narnia')).toBe(false);
  });
});

describe('dateInWords', () => {
  it('writes a calendar date out, with or without the year', () => {
    expect(dateInWords('2026-05-07')).toBe('Thursday 7 May 2026');
    expect(dateInWords('2026-03-29', false)).toBe('Sunday 29 March');
    expect(dateInWords('2028-02-29')).toBe('Tuesday 29 February 2028');
  });
});
