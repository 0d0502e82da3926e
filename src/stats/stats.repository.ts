import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { STATUSES } from '../recommendations/rules/status-vocabulary';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { PROGRESS_CLASSES } from './rules/progress';

/** Per progress class i (PROGRESS_CLASSES), a group's items (n<i>) and summed weight (w<i>), as SQL over its tally rows. */
const CLASS_SUMS = PROGRESS_CLASSES.map((c, i) => {
  // The shorter list of the two (every tally row pays for the comparisons: 2,000 of them per source read).
  const others = STATUSES.filter((s) => !c.members.includes(s));
  const quoted = (list: readonly string[]) => list.map((m) => `'${m}'`).join(', ');
  const member = c.members.length <= others.length ? `status IN (${quoted(c.members)})` : `status NOT IN (${quoted(others)})`;
  return `SUM(CASE WHEN ${member} THEN n ELSE 0 END) AS n${i}, SUM(CASE WHEN ${member} THEN w ELSE 0 END) AS w${i}`;
}).join(', ');
const CLASS_COLUMNS = PROGRESS_CLASSES.flatMap((_c, i) => [`n${i}`, `w${i}`]);

/** A count of recommendations under one source or actor. */
export interface SlugCount {
  slug: string;
  title: string;
  count: number;
}

/** Recommendations of one group (topic or source) under one headline status, or one progress class of statuses. */
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

/**
 * The counts behind the stats, read from stat_tally (stat-tally.entity.ts), which triggers keep in
 * step with every write: each read touches as many rows as there are groups (statuses, kinds,
 * sources, topics, actors, distinct dates), never one per item, so the first request after a write
 * reads group rows, not items. Only the recommendations with a deadline due in the next days are
 * counted from the deadline index (a window, not the table), with the deadline figures that a status
 * change keeps (StatsService).
 */
@Injectable()
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many recommendations, and their summed weight, under each headline status (statuses with none left out). */
  async countsByStatus(): Promise<Array<{ status: Status; count: number; weight: number }>> {
    const rows: Array<{ status: Status; n: number; w: number }> = await this.dataSource.query(
      `SELECT status AS "status", n AS "n", w AS "w" FROM stat_tally WHERE dimension = 'status' AND n > 0`,
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n), weight: Number(r.w) }));
  }

  /** How many recommendations of each kind (kinds with none left out). */
  async countsByKind(): Promise<Array<{ kind: string; count: number }>> {
    const rows: Array<{ kind: string; n: number }> = await this.dataSource.query(
      `SELECT grp AS "kind", n AS "n" FROM stat_tally WHERE dimension = 'kind' AND n > 0`,
    );
    return rows.map((r) => ({ kind: r.kind, count: Number(r.n) }));
  }

  /**
   * Per topic and progress class (PROGRESS_CLASSES: the statuses that count alike, implemented alone):
   * how many recommendations and their summed weight, by topic name.
   */
  async statusWeightsByTopic(): Promise<GroupStatusWeight[]> {
    return this.groupWeights('topic', 't.name', 'JOIN topic t ON t.id = CAST(g.grp AS INTEGER)', 't.name, t.slug');
  }

  /** Per source and progress class: how many recommendations come from it and their summed weight, by slug. */
  async statusWeightsBySource(): Promise<GroupStatusWeight[]> {
    return this.groupWeights('source', 's.title', 'JOIN source s ON s.id = CAST(g.grp AS INTEGER)', 's.slug');
  }

  /**
   * A group dimension's tallies summed per progress class in the database, one row a group (a column
   * pair per class), then one row per class with items: most of what the stats cost after a status
   * change is reading these (2,000 source rows read one by one took 3 ms of the 6.5 ms at 100,000
   * items; 200 such rows, about 0.8 ms).
   */
  private async groupWeights(
    dimension: 'topic' | 'source',
    title: string,
    join: string,
    order: string,
  ): Promise<GroupStatusWeight[]> {
    const rows: Array<Record<string, string | number>> = await this.dataSource.query(
      `SELECT ${dimension === 'topic' ? 't' : 's'}.slug AS "slug", ${title} AS "title", ${CLASS_COLUMNS.map((c) => `g.${c} AS "${c}"`).join(', ')}
       FROM (SELECT grp, ${CLASS_SUMS} FROM stat_tally WHERE dimension = ? AND n > 0 GROUP BY grp) g
       ${join} ORDER BY ${order}`,
      [dimension],
    );
    return rows.flatMap((r) =>
      PROGRESS_CLASSES.flatMap((c, i) =>
        Number(r[`n${i}`]) > 0
          ? [
              {
                slug: String(r.slug),
                title: String(r.title),
                status: c.status,
                count: Number(r[`n${i}`]),
                weight: Number(r[`w${i}`]),
              },
            ]
          : [],
      ),
    );
  }

  /** How many recommendations each actor is responsible for, most first. */
  async countsByResponsible(): Promise<SlugCount[]> {
    const rows: SlugCount[] = await this.dataSource.query(
      `SELECT a.slug AS "slug", a.name AS "title", c.n AS "count"
       FROM stat_tally c JOIN actor a ON a.id = CAST(c.grp AS INTEGER)
       WHERE c.dimension = 'responsible' AND c.grp <> '' AND c.n > 0 ORDER BY c.n DESC, a.slug`,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
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

  /** How many recommendations were never reviewed, or last reviewed before `cutoff` (a date). */
  async countReviewedBefore(cutoff: string): Promise<number> {
    const rows: Array<{ n: number | null }> = await this.dataSource.query(
      `SELECT SUM(n) AS "n" FROM stat_tally WHERE dimension = 'reviewed' AND (grp = '' OR grp < ?)`,
      [cutoff],
    );
    return Number(rows[0].n ?? 0);
  }
}
