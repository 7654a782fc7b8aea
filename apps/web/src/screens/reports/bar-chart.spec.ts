import { segments } from './bar-chart';

describe('bar chart segments', () => {
  it('stacks values on a scale where the largest total fills the width', () => {
    expect(segments([2, 1, 1], 4)).toEqual([
      { x: 0, width: 500 },
      { x: 500, width: 250 },
      { x: 750, width: 250 },
    ]);
  });

  it('draws nothing for zero and never a negative width', () => {
    expect(segments([0, -3], 1)).toEqual([
      { x: 0, width: 0 },
      { x: 0, width: 0 },
    ]);
  });
});
