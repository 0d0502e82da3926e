import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationImportMarks1796200000001 implements MigrationInterface {
  name = 'NotificationImportMarks1796200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification_import_mark" ("record_table" varchar(20) NOT NULL, "record_id" integer NOT NULL, "mode" varchar(10) NOT NULL, PRIMARY KEY ("record_table", "record_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_import_mark"`);
  }
}
