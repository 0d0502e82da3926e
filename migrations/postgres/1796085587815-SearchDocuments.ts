import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the search documents on PostgreSQL (src/database/postgres/search.ts), the twin of
 * SQLite's FTS5 table `recommendation_search`: one row per recommendation written by the write path,
 * a stored tsvector over unaccented text with the english stemmer, weighted title A, names B, text C,
 * context D, behind a GIN index. Punctuation becomes a space before parsing (f_search_text), as the
 * query's words are split (search-words.ts): PostgreSQL's parser would read "G03-07" as "g03" and a
 * signed "-07", which the phrase g03 <-> 07 would not find. It replaces the two trigram indexes over title and text, which only
 * the earlier substring search used. No backfill: no PostgreSQL database predates this migration
 * (PostgreSQL support arrives with it), and the first-start seed writes every document.
 * Writes to this table always come with writes to the recommendation tables, whose data_version
 * triggers already bump the read cache's version.
 */
export class SearchDocuments1796085587815 implements MigrationInterface {
  name = 'SearchDocuments1796085587815';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_recommendation_title_trgm"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_text_trgm"`);
    await queryRunner.query(
      `CREATE FUNCTION f_search_text(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT regexp_replace(f_unaccent($1), '[^[:alnum:]]+', ' ', 'g') $$`,
    );
    await queryRunner.query(
      `CREATE TABLE "recommendation_search" (
         "id" integer PRIMARY KEY REFERENCES "recommendation" ("id") ON DELETE CASCADE,
         "title" text NOT NULL,
         "text" text NOT NULL,
         "names" text NOT NULL,
         "context" text NOT NULL,
         "document" tsvector GENERATED ALWAYS AS (
           setweight(to_tsvector('english', f_search_text("title")), 'A') ||
           setweight(to_tsvector('english', f_search_text("names")), 'B') ||
           setweight(to_tsvector('english', f_search_text("text")), 'C') ||
           setweight(to_tsvector('english', f_search_text("context")), 'D')
         ) STORED
       )`,
    );
    await queryRunner.query(`CREATE INDEX "ix_recommendation_search_document" ON "recommendation_search" USING gin ("document")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recommendation_search"`);
    await queryRunner.query(`DROP FUNCTION f_search_text(text)`);
    await queryRunner.query(
      `CREATE INDEX "ix_recommendation_title_trgm" ON "recommendation" USING gin (f_unaccent(title) gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_recommendation_text_trgm" ON "recommendation" USING gin (f_unaccent(text) gin_trgm_ops)`,
    );
  }
}
