import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { FILL_RECOMMENDATION_SEARCH_TERMS } from '../../../migrations/sqlite/1796220000002-RecommendationSearchTerms';
import { SEARCH_TOKENIZER, searchExpression, searchQuery } from './search';

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

describe('searchQuery (the SQL of a search, on a table of its own)', () => {
  const db = new Database(':memory:');
  const dataSource = { options: { type: 'better-sqlite3' }, driver: { databaseConnection: db } } as unknown as DataSource;
  beforeAll(() => {
    db.exec(`CREATE TABLE recommendation (id INTEGER PRIMARY KEY);
      CREATE VIRTUAL TABLE recommendation_search USING fts5(title, text, names, context, tokenize='${SEARCH_TOKENIZER}', prefix='2 3');
      CREATE TABLE recommendation_search_term (term text PRIMARY KEY NOT NULL) WITHOUT ROWID`);
    const insert = db.prepare(`INSERT INTO recommendation_search (rowid, title, text, names, context) VALUES (?, ?, ?, ?, ?)`);
    // 1,500 documents: "pursuit" in every one, "policy" in every third, a numbered word in one each,
    // and 80 words that share the prefix "zeta".
    for (let i = 1; i <= 1500; i++) {
      db.prepare(`INSERT INTO recommendation (id) VALUES (?)`).run(i);
      insert.run(
        i,
        i % 3 === 0 ? `Foot pursuit policy ${i}` : `Foot pursuits ${i}`,
        `item${i} text`,
        `zeta${i % 80}x`,
        'pursuing officers',
      );
    }
    for (const statement of FILL_RECOMMENDATION_SEARCH_TERMS) db.exec(statement);
  });
  afterAll(() => db.close());

  const ids = (sql: string, params: unknown[]) =>
    db
      .prepare(`SELECT id FROM (${sql}) ORDER BY score, id`)
      .pluck(true)
      .all(...params) as number[];
  const byPrefix = (q: string) =>
    ids(
      `SELECT rowid AS id, bm25(recommendation_search, 10.0, 2.0, 4.0, 1.0) AS score FROM recommendation_search WHERE recommendation_search MATCH ?`,
      [searchExpression(q)],
    );

  it.each([
    'pursu policy',
    'item12',
    'item123 pursuit',
    'item12 pursuit',
    'zeta1',
    'zet',
    'policies foot',
    'item99999',
    'foot-pursuit polic',
  ])('"%s": the same matches, in the same order, as the plain prefix query', (q) => {
    const query = searchQuery(dataSource, q)!;
    expect(ids(query.ranked.sql, query.ranked.params)).toEqual(byPrefix(q));
    const tested = db
      .prepare(`SELECT r.id FROM recommendation r WHERE ${query.test.sql} ORDER BY r.id`)
      .pluck(true)
      .all(...query.test.params);
    expect(tested).toEqual([...byPrefix(q)].sort((a, b) => a - b));
    const above = query.countAbove(1000);
    expect(
      db
        .prepare(above.sql)
        .pluck(true)
        .get(...above.params),
    ).toBe(byPrefix(q).filter((id) => id > 1000).length);
  });

  it('writes prefixes out as the vocabulary terms, and keeps a prefix of too many terms as a prefix', () => {
    expect(searchQuery(dataSource, 'item123 policies')!.test.params[0]).toBe(
      '("item123" OR "item1230" OR "item1231" OR "item1232" OR "item1233" OR "item1234" OR "item1235" OR "item1236" OR "item1237" OR "item1238" OR "item1239") AND ("polici")',
    );
    // item12, item120–129 and item1200–1299: 111 terms.
    expect(searchQuery(dataSource, 'item12')!.test.params[0]).toBe('"item12" *');
    expect(searchQuery(dataSource, 'zeta')!.test.params[0]).toBe('"zeta" *');
  });

  it('scores only the words in at most half of the documents, and all of them when none is', () => {
    expect(searchQuery(dataSource, 'item123 pursuit')!.ranked.params).toEqual([
      expect.stringMatching(/^\("item123"/),
      expect.stringMatching(/AND \("pursuit"/),
    ]);
    expect(searchQuery(dataSource, 'pursuit foot')!.ranked.params).toHaveLength(1);
  });
});
