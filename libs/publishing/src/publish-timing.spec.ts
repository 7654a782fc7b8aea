import { dueAt, isWaitingToPublish, publishJobId, settleJobId } from './publish-timing';

const at = (iso: string) => new Date(iso);

describe('publish timing', () => {
  it('is due at the scheduled time, or at not-before when that is later', () => {
    const scheduledAt = at('2026-11-27T10:00:00Z');
    expect(dueAt({ scheduledAt, notBefore: null, publishNow: false })).toEqual(scheduledAt);
    expect(dueAt({ scheduledAt, notBefore: at('2026-11-27T09:00:00Z'), publishNow: false })).toEqual(
      scheduledAt,
    );
    expect(dueAt({ scheduledAt, notBefore: at('2026-11-27T10:15:00Z'), publishNow: false })).toEqual(
      at('2026-11-27T10:15:00Z'),
    );
  });

  it('"publish now" is due at once (but still waits for a rate limit), and no time means not due', () => {
    expect(dueAt({ scheduledAt: null, notBefore: null, publishNow: true })!.getTime()).toBe(0);
    expect(dueAt({ scheduledAt: null, notBefore: at('2026-11-27T10:15:00Z'), publishNow: true })).toEqual(
      at('2026-11-27T10:15:00Z'),
    );
    expect(dueAt({ scheduledAt: null, notBefore: null, publishNow: false })).toBeNull();
  });

  it('waits for publishing when scheduled, or approved with "publish now"', () => {
    expect(isWaitingToPublish({ state: 'scheduled', publishNow: false })).toBe(true);
    expect(isWaitingToPublish({ state: 'approved', publishNow: true })).toBe(true);
    expect(isWaitingToPublish({ state: 'approved', publishNow: false })).toBe(false);
    expect(isWaitingToPublish({ state: 'publishing', publishNow: true })).toBe(false);
  });

  it('names jobs from the row alone, without colons, differently per version and per deferral', () => {
    const id = '0b6f3c3e-6d0e-4a53-9a57-8f1d2b1f4c11';
    const base = publishJobId({ id, version: 3, notBefore: null });
    expect(base).toBe(`publish.${id}.v3.due`);
    expect(publishJobId({ id, version: 4, notBefore: null })).not.toBe(base);
    const deferred = publishJobId({ id, version: 3, notBefore: at('2026-11-27T10:15:00Z') });
    expect(deferred).toBe(`publish.${id}.v3.t${at('2026-11-27T10:15:00Z').getTime()}`);
    expect(settleJobId(id, 'token')).toBe(`settle.${id}.token`);
    expect(`${base}${deferred}`).not.toContain(':');
  });
});
