import { createHmac } from 'node:crypto';
import { signMetaPayload } from './meta-webhooks.service';

describe('signMetaPayload', () => {
  it('is sha256= and the hex HMAC-SHA256 of the exact bytes with the app secret', () => {
    const body = Buffer.from(
      '{"object":"page","entry":[{"id":"1","messaging":[{"message":{"text":"Diolch 👍"}}]}]}',
    );
    expect(signMetaPayload('s3cret', body)).toBe(
      `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`,
    );
    expect(signMetaPayload('s3cret', body)).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(signMetaPayload('s3cret', body, 'sha1')).toMatch(/^sha1=[0-9a-f]{40}$/);
    expect(signMetaPayload('other', body)).not.toBe(signMetaPayload('s3cret', body));
  });
});
