import { toPdsValidationMessage } from './lex-messages';

describe('toPdsValidationMessage', () => {
  const record = {
    text: 'x'.repeat(301),
    createdAt: 'yesterday',
    embed: { images: [{ alt: 5 }] },
    langs: ['en', 'cy', 'fr', 'de'],
  };
  const asRecord = (message: string) => toPdsValidationMessage(message, { name: 'Record', value: record });

  it('words record errors as @atproto/lex-schema does, with a JSON path under $.record', () => {
    expect(asRecord('Record must have the property "createdAt"')).toBe(
      'Missing required key "createdAt" at $.record',
    );
    expect(asRecord('Record/text must not be longer than 300 graphemes')).toBe(
      'grapheme too big (maximum 300, got 301) at $.record.text',
    );
    expect(asRecord('Record/text must not be longer than 3000 characters')).toBe(
      'string too big (maximum 3000, got 301) at $.record.text',
    );
    expect(asRecord('Record/createdAt must be an valid atproto datetime (both RFC-3339 and ISO-8601)')).toBe(
      'Invalid datetime (got "yesterday") at $.record.createdAt',
    );
    expect(asRecord('Record/embed/images/0/alt must be a string')).toBe(
      'Expected string value type (got 5) at $.record.embed.images[0].alt',
    );
    expect(asRecord('Record/langs must not have more than 3 elements')).toBe(
      'array too big (maximum 3, got 4) at $.record.langs',
    );
  });

  it('words input errors at the root ($), and leaves unknown wordings alone', () => {
    expect(toPdsValidationMessage('Input must have the property "repo"', { name: 'Input', value: {} })).toBe(
      'Missing required key "repo" at $',
    );
    expect(asRecord('Record/reply/root must be a valid at-uri')).toBe(
      'Record/reply/root must be a valid at-uri',
    );
    expect(asRecord('Something else entirely')).toBe('Something else entirely');
  });

  it('previews long strings and objects as lex-schema does', () => {
    const long = { text: 'y'.repeat(60), reply: { a: 1, b: 2, c: 3 } };
    expect(toPdsValidationMessage('Record/text must be an integer', { name: 'Record', value: long })).toBe(
      `Expected integer value type (got "${'y'.repeat(47)}…") at $.record.text`,
    );
    expect(toPdsValidationMessage('Record/reply must be an array', { name: 'Record', value: long })).toBe(
      'Expected array value type (got {"a": ..., "b": ..., ...}) at $.record.reply',
    );
  });
});
