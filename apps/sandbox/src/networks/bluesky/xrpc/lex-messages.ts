/**
 * Rewrites a validation message of the @atproto/lexicon validator (what @atproto/api 0.19 ships) into the
 * wording of @atproto/lex-schema, which the PDS of the same release validates with: "Missing required key
 * \"createdAt\" at $.record", "grapheme too big (maximum 300, got 301) at $.record.text", "Invalid datetime
 * (got \"yesterday\") at $.record.createdAt" (all checked against @atproto/dev-env). Messages without a known
 * counterpart are returned unchanged.
 */
export function toPdsValidationMessage(
  message: string,
  root: { name: 'Record' | 'Input'; value: unknown },
): string {
  const match = new RegExp(`^${root.name}((?:/[^ ]+)*) (.+)$`).exec(message);
  if (!match) return message;
  const segments = match[1].split('/').filter(Boolean);
  const value = valueAt(root.value, segments);
  const detail = rewrite(match[2], value);
  if (!detail) return message;
  const path = [...(root.name === 'Record' ? ['record'] : []), ...segments];
  return `${detail} at $${path.map(jsonPathSegment).join('')}`;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function rewrite(rest: string, value: unknown): string | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^must have the property "(.+)"$/.exec(rest))) return `Missing required key "${m[1]}"`;
  if ((m = /^must not be longer than (\d+) graphemes$/.exec(rest))) {
    return `grapheme too big (maximum ${m[1]}, got ${[...segmenter.segment(String(value))].length})`;
  }
  if ((m = /^must not be longer than (\d+) characters$/.exec(rest))) {
    return `string too big (maximum ${m[1]}, got ${Buffer.byteLength(String(value), 'utf8')})`;
  }
  if ((m = /^can not be greater than (\d+)$/.exec(rest)))
    return `integer too big (maximum ${m[1]}, got ${value})`;
  if ((m = /^can not be less than (\d+)$/.exec(rest)))
    return `integer too small (minimum ${m[1]}, got ${value})`;
  if ((m = /^must not have more than (\d+) elements$/.exec(rest)) && Array.isArray(value)) {
    return `array too big (maximum ${m[1]}, got ${value.length})`;
  }
  if (/^must be an valid atproto datetime/.test(rest))
    return `Invalid datetime (got ${stringifyValue(value)})`;
  if ((m = /^must be an? (string|integer|boolean|object|array)$/.exec(rest))) {
    return `Expected ${m[1]} value type (got ${stringifyValue(value)})`;
  }
  return undefined;
}

function valueAt(root: unknown, segments: string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function jsonPathSegment(segment: string): string {
  if (/^\d+$/.test(segment)) return `[${segment}]`;
  if (/^[a-zA-Z_$][a-zA-Z0-9_]*$/.test(segment)) return `.${segment}`;
  return `[${JSON.stringify(segment)}]`;
}

/** Values as lex-schema previews them: strings cut at 48 characters, containers by their first two items. */
function stringifyValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length < 48 ? value : `${value.slice(0, 47)}…`);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${preview(value.map(stringifyValue), value.length)}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value);
    return `{${preview(
      entries.map((key) => `${JSON.stringify(key)}: ...`),
      entries.length,
    )}}`;
  }
  return typeof value;
}

function preview(items: string[], length: number): string {
  return items.slice(0, 2).join(', ') + (length > 2 ? ', ...' : '');
}
