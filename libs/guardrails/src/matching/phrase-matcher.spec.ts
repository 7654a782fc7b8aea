import { ABUSE, DEFAULT_PHRASE_SETS, rot13, SAFEGUARDING_SET_IDS } from './default-phrase-sets';
import { PhraseMatcher } from './phrase-matcher';

const matcher = new PhraseMatcher(DEFAULT_PHRASE_SETS);
const setsIn = (text: string) => matcher.match(text).setIds;

describe('PhraseMatcher with the default sets', () => {
  it.each([
    ['I just want to end it all', 'self-harm'],
    ['been thinking about suicide a lot', 'self-harm'],
    ['I feel suicidal tonight', 'self-harm'],
    ["I don't want to be here anymore", 'self-harm'],
    ['i keep hurting myself', 'self-harm'],
    ['Self-harm support?', 'self-harm'],
    ['s u i c i d e', 'self-harm'],
    ['I will k1ll you', 'violence'],
    ['I know where you live. Watch your back', 'violence'],
    ['gonna burn it down', 'violence'],
    ['KILL YOU!!!', 'violence'],
    ['im gonna kiiiill u', 'violence'],
    ['The kids next door are left home alone every night', 'child-at-risk'],
    ['my dad hits me', 'child-at-risk'],
    ['I think that child is not safe at home', 'child-at-risk'],
    ['My car was broken into last night', 'crime'],
    ['There is fly-tipping on the lane again', 'crime'],
    ['Reporting antisocial behaviour in the park', 'crime'],
    ['you absolute idiot', 'abuse'],
    ['Shut up, you muppet', 'abuse'],
    [`${rot13('shpx')} off`, 'abuse'],
    [`You ${rot13('gjng')}.`, 'abuse'],
    [rot13('s**x this'), 'abuse'],
    [`${rot13('onfgneqf')}!!`, 'abuse'],
  ])('flags %j as %s', (text, setId) => {
    expect(setsIn(text)).toContain(setId);
  });

  it.each([
    'Great skills session at the library today',
    'Scunthorpe bin collections are back to normal',
    'Penistone and Cockermouth libraries are open',
    'We had a killer pub quiz night',
    'This is overkill',
    'The kiln at the pottery class is fixed',
    'Please assess the classic cars in Sussex',
    'Shitake mushrooms at the market',
    'The council was useless about my bins',
    'Thanks @killerbees for the help https://example.org/kill-the-weeds',
    'Butterflies in the park',
    'Check out our Dickens reading group',
    'Cocktail evening in Essex',
    'We are assessing applications',
    'Suited and booted for the mayor',
    'I stabilised the shelf',
  ])('does not flag %j', (text) => {
    expect(setsIn(text)).toEqual([]);
  });

  it('reports which phrases matched, where, and in set order', () => {
    const text = 'Some idiot stole my bike. It was stolen from outside. I want to die.';
    const result = matcher.match(text);
    expect(result.setIds).toEqual(['self-harm', 'crime', 'abuse']);
    expect(result.matches.map((m) => [m.setId, m.phrase, m.text])).toEqual([
      ['abuse', 'idiot', 'idiot'],
      ['crime', 'stolen', 'stolen'],
      ['self-harm', 'want to die', 'want to die'],
    ]);
    for (const m of result.matches) expect(text.slice(m.range.start, m.range.end)).toBe(m.text);
  });

  it('gives the original span for disguised text', () => {
    const text = 'ok I will K-I-L-L   y o u';
    const violence = matcher.match(text).matches.filter((m) => m.setId === 'violence');
    expect(violence.map((m) => [m.phrase, m.text])).toEqual([
      ['will kill', 'will K-I-L-L'],
      ['kill you', 'K-I-L-L   y o u'],
    ]);
  });

  it('does not let a row of asterisks match anything', () => {
    expect(setsIn('**** ****')).toEqual([]);
  });

  it('marks safeguarding sets separately from abuse', () => {
    expect(SAFEGUARDING_SET_IDS).toEqual(['self-harm', 'violence', 'child-at-risk']);
    expect(ABUSE.phrases).not.toContain('useless');
  });
});

describe('PhraseMatcher with custom sets', () => {
  it('supports prefix wildcards, phrases across punctuation, and test()', () => {
    const m = new PhraseMatcher([
      { id: 'flood', name: 'Flooding', phrases: ['flood*', 'water in my house'] },
    ]);
    expect(m.match('Flooded road; water — in my house!').matches.map((x) => x.phrase)).toEqual([
      'flood*',
      'water in my house',
    ]);
    expect(m.test('floodlights are on')).toBe(true);
    expect(m.test('the road is fine')).toBe(false);
  });

  it('prefers the longest phrase at a position within a set', () => {
    const m = new PhraseMatcher([{ id: 'x', name: 'X', phrases: ['bin', 'bin day'] }]);
    expect(m.match('is it bin day').matches.map((x) => x.text)).toEqual(['bin day']);
  });

  it('refuses duplicate set ids and ignores empty sets and blank phrases', () => {
    expect(() => new PhraseMatcher([ABUSE, ABUSE])).toThrow(/used twice/);
    expect(
      new PhraseMatcher([{ id: 'empty', name: 'Empty', phrases: ['', '  '] }]).match('anything'),
    ).toEqual({
      setIds: [],
      matches: [],
    });
  });

  it('matches phrases with non-English letters', () => {
    const m = new PhraseMatcher([{ id: 'cy', name: 'Cymraeg', phrases: ['lladd fy hun'] }]);
    expect(m.test('Dw i eisiau lladd fy hun')).toBe(true);
  });
});
