/**
 * Everything the overview page (`/`) shows, from the API's own services plus a few indexed lookups:
 * counts by status, weighted progress and what is left, overdue and upcoming deadlines, the latest
 * status changes, the officials' promises, and how fresh the data is. No query reads a whole table
 * into memory; lists are bounded.
 */
import { Injectable } from '@nestjs/common';
import { PromiseTally, tallyPromises } from '../deadlines/rules/promise-tally';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { addDays, asOfInstant } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { ReadCache } from '../common/cache/read-cache';
import type { EvidenceView } from '../common/views';
import type { DeadlineRow, DeadlineView } from '../deadlines/deadline-view';
import { toDeadlineView } from '../deadlines/deadline-view';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { ListDeadlinesQuery } from '../deadlines/dto/list-deadlines.query';
import { currentByAssessor, headline } from '../recommendations/rules/current-status';
import { RECOMMENDATION_KINDS } from '../recommendations/recommendation.entity';
import {
  RecommendationRow,
  RecommendationsRepository,
  STATUS_CHANGE_JOIN_READS,
} from '../recommendations/recommendations.repository';
import { isStale } from '../recommendations/rules/staleness';
import { evidenceOf, RecommendationsService, toStatusEntry } from '../recommendations/recommendations.service';
import { STATUSES } from '../recommendations/rules/status-vocabulary';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { weightedProgress } from '../stats/rules/progress';
import { StatsService, StatsView } from '../stats/stats.service';
import { DashboardRepository, FreshnessRow, RecentlyChangedRow } from './dashboard.repository';
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

/** The figures the overview shows: today's from StatsService, a past date's counted from the as-of list. */
export type OverviewStats = Pick<StatsView, 'byStatus' | 'byKind' | 'progress' | 'stale' | 'total' | 'overdue' | 'generatedAt'> &
  Partial<Pick<StatsView, 'progressByTopic' | 'progressBySource'>>;

export interface Overview {
  generatedAt: string;
  /** The date the page shows (null: today). */
  asOf: string | null;
  stats: OverviewStats;
  chart: StatusChart;
  left: LeftGroup[];
  /** Statuses that count as "left" (all but implemented), for the link to the filtered list. */
  leftStatuses: Status[];
  overdue: { items: DeadlineView[]; more: boolean };
  upcoming: { items: DeadlineView[]; more: boolean; days: number };
  latest: LatestChange[];
  promises: { items: PromiseSummary[]; more: boolean };
  freshness: FreshnessRow;
}

export const OVERVIEW_LIMITS = {
  leftPerStatus: 5,
  overdue: 10,
  upcoming: 10,
  upcomingDays: 90,
  latest: 8,
  promises: 5,
  promisesPage: 200,
};

@Injectable()
export class OverviewService {
  /** The latest changes' entries by item, with what they were computed from (`latestChanges`). */
  private latestKept = new Map<number, { key: string; change: LatestChange }>();

  constructor(
    private readonly stats: StatsService,
    private readonly recommendations: RecommendationsService,
    private readonly recommendationsRepo: RecommendationsRepository,
    private readonly deadlines: DeadlinesService,
    private readonly repo: DashboardRepository,
    private readonly cache: ReadCache,
    private readonly env: Environment,
  ) {}

  /**
   * The overview, today or as things stood at the end of `asOf`: the counts, what is left, the
   * deadlines, the latest changes and the promises all as of that day (the freshness box describes
   * the record itself, so it is the same on every date).
   */
  async overview(asOf?: string): Promise<Overview> {
    const [counted, overdue, upcoming, promises, freshness] = await Promise.all([
      asOf
        ? this.countAsOf(asOf, OVERVIEW_LIMITS.latest)
        : Promise.all([this.stats.stats(), this.recentlyChanged().then((rows) => this.changesOf(rows))]),
      this.overdueDeadlines(asOf),
      this.upcomingDeadlines(asOf),
      this.promises(OVERVIEW_LIMITS.promises, asOf),
      this.freshness(),
    ]);
    const [stats, latest] = counted;
    return this.assemble(stats, {
      asOf: asOf ?? null,
      left: await this.whatIsLeft(stats.byStatus, asOf),
      overdue,
      upcoming,
      latest,
      promises,
      freshness,
    });
  }

  /** The overview from its figures and its lists, however each was obtained (computed or cached). */
  assemble(
    stats: OverviewStats,
    parts: Pick<Overview, 'asOf' | 'left' | 'overdue' | 'upcoming' | 'latest' | 'promises' | 'freshness'>,
  ): Overview {
    return {
      generatedAt: stats.generatedAt,
      stats,
      chart: statusChart(stats.byStatus),
      leftStatuses: STATUSES.filter((s) => s !== 'implemented'),
      ...parts,
    };
  }

