/**
 * The SQL of subscriptions, tokens, the outbox and the scan cursors.
 *
 * It talks to better-sqlite3 directly rather than through TypeORM's query runner, for one reason:
 * the app shares a single SQLite connection, and a TypeORM transaction is a BEGIN … COMMIT spread
 * over awaits, so any other query issued in between silently joins it (and is rolled back with it).
 * The scheduler runs beside HTTP writes, so every write here goes through {@link exclusive}: the one
 * transaction mechanism (database/transactions.ts) queues it behind any open transaction, then runs
 * it synchronously (BEGIN IMMEDIATE). Nothing can interleave with a synchronous function. The claim is one conditional
 * UPDATE … RETURNING, which is what makes concurrent dispatchers (threads, processes) safe.
 */
import { Injectable } from '@nestjs/common';
import type { Database, Statement } from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { sqliteConnection } from '../database/sqlite/connection';
import { Transactions } from '../database/transactions';
import type { DeadlineState } from '../deadlines/rules/deadline-clock';
import type { NotificationKind, NotificationState } from './notification-keys';
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

export interface NewNotification {
  subscriptionId: number;
  kind: NotificationKind;
  dedupeKey: string;
  state: NotificationState;
  deadlineId?: number | null;
  statusChangeId?: number | null;
  findingId?: number | null;
  reminderDays?: number | null;
  digestDate?: string | null;
  nextAttemptAt: string;
  createdAt: string;
}

