import { lexicons } from '@atproto/api';
import type { Request } from 'express';
import { XrpcError, invalidRequest } from './xrpc-error';
import { toPdsValidationMessage } from './lex-messages';

type InputDef = { input?: { encoding?: string } };

/** Upload size the sandbox accepts for binary inputs, like the PDS's default PDS_BLOB_UPLOAD_LIMIT (5 MiB). */
export const MAX_BINARY_INPUT = 5 * 1024 * 1024;

/**
 * Reads and checks a procedure's input as @atproto/xrpc-server does: the Content-Type must match the lexicon's
 * encoding, JSON inputs are validated against the lexicon (400 InvalidRequest with the validator's message),
 * binary inputs are read raw up to the upload limit (413 PayloadTooLarge beyond it).
 */
export async function readXrpcInput(nsid: string, req: Request): Promise<unknown> {
  const def = lexicons.getDef(nsid) as InputDef | undefined;
  const encoding = def?.input?.encoding;
  if (!encoding) return undefined;
  const contentType = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (encoding === 'application/json') {
    if (!contentType) throw invalidRequest('Request encoding (Content-Type) required but not provided');
    if (contentType !== 'application/json')
      throw invalidRequest(`Wrong request encoding (Content-Type): ${contentType}`);
    try {
      return lexicons.assertValidXrpcInput(nsid, req.body);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw invalidRequest(toPdsValidationMessage(message, { name: 'Input', value: req.body }));
    }
  }
  if (!contentType) throw invalidRequest('Request encoding (Content-Type) required but not provided');
  return readRawBody(req);
}

async function readRawBody(req: Request): Promise<Buffer> {
  if (Buffer.isBuffer(req.body)) return req.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BINARY_INPUT) throw new XrpcError(413, 'PayloadTooLarge', 'request entity too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
