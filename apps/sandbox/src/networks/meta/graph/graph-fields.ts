import { invalidParameter } from './graph-error';

/** One requested field: `messages.limit(5){message,from}` is { name: 'messages', limit: 5, children: [...] }. */
export interface FieldRequest {
  name: string;
  limit?: number;
  /** `.summary(true)` on an edge: add its `summary` (total_count ...). */
  summary?: boolean;
  children?: FieldRequest[];
}

/**
 * Parses Graph's `fields` syntax: comma-separated names, nested selections in braces, and `.limit(n)`
 * modifiers (other modifiers are accepted and ignored).
 */
export function parseFields(input: string | undefined): FieldRequest[] | undefined {
  if (input === undefined || input.trim() === '') return undefined;
  let position = 0;
  const parseList = (): FieldRequest[] => {
    const fields: FieldRequest[] = [];
    while (position < input.length) {
      const match = /^\s*([A-Za-z0-9_]+)/.exec(input.slice(position));
      if (!match) throw invalidParameter(`Syntax error in fields at character ${position + 1}: "${input}"`);
      position += match[0].length;
      const field: FieldRequest = { name: match[1] };
      while (input[position] === '.') {
        const modifier = /^\.([a-z_]+)\(([^)]*)\)/.exec(input.slice(position));
        if (!modifier)
          throw invalidParameter(`Syntax error in fields at character ${position + 1}: "${input}"`);
        position += modifier[0].length;
        if (modifier[1] === 'limit') {
          const limit = Number(modifier[2]);
          if (!Number.isInteger(limit) || limit < 0)
            throw invalidParameter(`limit(${modifier[2]}) in fields must be a whole number`);
          field.limit = limit;
        }
        if (modifier[1] === 'summary')
          field.summary = modifier[2].trim() === 'true' || modifier[2].trim() === '1';
      }
      if (input[position] === '{') {
        position += 1;
        field.children = parseList();
        if (input[position] !== '}') throw invalidParameter(`Unbalanced braces in fields: "${input}"`);
        position += 1;
      }
      fields.push(field);
      while (input[position] === ' ') position += 1;
      if (input[position] === ',') {
        position += 1;
        continue;
      }
      break;
    }
    return fields;
  };
  const fields = parseList();
  if (position < input.length)
    throw invalidParameter(`Syntax error in fields at character ${position + 1}: "${input}"`);
  return fields;
}

/**
 * Picks the requested fields from a node's full representation. `id` is always included, as Graph does.
 * An unknown field is (#100) "Tried accessing nonexisting field", naming the node type.
 */
export function selectFields(
  nodeType: string,
  full: Record<string, unknown>,
  requested: FieldRequest[] | undefined,
  defaults: string[],
): Record<string, unknown> {
  const names = requested?.map((f) => f.name) ?? defaults;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (!(name in full)) {
      throw invalidParameter(`Tried accessing nonexisting field (${name}) on node type (${nodeType})`);
    }
    const value = full[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  if (full.id !== undefined) out.id = full.id;
  return out;
}
