import { countMastodonCharacters, mastodonHtmlToText } from './mastodon-text';

describe('countMastodonCharacters', () => {
  it('counts graphemes, not UTF-16 units', () => {
    expect(countMastodonCharacters('Croeso')).toBe(6);
    expect(countMastodonCharacters('👍🏽 family: 👨‍👩‍👧')).toBe(11);
  });

  it('counts every URL as 23 characters', () => {
    expect(countMastodonCharacters('See https://www.cardiff.gov.uk/ENG/resident/Rubbish-and-recycling')).toBe(
      4 + 23,
    );
    expect(countMastodonCharacters('http://a.io')).toBe(23);
  });

  it('counts a remote mention by its local part only', () => {
    expect(countMastodonCharacters('@council@social.example.org hi')).toBe('@council hi'.length);
    expect(countMastodonCharacters('@council hi')).toBe(11);
  });
});

describe('mastodonHtmlToText', () => {
  it('turns paragraphs and breaks into newlines, drops tags and decodes entities', () => {
    expect(
      mastodonHtmlToText('<p>Roads &amp; bridges<br />closed</p><p><a href="x">@bob</a> &lt;3 it&#39;s</p>'),
    ).toBe("Roads & bridges\nclosed\n\n@bob <3 it's");
  });
});
