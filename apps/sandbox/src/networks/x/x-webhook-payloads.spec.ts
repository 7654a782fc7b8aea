import { createHmac } from 'node:crypto';
import { bigNumber, legacyDate, serializePayload } from './x-webhook-payloads';
import { xSignature } from './x-webhook-signature';

describe('X Account Activity payloads and signatures', () => {
  it('writes numeric ids as bare JSON numbers with all their digits', () => {
    const json = serializePayload({ id: bigNumber('2126243372357808128'), id_str: '2126243372357808128' });
    expect(json).toBe('{"id":2126243372357808128,"id_str":"2126243372357808128"}');
  });

  it('formats dates the v1.1 way', () => {
    expect(legacyDate(new Date('2025-05-19T14:01:46Z'))).toBe('Mon May 19 14:01:46 +0000 2025');
  });

  it('signs with base64 HMAC-SHA256 keyed by the consumer secret', () => {
    const expected = createHmac('sha256', 'secret').update('crc-token').digest('base64');
    expect(xSignature('secret', 'crc-token')).toBe(`sha256=${expected}`);
  });
});
