import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { base32 } from 'multiformats/bases/base32';
import { base58btc } from 'multiformats/bases/base58';

/**
 * A did:plc-shaped identifier: "did:plc:" and the first 24 characters of the base32 sha-256 of a genesis
 * operation, as PLC mints them. The sandbox has no PLC directory, so the "operation" is random bytes.
 */
export function mintPlcDid(): string {
  const digest = createHash('sha256').update(randomBytes(32)).digest();
  return `did:plc:${base32.baseEncode(digest).slice(0, 24)}`;
}

const SECP256K1_PUB_MULTICODEC = Uint8Array.of(0xe7, 0x01);

/**
 * A real secp256k1 public key in the multibase form DID documents carry (`zQ3s...`), so clients that parse the
 * verification method of a session's didDoc find a well-formed key. The sandbox never signs with it.
 */
export function mintSigningKeyMultibase(): string {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
  const jwk = publicKey.export({ format: 'jwk' });
  const x = Buffer.from(String(jwk.x), 'base64url');
  const y = Buffer.from(String(jwk.y), 'base64url');
  const compressed = Buffer.concat([Uint8Array.of(y[y.length - 1] % 2 === 0 ? 0x02 : 0x03), x]);
  return base58btc.encode(Buffer.concat([SECP256K1_PUB_MULTICODEC, compressed]));
}
