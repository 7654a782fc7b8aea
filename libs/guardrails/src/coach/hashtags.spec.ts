import { camelCaseHashtag, splitIntoWords } from './hashtags';

describe('camelCaseHashtag', () => {
  it.each([
    ['#bankholidayopeningtimes', '#BankHolidayOpeningTimes'],
    ['#binday', '#BinDay'],
    ['#Bankholiday', '#BankHoliday'],
    ['#floodwarning', '#FloodWarning'],
    ['#mentalhealthawareness', '#MentalHealthAwareness'],
    ['#haveyoursay', '#HaveYourSay'],
    ['#swanseabay', '#SwanseaBay'],
    ['#isleofskye', '#IsleOfSkye'],
    ['#covid19update', '#Covid19Update'],
    ['bankholiday', '#BankHoliday'],
  ])('suggests %s → %s', (tag, suggestion) => {
    expect(camelCaseHashtag(tag)).toBe(suggestion);
  });

  it.each([
    '#community', // one word
    '#together', // one word that splits into "to get her"
    '#thankyou', // listed as one word
    '#roadworks', // a compound we know
    '#nhs', // short: probably an acronym
    '#bins',
    '#foi2026',
    '#Cardiff', // names
    '#scunthorpe',
    '#eisteddfod',
    '#wrexham',
    '#diolchynfawr', // Welsh: we cannot split it, so we say nothing
    '#dyddgwyldewi',
    '#gaidhlig',
    '#BinDay', // already CamelCase
    '#NHSWales',
    '#COVID19',
    '#bin_day',
    '#café',
  ])('leaves %s alone', (tag) => {
    expect(camelCaseHashtag(tag)).toBeNull();
  });
});

describe('splitIntoWords', () => {
  it('prefers common words and fewer of them', () => {
    expect(splitIntoWords('openingtimes')).toEqual(['opening', 'times']);
    expect(splitIntoWords('xqzv')).toBeNull();
  });
});
