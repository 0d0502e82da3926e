import { ProblemException } from '../problem/problem';
import { checkIfMatch, etagFor, parseIfMatch, etagOf, ifNoneMatchHits } from './etag';

const statusOf = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as ProblemException).problem.status;
  }
};

describe('ETags', () => {
  it('quotes the version', () => {
    expect(etagFor(3)).toBe('"3"');
  });

  it('reads strong, weak, bare and listed tags', () => {
    expect(parseIfMatch('"3"')).toEqual({ any: false, versions: [3] });
    expect(parseIfMatch('W/"3"')).toEqual({ any: false, versions: [3] });
    expect(parseIfMatch('3')).toEqual({ any: false, versions: [3] });
    expect(parseIfMatch('"1", W/"2" ,"x"')).toEqual({ any: false, versions: [1, 2] });
    expect(parseIfMatch(['"1"', '"4"'])).toEqual({ any: false, versions: [1, 4] });
    expect(parseIfMatch('*')).toEqual({ any: true, versions: [] });
    expect(parseIfMatch(undefined)).toBeNull();
    expect(parseIfMatch('  ')).toBeNull();
  });

  it('needs If-Match when required (428), refuses * and stale or garbled tags (412)', () => {
    expect(statusOf(() => checkIfMatch(undefined, 2, 'source', true))).toBe(428);
    expect(statusOf(() => checkIfMatch('*', 2, 'source', true))).toBe(428);
    expect(statusOf(() => checkIfMatch('"1"', 2, 'source', true))).toBe(412);
    expect(statusOf(() => checkIfMatch('"abc"', 2, 'source', true))).toBe(412);
    expect(statusOf(() => checkIfMatch('"1", "2"', 2, 'source', true))).toBe('ok');
    expect(statusOf(() => checkIfMatch('W/"2"', 2, 'source', true))).toBe('ok');
  });

  it('lets an optional check pass without the header, and still refuses a stale one', () => {
    expect(statusOf(() => checkIfMatch(undefined, 2, 'deadline', false))).toBe('ok');
    expect(statusOf(() => checkIfMatch('"1"', 2, 'deadline', false))).toBe(412);
  });
});

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
