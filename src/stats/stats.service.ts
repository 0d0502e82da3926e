import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { ReadCache } from '../common/cache/read-cache';
import { Clock } from '../common/clock';
import { addDays, localDateOf, startOfLocalDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { RECOMMENDATION_KINDS } from '../recommendations/recommendation.entity';
import { staleCutoff } from '../recommendations/rules/staleness';
import { STATUSES } from '../recommendations/rules/status-vocabulary';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { weightedProgress } from './rules/progress';

export class CountBySlug {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty() count: number;
}

export class DeadlineCounts {
  @ApiProperty({ description: 'Deadlines.' }) deadlines: number;
  @ApiProperty({ description: 'Recommendations with at least one such deadline.' }) recommendations: number;
}

export class ProgressView {
  @ApiProperty({ description: 'Weighted credit: implemented 1, partially implemented and interim 0.5, the rest 0.' })
  score: number;
  @ApiProperty({ description: 'Total weight.' }) total: number;
  @ApiProperty({ type: Number, nullable: true, description: 'score / total; never shown without the raw counts.' }) ratio:
    number | null;
  @ApiProperty({ description: 'Items not yet implemented: what is left.' }) remaining: number;
}

export class StatsView {
  @ApiProperty({
    description: 'Recommendations by headline status (every status listed, zeros included).',
    example: { implemented: 3 },
  })
  byStatus: Record<Status, number>;
  @ApiProperty({ example: { recommendation: 10 } }) byKind: Record<string, number>;
  @ApiProperty({ type: [CountBySlug] }) bySource: CountBySlug[];
  @ApiProperty({ type: [CountBySlug] }) byResponsible: CountBySlug[];
  @ApiProperty({ type: DeadlineCounts, description: 'Open deadlines past their close.' }) overdue: DeadlineCounts;
  @ApiProperty({ type: DeadlineCounts, description: 'Open deadlines closing in the next 30 local days.' })
  dueWithin30: DeadlineCounts;
  @ApiProperty({ type: ProgressView }) progress: ProgressView;
  @ApiProperty({ description: 'Recommendations whose headline status has not been reviewed in STALE_AFTER_DAYS.' }) stale: number;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'When these figures were computed (ISO instant).' }) generatedAt: string;
}

/**
 * Counts over the whole tracker, each one grouped query on a covering index. They are computed once
 * per data version and local day (ReadCache): the API and the dashboard share them.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly cache: ReadCache,
  ) {}

  /** The figures; a cached result is frozen. */
  stats(): Promise<StatsView> {
    return this.cache.value('stats', () => this.compute());
  }

  private async compute(): Promise<StatsView> {
    const now = this.clock.now();
    const tz = this.env.TRACKER_TIME_ZONE;
    const nowIso = now.toISOString();
    const in30 = startOfLocalDay(addDays(localDateOf(now, tz), 31), tz).toISOString();
    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => this.dataSource.query(sql, params);
    const [byStatusRows, byKindRows, bySource, byResponsible, overdue, due, stale] = await Promise.all([
      q<{ status: Status; n: number; w: number }>(
        `SELECT headline_status AS status, COUNT(*) AS n, SUM(weight) AS w FROM recommendation GROUP BY headline_status`,
      ),
      q<{ kind: string; n: number }>(`SELECT kind, COUNT(*) AS n FROM recommendation GROUP BY kind`),
      q<CountBySlug>(
        `SELECT s.slug AS "slug", s.title AS "title", c.n AS "count"
         FROM (SELECT source_id, COUNT(*) AS n FROM recommendation GROUP BY source_id) c JOIN source s ON s.id = c.source_id
         ORDER BY c.n DESC, s.slug`,
      ),
      q<CountBySlug>(
        `SELECT a.slug AS "slug", a.name AS "title", c.n AS "count"
         FROM (SELECT responsible_id, COUNT(*) AS n FROM recommendation WHERE responsible_id IS NOT NULL GROUP BY responsible_id) c
         JOIN actor a ON a.id = c.responsible_id ORDER BY c.n DESC, a.slug`,
      ),
      q<{ d: number; r: number }>(
        `SELECT COUNT(*) AS d, COUNT(DISTINCT recommendation_id) AS r FROM deadline WHERE state = 'open' AND closes_at < ?`,
        [nowIso],
      ),
      q<{ d: number; r: number }>(
        `SELECT COUNT(*) AS d, COUNT(DISTINCT recommendation_id) AS r FROM deadline WHERE state = 'open' AND closes_at >= ? AND closes_at <= ?`,
        [nowIso, in30],
      ),
      q<{ n: number }>(`SELECT COUNT(*) AS n FROM recommendation WHERE reviewed_on IS NULL OR reviewed_on < ?`, [
        staleCutoff(now, this.env.STALE_AFTER_DAYS, tz),
      ]),
    ]);
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const r of byStatusRows) byStatus[r.status] = Number(r.n);
    const byKind = Object.fromEntries(RECOMMENDATION_KINDS.map((k) => [k, 0])) as Record<string, number>;
    for (const r of byKindRows) byKind[r.kind] = Number(r.n);
    // The grouped sums feed the same pure rule the item-level code uses.
    const progress = weightedProgress(byStatusRows.map((r) => ({ status: r.status, weight: Number(r.w) })));
    const total = byStatusRows.reduce((s, r) => s + Number(r.n), 0);
    return {
      byStatus,
      byKind,
      bySource: bySource.map((r) => ({ ...r, count: Number(r.count) })),
      byResponsible: byResponsible.map((r) => ({ ...r, count: Number(r.count) })),
      overdue: { deadlines: Number(overdue[0].d), recommendations: Number(overdue[0].r) },
      dueWithin30: { deadlines: Number(due[0].d), recommendations: Number(due[0].r) },
      progress: {
        score: progress.score,
        total: progress.total,
        ratio: progress.ratio,
        remaining: total - byStatus.implemented,
      },
      stale: Number(stale[0].n),
      total,
      generatedAt: now.toISOString(),
    };
  }
}
