import { GraphError } from './graph-error';
import { parseFields, selectFields } from './graph-fields';

describe('parseFields', () => {
  it('parses names, nested selections and limit modifiers', () => {
    expect(parseFields('id,updated_time,messages.limit(5){message,from{id}},participants')).toEqual([
      { name: 'id' },
      { name: 'updated_time' },
      {
        name: 'messages',
        limit: 5,
        children: [{ name: 'message' }, { name: 'from', children: [{ name: 'id' }] }],
      },
      { name: 'participants' },
    ]);
    expect(parseFields(undefined)).toBeUndefined();
    expect(parseFields(' ')).toBeUndefined();
  });

  it('refuses broken syntax with a (#100) Graph error', () => {
    for (const bad of ['messages{message', 'id,,name', 'a{b}}', 'id.limit']) {
      expect(() => parseFields(bad)).toThrow(GraphError);
    }
  });
});

describe('selectFields', () => {
  const full = { id: '1', name: 'Page', about: undefined, link: 'https://x' };

  it('keeps the requested fields, always the id, and drops empty values', () => {
    expect(selectFields('Page', full, [{ name: 'name' }, { name: 'about' }], ['id'])).toEqual({
      name: 'Page',
      id: '1',
    });
    expect(selectFields('Page', full, undefined, ['name'])).toEqual({ name: 'Page', id: '1' });
  });

  it('names the node type for a field it does not have', () => {
    expect(() => selectFields('Page', full, [{ name: 'nope' }], [])).toThrow(
      '(#100) Tried accessing nonexisting field (nope) on node type (Page)',
    );
  });
});
