/**
 * The SQL of subscriptions, their tokens, the suppression list and the lookups the subscription pages need.
 *
 *
 * Statements run through database/raw-statements.ts, in the caller's transaction (Transactions.run in
 * database/transactions.ts, started by the service where the unit of work begins) when there is one.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RawStatements } from '../database/raw-statements';
import type { DigestMode, SubscriptionFilter, SubscriptionState, Trigger } from './subscription-rules';
import type { SuppressionReason, TokenPurpose } from './subscription.entity';

export interface SubscriptionRow {
  id: number;
  email: string;
  emailNormalized: string;
  mailbox: string | null;
  filter: SubscriptionFilter;
  triggers: Trigger[];
  reminderDays: number[];
  digest: DigestMode;
  settingsKey: string;
  state: SubscriptionState;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

export interface TokenRow {
  id: number;
  subscriptionId: number;
  purpose: TokenPurpose;
  expiresAt: string | null;
  usedAt: string | null;
}

const SUBSCRIPTION_COLUMNS = `id AS "id", email AS "email", email_normalized AS "emailNormalized", mailbox AS "mailbox", filter AS "filter", triggers AS "triggers",
  reminder_days AS "reminderDays", digest AS "digest", settings_key AS "settingsKey", state AS "state", created_at AS "createdAt",
  confirmed_at AS "confirmedAt", unsubscribed_at AS "unsubscribedAt"`;

/** A confirmed subscription as the scan reads it: settings as stored (JSON text). */
export interface ScanSubscriptionRow {
  id: number;
  email: string;
  emailNormalized: string;
  mailbox: string | null;
  digest: DigestMode;
  confirmedAt: string;
  filter: string;
  triggers: string;
  reminderDays: string;
}

type RawSubscription = Omit<SubscriptionRow, 'filter' | 'triggers' | 'reminderDays'> & {
  filter: string;
  triggers: string;
  reminderDays: string;
};

function parseSubscription(row: RawSubscription | undefined): SubscriptionRow | undefined {
  if (!row) return undefined;
  return {
    ...row,
    filter: JSON.parse(row.filter) as SubscriptionFilter,
    triggers: JSON.parse(row.triggers) as Trigger[],
    reminderDays: JSON.parse(row.reminderDays) as number[],
  };
}

@Injectable()
export class SubscriptionsRepository extends RawStatements {
  constructor(dataSource: DataSource) {
    super(dataSource);
  }

  // ---- subscriptions and tokens -------------------------------------------------------------------

