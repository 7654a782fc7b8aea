import { advanceSweep, decodeCursor, encodeCursor, idAbove, initialCursor, maxId } from './x-inbound-cursor';

describe('X inbound cursor', () => {
  it('round-trips and starts from nothing on null', () => {
    const cursor = {
      v: 1 as const,
      mentions: { since: '1800000000000000001', token: 'abc', top: '1800000000000000009' },
      dms: { since: null },
    };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(null)).toEqual(initialCursor());
  });

  it('refuses a cursor it did not make', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow('Not an X inbound cursor');
    expect(() =>
      decodeCursor(
        Buffer.from('{"v":1,"mentions":{"since":"x"},"dms":{"since":null}}').toString('base64url'),
      ),
    ).toThrow('Pass null to start again');
  });

  it('compares ids beyond 2^53 exactly', () => {
    expect(idAbove('18446744073709551615', '18446744073709551614')).toBe(true);
    expect(idAbove('9007199254740993', '9007199254740992')).toBe(true);
    expect(idAbove('9007199254740992', '9007199254740993')).toBe(false);
    expect(idAbove('5', null)).toBe(true);
    expect(maxId('10', '9')).toBe('10');
    expect(maxId(undefined, '9')).toBe('9');
  });

  it('carries a sweep through its pages, then moves since up to the newest id seen', () => {
    const first = advanceSweep({ since: '100' }, '250', 'page2');
    expect(first).toEqual({ since: '100', token: 'page2', top: '250' });
    const second = advanceSweep(first, '180', 'page3');
    expect(second).toEqual({ since: '100', token: 'page3', top: '250' });
    expect(advanceSweep(second, undefined, undefined)).toEqual({ since: '250' });
    // An empty sweep keeps where it was.
    expect(advanceSweep({ since: '100' }, undefined, undefined)).toEqual({ since: '100' });
  });
});
