import { MigrationInterface, QueryRunner } from 'typeorm';
import { DataVersion1796085587814 } from './1796085587814-DataVersion';
import {
  CREATE_TABLE_VERSION,
  insertTableVersions,
  POSTGRES_ANY_TABLE,
  POSTGRES_DROP_TABLE_VERSION_FUNCTIONS,
  POSTGRES_TABLE_VERSION_FUNCTIONS,
  POSTGRES_TABLE_VERSION_TX,
  postgresDropTableVersionTriggers,
  postgresTableVersionTriggers,
  VERSIONED_TABLES,
} from '../../src/database/table-versions.sql';

/** The tables DataVersion1796085587814 gave its statement-level trigger. */
const DATA_VERSION_TABLES = VERSIONED_TABLES.filter((t) => t !== 'stat_tally' && t !== 'notification_import_mark');

/**
 * Hand-written: replaces the one data_version row, which a trigger bumped after every statement even
 * when it changed no row (so the dispatcher's empty claim and the pruner's empty delete emptied every
 * cache each tick), with a version counter per table (src/database/table-versions.sql.ts), bumped
 * by statement-level triggers with transition tables only when the statement changed rows (once per
 * transaction), plus the row '*' that any change bumps.
 */
export class TableVersions1796220000000 implements MigrationInterface {
  name = 'TableVersions1796220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const t of DATA_VERSION_TABLES) await queryRunner.query(`DROP TRIGGER "${t}_data_version" ON "${t}"`);
    await queryRunner.query(`DROP FUNCTION data_version_bump()`);
    await queryRunner.query(`DROP TABLE "data_version"`);
    await queryRunner.query(CREATE_TABLE_VERSION);
    await queryRunner.query(POSTGRES_TABLE_VERSION_TX);
    await queryRunner.query(insertTableVersions([POSTGRES_ANY_TABLE, ...VERSIONED_TABLES]));
    for (const s of POSTGRES_TABLE_VERSION_FUNCTIONS) await queryRunner.query(s);
    for (const table of VERSIONED_TABLES) for (const s of postgresTableVersionTriggers(table)) await queryRunner.query(s);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) for (const s of postgresDropTableVersionTriggers(table)) await queryRunner.query(s);
    for (const s of POSTGRES_DROP_TABLE_VERSION_FUNCTIONS) await queryRunner.query(s);
    await queryRunner.query(`DROP TABLE "table_version"`);
    // The one version row and its statement-level triggers, as that migration made them.
    await new DataVersion1796085587814().up(queryRunner);
  }
}
