import { Injectable, Logger } from '@nestjs/common';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { Clock } from '../common/clock';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { ProblemException } from '../common/problem/problem';
import { addDays, asOfInstant, localDateOf, startOfLocalDay } from '../common/time/local-date';
import { toEvidenceView } from '../common/views';
import { Environment } from '../config/environment';
import { CURRENT_TABLES, KnownAtTables, ScopedTables } from '../database/known-at';
import { ClockContext, DeadlineRefView, DeadlineRow, toDeadlineView } from '../deadlines/deadline-view';
import { markRegressions } from '../findings/rules/regression';
import type { FindingLevel } from '../findings/rules/regression';
import { toEventView } from '../events/events.repository';
import type { LinkType } from '../links/link.entity';
import { assessments, headline, StatusEntry } from './rules/current-status';
import { ListRecommendationsQuery, RecommendationFilters } from './dto/list-recommendations.query';
import {
  FindingView,
  RecommendationDetail,
  RecommendationListItem,
  RecommendationPage,
  SearchSummary,
  StatusChangeView,
} from './dto/recommendation.response';
import {
  FindingRow,
  RecommendationRow,
  RecommendationsRepository,
  ResolvedFilters,
  ReviewRow,
  StatusChangeRow,
} from './recommendations.repository';
import { isStale, staleCutoff } from './rules/staleness';
import { cursorScope, listSort } from './recommendation-sort';
import type { RecommendationSort } from './recommendation-sort';
import { estimatedMatches, isCommonSearch, isCommonShare, isExactEstimate } from '../database/search-plan';
import { ListDay, toListItem, writeListItem } from './list-item';

export const DEFAULT_PAGE_SIZE = 50;

export function toStatusEntry(row: StatusChangeRow): StatusEntry {
  return {
    id: row.id,
    status: row.status,
    effectiveOn: row.effectiveOn,
    recordedAt: new Date(row.recordedAt),
    assessor: row.assessorSlug,
    retracts: row.retractsId,
  };
}

/** The evidence object of a row (one mapping: toEvidenceView). */
export const evidenceOf = toEvidenceView;

/** One status change as the API shows it; `retractedBy` is the id of the change that retracted it, if any. */
export function toStatusChangeView(c: StatusChangeRow, retractedBy: number | null = null): StatusChangeView {
  return {
    id: c.id,
    slug: c.slug,
    status: c.status,
    effectiveOn: c.effectiveOn,
    effectivePrecision: c.effectivePrecision,
    dateInferred: c.dateInferred,
    recordedAt: c.recordedAt,
    assessor: { slug: c.assessorSlug, title: c.assessorName },
    evidence: evidenceOf(c),
    note: c.note,
    retracted: Boolean(c.retracted),
    retracts: c.retractsId,
    retractedBy,
  };
}

/**
 * Findings as the API shows them, each compared with the same assessor's previous period (so a
 * regression is judged among the rows given); `closedIn` lists the item's deadlines that closed
 * inside a period.
 */
export function toFindingViews(rows: FindingRow[], closedIn: (start: string, end: string) => DeadlineRefView[]): FindingView[] {
  return markRegressions(rows.map((r) => ({ ...r, level: r.level as FindingLevel | null }))).map((f) => ({
    id: f.id,
    slug: f.slug,
    assessor: { slug: f.assessor, title: f.assessorName },
    report: { slug: f.reportSlug, title: f.reportTitle },
    periodStart: f.periodStart,
    periodEnd: f.periodEnd,
    level: f.level,
    previousLevel: f.previousLevel,
    regression: f.regression,
    deadlineMet: f.deadlineMet === null ? null : Boolean(f.deadlineMet),
    summary: f.summary,
    filedOn: f.filedOn,
    deadlinesClosedInPeriod: closedIn(f.periodStart, f.periodEnd),
  }));
}

export function toReviewView(r: ReviewRow) {
  return {
    id: r.id,
    slug: r.slug,
    reviewedOn: r.reviewedOn,
    reviewer: { slug: r.reviewerSlug, title: r.reviewerName },
    evidence: r.evidenceSourceSlug || r.evidenceUrl || r.evidenceExcerpt ? toEvidenceView(r) : null,
    note: r.note,
    recordedAt: r.recordedAt,
  };
}

