/**
 * The SQL of subscriptions, their tokens, the suppression list and the lookups the subscription pages need.
 *
 * Statements run on the raw better-sqlite3 connection (database/sqlite/statements.ts). Writes run
 * inside a synchronous transaction of the one transaction mechanism (Transactions.runSync in
 * database/transactions.ts), started by the service where the unit of work begins: it queues behind
 * any open transaction, then runs whole (BEGIN IMMEDIATE); nothing can interleave with it.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqliteStatements } from '../database/sqlite/statements';
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
export class SubscriptionsRepository extends SqliteStatements {
  constructor(dataSource: DataSource) {
    super(dataSource);
  }

  // ---- subscriptions and tokens -------------------------------------------------------------------

  findSubscription(id: number): SubscriptionRow | undefined {
    return parseSubscription(this.get<RawSubscription>(`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE id = ?`, id));
  }

  findSubscriptionBySettings(emailNormalized: string, settingsKey: string): SubscriptionRow | undefined {
    return parseSubscription(
      this.get<RawSubscription>(
        `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE email_normalized = ? AND settings_key = ? ORDER BY id LIMIT 1`,
        emailNormalized,
        settingsKey,
      ),
    );
  }

  subscriptionsByIds(ids: number[]): Map<number, SubscriptionRow> {
    const rows = this.all<RawSubscription>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ids),
    );
    return new Map(rows.map((r) => [r.id, parseSubscription(r) as SubscriptionRow]));
  }

  confirmedSubscriptions(): SubscriptionRow[] {
    return this.all<RawSubscription>(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM subscription WHERE state = 'confirmed' ORDER BY id`,
    ).map((r) => parseSubscription(r) as SubscriptionRow);
  }

  insertSubscription(s: Omit<SubscriptionRow, 'id' | 'confirmedAt' | 'unsubscribedAt'>): number {
    const info = this.stmt(
      `INSERT INTO subscription (email, email_normalized, mailbox, filter, triggers, reminder_days, digest, settings_key, state, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
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
    return Number(info.lastInsertRowid);
  }

  /** pending → confirmed (only from pending). Returns whether it changed. */
  confirmSubscription(id: number, now: string): boolean {
    return (
      this.run(`UPDATE subscription SET state = 'confirmed', confirmed_at = ? WHERE id = ? AND state = 'pending'`, now, id) > 0
    );
  }

  /** Back to pending for a new confirmation (an address that unsubscribed and asks again). */
  reopenSubscription(id: number): void {
    this.run(
      `UPDATE subscription SET state = 'pending', confirmed_at = NULL, unsubscribed_at = NULL WHERE id = ? AND state = 'unsubscribed'`,
      id,
    );
  }

  /**
   * Unsubscribes every subscription of an address (`email_normalized`) or of a mailbox (`mailbox`, every
   * address that reaches it) at `now`, and cancels what they had queued. Returns how many it changed.
   */
  unsubscribeAll(by: 'email_normalized' | 'mailbox', value: string, now: string): number {
    const changed = this.run(
      `UPDATE subscription SET state = 'unsubscribed', unsubscribed_at = ? WHERE ${by} = ? AND state <> 'unsubscribed'`,
      now,
      value,
    );
    this.run(
      `UPDATE notification SET state = 'cancelled', last_error = 'unsubscribed'
       WHERE state IN ('pending', 'held') AND subscription_id IN (SELECT id FROM subscription WHERE ${by} = ?)`,
      value,
    );
    return changed;
  }

  /** The confirmed subscriptions of this address stopped by the same unsubscribe as `id`, back to confirmed. */
  restoreStoppedWith(id: number): number {
    const sub = this.findSubscription(id);
    if (!sub || sub.state !== 'unsubscribed' || !sub.unsubscribedAt) return 0;
    return this.run(
      `UPDATE subscription SET state = 'confirmed', unsubscribed_at = NULL
       WHERE email_normalized = ? AND unsubscribed_at = ? AND id <> ? AND state = 'unsubscribed' AND confirmed_at IS NOT NULL`,
      sub.emailNormalized,
      sub.unsubscribedAt,
      id,
    );
  }

  /** Subscriptions of an address (email_normalized), in any state. */
  subscriptionCount(emailNormalized: string): number {
    return this.get<{ n: number }>(`SELECT COUNT(*) AS n FROM subscription WHERE email_normalized = ?`, emailNormalized)?.n ?? 0;
  }

  /** Deletes every subscription of a mailbox with its tokens and outbox rows. Returns how many of each. */
  eraseMailbox(mailbox: string): { subscriptions: number; notifications: number } {
    const ids = `SELECT id FROM subscription WHERE mailbox = ?`;
    this.run(`DELETE FROM subscription_token WHERE subscription_id IN (${ids})`, mailbox);
    const notifications = this.run(`DELETE FROM notification WHERE subscription_id IN (${ids})`, mailbox);
    const subscriptions = this.run(`DELETE FROM subscription WHERE mailbox = ?`, mailbox);
    return { subscriptions, notifications };
  }

  /** Cancels what a mailbox has queued (it was just suppressed). */
  cancelQueuedForMailbox(mailbox: string, reason: string): number {
    return this.run(
      `UPDATE notification SET state = 'cancelled', last_error = ?
       WHERE state IN ('pending', 'held') AND subscription_id IN (SELECT id FROM subscription WHERE mailbox = ?)`,
      reason,
      mailbox,
    );
  }

  // ---- the suppression list -----------------------------------------------------------------------

  /** Records (or re-records, with the new reason) a suppression. Returns whether it is new. */
  suppress(hash: string, reason: SuppressionReason, note: string | null, by: string, now: string): boolean {
    const existed = this.findSuppression(hash) !== undefined;
    this.run(
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

  findSuppression(
    hash: string,
  ): { reason: SuppressionReason; note: string | null; createdBy: string; createdAt: string } | undefined {
    return this.get(
      `SELECT reason AS "reason", note AS "note", created_by AS "createdBy", created_at AS "createdAt" FROM suppression WHERE mailbox_hash = ?`,
      hash,
    );
  }

  liftSuppression(hash: string): boolean {
    return this.run(`DELETE FROM suppression WHERE mailbox_hash = ?`, hash) > 0;
  }

  /** Which of these hashes are suppressed. */
  suppressedAmong(hashes: string[]): Set<string> {
    if (hashes.length === 0) return new Set();
    return new Set(
      this.all<{ h: string }>(
        `SELECT mailbox_hash AS h FROM suppression WHERE mailbox_hash IN (SELECT value FROM json_each(?))`,
        JSON.stringify([...new Set(hashes)]),
      ).map((r) => r.h),
    );
  }

  suppressionCount(): number {
    return this.get<{ n: number }>(`SELECT COUNT(*) AS n FROM suppression`)?.n ?? 0;
  }

  unsubscribe(id: number, now: string): boolean {
    const changed = this.run(
      `UPDATE subscription SET state = 'unsubscribed', unsubscribed_at = ? WHERE id = ? AND state <> 'unsubscribed'`,
      now,
      id,
    );
    this.run(
      `UPDATE notification SET state = 'cancelled', last_error = 'unsubscribed' WHERE subscription_id = ? AND state IN ('pending', 'held')`,
      id,
    );
    return changed > 0;
  }

  updateSettings(
    id: number,
    s: { filter: SubscriptionFilter; triggers: Trigger[]; reminderDays: number[]; digest: DigestMode; settingsKey: string },
  ): void {
    this.run(
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
      this.run(`UPDATE notification SET state = 'pending' WHERE subscription_id = ? AND state = 'held'`, id);
  }

  /** Confirmation emails queued for this mailbox (see mailboxOf) since `since`: what the anti-abuse throttle counts. */
  confirmationsSince(mailbox: string, since: string): number {
    return (
      this.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM notification n JOIN subscription s ON s.id = n.subscription_id
         WHERE s.mailbox = ? AND n.kind = 'confirm' AND n.created_at >= ?`,
        mailbox,
        since,
      )?.n ?? 0
    );
  }

  /**
   * Deletes unconfirmed subscriptions whose last confirmation email (or, without one, whose creation)
   * is older than `before`, with their tokens and outbox rows. Returns how many.
   */
  prunePendingSubscriptions(before: string): number {
    const stale = `SELECT s.id FROM subscription s WHERE s.state = 'pending'
      AND COALESCE((SELECT MAX(n.created_at) FROM notification n WHERE n.subscription_id = s.id AND n.kind = 'confirm'), s.created_at) < ?`;
    this.run(`DELETE FROM subscription_token WHERE subscription_id IN (${stale})`, before);
    this.run(`DELETE FROM notification WHERE subscription_id IN (${stale})`, before);
    return this.run(`DELETE FROM subscription WHERE id IN (${stale})`, before);
  }

  confirmationCount(subscriptionId: number): number {
    return (
      this.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM notification WHERE subscription_id = ? AND kind = 'confirm'`,
        subscriptionId,
      )?.n ?? 0
    );
  }

  insertToken(subscriptionId: number, purpose: TokenPurpose, hash: string, now: string, expiresAt: string | null): number {
    const info = this.stmt(
      `INSERT INTO subscription_token (subscription_id, purpose, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(subscriptionId, purpose, hash, now, expiresAt);
    return Number(info.lastInsertRowid);
  }

  findToken(hash: string): TokenRow | undefined {
    return this.get<TokenRow>(
      `SELECT id AS "id", subscription_id AS "subscriptionId", purpose AS "purpose", expires_at AS "expiresAt", used_at AS "usedAt"
       FROM subscription_token WHERE token_hash = ?`,
      hash,
    );
  }

  markTokenUsed(id: number, now: string): void {
    this.run(`UPDATE subscription_token SET used_at = COALESCE(used_at, ?) WHERE id = ?`, now, id);
  }

  /** Confirmation tokens that can no longer be used. */
  /**
   * Deletes up to `limit` manage tokens (the links of notices) created before `before`, always keeping
   * each subscription's newest, so the latest email's manage and unsubscribe links keep working.
   */
  pruneManageTokens(before: string, limit: number): number {
    return this.run(
      `DELETE FROM subscription_token WHERE id IN (
         SELECT t.id FROM subscription_token t
         WHERE t.purpose = 'manage' AND t.created_at < ?
           AND t.id < (SELECT MAX(k.id) FROM subscription_token k WHERE k.subscription_id = t.subscription_id AND k.purpose = 'manage')
         LIMIT ?)`,
      before,
      limit,
    );
  }

  deleteExpiredConfirmTokens(now: string): number {
    return this.run(`DELETE FROM subscription_token WHERE purpose = 'confirm' AND expires_at < ?`, now);
  }

  /** Slugs among `slugs` that name no row of `table`. */
  unknownSlugs(table: 'recommendation' | 'topic' | 'actor' | 'source', slugs: string[]): string[] {
    if (slugs.length === 0) return [];
    const known = new Set(
      this.all<{ slug: string }>(
        `SELECT slug FROM ${table} WHERE slug IN (SELECT value FROM json_each(?))`,
        JSON.stringify(slugs),
      ).map((r) => r.slug),
    );
    return slugs.filter((s) => !known.has(s));
  }

  // ---- what the pages show ------------------------------------------------------------------------

  recommendationTitle(slug: string): string | undefined {
    return this.get<{ title: string }>(`SELECT title AS "title" FROM recommendation WHERE slug = ?`, slug)?.title;
  }

  /** The names of these rows of `table` by slug (a title, or an actor's name); slugs that name nothing are left out. */
  namesOf(table: 'recommendation' | 'actor' | 'source', slugs: string[]): Map<string, string> {
    if (slugs.length === 0) return new Map();
    const name = table === 'actor' ? 'name' : 'title';
    const rows = this.all<{ slug: string; name: string }>(
      `SELECT slug AS "slug", ${name} AS "name" FROM ${table} WHERE slug IN (SELECT value FROM json_each(?))`,
      JSON.stringify(slugs),
    );
    return new Map(rows.map((r) => [r.slug, r.name]));
  }

  topics(): Array<{ slug: string; name: string }> {
    return this.all(`SELECT slug AS "slug", name AS "name" FROM topic ORDER BY name, slug`);
  }
}
