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
}

const DEADLINE_CURSOR = 'scan:';

/**
 * The name of the cursor of what the scans have seen of deadlines (the time of the last scan and
 * the last deadline revision it saw): one per time zone, since local days decide reminder windows.
 */
export const deadlineCursor = (timeZone: string) => DEADLINE_CURSOR + timeZone;

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

  /** The deadlines among `ids` that closed before `to` without being met. */
  unmetDeadlinesClosedAmong(ids: number[], to: string): DeadlineCandidate[] {
    if (ids.length === 0) return [];
    return this.all(
      `SELECT x.id AS "id", x.closes_at AS "closesAt", x.state AS "state", ${FACET_COLUMNS}
       FROM deadline x ${FACET_JOINS}
       WHERE x.id IN (SELECT value FROM json_each(?)) AND x.state IN ('open', 'missed') AND x.closes_at < ? ORDER BY x.closes_at, x.id`,
      JSON.stringify(ids),
      to,
    );
  }

  /**
   * The deadlines added or changed with revision ids in (afterId, upToId]: every insert and every
   * change of a deadline writes a revision (the deadline_revision triggers), so this is what changed
   * since a scan that had seen revisions up to afterId.
   */
  deadlinesRevisedBetween(afterId: number, upToId: number): number[] {
    return this.all<{ id: number }>(
      `SELECT DISTINCT deadline_id AS "id" FROM deadline_revision WHERE id > ? AND id <= ?`,
      afterId,
      upToId,
    ).map((r) => r.id);
  }

  /** The highest id in an append-only table (where a scan of it stops). */
  maxId(table: 'status_change' | 'finding' | 'deadline_revision'): number {
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

  /** A cursor with the time of the scan that last moved it, or undefined if no scan has. */
  cursorMark(name: string): { lastId: number; at: string } | undefined {
    return this.get(`SELECT last_id AS "lastId", updated_at AS "at" FROM notification_cursor WHERE name = ?`, name);
  }

  /**
   * Forgets what the scans have seen of deadlines, so the next scan computes every reminder and
   * missed notice again (dedupe keys drop what was already written): after a change that makes a
   * subscription owed what it was not (new settings, subscriptions restored, a suppression lifted).
   * Call inside the transaction of that change.
   */
  forgetDeadlineScans(): void {
    this.run(`DELETE FROM notification_cursor WHERE substr(name, 1, ?) = ?`, DEADLINE_CURSOR.length, DEADLINE_CURSOR);
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
}
