import { MigrationInterface, QueryRunner } from 'typeorm';

/** Subscriptions, their link tokens (hashes only), the notification outbox and the scan cursors. */
export class NotificationsAndSubscriptions1795224486680 implements MigrationInterface {
  name = 'NotificationsAndSubscriptions1795224486680';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subscription" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(320) NOT NULL, "email_normalized" varchar(320) NOT NULL, "filter" text NOT NULL, "triggers" text NOT NULL, "reminder_days" text NOT NULL, "digest" varchar(10) NOT NULL DEFAULT ('none'), "settings_key" varchar(64) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('pending'), "created_at" varchar(24) NOT NULL, "confirmed_at" varchar(24), "unsubscribed_at" varchar(24))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_subscription_state" ON "subscription" ("state") `);
    await queryRunner.query(
      `CREATE INDEX "ix_subscription_email_settings" ON "subscription" ("email_normalized", "settings_key") `,
    );
    await queryRunner.query(
      `CREATE TABLE "subscription_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "subscription_id" integer NOT NULL, "purpose" varchar(10) NOT NULL, "token_hash" varchar(64) NOT NULL, "created_at" varchar(24) NOT NULL, "expires_at" varchar(24), "used_at" varchar(24), CONSTRAINT "FK_d9bb3aa6d130dafe6584e0bd5b4" FOREIGN KEY ("subscription_id") REFERENCES "subscription" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_subscription_token_hash" ON "subscription_token" ("token_hash") `);
    await queryRunner.query(
      `CREATE INDEX "ix_subscription_token_subscription" ON "subscription_token" ("subscription_id", "purpose") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "subscription_id" integer NOT NULL, "kind" varchar(20) NOT NULL, "dedupe_key" varchar(200) NOT NULL, "state" varchar(20) NOT NULL DEFAULT ('pending'), "deadline_id" integer, "status_change_id" integer, "finding_id" integer, "reminder_days" integer, "digest_date" varchar(10), "digest_id" integer, "attempts" integer NOT NULL DEFAULT (0), "next_attempt_at" varchar(24) NOT NULL, "lease_until" varchar(24), "leased_by" varchar(100), "last_error" text, "message_id" varchar(300), "sent_at" varchar(24), "created_at" varchar(24) NOT NULL, CONSTRAINT "FK_d5c0b2efb91da0d584fddab9542" FOREIGN KEY ("subscription_id") REFERENCES "subscription" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_dedupe_key" ON "notification" ("dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_digest" ON "notification" ("digest_id") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_deadline" ON "notification" ("deadline_id", "state") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_subscription" ON "notification" ("subscription_id", "state") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_lease" ON "notification" ("state", "lease_until") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_due" ON "notification" ("state", "next_attempt_at") `);
    await queryRunner.query(
      `CREATE TABLE "notification_cursor" ("name" varchar(40) PRIMARY KEY NOT NULL, "last_id" integer NOT NULL DEFAULT (0), "updated_at" varchar(24) NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_cursor"`);
    await queryRunner.query(`DROP INDEX "uq_notification_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "ix_notification_digest"`);
    await queryRunner.query(`DROP INDEX "ix_notification_deadline"`);
    await queryRunner.query(`DROP INDEX "ix_notification_subscription"`);
    await queryRunner.query(`DROP INDEX "ix_notification_lease"`);
    await queryRunner.query(`DROP INDEX "ix_notification_due"`);
    await queryRunner.query(`DROP TABLE "notification"`);
    await queryRunner.query(`DROP INDEX "uq_subscription_token_hash"`);
    await queryRunner.query(`DROP INDEX "ix_subscription_token_subscription"`);
    await queryRunner.query(`DROP TABLE "subscription_token"`);
    await queryRunner.query(`DROP INDEX "ix_subscription_state"`);
    await queryRunner.query(`DROP INDEX "ix_subscription_email_settings"`);
    await queryRunner.query(`DROP TABLE "subscription"`);
  }
}