/** Reads recommendations: lists with filters and keyset pages, and the full record of one item. */
/** Below this many items a topic's items are gathered, not walked (gathering them is cheap then). */
const COMMON_TOPIC_ITEMS = 5_000;

@Injectable()
export class RecommendationsService {
  private readonly logger = new Logger(RecommendationsService.name);
  private day?: ListDay;

  /** A topic with fewer items than this is never walked (a test lowers it on a small record). */
  commonTopicItems = COMMON_TOPIC_ITEMS;

  constructor(
    private readonly repo: RecommendationsRepository,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly knownAtTables: KnownAtTables,
  ) {}

  /**
   * The date a view is as of: `asOf` when given; with only `knownAt`, the local date of that
   * instant (the page as it read then); otherwise none (today, from the current record).
   */
  effectiveAsOf(asOf?: string, knownAt?: string): string | undefined {
    return asOf ?? (knownAt ? localDateOf(new Date(knownAt), this.env.TRACKER_TIME_ZONE) : undefined);
  }

  clockContext(asOf?: string): ClockContext {
    return { now: this.clock.now(), asOf, timeZone: this.env.TRACKER_TIME_ZONE };
  }

  /**
   * Resolves slugs and dates into what the repository needs; an unknown slug is a 400 naming the
   * parameter. `search` is `q` as planned by the caller; without it, `q` is planned for the slug order.
   */
  async resolveFilters(
    query: RecommendationFilters,
    limit: number,
    afterSlug?: string,
    search?: ResolvedFilters['search'],
  ): Promise<ResolvedFilters> {
    const q = { ...query, asOf: this.effectiveAsOf(query.asOf, query.knownAt) };
    const at = this.clockContext(q.asOf);
    const instant = asOfInstant(q.asOf, at.now, at.timeZone);
    const lookup = async (param: string, table: 'source' | 'actor' | 'topic', slug: string) => {
      const id = await this.repo.idOf(table, slug);
      if (id === undefined) {
        throw ProblemException.validation([{ field: param, in: 'query', reason: `no ${table} has the slug "${slug}"` }]);
      }
      return id;
    };
    // Only the filters given are awaited: the hot list (a status or none) awaits nothing here.
    const sourceId = q.source === undefined ? undefined : await lookup('source', 'source', q.source);
    const responsibleId = q.responsible === undefined ? undefined : await lookup('responsible', 'actor', q.responsible);
    const assessorId = q.assessor === undefined ? undefined : await lookup('assessor', 'actor', q.assessor);
    const topicId = q.topic === undefined ? undefined : await lookup('topic', 'topic', q.topic);
    // A topic most items are filed under is walked in slug order, testing each item (see ResolvedFilters.topicWalk).
    const topicWalk =
      topicId !== undefined && q.asOf === undefined && isCommonShare(await this.repo.topicShare(topicId), this.commonTopicItems);
    return {
      statuses: q.status,
      kind: q.kind,
      sourceId,
      responsibleId,
      assessorId,
      topicId,
      topicWalk,
      overdue: q.overdue,
      instant: instant.toISOString(),
      dueBefore:
        q.dueWithin === undefined
          ? undefined
          : startOfLocalDay(addDays(localDateOf(instant, at.timeZone), q.dueWithin + 1), at.timeZone).toISOString(),
      stale: q.stale,
      // Now: today's day context has it (no time-zone arithmetic per request); as of a date: computed.
      staleCutoff:
        q.asOf === undefined ? this.listDay(at.now).staleCutoff : staleCutoff(instant, this.env.STALE_AFTER_DAYS, at.timeZone),
      q: q.q,
      search: search ?? (q.q === undefined ? undefined : await this.searchOf(q.q, 'slug')),
      asOf: q.asOf,
      afterSlug,
      limit,
      tables: q.knownAt === undefined ? CURRENT_TABLES : await this.knownAtTables.at(q.knownAt),
    };
  }

