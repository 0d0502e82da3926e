import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CURRENT_TABLES, ScopedTables } from '../database/known-at';
import type { DeadlineState } from './rules/deadline-clock';
import type { DeadlineRow } from './deadline-view';
import { DEADLINE_COLUMNS, DEADLINE_JOINS, DEADLINE_OPEN_AS_OF, openAsOfParams } from './deadline.sql';
import { SqlConditions } from '../database/sql-conditions';

export interface ResolvedDeadlineFilters {
  states?: DeadlineState[];
  overdue?: boolean;
  instant: string;
  dueBefore?: string;
  responsibleId?: number;
  setById?: number;
  asOf?: string;
  after?: [string, number];
  /** Only deadlines closing strictly before this instant (ISO); with `descending`, the nearest first. */
  closesBefore?: string;
  /** Only deadlines closing at or after this instant (ISO). */
  closesFrom?: string;
  /** Only deadlines at or before this (closes_at, id) in close order (the end of a window, inclusive). */
  through?: [string, number];
  descending?: boolean;
  limit: number;
  tables?: ScopedTables;
}

/** The SQL behind the deadline reads, keyset-paginated on (closes_at, id). */
@Injectable()
export class DeadlinesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(f: ResolvedDeadlineFilters): Promise<DeadlineRow[]> {
    const { where, order } = this.conditions(f);
    return this.dataSource.query(
      `SELECT ${DEADLINE_COLUMNS} FROM ${(f.tables ?? CURRENT_TABLES).deadline} d ${DEADLINE_JOINS}
       ${where.where}
       ORDER BY ${order} LIMIT ?`,
      [...where.params, f.limit + 1],
    );
  }

  /**
   * The (closes_at, id) keys of the page `list` would return, without the rest of each row: what a
   * window of deadlines (DeadlinesService.nearestWindow) is chosen from. Unfiltered, the close index
   * alone answers it (no table page is read: cheap even when the file is not in the OS cache).
   */
  async closeKeys(f: ResolvedDeadlineFilters): Promise<Array<[string, number]>> {
    const { where, order } = this.conditions(f);
    const rows: Array<{ closesAt: string; id: number }> = await this.dataSource.query(
      `SELECT d.closes_at AS "closesAt", d.id AS "id" FROM ${(f.tables ?? CURRENT_TABLES).deadline} d
       ${f.responsibleId !== undefined ? 'JOIN recommendation r ON r.id = d.recommendation_id' : ''}
       ${where.where}
       ORDER BY ${order} LIMIT ?`,
      [...where.params, f.limit + 1],
    );
    return rows.map((r) => [r.closesAt, Number(r.id)]);
  }

  private conditions(f: ResolvedDeadlineFilters): { where: SqlConditions; order: string } {
    const where = new SqlConditions();
    const open = f.asOf ? DEADLINE_OPEN_AS_OF : `d.state = 'open'`;
    const openParams = f.asOf ? openAsOfParams(f.asOf, f.instant) : [];
    if (f.asOf) where.add(`(d.set_on IS NULL OR d.set_on <= ?)`, f.asOf);
    if (f.states?.length) {
      // The state as of asOf: open when settled later, else the stored state.
      const stateExpr = f.asOf ? `CASE WHEN ${DEADLINE_OPEN_AS_OF} THEN 'open' ELSE d.state END` : `d.state`;
      where.add(`${stateExpr} IN (${f.states.map(() => '?').join(',')})`, ...openParams, ...f.states);
    }
    if (f.overdue !== undefined) {
      where.add(f.overdue ? `(${open} AND d.closes_at < ?)` : `NOT (${open} AND d.closes_at < ?)`, ...openParams, f.instant);
    }
    if (f.dueBefore !== undefined) {
      where.add(`(${open} AND d.closes_at >= ? AND d.closes_at <= ?)`, ...openParams, f.instant, f.dueBefore);
    }
    if (f.responsibleId !== undefined) where.add(`r.responsible_id = ?`, f.responsibleId);
    if (f.setById !== undefined) where.add(`d.set_by_id = ?`, f.setById);
    // Each keyset bound also bounds closes_at alone, so the close index is searched from the bound
    // rather than scanned from its start (SQLite does not derive a range from the OR).
    if (f.after) {
      where.add(
        `d.closes_at >= ? AND (d.closes_at > ? OR (d.closes_at = ? AND d.id > ?))`,
        f.after[0],
        f.after[0],
        f.after[0],
        f.after[1],
      );
    }
    if (f.closesBefore !== undefined) where.add(`d.closes_at < ?`, f.closesBefore);
    if (f.closesFrom !== undefined) where.add(`d.closes_at >= ?`, f.closesFrom);
    if (f.through) {
      where.add(
        `d.closes_at <= ? AND (d.closes_at < ? OR (d.closes_at = ? AND d.id <= ?))`,
        f.through[0],
        f.through[0],
        f.through[0],
        f.through[1],
      );
    }
    return { where, order: f.descending ? `d.closes_at DESC, d.id DESC` : `d.closes_at, d.id` };
  }

  /** The deadlines with these ids, in no particular order (one row each). */
  async byIds(ids: number[]): Promise<DeadlineRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${DEADLINE_COLUMNS} FROM deadline d ${DEADLINE_JOINS} WHERE d.id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
  }

  async idOfActor(slug: string): Promise<number | undefined> {
    const rows: Array<{ id: number }> = await this.dataSource.query(`SELECT id FROM actor WHERE slug = ?`, [slug]);
    return rows[0]?.id;
  }

  /** The id of the recommendation a deadline (by id) belongs to, inside the transaction `em`. */
  async recommendationIdOf(em: EntityManager, deadlineId: number): Promise<number> {
    const rows: Array<{ rid: number }> = await em.query(`SELECT recommendation_id AS "rid" FROM deadline WHERE id = ?`, [
      deadlineId,
    ]);
    return rows[0].rid;
  }
}
