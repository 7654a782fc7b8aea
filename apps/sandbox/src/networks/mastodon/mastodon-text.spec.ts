import {
  BASE_URL_TOKEN,
  countStatusCharacters,
  mentionedUsernames,
  renderStatusText,
  withBaseUrl,
} from './mastodon-text';

describe('Mastodon status text', () => {
  describe('countStatusCharacters', () => {
    it('counts graphemes, not UTF-16 units or bytes', () => {
      expect(countStatusCharacters('abc')).toBe(3);
      expect(countStatusCharacters('👩‍👩‍👧‍👦')).toBe(1);
      expect(countStatusCharacters('Croeso i Gymru ŵ ŷ')).toBe(18);
    });

    it('weighs every URL as 23 characters', () => {
      expect(countStatusCharacters(`see https://example.org/${'x'.repeat(300)}`)).toBe(4 + 23);
      expect(countStatusCharacters('http://a.b')).toBe(23);
    });

    it('counts a remote mention without its domain', () => {
      expect(countStatusCharacters('@ceri@mastodon.social hi')).toBe('@ceri hi'.length);
    });
  });

  it('finds local mentions, ignoring e-mail addresses and other instances', () => {
    expect(mentionedUsernames('@Council and @ceri, mail bins@council.gov.uk', 'example.org')).toEqual([
      'council',
      'ceri',
    ]);
    expect(mentionedUsernames('@ceri@example.org @dai@elsewhere.social', 'example.org')).toEqual(['ceri']);
  });

  it('renders escaped paragraphs, line breaks, links, hashtags and known mentions only', () => {
    const accounts = new Map([['ceri', { id: '7', username: 'ceri' }]]);
    const rendered = renderStatusText(
      'Hi @ceri & @nobody <b>\nline two\n\n#Bins https://example.org/a',
      accounts,
    );
    expect(rendered.mentionIds).toEqual(['7']);
    expect(rendered.tags).toEqual(['bins']);
    const html = withBaseUrl(rendered.content, 'https://sandbox.test/mastodon');
    expect(html).toBe(
      '<p>Hi <span class="h-card" translate="no"><a href="https://sandbox.test/mastodon/@ceri" class="u-url mention">' +
        '@<span>ceri</span></a></span> &amp; @nobody &lt;b&gt;<br />line two</p>' +
        '<p><a href="https://sandbox.test/mastodon/tags/bins" class="mention hashtag" rel="tag">#<span>Bins</span></a> ' +
        '<a href="https://example.org/a" target="_blank" rel="nofollow noopener" translate="no">' +
        '<span class="invisible">https://</span><span class="">example.org/a</span><span class="invisible"></span></a></p>',
    );
  });

  it('never lets user text forge the base-URL placeholder', () => {
    const rendered = renderStatusText(BASE_URL_TOKEN, new Map());
    expect(withBaseUrl(rendered.content, 'https://x')).toBe('<p>&lt;mastodon-base/&gt;</p>');
  });
});
