import Database from 'better-sqlite3';
import { SqlConditions } from './sql-conditions';

describe('SqlConditions', () => {
  it('is empty, with no parameters, until a condition is added', () => {
    const c = new SqlConditions();
    expect(c.where).toBe('');
    expect(c.params).toEqual([]);
  });

  it('joins the conditions with AND and keeps each one’s values in placeholder order', () => {
    const c = new SqlConditions();
    c.add('a = ?', 1);
    c.add('(b = ? OR b = ?)', 'x', 'y');
    c.add('c IS NULL');
    expect(c.where).toBe('WHERE a = ? AND (b = ? OR b = ?) AND c IS NULL');
    expect(c.params).toEqual([1, 'x', 'y']);
  });

  it('selects what SQLite selects with the same conditions written out', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'x'), (1, 'y'), (1, 'z'), (2, 'x')`);
    const c = new SqlConditions();
    c.add('a = ?', 1);
    c.add('(b = ? OR b = ?)', 'x', 'z');
    const rows = db.prepare(`SELECT b FROM t ${c.where} ORDER BY b`).all(...c.params);
    expect(rows).toEqual([{ b: 'x' }, { b: 'z' }]);
    db.close();
  });
});
