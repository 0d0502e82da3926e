import { searchExpression } from './search';

describe('searchExpression (the FTS5 query for a reader text)', () => {
  it('requires every word, each as a prefix, in any order', () => {
    expect(searchExpression('DOJ foot pursuit')).toBe('"DOJ" * AND "foot" * AND "pursuit" *');
  });

  it('keeps a word with inner punctuation as one phrase of its parts', () => {
    expect(searchExpression('G03-07')).toBe('"G03 07" *');
    expect(searchExpression('foot-pursuit')).toBe('"foot pursuit" *');
  });

  it('drops stop words when other words remain, and keeps them when they are all there is', () => {
    expect(searchExpression('the mayor of Chicago')).toBe('"mayor" * AND "Chicago" *');
    expect(searchExpression('what was')).toBe('"what" * AND "was" *');
  });

  it('lets no query syntax through: quotes, operators, columns and parentheses become separators', () => {
    expect(searchExpression('"foot" OR title:NEAR(x) *')).toBe('"foot" * AND "title NEAR x" *');
    expect(searchExpression('a"b')).toBe('"a b" *');
  });

  it('has nothing to search for without a letter or digit', () => {
    expect(searchExpression('-- " * ()')).toBeUndefined();
    expect(searchExpression('   ')).toBeUndefined();
  });

  it('folds compatibility forms, so full-width letters match', () => {
    expect(searchExpression('ＤＯＪ')).toBe('"DOJ" *');
  });
});
