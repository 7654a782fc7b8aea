import { isSnowflake } from './x-ids';
import { invalidRequest } from './x-problem';

/**
 * A subset of X's search query language, turned into SQL over x_tweets: words and "exact phrases",
 * from:, to:, @mention, #hashtag, conversation_id:, is:reply, is:quote, has:media, has:links, has:mentions,
 * lang:, negation with a leading `-`, and OR between terms. Unknown operators and parentheses are refused
 * with a 400, as X refuses what it does not understand.
 */
export interface SearchSql {
  predicate: string;
  params: unknown[];
}

const STANDALONE_ONLY = /^(is|has|lang):/;

export function parseSearchQuery(query: string, firstParam: number): SearchSql {
  if (/[()]/.test(query.replace(/"[^"]*"/g, ''))) {
    fail(query, 'Grouping with parentheses is not supported by the sandbox: write the query without them.');
  }
  const tokens = query.match(/-?"[^"]*"|\S+/g) ?? [];
  if (!tokens.length) fail(query, 'The query is empty.');
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  const alternatives: string[][] = [[]];
  let positiveStandalone = false;
  for (const token of tokens) {
    if (token === 'OR') {
      if (!alternatives[alternatives.length - 1].length) fail(query, 'OR must stand between two terms.');
      alternatives.push([]);
      continue;
    }
    const negated = token.startsWith('-') && token.length > 1;
    const term = negated ? token.slice(1) : token;
    if (!negated && !STANDALONE_ONLY.test(term)) positiveStandalone = true;
    const sql = termSql(term, param, query);
    alternatives[alternatives.length - 1].push(negated ? `NOT (${sql})` : sql);
  }
  if (!alternatives[alternatives.length - 1].length) fail(query, 'OR must stand between two terms.');
  if (!positiveStandalone) {
    fail(
      query,
      'The query needs at least one term that is not negated and not only is:, has: or lang: (e.g. a word or from:).',
    );
  }
  return { predicate: `(${alternatives.map((terms) => `(${terms.join(' AND ')})`).join(' OR ')})`, params };
}

function termSql(term: string, param: (value: unknown) => string, query: string): string {
  if (term.startsWith('"')) return `text ILIKE ${param(`%${escapeLike(term.replace(/^"|"$/g, ''))}%`)}`;
  if (term.startsWith('@') && term.length > 1) {
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(mentions) m WHERE lower(m->>'username') = lower(${param(term.slice(1))}))`;
  }
  if (term.startsWith('#') && term.length > 1) {
    return `EXISTS (SELECT 1 FROM jsonb_array_elements(hashtags) h WHERE lower(h->>'tag') = lower(${param(term.slice(1))}))`;
  }
  const operator = /^([a-z_]+):(.+)$/.exec(term);
  if (!operator) return `text ILIKE ${param(`%${escapeLike(term)}%`)}`;
  const [, name, value] = operator;
  switch (name) {
    case 'from':
      return `author_id IN (SELECT id FROM x_users WHERE lower(username) = lower(${param(value.replace(/^@/, ''))}))`;
    case 'to':
      return `in_reply_to_user_id IN (SELECT id FROM x_users WHERE lower(username) = lower(${param(value.replace(/^@/, ''))}))`;
    case 'conversation_id':
      if (!isSnowflake(value)) fail(query, `conversation_id: takes a post id, not "${value}".`);
      return `conversation_id = ${param(value)}::bigint`;
    case 'lang':
      return `coalesce(lang, 'en') = ${param(value)}`;
    case 'is':
      if (value === 'reply') return 'in_reply_to_tweet_id IS NOT NULL';
      if (value === 'quote') return 'quote_tweet_id IS NOT NULL';
      if (value === 'retweet') return 'false';
      break;
    case 'has':
      if (value === 'media' || value === 'images') return 'cardinality(media_keys) > 0';
      if (value === 'links') return 'jsonb_array_length(urls) > 0';
      if (value === 'mentions') return 'jsonb_array_length(mentions) > 0';
      if (value === 'hashtags') return 'jsonb_array_length(hashtags) > 0';
      break;
  }
  return fail(query, `Reference to invalid operator '${name}:${value}'.`);
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function fail(query: string, message: string): never {
  throw invalidRequest([
    { parameter: 'query', value: query, message: `There were errors processing your request: ${message}` },
  ]);
}
