import { MigrationInterface, QueryRunner } from 'typeorm';
import { SQLITE_STAT_TALLY_TRIGGERS, sqliteStatTally } from '../../src/database/stat-tally-triggers.sql';

/**
 * stat_tally, the running counts behind /stats and the overview (generated), then by hand: the
 * triggers that keep it in step with recommendation, recommendation_topic and deadline, and its
 * first fill from those tables (one grouped pass each).
 */

export class StatTallies1796095914844 implements MigrationInterface {
  name = 'StatTallies1796095914844';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stat_tally" ("dimension" varchar(20) NOT NULL, "grp" varchar(40) NOT NULL, "status" varchar(40) NOT NULL, "n" integer NOT NULL DEFAULT (0), "w" real NOT NULL DEFAULT (0), PRIMARY KEY ("dimension", "grp", "status"))`,
    );
    for (const statement of sqliteStatTally({ sequenced: false })) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const trigger of SQLITE_STAT_TALLY_TRIGGERS) await queryRunner.query(`DROP TRIGGER "${trigger}"`);
    await queryRunner.query(`DROP TABLE "stat_tally"`);
  }
}
