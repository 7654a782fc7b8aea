import { InvalidInputError } from '@outside-in/common';

/** Keyset cursors: the sort key of the last row seen, opaque to clients (base64url of `key|id`). */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(`${key}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, field = 'cursor'): { key: string; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const at = text.lastIndexOf('|');
  const key = text.slice(0, at);
  const id = text.slice(at + 1);
  if (at < 1 || !/^[0-9a-f-]{36}$/i.test(id))
    throw new InvalidInputError(`${field} is not one this API gave: start again from the first page.`, [
      { field, problem: 'Not a cursor from this API' },
    ]);
  return { key, id };
}

export function decodeTimeCursor(cursor: string, field = 'cursor'): { at: Date; id: string } {
  const { key, id } = decodeCursor(cursor, field);
  const at = new Date(key);
  if (Number.isNaN(at.getTime()))
    throw new InvalidInputError(`${field} is not one this API gave: start again from the first page.`, [
      { field, problem: 'Not a cursor from this API' },
    ]);
  return { at, id };
}

/** The first line of a message, for list previews. */
export function firstLine(body: string | null, max = 140): string | null {
  if (body === null) return null;
  const line = body.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
