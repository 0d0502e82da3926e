import { MigrationInterface, QueryRunner } from 'typeorm';

export class Suppressions1796078864163 implements MigrationInterface {
  name = 'Suppressions1796078864163';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "suppression" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "mailbox_hash" varchar(64) NOT NULL, "reason" varchar(20) NOT NULL, "note" text, "created_by" varchar(100) NOT NULL, "created_at" varchar(24) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_suppression_mailbox_hash" ON "suppression" ("mailbox_hash") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_suppression_mailbox_hash"`);
    await queryRunner.query(`DROP TABLE "suppression"`);
  }
}
