import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Status } from '../recommendations/rules/status-vocabulary';

/** A count of recommendations under one source or actor. */
export interface SlugCount {
  slug: string;
  title: string;
  count: number;
}

/** Recommendations of one group (topic or source) under one headline status. */
export interface GroupStatusWeight {
  slug: string;
  title: string;
  status: Status;
  count: number;
  weight: number;
}

/** How many open deadlines, and how many recommendations have at least one of them. */
export interface DeadlineCount {
  deadlines: number;
  recommendations: number;
}

/** The dimensions of stat_tally counted per item (the others count deadlines). */
export const ITEM_DIMENSIONS = ['status', 'kind', 'source', 'topic', 'responsible', 'reviewed'] as const;
export type ItemDimension = (typeof ITEM_DIMENSIONS)[number];

/** One row of the tally (stat-tally.entity.ts), with its change sequence. */
export interface TallyRow {
  dimension: string;
  grp: string;
  status: string;
  n: number;
  w: number;
  seq: number;
}

/** A group's id (a tally's `grp`), slug and name. */
export interface GroupName {
  id: string;
  slug: string;
  title: string;
}

/** The names of the groups the tallies count, each list in the order the stats show it. */
export interface GroupNames {
  /** By name, then slug. */
  topics: GroupName[];
  /** By slug. */
  sources: GroupName[];
  /** By slug (the order of actors with as many items). */
  actors: GroupName[];
}

const ITEM_DIMENSION_LIST = ITEM_DIMENSIONS.map((d) => `'${d}'`).join(', ');

/**
 * The counts behind the stats, read from stat_tally (stat-tally.entity.ts), which triggers keep in
 * step with every write, and the names of its groups. The item tallies are a few thousand rows
 * whatever the number of items (one per status, kind, source × status, topic × status, actor and
 * review date); on SQLite a reader that has read them once reads only the rows written since
 * (`tallyRows(since)`, one range of the change-sequence index: a status change writes about a dozen).
 * Only the recommendations with a deadline due in the next days are counted from the deadline index
 * (a window, not the table), with the deadline figures that a status change keeps (StatsService).
 */
@Injectable()
export class StatsRepository {
  /** Whether tallyRows(since) finds every row written after `since` (SQLite; see stat-tally.entity.ts). */
  readonly sequenced: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.sequenced = dataSource.options.type !== 'postgres';
  }

  /** stat_tally's version now (the number its rows' `seq` is compared with). */
  async tallyVersion(): Promise<number> {
    const rows: Array<{ n: number | string }> = await this.dataSource.query(
      `SELECT n AS "n" FROM table_version WHERE name = 'stat_tally'`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Every row of the item dimensions; or (`since`, SQLite only: `sequenced`) every row of any
   * dimension written after that version, one range of the sequence index (so a write to the
   * table always finds at least one row). Rows at 0 included: a row that fell to 0 since must be seen.
   */
  async tallyRows(since?: number): Promise<TallyRow[]> {
    if (since !== undefined && !this.sequenced) throw new Error('stat_tally has no change sequence on this engine');
    const rows: TallyRow[] = await this.dataSource.query(
      `SELECT dimension AS "dimension", grp AS "grp", status AS "status", n AS "n", w AS "w", seq AS "seq" FROM stat_tally
       WHERE ${since === undefined ? `dimension IN (${ITEM_DIMENSION_LIST})` : 'seq > ?'}`,
      since === undefined ? [] : [since],
    );
    return rows.map((r) => ({ ...r, n: Number(r.n), w: Number(r.w), seq: Number(r.seq) }));
  }

  /** Every topic, source and actor by id, in the orders the stats list them. */
  async groupNames(): Promise<GroupNames> {
    const [topics, sources, actors]: GroupName[][] = await Promise.all([
      this.dataSource.query(`SELECT CAST(id AS TEXT) AS "id", slug AS "slug", name AS "title" FROM topic ORDER BY name, slug`),
      this.dataSource.query(`SELECT CAST(id AS TEXT) AS "id", slug AS "slug", title AS "title" FROM source ORDER BY slug`),
      this.dataSource.query(`SELECT CAST(id AS TEXT) AS "id", slug AS "slug", name AS "title" FROM actor ORDER BY slug`),
    ]);
    return { topics, sources, actors };
  }

  /**
   * Open deadlines that closed before `instant` (ISO), and the recommendations with one: those whose
   * earliest open close (next_close_at) is before it.
   */
  async overdueDeadlines(instant: string): Promise<DeadlineCount> {
    const rows: Array<{ d: number | null; r: number | null }> = await this.dataSource.query(
      `SELECT (SELECT SUM(n) FROM stat_tally WHERE dimension = 'deadline_close' AND grp < ?) AS "d",
              (SELECT SUM(n) FROM stat_tally WHERE dimension = 'next_close' AND grp <> '' AND grp < ?) AS "r"`,
      [instant, instant],
    );
    return { deadlines: Number(rows[0].d ?? 0), recommendations: Number(rows[0].r ?? 0) };
  }

  /** Open deadlines closing from `from` to `to` (ISO instants, both included), from the tally. */
  async openDeadlinesClosingBetween(from: string, to: string): Promise<number> {
    const rows: Array<{ d: number | null }> = await this.dataSource.query(
      `SELECT SUM(n) AS "d" FROM stat_tally WHERE dimension = 'deadline_close' AND grp >= ? AND grp <= ?`,
      [from, to],
    );
    return Number(rows[0].d ?? 0);
  }

  /**
   * Recommendations with an open deadline closing from `from` to `to`: counted from the deadline
   * index over the window (no tally can say "at least one in a moving window"), so it reads only
   * the deadline table and is kept across writes to anything else (StatsService's deadline figures).
   */
  async recommendationsClosingBetween(from: string, to: string): Promise<number> {
    const rows: Array<{ r: number }> = await this.dataSource.query(
      `SELECT COUNT(DISTINCT recommendation_id) AS "r" FROM deadline WHERE state = 'open' AND closes_at >= ? AND closes_at <= ?`,
      [from, to],
    );
    return Number(rows[0].r);
  }
}
