import { splitSentences } from './sentences';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('splits at full stops, question and exclamation marks', () => {
    expect(texts('The tip is open. Is it busy? Yes!')).toEqual(['The tip is open.', 'Is it busy?', 'Yes!']);
  });

  it('treats line breaks as sentence ends', () => {
    expect(texts('Road closed\nUse the A470 instead')).toEqual(['Road closed', 'Use the A470 instead']);
  });

  it('does not split inside URLs, handles, decimals or abbreviations', () => {
    expect(
      texts('See www.gov.uk/bank-holidays. Ask @council.bsky.social e.g. about bins. It costs £2.50 now.'),
    ).toEqual([
      'See www.gov.uk/bank-holidays.',
      'Ask @council.bsky.social e.g. about bins.',
      'It costs £2.50 now.',
    ]);
  });

  it('ends a sentence at an emoji followed by a capital letter', () => {
    expect(texts('What a day 🎉 Thanks to everyone who came')).toEqual([
      'What a day 🎉',
      'Thanks to everyone who came',
    ]);
    expect(texts('We ❤️ our libraries')).toEqual(['We ❤️ our libraries']);
  });

  it('keeps closing quotes and brackets with the sentence, and gives ranges into the text', () => {
    const text = '  He said "no." Then (later.) we left';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['He said "no."', 'Then (later.)', 'we left']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('drops empty pieces', () => {
    expect(texts('...\n\n!!! ')).toEqual([]);
  });
});
