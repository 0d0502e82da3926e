import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  insertTableVersions,
  POSTGRES_DROP_RECOMMENDATION_REF,
  POSTGRES_RECOMMENDATION_REF_FUNCTION,
  POSTGRES_RECOMMENDATION_REF_TRIGGERS,
  REFERENCE_VERSIONS,
} from '../../src/database/table-versions.sql';

/**
 * Hand-written: the version 'recommendation_ref' (src/database/table-versions.sql.ts), which moves
 * when an item is inserted or deleted or its slug or title changes, bumped by statement-level
 * triggers on recommendation like the other versions, so answers that show items only by name keep
 * their cache entries through a status change. A row, a function and four triggers: nothing is rebuilt.
 */
export class RecommendationRefVersion1796230000001 implements MigrationInterface {
  name = 'RecommendationRefVersion1796230000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(insertTableVersions(REFERENCE_VERSIONS));
    await queryRunner.query(POSTGRES_RECOMMENDATION_REF_FUNCTION);
    for (const s of POSTGRES_RECOMMENDATION_REF_TRIGGERS) await queryRunner.query(s);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const s of POSTGRES_DROP_RECOMMENDATION_REF) await queryRunner.query(s);
    await queryRunner.query(
      `DELETE FROM "table_version" WHERE "name" IN (${REFERENCE_VERSIONS.map((n) => `'${n}'`).join(', ')})`,
    );
  }
}
