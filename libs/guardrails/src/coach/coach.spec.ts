import { coachText } from './coach';
import { blocking, Hint } from './hint';

const ids = (hints: Hint[]) => hints.map((h) => h.id);
const at = (text: string, hint: Hint) =>
  hint.range ? text.slice(hint.range.start, hint.range.end) : undefined;

describe('coachText', () => {
  it('has nothing to say about a short, plain post', () => {
    expect(coachText('Bins will be collected a day late this week. Thank you for your patience 🙏')).toEqual(
      [],
    );
  });

  describe('reading age', () => {
    const officialese =
      'Residents are reminded that refuse collection operations will commence subsequently to the conclusion of the public holiday period.';

    it('hints when the reading age is above the target, saying why', () => {
      const hint = coachText(officialese).find((h) => h.id === 'reading-age');
      expect(hint).toMatchObject({ severity: 'advice', blocking: false });
      expect(hint?.message).toMatch(/^Reading age is about \d+: aim for 9 or under/);
      expect(hint?.range).toBeUndefined();
    });

    it('takes a configurable target and leaves out very short posts', () => {
      expect(ids(coachText(officialese, { targetReadingAge: 40 }))).not.toContain('reading-age');
      expect(ids(coachText('Unprecedented infrastructure modernisation.'))).not.toContain('reading-age');
      expect(
        ids(coachText('Unprecedented infrastructure modernisation.', { minWordsForReadingAge: 3 })),
      ).toContain('reading-age');
    });

    it('is not given for Welsh', () => {
      const welsh =
        'Bydd y gwasanaethau casglu gwastraff ac ailgylchu yn gweithredu’n arferol drwy gydol cyfnod y gwyliau cyhoeddus eleni.';
      expect(ids(coachText(welsh))).not.toContain('reading-age');
      expect(ids(coachText(welsh, { language: 'cy' }))).not.toContain('reading-age');
    });
  });

  describe('long sentences', () => {
    const long =
      'We are writing to let you know that the library on the high street will be closed from Monday until Friday next week while we replace the heating system and the lights.';

    it('marks a sentence over 25 words with its range', () => {
      const text = `Short one. ${long} Another short one.`;
      const hint = coachText(text).find((h) => h.id === 'long-sentence');
      expect(hint?.message).toBe(
        "This sentence has 32 words: keep sentences to 25 words or fewer so they're easy to follow.",
      );
      expect(at(text, hint as Hint)).toBe(long);
    });

    it('takes a configurable limit, and does not count links or hashtags as words', () => {
      expect(ids(coachText(long, { maxSentenceWords: 40 }))).not.toContain('long-sentence');
      const tagged =
        'Our new bins arrive next week #Bins #Recycling #Wales #BinDay https://example.gov.uk/bins';
      expect(ids(coachText(tagged, { maxSentenceWords: 6 }))).not.toContain('long-sentence');
    });
  });

  describe('alt text', () => {
    it('lists each image without alt text, by position', () => {
      const hints = coachText('Our new park', {
        media: [{ altText: 'Children on the new swings' }, {}, { altText: '   ' }, { altText: null }],
      }).filter((h) => h.id === 'missing-alt-text');
      expect(hints.map((h) => h.mediaIndex)).toEqual([1, 2, 3]);
      expect(hints[0].message).toBe(
        "Image 2 has no alt text: describe what it shows so people using screen readers don't miss it.",
      );
    });

    it('checks alt text in Welsh posts too', () => {
      expect(ids(coachText('Ein parc newydd', { language: 'cy', media: [{}] }))).toEqual([
        'missing-alt-text',
      ]);
    });
  });

  describe('hashtags', () => {
    it('suggests CamelCase for a run-together multi-word tag', () => {
      const text = 'Check our #bankholidayopeningtimes before you travel';
      const [hint] = coachText(text);
      expect(hint).toMatchObject({ id: 'camelcase-hashtag', suggestion: '#BankHolidayOpeningTimes' });
      expect(at(text, hint)).toBe('#bankholidayopeningtimes');
    });

    it('leaves single words, short tags, names, acronyms and CamelCase alone', () => {
      const text = 'Thanks #community #nhs #bins #Cardiff #Scunthorpe #NHSWales #BinDay #diolchynfawr';
      expect(ids(coachText(text))).not.toContain('camelcase-hashtag');
    });
  });

  describe('emoji', () => {
    it('flags emoji in the middle of a sentence, once per run', () => {
      const text = 'We ❤️❤️ our libraries';
      const hints = coachText(text).filter((h) => h.id === 'emoji-mid-sentence');
      expect(hints).toHaveLength(1);
      expect(at(text, hints[0])).toBe('❤️❤️');
      expect(hints[0].severity).toBe('info');
    });

    it('accepts emoji at the start or end of a sentence, or before hashtags', () => {
      expect(ids(coachText('🎉 Happy new year from everyone at the council 🎆'))).toEqual([]);
      expect(ids(coachText('Great day at the fair 🎡 Thanks to all who came 👏 #SummerFair'))).toEqual([]);
    });
  });

  describe('plain words', () => {
    it('suggests plainer words, keeping the case and range of the original', () => {
      const text = 'Work will commence in order to facilitate repairs. Commence with care.';
      const hints = coachText(text).filter((h) => h.id === 'plain-word');
      expect(hints.map((h) => [at(text, h), h.suggestion])).toEqual([
        ['commence', 'start'],
        ['in order to', 'to'],
        ['facilitate', 'help'],
        ['Commence', 'Start'],
      ]);
      expect(hints[0].message).toBe(
        'Try "start" instead of "commence": everyday words are easier for everyone to read.',
      );
    });

    it('matches whole words and phrases across line breaks, not parts of words, links or tags', () => {
      const text = 'We assisted in\norder to help. Reassistance? See https://example.gov.uk/utilise #utilise';
      expect(
        coachText(text)
          .filter((h) => h.id === 'plain-word')
          .map((h) => at(text, h)),
      ).toEqual(['in\norder to']);
    });

    it('says when words can simply go', () => {
      const hint = coachText('We hereby close the pool.').find((h) => h.id === 'plain-word');
      expect(hint).toMatchObject({
        suggestion: '',
        message: '"hereby" can usually go: fewer words are quicker to read.',
      });
    });

    it('gives no English word hints for a Welsh post, detected or declared', () => {
      const text = 'Diolch i bawb am ddod i’r ffair heddiw. Assistance on hand.';
      expect(ids(coachText(text, { language: 'cy' }))).not.toContain('plain-word');
      expect(ids(coachText('Diolch yn fawr i chi gyd am eich help heddiw — commence'))).not.toContain(
        'plain-word',
      );
    });

    it('takes a replacement word list', () => {
      const hints = coachText('Visit the civic amenity site', {
        plainWords: [{ phrase: 'civic amenity site', instead: 'tip' }],
      });
      expect(hints.map((h) => h.suggestion)).toEqual(['tip']);
    });
  });

  it('orders whole-post hints first, then ranged hints by position', () => {
    const text = 'Please utilise the #binday app 🗑️ to report issues';
    expect(ids(coachText(text, { media: [{}] }))).toEqual([
      'missing-alt-text',
      'plain-word',
      'camelcase-hashtag',
      'emoji-mid-sentence',
    ]);
  });
});

describe('mandatory hints and blocking()', () => {
  const text = 'Please utilise our #bankholidayopeningtimes';

  it('marks hints of mandatory kinds as blocking', () => {
    const hints = coachText(text, { media: [{}], mandatory: ['missing-alt-text', 'camelcase-hashtag'] });
    expect(hints.filter((h) => h.blocking).map((h) => h.id)).toEqual([
      'missing-alt-text',
      'camelcase-hashtag',
    ]);
    expect(blocking(hints).map((h) => h.id)).toEqual(['missing-alt-text', 'camelcase-hashtag']);
  });

  it('filters by a list given to blocking() itself', () => {
    const hints = coachText(text, { media: [{}] });
    expect(blocking(hints)).toEqual([]);
    expect(blocking(hints, ['plain-word']).map((h) => h.id)).toEqual(['plain-word']);
    expect(blocking(hints, [])).toEqual([]);
  });
});
