import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddReadPathIndexes1795224406824 implements MigrationInterface {
  name = 'AddReadPathIndexes1795224406824';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_weight" ON "recommendation" ("headline_status", "weight") `);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_state_close_rec" ON "deadline" ("state", "closes_at", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_rec_state_close" ON "deadline" ("recommendation_id", "state", "closes_at") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_deadline_rec_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close_rec"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_weight"`);
  }
}
