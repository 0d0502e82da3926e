import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: the data version the read cache checks on PostgreSQL (SQLite's is total_changes()
 * and PRAGMA data_version). One row, bumped by a statement-level trigger on every table, in the
 * writing transaction: it moves exactly when a write commits, whichever instance made it, so every
 * instance's cache sees every other's writes (database/postgres/data-version.ts). As on SQLite,
 * any write to any table counts. A table added by a later migration needs the same trigger.
 */
const TABLES = [
  'actor',
  'source',
  'topic',
  'recommendation',
  'deadline',
  'link',
  'api_key',
  'status_change',
  'audit_entry',
  'deadline_revision',
  'event',
  'finding',
  'subscription',
  'subscription_token',
  'suppression',
  'notification',
  'notification_cursor',
  'review',
  'tracker_meta',
  'recommendation_topic',
  'event_recommendation',
];

export class DataVersion1796085587814 implements MigrationInterface {
  name = 'DataVersion1796085587814';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_version" ("id" integer PRIMARY KEY CHECK ("id" = 1), "n" bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO "data_version" ("id", "n") VALUES (1, 0)`);
    await queryRunner.query(
      `CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE data_version SET n = n + 1 WHERE id = 1;
         RETURN NULL;
       END $$`,
    );
    for (const t of TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER "${t}_data_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}"
         FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of TABLES) await queryRunner.query(`DROP TRIGGER "${t}_data_version" ON "${t}"`);
    await queryRunner.query(`DROP FUNCTION data_version_bump()`);
    await queryRunner.query(`DROP TABLE "data_version"`);
  }
}