  /** The overdue deadlines, most overdue first (the first few), and whether there are more. */
  async overdueDeadlines(asOf?: string): Promise<Overview['overdue']> {
    const page = await this.deadlines.list({ overdue: true, asOf, limit: OVERVIEW_LIMITS.overdue } as ListDeadlinesQuery);
    // Only open deadlines past their close are overdue; an unknown outcome never is.
    return { items: page.items.filter((d) => d.state === 'open' && d.overdue), more: page.nextCursor !== null };
  }

  /** The open deadlines closing within OVERVIEW_LIMITS.upcomingDays, soonest first (the first few). */
  async upcomingDeadlines(asOf?: string): Promise<Overview['upcoming']> {
    const days = OVERVIEW_LIMITS.upcomingDays;
    const page = await this.deadlines.list({ dueWithin: days, asOf, limit: OVERVIEW_LIMITS.upcoming } as ListDeadlinesQuery);
    return { items: page.items, more: page.nextCursor !== null, days };
  }

  /** How current the record is (the same on every date). */
  freshness(): Promise<FreshnessRow> {
    return this.repo.freshness();
  }

  /**
   * The overview's figures as of a past date, counted over the as-of list a page at a time (the
   * stored counts are today's), and the latest headline changes on or before that date.
   */
  private async countAsOf(asOf: string, latestLimit: number): Promise<[OverviewStats, LatestChange[]]> {
    const byStatus = Object.fromEntries(STATUSES.map((st) => [st, 0])) as Record<Status, number>;
    const byKind = Object.fromEntries(RECOMMENDATION_KINDS.map((k) => [k, 0])) as Record<string, number>;
    const weighted: Array<{ status: Status; weight: number }> = [];
    let stale = 0;
    let newest: RecommendationRow[] = [];
    const at = this.recommendations.clockContext(asOf);
    const instant = asOfInstant(asOf, at.now, at.timeZone);
    const pageSize = 500;
    let after: string | undefined;
    for (;;) {
      const rows = await this.recommendationsRepo.list(await this.recommendations.resolveFilters({ asOf }, pageSize, after));
      const page = rows.slice(0, pageSize);
      const weights = await this.repo.weights(page.map((r) => r.id));
      for (const r of page) {
        byStatus[r.status] += 1;
        byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
        weighted.push({ status: r.status, weight: weights.get(r.id) ?? 1 });
        if (isStale(r.reviewedOn, instant, this.env.STALE_AFTER_DAYS, at.timeZone)) stale += 1;
      }
      newest = [...newest, ...page.filter((r) => r.statusAsOf !== null)]
        .sort((a, b) => (a.statusAsOf! < b.statusAsOf! ? 1 : a.statusAsOf! > b.statusAsOf! ? -1 : b.id - a.id))
        .slice(0, latestLimit);
      if (rows.length <= pageSize) break;
      after = page[page.length - 1].slug;
    }
    let overdueDeadlines = 0;
    const overdueItems = new Set<string>();
    for await (const page of this.deadlines.iterate({ overdue: true, asOf })) {
      for (const d of page.filter((x) => x.state === 'open' && x.overdue)) {
        overdueDeadlines += 1;
        overdueItems.add(d.recommendation.slug);
      }
    }
    const progress = weightedProgress(weighted);
    const total = weighted.length;
    const stats: OverviewStats = {
      byStatus,
      byKind,
      progress: { score: progress.score, total: progress.total, ratio: progress.ratio, remaining: total - byStatus.implemented },
      stale,
      total,
      overdue: { deadlines: overdueDeadlines, recommendations: overdueItems.size },
      generatedAt: this.recommendations.clockContext().now.toISOString(),
    };
    return [stats, await this.changesOf(newest, asOf)];
  }

  /**
   * For each status still short of implemented, its count (of `byStatus`) and its first few items (by
   * slug): today's from the headline status column in one statement, a past date's from the as-of list.
   */
  async whatIsLeft(byStatus: Record<Status, number>, asOf?: string): Promise<LeftGroup[]> {
    const perStatus = OVERVIEW_LIMITS.leftPerStatus;
    const statuses = LEFT_ORDER.filter((s) => byStatus[s] > 0);
    const today = asOf ? undefined : await this.repo.firstByStatus(statuses, perStatus);
    const name = (r: { slug: string; title: string }) => ({ slug: r.slug, title: r.title });
    return Promise.all(
      statuses.map(async (status) => ({
        status,
        count: byStatus[status],
        items: today
          ? today.filter((r) => r.status === status).map(name)
          : (
              await this.recommendationsRepo.list(
                await this.recommendations.resolveFilters({ status: [status], asOf }, perStatus),
              )
            )
              .slice(0, perStatus)
              .map(name),
      })),
    );
  }

