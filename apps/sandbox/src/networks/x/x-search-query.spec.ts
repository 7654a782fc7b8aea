import { XProblemError } from './x-problem';
import { parseSearchQuery } from './x-search-query';

describe('X recent-search query parsing', () => {
  it('turns words, phrases, operators, negation and OR into one predicate with parameters', () => {
    const sql = parseSearchQuery('"bin day" from:cardiffcouncil -is:reply OR #recycling', 3);
    expect(sql.params).toEqual(['%bin day%', 'cardiffcouncil', 'recycling']);
    expect(sql.predicate).toContain('text ILIKE $3');
    expect(sql.predicate).toContain('lower($4)');
    expect(sql.predicate).toContain('NOT (in_reply_to_tweet_id IS NOT NULL)');
    expect(sql.predicate).toContain(') OR (');
  });

  it('escapes LIKE wildcards in words', () => {
    expect(parseSearchQuery('100%_sure', 1).params).toEqual(['%100\\%\\_sure%']);
  });

  it.each([
    ['colour:red', "Reference to invalid operator 'colour:red'"],
    ['is:reply', 'at least one term'],
    ['(a OR b)', 'parentheses'],
    ['OR bins', 'OR must stand between two terms'],
    ['conversation_id:abc', 'takes a post id'],
  ])('refuses %s with a 400 that says why', (query, message) => {
    try {
      parseSearchQuery(query, 1);
      throw new Error('expected a problem');
    } catch (error) {
      expect(error).toBeInstanceOf(XProblemError);
      expect((error as XProblemError).status).toBe(400);
      expect(JSON.stringify((error as XProblemError).body)).toContain(message);
    }
  });
});
