import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxHealthIndex1796200000002 implements MigrationInterface {
  name = 'OutboxHealthIndex1796200000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_notification_state_created" ON "notification" ("state", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_notification_state_created"`);
  }
}
