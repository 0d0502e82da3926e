import { MigrationInterface, QueryRunner } from 'typeorm';

export class TruthOfTheRecord1796076463502 implements MigrationInterface {
  name = 'TruthOfTheRecord1796076463502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "deadline_revision" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "deadline_id" integer NOT NULL, "recorded_at" varchar(24) NOT NULL, "state" varchar(20) NOT NULL, "met_on" varchar(10), "settled_on" varchar(10), "fulfilled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_revision_deadline" ON "deadline_revision" ("deadline_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "review" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "reviewed_on" varchar(10) NOT NULL, "reviewer_id" integer NOT NULL, "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_review_slug" ON "review" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_review_recorded_at" ON "review" ("recorded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_review_rec_reviewed" ON "review" ("recommendation_id", "reviewed_on") `);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_weight"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "uq_recommendation_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_recommendation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT (0), "source_id" integer NOT NULL, "pinpoint" varchar(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT (1), "headline_status" varchar(40) NOT NULL DEFAULT ('not_assessed'), "status_as_of" varchar(10), "next_close_at" varchar(24), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "text_via_id" integer, "issued_on" varchar(10), "issued_precision" varchar(10) NOT NULL DEFAULT ('day'), "reviewed_on" varchar(10), CONSTRAINT "FK_dbef684dc1af3ad6f0768a5fd76" FOREIGN KEY ("responsible_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_56768bfa17786b169cc781d0e31" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_recommendation"("id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at") SELECT "id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at" FROM "recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "recommendation"`);
    await queryRunner.query(`ALTER TABLE "temporary_recommendation" RENAME TO "recommendation"`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_weight" ON "recommendation" ("headline_status", "weight") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation" ("headline_status", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation" ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation" ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation" ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation" ("status_as_of") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation" ("slug") `);
    await queryRunner.query(`DROP INDEX "ix_deadline_rec_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close_rec"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_extended_by"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "uq_deadline_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_deadline" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" varchar(500) NOT NULL, "due" varchar(10) NOT NULL, "precision" varchar(10) NOT NULL, "closes_at" varchar(24) NOT NULL, "set_by_id" integer, "set_on" varchar(10), "source_id" integer, "authority" varchar(30) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('open'), "met_on" varchar(10), "settled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "label_is_verbatim" boolean NOT NULL DEFAULT (0), "label_attribution" varchar(300), "date_inferred" text, "fulfilled_on" varchar(10), "evidence_via_id" integer, CONSTRAINT "FK_1f9d74c5fe0004930e90334740b" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d34a1774f929d52b7601065bf97" FOREIGN KEY ("extended_by_id") REFERENCES "deadline" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0a1ef6338074f492875ce7dc991" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_b77e4f08fd62551640ae57a965f" FOREIGN KEY ("set_by_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6dfc706ff158c52b8ca1d1d27a7" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_deadline"("id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at") SELECT "id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at" FROM "deadline"`,
    );
    await queryRunner.query(`DROP TABLE "deadline"`);
    await queryRunner.query(`ALTER TABLE "temporary_deadline" RENAME TO "deadline"`);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_rec_state_close" ON "deadline" ("recommendation_id", "state", "closes_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_state_close_rec" ON "deadline" ("state", "closes_at", "recommendation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_deadline_extended_by" ON "deadline" ("extended_by_id") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline" ("state", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline" ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline" ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline" ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_link"`);
    await queryRunner.query(`DROP INDEX "ix_link_to"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_id" integer NOT NULL, "to_id" integer NOT NULL, "type" varchar(20) NOT NULL, "note" text, "version" integer NOT NULL, "recorded_at" varchar(24) NOT NULL DEFAULT ((strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))), CONSTRAINT "FK_63d183baf6f67392cca179db1d8" FOREIGN KEY ("to_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_619d288369d00789f99c3a83df5" FOREIGN KEY ("from_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_link"("id", "from_id", "to_id", "type", "note", "version") SELECT "id", "from_id", "to_id", "type", "note", "version" FROM "link"`,
    );
    await queryRunner.query(`DROP TABLE "link"`);
    await queryRunner.query(`ALTER TABLE "temporary_link" RENAME TO "link"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link" ON "link" ("from_id", "to_id", "type") `);
    await queryRunner.query(`CREATE INDEX "ix_link_to" ON "link" ("to_id") `);
    await queryRunner.query(`DROP INDEX "ix_event_occurred_on"`);
    await queryRunner.query(`DROP INDEX "uq_event_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "occurred_on" varchar(10) NOT NULL, "title" varchar(500) NOT NULL, "description" text, "source_id" integer NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "date_inferred" text, CONSTRAINT "FK_3ac063c4d7882981e9843b067d3" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_event"("id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at") SELECT "id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at" FROM "event"`,
    );
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`ALTER TABLE "temporary_event" RENAME TO "event"`);
    await queryRunner.query(`CREATE INDEX "ix_event_occurred_on" ON "event" ("occurred_on", "slug") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_slug" ON "event" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20), "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, "filed_on" varchar(10), CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_finding"("id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by" FROM "finding"`,
    );
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`ALTER TABLE "temporary_finding" RENAME TO "finding"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding" ("recommendation_id", "assessor_id", "period_end") `,
    );
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40) NOT NULL, "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0), "evidence_via_id" integer, "date_inferred" text, CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted" FROM "status_change"`,
    );
    await queryRunner.query(`DROP TABLE "status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_status_change" RENAME TO "status_change"`);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40), "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0), "evidence_via_id" integer, "date_inferred" text, CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred" FROM "status_change"`,
    );
    await queryRunner.query(`DROP TABLE "status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_status_change" RENAME TO "status_change"`);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_reviewed_on" ON "recommendation" ("reviewed_on") `);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_weight"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "uq_recommendation_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_reviewed_on"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_recommendation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT (0), "source_id" integer NOT NULL, "pinpoint" varchar(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT (1), "headline_status" varchar(40) NOT NULL DEFAULT ('not_assessed'), "status_as_of" varchar(10), "next_close_at" varchar(24), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "text_via_id" integer, "issued_on" varchar(10), "issued_precision" varchar(10) NOT NULL DEFAULT ('day'), "reviewed_on" varchar(10), CONSTRAINT "FK_dbef684dc1af3ad6f0768a5fd76" FOREIGN KEY ("responsible_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_56768bfa17786b169cc781d0e31" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c524c66b5c656dcc2fec121ce81" FOREIGN KEY ("text_via_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_recommendation"("id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at", "text_via_id", "issued_on", "issued_precision", "reviewed_on") SELECT "id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at", "text_via_id", "issued_on", "issued_precision", "reviewed_on" FROM "recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "recommendation"`);
    await queryRunner.query(`ALTER TABLE "temporary_recommendation" RENAME TO "recommendation"`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_weight" ON "recommendation" ("headline_status", "weight") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation" ("headline_status", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation" ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation" ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation" ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation" ("status_as_of") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_reviewed_on" ON "recommendation" ("reviewed_on") `);
    await queryRunner.query(`DROP INDEX "ix_deadline_rec_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close_rec"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_extended_by"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "uq_deadline_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_deadline" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" varchar(500) NOT NULL, "due" varchar(10) NOT NULL, "precision" varchar(10) NOT NULL, "closes_at" varchar(24) NOT NULL, "set_by_id" integer, "set_on" varchar(10), "source_id" integer, "authority" varchar(30) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('open'), "met_on" varchar(10), "settled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "label_is_verbatim" boolean NOT NULL DEFAULT (0), "label_attribution" varchar(300), "date_inferred" text, "fulfilled_on" varchar(10), "evidence_via_id" integer, CONSTRAINT "FK_1f9d74c5fe0004930e90334740b" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d34a1774f929d52b7601065bf97" FOREIGN KEY ("extended_by_id") REFERENCES "deadline" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0a1ef6338074f492875ce7dc991" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_b77e4f08fd62551640ae57a965f" FOREIGN KEY ("set_by_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6dfc706ff158c52b8ca1d1d27a7" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_b9ca0946d2f4c26c327130635a6" FOREIGN KEY ("evidence_via_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_deadline"("id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at", "label_is_verbatim", "label_attribution", "date_inferred", "fulfilled_on", "evidence_via_id") SELECT "id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at", "label_is_verbatim", "label_attribution", "date_inferred", "fulfilled_on", "evidence_via_id" FROM "deadline"`,
    );
    await queryRunner.query(`DROP TABLE "deadline"`);
    await queryRunner.query(`ALTER TABLE "temporary_deadline" RENAME TO "deadline"`);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_rec_state_close" ON "deadline" ("recommendation_id", "state", "closes_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_state_close_rec" ON "deadline" ("state", "closes_at", "recommendation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_deadline_extended_by" ON "deadline" ("extended_by_id") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline" ("state", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline" ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline" ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline" ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_review_slug"`);
    await queryRunner.query(`DROP INDEX "ix_review_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_review_rec_reviewed"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_review" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "reviewed_on" varchar(10) NOT NULL, "reviewer_id" integer NOT NULL, "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, CONSTRAINT "FK_7a89124a0bf788c3e9efa430a8c" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_2f8adca6682f8238c64d767c9d3" FOREIGN KEY ("reviewer_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_ad69b2a0623f771dcd6e56bf53c" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_5df822fdc6cc0828a160658856e" FOREIGN KEY ("evidence_via_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_review"("id", "slug", "recommendation_id", "reviewed_on", "reviewer_id", "evidence_source_id", "evidence_via_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "reviewed_on", "reviewer_id", "evidence_source_id", "evidence_via_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_at", "recorded_by" FROM "review"`,
    );
    await queryRunner.query(`DROP TABLE "review"`);
    await queryRunner.query(`ALTER TABLE "temporary_review" RENAME TO "review"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_review_slug" ON "review" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_review_recorded_at" ON "review" ("recorded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_review_rec_reviewed" ON "review" ("recommendation_id", "reviewed_on") `);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40), "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0), "evidence_via_id" integer, "date_inferred" text, CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_403750f78ae2eeeb5e9f6f7874f" FOREIGN KEY ("evidence_via_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred" FROM "status_change"`,
    );
    await queryRunner.query(`DROP TABLE "status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_status_change" RENAME TO "status_change"`);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`ALTER TABLE "status_change" RENAME TO "temporary_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40), "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0), "evidence_via_id" integer, "date_inferred" text, CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred" FROM "temporary_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_status_change"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(`DROP INDEX "ix_review_rec_reviewed"`);
    await queryRunner.query(`DROP INDEX "ix_review_recorded_at"`);
    await queryRunner.query(`DROP INDEX "uq_review_slug"`);
    await queryRunner.query(`ALTER TABLE "review" RENAME TO "temporary_review"`);
    await queryRunner.query(
      `CREATE TABLE "review" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "reviewed_on" varchar(10) NOT NULL, "reviewer_id" integer NOT NULL, "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "review"("id", "slug", "recommendation_id", "reviewed_on", "reviewer_id", "evidence_source_id", "evidence_via_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "reviewed_on", "reviewer_id", "evidence_source_id", "evidence_via_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_at", "recorded_by" FROM "temporary_review"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_review"`);
    await queryRunner.query(`CREATE INDEX "ix_review_rec_reviewed" ON "review" ("recommendation_id", "reviewed_on") `);
    await queryRunner.query(`CREATE INDEX "ix_review_recorded_at" ON "review" ("recorded_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_review_slug" ON "review" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_deadline_slug"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_extended_by"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close_rec"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_rec_state_close"`);
    await queryRunner.query(`ALTER TABLE "deadline" RENAME TO "temporary_deadline"`);
    await queryRunner.query(
      `CREATE TABLE "deadline" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" varchar(500) NOT NULL, "due" varchar(10) NOT NULL, "precision" varchar(10) NOT NULL, "closes_at" varchar(24) NOT NULL, "set_by_id" integer, "set_on" varchar(10), "source_id" integer, "authority" varchar(30) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('open'), "met_on" varchar(10), "settled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "label_is_verbatim" boolean NOT NULL DEFAULT (0), "label_attribution" varchar(300), "date_inferred" text, "fulfilled_on" varchar(10), "evidence_via_id" integer, CONSTRAINT "FK_1f9d74c5fe0004930e90334740b" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d34a1774f929d52b7601065bf97" FOREIGN KEY ("extended_by_id") REFERENCES "deadline" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0a1ef6338074f492875ce7dc991" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_b77e4f08fd62551640ae57a965f" FOREIGN KEY ("set_by_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6dfc706ff158c52b8ca1d1d27a7" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "deadline"("id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at", "label_is_verbatim", "label_attribution", "date_inferred", "fulfilled_on", "evidence_via_id") SELECT "id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at", "label_is_verbatim", "label_attribution", "date_inferred", "fulfilled_on", "evidence_via_id" FROM "temporary_deadline"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_deadline"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline" ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline" ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline" ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline" ("state", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_extended_by" ON "deadline" ("extended_by_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_state_close_rec" ON "deadline" ("state", "closes_at", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_rec_state_close" ON "deadline" ("recommendation_id", "state", "closes_at") `,
    );
    await queryRunner.query(`DROP INDEX "ix_recommendation_reviewed_on"`);
    await queryRunner.query(`DROP INDEX "uq_recommendation_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_weight"`);
    await queryRunner.query(`ALTER TABLE "recommendation" RENAME TO "temporary_recommendation"`);
    await queryRunner.query(
      `CREATE TABLE "recommendation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT (0), "source_id" integer NOT NULL, "pinpoint" varchar(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT (1), "headline_status" varchar(40) NOT NULL DEFAULT ('not_assessed'), "status_as_of" varchar(10), "next_close_at" varchar(24), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), "text_via_id" integer, "issued_on" varchar(10), "issued_precision" varchar(10) NOT NULL DEFAULT ('day'), "reviewed_on" varchar(10), CONSTRAINT "FK_dbef684dc1af3ad6f0768a5fd76" FOREIGN KEY ("responsible_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_56768bfa17786b169cc781d0e31" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "recommendation"("id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at", "text_via_id", "issued_on", "issued_precision", "reviewed_on") SELECT "id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at", "text_via_id", "issued_on", "issued_precision", "reviewed_on" FROM "temporary_recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_recommendation"`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_reviewed_on" ON "recommendation" ("reviewed_on") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation" ("status_as_of") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation" ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation" ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation" ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation" ("headline_status", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_weight" ON "recommendation" ("headline_status", "weight") `);
    await queryRunner.query(`DROP INDEX "ix_recommendation_reviewed_on"`);
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`ALTER TABLE "status_change" RENAME TO "temporary_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40) NOT NULL, "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0), "evidence_via_id" integer, "date_inferred" text, CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted", "evidence_via_id", "date_inferred" FROM "temporary_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_status_change"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`ALTER TABLE "status_change" RENAME TO "temporary_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40) NOT NULL, "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted" FROM "temporary_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_status_change"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(`ALTER TABLE "finding" RENAME TO "temporary_finding"`);
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20), "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "finding"("id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by") SELECT "id", "slug", "recommendation_id", "assessor_id", "report_id", "period_start", "period_end", "level", "deadline_met", "summary", "recorded_at", "recorded_by" FROM "temporary_finding"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_finding"`);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding" ("recommendation_id", "assessor_id", "period_end") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding" ("recorded_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_event_slug"`);
    await queryRunner.query(`DROP INDEX "ix_event_occurred_on"`);
    await queryRunner.query(`ALTER TABLE "event" RENAME TO "temporary_event"`);
    await queryRunner.query(
      `CREATE TABLE "event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "occurred_on" varchar(10) NOT NULL, "title" varchar(500) NOT NULL, "description" text, "source_id" integer NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_3ac063c4d7882981e9843b067d3" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "event"("id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at") SELECT "id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at" FROM "temporary_event"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_event"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_slug" ON "event" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_event_occurred_on" ON "event" ("occurred_on", "slug") `);
    await queryRunner.query(`DROP INDEX "ix_link_to"`);
    await queryRunner.query(`DROP INDEX "uq_link"`);
    await queryRunner.query(`ALTER TABLE "link" RENAME TO "temporary_link"`);
    await queryRunner.query(
      `CREATE TABLE "link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_id" integer NOT NULL, "to_id" integer NOT NULL, "type" varchar(20) NOT NULL, "note" text, "version" integer NOT NULL, CONSTRAINT "FK_63d183baf6f67392cca179db1d8" FOREIGN KEY ("to_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_619d288369d00789f99c3a83df5" FOREIGN KEY ("from_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "link"("id", "from_id", "to_id", "type", "note", "version") SELECT "id", "from_id", "to_id", "type", "note", "version" FROM "temporary_link"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_link"`);
    await queryRunner.query(`CREATE INDEX "ix_link_to" ON "link" ("to_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link" ON "link" ("from_id", "to_id", "type") `);
    await queryRunner.query(`DROP INDEX "uq_deadline_slug"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_extended_by"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close_rec"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_rec_state_close"`);
    await queryRunner.query(`ALTER TABLE "deadline" RENAME TO "temporary_deadline"`);
    await queryRunner.query(
      `CREATE TABLE "deadline" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" varchar(500) NOT NULL, "due" varchar(10) NOT NULL, "precision" varchar(10) NOT NULL, "closes_at" varchar(24) NOT NULL, "set_by_id" integer, "set_on" varchar(10), "source_id" integer, "authority" varchar(30) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('open'), "met_on" varchar(10), "settled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_1f9d74c5fe0004930e90334740b" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d34a1774f929d52b7601065bf97" FOREIGN KEY ("extended_by_id") REFERENCES "deadline" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0a1ef6338074f492875ce7dc991" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_b77e4f08fd62551640ae57a965f" FOREIGN KEY ("set_by_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_6dfc706ff158c52b8ca1d1d27a7" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "deadline"("id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at") SELECT "id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at" FROM "temporary_deadline"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_deadline"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline" ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline" ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline" ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline" ("state", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_extended_by" ON "deadline" ("extended_by_id") `);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_state_close_rec" ON "deadline" ("state", "closes_at", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_rec_state_close" ON "deadline" ("recommendation_id", "state", "closes_at") `,
    );
    await queryRunner.query(`DROP INDEX "uq_recommendation_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_weight"`);
    await queryRunner.query(`ALTER TABLE "recommendation" RENAME TO "temporary_recommendation"`);
    await queryRunner.query(
      `CREATE TABLE "recommendation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT (0), "source_id" integer NOT NULL, "pinpoint" varchar(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT (1), "headline_status" varchar(40) NOT NULL DEFAULT ('not_assessed'), "status_as_of" varchar(10), "next_close_at" varchar(24), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_dbef684dc1af3ad6f0768a5fd76" FOREIGN KEY ("responsible_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_56768bfa17786b169cc781d0e31" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "recommendation"("id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at") SELECT "id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at" FROM "temporary_recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_recommendation"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation" ("status_as_of") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation" ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation" ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation" ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation" ("headline_status", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_weight" ON "recommendation" ("headline_status", "weight") `);
    await queryRunner.query(`DROP INDEX "ix_review_rec_reviewed"`);
    await queryRunner.query(`DROP INDEX "ix_review_recorded_at"`);
    await queryRunner.query(`DROP INDEX "uq_review_slug"`);
    await queryRunner.query(`DROP TABLE "review"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_revision_deadline"`);
    await queryRunner.query(`DROP TABLE "deadline_revision"`);
  }
}
