import { composeText, weightedLength } from './x-text';

describe('X text handling', () => {
  it('weighs text as twitter-text does: links 23, emoji and CJK 2', () => {
    expect(weightedLength('a'.repeat(280))).toBe(280);
    expect(weightedLength('🎉')).toBe(2);
    expect(weightedLength('日本')).toBe(4);
    expect(weightedLength(`see https://example.com/${'x'.repeat(100)}`)).toBe(4 + 23);
  });

  it('wraps links in t.co links and counts entity offsets in code points', () => {
    const composed = composeText('🎉 @CardiffCouncil see example.org/bins #Recycling');
    expect(composed.text).toMatch(/^🎉 @CardiffCouncil see https:\/\/t\.co\/[A-Za-z0-9]{10} #Recycling$/);
    expect(composed.mentions).toEqual([{ start: 2, end: 17, username: 'CardiffCouncil' }]);
    expect(composed.urls[0]).toMatchObject({
      start: 22,
      end: 45,
      expanded_url: 'http://example.org/bins',
      display_url: 'example.org/bins',
    });
    expect(composed.hashtags).toEqual([{ start: 46, end: 56, tag: 'Recycling' }]);
  });
});
