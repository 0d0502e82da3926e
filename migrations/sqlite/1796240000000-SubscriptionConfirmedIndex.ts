import { MigrationInterface, QueryRunner } from 'typeorm';

export class SubscriptionConfirmedIndex1796240000000 implements MigrationInterface {
  name = 'SubscriptionConfirmedIndex1796240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_subscription_state_confirmed" ON "subscription" ("state", "confirmed_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_subscription_state_confirmed"`);
  }
}
