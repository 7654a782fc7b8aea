import type { Request } from 'express';
import { buildPaging, encodeCursor, readPageRequest } from './graph-paging';

function request(url: string): Request {
  const parsed = new URL(url, 'http://127.0.0.1:4020');
  return {
    originalUrl: `${parsed.pathname}${parsed.search}`,
    protocol: 'http',
    query: Object.fromEntries(parsed.searchParams),
    get: (name: string) => (name.toLowerCase() === 'host' ? '127.0.0.1:4020' : undefined),
  } as unknown as Request;
}

describe('Graph paging', () => {
  it('writes an absolute next on the origin of the request that keeps the query, token included', () => {
    const req = request('/meta/v21.0/1_2/comments?access_token=EAAx&fields=id,message&limit=2');
    const page = readPageRequest(req);
    const paging = buildPaging(req, ['10', '11'], true, page);
    const next = new URL(paging?.next ?? '');
    expect(next.origin).toBe('http://127.0.0.1:4020');
    expect(next.pathname).toBe('/meta/v21.0/1_2/comments');
    expect(Object.fromEntries(next.searchParams)).toEqual({
      access_token: 'EAAx',
      fields: 'id,message',
      limit: '2',
      after: encodeCursor('11'),
    });
    expect(paging?.previous).toBeUndefined();
  });

  it('leaves next out on the last page and offers previous after a cursor', () => {
    const req = request(`/meta/v21.0/1/feed?access_token=t&after=${encodeURIComponent(encodeCursor(5))}`);
    const page = readPageRequest(req);
    expect(page.after).toBe(5);
    const paging = buildPaging(req, ['4'], false, page);
    expect(paging?.next).toBeUndefined();
    expect(new URL(paging?.previous ?? '').searchParams.get('before')).toBe(encodeCursor('4'));
  });

  it('refuses a cursor it did not write and a limit that is not a number', () => {
    expect(() => readPageRequest(request('/meta/v21.0/1/feed?after=bogus'))).toThrow(/not a valid cursor/);
    expect(() => readPageRequest(request('/meta/v21.0/1/feed?limit=ten'))).toThrow(/limit/);
  });
});
