import { MigrationInterface, QueryRunner } from 'typeorm';
import { recommendationRefVersion } from '../../src/database/table-versions.sql';

/**
 * Hand-written: the version 'recommendation_ref' (src/database/table-versions.sql.ts), which moves
 * when an item is inserted or deleted or its slug or title changes, so answers that show items only
 * by name keep their cache entries through a status change. A row and three row-level triggers on
 * recommendation: nothing is rebuilt.
 */
export class RecommendationRefVersion1796230000001 implements MigrationInterface {
  name = 'RecommendationRefVersion1796230000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const s of recommendationRefVersion('sqlite').up) await queryRunner.query(s);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const s of recommendationRefVersion('sqlite').down) await queryRunner.query(s);
  }
}
