import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiKeysAndAudit1795223036788 implements MigrationInterface {
  name = 'ApiKeysAndAudit1795223036788';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(120) NOT NULL, "role" varchar(20) NOT NULL, "key_hash" varchar(64) NOT NULL, "key_prefix" varchar(16) NOT NULL, "created_at" varchar(24) NOT NULL, "revoked_at" varchar(24), "last_used_at" varchar(24))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_name" ON "api_key" ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_hash" ON "api_key" ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" varchar(24) NOT NULL, "key_name" varchar(120) NOT NULL, "action" varchar(40) NOT NULL, "entity" varchar(40) NOT NULL, "entity_id" integer, "entity_slug" varchar(200), "before" text, "after" text, "request_id" varchar(100))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_at" ON "audit_entry" ("at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_key" ON "audit_entry" ("key_name", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_entity" ON "audit_entry" ("entity", "entity_id", "at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_audit_entity"`);
    await queryRunner.query(`DROP INDEX "ix_audit_key"`);
    await queryRunner.query(`DROP INDEX "ix_audit_at"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP INDEX "uq_api_key_hash"`);
    await queryRunner.query(`DROP INDEX "uq_api_key_name"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
  }
}
