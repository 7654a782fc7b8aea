import { lexicons } from '@atproto/api';
import { invalidRequest } from './xrpc-error';

type ParamDef = { type?: string; items?: { type?: string } };
type QueryValue = string | string[] | undefined;

/**
 * Decodes query-string parameters by the types the method's lexicon gives them (as @atproto/xrpc-server does:
 * integers parsed, booleans from "true"/"false", arrays from repeated keys) and validates them against the
 * lexicon, so a bad `limit` gets the same 400 InvalidRequest message a PDS sends.
 */
export function decodeXrpcParams(nsid: string, query: Record<string, unknown>): Record<string, unknown> {
  const def = lexicons.getDef(nsid) as { parameters?: { properties?: Record<string, ParamDef> } } | undefined;
  const props = def?.parameters?.properties ?? {};
  const decoded: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(props)) {
    const raw = query[name] as QueryValue;
    if (raw === undefined) continue;
    if (schema.type === 'array') {
      const values = Array.isArray(raw) ? raw : [raw];
      decoded[name] = values.map((value) => decodeScalar(schema.items?.type, value));
    } else {
      decoded[name] = decodeScalar(schema.type, Array.isArray(raw) ? raw[0] : raw);
    }
  }
  try {
    return (lexicons.assertValidXrpcParams(nsid, decoded) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw invalidRequest(error instanceof Error ? error.message : String(error));
  }
}

function decodeScalar(type: string | undefined, value: string): unknown {
  if (type === 'integer') return Number(value);
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}
