import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationImportMarks1796096518630 implements MigrationInterface {
  name = 'NotificationImportMarks1796096518630';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_import_mark" ("record_table" character varying(20) NOT NULL, "record_id" integer NOT NULL, "mode" character varying(10) NOT NULL, CONSTRAINT "PK_b016a3023fe923990c0f3b4e3bb" PRIMARY KEY ("record_table", "record_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_import_mark"`);
  }
}
