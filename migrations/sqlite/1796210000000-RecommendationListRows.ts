import { MigrationInterface, QueryRunner } from 'typeorm';
import { backfillListRows } from '../../src/recommendations/list-rows.repository';

/** The table, the same on both engines (the PostgreSQL migration uses it too). */
export const CREATE_LIST_ROW_TABLE = `CREATE TABLE "recommendation_list_row" (
  "recommendation_id" integer PRIMARY KEY NOT NULL REFERENCES "recommendation" ("id") ON DELETE CASCADE,
  "head" text NOT NULL,
  "closes_at" varchar(24),
  "tail" text
)`;

/**
 * The list at the limit: one row per recommendation holding the JSON text of its list item without
 * the clock fields (src/recommendations/list-item.ts), kept by the write path in the same transaction
 * as headline_status (src/recommendations/list-rows.repository.ts). This migration fills it from the
 * existing rows, 500 items per statement, with the write path's own code (about 10 s per 100,000
 * items). A new table, so nothing is rebuilt. Hand-written: the table is a read model the app writes
 * with raw SQL, not an entity (like the search documents).
 */
export class RecommendationListRows1796210000000 implements MigrationInterface {
  name = 'RecommendationListRows1796210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(CREATE_LIST_ROW_TABLE);
    await backfillListRows(queryRunner.manager);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recommendation_list_row"`);
  }
}