  /**
   * The latest headline status changes, each with the status it replaced and its evidence. Each
   * item's entry is kept while its row, its status changes (RecentlyChangedRow's two numbers) and
   * the actors and sources their evidence names are the same: after a status change only that item's
   * changes are read again, not every change of the eight items shown.
   */
  async latestChanges(): Promise<LatestChange[]> {
    const [rows, names] = await Promise.all([this.recentlyChanged(), this.cache.versionsOf(STATUS_CHANGE_JOIN_READS)]);
    const keyOf = (r: RecentlyChangedRow) =>
      names === null ? null : JSON.stringify([names, r.slug, r.title, r.status, r.statusAsOf, r.lastChangeId, r.changeCount]);
    const keys = rows.map(keyOf);
    const missing = rows.filter((r, i) => keys[i] === null || this.latestKept.get(r.id)?.key !== keys[i]);
    const fresh = new Map((await this.changesOf(missing)).map((change, i) => [missing[i].id, change]));
    const changes = rows.map((r) => fresh.get(r.id) ?? this.latestKept.get(r.id)!.change);
    this.latestKept = new Map();
    rows.forEach((r, i) => {
      const key = keys[i];
      if (key !== null) this.latestKept.set(r.id, { key, change: changes[i] });
    });
    return changes;
  }

  /** The items whose headline status changed most recently (OVERVIEW_LIMITS.latest of them). */
  private recentlyChanged(): Promise<RecentlyChangedRow[]> {
    return this.repo.recentlyChanged(OVERVIEW_LIMITS.latest);
  }

  /** The headline change of each row (as of `asOf`), with the status it replaced and its evidence. */
  private async changesOf(
    rows: Array<{ id: number; slug: string; title: string; status: Status; statusAsOf: string | null }>,
    asOf?: string,
  ): Promise<LatestChange[]> {
    if (rows.length === 0) return [];
    const changes = await this.recommendationsRepo.statusChangesFor(rows.map((r) => r.id));
    return rows.map((row) => {
      const own = changes.filter((c) => c.recommendationId === row.id);
      const entries = own.map(toStatusEntry);
      const current = currentByAssessor(entries, asOf).get(HEADLINE_ASSESSOR);
      const change = current ? own.find((c) => c.id === current.id) : undefined;
      const before = current ? headline(entries, HEADLINE_ASSESSOR, addDays(current.effectiveOn, -1)) : null;
      return {
        slug: row.slug,
        title: row.title,
        status: row.status,
        previous: before?.entry ? before.status : null,
        effectiveOn: row.statusAsOf ?? '',
        precision: change?.effectivePrecision ?? 'day',
        evidence: change ? evidenceOf(change) : null,
        note: change?.note ?? null,
      };
    });
  }

  /** The promises page: every promise (up to OVERVIEW_LIMITS.promisesPage) and the tally of their deadlines. */
  async promisesPage(
    asOf?: string,
  ): Promise<{ promises: PromiseSummary[]; more: boolean; tally: PromiseTally; counted: number }> {
    const { items, more } = await this.promises(OVERVIEW_LIMITS.promisesPage, asOf);
    const tally = tallyPromises(items.flatMap((p) => p.deadlines));
    return { promises: items, more, tally, counted: Object.values(tally).reduce((a, b) => a + b, 0) };
  }

  /**
   * Officials' promises, each with its promised deadlines: was it kept? A promise is an item of kind
   * commitment (with all its deadlines) or any item with a deadline an official set as a promise
   * (with those deadlines). The first `limit`, and whether there are more.
   */
  async promises(limit: number, asOf?: string): Promise<{ items: PromiseSummary[]; more: boolean }> {
    const resolved = await this.recommendations.resolveFilters({ asOf }, limit);
    const rows = await this.recommendationsRepo.list({ ...resolved, promises: true });
    const at = this.recommendations.clockContext(asOf);
    const shown = rows.slice(0, limit);
    // Their deadlines in one query (the promises page shows up to 200 items).
    const deadlines = new Map<number, DeadlineRow[]>();
    for (const d of await this.recommendationsRepo.deadlinesOfItems(shown.map((r) => r.id))) {
      const id = Number(d.recommendationId);
      const own = deadlines.get(id);
      if (own) own.push(d);
      else deadlines.set(id, [d]);
    }
    const items = shown.map((r) => ({
      slug: r.slug,
      title: r.title,
      status: r.status,
      responsible: r.responsibleName,
      // As of a date: only the deadlines already set then (as the item page does).
      deadlines: (deadlines.get(Number(r.id)) ?? [])
        .filter((d) => r.kind === 'commitment' || d.authority === 'official_promise')
        .filter((d) => !asOf || d.setOn === null || d.setOn <= asOf)
        .map((d) => toDeadlineView(d, at)),
    }));
    return { items, more: rows.length > limit };
  }
}
