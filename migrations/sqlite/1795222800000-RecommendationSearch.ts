import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search for `q`: an FTS5 index over title and text with the trigram tokenizer, which
 * matches any substring of three or more characters, case-insensitively, through the index.
 * External-content table kept in step with `recommendation` by triggers. Hand-written: TypeORM
 * does not model virtual tables, and migration:check ignores them.
 */
export class RecommendationSearch1795222800000 implements MigrationInterface {
  name = 'RecommendationSearch1795222800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE VIRTUAL TABLE "recommendation_fts" USING fts5(title, text, content='recommendation', content_rowid='id', tokenize='trigram remove_diacritics 1')`,
    );
    await queryRunner.query(`INSERT INTO "recommendation_fts" (rowid, title, text) SELECT id, title, text FROM "recommendation"`);
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "recommendation_fts_au"`);
    await queryRunner.query(`DROP TRIGGER "recommendation_fts_ad"`);
    await queryRunner.query(`DROP TRIGGER "recommendation_fts_ai"`);
    await queryRunner.query(`DROP TABLE "recommendation_fts"`);
  }
}
