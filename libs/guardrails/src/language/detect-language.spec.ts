import { detectLanguage } from './detect-language';

const welsh = [
  'Diolch yn fawr i bawb a ddaeth i’r digwyddiad heddiw! 🎉',
  'Bydd y llyfrgell ar gau ddydd Llun oherwydd gwaith cynnal a chadw.',
  'Croeso i’n tudalen Facebook newydd.',
  'Mae’r biniau’n cael eu casglu ddydd Mercher yr wythnos hon.',
  'Nadolig Llawen a Blwyddyn Newydd Dda i chi gyd!',
  'Ydy’r ffordd ar agor eto?',
  'Gallwch gysylltu â ni drwy e-bost neu ar y ffôn.',
  'Bore da! Mae’r ganolfan hamdden ar agor tan 8pm heno.',
  'Llongyfarchiadau i ddisgyblion Ysgol Gymraeg Bro Taf 👏',
  'Rydyn ni’n edrych ymlaen at eich gweld chi yn y ffair',
  'Mae angen help arnon ni gyda’r gwasanaeth',
  'Pryd fydd y biniau ailgylchu yn cael eu casglu?',
];

const english = [
  'The library will be closed on Monday for maintenance.',
  'Thank you to everyone who came along today! 🎉',
  'Bin collections are running a day late this week because of the bank holiday.',
  'When will the road be open again?',
  'Hi, my bin was not collected yesterday, can you help?',
  'Find out more about council tax on our website https://example.gov.uk/council-tax',
  'Happy New Year from all of us at the council',
  "We're sorry for the delay. Our team is looking into it.",
  'Road closed due to flooding. Please avoid the area.',
  'Well done to the pupils at @StMarysSchool #proud',
  'is the tip open on sunday',
  'Schools are open as normal tomorrow',
];

const gaelic = [
  'Tapadh leibh uile airson a thighinn an-diugh!',
  'Bidh an leabharlann dùinte Diluain.',
  'Fàilte gu duilleag ùr na Comhairle.',
  'Madainn mhath! Tha an sgoil fosgailte a-rithist.',
  'Nollaig Chridheil agus Bliadhna Mhath Ùr dhuibh uile',
  'Tha sinn a’ coimhead air adhart ri ur faicinn',
  'Cuir fios thugainn airson tuilleadh fiosrachaidh',
  'Chan eil an rathad fosgailte fhathast',
];

describe('detectLanguage', () => {
  it.each(welsh)('recognises Welsh: %s', (text) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBe('cy');
    expect(guess.confidence).toBeGreaterThan(0.2);
  });

  it.each(english)('recognises English: %s', (text) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBe('en');
    expect(guess.confidence).toBeGreaterThan(0.2);
  });

  it.each(gaelic)('recognises Scottish Gaelic: %s', (text) => {
    const guess = detectLanguage(text);
    expect(guess.language).toBe('gd');
    expect(guess.confidence).toBeGreaterThan(0.2);
  });

  it.each([
    '🎉🎉🎉',
    '👍',
    '',
    '   ',
    'https://example.gov.uk/news',
    '@CyngorCaerdydd #Caerdydd 🏴󠁧󠁢󠁷󠁬󠁳󠁿',
    '10:30',
    '!!!',
  ])('says unknown when there are no words to go on: %j', (text) => {
    expect(detectLanguage(text)).toMatchObject({ language: 'unknown', confidence: 0 });
  });

  it('is unsure about an evenly bilingual post', () => {
    const guess = detectLanguage('Diolch yn fawr | Thank you very much');
    expect(['cy', 'en']).toContain(guess.language);
    expect(guess.confidence).toBeLessThan(0.5);
    expect(guess.scores.cy).toBeGreaterThan(0);
    expect(guess.scores.en).toBeGreaterThan(0);
  });

  it('follows the majority in a mostly Welsh post with an English name in it', () => {
    expect(detectLanguage('Mae’r Leisure Centre yn Llandaf ar agor heddiw tan 9').language).toBe('cy');
  });

  it('follows the majority in an English post quoting a Welsh greeting', () => {
    expect(
      detectLanguage('Croeso! We are delighted to welcome you to the new library this morning').language,
    ).toBe('en');
  });

  it('ignores hashtags and mentions, which would otherwise look Welsh', () => {
    expect(detectLanguage('Thank you @CyngorCaerdydd for the help #DiolchYnFawr').language).toBe('en');
  });

  it('is less confident about a single word than about a sentence', () => {
    const one = detectLanguage('Diolch');
    const many = detectLanguage('Diolch yn fawr i chi gyd am eich help heddiw');
    expect(one.language).toBe('cy');
    expect(one.confidence).toBeLessThan(many.confidence);
  });
});
