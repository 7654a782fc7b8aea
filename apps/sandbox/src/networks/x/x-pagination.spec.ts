import { decodePageToken, encodePageToken } from './x-pagination';

describe('X pagination tokens', () => {
  it('round-trips a cursor and is at least 16 base32hex characters long', () => {
    const token = encodePageToken({ direction: 'next', bound: '2126243372357808128' });
    expect(token).toMatch(/^[0-9a-v]{16,}$/);
    expect(decodePageToken(token)).toEqual({ direction: 'next', bound: '2126243372357808128' });
    const small = encodePageToken({ direction: 'previous', bound: '5' });
    expect(decodePageToken(small)).toEqual({ direction: 'previous', bound: '5' });
  });

  it('rejects tokens it did not issue', () => {
    expect(decodePageToken('zzz!')).toBeUndefined();
    expect(decodePageToken('7140dibdnow9c7btw3z2vwioqjbgh1j3mbq4zxjzz3bx')).toBeUndefined();
    expect(decodePageToken('')).toBeUndefined();
  });
});
