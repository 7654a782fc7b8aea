import { normalisePhrase, normaliseWords } from './normalise';

const texts = (text: string) => normaliseWords(text).map((w) => w.text);

describe('normaliseWords', () => {
  it('lower-cases, drops accents and apostrophes, and collapses repeated letters', () => {
    expect(texts("Don't KIIIILL the Café")).toEqual(['dont', 'kil', 'the', 'cafe']);
  });

  it('turns look-alike characters inside words into letters', () => {
    expect(texts('k1ll h3ll0 $tupid a$$ b!tch')).toEqual(['kil', 'helo', 'stupid', 'as', 'bitch']);
  });

  it('keeps end punctuation as punctuation and numbers as numbers', () => {
    expect(texts('Kill!!! 2026 at 10:30, 1st')).toEqual(['kil', 'at', 'ist']);
  });

  it('joins spelled-out words', () => {
    expect(texts('s u i c i d e')).toEqual(['suicide']);
    expect(texts('k-i-l-l you')).toEqual(['kil', 'you']);
    expect(texts('k.i.l.l')).toEqual(['kil']);
    expect(texts('I am a b')).toEqual(['i', 'am', 'a', 'b']);
  });

  it('keeps * as a wildcard', () => {
    expect(texts('f**k off')).toEqual(['f**k', 'of']);
  });

  it('leaves out URLs and mentions, and maps each word back to the original text', () => {
    const text = 'Ask @killerbees at https://kill.example/ab — k1ll3r';
    const words = normaliseWords(text);
    expect(words.map((w) => w.text)).toEqual(['ask', 'at', 'kiler']);
    expect(words.map((w) => text.slice(w.range.start, w.range.end))).toEqual(['Ask', 'at', 'k1ll3r']);
  });
});

describe('normalisePhrase', () => {
  it('normalises a listed phrase the same way', () => {
    expect(normalisePhrase("Don't want to live")).toBe('dont want to live');
    expect(normalisePhrase('self-harm')).toBe('self harm');
  });
});
