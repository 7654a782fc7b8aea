import { isValidTid } from '@atproto/syntax';
import { rkeyFor } from './bluesky-rkey';
import { countBlueskyGraphemes } from './bluesky-text';

describe('countBlueskyGraphemes', () => {
  it('counts user-perceived characters: a family emoji or a flag is one', () => {
    expect(countBlueskyGraphemes('Croeso')).toBe(6);
    expect(countBlueskyGraphemes('👨‍👩‍👧')).toBe(1);
    expect(countBlueskyGraphemes('🏴󠁧󠁢󠁷󠁬󠁳󠁿 Cymru')).toBe(7);
    expect(countBlueskyGraphemes('e\u0301')).toBe(1);
  });
});

describe('rkeyFor', () => {
  it('derives the same valid TID from the same key, and different ones from different keys', () => {
    const a = rkeyFor('target-1:v3');
    expect(rkeyFor('target-1:v3')).toBe(a);
    expect(isValidTid(a)).toBe(true);
    expect(rkeyFor('target-1:v4')).not.toBe(a);
    for (let i = 0; i < 200; i++) expect(isValidTid(rkeyFor(`key-${i}`))).toBe(true);
  });
});
