import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The column SQLite's tally triggers keep (stat-tally.entity.ts). PostgreSQL commits concurrent
 * transactions out of sequence order, so its triggers leave it at 0 and the stats read every row.
 */
export class StatTallySequence1796230000000 implements MigrationInterface {
  name = 'StatTallySequence1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stat_tally" ADD "seq" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE INDEX "ix_stat_tally_seq" ON "stat_tally" ("seq") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_stat_tally_seq"`);
    await queryRunner.query(`ALTER TABLE "stat_tally" DROP COLUMN "seq"`);
  }
}