  /**
   * `q` planned (src/database/search-plan.ts): its SQL, whether it is common, and whether to walk the
   * list testing item by item (a common search in slug order: the one order an index can walk).
   */
  private async searchOf(q: string, sort: RecommendationSort | undefined) {
    const plan = await this.repo.searchPlan(q);
    if (plan === undefined) return undefined;
    const common = isCommonSearch(plan.estimate, this.env.SEARCH_COMMON_MATCHES);
    return { query: plan.query, walk: common && listSort({ q, sort }, common) === 'slug', common, estimate: plan.estimate };
  }

  /**
   * One page of the list. The order is `sort`, by default relevance when searching (slug for a
   * common search) and slug otherwise; a cursor holds the last row's sort key and slug.
   */
  async list(query: ListRecommendationsQuery): Promise<RecommendationPage> {
    const { resolved, limit, nextCursor, search } = await this.pageOf(query);
    const rows = await this.repo.list(resolved);
    const page = rows.slice(0, limit);
    const items = await this.toListItems(page, resolved.asOf, resolved.tables);
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit ? nextCursor(last.sortKey, last.slug) : null, ...(search && { search }) };
  }

  /**
   * The same page as list(), as its JSON text. For the current record it is written from the
   * stored list rows (list-item.ts) with the clock fields of today; views as of a date, and a page
   * with an item whose row is missing, are built as list() builds them.
   */
  async listJson(query: ListRecommendationsQuery): Promise<string> {
    if (this.effectiveAsOf(query.asOf, query.knownAt) !== undefined) return JSON.stringify(await this.list(query));
    const { resolved, limit, nextCursor, search } = await this.pageOf(query);
    const rows = await this.repo.listRows(resolved);
    const page = rows.slice(0, limit);
    if (page.some((r) => r[1] === null)) {
      // A write path that did not refresh the rows it changed (list-rows.repository.ts): answer right, and say so.
      this.logger.warn(
        `list rows missing for ${page
          .filter((r) => r[1] === null)
          .map((r) => r[0])
          .join(', ')}; built from the tables`,
      );
      return JSON.stringify(await this.list(query));
    }
    const now = this.clock.now();
    const day = this.listDay(now);
    const nowMs = now.getTime();
    let text = '{"items":[';
    for (let i = 0; i < page.length; i++) {
      const [, head, closesAt, tail, reviewedOn] = page[i];
      if (i > 0) text += ',';
      text += writeListItem({ head: head!, closesAt, tail }, reviewedOn, day, nowMs);
    }
    const last = page[page.length - 1];
    const cursor = rows.length > limit ? nextCursor(last[5], last[0]) : null;
    return `${text}],"nextCursor":${JSON.stringify(cursor)}${search ? `,"search":${JSON.stringify(search)}` : ''}}`;
  }

  /** Today's ListDay in the tracker's zone (a new one after each local midnight). */
  private listDay(now: Date): ListDay {
    this.day = ListDay.at(now, this.env.TRACKER_TIME_ZONE, this.env.STALE_AFTER_DAYS, this.day);
    return this.day;
  }

  /**
   * A list request's resolved filters and page size, how its next cursor is made from the last row,
   * and with `q`, what the answer says of the search (its order and about how many items match).
   */
  private async pageOf(query: ListRecommendationsQuery): Promise<{
    resolved: ResolvedFilters;
    limit: number;
    nextCursor: (sortKey: string | number | null | undefined, slug: string) => string;
    search?: SearchSummary;
  }> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { cursor, limit: _limit, sort: _sort, ...rest } = query;
    const search = query.q === undefined ? undefined : await this.searchOf(query.q, query.sort);
    const common = search?.common ?? false;
    const sort = listSort(query, common);
    if (sort === 'relevance' && query.q === undefined) {
      throw ProblemException.validation([{ field: 'sort', in: 'query', reason: 'sort=relevance needs a search (q)' }]);
    }
    if (sort === 'relevance' && search?.common) {
      throw ProblemException.validation([
        {
          field: 'sort',
          in: 'query',
          reason: `sort=relevance is for searches that fewer than 1 item in 20 match, and about ${estimatedMatches(search.estimate)} items match this q: add a word to q, or choose another order`,
        },
      ]);
    }
    const filters = cursorScope(query, common);
    const keyed = sort !== 'slug';
    const after = cursor ? decodeCursor(cursor, filters, keyed ? 2 : 1) : undefined;
    const resolved = await this.resolveFilters(rest, limit, after ? String(after[after.length - 1]) : undefined, search);
    resolved.sort = sort;
    if (keyed && after) resolved.afterKey = after[0] as string | number;
    return {
      resolved,
      limit,
      nextCursor: (sortKey, slug) => encodeCursor(keyed ? [sortKey ?? null, slug] : [slug], filters),
      search: search && {
        order: sort,
        common,
        // Counted when the search is not common (its matches are few enough to rank, so to count).
        ...(common || isExactEstimate(search.estimate)
          ? { matches: estimatedMatches(search.estimate), matchesExact: isExactEstimate(search.estimate) }
          : { matches: await this.repo.countMatches(search.query), matchesExact: true }),
      },
    };
  }

  /** Every matching item, page by page, for exports and feeds (never the whole table at once). */
  async *iterate(filters: RecommendationFilters, pageSize = 200): AsyncGenerator<RecommendationListItem[]> {
    let afterSlug: string | undefined;
    for (;;) {
      const resolved = await this.resolveFilters(filters, pageSize, afterSlug);
      const rows = await this.repo.list(resolved);
      const page = rows.slice(0, pageSize);
      if (page.length > 0) yield this.toListItems(page, resolved.asOf, resolved.tables);
      if (rows.length <= pageSize) return;
      afterSlug = page[page.length - 1].slug;
    }
  }

  async toListItems(rows: RecommendationRow[], asOf?: string, tables?: ScopedTables): Promise<RecommendationListItem[]> {
    const at = this.clockContext(asOf);
    const ids = rows.map((r) => r.id);
    const openAt = asOf ? { asOf, instant: asOfInstant(asOf, at.now, at.timeZone).toISOString() } : undefined;
    const [topics, deadlines] = await Promise.all([this.repo.topicsFor(ids), this.repo.openDeadlinesFor(ids, openAt, tables)]);
    const nextByRec = new Map<number, DeadlineRow>();
    for (const d of deadlines) if (!nextByRec.has(d.recommendationId)) nextByRec.set(d.recommendationId, d);
    const instant = asOfInstant(asOf, at.now, at.timeZone);
    return rows.map((r) => {
      const next = nextByRec.get(r.id);
      return toListItem(
        r,
        topics.get(r.id) ?? [],
        next ? toDeadlineView(next, at) : null,
        isStale(r.reviewedOn, instant, this.env.STALE_AFTER_DAYS, at.timeZone),
      );
    });
  }

  /**
   * Everything about one item, as of a date in the world (`asOf`) and as the tracker had it recorded
   * at an instant (`knownAt`): a later entry, retraction, outcome or review never shows in a
   * `knownAt` view.
   */
  async detail(slug: string, asOfParam?: string, knownAt?: string): Promise<RecommendationDetail> {
    const tables = await this.knownAtTables.at(knownAt);
    const asOf = this.effectiveAsOf(asOfParam, knownAt);
    const row = await this.repo.findBySlug(slug, tables);
    if (!row) throw ProblemException.notFound('recommendation', slug);
    const at = this.clockContext(asOf);
    const instant = asOfInstant(asOf, at.now, at.timeZone);
    const [changes, deadlineRows, findingRows, linkRows, eventRows, topics, reviewRows] = await Promise.all([
      this.repo.statusChangesFor([row.id], tables),
      this.repo.deadlinesFor(row.id, tables),
      this.repo.findingsFor(row.id, tables),
      this.repo.linksFor(row.id, tables),
      this.repo.eventsFor(row.id, tables),
      this.repo.topicsFor([row.id]),
      this.repo.reviewsFor(row.id, tables),
    ]);
    const entries = changes.map(toStatusEntry);
    const head = headline(entries, HEADLINE_ASSESSOR, asOf);
    const names = new Map(changes.map((c) => [c.assessorSlug, c.assessorName]));
    const retractedBy = new Map<number, number>();
    for (const c of changes) if (c.retractsId !== null) retractedBy.set(c.retractsId, c.id);
    const history = changes.map((c) => toStatusChangeView(c, c.retracted ? (retractedBy.get(c.id) ?? null) : null));
    const deadlines = deadlineRows.filter((d) => !asOf || d.setOn === null || d.setOn <= asOf).map((d) => toDeadlineView(d, at));
    const nextDeadline = deadlines.find((d) => d.state === 'open') ?? null;
    // A finding is part of the record from when its report was filed (else published, else the end of its period).
    const filedOn = (f: (typeof findingRows)[number]) => f.filedOn ?? f.reportPublishedOn ?? f.periodEnd;
    const closedIn = (start: string, end: string): DeadlineRefView[] =>
      deadlineRows
        .filter((d) => {
          const closeDate = localDateOf(new Date(d.closesAt), at.timeZone);
          // The close is the local midnight after the last day: the last day is inside the period.
          const lastDay = addDays(closeDate, -1);
          return lastDay >= start && lastDay <= end;
        })
        .map((d) => ({ id: d.id, slug: d.slug }));
    const findings = toFindingViews(
      findingRows.filter((f) => !asOf || filedOn(f) <= asOf),
      closedIn,
    );
    const reviews = reviewRows.filter((r) => !asOf || r.reviewedOn <= asOf).map(toReviewView);
    const lastReview = reviews.length ? reviews[reviews.length - 1].reviewedOn : null;
    const statusOn = head.entry?.effectiveOn ?? null;
    const reviewedOn = lastReview !== null && (statusOn === null || lastReview > statusOn) ? lastReview : statusOn;
    const linkedChanges = await this.repo.statusChangesFor([...new Set(linkRows.map((l) => l.otherId))], tables);
    const linkedEntries = new Map<number, StatusEntry[]>();
    for (const c of linkedChanges)
      linkedEntries.set(c.recommendationId, [...(linkedEntries.get(c.recommendationId) ?? []), toStatusEntry(c)]);
    return {
      id: row.id,
      slug: row.slug,
      kind: row.kind,
      title: row.title,
      text: row.text,
      textIsVerbatim: Boolean(row.textIsVerbatim),
      textVia: row.textViaSlug ? { slug: row.textViaSlug, title: row.textViaTitle ?? '' } : null,
      issuedOn: row.issuedOn,
      issuedPrecision: row.issuedPrecision,
      status: head.status,
      statusAsOf: head.entry?.effectiveOn ?? null,
      source: { slug: row.sourceSlug, title: row.sourceTitle },
      pinpoint: row.pinpoint,
      responsible: row.responsibleSlug ? { slug: row.responsibleSlug, title: row.responsibleName ?? '' } : null,
      topics: topics.get(row.id) ?? [],
      weight: row.weight,
      nextDeadline,
      overdue: deadlines.some((d) => d.overdue),
      reviewedOn,
      stale: isStale(reviewedOn, instant, this.env.STALE_AFTER_DAYS, at.timeZone),
      reviews,
      assessments: assessments(entries, HEADLINE_ASSESSOR, asOf).map((a) => ({
        assessor: { slug: a.assessor, title: names.get(a.assessor) ?? a.assessor },
        status: a.status,
        effectiveOn: a.effectiveOn,
        statusChangeId: a.entryId,
        isHeadline: a.isHeadline,
        disagreesWithHeadline: a.disagreesWithHeadline,
      })),
      history: asOf ? history.filter((h) => h.effectiveOn <= asOf) : history,
      deadlines,
      findings,
      links: linkRows.map((l) => ({
        type: l.type as LinkType,
        direction: l.direction,
        slug: l.slug,
        title: l.title,
        status: headline(linkedEntries.get(l.otherId) ?? [], HEADLINE_ASSESSOR, asOf).status,
        note: l.note,
      })),
      events: eventRows.filter((e) => !asOf || e.occurredOn <= asOf).map(toEventView),
      version: row.version,
    };
  }
}
