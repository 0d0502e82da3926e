import { MigrationInterface, QueryRunner } from 'typeorm';

export class FindingLevelUnknown1795223106029 implements MigrationInterface {
  name = 'FindingLevelUnknown1795223106029';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20) NOT NULL, "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_finding"("id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by" FROM "finding"`,
    );
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_finding" RENAME TO "finding"`);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding" ("recommendation_id", "assessor_id", "period_end") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding" ("recorded_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding" ("slug") `);
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20), "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_finding"("id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by" FROM "finding"`,
    );
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_finding" RENAME TO "finding"`);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding" ("recommendation_id", "assessor_id", "period_end") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding" ("recorded_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding" ("slug") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(`ALTER TABLE "finding" RENAME TO "temporary_finding"`);
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20) NOT NULL, "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "finding"("id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by" FROM "temporary_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_finding"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding" ("recommendation_id", "assessor_id", "period_end") `,
    );
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(`ALTER TABLE "finding" RENAME TO "temporary_finding"`);
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20) NOT NULL, "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "finding"("id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by" FROM "temporary_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_finding"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding" ("recommendation_id", "assessor_id", "period_end") `,
    );
  }
}
