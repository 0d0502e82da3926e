import { inspectInput, MAX_INPUT_DEPTH, parseJsonBody, textFault } from './input-guard';

const nested = (levels: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

describe('input guard', () => {
  it(`accepts ${MAX_INPUT_DEPTH} levels of nesting and refuses one more, naming the body`, () => {
    expect(inspectInput(nested(MAX_INPUT_DEPTH), 'body')).toEqual([]);
    expect(inspectInput(nested(MAX_INPUT_DEPTH + 1), 'body')).toEqual([
      { field: '(body)', in: 'body', reason: `must not nest objects or arrays more than ${MAX_INPUT_DEPTH} levels deep` },
    ]);
  });

  it('walks 100,000 levels without running out of stack', () => {
    const deep = parseJsonBody('{"email":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}');
    expect(inspectInput(deep, 'body')[0]?.field).toBe('(body)');
  });

  it('refuses NUL and lone surrogates anywhere, keys included, and names the field', () => {
    const body = parseJsonBody('{"a":"x\\u0000y","rows":[{"t":"ok"},{"t":"\\ud800"}],"b":{"c":"\\udc00z"},"\\u0000k":1}');
    expect(inspectInput(body, 'body')).toEqual(
      expect.arrayContaining([
        { field: 'a', in: 'body', reason: 'must not contain a NUL character' },
        { field: 'rows[1].t', in: 'body', reason: 'must be valid Unicode text (it contains a lone surrogate)' },
        { field: 'b.c', in: 'body', reason: 'must be valid Unicode text (it contains a lone surrogate)' },
        { field: '(body)', in: 'body', reason: expect.stringContaining('field name that is not valid text') },
      ]),
    );
    expect(inspectInput({ q: 'a\u0000b' }, 'query')).toEqual([
      { field: 'q', in: 'query', reason: 'must not contain a NUL character' },
    ]);
    expect(inspectInput(['a', 'b\u0000'], 'query')[0].field).toBe('[1]');
  });

  it('accepts paired surrogates, RTL and zero-width characters', () => {
    expect(textFault('emoji 😀 \u202eevil\u200b ‏שלום')).toBeNull();
    expect(inspectInput({ t: '😀', u: ['\u200d'] }, 'body')).toEqual([]);
  });

  it('normalises text to NFC in place', () => {
    const body = { title: 'Cafe\u0301', list: ['e\u0301'] };
    expect(inspectInput(body, 'body')).toEqual([]);
    expect(body).toEqual({ title: 'Café', list: ['é'] });
  });

  it('names prototype-named keys as unknown fields or parameters, whatever their depth', () => {
    const body = parseJsonBody(
      '{"__proto__":{"x":1},"constructor":{"prototype":{}},"prototype":1,"rows":[{"toString":1,"hasOwnProperty":2}]}',
    );
    expect(inspectInput(body, 'body').map((e) => `${e.field}: ${e.reason}`)).toEqual(
      expect.arrayContaining([
        '__proto__: is not a known field',
        'constructor: is not a known field',
        'prototype: is not a known field',
        'rows[0].toString: is not a known field',
        'rows[0].hasOwnProperty: is not a known field',
      ]),
    );
    const query = Object.assign(Object.create(null) as Record<string, string>, { ['__proto__']: '1', valueOf: '2' });
    expect(inspectInput(query, 'query').map((e) => `${e.field}: ${e.reason}`)).toEqual([
      '__proto__: is not a known parameter',
      'valueOf: is not a known parameter',
    ]);
  });

  it('refuses a text body (CSV) holding a NUL as a whole', () => {
    expect(inspectInput('a,b\n1,\u0000', 'body')).toEqual([
      { field: '(body)', in: 'body', reason: 'must not contain a NUL character' },
    ]);
  });

  it('names the body when JSON is empty or malformed', () => {
    expect(() => parseJsonBody('')).toThrow(/must not be empty/);
    expect(() => parseJsonBody('{"a":')).toThrow(/is not valid JSON/);
    expect(parseJsonBody('{"__proto__":1}')).toEqual(JSON.parse('{"__proto__":1}'));
  });
});
