/**
 * The data behind /deadlines, /sources and /actors, read through the API's services. Long lists are
 * capped (the JSON API and the feeds have everything) so a page never loads a whole table.
 */
import { Injectable } from '@nestjs/common';
import { MAX_PAGE_SIZE } from '../common/pagination/page-params';
import { PromiseTally, tallyPromises } from '../deadlines/rules/promise-tally';
import { ActorsService } from '../catalog/actors/actors.service';
import type { ActorDetailView, ActorListView } from '../catalog/actors/actor-views';
import { Environment, publicUrl } from '../config/environment';
import type { DeadlineView } from '../deadlines/deadline-view';
import { DeadlinesService } from '../deadlines/deadlines.service';
import type { ListDeadlinesQuery } from '../deadlines/dto/list-deadlines.query';
import type { SourceDetailView, SourceListView } from '../catalog/sources/source-views';
import { SourcesService } from '../catalog/sources/sources.service';
import { ProblemException } from '../common/problem/problem';
import { ReadAtQuery } from '../common/query/read-at.query';
import { lastDayOfDue } from '../presentation/format';
import { knownAtOf, pickParams, RawQuery, validateParams } from './dashboard-query';

export const DEADLINE_PAGE_CAP = 100;

export interface MonthGroup {
  /** `YYYY-MM` of the last day of the deadlines' periods. */
  month: string;
  deadlines: DeadlineView[];
}

export interface DeadlineSection {
  groups: MonthGroup[];
  count: number;
  /** More than the cap exist: the page says so and points at the API and the feed. */
  truncated: boolean;
}

export interface DeadlinesPage {
  overdue: DeadlineSection;
  upcoming: DeadlineSection;
  /** Closed, and nobody has established whether they were met: never overdue, never late. */
  unknown: DeadlineSection;
  settled: DeadlineSection;
  feed: { path: string; https: string; webcal: string };
  cap: number;
  /** The date the page shows (null: today). */
  asOf: string | null;
  /** Only what was recorded by this instant (null: everything recorded). */
  knownAt: string | null;
}

/**
 * `asOf` and `knownAt` of a page's query, checked the way the item page checks them; a bad value is a
 * validation problem (the dashboard's 400 page names it).
 */
export async function readAt(raw: RawQuery): Promise<{ asOf: string | undefined; knownAt: string | undefined }> {
  const picked = pickParams(raw, ['asOf', 'knownAt']);
  const { knownAt: _knownAt, ...asOfParams } = picked;
  const validated = await validateParams(ReadAtQuery, asOfParams);
  const known = knownAtOf(picked);
  if (!validated.value || known.error) {
    throw ProblemException.validation([...validated.errors, ...(known.error ? [known.error] : [])]);
  }
  return { asOf: validated.value.asOf, knownAt: known.value };
}

/** Groups deadlines (already in close order) by the month their period ends in. */
export function byMonth(deadlines: DeadlineView[]): MonthGroup[] {
  const groups: MonthGroup[] = [];
  for (const d of deadlines) {
    const month = (lastDayOfDue(d.due) ?? d.closesAt).slice(0, 7);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.deadlines.push(d);
    else groups.push({ month, deadlines: [d] });
  }
  return groups;
}

@Injectable()
export class DirectoryPagesService {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly sources: SourcesService,
    private readonly actors: ActorsService,
    private readonly env: Environment,
  ) {}

  /**
   * /deadlines, today or as things stood at the end of `asOf` (and as recorded by `knownAt`); a bad
   * value is a 400 naming the parameter, rendered as the dashboard's error page.
   */
  async deadlinesPage(raw: RawQuery = {}): Promise<DeadlinesPage> {
    const { asOf, knownAt } = await readAt(raw);
    const cap = DEADLINE_PAGE_CAP;
    // Each section keeps only the states it is about, whatever the query matched: an unknown outcome
    // must never be listed as overdue.
    const section = async (query: Partial<ListDeadlinesQuery>, keep: (d: DeadlineView) => boolean): Promise<DeadlineSection> => {
      const page = await this.deadlines.list({ ...query, asOf, knownAt, limit: cap } as ListDeadlinesQuery);
      const items = page.items.filter(keep);
      return { groups: byMonth(items), count: items.length, truncated: page.nextCursor !== null };
    };
    const [overdue, upcoming, unknown, settled] = await Promise.all([
      section({ overdue: true }, (d) => d.state === 'open' && d.overdue),
      section({ state: ['open'], overdue: false }, (d) => d.state === 'open' && !d.overdue),
      section({ state: ['unknown'] }, (d) => d.state === 'unknown'),
      section({ state: ['met', 'partly_met', 'missed', 'extended', 'withdrawn'] }, () => true),
    ]);
    const base = publicUrl(this.env);
    const path = '/feeds/deadlines.ics';
    return {
      overdue,
      upcoming,
      unknown,
      settled,
      feed: { path, https: `${base}${path}`, webcal: `${base.replace(/^https?:/, 'webcal:')}${path}` },
      cap,
      asOf: asOf ?? null,
      knownAt: knownAt ?? null,
    };
  }

  sourceList(): Promise<SourceListView> {
    return this.sources.all();
  }

  sourcePage(slug: string): Promise<SourceDetailView> {
    return this.sources.detail(slug);
  }

  actorList(): Promise<ActorListView> {
    return this.actors.all();
  }

  async actorPage(slug: string): Promise<{
    actor: ActorDetailView;
    deadlinesSet: DeadlineView[];
    truncated: boolean;
    tally: PromiseTally;
    promises: number;
  }> {
    const actor = await this.actors.detail(slug);
    const page = await this.deadlines.list({ setBy: slug, limit: DEADLINE_PAGE_CAP } as ListDeadlinesQuery);
    // The tally counts every promise, beyond the page shown.
    const promises: DeadlineView[] = [];
    let cursor: string | undefined;
    do {
      const next = await this.deadlines.list({ setBy: slug, limit: MAX_PAGE_SIZE, cursor } as ListDeadlinesQuery);
      promises.push(...next.items.filter((d) => d.authority === 'official_promise'));
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    const tally = tallyPromises(promises);
    return {
      actor,
      deadlinesSet: page.items,
      truncated: page.nextCursor !== null,
      tally,
      promises: Object.values(tally).reduce((a, b) => a + b, 0),
    };
  }
}
