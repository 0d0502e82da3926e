import { MigrationInterface, QueryRunner } from 'typeorm';
import { recommendationRefVersion } from '../../src/database/table-versions.sql';

/**
 * Hand-written: the version 'recommendation_ref' (src/database/table-versions.sql.ts), bumped like
 * the others by statement-level triggers on recommendation when a statement inserts or deletes an
 * item or changes a slug or title, so answers that show items only by name keep their cache entries
 * through a status change. A row, a function and four triggers: nothing is rebuilt.
 */
export class RecommendationRefVersion1796230000001 implements MigrationInterface {
  name = 'RecommendationRefVersion1796230000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const s of recommendationRefVersion('postgres').up) await queryRunner.query(s);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const s of recommendationRefVersion('postgres').down) await queryRunner.query(s);
  }
}
