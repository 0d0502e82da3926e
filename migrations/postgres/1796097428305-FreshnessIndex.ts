import { MigrationInterface, QueryRunner } from 'typeorm';

export class FreshnessIndex1796097428305 implements MigrationInterface {
  name = 'FreshnessIndex1796097428305';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_finding_filed_period" ON "finding"  ("filed_on", "period_end") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_finding_filed_period"`);
  }
}
