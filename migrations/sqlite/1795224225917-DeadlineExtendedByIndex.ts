import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineExtendedByIndex1795224225917 implements MigrationInterface {
  name = 'DeadlineExtendedByIndex1795224225917';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_deadline_extended_by" ON "deadline" ("extended_by_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_deadline_extended_by"`);
  }
}
