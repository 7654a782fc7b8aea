import { wordDiff } from './word-diff';

describe('wordDiff', () => {
  it('marks the words removed and added, keeping the rest', () => {
    expect(wordDiff('Opens late on Thursdays', 'Opens late on Fridays')).toEqual([
      { kind: 'same', text: 'Opens late on ' },
      { kind: 'removed', text: 'Thursdays' },
      { kind: 'added', text: 'Fridays' },
    ]);
  });

  it('reads neighbouring changed words as one change', () => {
    expect(wordDiff('collected a day late', 'collected two days late')).toEqual([
      { kind: 'same', text: 'collected ' },
      { kind: 'removed', text: 'a day ' },
      { kind: 'added', text: 'two days ' },
      { kind: 'same', text: 'late' },
    ]);
  });

  it('says nothing changed when nothing did', () => {
    expect(wordDiff('Same words', 'Same words')).toEqual([{ kind: 'same', text: 'Same words' }]);
  });
});
