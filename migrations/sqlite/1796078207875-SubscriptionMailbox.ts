import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * subscription.mailbox: the inbox an address reaches (lower-cased, +tag removed, dots removed for
 * Gmail), which the confirmation throttle and the suppression list go by. Hand-written as ADD COLUMN
 * rather than a table rebuild, so nothing that references subscriptions is touched; existing rows are
 * backfilled with the same rule as mailboxOf() in src/notifications/subscription-rules.ts (copied
 * here, so this migration means the same thing whatever that function becomes).
 */
function mailboxOf(emailNormalized: string): string {
  const at = emailNormalized.lastIndexOf('@');
  if (at < 1) return emailNormalized;
  let local = emailNormalized.slice(0, at);
  let domain = emailNormalized.slice(at + 1);
  if (!local.startsWith('"')) {
    const plus = local.indexOf('+');
    if (plus > 0) local = local.slice(0, plus);
  }
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com' && !local.startsWith('"')) local = local.replace(/\./g, '');
  return `${local}@${domain}`;
}

export class SubscriptionMailbox1796078207875 implements MigrationInterface {
  name = 'SubscriptionMailbox1796078207875';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subscription" ADD COLUMN "mailbox" varchar(320)`);
    await queryRunner.query(`CREATE INDEX "ix_subscription_mailbox" ON "subscription" ("mailbox") `);
    const rows: Array<{ id: number; email: string }> = await queryRunner.query(
      `SELECT id AS "id", email_normalized AS "email" FROM "subscription"`,
    );
    for (const r of rows)
      await queryRunner.query(`UPDATE "subscription" SET "mailbox" = ? WHERE id = ?`, [mailboxOf(r.email), r.id]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "ix_subscription_mailbox"`);
    await queryRunner.query(`ALTER TABLE "subscription" DROP COLUMN "mailbox"`);
  }
}
