import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

export interface SealedSecret {
  keyId: string;
  /** base64 of iv (12 bytes) | auth tag (16 bytes) | ciphertext */
  data: string;
}

/**
 * AES-256-GCM with a key ring: new secrets use the first key, old ones are opened with the key
 * named by their key id, so keys can rotate without re-encrypting everything at once.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  private readonly currentKeyId: string;

  constructor(keys: Array<{ id: string; key: Buffer }>) {
    if (!keys.length) throw new Error('SecretBox needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`Encryption key ${id} must be 32 bytes, not ${key.length}`);
      this.keys.set(id, key);
    }
    this.currentKeyId = keys[0].id;
  }

  /** Parses ENCRYPTION_KEYS ("id:base64,id:base64"); without it, a development key derived from a fixed label. */
  static fromSetting(setting: string | undefined): SecretBox {
    if (!setting) {
      return new SecretBox([
        { id: 'dev', key: createHash('sha256').update('outside-in development key').digest() },
      ]);
    }
    return new SecretBox(
      setting.split(',').map((entry) => {
        const [id, key] = entry.split(':');
        return { id, key: Buffer.from(key, 'base64') };
      }),
    );
  }

  seal(plaintext: string, associatedData = ''): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: this.currentKeyId,
      data: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
    };
  }

  open(sealed: SealedSecret, associatedData = ''): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new Error(`No encryption key with id ${sealed.keyId}; add it to ENCRYPTION_KEYS`);
    const raw = Buffer.from(sealed.data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /**
   * Keys for another purpose (signing media URLs), derived from each encryption key with HMAC-SHA256 over a
   * label so the encryption key itself is never used twice; the current key's first, so that what it signs
   * still verifies after a rotation while the old key is kept.
   */
  derivedKeys(label: string): Buffer[] {
    return [...this.keys.entries()]
      .sort(([a], [b]) => (a === this.currentKeyId ? -1 : b === this.currentKeyId ? 1 : 0))
      .map(([, key]) => createHmac('sha256', key).update(label).digest());
  }

  needsRotation(sealed: SealedSecret): boolean {
    return sealed.keyId !== this.currentKeyId;
  }
}
