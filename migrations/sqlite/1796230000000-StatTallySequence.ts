import { MigrationInterface, QueryRunner } from 'typeorm';
import { SQLITE_STAT_TALLY_TRIGGERS, sqliteStatTallyTriggers } from '../../src/database/stat-tally-triggers.sql';

/**
 * Hand-written (TypeORM would rebuild the table, dropping its triggers): each tally row's change
 * sequence (stat-tally.entity.ts), so the stats after a write read the rows written since the last
 * read instead of every row (StatsRepository.tallyRows). Adding a column with a constant default
 * rewrites nothing, and the index covers a few thousand rows whatever the number of items; the
 * triggers are replaced by the ones that set the sequence. Existing rows keep 0: a reader's first
 * read takes every row.
 */
export class StatTallySequence1796230000000 implements MigrationInterface {
  name = 'StatTallySequence1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stat_tally" ADD COLUMN "seq" integer NOT NULL DEFAULT (0)`);
    await queryRunner.query(`CREATE INDEX "ix_stat_tally_seq" ON "stat_tally" ("seq") `);
    await this.replaceTriggers(queryRunner, true);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.replaceTriggers(queryRunner, false);
    await queryRunner.query(`DROP INDEX "ix_stat_tally_seq"`);
    await queryRunner.query(`ALTER TABLE "stat_tally" DROP COLUMN "seq"`);
  }

  private async replaceTriggers(queryRunner: QueryRunner, sequenced: boolean): Promise<void> {
    for (const name of SQLITE_STAT_TALLY_TRIGGERS) await queryRunner.query(`DROP TRIGGER "${name}"`);
    for (const s of sqliteStatTallyTriggers({ sequenced })) await queryRunner.query(s);
  }
}
