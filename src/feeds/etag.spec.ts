import { etagOf, ifNoneMatchHits } from './etag';

describe('etagOf', () => {
  it('is a strong, quoted tag that changes with the body', () => {
    expect(etagOf('a')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf('a')).toBe(etagOf('a'));
    expect(etagOf('a')).not.toBe(etagOf('b'));
  });
});

describe('ifNoneMatchHits', () => {
  const tag = '"abc"';
  it.each([
    [undefined, false],
    ['', false],
    ['"abc"', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"', true],
    ['"abcd"', false],
    ['abc', false],
    ['*', true],
    [' * ', true],
    [['"x"', '"abc"'], true],
  ])('%j → %s', (header, expected) => {
    expect(ifNoneMatchHits(header as string | string[] | undefined, tag)).toBe(expected);
  });
});