export interface NotificationRow {
  id: number;
  subscriptionId: number;
  kind: NotificationKind;
  dedupeKey: string;
  state: NotificationState;
  deadlineId: number | null;
  statusChangeId: number | null;
  findingId: number | null;
  reminderDays: number | null;
  digestDate: string | null;
  digestId: number | null;
  attempts: number;
  nextAttemptAt: string;
  leaseUntil: string | null;
  leasedBy: string | null;
  lastError: string | null;
  messageId: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** An item a notification can be about, with what subscription filters match on. */
export interface FacetRow {
  id: number;
  recommendationId: number;
  recommendation: string;
  responsible: string | null;
  source: string;
}

export interface DeadlineCandidate extends FacetRow {
  closesAt: string;
  state: DeadlineState;
}

export interface EventCandidate extends FacetRow {
  recordedAt: string;
}

const notificationColumns = (p = '') => `${p}id AS "id", ${p}subscription_id AS "subscriptionId", ${p}kind AS "kind",
  ${p}dedupe_key AS "dedupeKey", ${p}state AS "state", ${p}deadline_id AS "deadlineId", ${p}status_change_id AS "statusChangeId",
  ${p}finding_id AS "findingId", ${p}reminder_days AS "reminderDays", ${p}digest_date AS "digestDate", ${p}digest_id AS "digestId",
  ${p}attempts AS "attempts", ${p}next_attempt_at AS "nextAttemptAt", ${p}lease_until AS "leaseUntil", ${p}leased_by AS "leasedBy",
  ${p}last_error AS "lastError", ${p}message_id AS "messageId", ${p}sent_at AS "sentAt", ${p}created_at AS "createdAt"`;
const NOTIFICATION_COLUMNS = notificationColumns();

const SUBSCRIPTION_COLUMNS = `id AS "id", email AS "email", email_normalized AS "emailNormalized", mailbox AS "mailbox", filter AS "filter", triggers AS "triggers",
  reminder_days AS "reminderDays", digest AS "digest", settings_key AS "settingsKey", state AS "state", created_at AS "createdAt",
  confirmed_at AS "confirmedAt", unsubscribed_at AS "unsubscribedAt"`;

/** The facets of recommendation `r` (joined as `r`). */
const FACET_COLUMNS = `r.id AS "recommendationId", r.slug AS "recommendation", ra.slug AS "responsible", rs.slug AS "source"`;
const FACET_JOINS = `JOIN recommendation r ON r.id = x.recommendation_id
  LEFT JOIN actor ra ON ra.id = r.responsible_id
  JOIN source rs ON rs.id = r.source_id`;

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

/** What the admin's outbox list and bulk retry select by. */
export interface OutboxFilter {
  state?: NotificationState;
  kind?: NotificationKind;
  /** A substring of lastError, case-insensitive. */
  error?: string;
}
const OUTBOX_FILTER = (p: string) =>
  `(? IS NULL OR ${p}state = ?) AND (? IS NULL OR ${p}kind = ?) AND (? IS NULL OR instr(lower(COALESCE(${p}last_error, '')), lower(?)) > 0)`;
const outboxFilterParams = (f: OutboxFilter) => [
  f.state ?? null,
  f.state ?? null,
  f.kind ?? null,
  f.kind ?? null,
  f.error ?? null,
  f.error ?? null,
];

@Injectable()
export class NotificationsRepository {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  private get db(): Database {
    const db = sqliteConnection(this.dataSource);
    if (!db) throw new Error('notifications need the better-sqlite3 connection to be open');
    return db;
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private all<T>(sql: string, ...params: unknown[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  private get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.stmt(sql).run(...params).changes;
  }

  /** Runs `fn` as one synchronous IMMEDIATE transaction, queued with every other (database/transactions.ts). */
  exclusive<T>(fn: () => T): Promise<T> {
    return this.transactions.runSync(fn);
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

  // ---- the outbox ---------------------------------------------------------------------------------

  /** Inserts what is not there yet (by dedupe key); returns how many rows are new. Call inside exclusive(). */
  insertNotifications(rows: NewNotification[]): number {
    const insert = this.stmt(
      `INSERT INTO notification (subscription_id, kind, dedupe_key, state, deadline_id, status_change_id, finding_id, reminder_days,
         digest_date, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    );
    let inserted = 0;
    for (const r of rows) {
      inserted += insert.run(
        r.subscriptionId,
        r.kind,
        r.dedupeKey,
        r.state,
        r.deadlineId ?? null,
        r.statusChangeId ?? null,
        r.findingId ?? null,
        r.reminderDays ?? null,
        r.digestDate ?? null,
        r.nextAttemptAt,
        r.createdAt,
      ).changes;
    }
    return inserted;
  }

  idOfDedupeKey(dedupeKey: string): number | undefined {
    return this.get<{ id: number }>(`SELECT id FROM notification WHERE dedupe_key = ?`, dedupeKey)?.id;
  }

  /** Queued reminders and missed notices whose deadline has since settled (met, extended, withdrawn…). */
  cancelSettled(): number {
    return (
      this.run(
        `UPDATE notification SET state = 'cancelled', last_error = 'the deadline is no longer open'
         WHERE state IN ('pending', 'held') AND kind = 'reminder'
           AND deadline_id IN (SELECT id FROM deadline WHERE state <> 'open')`,
      ) +
      this.run(
        `UPDATE notification SET state = 'cancelled', last_error = 'the deadline was met, extended or withdrawn'
         WHERE state IN ('pending', 'held') AND kind = 'missed'
           AND deadline_id IN (SELECT id FROM deadline WHERE state NOT IN ('open', 'missed'))`,
      )
    );
  }

  heldNotifications(): Array<{ id: number; subscriptionId: number; createdAt: string }> {
    return this.all(
      `SELECT id AS "id", subscription_id AS "subscriptionId", created_at AS "createdAt" FROM notification WHERE state = 'held' ORDER BY id`,
    );
  }

  /** Folds held notifications into the digest with this id. */
  foldIntoDigest(digestId: number, ids: number[]): number {
    return this.run(
      `UPDATE notification SET state = 'digested', digest_id = ? WHERE state = 'held' AND id IN (SELECT value FROM json_each(?))`,
      digestId,
      JSON.stringify(ids),
    );
  }

  digestItems(digestId: number): NotificationRow[] {
    return this.all(`SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE digest_id = ? ORDER BY id`, digestId);
  }

  /**
   * Claims up to `n` due notifications for `worker` until `now + leaseMs`: pending ones whose time
   * has come, and ones another worker claimed whose lease has run out (it crashed or hung). One
   * statement, re-checking the condition on every row it updates, so two dispatchers never hold the
   * same row. Counts the attempt.
   */
  claimDue(worker: string, n: number, leaseMs: number, now: Date): NotificationRow[] {
    const at = now.toISOString();
    const due = `((state = 'pending' AND next_attempt_at <= ?) OR (state = 'sending' AND lease_until < ?))`;
    const rows = this.all<NotificationRow>(
      `UPDATE notification SET state = 'sending', leased_by = ?, lease_until = ?, attempts = attempts + 1
       WHERE id IN (SELECT id FROM notification WHERE ${due} ORDER BY next_attempt_at, id LIMIT ?) AND ${due}
       RETURNING ${NOTIFICATION_COLUMNS}`,
      worker,
      new Date(now.getTime() + leaseMs).toISOString(),
      at,
      at,
      n,
      at,
      at,
    );
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Records the outcome of an attempt, if `worker` still holds the claim. Returns whether it did. */
  finish(
    id: number,
    worker: string,
    outcome:
      | { state: 'sent'; at: string; messageId: string }
      | { state: 'pending'; nextAttemptAt: string; error: string; refundAttempt?: boolean }
      | { state: 'dead' | 'cancelled'; error: string },
  ): boolean {
    const owned = `WHERE id = ? AND state = 'sending' AND leased_by = ?`;
    switch (outcome.state) {
      case 'sent':
        return (
          this.run(
            `UPDATE notification SET state = 'sent', sent_at = ?, message_id = ?, lease_until = NULL, last_error = NULL ${owned}`,
            outcome.at,
            outcome.messageId,
            id,
            worker,
          ) > 0
        );
      case 'pending':
        return (
          this.run(
            `UPDATE notification SET state = 'pending', next_attempt_at = ?, last_error = ?, lease_until = NULL,
               attempts = MAX(0, attempts - ?) ${owned}`,
            outcome.nextAttemptAt,
            outcome.error,
            outcome.refundAttempt ? 1 : 0,
            id,
            worker,
          ) > 0
        );
      default:
        return (
          this.run(
            `UPDATE notification SET state = ?, last_error = ?, lease_until = NULL ${owned}`,
            outcome.state,
            outcome.error,
            id,
            worker,
          ) > 0
        );
    }
  }

  /**
   * Gives claims of `worker` back untried: pending again at `nextAttemptAt`, the claim's attempt not
   * counted. Returns how many were still its own.
   */
  releaseClaims(ids: number[], worker: string, nextAttemptAt: string, error: string): number {
    if (ids.length === 0) return 0;
    return this.run(
      `UPDATE notification SET state = 'pending', next_attempt_at = ?, last_error = ?, lease_until = NULL, attempts = MAX(0, attempts - 1)
       WHERE id IN (SELECT value FROM json_each(?)) AND state = 'sending' AND leased_by = ?`,
      nextAttemptAt,
      error,
      JSON.stringify(ids),
      worker,
    );
  }

  findNotification(id: number): NotificationRow | undefined {
    return this.get(`SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE id = ?`, id);
  }

  /**
   * The outbox, newest first, optionally in one state, of one kind, or with `error` in its last error
   * (case-insensitive); keyset on id. Returns limit+1 rows at most.
   */
  listNotifications(
    filter: NotificationState | undefined | OutboxFilter,
    beforeId: number | undefined,
    limit: number,
  ): Array<NotificationRow & { email: string }> {
    const f: OutboxFilter = typeof filter === 'object' ? filter : { state: filter };
    return this.all(
      `SELECT ${notificationColumns('n.')}, s.email AS "email"
       FROM notification n JOIN subscription s ON s.id = n.subscription_id
       WHERE ${OUTBOX_FILTER('n.')} AND (? IS NULL OR n.id < ?)
       ORDER BY n.id DESC LIMIT ?`,
      ...outboxFilterParams(f),
      beforeId ?? null,
      beforeId ?? null,
      limit + 1,
    );
  }

  /**
   * Dead (or pending) notifications matching the filter → pending, due now, with a fresh count of
   * attempts. Returns how many.
   */
  retryMatching(filter: OutboxFilter & { state: 'dead' | 'pending' }, now: string): number {
    return this.run(
      `UPDATE notification SET state = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, leased_by = NULL
       WHERE ${OUTBOX_FILTER('')}`,
      now,
      ...outboxFilterParams(filter),
    );
  }

  /** dead → pending, due now, with a fresh count of attempts. Returns whether it was dead. */
  retryDead(id: number, now: string): boolean {
    return (
      this.run(
        `UPDATE notification SET state = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, leased_by = NULL WHERE id = ? AND state = 'dead'`,
        now,
        id,
      ) > 0
    );
  }

  // ---- what the scan reads ------------------------------------------------------------------------

  /** Open deadlines closing in (from, to]. */
  openDeadlinesClosingBetween(from: string, to: string): DeadlineCandidate[] {
    return this.all(
      `SELECT x.id AS "id", x.closes_at AS "closesAt", x.state AS "state", ${FACET_COLUMNS}
       FROM deadline x ${FACET_JOINS}
       WHERE x.state = 'open' AND x.closes_at > ? AND x.closes_at <= ? ORDER BY x.closes_at, x.id`,
      from,
      to,
    );
  }

  /** Deadlines that closed in (from, to) without being met: still open, or marked missed. */
  unmetDeadlinesClosedBetween(from: string, to: string): DeadlineCandidate[] {
    return this.all(
      `SELECT x.id AS "id", x.closes_at AS "closesAt", x.state AS "state", ${FACET_COLUMNS}
       FROM deadline x ${FACET_JOINS}
       WHERE x.state IN ('open', 'missed') AND x.closes_at > ? AND x.closes_at < ? ORDER BY x.closes_at, x.id`,
      from,
      to,
    );
  }

  /** The highest id in an append-only table (where a scan of it stops). */
  maxId(table: 'status_change' | 'finding'): number {
    return this.get<{ id: number | null }>(`SELECT MAX(id) AS "id" FROM ${table}`)?.id ?? 0;
  }

  /**
   * Rows of an append-only table with ids in (afterId, upToId], recorded at or after `since`, by id:
   * the status changes or findings a scan has not looked at yet that someone could be owed.
   */
  eventsBetween(
    table: 'status_change' | 'finding',
    afterId: number,
    upToId: number,
    since: string,
    limit: number,
  ): EventCandidate[] {
    return this.all(
      `SELECT x.id AS "id", x.recorded_at AS "recordedAt", ${FACET_COLUMNS}
       FROM ${table} x ${FACET_JOINS} WHERE x.id > ? AND x.id <= ? AND x.recorded_at >= ? ORDER BY x.id LIMIT ?`,
      afterId,
      upToId,
      since,
      limit,
    );
  }

  topicsByRecommendation(recommendationIds: number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (recommendationIds.length === 0) return out;
    const rows = this.all<{ rid: number; slug: string }>(
      `SELECT rt.recommendation_id AS rid, t.slug AS slug FROM recommendation_topic rt JOIN topic t ON t.id = rt.topic_id
       WHERE rt.recommendation_id IN (SELECT value FROM json_each(?))`,
      JSON.stringify([...new Set(recommendationIds)]),
    );
    for (const r of rows) {
      const list = out.get(r.rid);
      if (list) list.push(r.slug);
      else out.set(r.rid, [r.slug]);
    }
    return out;
  }

  cursor(name: string): number {
    return this.get<{ lastId: number }>(`SELECT last_id AS "lastId" FROM notification_cursor WHERE name = ?`, name)?.lastId ?? 0;
  }

  /** Moves a cursor forward (never back, whoever else scanned meanwhile). */
  advanceCursor(name: string, lastId: number, now: string): void {
    this.run(
      `INSERT INTO notification_cursor (name, last_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET last_id = MAX(last_id, excluded.last_id), updated_at = excluded.updated_at`,
      name,
      lastId,
      now,
    );
  }

  /** Recommendation slugs of the items notifications refer to, to load their views once per batch. */
  recommendationSlugsOf(kind: 'deadline' | 'status_change' | 'finding', ids: number[]): Map<number, string> {
    if (ids.length === 0) return new Map();
    const rows = this.all<{ id: number; slug: string }>(
      `SELECT x.id AS "id", r.slug AS "slug" FROM ${kind} x JOIN recommendation r ON r.id = x.recommendation_id
       WHERE x.id IN (SELECT value FROM json_each(?))`,
      JSON.stringify([...new Set(ids)]),
    );
    return new Map(rows.map((r) => [r.id, r.slug]));
  }

  // ---- what the pages show ------------------------------------------------------------------------

  recommendationTitle(slug: string): string | undefined {
    return this.get<{ title: string }>(`SELECT title AS "title" FROM recommendation WHERE slug = ?`, slug)?.title;
  }

  topics(): Array<{ slug: string; name: string }> {
    return this.all(`SELECT slug AS "slug", name AS "name" FROM topic ORDER BY name, slug`);
  }
}
