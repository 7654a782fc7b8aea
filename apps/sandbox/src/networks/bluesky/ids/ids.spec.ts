import { ensureValidDid, isValidTid } from '@atproto/syntax';
import { CID } from 'multiformats/cid';
import { cidForBlob, cidForRecord } from './cid';
import { encodeDagCbor } from './dag-cbor';
import { mintPlcDid, mintSigningKeyMultibase } from './did';
import { TidClock } from './tid';

describe('Bluesky identifiers', () => {
  it('gives the empty map the CID every IPLD implementation gives it', () => {
    expect(cidForRecord({})).toBe('bafyreigbtj4x7ip5legnfznufuopl4sg4knzc2cof6duas4b3q2fy6swua');
  });

  // Ground truth from a real PDS (@atproto/dev-env 0.3.215, pds 0.4.217) given the same record and image.
  it('computes the CIDs a real PDS computed for the same post, image and image post', () => {
    const post = { $type: 'app.bsky.feed.post', text: 'Hello', createdAt: '2026-11-27T09:00:00.000Z' };
    expect(cidForRecord(post)).toBe('bafyreigcugvtsifymhmcplqcw2fytcrxr3ynrksprfvqsoeu7zikf6rzsq');
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const blobCid = cidForBlob(png).toString();
    expect(blobCid).toBe('bafkreigectgq4icn5f2pon2ty7ri25ry46zwsg5ywgrlvnvslo375v6oo4');
    const image = { $type: 'blob', ref: { $link: blobCid }, mimeType: 'image/png', size: png.length };
    const withImage = { ...post, embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'a', image }] } };
    expect(cidForRecord(withImage)).toBe('bafyreihb6ixjtesdwnam7mjbheydeh4coxyv7tk7tsejzrlidbqymohoym');
  });

  it('encodes maps in DAG-CBOR canonical key order (length first, then bytes)', () => {
    const hex = Buffer.from(encodeDagCbor({ bb: 1, a: 2, c: 3 })).toString('hex');
    // a3 (map of 3), 61 'a' 02, 61 'c' 03, 62 'bb' 01
    expect(hex).toBe('a3616102616303626262' + '01');
  });

  it('does not depend on the key order of the JSON it was given', () => {
    const a = cidForRecord({
      $type: 'app.bsky.feed.post',
      text: 'hi',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    const b = cidForRecord({
      createdAt: '2026-01-01T00:00:00.000Z',
      text: 'hi',
      $type: 'app.bsky.feed.post',
    });
    expect(a).toBe(b);
    expect(CID.parse(a).code).toBe(0x71);
  });

  it('turns blob refs into links, so a different image gives a different record CID', () => {
    const blob = (cid: string) => ({ $type: 'blob', ref: { $link: cid }, mimeType: 'image/png', size: 3 });
    const one = cidForBlob(Buffer.from('one')).toString();
    const two = cidForBlob(Buffer.from('two')).toString();
    expect(CID.parse(one).code).toBe(0x55);
    expect(cidForRecord({ image: blob(one) })).not.toBe(cidForRecord({ image: blob(two) }));
    expect(() => cidForRecord({ image: blob('not-a-cid') })).toThrow();
  });

  it('mints strictly increasing, valid TIDs even within one millisecond', () => {
    const clock = new TidClock();
    const tids = Array.from({ length: 50 }, () => clock.next(1_780_000_000_000));
    for (const tid of tids) expect(isValidTid(tid)).toBe(true);
    expect([...tids].sort()).toEqual(tids);
    expect(new Set(tids).size).toBe(tids.length);
  });

  it('mints did:plc identifiers and secp256k1 multikeys of the right shape', () => {
    const did = mintPlcDid();
    expect(did).toMatch(/^did:plc:[a-z2-7]{24}$/);
    expect(() => ensureValidDid(did)).not.toThrow();
    expect(mintSigningKeyMultibase()).toMatch(/^zQ3s[1-9A-HJ-NP-Za-km-z]{45}$/);
  });
});
