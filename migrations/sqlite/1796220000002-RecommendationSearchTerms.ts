import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fills the search vocabulary from the search index (also used by the benchmark's generator, which
 * bulk-inserts the documents): one pass over the whole index, about 1 s per 30,000 documents.
 */
export const FILL_RECOMMENDATION_SEARCH_TERMS = [
  `CREATE VIRTUAL TABLE temp."recommendation_search_fill_vocab" USING fts5vocab(main, "recommendation_search", row)`,
  `INSERT OR IGNORE INTO "recommendation_search_term" ("term") SELECT "term" FROM temp."recommendation_search_fill_vocab"`,
  `DROP TABLE temp."recommendation_search_fill_vocab"`,
];

/**
 * The search vocabulary: every term the search index has held (src/database/sqlite/search.ts). A
 * query's prefix ("pursuit" *) is written out as the terms that start with it, read from this table
 * in one index seek, so that FTS5 seeks in their lists instead of merging every list of every term
 * with that prefix on each query. The write path adds the terms of each document it writes; a term
 * is never removed (a term no document holds any more matches nothing, so the table may be a
 * superset). FTS5's own vocabulary (fts5vocab) has the terms too, but reads every document list of
 * every term it returns, a cost that grows with the table. Hand-written: SQLite only (PostgreSQL
 * tests its tsvector per row without it), and TypeORM has no entity for it.
 */
export class RecommendationSearchTerms1796220000002 implements MigrationInterface {
  name = 'RecommendationSearchTerms1796220000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "recommendation_search_term" ("term" text PRIMARY KEY NOT NULL) WITHOUT ROWID`);
    for (const statement of FILL_RECOMMENDATION_SEARCH_TERMS) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recommendation_search_term"`);
  }
}
