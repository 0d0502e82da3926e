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

/** The grouped counts behind the stats: each one query on a covering index. */
@Injectable()
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** How many recommendations, and their summed weight, under each headline status (statuses with none left out). */
  async countsByStatus(): Promise<Array<{ status: Status; count: number; weight: number }>> {
    const rows: Array<{ status: Status; n: number; w: number }> = await this.dataSource.query(
      `SELECT headline_status AS status, COUNT(*) AS n, SUM(weight) AS w FROM recommendation GROUP BY headline_status`,
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.n), weight: Number(r.w) }));
  }

  /** How many recommendations of each kind (kinds with none left out). */
  async countsByKind(): Promise<Array<{ kind: string; count: number }>> {
    const rows: Array<{ kind: string; n: number }> = await this.dataSource.query(
      `SELECT kind, COUNT(*) AS n FROM recommendation GROUP BY kind`,
    );
    return rows.map((r) => ({ kind: r.kind, count: Number(r.n) }));
  }

  /** How many recommendations each source made, most first. */
  async countsBySource(): Promise<SlugCount[]> {
    const rows: SlugCount[] = await this.dataSource.query(
      `SELECT s.slug AS "slug", s.title AS "title", c.n AS "count"
       FROM (SELECT source_id, COUNT(*) AS n FROM recommendation GROUP BY source_id) c JOIN source s ON s.id = c.source_id
       ORDER BY c.n DESC, s.slug`,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** Per topic and headline status: how many recommendations and their summed weight. */
  async statusWeightsByTopic(): Promise<GroupStatusWeight[]> {
    const rows: GroupStatusWeight[] = await this.dataSource.query(
      `SELECT t.slug AS "slug", t.name AS "title", c.status AS "status", c.n AS "count", c.w AS "weight"
       FROM (SELECT rt.topic_id, r.headline_status AS status, COUNT(*) AS n, SUM(r.weight) AS w
             FROM recommendation_topic rt JOIN recommendation r ON r.id = rt.recommendation_id GROUP BY rt.topic_id, r.headline_status) c
       JOIN topic t ON t.id = c.topic_id ORDER BY t.name, t.slug`,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count), weight: Number(r.weight) }));
  }

  /** Per source and headline status: how many recommendations come from it and their summed weight. */
  async statusWeightsBySource(): Promise<GroupStatusWeight[]> {
    const rows: GroupStatusWeight[] = await this.dataSource.query(
      `SELECT s.slug AS "slug", s.title AS "title", c.status AS "status", c.n AS "count", c.w AS "weight"
       FROM (SELECT source_id, headline_status AS status, COUNT(*) AS n, SUM(weight) AS w FROM recommendation GROUP BY source_id, headline_status) c
       JOIN source s ON s.id = c.source_id ORDER BY s.slug`,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count), weight: Number(r.weight) }));
  }

  /** How many recommendations each actor is responsible for, most first. */
  async countsByResponsible(): Promise<SlugCount[]> {
    const rows: SlugCount[] = await this.dataSource.query(
      `SELECT a.slug AS "slug", a.name AS "title", c.n AS "count"
       FROM (SELECT responsible_id, COUNT(*) AS n FROM recommendation WHERE responsible_id IS NOT NULL GROUP BY responsible_id) c
       JOIN actor a ON a.id = c.responsible_id ORDER BY c.n DESC, a.slug`,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** Open deadlines that closed before `instant` (ISO). */
  async overdueDeadlines(instant: string): Promise<DeadlineCount> {
    const rows: Array<{ d: number; r: number }> = await this.dataSource.query(
      `SELECT COUNT(*) AS d, COUNT(DISTINCT recommendation_id) AS r FROM deadline WHERE state = 'open' AND closes_at < ?`,
      [instant],
    );
    return { deadlines: Number(rows[0].d), recommendations: Number(rows[0].r) };
  }

  /** Open deadlines closing from `from` to `to` (ISO instants, both included). */
  async openDeadlinesClosingBetween(from: string, to: string): Promise<DeadlineCount> {
    const rows: Array<{ d: number; r: number }> = await this.dataSource.query(
      `SELECT COUNT(*) AS d, COUNT(DISTINCT recommendation_id) AS r FROM deadline WHERE state = 'open' AND closes_at >= ? AND closes_at <= ?`,
      [from, to],
    );
    return { deadlines: Number(rows[0].d), recommendations: Number(rows[0].r) };
  }

  /** How many recommendations were never reviewed, or last reviewed before `cutoff` (a date). */
  async countReviewedBefore(cutoff: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM recommendation WHERE reviewed_on IS NULL OR reviewed_on < ?`,
      [cutoff],
    );
    return Number(rows[0].n);
  }
}
