import { isSnowflake, mediaKeyFor, nextSnowflake, snowflakeTime } from './x-ids';

describe('X snowflake ids', () => {
  it('are increasing 19-digit ids that decode to their creation time', () => {
    const now = Date.UTC(2026, 10, 27, 9, 0, 0);
    const a = nextSnowflake(now);
    const b = nextSnowflake(now);
    expect(a).toMatch(/^[0-9]{19}$/);
    expect(BigInt(b)).toBeGreaterThan(BigInt(a));
    expect(snowflakeTime(a).getTime()).toBe(now);
    expect(isSnowflake(a)).toBe(true);
    expect(isSnowflake('12a')).toBe(false);
  });

  it('prefix media keys with the media type, as X does', () => {
    expect(mediaKeyFor('123', 'image/png')).toBe('3_123');
    expect(mediaKeyFor('123', 'video/mp4')).toBe('7_123');
    expect(mediaKeyFor('123', 'image/gif')).toBe('16_123');
  });
});
