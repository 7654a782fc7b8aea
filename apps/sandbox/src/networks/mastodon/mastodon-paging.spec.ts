import type { Request } from 'express';
import { arrayParam, linkHeader, pageParams, pageSql } from './mastodon-paging';

function request(originalUrl: string): Request {
  return { originalUrl, url: originalUrl } as Request;
}

describe('Mastodon paging', () => {
  it('reads limits with a default and a ceiling, and ignores non-numeric ids', () => {
    expect(pageParams(new URLSearchParams('limit=500&max_id=12&since_id=abc'), 40, 80)).toEqual({
      limit: 80,
      maxId: '12',
      sinceId: undefined,
      minId: undefined,
    });
    expect(pageParams(new URLSearchParams('limit=-3'), 40, 80).limit).toBe(40);
  });

  it('walks forward from min_id (ascending) and backwards otherwise', () => {
    expect(pageSql('n.id', { minId: '5', limit: 2 }, 2)).toEqual({
      where: ['n.id > $2::bigint'],
      params: ['5'],
      order: 'n.id ASC',
      ascending: true,
    });
    expect(pageSql('n.id', { maxId: '9', sinceId: '3', limit: 2 }, 1).where).toEqual([
      'n.id < $1::bigint',
      'n.id > $2::bigint',
    ]);
  });

  it('reads Rails array parameters in all their spellings', () => {
    expect(
      arrayParam(new URLSearchParams('types[]=mention&types[]=follow&types=poll&types[0]=status'), 'types'),
    ).toEqual(['mention', 'follow', 'poll', 'status']);
  });

  it('builds Link headers that keep the other parameters and replace the cursors', () => {
    const link = linkHeader(
      request('/api/v1/notifications?types[]=mention&limit=2&max_id=99'),
      'http://h',
      '50',
      '40',
    );
    expect(link).toBe(
      '<http://h/api/v1/notifications?types[]=mention&limit=2&max_id=40>; rel="next", ' +
        '<http://h/api/v1/notifications?types[]=mention&limit=2&min_id=50>; rel="prev"',
    );
    expect(linkHeader(request('/api/v1/notifications'), 'http://h', undefined, undefined)).toBeNull();
  });
});
