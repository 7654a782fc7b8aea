import { pairWait, type PairSibling } from './pair-gate.service';

const half = (
  language: string,
  state: PairSibling['state'],
  more: Partial<PairSibling> = {},
): PairSibling => ({
  id: `${language}-${state}`,
  language,
  state,
  publishNow: false,
  lastError: null,
  network: language === 'cy' ? 'mastodon' : 'x',
  handle: language === 'cy' ? '@cyngor' : '@council',
  channelStatus: 'connected',
  paused: false,
  ...more,
});

describe('pairWait: the rule of a bilingual pair', () => {
  it('lets the first language go when the other half is ready to follow', () => {
    expect(pairWait({ language: 'cy' }, 'cy', [half('en', 'scheduled')])).toBeNull();
    expect(pairWait({ language: 'cy' }, 'cy', [half('en', 'approved', { publishNow: true })])).toBeNull();
  });

  it('keeps the second language back until every first-language half is published', () => {
    expect(pairWait({ language: 'en' }, 'cy', [half('cy', 'scheduled')])).toEqual({
      reason: 'Waiting for the Welsh half to be published first, on Mastodon @cyngor',
      flag: false,
    });
    expect(pairWait({ language: 'en' }, 'cy', [half('cy', 'publishing')])?.flag).toBe(false);
    expect(pairWait({ language: 'en' }, 'cy', [half('cy', 'published')])).toBeNull();
  });

  it('holds and flags every waiting half when another half failed or was missed', () => {
    const failed = half('cy', 'failed', { lastError: 'Mastodon refused this post: too long.' });
    expect(pairWait({ language: 'en' }, 'cy', [failed])).toEqual({
      reason:
        'Held because the Welsh half failed on Mastodon @cyngor: Mastodon refused this post: too long. Retry the Welsh half and this one follows it',
      flag: true,
    });
    expect(pairWait({ language: 'cy' }, 'cy', [half('en', 'missed')])).toMatchObject({
      reason: expect.stringMatching(/^Held because the English half was missed on X @council\./),
      flag: true,
    });
  });

  it('does not start the first language while the other half cannot follow', () => {
    expect(
      pairWait({ language: 'cy' }, 'cy', [half('en', 'scheduled', { channelStatus: 'needs_reconnect' })]),
    ).toEqual({
      reason:
        'Held because the English half cannot go out: the X @council channel needs reconnecting: reconnect it and both halves go out',
      flag: true,
    });
    expect(pairWait({ language: 'cy' }, 'cy', [half('en', 'scheduled', { paused: true })])?.flag).toBe(false);
    expect(pairWait({ language: 'cy' }, 'cy', [half('en', 'in_review')])?.reason).toBe(
      'Held because the English half on X @council is not scheduled yet (in review); both halves go out together',
    );
  });
});
