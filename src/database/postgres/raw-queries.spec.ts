import { positionalParameters } from './raw-queries';

describe('positionalParameters', () => {
  it('numbers each ? in order', () => {
    expect(positionalParameters('SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?')).toBe(
      'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4',
    );
  });

  it('leaves a ? inside string literals, quoted identifiers and comments alone', () => {
    expect(positionalParameters(`SELECT '?', 'it''s ?', "odd?name" FROM t -- why?\nWHERE a = ? /* or ? */ AND b = ?`)).toBe(
      `SELECT '?', 'it''s ?', "odd?name" FROM t -- why?\nWHERE a = $1 /* or ? */ AND b = $2`,
    );
  });

  it('keeps SQL that already numbers its parameters, and SQL without any', () => {
    expect(positionalParameters('SELECT pg_advisory_lock($1)')).toBe('SELECT pg_advisory_lock($1)');
    expect(positionalParameters(`SELECT 1 FROM t WHERE a = 'x'`)).toBe(`SELECT 1 FROM t WHERE a = 'x'`);
  });
});
