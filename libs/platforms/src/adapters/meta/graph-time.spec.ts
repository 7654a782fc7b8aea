import { decodeCursor } from './graph-inbound';
import { parseGraphTime } from './graph-time';

describe('Graph times and inbound cursors', () => {
  it("parses Graph's colon-less offsets", () => {
    expect(parseGraphTime('2024-01-02T01:00:00+0000')).toEqual(new Date('2024-01-02T01:00:00Z'));
    expect(parseGraphTime('2024-01-02T01:00:00-0130')).toEqual(new Date('2024-01-02T02:30:00Z'));
    expect(parseGraphTime('not a time').getTime()).toBe(0);
  });

  it('starts a fresh walk from a cursor it cannot read', () => {
    expect(decodeCursor('%%%not-base64-json')).toMatchObject({ since: null, tasks: null });
    expect(decodeCursor(null)).toMatchObject({ since: null, seen: [], tasks: null });
  });
});