  async findSubscription(id: number): Promise<SubscriptionRow | undefined> {
    return parseSubscription(
      await this.get<RawSubscription>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE id = ?`, id),
    );
  }

  async findSubscriptionBySettings(emailNormalized: string, settingsKey: string): Promise<SubscriptionRow | undefined> {
    return parseSubscription(
      await this.get<RawSubscription>(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE email_normalized = ? AND settings_key = ? ORDER BY id LIMIT 1`,
        emailNormalized,
        settingsKey,
      ),
    );
  }

  async subscriptionsByIds(ids: number[]): Promise<Map<number, SubscriptionRow>> {
    const rows = await this.all<RawSubscription>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE ${this.dialect.inList('id')}`,
      this.dialect.list(ids),
    );
    return new Map(rows.map((r) => [r.id, parseSubscription(r) as SubscriptionRow]));
  }

  /**
   * One page of the scan's walk over confirmed subscriptions: ids in (afterId, upToId], by id, only
   * those confirmed after `confirmedAfter` when it is given. Pages are id ranges, not LIMITs, so a
   * page reads at most upToId - afterId rows however few of them match (there is no index on
   * confirmed_at). The settings come as their stored JSON, unparsed: the scan parses each distinct
   * setting once, not once per subscriber.
   */
  async confirmedSubscriptionsPage(
    afterId: number,
    upToId: number,
    confirmedAfter: string | null,
  ): Promise<ScanSubscriptionRow[]> {
    return await this.all<ScanSubscriptionRow>(
      `SELECT id AS "id", email AS "email", email_normalized AS "emailNormalized", mailbox AS "mailbox", digest AS "digest",
         confirmed_at AS "confirmedAt", filter AS "filter", triggers AS "triggers", reminder_days AS "reminderDays"
       FROM subscription WHERE state = 'confirmed' AND id > ? AND id <= ? AND (CAST(? AS TEXT) IS NULL OR confirmed_at > ?) ORDER BY id`,
      afterId,
      upToId,
      confirmedAfter,
      confirmedAfter,
    );
  }

  /** The highest subscription id (0 without any): where the scan's walk ends. */
  async lastSubscriptionId(): Promise<number> {
    return (await this.get<{ id: number | null }>(`SELECT MAX(id) AS "id" FROM subscription`))?.id ?? 0;
  }

  /** The distinct (triggers, reminder days) settings of confirmed subscriptions with ids in (afterId, upToId], as stored JSON. */
  async confirmedReminderSettings(afterId: number, upToId: number): Promise<Array<{ triggers: string; reminderDays: string }>> {
    return await this.all(
      `SELECT DISTINCT triggers AS "triggers", reminder_days AS "reminderDays" FROM subscription
       WHERE state = 'confirmed' AND id > ? AND id <= ?`,
      afterId,
      upToId,
    );
  }

  /**
   * When the longest-standing confirmed subscription was confirmed (null without any): one seek of
   * ix_subscription_state_confirmed (without it, a read of every subscription: 25 ms at 100,000).
   */
  async earliestConfirmation(): Promise<string | null> {
    return (
      (await this.get<{ at: string | null }>(`SELECT MIN(confirmed_at) AS "at" FROM subscription WHERE state = 'confirmed'`))
        ?.at ?? null
    );
  }

  async confirmedSubscriptions(): Promise<SubscriptionRow[]> {
    return (
      await this.all<RawSubscription>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE state = 'confirmed' ORDER BY id`)
    ).map((r) => parseSubscription(r) as SubscriptionRow);
  }

  async insertSubscription(s: Omit<SubscriptionRow, 'id' | 'confirmedAt' | 'unsubscribedAt'>): Promise<number> {
    const row = await this.get<{ id: number }>(
      `INSERT INTO subscription (email, email_normalized, mailbox, filter, triggers, reminder_days, digest, settings_key, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id"`,
      s.email,
      s.emailNormalized,
      s.mailbox,
      JSON.stringify(s.filter),
      JSON.stringify(s.triggers),
      JSON.stringify(s.reminderDays),
      s.digest,
      s.settingsKey,
      s.state,
      s.createdAt,
    );
    return row!.id;
  }

  /** pending → confirmed (only from pending). Returns whether it changed. */
  async confirmSubscription(id: number, now: string): Promise<boolean> {
    return (
      (await this.run(
        `UPDATE subscription SET state = 'confirmed', confirmed_at = ? WHERE id = ? AND state = 'pending'`,
        now,
        id,
      )) > 0
    );
  }

  /** Back to pending for a new confirmation (an address that unsubscribed and asks again). */
  async reopenSubscription(id: number): Promise<void> {
    await this.run(
      `UPDATE subscription SET state = 'pending', confirmed_at = NULL, unsubscribed_at = NULL WHERE id = ? AND state = 'unsubscribed'`,
      id,
    );
  }

  /**
   * Unsubscribes every subscription of an address (`email_normalized`) or of a mailbox (`mailbox`, every
   * address that reaches it) at `now`, and cancels what they had queued. Returns how many it changed.
   */
  async unsubscribeAll(by: 'email_normalized' | 'mailbox', value: string, now: string): Promise<number> {
    const changed = await this.run(
      `UPDATE subscription SET state = 'unsubscribed', unsubscribed_at = ? WHERE ${by} = ? AND state <> 'unsubscribed'`,
      now,
      value,
    );
    await this.run(
      `UPDATE notification SET state = 'cancelled', last_error = 'unsubscribed'
       WHERE state IN ('pending', 'held') AND subscription_id IN (SELECT id FROM subscription WHERE ${by} = ?)`,
      value,
    );
    return changed;
  }

  /** The confirmed subscriptions of this address stopped by the same unsubscribe as `id`, back to confirmed. */
  async restoreStoppedWith(id: number): Promise<number> {
    const sub = await this.findSubscription(id);
    if (!sub || sub.state !== 'unsubscribed' || !sub.unsubscribedAt) return 0;
    return await this.run(
      `UPDATE subscription SET state = 'confirmed', unsubscribed_at = NULL
       WHERE email_normalized = ? AND unsubscribed_at = ? AND id <> ? AND state = 'unsubscribed' AND confirmed_at IS NOT NULL`,
      sub.emailNormalized,
      sub.unsubscribedAt,
      id,
    );
  }

  /** Subscriptions of an address (email_normalized), in any state. */
  async subscriptionCount(emailNormalized: string): Promise<number> {
    return (
      (await this.get<{ n: number }>(`SELECT COUNT(*) AS n FROM subscription WHERE email_normalized = ?`, emailNormalized))?.n ??
      0
    );
  }

  /** Deletes every subscription of a mailbox with its tokens and outbox rows. Returns how many of each. */
  async eraseMailbox(mailbox: string): Promise<{ subscriptions: number; notifications: number }> {
    const ids = `SELECT id FROM subscription WHERE mailbox = ?`;
    await this.run(`DELETE FROM subscription_token WHERE subscription_id IN (${ids})`, mailbox);
    const notifications = await this.run(`DELETE FROM notification WHERE subscription_id IN (${ids})`, mailbox);
    const subscriptions = await this.run(`DELETE FROM subscription WHERE mailbox = ?`, mailbox);
    return { subscriptions, notifications };
  }

  /** Cancels what a mailbox has queued (it was just suppressed). */
  async cancelQueuedForMailbox(mailbox: string, reason: string): Promise<number> {
    return await this.run(
      `UPDATE notification SET state = 'cancelled', last_error = ?
       WHERE state IN ('pending', 'held') AND subscription_id IN (SELECT id FROM subscription WHERE mailbox = ?)`,
      reason,
      mailbox,
    );
  }

  // ---- the suppression list -----------------------------------------------------------------------

  /** Records (or re-records, with the new reason) a suppression. Returns whether it is new. */
  async suppress(hash: string, reason: SuppressionReason, note: string | null, by: string, now: string): Promise<boolean> {
    const existed = (await this.findSuppression(hash)) !== undefined;
    await this.run(
      `INSERT INTO suppression (mailbox_hash, reason, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (mailbox_hash) DO UPDATE SET reason = excluded.reason, note = excluded.note, created_by = excluded.created_by,
         created_at = excluded.created_at`,
      hash,
      reason,
      note,
      by,
      now,
    );
    return !existed;
  }

  async findSuppression(
    hash: string,
  ): Promise<{ reason: SuppressionReason; note: string | null; createdBy: string; createdAt: string } | undefined> {
    return await this.get(
      `SELECT reason AS "reason", note AS "note", created_by AS "createdBy", created_at AS "createdAt" FROM suppression WHERE mailbox_hash = ?`,
      hash,
    );
  }

  async liftSuppression(hash: string): Promise<boolean> {
    return (await this.run(`DELETE FROM suppression WHERE mailbox_hash = ?`, hash)) > 0;
  }

  /** Which of these hashes are suppressed. */
  async suppressedAmong(hashes: string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    return new Set(
      (
        await this.all<{ h: string }>(
          `SELECT mailbox_hash AS h FROM suppression WHERE ${this.dialect.inList('mailbox_hash')}`,
          this.dialect.list([...new Set(hashes)]),
        )
      ).map((r) => r.h),
    );
  }

  async suppressionCount(): Promise<number> {
    return (await this.get<{ n: number }>(`SELECT COUNT(*) AS n FROM suppression`))?.n ?? 0;
  }

  async unsubscribe(id: number, now: string): Promise<boolean> {
    const changed = await this.run(
      `UPDATE subscription SET state = 'unsubscribed', unsubscribed_at = ? WHERE id = ? AND state <> 'unsubscribed'`,
      now,
      id,
    );
    await this.run(
      `UPDATE notification SET state = 'cancelled', last_error = 'unsubscribed' WHERE subscription_id = ? AND state IN ('pending', 'held')`,
      id,
    );
    return changed > 0;
  }

  async updateSettings(
    id: number,
    s: { filter: SubscriptionFilter; triggers: Trigger[]; reminderDays: number[]; digest: DigestMode; settingsKey: string },
  ): Promise<void> {
    await this.run(
      `UPDATE subscription SET filter = ?, triggers = ?, reminder_days = ?, digest = ?, settings_key = ? WHERE id = ?`,
      JSON.stringify(s.filter),
      JSON.stringify(s.triggers),
      JSON.stringify(s.reminderDays),
      s.digest,
      s.settingsKey,
      id,
    );
    // Leaving the digest: what was waiting for it goes out on its own.
    if (s.digest === 'none')
      await this.run(`UPDATE notification SET state = 'pending' WHERE subscription_id = ? AND state = 'held'`, id);
  }

  /** Confirmation emails queued for this mailbox (see mailboxOf) since `since`: what the anti-abuse throttle counts. */
  async confirmationsSince(mailbox: string, since: string): Promise<number> {
    return (
      (
        await this.get<{ n: number }>(
          `SELECT COUNT(*) AS n FROM notification n JOIN subscription s ON s.id = n.subscription_id
         WHERE s.mailbox = ? AND n.kind = 'confirm' AND n.created_at >= ?`,
          mailbox,
          since,
        )
      )?.n ?? 0
    );
  }

  /**
   * Deletes unconfirmed subscriptions whose last confirmation email (or, without one, whose creation)
   * is older than `before`, with their tokens and outbox rows. Returns how many.
   */
  async prunePendingSubscriptions(before: string): Promise<number> {
    const stale = `SELECT s.id FROM subscription s WHERE s.state = 'pending'
      AND COALESCE((SELECT MAX(n.created_at) FROM notification n WHERE n.subscription_id = s.id AND n.kind = 'confirm'), s.created_at) < ?`;
    // Looked for first, as in deleteExpiredConfirmTokens.
    if (!(await this.get(`${stale} LIMIT 1`, before))) return 0;
    await this.run(`DELETE FROM subscription_token WHERE subscription_id IN (${stale})`, before);
    await this.run(`DELETE FROM notification WHERE subscription_id IN (${stale})`, before);
    return await this.run(`DELETE FROM subscription WHERE id IN (${stale})`, before);
  }

  async confirmationCount(subscriptionId: number): Promise<number> {
    return (
      (
        await this.get<{ n: number }>(
          `SELECT COUNT(*) AS n FROM notification WHERE subscription_id = ? AND kind = 'confirm'`,
          subscriptionId,
        )
      )?.n ?? 0
    );
  }

  async insertToken(
    subscriptionId: number,
    purpose: TokenPurpose,
    hash: string,
    now: string,
    expiresAt: string | null,
  ): Promise<number> {
    const row = await this.get<{ id: number }>(
      `INSERT INTO subscription_token (subscription_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
       RETURNING id AS "id"`,
      subscriptionId,
      purpose,
      hash,
      now,
      expiresAt,
    );
    return row!.id;
  }

  async findToken(hash: string): Promise<TokenRow | undefined> {
    return await this.get<TokenRow>(
      `SELECT id AS "id", subscription_id AS "subscriptionId", purpose AS "purpose", expires_at AS "expiresAt", used_at AS "usedAt"
       FROM subscription_token WHERE token_hash = ?`,
      hash,
    );
  }

  async markTokenUsed(id: number, now: string): Promise<void> {
    await this.run(`UPDATE subscription_token SET used_at = COALESCE(used_at, ?) WHERE id = ?`, now, id);
  }

  /** Confirmation tokens that can no longer be used. */
  /**
   * Deletes up to `limit` manage tokens (the links of notices) created before `before`, always keeping
   * each subscription's newest, so the latest email's manage and unsubscribe links keep working.
   */
  async pruneManageTokens(before: string, limit: number): Promise<number> {
    return await this.run(
      `DELETE FROM subscription_token WHERE id IN (
         SELECT t.id FROM subscription_token t
         WHERE t.purpose = 'manage' AND t.created_at < ?
           AND t.id < (SELECT MAX(k.id) FROM subscription_token k WHERE k.subscription_id = t.subscription_id AND k.purpose = 'manage')
         LIMIT ?)`,
      before,
      limit,
    );
  }

  async deleteExpiredConfirmTokens(now: string): Promise<number> {
    // Looked for first: on PostgreSQL a DELETE of nothing still fires the statement-level data-version
    // trigger, and an idle scan would empty every cached answer (test/medium/idle-writes).
    const expired = `FROM subscription_token WHERE purpose = 'confirm' AND expires_at < ?`;
    if (!(await this.get(`SELECT 1 AS "x" ${expired} LIMIT 1`, now))) return 0;
    return await this.run(`DELETE ${expired}`, now);
  }

  /** Slugs among `slugs` that name no row of `table`. */
  async unknownSlugs(table: 'recommendation' | 'topic' | 'actor' | 'source', slugs: string[]): Promise<string[]> {
    if (slugs.length === 0) return [];
    const known = new Set(
      (
        await this.all<{ slug: string }>(
          `SELECT slug AS "slug" FROM ${table} WHERE ${this.dialect.inList('slug')}`,
          this.dialect.list(slugs),
        )
      ).map((r) => r.slug),
    );
    return slugs.filter((s) => !known.has(s));
  }

  // ---- what the pages show ------------------------------------------------------------------------

  async recommendationTitle(slug: string): Promise<string | undefined> {
    return (await this.get<{ title: string }>(`SELECT title AS "title" FROM recommendation WHERE slug = ?`, slug))?.title;
  }

  /** The names of these rows of `table` by slug (a title, or an actor's name); slugs that name nothing are left out. */
  async namesOf(table: 'recommendation' | 'actor' | 'source', slugs: string[]): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const name = table === 'actor' ? 'name' : 'title';
    const rows = await this.all<{ slug: string; name: string }>(
      `SELECT slug AS "slug", ${name} AS "name" FROM ${table} WHERE ${this.dialect.inList('slug')}`,
      this.dialect.list(slugs),
    );
    return new Map(rows.map((r) => [r.slug, r.name]));
  }

  async topics(): Promise<Array<{ slug: string; name: string }>> {
    return await this.all(`SELECT slug AS "slug", name AS "name" FROM topic ORDER BY name, slug`);
  }
}
