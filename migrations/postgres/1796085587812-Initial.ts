import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1796085587812 implements MigrationInterface {
  name = 'Initial1796085587812';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "actor" ("id" SERIAL NOT NULL, "slug" character varying(120) NOT NULL, "name" character varying(300) NOT NULL, "kind" character varying(40) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_05b325494fcc996a44ae6928e5e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_actor_slug" ON "actor"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "source" ("id" SERIAL NOT NULL, "slug" character varying(120) NOT NULL, "title" character varying(500) NOT NULL, "kind" character varying(40) NOT NULL, "publisher" character varying(300), "published_on" character varying(10), "url" character varying(2000), "archived_url" character varying(2000), "note" text, "version" integer NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_018c433f8264b58c86363eaadde" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_source_slug" ON "source"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_source_kind" ON "source"  ("kind") `);
    await queryRunner.query(
      `CREATE TABLE "topic" ("id" SERIAL NOT NULL, "slug" character varying(120) NOT NULL, "name" character varying(200) NOT NULL, CONSTRAINT "PK_33aa4ecb4e4f20aa0157ea7ef61" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_topic_slug" ON "topic"  ("slug") `);
    await queryRunner.query(
      `CREATE TABLE "recommendation" ("id" SERIAL NOT NULL, "slug" character varying(160) NOT NULL, "kind" character varying(40) NOT NULL, "title" character varying(500) NOT NULL, "text" text NOT NULL, "text_is_verbatim" boolean NOT NULL DEFAULT false, "text_via_id" integer, "issued_on" character varying(10), "issued_precision" character varying(10) NOT NULL DEFAULT 'day', "source_id" integer NOT NULL, "pinpoint" character varying(200), "responsible_id" integer, "weight" real NOT NULL DEFAULT '1', "headline_status" character varying(40) NOT NULL DEFAULT 'not_assessed', "status_as_of" character varying(10), "next_close_at" character varying(24), "reviewed_on" character varying(10), "version" integer NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_17cb51984a6627ef2ce7370e23c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_recommendation_slug" ON "recommendation"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_weight" ON "recommendation"  ("headline_status", "weight") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_reviewed_on" ON "recommendation"  ("reviewed_on") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_as_of" ON "recommendation"  ("status_as_of") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_responsible_slug" ON "recommendation"  ("responsible_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_source_slug" ON "recommendation"  ("source_id", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_kind_slug" ON "recommendation"  ("kind", "slug") `);
    await queryRunner.query(`CREATE INDEX "ix_recommendation_status_slug" ON "recommendation"  ("headline_status", "slug") `);
    await queryRunner.query(
      `CREATE TABLE "deadline" ("id" SERIAL NOT NULL, "slug" character varying(200) NOT NULL, "recommendation_id" integer NOT NULL, "label" character varying(500) NOT NULL, "label_is_verbatim" boolean NOT NULL DEFAULT false, "label_attribution" character varying(300), "date_inferred" text, "due" character varying(10) NOT NULL, "precision" character varying(10) NOT NULL, "closes_at" character varying(24) NOT NULL, "set_by_id" integer, "set_on" character varying(10), "source_id" integer, "authority" character varying(30) NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'open', "met_on" character varying(10), "fulfilled_on" character varying(10), "settled_on" character varying(10), "extended_by_id" integer, "note" text, "version" integer NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" character varying(2000), "evidence_excerpt" text, "evidence_pinpoint" character varying(200), CONSTRAINT "PK_9b68db28fc035ed8a84691bfbaf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_deadline_slug" ON "deadline"  ("slug") `);
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_state_close_rec" ON "deadline"  ("state", "closes_at", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_rec_state_close" ON "deadline"  ("recommendation_id", "state", "closes_at") `,
    );
    await queryRunner.query(`CREATE INDEX "ix_deadline_extended_by" ON "deadline"  ("extended_by_id") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_set_by" ON "deadline"  ("set_by_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_recommendation" ON "deadline"  ("recommendation_id", "closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_close" ON "deadline"  ("closes_at") `);
    await queryRunner.query(`CREATE INDEX "ix_deadline_state_close" ON "deadline"  ("state", "closes_at") `);
    await queryRunner.query(
      `CREATE TABLE "link" ("id" SERIAL NOT NULL, "from_id" integer NOT NULL, "to_id" integer NOT NULL, "type" character varying(20) NOT NULL, "note" text, "version" integer NOT NULL, "recorded_at" character varying(24) NOT NULL DEFAULT to_char((now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), CONSTRAINT "PK_26206fb7186da72fbb9eaa3fac9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_link_to" ON "link"  ("to_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_link" ON "link"  ("from_id", "to_id", "type") `);
    await queryRunner.query(
      `CREATE TABLE "api_key" ("id" SERIAL NOT NULL, "name" character varying(120) NOT NULL, "role" character varying(20) NOT NULL, "key_hash" character varying(64) NOT NULL, "key_prefix" character varying(16) NOT NULL, "created_at" character varying(24) NOT NULL, "revoked_at" character varying(24), "last_used_at" character varying(24), CONSTRAINT "PK_b1bd840641b8acbaad89c3d8d11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_name" ON "api_key"  ("name") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_api_key_hash" ON "api_key"  ("key_hash") `);
    await queryRunner.query(
      `CREATE TABLE "status_change" ("id" SERIAL NOT NULL, "slug" character varying(200) NOT NULL, "recommendation_id" integer NOT NULL, "status" character varying(40), "effective_on" character varying(10) NOT NULL, "effective_precision" character varying(10) NOT NULL DEFAULT 'day', "recorded_at" character varying(24) NOT NULL, "assessor_id" integer NOT NULL, "date_inferred" text, "note" text, "recorded_by" character varying(120) NOT NULL, "retracts_id" integer, "retracted" boolean NOT NULL DEFAULT false, "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" character varying(2000), "evidence_excerpt" text, "evidence_pinpoint" character varying(200), CONSTRAINT "PK_c24e2142db7320c7da70a806f45" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_status_change_slug" ON "status_change"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_retracts" ON "status_change"  ("retracts_id") `);
    await queryRunner.query(`CREATE INDEX "ix_status_change_recorded_at" ON "status_change"  ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_assessor_rec" ON "status_change"  ("assessor_id", "recommendation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_status_change_rec_assessor" ON "status_change"  ("recommendation_id", "assessor_id", "effective_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_entry" ("id" SERIAL NOT NULL, "at" character varying(24) NOT NULL, "key_name" character varying(120) NOT NULL, "action" character varying(40) NOT NULL, "entity" character varying(40) NOT NULL, "entity_id" integer, "entity_slug" character varying(200), "before" text, "after" text, "request_id" character varying(100), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_at" ON "audit_entry"  ("at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_key" ON "audit_entry"  ("key_name", "at") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_entity" ON "audit_entry"  ("entity", "entity_id", "at") `);
    await queryRunner.query(
      `CREATE TABLE "deadline_revision" ("id" SERIAL NOT NULL, "deadline_id" integer NOT NULL, "recorded_at" character varying(24) NOT NULL, "state" character varying(20) NOT NULL, "met_on" character varying(10), "settled_on" character varying(10), "fulfilled_on" character varying(10), "extended_by_id" integer, "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" character varying(2000), "evidence_excerpt" text, "evidence_pinpoint" character varying(200), "note" text, "version" integer NOT NULL, CONSTRAINT "PK_a825f14ba1645ce7bab2bfd9107" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_deadline_revision_deadline" ON "deadline_revision"  ("deadline_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "event" ("id" SERIAL NOT NULL, "slug" character varying(160) NOT NULL, "occurred_on" character varying(10) NOT NULL, "date_inferred" text, "title" character varying(500) NOT NULL, "description" text, "source_id" integer NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), "updated_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_event_slug" ON "event"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_event_occurred_on" ON "event"  ("occurred_on", "slug") `);
    await queryRunner.query(
      `CREATE TABLE "finding" ("id" SERIAL NOT NULL, "slug" character varying(200) NOT NULL, "recommendation_id" integer NOT NULL, "assessor_id" integer NOT NULL, "report_id" integer NOT NULL, "period_start" character varying(10) NOT NULL, "period_end" character varying(10) NOT NULL, "filed_on" character varying(10), "level" character varying(20), "deadline_met" boolean, "summary" text NOT NULL, "recorded_at" character varying(24) NOT NULL, "recorded_by" character varying(120) NOT NULL, CONSTRAINT "PK_a904dfcf401ccfbaa60bb6eec29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_finding_slug" ON "finding"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_finding_recorded_at" ON "finding"  ("recorded_at") `);
    await queryRunner.query(
      `CREATE INDEX "ix_finding_rec_period" ON "finding"  ("recommendation_id", "assessor_id", "period_end") `,
    );
    await queryRunner.query(
      `CREATE TABLE "subscription" ("id" SERIAL NOT NULL, "email" character varying(320) NOT NULL, "email_normalized" character varying(320) NOT NULL, "mailbox" character varying(320), "filter" text NOT NULL, "triggers" text NOT NULL, "reminder_days" text NOT NULL, "digest" character varying(10) NOT NULL DEFAULT 'none', "settings_key" character varying(64) NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'pending', "created_at" character varying(24) NOT NULL, "confirmed_at" character varying(24), "unsubscribed_at" character varying(24), CONSTRAINT "PK_8c3e00ebd02103caa1174cd5d9d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subscription_mailbox" ON "subscription"  ("mailbox") `);
    await queryRunner.query(`CREATE INDEX "ix_subscription_state" ON "subscription"  ("state") `);
    await queryRunner.query(
      `CREATE INDEX "ix_subscription_email_settings" ON "subscription"  ("email_normalized", "settings_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "subscription_token" ("id" SERIAL NOT NULL, "subscription_id" integer NOT NULL, "purpose" character varying(10) NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" character varying(24) NOT NULL, "expires_at" character varying(24), "used_at" character varying(24), CONSTRAINT "PK_c0c0456595128479e0a6bfe0579" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_subscription_token_hash" ON "subscription_token"  ("token_hash") `);
    await queryRunner.query(
      `CREATE INDEX "ix_subscription_token_subscription" ON "subscription_token"  ("subscription_id", "purpose") `,
    );
    await queryRunner.query(
      `CREATE TABLE "suppression" ("id" SERIAL NOT NULL, "mailbox_hash" character varying(64) NOT NULL, "reason" character varying(20) NOT NULL, "note" text, "created_by" character varying(100) NOT NULL, "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_6cdb9d5d3bd43881a7072964b56" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_suppression_mailbox_hash" ON "suppression"  ("mailbox_hash") `);
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" SERIAL NOT NULL, "subscription_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "dedupe_key" character varying(200) NOT NULL, "state" character varying(20) NOT NULL DEFAULT 'pending', "deadline_id" integer, "status_change_id" integer, "finding_id" integer, "reminder_days" integer, "digest_date" character varying(10), "digest_id" integer, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" character varying(24) NOT NULL, "lease_until" character varying(24), "leased_by" character varying(100), "last_error" text, "message_id" character varying(300), "sent_at" character varying(24), "created_at" character varying(24) NOT NULL, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_dedupe_key" ON "notification"  ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_digest" ON "notification"  ("digest_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_deadline" ON "notification"  ("deadline_id", "state") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_subscription" ON "notification"  ("subscription_id", "state") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_lease" ON "notification"  ("state", "lease_until") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_due" ON "notification"  ("state", "next_attempt_at") `);
    await queryRunner.query(
      `CREATE TABLE "notification_cursor" ("name" character varying(40) NOT NULL, "last_id" integer NOT NULL DEFAULT '0', "updated_at" character varying(24) NOT NULL, CONSTRAINT "PK_e8fda2f50b1fd0860a05286f5bf" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "review" ("id" SERIAL NOT NULL, "slug" character varying(200) NOT NULL, "recommendation_id" integer NOT NULL, "reviewed_on" character varying(10) NOT NULL, "reviewer_id" integer NOT NULL, "note" text, "recorded_at" character varying(24) NOT NULL, "recorded_by" character varying(120) NOT NULL, "evidence_source_id" integer, "evidence_via_id" integer, "evidence_url" character varying(2000), "evidence_excerpt" text, "evidence_pinpoint" character varying(200), CONSTRAINT "PK_2e4299a343a81574217255c00ca" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_review_slug" ON "review"  ("slug") `);
    await queryRunner.query(`CREATE INDEX "ix_review_recorded_at" ON "review"  ("recorded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_review_rec_reviewed" ON "review"  ("recommendation_id", "reviewed_on") `);
    await queryRunner.query(
      `CREATE TABLE "tracker_meta" ("key" character varying(60) NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_db5c8fb7492c7867e3cc34ddeaa" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "recommendation_topic" ("recommendation_id" integer NOT NULL, "topic_id" integer NOT NULL, CONSTRAINT "PK_a3a7180841f9b67016431b4fa01" PRIMARY KEY ("recommendation_id", "topic_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_0842700e762efe8813536d1397" ON "recommendation_topic"  ("recommendation_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_08db3c7894d114c37bdd1ea485" ON "recommendation_topic"  ("topic_id") `);
    await queryRunner.query(
      `CREATE TABLE "event_recommendation" ("event_id" integer NOT NULL, "recommendation_id" integer NOT NULL, CONSTRAINT "PK_fb6b39862d525a407ad1ab16dd0" PRIMARY KEY ("event_id", "recommendation_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_c5dfde0fbc234e35a0b4407462" ON "event_recommendation"  ("event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_90394a8bae18d8a8b3c692033a" ON "event_recommendation"  ("recommendation_id") `);
    await queryRunner.query(
      `ALTER TABLE "recommendation" ADD CONSTRAINT "FK_c524c66b5c656dcc2fec121ce81" FOREIGN KEY ("text_via_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation" ADD CONSTRAINT "FK_56768bfa17786b169cc781d0e31" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation" ADD CONSTRAINT "FK_dbef684dc1af3ad6f0768a5fd76" FOREIGN KEY ("responsible_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_6dfc706ff158c52b8ca1d1d27a7" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_b77e4f08fd62551640ae57a965f" FOREIGN KEY ("set_by_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_0a1ef6338074f492875ce7dc991" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_d34a1774f929d52b7601065bf97" FOREIGN KEY ("extended_by_id") REFERENCES "deadline"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_1f9d74c5fe0004930e90334740b" FOREIGN KEY ("evidence_source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "deadline" ADD CONSTRAINT "FK_b9ca0946d2f4c26c327130635a6" FOREIGN KEY ("evidence_via_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link" ADD CONSTRAINT "FK_619d288369d00789f99c3a83df5" FOREIGN KEY ("from_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "link" ADD CONSTRAINT "FK_63d183baf6f67392cca179db1d8" FOREIGN KEY ("to_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "FK_564052f35555b2cbe4db5b979f1" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9" FOREIGN KEY ("assessor_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "FK_2775202df246be8785c1aeaa9c9" FOREIGN KEY ("retracts_id") REFERENCES "status_change"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274" FOREIGN KEY ("evidence_source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "status_change" ADD CONSTRAINT "FK_403750f78ae2eeeb5e9f6f7874f" FOREIGN KEY ("evidence_via_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "event" ADD CONSTRAINT "FK_3ac063c4d7882981e9843b067d3" FOREIGN KEY ("source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "FK_d7cae7fb6528df98b46084a911a" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b" FOREIGN KEY ("assessor_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding" ADD CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16" FOREIGN KEY ("report_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "subscription_token" ADD CONSTRAINT "FK_d9bb3aa6d130dafe6584e0bd5b4" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification" ADD CONSTRAINT "FK_d5c0b2efb91da0d584fddab9542" FOREIGN KEY ("subscription_id") REFERENCES "subscription"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_7a89124a0bf788c3e9efa430a8c" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_2f8adca6682f8238c64d767c9d3" FOREIGN KEY ("reviewer_id") REFERENCES "actor"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_ad69b2a0623f771dcd6e56bf53c" FOREIGN KEY ("evidence_source_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "review" ADD CONSTRAINT "FK_5df822fdc6cc0828a160658856e" FOREIGN KEY ("evidence_via_id") REFERENCES "source"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_topic" ADD CONSTRAINT "FK_0842700e762efe8813536d13975" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "recommendation_topic" ADD CONSTRAINT "FK_08db3c7894d114c37bdd1ea4852" FOREIGN KEY ("topic_id") REFERENCES "topic"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_recommendation" ADD CONSTRAINT "FK_c5dfde0fbc234e35a0b44074624" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "event_recommendation" ADD CONSTRAINT "FK_90394a8bae18d8a8b3c692033a5" FOREIGN KEY ("recommendation_id") REFERENCES "recommendation"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "event_recommendation" DROP CONSTRAINT "FK_90394a8bae18d8a8b3c692033a5"`);
    await queryRunner.query(`ALTER TABLE "event_recommendation" DROP CONSTRAINT "FK_c5dfde0fbc234e35a0b44074624"`);
    await queryRunner.query(`ALTER TABLE "recommendation_topic" DROP CONSTRAINT "FK_08db3c7894d114c37bdd1ea4852"`);
    await queryRunner.query(`ALTER TABLE "recommendation_topic" DROP CONSTRAINT "FK_0842700e762efe8813536d13975"`);
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_5df822fdc6cc0828a160658856e"`);
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_ad69b2a0623f771dcd6e56bf53c"`);
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_2f8adca6682f8238c64d767c9d3"`);
    await queryRunner.query(`ALTER TABLE "review" DROP CONSTRAINT "FK_7a89124a0bf788c3e9efa430a8c"`);
    await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_d5c0b2efb91da0d584fddab9542"`);
    await queryRunner.query(`ALTER TABLE "subscription_token" DROP CONSTRAINT "FK_d9bb3aa6d130dafe6584e0bd5b4"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "FK_cf6b8c079682a2a01e4ca98df16"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "FK_d13dc9a2cae58b07a42ad43679b"`);
    await queryRunner.query(`ALTER TABLE "finding" DROP CONSTRAINT "FK_d7cae7fb6528df98b46084a911a"`);
    await queryRunner.query(`ALTER TABLE "event" DROP CONSTRAINT "FK_3ac063c4d7882981e9843b067d3"`);
    await queryRunner.query(`ALTER TABLE "status_change" DROP CONSTRAINT "FK_403750f78ae2eeeb5e9f6f7874f"`);
    await queryRunner.query(`ALTER TABLE "status_change" DROP CONSTRAINT "FK_c0f71ab5b0909b67b61dc533274"`);
    await queryRunner.query(`ALTER TABLE "status_change" DROP CONSTRAINT "FK_2775202df246be8785c1aeaa9c9"`);
    await queryRunner.query(`ALTER TABLE "status_change" DROP CONSTRAINT "FK_0282fedd49e6d3ff8420689d6b9"`);
    await queryRunner.query(`ALTER TABLE "status_change" DROP CONSTRAINT "FK_564052f35555b2cbe4db5b979f1"`);
    await queryRunner.query(`ALTER TABLE "link" DROP CONSTRAINT "FK_63d183baf6f67392cca179db1d8"`);
    await queryRunner.query(`ALTER TABLE "link" DROP CONSTRAINT "FK_619d288369d00789f99c3a83df5"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_b9ca0946d2f4c26c327130635a6"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_1f9d74c5fe0004930e90334740b"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_d34a1774f929d52b7601065bf97"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_0a1ef6338074f492875ce7dc991"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_b77e4f08fd62551640ae57a965f"`);
    await queryRunner.query(`ALTER TABLE "deadline" DROP CONSTRAINT "FK_6dfc706ff158c52b8ca1d1d27a7"`);
    await queryRunner.query(`ALTER TABLE "recommendation" DROP CONSTRAINT "FK_dbef684dc1af3ad6f0768a5fd76"`);
    await queryRunner.query(`ALTER TABLE "recommendation" DROP CONSTRAINT "FK_56768bfa17786b169cc781d0e31"`);
    await queryRunner.query(`ALTER TABLE "recommendation" DROP CONSTRAINT "FK_c524c66b5c656dcc2fec121ce81"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_90394a8bae18d8a8b3c692033a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c5dfde0fbc234e35a0b4407462"`);
    await queryRunner.query(`DROP TABLE "event_recommendation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_08db3c7894d114c37bdd1ea485"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0842700e762efe8813536d1397"`);
    await queryRunner.query(`DROP TABLE "recommendation_topic"`);
    await queryRunner.query(`DROP TABLE "tracker_meta"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_rec_reviewed"`);
    await queryRunner.query(`DROP INDEX "public"."ix_review_recorded_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_review_slug"`);
    await queryRunner.query(`DROP TABLE "review"`);
    await queryRunner.query(`DROP TABLE "notification_cursor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_due"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_lease"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_subscription"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_deadline"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_digest"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_dedupe_key"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "public"."uq_suppression_mailbox_hash"`);
    await queryRunner.query(`DROP TABLE "suppression"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subscription_token_subscription"`);
    await queryRunner.query(`DROP INDEX "public"."uq_subscription_token_hash"`);
    await queryRunner.query(`DROP TABLE "subscription_token"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subscription_email_settings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subscription_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subscription_mailbox"`);
    await queryRunner.query(`DROP TABLE "subscription"`);
    await queryRunner.query(`DROP INDEX "public"."ix_finding_rec_period"`);
    await queryRunner.query(`DROP INDEX "public"."ix_finding_recorded_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_finding_slug"`);
    await queryRunner.query(`DROP TABLE "finding"`);
    await queryRunner.query(`DROP INDEX "public"."ix_event_occurred_on"`);
    await queryRunner.query(`DROP INDEX "public"."uq_event_slug"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_revision_deadline"`);
    await queryRunner.query(`DROP TABLE "deadline_revision"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entity"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_key"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_at"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_change_rec_assessor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_change_assessor_rec"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_change_recorded_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_status_change_retracts"`);
    await queryRunner.query(`DROP INDEX "public"."uq_status_change_slug"`);
    await queryRunner.query(`DROP TABLE "status_change"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_key_hash"`);
    await queryRunner.query(`DROP INDEX "public"."uq_api_key_name"`);
    await queryRunner.query(`DROP TABLE "api_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_link"`);
    await queryRunner.query(`DROP INDEX "public"."ix_link_to"`);
    await queryRunner.query(`DROP TABLE "link"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_state_close"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_close"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_recommendation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_set_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_extended_by"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_rec_state_close"`);
    await queryRunner.query(`DROP INDEX "public"."ix_deadline_state_close_rec"`);
    await queryRunner.query(`DROP INDEX "public"."uq_deadline_slug"`);
    await queryRunner.query(`DROP TABLE "deadline"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_status_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_kind_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_source_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_responsible_slug"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_status_as_of"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_reviewed_on"`);
    await queryRunner.query(`DROP INDEX "public"."ix_recommendation_status_weight"`);
    await queryRunner.query(`DROP INDEX "public"."uq_recommendation_slug"`);
    await queryRunner.query(`DROP TABLE "recommendation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_topic_slug"`);
    await queryRunner.query(`DROP TABLE "topic"`);
    await queryRunner.query(`DROP INDEX "public"."ix_source_kind"`);
    await queryRunner.query(`DROP INDEX "public"."uq_source_slug"`);
    await queryRunner.query(`DROP TABLE "source"`);
    await queryRunner.query(`DROP INDEX "public"."uq_actor_slug"`);
    await queryRunner.query(`DROP TABLE "actor"`);
  }
}
