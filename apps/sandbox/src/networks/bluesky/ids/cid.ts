import { createHash } from 'node:crypto';
import { CID } from 'multiformats/cid';
import { create as createDigest } from 'multiformats/hashes/digest';
import { encodeDagCbor, IpldValue } from './dag-cbor';

const DAG_CBOR_CODEC = 0x71;
const RAW_CODEC = 0x55;
const SHA256_CODE = 0x12;

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/** CIDv1 dag-cbor sha-256 of an IPLD value: the CID a PDS gives a record or a commit. */
export function cidForIpld(value: IpldValue): CID {
  return CID.createV1(DAG_CBOR_CODEC, createDigest(SHA256_CODE, sha256(encodeDagCbor(value))));
}

/** CIDv1 raw sha-256 of blob bytes: the CID a PDS gives an uploaded image. */
export function cidForBlob(bytes: Uint8Array): CID {
  return CID.createV1(RAW_CODEC, createDigest(SHA256_CODE, sha256(bytes)));
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Turns the JSON form of a record into the IPLD data model the way the atproto lexicon layer does:
 * `{"$link": cid}` becomes a CID link and `{"$bytes": base64}` becomes bytes; everything else is kept,
 * including blob objects (`{"$type":"blob","ref":{"$link"},...}`), whose ref thereby becomes a link.
 */
export function jsonToIpld(value: JsonValue): IpldValue {
  if (Array.isArray(value)) return value.map(jsonToIpld);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && typeof value.$link === 'string') return CID.parse(value.$link);
    if (keys.length === 1 && typeof value.$bytes === 'string') return Buffer.from(value.$bytes, 'base64');
    const out: { [key: string]: IpldValue } = {};
    for (const key of keys) out[key] = jsonToIpld(value[key]);
    return out;
  }
  return value;
}

/** The CID of a record given in its JSON form. Throws when the value cannot be encoded (e.g. a bad $link). */
export function cidForRecord(record: JsonValue): string {
  return cidForIpld(jsonToIpld(record)).toString();
}
