/**
 * The few reads the dashboard needs that no API service offers. Each is a single indexed lookup, so
 * the overview page costs the same on 10,000 items as on 20.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Status } from '../recommendations/rules/status-vocabulary';

export interface RecentlyChangedRow {
  id: number;
  slug: string;
  title: string;
  status: Status;
  statusAsOf: string;
  /**
   * The item's status changes as a whole: the last one's id and how many. Rows are only ever added
   * (a correction is a new row retracting an earlier one, whose `retracted` mark follows from the
   * item's rows and is set in the same transaction: recommendation-derived.repository.ts), so the
   * same two numbers mean the same changes. (Compared, not counted with: PostgreSQL gives its bigint
   * count as text.)
   */
  lastChangeId: number | string | null;
  changeCount: number | string;
}

export interface SourceLinkRow {
  slug: string;
  title: string;
  url: string | null;
  archivedUrl: string | null;
}

export interface FreshnessRow {
  /** When the tracker last recorded a status change (ISO instant), null when none. */
  lastRecordedAt: string | null;
  /** The latest effective date of any headline status. */
  latestStatusOn: string | null;
  /** When the tracker last recorded a monitor finding. */
  lastFindingRecordedAt: string | null;
  /** The latest date a monitor report with a finding was filed (or, when not recorded, its period ended). */
  latestFindingReportOn: string | null;
}

@Injectable()
export class DashboardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The items whose headline status changed most recently in the world (ix_recommendation_status_as_of),
   * with what identifies their status changes (two short ranges of ix_status_change_rec_assessor each).
   */
  async recentlyChanged(limit: number): Promise<RecentlyChangedRow[]> {
    return this.dataSource.query(
      `SELECT r.id AS "id", r.slug AS "slug", r.title AS "title", r.headline_status AS "status", r.status_as_of AS "statusAsOf",
         (SELECT MAX(sc.id) FROM status_change sc WHERE sc.recommendation_id = r.id) AS "lastChangeId",
         (SELECT COUNT(*) FROM status_change sc WHERE sc.recommendation_id = r.id) AS "changeCount"
       FROM recommendation r WHERE r.status_as_of IS NOT NULL
       ORDER BY r.status_as_of DESC, r.id DESC LIMIT ?`,
      [limit],
    );
  }

  /**
   * The first `perStatus` items (by slug) of each of `statuses`, by headline status, in that order:
   * one statement whose parts are each a short range of ix_recommendation_status_slug (what the list
   * filtered by one status reads, without its other columns and joins, and without a query per status).
   */
  async firstByStatus(
    statuses: readonly Status[],
    perStatus: number,
  ): Promise<Array<{ status: Status; slug: string; title: string }>> {
    if (statuses.length === 0) return [];
    const parts = statuses.map(
      (_, i) =>
        `SELECT * FROM (SELECT ${i} AS "part", headline_status AS "status", slug AS "slug", title AS "title"
         FROM recommendation WHERE headline_status = ? ORDER BY slug LIMIT ?) s${i}`,
    );
    return this.dataSource.query(
      `${parts.join(' UNION ALL ')} ORDER BY "part", "slug"`,
      statuses.flatMap((s) => [s, perStatus]),
    );
  }

  /** The weights of the given recommendations, by id (for counting progress as of a past date). */
  async weights(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: number; weight: number }> = await this.dataSource.query(
      `SELECT id AS "id", weight AS "weight" FROM recommendation WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    return new Map(rows.map((r) => [r.id, Number(r.weight)]));
  }

  /**
   * How current the data is: MAX() lookups, each answered from the end of an index (the latest
   * report date as the later of the latest filing date and the latest period end of unfiled reports,
   * both from ix_finding_filed_period).
   */
  async freshness(): Promise<FreshnessRow> {
    const rows: Array<Omit<FreshnessRow, 'latestFindingReportOn'> & { filedOn: string | null; periodEnd: string | null }> =
      await this.dataSource.query(
        `SELECT (SELECT MAX(recorded_at) FROM status_change) AS "lastRecordedAt",
                (SELECT MAX(status_as_of) FROM recommendation) AS "latestStatusOn",
                (SELECT MAX(recorded_at) FROM finding) AS "lastFindingRecordedAt",
                (SELECT MAX(filed_on) FROM finding) AS "filedOn",
                (SELECT MAX(period_end) FROM finding WHERE filed_on IS NULL) AS "periodEnd"`,
      );
    const { filedOn, periodEnd, ...rest } = rows[0];
    const latest = [filedOn, periodEnd].filter((d): d is string => d !== null).sort();
    return { ...rest, latestFindingReportOn: latest.length > 0 ? latest[latest.length - 1] : null };
  }

  /**
   * The web address and archived copy of the given sources (by slug): one indexed lookup, so an item
   * page can name a link by what it is ("the document" only for the source's own address) and offer
   * archived copies in its "Cite this" box.
   */
  async sourceLinks(slugs: string[]): Promise<Map<string, SourceLinkRow>> {
    const unique = [...new Set(slugs)].slice(0, 500);
    if (unique.length === 0) return new Map();
    const rows: SourceLinkRow[] = await this.dataSource.query(
      `SELECT slug AS "slug", title AS "title", url AS "url", archived_url AS "archivedUrl"
       FROM source WHERE slug IN (${unique.map(() => '?').join(',')}) ORDER BY slug`,
      unique,
    );
    return new Map(rows.map((r) => [r.slug, r]));
  }

  /** Topics for the filter form, by name. */
  async topics(): Promise<Array<{ slug: string; name: string }>> {
    return this.dataSource.query(`SELECT slug AS "slug", name AS "name" FROM topic ORDER BY name, slug`);
  }
}
