/**
 * The SQL of the outbox: inserting notifications (deduplicated), digests, claims, completion, retries and the admin list.
 *
 *
 * Statements run through database/raw-statements.ts, in the caller's transaction (Transactions.run in
 * database/transactions.ts, started by the service where the unit of work begins) when there is one.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RawStatements, SqlStatement } from '../database/raw-statements';
import { SqlConditions } from '../database/sql-conditions';
import { likePattern } from '../database/sql-dialect';
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

/** The outbox at a glance, for /health. */
/** Counts up to HEALTH_COUNT_LIMIT: a count equal to it means at least that many. */
export interface OutboxHealthCounts {
  pending: number;
  sending: number;
  dead: number;
  /** created_at of the oldest pending notification, null when none is pending. */
  oldestPendingAt: string | null;
}

/**
 * How far /health counts each state: a count walks its index entry by entry, on the event loop (about
 * 30 ms per 100,000 rows), so a backlog of 500,000 made every probe stall every request for
 * 150 ms. At the limit, the count says "at least this many". 1,000 (0.3 ms), not 10,000 (3 ms): probed
 * back to back during a scan of 100,000 subscribers, counting to 10,000 took about a sixth of the event
 * loop (3,400 probes in a 60 s scan).
 * The oldest pending age says how far behind a larger backlog is.
 */
export const HEALTH_COUNT_LIMIT = 1_000;

const countUpToLimit = (state: NotificationState) =>
  `(SELECT COUNT(*) FROM (SELECT 1 FROM notification WHERE state = '${state}' LIMIT ${HEALTH_COUNT_LIMIT}) AS counted)`;

/** The /health counts (exported so a test can check its query plan). */
export const OUTBOX_HEALTH_SQL = `SELECT ${countUpToLimit('pending')} AS "pending",
  ${countUpToLimit('sending')} AS "sending",
  ${countUpToLimit('dead')} AS "dead",
  (SELECT MIN(created_at) FROM notification WHERE state = 'pending') AS "oldestPendingAt"`;

/** What the admin's outbox list and bulk retry select by. */
export interface OutboxFilter {
  state?: NotificationState;
  kind?: NotificationKind;
  /** A substring of lastError, case-insensitive. */
  error?: string;
}

/** The conditions of an outbox filter on the notification table (aliased `p`, e.g. 'n.'). */
function outboxFilter(f: OutboxFilter, p = ''): SqlConditions {
  const where = new SqlConditions();
  if (f.state !== undefined) where.add(`${p}state = ?`, f.state);
  if (f.kind !== undefined) where.add(`${p}kind = ?`, f.kind);
  if (f.error !== undefined)
    where.add(`LOWER(COALESCE(${p}last_error, '')) LIKE ? ESCAPE '\\'`, likePattern(f.error.toLowerCase()));
  return where;
}

/** Rows per INSERT statement (11 parameters each, well under either engine's limit). */
const INSERT_CHUNK = 500;
const NEW_NOTIFICATION_VALUES = '(?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)';
const NEW_NOTIFICATION_COLUMNS = `subscription_id, kind, dedupe_key, state, deadline_id, status_change_id, finding_id, reminder_days,
  digest_date, attempts, next_attempt_at, created_at`;

const newNotificationValues = (r: NewNotification): unknown[] => [
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
];

/** SQLite's insert of one notification (see insertStatement). */
const SQLITE_INSERT_NOTIFICATION = `INSERT INTO notification (${NEW_NOTIFICATION_COLUMNS})
  SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?
  WHERE NOT EXISTS (SELECT 1 FROM notification WHERE dedupe_key = ?) ON CONFLICT (dedupe_key) DO NOTHING`;

/** Which queued notifications cancelSettledStatements looks at. */
export type SettledScope =
  /** All of them (a first scan). */
  | 'all'
  /** Those of these deadlines (the ones that changed since the last scan). */
  | { deadlines: number[] }
  /** Those with ids in (afterId, upToId]: all of them, a page at a time. */
  | { afterId: number; upToId: number };

@Injectable()
export class OutboxRepository extends RawStatements {
  constructor(dataSource: DataSource) {
    super(dataSource);
  }

  // ---- the outbox ---------------------------------------------------------------------------------

  /**
   * Inserts what is not there yet (by dedupe key); returns how many rows are new. A key already
   * present writes nothing. SQLite: each key is looked up first, because a bare ON CONFLICT DO NOTHING
   * still takes an AUTOINCREMENT id for every row it skips. PostgreSQL: rows go 500 to a statement
   * (a round trip each); a skipped row spends a sequence value there, which costs nothing.
   */
  /**
   * Whether inserting holds the event loop while it runs: SQLite's statements are synchronous; on
   * PostgreSQL the process waits for the server with the event loop free (so there a caller gains
   * nothing by inserting fewer rows at a time, and loses round trips).
   */
  get insertsHoldTheEventLoop(): boolean {
    return !this.postgres;
  }

