import { contentFingerprint, normaliseForFingerprint } from './content-fingerprint';

describe('content fingerprint', () => {
  it('ignores what networks change: links, whitespace, case, zero-width characters, composed accents', () => {
    const sent = 'Bin collections  change on Monday.\nDetails: https://example.gov.uk/bins?x=1 #Recycling';
    const xReadBack = 'Bin collections change on Monday. Details: https://t.co/AbC123 #recycling';
    const mastodonReadBack =
      'Bin collections change on Monday.\n\nDetails: https://example.gov.uk/bins #Recycling\u200B';
    expect(contentFingerprint(xReadBack)).toBe(contentFingerprint(sent));
    expect(contentFingerprint(mastodonReadBack)).toBe(contentFingerprint(sent));
    expect(normaliseForFingerprint('Cafe\u0301 ar agor')).toBe(normaliseForFingerprint('Café ar agor'));
  });

  it('tells different words apart', () => {
    expect(contentFingerprint('Library open until 8pm')).not.toBe(
      contentFingerprint('Library open until 6pm'),
    );
    expect(contentFingerprint('Road closed')).toMatch(/^[0-9a-f]{64}$/);
  });
});
