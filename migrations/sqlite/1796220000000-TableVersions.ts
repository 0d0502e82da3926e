import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  CREATE_TABLE_VERSION,
  insertTableVersions,
  sqliteDropTableVersionTriggers,
  sqliteTableVersionTriggers,
  VERSIONED_TABLES,
} from '../../src/database/table-versions.sql';

/**
 * Hand-written: a version counter per table, bumped by a trigger on each table in the writing
 * transaction (src/database/table-versions.sql.ts), so the read cache drops only the answers that
 * read a table that changed. A new table and its triggers: nothing is rebuilt.
 */
export class TableVersions1796220000000 implements MigrationInterface {
  name = 'TableVersions1796220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(CREATE_TABLE_VERSION);
    await queryRunner.query(insertTableVersions());
    for (const table of VERSIONED_TABLES) for (const s of sqliteTableVersionTriggers(table)) await queryRunner.query(s);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of VERSIONED_TABLES) for (const s of sqliteDropTableVersionTriggers(table)) await queryRunner.query(s);
    await queryRunner.query(`DROP TABLE "table_version"`);
  }
}
