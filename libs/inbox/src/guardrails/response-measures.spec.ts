import type { OfficeSchedule } from '@outside-in/guardrails';
import { measureConversation } from './response-measures';

const NINE_TO_FIVE = [{ open: '09:00', close: '17:00' }];
const schedule: OfficeSchedule = {
  zone: 'Europe/London',
  weekly: {
    monday: NINE_TO_FIVE,
    tuesday: NINE_TO_FIVE,
    wednesday: NINE_TO_FIVE,
    thursday: NINE_TO_FIVE,
    friday: NINE_TO_FIVE,
  },
  bankHolidayRegion: 'england-and-wales',
};

describe('measureConversation', () => {
  it('stops the office clock over a weekend: Friday 16:30 to Monday 09:30 is one hour', () => {
    const figures = measureConversation(
      {
        firstInboundAt: new Date('2026-11-27T16:30:00Z'), // Friday, GMT
        firstResponseAt: new Date('2026-11-30T09:30:00Z'), // Monday
        resolvedAt: null,
      },
      schedule,
    );
    expect(figures).toEqual({
      firstResponseSeconds: 2 * 86400 + 17 * 3600,
      firstResponseOfficeSeconds: 3600,
      resolutionSeconds: null,
      resolutionOfficeSeconds: null,
    });
  });

  it('stops it over a bank holiday weekend too: Friday 22 May 16:30 BST to Tuesday 26 May 09:30 BST', () => {
    const figures = measureConversation(
      {
        firstInboundAt: new Date('2026-05-22T15:30:00Z'),
        firstResponseAt: new Date('2026-05-26T08:30:00Z'),
        resolvedAt: new Date('2026-05-27T16:00:00Z'), // Wednesday 17:00 BST
      },
      schedule,
    );
    expect(figures.firstResponseSeconds).toBe(3 * 86400 + 17 * 3600);
    expect(figures.firstResponseOfficeSeconds).toBe(3600);
    // 30 minutes on Friday, all of Tuesday (8 hours) and Wednesday (8 hours).
    expect(figures.resolutionOfficeSeconds).toBe(30 * 60 + 16 * 3600);
  });

  it('counts the bank holiday when the organisation keeps no bank holidays', () => {
    const figures = measureConversation(
      {
        firstInboundAt: new Date('2026-05-22T15:30:00Z'),
        firstResponseAt: new Date('2026-05-26T08:30:00Z'),
        resolvedAt: null,
      },
      { ...schedule, bankHolidayRegion: null },
    );
    expect(figures.firstResponseOfficeSeconds).toBe(3600 + 8 * 3600);
  });

  it('is zero on the office clock for a message written and answered at night', () => {
    const figures = measureConversation(
      {
        firstInboundAt: new Date('2026-11-24T20:00:00Z'),
        firstResponseAt: new Date('2026-11-24T21:15:00Z'),
        resolvedAt: new Date('2026-11-24T21:20:00Z'),
      },
      schedule,
    );
    expect(figures).toEqual({
      firstResponseSeconds: 4500,
      firstResponseOfficeSeconds: 0,
      resolutionSeconds: 4800,
      resolutionOfficeSeconds: 0,
    });
  });
});
