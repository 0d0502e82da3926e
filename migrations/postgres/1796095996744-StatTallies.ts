import { MigrationInterface, QueryRunner } from 'typeorm';
import { POSTGRES_STAT_TALLY_DROP, postgresStatTally } from '../../src/database/stat-tally-triggers.sql';

/**
 * stat_tally, the running counts behind /stats and the overview (generated), then by hand: the
 * triggers that keep it in step (as on SQLite, as plpgsql functions) and its first fill.
 */
export class StatTallies1796095996744 implements MigrationInterface {
  name = 'StatTallies1796095996744';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stat_tally" ("dimension" character varying(20) NOT NULL, "grp" character varying(40) NOT NULL, "status" character varying(40) NOT NULL, "n" integer NOT NULL DEFAULT '0', "w" real NOT NULL DEFAULT '0', CONSTRAINT "PK_a69415f5bffafaf13ee0825ef7a" PRIMARY KEY ("dimension", "grp", "status"))`,
    );
    for (const statement of postgresStatTally()) await queryRunner.query(statement);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of POSTGRES_STAT_TALLY_DROP) await queryRunner.query(statement);
    await queryRunner.query(`DROP TABLE "stat_tally"`);
  }
}
