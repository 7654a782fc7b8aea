import { MediaUrlSigner } from './media-url';

const ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const KEY_A = `a:${Buffer.alloc(32, 1).toString('base64')}`;
const KEY_B = `b:${Buffer.alloc(32, 2).toString('base64')}`;

function parts(url: string) {
  const parsed = new URL(url);
  return {
    path: parsed.pathname,
    expires: parsed.searchParams.get('expires')!,
    signature: parsed.searchParams.get('signature')!,
  };
}

describe('MediaUrlSigner', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  const signer = new MediaUrlSigner({
    ENCRYPTION_KEYS: KEY_A,
    PUBLIC_URL: 'https://oi.example.gov.uk/',
    PORT: 3000,
  });

  it('builds a link under PUBLIC_URL that is valid until it expires', () => {
    const url = signer.url(ID, now, 60_000);
    const { path, expires, signature } = parts(url);
    expect(url.startsWith('https://oi.example.gov.uk/api/media/public/')).toBe(true);
    expect(path).toBe(`/api/media/public/${ID}`);
    expect(Number(expires)).toBe(now.getTime() / 1000 + 60);
    expect(signer.check(ID, expires, signature, now)).toBe('valid');
    expect(signer.check(ID.toUpperCase(), expires, signature, now)).toBe('valid');
    expect(signer.check(ID, expires, signature, new Date(now.getTime() + 60_000))).toBe('expired');
  });

  it('refuses another id, another expiry, another key or a malformed value', () => {
    const { expires, signature } = parts(signer.url(ID, now));
    expect(signer.check(ID.replace('3f', '4f'), expires, signature, now)).toBe('invalid');
    expect(signer.check(ID, String(Number(expires) + 1), signature, now)).toBe('invalid');
    expect(signer.check(ID, 'soon', signature, now)).toBe('invalid');
    expect(signer.check(ID, expires, '', now)).toBe('invalid');
    const other = new MediaUrlSigner({ ENCRYPTION_KEYS: KEY_B, PUBLIC_URL: undefined, PORT: 3000 });
    expect(other.check(ID, expires, signature, now)).toBe('invalid');
  });

  it('still accepts links signed with a key kept after a rotation', () => {
    const { expires, signature } = parts(signer.url(ID, now));
    const rotated = new MediaUrlSigner({
      ENCRYPTION_KEYS: `${KEY_B},${KEY_A}`,
      PUBLIC_URL: undefined,
      PORT: 3000,
    });
    expect(rotated.check(ID, expires, signature, now)).toBe('valid');
    expect(parts(rotated.url(ID, now)).signature).not.toBe(signature);
  });

  it('without ENCRYPTION_KEYS, signs with the development key and PUBLIC_URL falls back to localhost', () => {
    const dev = new MediaUrlSigner({ ENCRYPTION_KEYS: undefined, PUBLIC_URL: undefined, PORT: 3000 });
    const url = dev.url(ID, now);
    expect(url.startsWith(`http://localhost:3000/api/media/public/${ID}?`)).toBe(true);
    const { expires, signature } = parts(url);
    expect(dev.check(ID, expires, signature, now)).toBe('valid');
  });
});
