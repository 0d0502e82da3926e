/**
 * Everything the overview page (`/`) shows, from the API's own services plus a few indexed lookups:
 * counts by status, weighted progress and what is left, overdue and upcoming deadlines, the latest
 * status changes, the officials' promises, and how fresh the data is. No query reads a whole table
 * into memory; lists are bounded.
 */
import { Injectable } from '@nestjs/common';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { addDays } from '../common/time/local-date';
import type { EvidenceView } from '../common/views';
import type { DeadlineView } from '../deadlines/deadline-view';
import { toDeadlineView } from '../deadlines/deadline-view';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { ListDeadlinesQuery } from '../deadlines/dto/list-deadlines.query';
import { currentByAssessor, headline } from '../recommendations/rules/current-status';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { evidenceOf, RecommendationsService, toStatusEntry } from '../recommendations/recommendations.service';
import { STATUSES } from '../recommendations/rules/status-vocabulary';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { StatsService, StatsView } from '../stats/stats.service';
import { DashboardRepository, FreshnessRow } from './dashboard.repository';
import { statusChart, StatusChart } from './status-chart';

/** The order of the "what is left" groups: closest to done first, then the rest. */
const LEFT_ORDER: Status[] = [
  'partially_implemented',
  'interim',
  'in_progress',
  'accepted',
  'not_started',
  'stalled',
  'unclear',
  'not_assessed',
  'rejected',
];

export interface LeftGroup {
  status: Status;
  count: number;
  items: Array<{ slug: string; title: string }>;
}

export interface LatestChange {
  slug: string;
  title: string;
  status: Status;
  /** The headline status the day before, or null when this was the first assessment. */
  previous: Status | null;
  effectiveOn: string;
  precision: string;
  evidence: EvidenceView | null;
  note: string | null;
}

export interface PromiseSummary {
  slug: string;
  title: string;
  status: Status;
  responsible: string | null;
  deadlines: DeadlineView[];
}

export interface Overview {
  generatedAt: string;
  stats: StatsView;
  chart: StatusChart;
  left: LeftGroup[];
  /** Statuses that count as "left" (all but implemented), for the link to the filtered list. */
  leftStatuses: Status[];
  overdue: { items: DeadlineView[]; more: boolean };
  upcoming: { items: DeadlineView[]; more: boolean; days: number };
  latest: LatestChange[];
  promises: PromiseSummary[];
  freshness: FreshnessRow;
}

export const OVERVIEW_LIMITS = { leftPerStatus: 5, overdue: 10, upcoming: 10, upcomingDays: 90, latest: 8, promises: 5 };

@Injectable()
export class OverviewService {
  constructor(
    private readonly stats: StatsService,
    private readonly recommendations: RecommendationsService,
    private readonly recommendationsRepo: RecommendationsRepository,
    private readonly deadlines: DeadlinesService,
    private readonly repo: DashboardRepository,
  ) {}

  async overview(): Promise<Overview> {
    const limits = OVERVIEW_LIMITS;
    const [stats, overdue, upcoming, latest, promises, freshness] = await Promise.all([
      this.stats.stats(),
      this.deadlines.list({ overdue: true, limit: limits.overdue } as ListDeadlinesQuery),
      this.deadlines.list({ dueWithin: limits.upcomingDays, limit: limits.upcoming } as ListDeadlinesQuery),
      this.latestChanges(limits.latest),
      this.promises(limits.promises),
      this.repo.freshness(),
    ]);
    const left = await this.whatIsLeft(stats.byStatus, limits.leftPerStatus);
    return {
      generatedAt: stats.generatedAt,
      stats,
      chart: statusChart(stats.byStatus),
      left,
      leftStatuses: STATUSES.filter((s) => s !== 'implemented'),
      // Only open deadlines past their close are overdue; an unknown outcome never is.
      overdue: { items: overdue.items.filter((d) => d.state === 'open' && d.overdue), more: overdue.nextCursor !== null },
      upcoming: { items: upcoming.items, more: upcoming.nextCursor !== null, days: limits.upcomingDays },
      latest,
      promises,
      freshness,
    };
  }

  /** For each status still short of implemented, its count and its first few items (by slug). */
  private async whatIsLeft(byStatus: Record<Status, number>, perStatus: number): Promise<LeftGroup[]> {
    const statuses = LEFT_ORDER.filter((s) => byStatus[s] > 0);
    return Promise.all(
      statuses.map(async (status) => {
        const rows = await this.recommendationsRepo.list(
          await this.recommendations.resolveFilters({ status: [status] }, perStatus),
        );
        return {
          status,
          count: byStatus[status],
          items: rows.slice(0, perStatus).map((r) => ({ slug: r.slug, title: r.title })),
        };
      }),
    );
  }

  /** The latest headline status changes, each with the status it replaced and its evidence. */
  private async latestChanges(limit: number): Promise<LatestChange[]> {
    const rows = await this.repo.recentlyChanged(limit);
    if (rows.length === 0) return [];
    const changes = await this.recommendationsRepo.statusChangesFor(rows.map((r) => r.id));
    return rows.map((row) => {
      const own = changes.filter((c) => c.recommendationId === row.id);
      const entries = own.map(toStatusEntry);
      const current = currentByAssessor(entries).get(HEADLINE_ASSESSOR);
      const change = current ? own.find((c) => c.id === current.id) : undefined;
      const before = current ? headline(entries, HEADLINE_ASSESSOR, addDays(current.effectiveOn, -1)) : null;
      return {
        slug: row.slug,
        title: row.title,
        status: row.status,
        previous: before?.entry ? before.status : null,
        effectiveOn: row.statusAsOf,
        precision: change?.effectivePrecision ?? 'day',
        evidence: change ? evidenceOf(change) : null,
        note: change?.note ?? null,
      };
    });
  }

  /** Officials' promises (kind commitment), each with all its deadlines: was it kept? */
  private async promises(limit: number): Promise<PromiseSummary[]> {
    const rows = await this.recommendationsRepo.list(await this.recommendations.resolveFilters({ kind: 'commitment' }, limit));
    const at = this.recommendations.clockContext();
    return Promise.all(
      rows.slice(0, limit).map(async (r) => ({
        slug: r.slug,
        title: r.title,
        status: r.status,
        responsible: r.responsibleName,
        deadlines: (await this.recommendationsRepo.deadlinesFor(r.id)).map((d) => toDeadlineView(d, at)),
      })),
    );
  }
}
