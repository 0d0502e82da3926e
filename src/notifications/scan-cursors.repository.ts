/**
 * The SQL the notification scan reads (deadline candidates, new events, topics) and its cursors.
 *
 *
 * Statements run through database/raw-statements.ts, in the caller's transaction (Transactions.run in
 * database/transactions.ts, started by the service where the unit of work begins) when there is one.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RawStatements, SqlStatement } from '../database/raw-statements';
import type { DeadlineState } from '../deadlines/rules/deadline-clock';

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
  /** For a deadline_revision: the deadline whose outcome it records. */
  deadlineId?: number;
}

/** The append-only tables whose new rows the scan announces. */
export type EventTable = 'status_change' | 'finding' | 'deadline_revision';

/** Deadline states that are an outcome worth a notice (missed has its own). */
const OUTCOME_STATES = `('met', 'partly_met', 'extended', 'withdrawn')`;

const DEADLINE_CURSOR = 'scan:';

/**
 * The name of the cursor of what the scans have seen of deadlines (the last deadline revision, and the
 * time of the last scan that found something new): one per time zone, since local days decide
 * reminder windows.
 */
export const deadlineCursor = (timeZone: string) => DEADLINE_CURSOR + timeZone;

/** The facets of recommendation `r` (joined as `r`). */
const FACET_COLUMNS = `r.id AS "recommendationId", r.slug AS "recommendation", ra.slug AS "responsible", rs.slug AS "source"`;

const FACET_JOINS = `JOIN recommendation r ON r.id = x.recommendation_id
  LEFT JOIN actor ra ON ra.id = r.responsible_id
  JOIN source rs ON rs.id = r.source_id`;

/** Where a page of deadlines starts after: the last row of the page before. */
type DeadlineKey = { closesAt: string; id: number };

@Injectable()
export class ScanCursorsRepository extends RawStatements {
  constructor(dataSource: DataSource) {
    super(dataSource);
  }

  // ---- what the scan reads ------------------------------------------------------------------------

  /** Open deadlines closing in (from, to]: `limit` of them after `after` (closes_at, then id), so a scan reads them in pages. */
  openDeadlinesClosingBetween(from: string, to: string, after: DeadlineKey | null, limit: number): Promise<DeadlineCandidate[]> {
    return this.deadlinePage(`x.state = 'open'`, 'x.closes_at <= ?', from, to, after, limit);
  }

  /**
   * Deadlines that closed in (from, to) without being met: still open, or marked missed; `limit` of
   * them after `after` (closes_at, then id), so that a first scan reads them in pages.
   */
  unmetDeadlinesClosedBetween(from: string, to: string, after: DeadlineKey | null, limit: number): Promise<DeadlineCandidate[]> {
    // The state is kept off its indexes (noIndex): by (state, closes_at) the two states came in two
    // ranges that SQLite merged by sorting every row past the key, for each page (0.1-0.4 s a page at
    // 100,000 items); by closes_at alone the walk is in page order and stops at `limit`.
    return this.deadlinePage(`${this.dialect.noIndex}x.state IN ('open', 'missed')`, 'x.closes_at < ?', from, to, after, limit);
  }

  /**
   * A page of deadlines in `state`, by (closes_at, id) past `after` (or closes_at past `from` on the
   * first page; closes_at bounded on its own so the close index is a range) and up to `to` (`upTo`).
   */
  private async deadlinePage(
    state: string,
    upTo: string,
    from: string,
    to: string,
    after: DeadlineKey | null,
    limit: number,
  ): Promise<DeadlineCandidate[]> {
    const past = after
      ? { sql: 'x.closes_at >= ? AND (x.closes_at > ? OR x.id > ?)', params: [after.closesAt, after.closesAt, after.id] }
      : { sql: 'x.closes_at > ?', params: [from] };
    return await this.all(
      `SELECT x.id AS "id", x.closes_at AS "closesAt", x.state AS "state", ${FACET_COLUMNS}
       FROM deadline x ${FACET_JOINS}
       WHERE ${state} AND ${past.sql} AND ${upTo}
       ORDER BY x.closes_at, x.id LIMIT ?`,
      ...past.params,
      to,
      limit,
    );
  }

