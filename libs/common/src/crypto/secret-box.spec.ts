import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';
import { constantTimeEqual, randomToken, sha256Hex } from './tokens';

describe('SecretBox', () => {
  const oldKey = { id: 'old', key: randomBytes(32) };
  const newKey = { id: 'new', key: randomBytes(32) };

  it('round-trips a secret and never stores the plaintext', () => {
    const box = new SecretBox([newKey]);
    const sealed = box.seal('access-token-123', 'channel:1');
    expect(sealed.keyId).toBe('new');
    expect(Buffer.from(sealed.data, 'base64').toString('utf8')).not.toContain('access-token-123');
    expect(box.open(sealed, 'channel:1')).toBe('access-token-123');
  });

  it('opens secrets sealed with an older key after rotation', () => {
    const sealed = new SecretBox([oldKey]).seal('s3cret');
    const rotated = new SecretBox([newKey, oldKey]);
    expect(rotated.open(sealed)).toBe('s3cret');
    expect(rotated.needsRotation(sealed)).toBe(true);
  });

  it('rejects tampered ciphertext and the wrong associated data', () => {
    const box = new SecretBox([newKey]);
    const sealed = box.seal('s3cret', 'channel:1');
    const raw = Buffer.from(sealed.data, 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => box.open({ ...sealed, data: raw.toString('base64') }, 'channel:1')).toThrow();
    expect(() => box.open(sealed, 'channel:2')).toThrow();
  });

  it('names the missing key', () => {
    const sealed = new SecretBox([oldKey]).seal('x');
    expect(() => new SecretBox([newKey]).open(sealed)).toThrow(/No encryption key with id old/);
  });

  it('parses the ENCRYPTION_KEYS setting', () => {
    const setting = `a:${randomBytes(32).toString('base64')},b:${randomBytes(32).toString('base64')}`;
    expect(SecretBox.fromSetting(setting).seal('x').keyId).toBe('a');
    expect(SecretBox.fromSetting(undefined).seal('x').keyId).toBe('dev');
  });
});

describe('tokens', () => {
  it('are long, random and hash stably', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
