import { normaliseWord, tokenize, words } from './tokens';

describe('tokenize', () => {
  it('separates URLs, mentions, hashtags, emoji, words and numbers with their ranges', () => {
    const text = 'Hi @bob, see https://example.gov.uk/a?b=1. #BinDay 🎉 at 10:30';
    const tokens = tokenize(text);
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['word', 'Hi'],
      ['mention', '@bob'],
      ['word', 'see'],
      ['url', 'https://example.gov.uk/a?b=1'],
      ['hashtag', '#BinDay'],
      ['emoji', '🎉'],
      ['word', 'at'],
      ['number', '10:30'],
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('keeps apostrophes and hyphens inside words, in Welsh and Gaelic too', () => {
    expect(words("Don't go; mae'n braf, a-nis, e-bost").map((t) => t.text)).toEqual([
      "Don't",
      'go',
      "mae'n",
      'braf',
      'a-nis',
      'e-bost',
    ]);
    expect(words('Ŵyl Dewi, dùinte').map((t) => t.text)).toEqual(['Ŵyl', 'Dewi', 'dùinte']);
  });

  it('treats ZWJ sequences, skin tones, keycaps and flags as one emoji each', () => {
    const emoji = tokenize('👩‍👩‍👧 👍🏽 1️⃣ 🇬🇧 ❤️').filter((t) => t.kind === 'emoji');
    expect(emoji.map((t) => t.text)).toEqual(['👩‍👩‍👧', '👍🏽', '1️⃣', '🇬🇧', '❤️']);
  });

  it('recognises Mastodon and Bluesky handles and www links, but not email addresses as mentions', () => {
    expect(tokenize('@news@social.example.gov @council.bsky.social www.gov.uk').map((t) => t.kind)).toEqual([
      'mention',
      'mention',
      'url',
    ]);
    expect(tokenize('mail info@example.org').map((t) => t.kind)).not.toContain('mention');
  });

  it('treats bare domains and email addresses as links, not words', () => {
    const tokens = tokenize('See gov.uk/bank-holidays or cardiff.gov.uk, email info@example.org. Ends here.');
    expect(tokens.filter((t) => t.kind === 'url').map((t) => t.text)).toEqual([
      'gov.uk/bank-holidays',
      'cardiff.gov.uk',
      'info@example.org',
    ]);
    expect(words('Hello.World is fine').map((t) => t.text)).toEqual(['Hello', 'World', 'is', 'fine']);
  });

  it('does not take #1 or an HTML entity for a hashtag', () => {
    expect(tokenize('We are #1 &#39;').some((t) => t.kind === 'hashtag')).toBe(false);
  });
});

describe('normaliseWord', () => {
  it('lower-cases and straightens apostrophes', () => {
    expect(normaliseWord('Don’t')).toBe("don't");
  });
});
