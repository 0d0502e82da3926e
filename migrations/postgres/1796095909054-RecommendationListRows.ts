import { MigrationInterface, QueryRunner } from 'typeorm';
import { positionalParameters } from '../../src/database/postgres/raw-queries';
import { backfillListRows } from '../../src/recommendations/list-rows.repository';
import { CREATE_LIST_ROW_TABLE } from '../sqlite/1796210000000-RecommendationListRows';

/**
 * The list rows on PostgreSQL: the same table and backfill as the SQLite migration
 * (migrations/sqlite/1796210000000-RecommendationListRows.ts says why); hand-written, like the search
 * documents. Writes to it always come with writes to the tables it is made from, whose data_version
 * triggers already bump the read cache's version.
 */
export class RecommendationListRows1796095909054 implements MigrationInterface {
  name = 'RecommendationListRows1796095909054';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(CREATE_LIST_ROW_TABLE);
    // The write path's SQL is written with `?` placeholders; a migration's runner takes PostgreSQL's own.
    await backfillListRows({ query: (sql: string, params?: unknown[]) => queryRunner.query(positionalParameters(sql), params) });
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "recommendation_list_row"`);
  }
}
