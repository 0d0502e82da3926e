import { MigrationInterface, QueryRunner } from 'typeorm';
import { SQLITE_STAT_TALLY_TRIGGERS, sqliteStatTallyTriggers } from '../../src/database/stat-tally-triggers.sql';
import { sqliteTableVersionTriggers } from '../../src/database/table-versions.sql';

const COLUMNS = `"dimension" varchar(20) NOT NULL, "grp" varchar(40) NOT NULL, "status" varchar(40) NOT NULL, "n" integer NOT NULL DEFAULT (0), "w" real NOT NULL DEFAULT (0), PRIMARY KEY ("dimension", "grp", "status")`;

/**
 * Hand-written (TypeORM does not diff `withoutRowid`): stat_tally stored in its key's order, so a
 * dimension's rows and their counts are one range of the table (the stats read whole dimensions:
 * about 4× less work for the per-source progress and the overdue sums). The table holds one row per
 * group, a few thousand whatever the number of items, so the rebuild is quick at any size (the rows
 * are copied, not recounted). The triggers that write it are dropped while it is replaced (SQLite
 * checks them on the rename) and recreated, with its own version triggers.
 */
export class StatTallyWithoutRowid1796220000001 implements MigrationInterface {
  name = 'StatTallyWithoutRowid1796220000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.rebuild(queryRunner, 'WITHOUT ROWID');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.rebuild(queryRunner, '');
  }

  private async rebuild(queryRunner: QueryRunner, options: string): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_stat_tally" (${COLUMNS}) ${options}`);
    await queryRunner.query(`INSERT INTO "temporary_stat_tally" SELECT "dimension", "grp", "status", "n", "w" FROM "stat_tally"`);
    for (const name of SQLITE_STAT_TALLY_TRIGGERS) await queryRunner.query(`DROP TRIGGER "${name}"`);
    await queryRunner.query(`DROP TABLE "stat_tally"`);
    await queryRunner.query(`ALTER TABLE "temporary_stat_tally" RENAME TO "stat_tally"`);
    const triggers = sqliteStatTallyTriggers({ sequenced: false });
    for (const s of [...triggers, ...sqliteTableVersionTriggers('stat_tally')]) await queryRunner.query(s);
  }
}
