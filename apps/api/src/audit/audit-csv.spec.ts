import { csvCell, csvRow } from './audit-csv';

describe('audit CSV', () => {
  it('quotes cells with commas, quotes and newlines', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Jones, Sam')).toBe('"Jones, Sam"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('writes objects as JSON and empty values as nothing', () => {
    expect(csvRow([1, null, { a: 1 }])).toBe('1,,"{""a"":1}"\r\n');
  });
});
