/**
 * The SQL the notification scan reads (deadline candidates, new events, topics) and its cursors.
 *
 * Statements run on the raw better-sqlite3 connection (database/sqlite/statements.ts). Writes run
 * inside a synchronous transaction of the one transaction mechanism (Transactions.runSync in
 * database/transactions.ts), started by the service where the unit of work begins: it queues behind
 * any open transaction, then runs whole (BEGIN IMMEDIATE); nothing can interleave with it.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqliteStatements } from '../database/sqlite/statements';
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

/** The facets of recommendation `r` (joined as `r`). */
const FACET_COLUMNS = `r.id AS "recommendationId", r.slug AS "recommendation", ra.slug AS "responsible", rs.slug AS "source"`;

const FACET_JOINS = `JOIN recommendation r ON r.id = x.recommendation_id
  LEFT JOIN actor ra ON ra.id = r.responsible_id
  JOIN source rs ON rs.id = r.source_id`;

@Injectable()
export class ScanCursorsRepository extends SqliteStatements {
  constructor(dataSource: DataSource) {
    super(dataSource);
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
  maxId(table: EventTable): number {
    return this.get<{ id: number | null }>(`SELECT MAX(id) AS "id" FROM ${table}`)?.id ?? 0;
  }

  /**
   * Rows of an append-only table with ids in (afterId, upToId], recorded at or after `since`, by id:
   * the status changes or findings a scan has not looked at yet that someone could be owed.
   */
  eventsBetween(table: EventTable, afterId: number, upToId: number, since: string, limit: number): EventCandidate[] {
    if (table === 'deadline_revision') return this.outcomesBetween(afterId, upToId, since, limit);
    return this.all(
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
  private outcomesBetween(afterId: number, upToId: number, since: string, limit: number): EventCandidate[] {
    return this.all(
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
  importMarks(table: 'status_change' | 'finding', ids: number[]): Map<number, 'none' | 'digest'> {
    if (ids.length === 0) return new Map();
    const rows = this.all<{ id: number; mode: 'none' | 'digest' }>(
      `SELECT record_id AS "id", mode AS "mode" FROM notification_import_mark
       WHERE record_table = ? AND record_id IN (SELECT value FROM json_each(?))`,
      table,
      JSON.stringify(ids),
    );
    return new Map(rows.map((r) => [r.id, r.mode]));
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

  /**
   * Moves a cursor forward (never back, whoever else scanned meanwhile). A scan that found nothing
   * new writes nothing: a write would move the data version and empty every cached answer.
   */
  advanceCursor(name: string, lastId: number, now: string): void {
    this.run(
      `INSERT INTO notification_cursor (name, last_id, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at
       WHERE excluded.last_id > notification_cursor.last_id`,
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
}
