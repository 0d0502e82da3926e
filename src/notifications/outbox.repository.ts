/**
 * The SQL of the outbox: inserting notifications (deduplicated), digests, claims, completion, retries and the admin list.
 *
 * Statements run on the raw better-sqlite3 connection (database/sqlite/statements.ts). Writes run
 * inside a synchronous transaction of the one transaction mechanism (Transactions.runSync in
 * database/transactions.ts), started by the service where the unit of work begins: it queues behind
 * any open transaction, then runs whole (BEGIN IMMEDIATE); nothing can interleave with it. The claim
 * is one conditional UPDATE … RETURNING, which is what makes concurrent dispatchers safe.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqliteStatements } from '../database/sqlite/statements';
import type { NotificationKind, NotificationState } from './notification-keys';

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

const notificationColumns = (p = '') => `${p}id AS "id", ${p}subscription_id AS "subscriptionId", ${p}kind AS "kind",
  ${p}dedupe_key AS "dedupeKey", ${p}state AS "state", ${p}deadline_id AS "deadlineId", ${p}status_change_id AS "statusChangeId",
  ${p}finding_id AS "findingId", ${p}reminder_days AS "reminderDays", ${p}digest_date AS "digestDate", ${p}digest_id AS "digestId",
  ${p}attempts AS "attempts", ${p}next_attempt_at AS "nextAttemptAt", ${p}lease_until AS "leaseUntil", ${p}leased_by AS "leasedBy",
  ${p}last_error AS "lastError", ${p}message_id AS "messageId", ${p}sent_at AS "sentAt", ${p}created_at AS "createdAt"`;

const NOTIFICATION_COLUMNS = notificationColumns();

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
export class OutboxRepository extends SqliteStatements {
  constructor(dataSource: DataSource) {
    super(dataSource);
  }

  // ---- the outbox ---------------------------------------------------------------------------------

  /**
   * Inserts what is not there yet (by dedupe key); returns how many rows are new. Call inside
   * runSync(). A key already present writes nothing: it is looked up first, because a bare
   * ON CONFLICT DO NOTHING still takes an AUTOINCREMENT id for every row it skips.
   */
  insertNotifications(rows: NewNotification[]): number {
    const insert = this.stmt(
      `INSERT INTO notification (subscription_id, kind, dedupe_key, state, deadline_id, status_change_id, finding_id, reminder_days,
         digest_date, attempts, next_attempt_at, created_at)
       SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?
       WHERE NOT EXISTS (SELECT 1 FROM notification WHERE dedupe_key = ?) ON CONFLICT (dedupe_key) DO NOTHING`,
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
        r.dedupeKey,
      ).changes;
    }
    return inserted;
  }

  idOfDedupeKey(dedupeKey: string): number | undefined {
    return this.get<{ id: number }>(`SELECT id FROM notification WHERE dedupe_key = ?`, dedupeKey)?.id;
  }

  /**
   * Queued reminders and missed notices whose deadline has since settled (met, extended, withdrawn…):
   * of the deadlines `among` (the ones that changed since the last scan), or of all when null.
   */
  cancelSettled(among: number[] | null = null): number {
    if (among?.length === 0) return 0;
    const ids = among === null ? null : JSON.stringify(among);
    const settled = (states: string) =>
      `SELECT id FROM deadline WHERE state NOT IN (${states}) AND (? IS NULL OR id IN (SELECT value FROM json_each(?)))`;
    return (
      this.run(
        `UPDATE notification SET state = 'cancelled', last_error = 'the deadline is no longer open'
         WHERE state IN ('pending', 'held') AND kind = 'reminder' AND deadline_id IN (${settled(`'open'`)})`,
        ids,
        ids,
      ) +
      this.run(
        `UPDATE notification SET state = 'cancelled', last_error = 'the deadline was met, extended or withdrawn'
         WHERE state IN ('pending', 'held') AND kind = 'missed' AND deadline_id IN (${settled(`'open', 'missed'`)})`,
        ids,
        ids,
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
   * statement per kind of claim, re-checking the condition on every row it updates, so two
   * dispatchers never hold the same row. Counts the attempt.
   *
   * Confirmation emails first: someone is waiting for theirs, and it must not queue behind a backlog
   * of reminders. They are found through their subscriptions, which are still pending (few: they
   * are capped per mailbox and pruned), so looking for them costs little however long the backlog.
   */
  claimDue(worker: string, n: number, leaseMs: number, now: Date): NotificationRow[] {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const dueAs = (p: string) =>
      `((${p}state = 'pending' AND ${p}next_attempt_at <= ?) OR (${p}state = 'sending' AND ${p}lease_until < ?))`;
    // The candidates are re-checked by id (the unary + keeps SQLite from reading every due row
    // through the indexes to find them).
    const claim = (candidates: string, ...params: unknown[]) =>
      this.all<NotificationRow>(
        `UPDATE notification SET state = 'sending', leased_by = ?, lease_until = ?, attempts = attempts + 1
         WHERE id IN (${candidates}) AND ${dueAs('+')}
         RETURNING ${NOTIFICATION_COLUMNS}`,
        worker,
        leaseUntil,
        ...params,
        at,
        at,
      );
    // SQLite: CROSS JOIN keeps the pending subscriptions as the outer loop, and the unary + keeps the
    // planner off the due index (every due row of a backlog) for the inner one.
    const confirmations = claim(
      `SELECT n.id FROM subscription s CROSS JOIN notification n ON n.subscription_id = s.id
       WHERE s.state = 'pending' AND n.kind = 'confirm' AND ${dueAs('+n.')}
       ORDER BY n.next_attempt_at, n.id LIMIT ?`,
      at,
      at,
      n,
    );
    // The due pending rows and the expired claims each read from their own index, in order and
    // limited, before the two are merged: one condition with OR made SQLite read and sort every due
    // row of a backlog on each claim (100–300 ms a claim at 100,000 due; 0.1–0.3 ms this way).
    const wanted = n - confirmations.length;
    const rest =
      wanted > 0
        ? claim(
            `SELECT id FROM (
               SELECT id, next_attempt_at FROM (
                 SELECT id, next_attempt_at FROM notification WHERE state = 'pending' AND next_attempt_at <= ?
                 ORDER BY next_attempt_at, id LIMIT ?)
               UNION ALL
               SELECT id, next_attempt_at FROM (
                 SELECT id, next_attempt_at FROM notification WHERE state = 'sending' AND lease_until < ? LIMIT ?))
             ORDER BY next_attempt_at, id LIMIT ?`,
            at,
            wanted,
            at,
            wanted,
            wanted,
          )
        : [];
    return [...confirmations.sort((a, b) => a.id - b.id), ...rest.sort((a, b) => a.id - b.id)];
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
}
