import { MigrationInterface, QueryRunner } from 'typeorm';
import { positionalParameters } from '../../src/database/postgres/raw-queries';
import { backfillListRows } from '../../src/recommendations/list-rows.repository';

/**
 * The list at the limit: one row per recommendation holding the JSON text of its list item without
 * the clock fields (src/recommendations/list-item.ts), kept by the write path in the same transaction
 * as headline_status (src/recommendations/list-rows.repository.ts). This migration fills it from the
 * existing rows, 500 items per statement, with the write path's own code (about 10 s per 100,000
 * items). A new table, so nothing is rebuilt. Hand-written: the table is a read model the app writes
 * with raw SQL, not an entity (like the search documents). Writes to it always come with writes to
 * the tables it is made from, whose data_version triggers already bump the read cache's version.
 */
export class RecommendationListRows1796095909054 implements MigrationInterface {
  name = 'RecommendationListRows1796095909054';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "recommendation_list_row" (
         "recommendation_id" integer PRIMARY KEY NOT NULL REFERENCES "recommendation" ("id") ON DELETE CASCADE,
         "head" text NOT NULL,
         "closes_at" varchar(24),
         "tail" text
       )`,
    );
    // The write path's SQL is written with `?` placeholders; a migration's runner takes PostgreSQL's own.
    await backfillListRows({ query: (sql: string, params?: unknown[]) => queryRunner.query(positionalParameters(sql), params) });
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recommendation_list_row"`);
  }
}
