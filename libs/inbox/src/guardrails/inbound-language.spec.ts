import { inboundLanguage } from './inbound-language';

describe('inboundLanguage', () => {
  it('keeps the network’s tag', () => expect(inboundLanguage('Bore da pawb', 'en')).toBe('en'));
  it('detects Welsh and English', () => {
    expect(inboundLanguage('Pryd fydd y biniau ailgylchu yn cael eu casglu?')).toBe('cy');
    expect(inboundLanguage('When will the recycling bins be collected?')).toBe('en');
  });
  it('says nothing when there is nothing to go on', () => {
    expect(inboundLanguage('👍')).toBeNull();
    expect(inboundLanguage('https://example.gov.uk')).toBeNull();
  });
});