  /**
   * Where a scan of an append-only table may stop: its highest id, once every row with a lower id is
   * visible or never will be. On SQLite writers take turns, so ids commit in order and that is simply
   * MAX(id). On PostgreSQL a transaction that took a lower id can commit after one that took a higher
   * id (the app's writers take the writer lock, but an import, a script or a DBA's session may not):
   * a scan that moved its cursor past the higher one would never see the lower one. So the highest id
   * is read with the snapshot's xmax, and the scan waits (up to `settleMs`) until every transaction
   * older than that has ended. If one is still open then, the answer is `settled: false`: the scan
   * may owe what it sees (dedupe keys make a second look harmless) but must not move the cursor.
   */
  async settledMaxId(table: EventTable, settleMs: number): Promise<{ upTo: number; settled: boolean }> {
    if (!this.postgres) {
      return { upTo: (await this.get<{ id: number | null }>(`SELECT MAX(id) AS "id" FROM ${table}`))?.id ?? 0, settled: true };
    }
    const top = await this.get<{ id: number | null; xmax: string }>(
      `SELECT MAX(id) AS "id", pg_snapshot_xmax(pg_current_snapshot())::text AS "xmax" FROM ${table}`,
    );
    const upTo = top?.id ?? 0;
    const until = Date.now() + settleMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
      const done = await this.get<{ done: boolean }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot()) >= CAST(? AS xid8) AS "done"`,
        top!.xmax,
      );
      if (done?.done) return { upTo, settled: true };
      if (Date.now() >= until) return { upTo, settled: false };
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** The deadlines among `ids` that closed before `to` without being met. */
  async unmetDeadlinesClosedAmong(ids: number[], to: string): Promise<DeadlineCandidate[]> {
    if (ids.length === 0) return [];
    return await this.all(
      `SELECT x.id AS "id", x.closes_at AS "closesAt", x.state AS "state", ${FACET_COLUMNS}
       FROM deadline x ${FACET_JOINS}
       WHERE ${this.dialect.inList('x.id')} AND x.state IN ('open', 'missed') AND x.closes_at < ? ORDER BY x.closes_at, x.id`,
      this.dialect.list(ids),
      to,
    );
  }

  /**
   * The deadlines added or changed with revision ids in (afterId, upToId]: every insert and every
   * change of a deadline writes a revision (the deadline_revision triggers), so this is what changed
   * since a scan that had seen revisions up to afterId.
   */
  async deadlinesRevisedBetween(afterId: number, upToId: number): Promise<number[]> {
    return (
      await this.all<{ id: number }>(
        `SELECT DISTINCT deadline_id AS "id" FROM deadline_revision WHERE id > ? AND id <= ?`,
        afterId,
        upToId,
      )
    ).map((r) => r.id);
  }

  /**
   * Rows of an append-only table with ids in (afterId, upToId], recorded at or after `since`, by id:
   * the status changes or findings a scan has not looked at yet that someone could be owed.
   */
  async eventsBetween(
    table: EventTable,
    afterId: number,
    upToId: number,
    since: string,
    limit: number,
  ): Promise<EventCandidate[]> {
    if (table === 'deadline_revision') return this.outcomesBetween(afterId, upToId, since, limit);
    return await this.all(
      `SELECT x.id AS "id", x.recorded_at AS "recordedAt", ${FACET_COLUMNS}
       FROM ${table} x ${FACET_JOINS} WHERE x.id > ? AND x.id <= ? AND x.recorded_at >= ? ORDER BY x.id LIMIT ?`,
      afterId,
      upToId,
      since,
      limit,
    );
  }

  /**
   * Deadline revisions in (afterId, upToId] recorded at or after `since` that record an outcome (met,
   * partly met, extended, withdrawn) different from the deadline's state just before: the outcome
   * notices owed. A deadline's first revision is never one (an import of a settled deadline is history).
   */
  private async outcomesBetween(afterId: number, upToId: number, since: string, limit: number): Promise<EventCandidate[]> {
    return await this.all(
      `SELECT x.id AS "id", x.recorded_at AS "recordedAt", x.deadline_id AS "deadlineId", ${FACET_COLUMNS}
       FROM deadline_revision x JOIN deadline dl ON dl.id = x.deadline_id
       JOIN recommendation r ON r.id = dl.recommendation_id
       LEFT JOIN actor ra ON ra.id = r.responsible_id
       JOIN source rs ON rs.id = r.source_id
       WHERE x.id > ? AND x.id <= ? AND x.recorded_at >= ? AND x.state IN ${OUTCOME_STATES}
         AND (SELECT p.state FROM deadline_revision p WHERE p.deadline_id = x.deadline_id AND p.id < x.id
              ORDER BY p.id DESC LIMIT 1) <> x.state
       ORDER BY x.id LIMIT ?`,
      afterId,
      upToId,
      since,
      limit,
    );
  }

  /** How an import asked these records to be announced, for those an import marked (see NotificationImportMark). */
  async importMarks(table: 'status_change' | 'finding', ids: number[]): Promise<Map<number, 'none' | 'digest'>> {
    if (ids.length === 0) return new Map();
    const rows = await this.all<{ id: number; mode: 'none' | 'digest' }>(
      `SELECT record_id AS "id", mode AS "mode" FROM notification_import_mark
       WHERE record_table = ? AND ${this.dialect.inList('record_id')}`,
      table,
      this.dialect.list(ids),
    );
    return new Map(rows.map((r) => [r.id, r.mode]));
  }

  async topicsByRecommendation(recommendationIds: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (recommendationIds.length === 0) return out;
    const rows = await this.all<{ rid: number; slug: string }>(
      `SELECT rt.recommendation_id AS rid, t.slug AS slug FROM recommendation_topic rt JOIN topic t ON t.id = rt.topic_id
       WHERE ${this.dialect.inList('rt.recommendation_id')}`,
      this.dialect.list([...new Set(recommendationIds)]),
    );
    for (const r of rows) {
      const list = out.get(r.rid);
      if (list) list.push(r.slug);
      else out.set(r.rid, [r.slug]);
    }
    return out;
  }

  /**
   * Records a scan of deadlines: the last revision it saw (never moved back) and its time. Written
   * only by a scan that found something new (a first scan, a window or deadline that made it look at
   * everyone, a revision, a subscriber confirmed since): a scan with nothing new leaves the time where
   * it was, so the next one still computes from there.
   */
  async markScan(name: string, lastId: number, now: string): Promise<void> {
    await this.execute(this.markScanStatement(name, lastId, now));
  }

  /** markScan's statement, to run in another transaction (the write worker's, with the scan's last rows). */
  markScanStatement(name: string, lastId: number, now: string): SqlStatement {
    return {
      sql: `INSERT INTO notification_cursor (name, last_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET updated_at = excluded.updated_at,
         last_id = CASE WHEN excluded.last_id > notification_cursor.last_id THEN excluded.last_id ELSE notification_cursor.last_id END`,
      params: [name, lastId, now],
    };
  }

  /** A cursor with the time of the scan that last moved it, or undefined if no scan has. */
  async cursorMark(name: string): Promise<{ lastId: number; at: string } | undefined> {
    return await this.get(`SELECT last_id AS "lastId", updated_at AS "at" FROM notification_cursor WHERE name = ?`, name);
  }

  /**
   * Forgets what the scans have seen of deadlines, so the next scan computes every reminder and
   * missed notice again (dedupe keys drop what was already written): after a change that makes a
   * subscription owed what it was not (new settings, subscriptions restored, a suppression lifted).
   * Call inside the transaction of that change.
   */
  async forgetDeadlineScans(): Promise<void> {
    await this.run(`DELETE FROM notification_cursor WHERE substr(name, 1, ?) = ?`, DEADLINE_CURSOR.length, DEADLINE_CURSOR);
  }

  async cursor(name: string): Promise<number> {
    return (
      (await this.get<{ lastId: number }>(`SELECT last_id AS "lastId" FROM notification_cursor WHERE name = ?`, name))?.lastId ??
      0
    );
  }

  /**
   * Moves a cursor forward (never back, whoever else scanned meanwhile). A scan that found nothing
   * new writes nothing: a write would move the data version and empty every cached answer.
   */
  async advanceCursor(name: string, lastId: number, now: string): Promise<void> {
    await this.execute(this.advanceCursorStatement(name, lastId, now));
  }

  /** advanceCursor's statement, to run in another transaction (the write worker's, with the rows of a page). */
  advanceCursorStatement(name: string, lastId: number, now: string): SqlStatement {
    return {
      sql: `INSERT INTO notification_cursor (name, last_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at
       WHERE excluded.last_id > notification_cursor.last_id`,
      params: [name, lastId, now],
    };
  }

  /** Recommendation slugs of the items notifications refer to, to load their views once per batch. */
  async recommendationSlugsOf(kind: 'deadline' | 'status_change' | 'finding', ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.all<{ id: number; slug: string }>(
      `SELECT x.id AS "id", r.slug AS "slug" FROM ${kind} x JOIN recommendation r ON r.id = x.recommendation_id
       WHERE ${this.dialect.inList('x.id')}`,
      this.dialect.list([...new Set(ids)]),
    );
    return new Map(rows.map((r) => [r.id, r.slug]));
  }
}
