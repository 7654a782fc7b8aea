import { CID } from 'multiformats/cid';

/**
 * A DAG-CBOR encoder for the atproto data model, so record CIDs match what a PDS computes for the same record.
 * Deterministic by construction: shortest-form integer headers, map keys sorted by encoded length then bytewise
 * (RFC 7049 canonical order, which DAG-CBOR requires), floats always as float64, CIDs as tag 42.
 */
export type IpldValue =
  null | boolean | number | string | Uint8Array | CID | IpldValue[] | { [key: string]: IpldValue };

const textEncoder = new TextEncoder();

export function encodeDagCbor(value: IpldValue): Uint8Array {
  const chunks: Uint8Array[] = [];
  writeValue(chunks, value, 0);
  return Buffer.concat(chunks);
}

/** Compares map keys the way DAG-CBOR orders them: shorter UTF-8 first, then bytewise. */
export function compareDagCborKeys(a: string, b: string): number {
  const ab = textEncoder.encode(a);
  const bb = textEncoder.encode(b);
  if (ab.length !== bb.length) return ab.length - bb.length;
  return Buffer.compare(Buffer.from(ab), Buffer.from(bb));
}

const MAX_DEPTH = 64;

function writeValue(out: Uint8Array[], value: IpldValue, depth: number): void {
  if (depth > MAX_DEPTH) throw new Error('DAG-CBOR value nested too deeply');
  if (value === null) {
    out.push(Uint8Array.of(0xf6));
  } else if (typeof value === 'boolean') {
    out.push(Uint8Array.of(value ? 0xf5 : 0xf4));
  } else if (typeof value === 'number') {
    writeNumber(out, value);
  } else if (typeof value === 'string') {
    const bytes = textEncoder.encode(value);
    writeHeader(out, 3, bytes.length);
    out.push(bytes);
  } else if (value instanceof Uint8Array) {
    writeHeader(out, 2, value.length);
    out.push(value);
  } else if (Array.isArray(value)) {
    writeHeader(out, 4, value.length);
    for (const item of value) writeValue(out, item, depth + 1);
  } else {
    const cid = CID.asCID(value);
    if (cid) {
      // Tag 42 wraps the CID bytes behind a 0x00 multibase-identity prefix.
      out.push(Uint8Array.of(0xd8, 0x2a));
      writeHeader(out, 2, cid.bytes.length + 1);
      out.push(Uint8Array.of(0x00), cid.bytes);
      return;
    }
    const record = value as { [key: string]: IpldValue };
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort(compareDagCborKeys);
    writeHeader(out, 5, keys.length);
    for (const key of keys) {
      writeValue(out, key, depth + 1);
      writeValue(out, record[key], depth + 1);
    }
  }
}

function writeNumber(out: Uint8Array[], value: number): void {
  if (Number.isInteger(value)) {
    if (!Number.isSafeInteger(value))
      throw new Error('Integers beyond 2^53 are not allowed in atproto records');
    if (value >= 0) writeHeader(out, 0, value);
    else writeHeader(out, 1, -1 - value);
    return;
  }
  if (!Number.isFinite(value)) throw new Error('NaN and Infinity are not allowed in DAG-CBOR');
  const bytes = Buffer.alloc(9);
  bytes[0] = 0xfb;
  bytes.writeDoubleBE(value, 1);
  out.push(bytes);
}

function writeHeader(out: Uint8Array[], major: number, length: number): void {
  const prefix = major << 5;
  if (length < 24) {
    out.push(Uint8Array.of(prefix | length));
  } else if (length < 0x100) {
    out.push(Uint8Array.of(prefix | 24, length));
  } else if (length < 0x10000) {
    const bytes = Buffer.alloc(3);
    bytes[0] = prefix | 25;
    bytes.writeUInt16BE(length, 1);
    out.push(bytes);
  } else if (length < 0x100000000) {
    const bytes = Buffer.alloc(5);
    bytes[0] = prefix | 26;
    bytes.writeUInt32BE(length, 1);
    out.push(bytes);
  } else {
    const bytes = Buffer.alloc(9);
    bytes[0] = prefix | 27;
    bytes.writeBigUInt64BE(BigInt(length), 1);
    out.push(bytes);
  }
}