  async insertNotifications(rows: NewNotification[]): Promise<number> {
    let inserted = 0;
    if (!this.postgres) {
      for (const r of rows) inserted += await this.execute(this.insertStatement(r));
      return inserted;
    }
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK);
      inserted += await this.run(
        `INSERT INTO notification (${NEW_NOTIFICATION_COLUMNS})
         VALUES ${chunk.map(() => NEW_NOTIFICATION_VALUES).join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
        ...chunk.flatMap(newNotificationValues),
      );
    }
    return inserted;
  }

  /**
   * SQLite's insert of one notification unless its dedupe key is there (see insertNotifications), to
   * run here or in the write worker's transaction (sqlite/write-worker.ts): 1 row changed if it was new.
   */
  insertStatement(r: NewNotification): SqlStatement {
    const params = newNotificationValues(r);
    params.push(r.dedupeKey);
    return { sql: SQLITE_INSERT_NOTIFICATION, params };
  }

  async idOfDedupeKey(dedupeKey: string): Promise<number | undefined> {
    return (await this.get<{ id: number }>(`SELECT id AS "id" FROM notification WHERE dedupe_key = ?`, dedupeKey))?.id;
  }

  /**
   * Queued reminders and missed notices whose deadline has since settled (met, extended, withdrawn…):
   * of the deadlines `among` (the ones that changed since the last scan), or of all when null.
   */
  async cancelSettled(among: number[] | null = null): Promise<number> {
    if (among?.length === 0) return 0;
    let cancelled = 0;
    for (const statement of this.cancelSettledStatements(among === null ? 'all' : { deadlines: among }))
      cancelled += await this.execute(statement);
    return cancelled;
  }

  /**
   * The two statements of cancelSettled (reminders, then missed notices) for a scope: run here or in
   * the write worker's transaction, the rows changed are those cancelled. Each looks up only the
   * queued notifications' own deadlines (the deadline's primary key), never the list of every settled
   * deadline. Of given deadlines: their queued rows (ix_notification_deadline), not every queued row
   * (at 500,000 pending that took 190 ms for a scan with one changed deadline). Of all: every queued
   * row (the state's index), or a page of ids (the state kept off its indexes, so that the page is a
   * range of the primary key and costs the same however many are queued).
   */
  cancelSettledStatements(scope: SettledScope): SqlStatement[] {
    const { noIndex, inList, list } = this.dialect;
    const queued =
      scope === 'all'
        ? { sql: `state IN ('pending', 'held')`, params: [] as unknown[] }
        : 'deadlines' in scope
          ? { sql: `${inList('deadline_id')} AND state IN ('pending', 'held')`, params: [list(scope.deadlines)] }
          : { sql: `id > ? AND id <= ? AND ${noIndex}state IN ('pending', 'held')`, params: [scope.afterId, scope.upToId] };
    const cancel = (kind: 'reminder' | 'missed', settled: string, error: string): SqlStatement => ({
      sql: `UPDATE notification SET state = 'cancelled', last_error = '${error}'
         WHERE ${queued.sql} AND kind = '${kind}'
           AND EXISTS (SELECT 1 FROM deadline d WHERE d.id = notification.deadline_id AND ${settled})`,
      params: queued.params,
    });
    return [
      cancel('reminder', `d.state <> 'open'`, 'the deadline is no longer open'),
      cancel('missed', `d.state NOT IN ('open', 'missed')`, 'the deadline was met, extended or withdrawn'),
    ];
  }

  /** The highest notification id (0 when there is none): where a walk by id ends. */
  async lastNotificationId(): Promise<number> {
    return (await this.get<{ id: number | null }>(`SELECT MAX(id) AS "id" FROM notification`))?.id ?? 0;
  }

  async heldNotifications(): Promise<Array<{ id: number; subscriptionId: number; createdAt: string }>> {
    return await this.all(
      `SELECT id AS "id", subscription_id AS "subscriptionId", created_at AS "createdAt" FROM notification WHERE state = 'held' ORDER BY id`,
    );
  }

  /** Folds held notifications into the digest with this id. */
  async foldIntoDigest(digestId: number, ids: number[]): Promise<number> {
    return await this.run(
      `UPDATE notification SET state = 'digested', digest_id = ? WHERE state = 'held' AND ${this.dialect.inList('id')}`,
      digestId,
      this.dialect.list(ids),
    );
  }

  async digestItems(digestId: number): Promise<NotificationRow[]> {
    return await this.all(`SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE digest_id = ? ORDER BY id`, digestId);
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
  async claimDue(worker: string, n: number, leaseMs: number, now: Date): Promise<NotificationRow[]> {
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
    const { noIndex, joinInOrder } = this.dialect;
    const dueAs = (p: string) =>
      `((${p}state = 'pending' AND ${p}next_attempt_at <= ?) OR (${p}state = 'sending' AND ${p}lease_until < ?))`;
    // The candidates are re-checked by id (SQLite: the unary + keeps it from reading every due row
    // through the indexes to find them). PostgreSQL: they are materialized once (it may run a LIMIT
    // sub-query inside an UPDATE's WHERE more than once, and claim more than n), and rows another
    // dispatcher is claiming are skipped (skipLocked in each candidate query).
    const claim = (candidates: string, ...params: unknown[]) =>
      this.all<NotificationRow>(
        this.postgres
          ? `WITH chosen AS MATERIALIZED (${candidates})
             UPDATE notification SET state = 'sending', leased_by = ?, lease_until = ?, attempts = attempts + 1
             WHERE id IN (SELECT id FROM chosen) AND ${dueAs('')}
             RETURNING ${NOTIFICATION_COLUMNS}`
          : `UPDATE notification SET state = 'sending', leased_by = ?, lease_until = ?, attempts = attempts + 1
             WHERE id IN (${candidates}) AND ${dueAs(noIndex)}
             RETURNING ${NOTIFICATION_COLUMNS}`,
        ...(this.postgres ? [...params, worker, leaseUntil] : [worker, leaseUntil, ...params]),
        at,
        at,
      );
    // SQLite: CROSS JOIN keeps the pending subscriptions as the outer loop, and the unary + keeps the
    // planner off the due index (every due row of a backlog) for the inner one.
    const confirmations = await claim(
      `SELECT n.id FROM subscription s ${joinInOrder} notification n ON n.subscription_id = s.id
       WHERE s.state = 'pending' AND n.kind = 'confirm' AND ${dueAs(`${noIndex}n.`)}
       ORDER BY n.next_attempt_at, n.id LIMIT ? ${this.dialect.skipLockedOf('n')}`,
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
        ? await claim(
            `SELECT id FROM (
               SELECT id, next_attempt_at FROM (
                 SELECT id, next_attempt_at FROM notification WHERE state = 'pending' AND next_attempt_at <= ?
                 ORDER BY next_attempt_at, id LIMIT ? ${this.dialect.skipLocked}) AS due
               UNION ALL
               SELECT id, next_attempt_at FROM (
                 SELECT id, next_attempt_at FROM notification WHERE state = 'sending' AND lease_until < ?
                 LIMIT ? ${this.dialect.skipLocked}) AS expired) AS candidates
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
  async finish(
    id: number,
    worker: string,
    outcome:
      | { state: 'sent'; at: string; messageId: string }
      | { state: 'pending'; nextAttemptAt: string; error: string; refundAttempt?: boolean }
      | { state: 'dead' | 'cancelled'; error: string },
  ): Promise<boolean> {
    const owned = `WHERE id = ? AND state = 'sending' AND leased_by = ?`;
    switch (outcome.state) {
      case 'sent':
        return (
          (await this.run(
            `UPDATE notification SET state = 'sent', sent_at = ?, message_id = ?, lease_until = NULL, last_error = NULL ${owned}`,
            outcome.at,
            outcome.messageId,
            id,
            worker,
          )) > 0
        );
      case 'pending':
        return (
          (await this.run(
            `UPDATE notification SET state = 'pending', next_attempt_at = ?, last_error = ?, lease_until = NULL,
               attempts = CASE WHEN attempts > ? THEN attempts - ? ELSE 0 END ${owned}`,
            outcome.nextAttemptAt,
            outcome.error,
            outcome.refundAttempt ? 1 : 0,
            outcome.refundAttempt ? 1 : 0,
            id,
            worker,
          )) > 0
        );
      default:
        return (
          (await this.run(
            `UPDATE notification SET state = ?, last_error = ?, lease_until = NULL ${owned}`,
            outcome.state,
            outcome.error,
            id,
            worker,
          )) > 0
        );
    }
  }

  /**
   * Gives claims of `worker` back untried: pending again at `nextAttemptAt`, the claim's attempt not
   * counted. Returns how many were still its own.
   */
  async releaseClaims(ids: number[], worker: string, nextAttemptAt: string, error: string): Promise<number> {
    if (ids.length === 0) return 0;
    return await this.run(
      `UPDATE notification SET state = 'pending', next_attempt_at = ?, last_error = ?, lease_until = NULL,
         attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
       WHERE ${this.dialect.inList('id')} AND state = 'sending' AND leased_by = ?`,
      nextAttemptAt,
      error,
      this.dialect.list(ids),
      worker,
    );
  }

  /** The workers holding claims whose id starts with `prefix` (this host's: `host:`). */
  async claimHoldersStartingWith(prefix: string): Promise<string[]> {
    return (
      await this.all<{ worker: string }>(
        `SELECT DISTINCT leased_by AS "worker" FROM notification WHERE state = 'sending' AND SUBSTR(leased_by, 1, ?) = ?`,
        prefix.length,
        prefix,
      )
    ).map((r) => r.worker);
  }

  /**
   * Gives every claim of `worker`, a process that is gone, back: pending at `now`. The attempt stays
   * counted (the email may have gone out before the process died). Returns how many.
   */
  async releaseClaimsOfGone(worker: string, now: string): Promise<number> {
    return await this.run(
      `UPDATE notification SET state = 'pending', next_attempt_at = ?, lease_until = NULL,
         last_error = 'claimed by a process that is gone; released when its successor started'
       WHERE state = 'sending' AND leased_by = ?`,
      now,
      worker,
    );
  }

  async findNotification(id: number): Promise<NotificationRow | undefined> {
    return await this.get(`SELECT ${NOTIFICATION_COLUMNS} FROM notification WHERE id = ?`, id);
  }

  /**
   * The outbox, newest first, optionally in one state, of one kind, or with `error` in its last error
   * (case-insensitive); keyset on id. Returns limit+1 rows at most.
   */
  async listNotifications(
    filter: NotificationState | undefined | OutboxFilter,
    beforeId: number | undefined,
    limit: number,
  ): Promise<Array<NotificationRow & { email: string }>> {
    const where = outboxFilter(typeof filter === 'object' ? filter : { state: filter }, 'n.');
    if (beforeId !== undefined) where.add(`n.id < ?`, beforeId);
    return await this.all(
      `SELECT ${notificationColumns('n.')}, s.email AS "email"
       FROM notification n JOIN subscription s ON s.id = n.subscription_id
       ${where.where}
       ORDER BY n.id DESC LIMIT ?`,
      ...where.params,
      limit + 1,
    );
  }

  /**
   * Dead (or pending) notifications matching the filter → pending, due now, with a fresh count of
   * attempts. Returns how many.
   */
  async retryMatching(filter: OutboxFilter & { state: 'dead' | 'pending' }, now: string): Promise<number> {
    const where = outboxFilter(filter);
    return await this.run(
      `UPDATE notification SET state = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, leased_by = NULL
       ${where.where}`,
      now,
      ...where.params,
    );
  }

  /** dead → pending, due now, with a fresh count of attempts. Returns whether it was dead. */
  async retryDead(id: number, now: string): Promise<boolean> {
    return (
      (await this.run(
        `UPDATE notification SET state = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, leased_by = NULL WHERE id = ? AND state = 'dead'`,
        now,
        id,
      )) > 0
    );
  }

  /**
   * Counts for /health, each from an index (ix_notification_due and ix_notification_state_created:
   * a range of one state, never a scan of the table) and up to HEALTH_COUNT_LIMIT, so a probe stays
   * cheap however large the outbox.
   * Through TypeORM, not the SQLite statements: it has no parameters and runs as is on either engine.
   */
  async healthCounts(): Promise<OutboxHealthCounts> {
    const [row] = await this.dataSource.query(OUTBOX_HEALTH_SQL);
    return {
      pending: Number(row.pending),
      sending: Number(row.sending),
      dead: Number(row.dead),
      oldestPendingAt: row.oldestPendingAt ?? null,
    };
  }

  /**
   * Deletes up to `limit` finished notifications (sent, cancelled, digested) created before `before`
   * whose dedupe key no scan can need again: never a missed notice (owed for as long as its deadline
   * stays unmet), nor a reminder whose deadline still closes after `now` (its window could reopen the
   * key). Status changes, findings, digests and confirmations are keyed by what only grows (cursors,
   * dates, counts). Returns how many were deleted.
   */
  async pruneFinished(before: string, now: string, limit: number): Promise<number> {
    return await this.run(
      `DELETE FROM notification WHERE id IN (
         SELECT n.id FROM notification n
         WHERE n.state IN ('sent', 'cancelled', 'digested') AND n.created_at < ? AND n.kind <> 'missed'
           AND NOT (n.kind = 'reminder' AND EXISTS (SELECT 1 FROM deadline d WHERE d.id = n.deadline_id AND d.closes_at > ?))
         LIMIT ?)`,
      before,
      now,
      limit,
    );
  }
}
