import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795222797155 implements MigrationInterface {
  name = 'Initial1795222797155';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "actor" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(120) NOT NULL, "name" varchar(300) NOT NULL, "kind" varchar(40) NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_actor_slug" ON "actor" ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "source" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(120) NOT NULL, "title" varchar(500) NOT NULL, "kind" varchar(40) NOT NULL, "publisher" varchar(300), "published_on" varchar(10), "url" varchar(2000), "archived_url" varchar(2000), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_source_slug" ON "source" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_source_kind" ON "source" ("kind") `);
    await queryRunner.query(
      `CREATE TABLE "topic" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(120) NOT NULL, "name" varchar(200) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_topic_slug" ON "topic" ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "recommendation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT (0), "source_id" integer NOT NULL, "pinpoint" varchar(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT (1), "headline_status" varchar(40) NOT NULL DEFAULT ('not_assessed'), "status_as_of" varchar(10), "next_close_at" varchar(24), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation" ("status_as_of") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation" ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation" ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation" ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation" ("headline_status", "slug") `);
    await queryRunner.query(
      `CREATE TABLE "deadline" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" varchar(500) NOT NULL, "due" varchar(10) NOT NULL, "precision" varchar(10) NOT NULL, "closes_at" varchar(24) NOT NULL, "set_by_id" integer, "set_on" varchar(10), "source_id" integer, "authority" varchar(30) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('open'), "met_on" varchar(10), "settled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline" ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline" ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline" ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline" ("state", "closes_at") `);
    await queryRunner.query(
      `CREATE TABLE "event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "occurred_on" varchar(10) NOT NULL, "title" varchar(500) NOT NULL, "description" text, "source_id" integer NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_slug" ON "event" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_event_occurred_on" ON "event" ("occurred_on", "slug") `);
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20) NOT NULL, "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding" ("recommendation_id", "assessor_id", "period_end") `,
    );
    await queryRunner.query(
      `CREATE TABLE "link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_id" integer NOT NULL, "to_id" integer NOT NULL, "type" varchar(20) NOT NULL, "note" text, "version" integer NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_link_to" ON "link" ("to_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link" ON "link" ("from_id", "to_id", "type") `);
    await queryRunner.query(
      `CREATE TABLE "status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40) NOT NULL, "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(`CREATE TABLE "tracker_meta" ("key" varchar(60) PRIMARY KEY NOT NULL, "value" text NOT NULL)`);
    await queryRunner.query(
      `CREATE TABLE "recommendation_topic" ("recommendation_id" integer NOT NULL, "topic_id" integer NOT NULL, PRIMARY KEY ("recommendation_id", "topic_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0842700e762efe8813536d1397" ON "recommendation_topic" ("recommendation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_08db3c7894d114c37bdd1ea485" ON "recommendation_topic" ("topic_id") `);
    await queryRunner.query(
      `CREATE TABLE "event_recommendation" ("event_id" integer NOT NULL, "recommendation_id" integer NOT NULL, PRIMARY KEY ("event_id", "recommendation_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c5dfde0fbc234e35a0b4407462" ON "event_recommendation" ("event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_90394a8bae18d8a8b3c692033a" ON "event_recommendation" ("recommendation_id") `);
    await queryRunner.query(`DROP INDEX "uq_recommendation_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_slug"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_recommendation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT (0), "source_id" integer NOT NULL, "pinpoint" varchar(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT (1), "headline_status" varchar(40) NOT NULL DEFAULT ('not_assessed'), "status_as_of" varchar(10), "next_close_at" varchar(24), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_56768bfa17786b169cc781d0e31" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_dbef684dc1af3ad6f0768a5fd76" FOREIGN KEY ("responsible_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_recommendation"("id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at") SELECT "id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at" FROM "recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "recommendation"`);
    await queryRunner.query(`ALTER TABLE "temporary_recommendation" RENAME TO "recommendation"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation" ("status_as_of") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation" ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation" ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation" ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation" ("headline_status", "slug") `);
    await queryRunner.query(`DROP INDEX "uq_deadline_slug"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_deadline" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" varchar(500) NOT NULL, "due" varchar(10) NOT NULL, "precision" varchar(10) NOT NULL, "closes_at" varchar(24) NOT NULL, "set_by_id" integer, "set_on" varchar(10), "source_id" integer, "authority" varchar(30) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('open'), "met_on" varchar(10), "settled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_6dfc706ff158c52b8ca1d1d27a7" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_b77e4f08fd62551640ae57a965f" FOREIGN KEY ("set_by_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0a1ef6338074f492875ce7dc991" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d34a1774f929d52b7601065bf97" FOREIGN KEY ("extended_by_id") REFERENCES "deadline" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_1f9d74c5fe0004930e90334740b" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_deadline"("id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at") SELECT "id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at" FROM "deadline"`,
    );
    await queryRunner.query(`DROP TABLE "deadline"`);
    await queryRunner.query(`ALTER TABLE "temporary_deadline" RENAME TO "deadline"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline" ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline" ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline" ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline" ("state", "closes_at") `);
    await queryRunner.query(`DROP INDEX "uq_event_slug"`);
    await queryRunner.query(`DROP INDEX "ix_event_occurred_on"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "occurred_on" varchar(10) NOT NULL, "title" varchar(500) NOT NULL, "description" text, "source_id" integer NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_3ac063c4d7882981e9843b067d3" FOREIGN KEY ("source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_event"("id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at") SELECT "id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at" FROM "event"`,
    );
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`ALTER TABLE "temporary_event" RENAME TO "event"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_slug" ON "event" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_event_occurred_on" ON "event" ("occurred_on", "slug") `);
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20) NOT NULL, "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL, CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
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
    await queryRunner.query(`DROP INDEX "ix_link_to"`);
    await queryRunner.query(`DROP INDEX "uq_link"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_id" integer NOT NULL, "to_id" integer NOT NULL, "type" varchar(20) NOT NULL, "note" text, "version" integer NOT NULL, CONSTRAINT "FK_619d288369d00789f99c3a83df5" FOREIGN KEY ("from_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_63d183baf6f67392cca179db1d8" FOREIGN KEY ("to_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_link"("id", "from_id", "to_id", "type", "note", "version") SELECT "id", "from_id", "to_id", "type", "note", "version" FROM "link"`,
    );
    await queryRunner.query(`DROP TABLE "link"`);
    await queryRunner.query(`ALTER TABLE "temporary_link" RENAME TO "link"`);
    await queryRunner.query(`CREATE INDEX "ix_link_to" ON "link" ("to_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link" ON "link" ("from_id", "to_id", "type") `);
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40) NOT NULL, "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0), CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION, CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted" FROM "status_change"`,
    );
    await queryRunner.query(`DROP TABLE "status_change"`);
    await queryRunner.query(`ALTER TABLE "temporary_status_change" RENAME TO "status_change"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(`DROP INDEX "IDX_0842700e762efe8813536d1397"`);
    await queryRunner.query(`DROP INDEX "IDX_08db3c7894d114c37bdd1ea485"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_recommendation_topic" ("recommendation_id" integer NOT NULL, "topic_id" integer NOT NULL, CONSTRAINT "FK_0842700e762efe8813536d13975" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "FK_08db3c7894d114c37bdd1ea4852" FOREIGN KEY ("topic_id") REFERENCES "topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE, PRIMARY KEY ("recommendation_id", "topic_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_recommendation_topic"("recommendation_id", "topic_id") SELECT "recommendation_id", "topic_id" FROM "recommendation_topic"`,
    );
    await queryRunner.query(`DROP TABLE "recommendation_topic"`);
    await queryRunner.query(`ALTER TABLE "temporary_recommendation_topic" RENAME TO "recommendation_topic"`);
    await queryRunner.query(`CREATE INDEX "IDX_0842700e762efe8813536d1397" ON "recommendation_topic" ("recommendation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_08db3c7894d114c37bdd1ea485" ON "recommendation_topic" ("topic_id") `);
    await queryRunner.query(`DROP INDEX "IDX_c5dfde0fbc234e35a0b4407462"`);
    await queryRunner.query(`DROP INDEX "IDX_90394a8bae18d8a8b3c692033a"`);
    await queryRunner.query(
      `CREATE TABLE "temporary_event_recommendation" ("event_id" integer NOT NULL, "recommendation_id" integer NOT NULL, CONSTRAINT "FK_c5dfde0fbc234e35a0b44074624" FOREIGN KEY ("event_id") REFERENCES "event" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "FK_90394a8bae18d8a8b3c692033a5" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation" ("id") ON DELETE CASCADE ON UPDATE CASCADE, PRIMARY KEY ("event_id", "recommendation_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "temporary_event_recommendation"("event_id", "recommendation_id") SELECT "event_id", "recommendation_id" FROM "event_recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "event_recommendation"`);
    await queryRunner.query(`ALTER TABLE "temporary_event_recommendation" RENAME TO "event_recommendation"`);
    await queryRunner.query(`CREATE INDEX "IDX_c5dfde0fbc234e35a0b4407462" ON "event_recommendation" ("event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_90394a8bae18d8a8b3c692033a" ON "event_recommendation" ("recommendation_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_90394a8bae18d8a8b3c692033a"`);
    await queryRunner.query(`DROP INDEX "IDX_c5dfde0fbc234e35a0b4407462"`);
    await queryRunner.query(`ALTER TABLE "event_recommendation" RENAME TO "temporary_event_recommendation"`);
    await queryRunner.query(
      `CREATE TABLE "event_recommendation" ("event_id" integer NOT NULL, "recommendation_id" integer NOT NULL, PRIMARY KEY ("event_id", "recommendation_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "event_recommendation"("event_id", "recommendation_id") SELECT "event_id", "recommendation_id" FROM "temporary_event_recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_event_recommendation"`);
    await queryRunner.query(`CREATE INDEX "IDX_90394a8bae18d8a8b3c692033a" ON "event_recommendation" ("recommendation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_c5dfde0fbc234e35a0b4407462" ON "event_recommendation" ("event_id") `);
    await queryRunner.query(`DROP INDEX "IDX_08db3c7894d114c37bdd1ea485"`);
    await queryRunner.query(`DROP INDEX "IDX_0842700e762efe8813536d1397"`);
    await queryRunner.query(`ALTER TABLE "recommendation_topic" RENAME TO "temporary_recommendation_topic"`);
    await queryRunner.query(
      `CREATE TABLE "recommendation_topic" ("recommendation_id" integer NOT NULL, "topic_id" integer NOT NULL, PRIMARY KEY ("recommendation_id", "topic_id"))`,
    );
    await queryRunner.query(
      `INSERT INTO "recommendation_topic"("recommendation_id", "topic_id") SELECT "recommendation_id", "topic_id" FROM "temporary_recommendation_topic"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_recommendation_topic"`);
    await queryRunner.query(`CREATE INDEX "IDX_08db3c7894d114c37bdd1ea485" ON "recommendation_topic" ("topic_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_0842700e762efe8813536d1397" ON "recommendation_topic" ("recommendation_id") `);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(`ALTER TABLE "status_change" RENAME TO "temporary_status_change"`);
    await queryRunner.query(
      `CREATE TABLE "status_change" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" varchar(40) NOT NULL, "effective_on" varchar(10) NOT NULL, "effective_precision" varchar(10) NOT NULL DEFAULT ('day'), "recorded_at" varchar(24) NOT NULL, "assessor_id" integer NOT NULL, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "recorded_by" varchar(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT (0))`,
    );
    await queryRunner.query(
      `INSERT INTO "status_change"("id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted") SELECT "id", "slug", "recommendation_id", "status", "effective_on", "effective_precision", "recorded_at", "assessor_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "recorded_by", "retracts_id", "retracted" FROM "temporary_status_change"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_status_change"`);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change" ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change" ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change" ("recorded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change" ("retracts_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change" ("slug") `);
    await queryRunner.query(`DROP INDEX "uq_link"`);
    await queryRunner.query(`DROP INDEX "ix_link_to"`);
    await queryRunner.query(`ALTER TABLE "link" RENAME TO "temporary_link"`);
    await queryRunner.query(
      `CREATE TABLE "link" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "from_id" integer NOT NULL, "to_id" integer NOT NULL, "type" varchar(20) NOT NULL, "note" text, "version" integer NOT NULL)`,
    );
    await queryRunner.query(
      `INSERT INTO "link"("id", "from_id", "to_id", "type", "note", "version") SELECT "id", "from_id", "to_id", "type", "note", "version" FROM "temporary_link"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_link"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link" ON "link" ("from_id", "to_id", "type") `);
    await queryRunner.query(`CREATE INDEX "ix_link_to" ON "link" ("to_id") `);
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(`ALTER TABLE "finding" RENAME TO "temporary_finding"`);
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" varchar(10) NOT NULL, "period_end" varchar(10) NOT NULL, "level" varchar(20) NOT NULL, "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" varchar(24) NOT NULL, "recorded_by" varchar(120) NOT NULL)`,
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
    await queryRunner.query(`DROP INDEX "ix_event_occurred_on"`);
    await queryRunner.query(`DROP INDEX "uq_event_slug"`);
    await queryRunner.query(`ALTER TABLE "event" RENAME TO "temporary_event"`);
    await queryRunner.query(
      `CREATE TABLE "event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "occurred_on" varchar(10) NOT NULL, "title" varchar(500) NOT NULL, "description" text, "source_id" integer NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "event"("id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at") SELECT "id", "slug", "occurred_on", "title", "description", "source_id", "version", "created_at", "updated_at" FROM "temporary_event"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_event"`);
    await queryRunner.query(`CREATE INDEX "ix_event_occurred_on" ON "event" ("occurred_on", "slug") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_slug" ON "event" ("slug") `);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "uq_deadline_slug"`);
    await queryRunner.query(`ALTER TABLE "deadline" RENAME TO "temporary_deadline"`);
    await queryRunner.query(
      `CREATE TABLE "deadline" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" varchar(500) NOT NULL, "due" varchar(10) NOT NULL, "precision" varchar(10) NOT NULL, "closes_at" varchar(24) NOT NULL, "set_by_id" integer, "set_on" varchar(10), "source_id" integer, "authority" varchar(30) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('open'), "met_on" varchar(10), "settled_on" varchar(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_url" varchar(2000), "evidence_excerpt" text, "evidence_pinpoint" varchar(200), "note" text, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "deadline"("id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at") SELECT "id", "slug", "recommendation_id", "label", "due", "precision", "closes_at", "set_by_id", "set_on", "source_id", "authority", "state", "met_on", "settled_on", "extended_by_id", "evidence_source_id", "evidence_url", "evidence_excerpt", "evidence_pinpoint", "note", "version", "created_at", "updated_at" FROM "temporary_deadline"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_deadline"`);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline" ("state", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline" ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline" ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline" ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline" ("slug") `);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "uq_recommendation_slug"`);
    await queryRunner.query(`ALTER TABLE "recommendation" RENAME TO "temporary_recommendation"`);
    await queryRunner.query(
      `CREATE TABLE "recommendation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" varchar(160) NOT NULL, "kind" varchar(40) NOT NULL, "title" varchar(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT (0), "source_id" integer NOT NULL, "pinpoint" varchar(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT (1), "headline_status" varchar(40) NOT NULL DEFAULT ('not_assessed'), "status_as_of" varchar(10), "next_close_at" varchar(24), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime('now')), "updated_at" datetime NOT NULL DEFAULT (datetime('now')))`,
    );
    await queryRunner.query(
      `INSERT INTO "recommendation"("id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at") SELECT "id", "slug", "kind", "title", "text", "text_is_verbatim", "source_id", "pinpoint", "responsible_id", "weight", "headline_status", "status_as_of", "next_close_at", "version", "created_at", "updated_at" FROM "temporary_recommendation"`,
    );
    await queryRunner.query(`DROP TABLE "temporary_recommendation"`);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation" ("headline_status", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation" ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation" ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation" ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation" ("status_as_of") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation" ("slug") `);
    await queryRunner.query(`DROP INDEX "IDX_90394a8bae18d8a8b3c692033a"`);
    await queryRunner.query(`DROP INDEX "IDX_c5dfde0fbc234e35a0b4407462"`);
    await queryRunner.query(`DROP TABLE "event_recommendation"`);
    await queryRunner.query(`DROP INDEX "IDX_08db3c7894d114c37bdd1ea485"`);
    await queryRunner.query(`DROP INDEX "IDX_0842700e762efe8813536d1397"`);
    await queryRunner.query(`DROP TABLE "recommendation_topic"`);
    await queryRunner.query(`DROP TABLE "tracker_meta"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_rec_assessor"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "uq_status_change_slug"`);
    await queryRunner.query(`DROP TABLE "status_change"`);
    await queryRunner.query(`DROP INDEX "uq_link"`);
    await queryRunner.query(`DROP INDEX "ix_link_to"`);
    await queryRunner.query(`DROP TABLE "link"`);
    await queryRunner.query(`DROP INDEX "ix_finding_rec_period"`);
    await queryRunner.query(`DROP INDEX "ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "uq_finding_slug"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP INDEX "ix_event_occurred_on"`);
    await queryRunner.query(`DROP INDEX "uq_event_slug"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_state_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "uq_deadline_slug"`);
    await queryRunner.query(`DROP TABLE "deadline"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "uq_recommendation_slug"`);
    await queryRunner.query(`DROP TABLE "recommendation"`);
    await queryRunner.query(`DROP INDEX "uq_topic_slug"`);
    await queryRunner.query(`DROP TABLE "topic"`);
    await queryRunner.query(`DROP INDEX "ix_source_kind"`);
    await queryRunner.query(`DROP INDEX "uq_source_slug"`);
    await queryRunner.query(`DROP TABLE "source"`);
    await queryRunner.query(`DROP INDEX "uq_actor_slug"`);
    await queryRunner.query(`DROP TABLE "actor"`);
  }
}
