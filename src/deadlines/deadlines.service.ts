import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { ProblemException } from '../common/problem/problem';
import { addDays, asOfInstant, localDateOf, startOfLocalDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { KnownAtTables } from '../database/known-at';
import { DeadlinesRepository, ResolvedDeadlineFilters } from './deadlines.repository';
import { DeadlineView, toDeadlineView } from './deadline-view';
import { nearestWindow } from './rules/nearest-window';
import { DeadlineFilters, ListDeadlinesQuery } from './dto/list-deadlines.query';

export interface DeadlinePage {
  items: DeadlineView[];
  nextCursor: string | null;
}

@Injectable()
export class DeadlinesService {
  constructor(
    private readonly repo: DeadlinesRepository,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly knownAtTables: KnownAtTables,
  ) {}

  /** asOf, or with only knownAt the local date of that instant (see RecommendationsService.effectiveAsOf). */
  private asOfOf(q: DeadlineFilters): string | undefined {
    return q.asOf ?? (q.knownAt ? localDateOf(new Date(q.knownAt), this.env.TRACKER_TIME_ZONE) : undefined);
  }

  async resolve(query: DeadlineFilters, limit: number, after?: [string, number]): Promise<ResolvedDeadlineFilters> {
    const q = { ...query, asOf: this.asOfOf(query) };
    const tz = this.env.TRACKER_TIME_ZONE;
    const instant = asOfInstant(q.asOf, this.clock.now(), tz);
    const actor = async (param: string, slug?: string) => {
      if (slug === undefined) return undefined;
      const id = await this.repo.idOfActor(slug);
      if (id === undefined)
        throw ProblemException.validation([{ field: param, in: 'query', reason: `no actor has the slug "${slug}"` }]);
      return id;
    };
    return {
      states: q.state,
      overdue: q.overdue,
      instant: instant.toISOString(),
      dueBefore:
        q.dueWithin === undefined
          ? undefined
          : startOfLocalDay(addDays(localDateOf(instant, tz), q.dueWithin + 1), tz).toISOString(),
      responsibleId: await actor('responsible', q.responsible),
      setById: await actor('setBy', q.setBy),
      asOf: q.asOf,
      after,
      limit,
      tables: await this.knownAtTables.at(q.knownAt),
    };
  }

  async list(query: ListDeadlinesQuery): Promise<DeadlinePage> {
    const limit = query.limit ?? 50;
    const { cursor, limit: _l, ...filters } = query;
    let after: [string, number] | undefined;
    if (cursor) {
      const [closes, id] = decodeCursor(cursor, filters as Record<string, unknown>, 2);
      if (typeof closes !== 'string' || typeof id !== 'number') {
        throw ProblemException.validation([{ field: 'cursor', in: 'query', reason: 'is not a cursor this API issued' }]);
      }
      after = [closes, id];
    }
    const rows = await this.repo.list(await this.resolve(filters, limit, after));
    const page = rows.slice(0, limit);
    const at = { now: this.clock.now(), asOf: this.asOfOf(query), timeZone: this.env.TRACKER_TIME_ZONE };
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toDeadlineView(r, at)),
      nextCursor: rows.length > limit ? encodeCursor([last.closesAt, last.id], filters as Record<string, unknown>) : null,
    };
  }

  /**
   * At most `cap` matching deadlines, those closing nearest to now (or to the end of asOf), in close
   * order, and whether any were left out. Feeds use it so a calendar stays a usable size on any
   * database: every deadline of a small tracker, the relevant window of a large one. The window is
   * chosen from the close keys alone; its deadlines are then read a page at a time (keyset on
   * (closes_at, id), as `list` pages), so a feed can write each page out before reading the next
   * and never holds more than one page of rows.
   */
  async nearestWindow(
    filters: DeadlineFilters,
    cap: number,
    pageSize = 250,
  ): Promise<{ count: number; truncated: boolean; pages: () => AsyncGenerator<DeadlineView[]> }> {
    const base = await this.resolve(filters, cap);
    const [upcoming, past] = await Promise.all([
      this.repo.closeKeys({ ...base, closesFrom: base.instant }),
      this.repo.closeKeys({ ...base, closesBefore: base.instant, descending: true }),
    ]);
    const window = nearestWindow(upcoming, past, Date.parse(base.instant), cap);
    const at = { now: this.clock.now(), asOf: this.asOfOf(filters), timeZone: this.env.TRACKER_TIME_ZONE };
    const repo = this.repo;
    async function* pages(): AsyncGenerator<DeadlineView[]> {
      if (!window) return;
      // `after` is exclusive: start just before the first key (no id is below 0).
      let after: [string, number] = [window.first[0], window.first[1] - 1];
      const through = window.last;
      for (;;) {
        const rows = await repo.list({ ...base, after, through, limit: pageSize });
        const page = rows.slice(0, pageSize);
        if (page.length) yield page.map((r) => toDeadlineView(r, at));
        if (rows.length <= pageSize) return;
        after = [page[page.length - 1].closesAt, page[page.length - 1].id];
      }
    }
    return { count: window?.count ?? 0, truncated: upcoming.length + past.length > cap, pages };
  }

  /** Every matching deadline, page by page (for exports). */
  async *iterate(filters: DeadlineFilters, pageSize = 500): AsyncGenerator<DeadlineView[]> {
    let after: [string, number] | undefined;
    const at = { now: this.clock.now(), asOf: this.asOfOf(filters), timeZone: this.env.TRACKER_TIME_ZONE };
    for (;;) {
      const rows = await this.repo.list(await this.resolve(filters, pageSize, after));
      const page = rows.slice(0, pageSize);
      if (page.length) yield page.map((r) => toDeadlineView(r, at));
      if (rows.length <= pageSize) return;
      after = [page[page.length - 1].closesAt, page[page.length - 1].id];
    }
  }
}
