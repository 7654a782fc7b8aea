import { createHmac } from 'node:crypto';

/**
 * X's Account Activity signatures: `sha256=` + base64(HMAC-SHA256(key = the app's consumer secret, message)).
 * The CRC answer signs the crc_token; event deliveries sign the raw JSON body (x-twitter-webhooks-signature).
 */
export function xSignature(consumerSecret: string, message: string | Buffer): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(message).digest('base64')}`;
}
