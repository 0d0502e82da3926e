import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written, after TruthOfTheRecord (which rebuilt `recommendation` and so dropped the search
 * triggers with the old table):
 * - the full-text search triggers, recreated on the rebuilt table;
 * - deadline_revision kept by triggers on `deadline`: one row when a deadline is inserted, one each
 *   time its outcome changes, stamped with the row's updated_at (the writer's clock). Every write
 *   path (API, import, seed) goes through them, so `knownAt` views can read any deadline as it
 *   stood; existing deadlines get their current state as a first revision;
 * - reviewed_on filled in from status_as_of for existing items (no reviews exist yet).
 */
const OUTCOME = [
  'state',
  'met_on',
  'settled_on',
  'fulfilled_on',
  'extended_by_id',
  'evidence_source_id',
  'evidence_via_id',
  'evidence_url',
  'evidence_excerpt',
  'evidence_pinpoint',
  'note',
  'version',
];
const cols = OUTCOME.join(', ');
const news = OUTCOME.map((c) => `new.${c}`).join(', ');
const changed = OUTCOME.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');

export class DeadlineRevisions1796076463503 implements MigrationInterface {
  name = 'DeadlineRevisions1796076463503';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['recommendation_fts_ai', 'recommendation_fts_ad', 'recommendation_fts_au']) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS "${t}"`);
    }
    await queryRunner.query(`INSERT INTO "recommendation_fts" ("recommendation_fts") VALUES ('rebuild')`);
    await queryRunner.query(
      `CREATE TRIGGER "recommendation_fts_ai" AFTER INSERT ON "recommendation" BEGIN
         INSERT INTO "recommendation_fts" (rowid, title, text) VALUES (new.id, new.title, new.text);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "recommendation_fts_ad" AFTER DELETE ON "recommendation" BEGIN
         INSERT INTO "recommendation_fts" ("recommendation_fts", rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "recommendation_fts_au" AFTER UPDATE OF title, text ON "recommendation" BEGIN
         INSERT INTO "recommendation_fts" ("recommendation_fts", rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
         INSERT INTO "recommendation_fts" (rowid, title, text) VALUES (new.id, new.title, new.text);
       END`,
    );

    await queryRunner.query(
      `INSERT INTO "deadline_revision" (deadline_id, recorded_at, ${cols}) SELECT id, updated_at, ${cols} FROM "deadline" ORDER BY id`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "deadline_revision_ai" AFTER INSERT ON "deadline" BEGIN
         INSERT INTO "deadline_revision" (deadline_id, recorded_at, ${cols}) VALUES (new.id, new.updated_at, ${news});
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "deadline_revision_au" AFTER UPDATE ON "deadline" WHEN ${changed} BEGIN
         INSERT INTO "deadline_revision" (deadline_id, recorded_at, ${cols}) VALUES (new.id, new.updated_at, ${news});
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "deadline_revision_ad" AFTER DELETE ON "deadline" BEGIN
         DELETE FROM "deadline_revision" WHERE deadline_id = old.id;
       END`,
    );
    await queryRunner.query(`UPDATE "recommendation" SET reviewed_on = status_as_of WHERE reviewed_on IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "deadline_revision_ad"`);
    await queryRunner.query(`DROP TRIGGER "deadline_revision_au"`);
    await queryRunner.query(`DROP TRIGGER "deadline_revision_ai"`);
    await queryRunner.query(`DELETE FROM "deadline_revision"`);
  }
}
