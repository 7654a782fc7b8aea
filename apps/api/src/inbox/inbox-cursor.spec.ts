import { InvalidInputError } from '@outside-in/common';
import { decodeCursor, decodeTimeCursor, encodeCursor, firstLine } from './inbox-cursor';

describe('inbox cursors', () => {
  const id = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';

  it('round-trips a time and an id', () => {
    const at = new Date('2026-03-03T10:00:00.123Z');
    expect(decodeTimeCursor(encodeCursor(at.toISOString(), id))).toEqual({ at, id });
  });

  it('round-trips a rank, whose text may hold anything but the last bar', () => {
    expect(decodeCursor(encodeCursor('0.0607927', id))).toEqual({ key: '0.0607927', id });
  });

  it.each([
    '',
    'bm90IGEgY3Vyc29y',
    encodeCursor('not a date', id),
    encodeCursor('2026-03-03T10:00:00Z', 'x'),
  ])('refuses %p with a 400 that says to start again', (cursor) => {
    expect(() => decodeTimeCursor(cursor)).toThrow(InvalidInputError);
    expect(() => decodeTimeCursor(cursor)).toThrow(/start again from the first page/);
  });
});

describe('firstLine', () => {
  it('keeps the first line, trimmed, and shortens it with an ellipsis', () => {
    expect(firstLine('  Hello there\nSecond line')).toBe('Hello there');
    expect(firstLine('a'.repeat(200), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(firstLine(null)).toBeNull();
  });
});
