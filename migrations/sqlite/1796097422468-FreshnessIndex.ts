import { MigrationInterface, QueryRunner } from 'typeorm';

export class FreshnessIndex1796097422468 implements MigrationInterface {
  name = 'FreshnessIndex1796097422468';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_finding_filed_period" ON "finding" ("filed_on", "period_end") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_finding_filed_period"`);
  }
}
