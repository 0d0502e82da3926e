import { KnownAtTables, ScopedTables } from '../database/known-at';
/**
 * The Atom feeds of status changes and the iCalendar feed of deadlines, built from the same filters
 * and views as the JSON API.
 */
import { Injectable } from '@nestjs/common';
import icalGenerator, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem/problem';
import { Environment, publicUrl } from '../config/environment';
import { formatDate, isWebUrl, statusLabel } from '../presentation/format';
import { startOfLocalDay } from '../common/time/local-date';
import { SEED_EDITOR } from '../seed/seed.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { DeadlineFilters } from '../deadlines/dto/list-deadlines.query';
import { RecommendationFilters } from '../recommendations/dto/list-recommendations.query';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { AtomEntry, renderAtom, tagUri } from './atom';
import { deadlineEvent } from './deadline-calendar';
import { foldIcal } from './ical-fold';
import { ChangeRow, FeedsRepository } from './feeds.repository';

/** Atom feeds carry the latest entries only; older ones are in the API and on the item pages. */
export const ATOM_ENTRIES = 200;
/**
 * The calendar carries at most this many deadlines, those closing nearest to today. Calendar apps
 * choke on (and refresh slowly) tens of thousands of events, and building them costs memory; the
 * whole list is in the JSON API.
 */
export const CALENDAR_EVENTS = 2_000;
/**
 * Deadlines read, rendered and written per turn of the event loop: each page holds the loop for its
 * own rendering only (tens of ms), so other requests are answered while a calendar is built.
 */
const CALENDAR_PAGE = 100;
/** Filters that select at most this many items have their changes read by id (see filteredChanges). */
const ID_PAGE = 5_000;
/** Status changes walked per statement when the filters select more items than that. */
const CHANGE_PAGE = 1_000;
const EMPTY_FEED_UPDATED = '2017-01-13T00:00:00.000Z';

@Injectable()
export class FeedsService {
  constructor(
    private readonly repo: FeedsRepository,
    private readonly recommendations: RecommendationsService,
    private readonly recommendationsRepo: RecommendationsRepository,
    private readonly deadlines: DeadlinesService,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly knownAtTables: KnownAtTables,
  ) {}

  /** See ID_PAGE and CHANGE_PAGE (a test lowers them to take the walk, page by page, on a small record). */
  idPage = ID_PAGE;
  changePage = CHANGE_PAGE;

  private get base(): string {
    return publicUrl(this.env);
  }

  private get host(): string {
    return new URL(this.base).hostname;
  }

  /** Status changes of every item the list filters select, newest first. `self` is the URL asked for. */
  async changes(filters: RecommendationFilters, self: string): Promise<string> {
    const { asOf, knownAt, ...selecting } = filters;
    const filtered = Object.values(selecting).some((v) => v !== undefined);
    const tables = await this.knownAtTables.at(knownAt);
    const rows = filtered
      ? await this.filteredChanges(filters, asOf, tables)
      : await this.repo.latestChanges(undefined, asOf, ATOM_ENTRIES, tables);
    const query = canonicalQuery(filters as Record<string, unknown>);
    return renderAtom({
      id: tagUri(this.host, `feeds/changes${query ? `?${query}` : ''}`),
      title: filtered || asOf || knownAt ? 'Reform Tracker: status changes (filtered)' : 'Reform Tracker: status changes',
      subtitle: 'Every status change, with who says so and the evidence. Newest first.',
      updated: rows[0]?.recordedAt ?? EMPTY_FEED_UPDATED,
      links: [
        { rel: 'self', type: 'application/atom+xml', href: self },
        { rel: 'alternate', type: 'text/html', href: `${this.base}/recommendations${query ? `?${query}` : ''}` },
      ],
      authors: ['Reform Tracker'],
      generator: 'Reform Tracker',
      entries: rows.map((r) => this.entry(r)),
    });
  }

  /** Status changes of one item. @throws ProblemException 404 for an unknown slug. */
  async recommendation(slug: string, self: string): Promise<string> {
    const item = await this.repo.recommendation(slug);
    if (!item) throw ProblemException.notFound('recommendation', slug);
    const rows = await this.repo.latestChanges([item.id], undefined, ATOM_ENTRIES);
    return renderAtom({
      id: tagUri(this.host, `feeds/recommendations/${item.slug}`),
      title: `Reform Tracker: ${item.title}`,
      subtitle: 'Status changes of this item, with who says so and the evidence. Newest first.',
      updated: rows[0]?.recordedAt ?? EMPTY_FEED_UPDATED,
      links: [
        { rel: 'self', type: 'application/atom+xml', href: self },
        { rel: 'alternate', type: 'text/html', href: `${this.base}/recommendations/${encodeURIComponent(item.slug)}` },
      ],
      authors: ['Reform Tracker'],
      generator: 'Reform Tracker',
      entries: rows.map((r) => this.entry(r)),
    });
  }

  /**
   * The deadlines the filters select, one VEVENT each (see deadline-calendar.ts for the shape): all
   * of them, or the CALENDAR_EVENTS closing nearest to today when there are more (said in the
   * calendar's description). Written as it is read: the calendar's head once the window is chosen
   * (a bad filter throws before anything is produced), then the events a page of deadlines at a
   * time, then its end; the pieces joined are the whole document.
   */
  async *calendar(filters: DeadlineFilters): AsyncGenerator<string> {
    const now = this.clock.now();
    const { truncated, pages } = await this.deadlines.nearestWindow(filters, CALENDAR_EVENTS, CALENDAR_PAGE);
    const calendar = icalGenerator({
      name: 'Reform Tracker deadlines',
      description:
        `Deadlines of recommendations, promises and requirements, each on its last day (${this.env.TRACKER_TIME_ZONE}).` +
        (truncated
          ? ` The ${CALENDAR_EVENTS} closing nearest to today; every deadline is at ${this.base}/api/v1/deadlines.`
          : ''),
      prodId: { company: 'Reform Tracker', product: 'deadlines', language: 'EN' },
      method: ICalCalendarMethod.PUBLISH,
      url: `${this.base}/deadlines`,
      ttl: 3600,
    });
    const shell = calendar.toString();
    const end = shell.lastIndexOf('END:VCALENDAR');
    yield shell.slice(0, end);
    for await (const page of pages()) {
      // better-sqlite3 reads are synchronous: without a turn of the event loop between pages the
      // whole feed would be built before its first bytes are sent or any other request is answered.
      await nextTurn();
      const stamps = await this.repo.deadlineStamps(page.map((d) => d.id));
      // Events go on a calendar of their own (one per page, so they are not kept) and are serialised
      // one by one, unfolded, then folded here: ical-generator's folding of the whole text is far too
      // slow for thousands of events. Each event ends with CRLF, so pages fold independently.
      const events = icalGenerator();
      const body = page.map((d) => {
        const e = deadlineEvent(d, {
          baseUrl: this.base,
          host: this.host,
          timeZone: this.env.TRACKER_TIME_ZONE,
          stamp: stamps.get(d.id) ?? now,
          now,
        });
        return events
          .createEvent({
            id: e.id,
            start: e.start,
            end: e.end,
            allDay: true,
            summary: e.summary,
            description: e.description,
            url: e.url,
            stamp: e.stamp,
            sequence: e.sequence,
            status: e.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
            categories: e.categories.map((name) => ({ name })),
          })
          .x('X-REFORM-TRACKER-CLOSES-AT', e.closesAt)
          .toString();
      });
      yield foldIcal(body.join(''));
    }
    // RFC 5545 ends every content line with CRLF, the last one too (ical-generator leaves it off).
    const tail = shell.slice(end);
    yield tail.endsWith('\r\n') ? tail : `${tail}\r\n`;
  }

  private entry(r: ChangeRow): AtomEntry {
    const label = r.status === null ? 'Retraction' : statusLabel(r.status);
    const retracted = Boolean(r.retracted);
    const evidenceUrl = isWebUrl(r.evidenceUrl) ? r.evidenceUrl : isWebUrl(r.evidenceSourceUrl) ? r.evidenceSourceUrl : null;
    const where = [r.evidenceSourceTitle, r.evidencePinpoint].filter(Boolean).join(', ');
    const summary = [
      r.status === null
        ? `Correction: ${r.assessorName} withdrew an earlier entry on “${r.recommendationTitle}” without stating a new status; it no longer counts.`
        : `${r.retractsId !== null ? 'Correction: ' : ''}As of ${formatDate(r.effectiveOn, r.effectivePrecision)}, the status of “${r.recommendationTitle}” is “${label}”, according to ${r.assessorName}.`,
      ...(where || evidenceUrl ? [`Evidence: ${[where, evidenceUrl].filter(Boolean).join(' — ')}.`] : []),
      ...(r.evidenceExcerpt ? [`“${r.evidenceExcerpt}”`] : []),
      ...(r.note ? [r.note] : []),
      ...(retracted ? ['This entry was later retracted by a correction and no longer counts.'] : []),
    ];
    // The initial data set was recorded all at once when the tracker was installed; dated by that, a new
    // subscriber would see a 2017 assessment as new today. Its entries carry the sourced date instead.
    const dated = r.recordedBy === SEED_EDITOR.keyName ? this.seedDate(r) : null;
    if (dated) summary.push(dated.says);
    const published = dated?.instant ?? r.recordedAt;
    return {
      id: tagUri(this.host, `status-change/${r.id}`),
      title: `${retracted ? '[Retracted] ' : r.retractsId !== null ? 'Correction: ' : ''}${r.recommendationTitle}: ${label}`,
      // A retraction changes the entry (its title says so): its updated moves to when the retraction was
      // recorded, so feed readers that already have it fetch it again.
      updated: retracted && r.retractedAt ? r.retractedAt : published,
      published,
      authors: [r.assessorName],
      links: [
        { rel: 'alternate', type: 'text/html', href: `${this.base}/recommendations/${encodeURIComponent(r.recommendationSlug)}` },
        ...(evidenceUrl ? [{ rel: 'related' as const, href: evidenceUrl, title: 'Evidence' }] : []),
      ],
      categories: [{ term: r.status ?? 'retraction', label, scheme: `${this.base}/about#statuses` }],
      summary: summary.join('\n'),
    };
  }

  /**
   * The date an entry of the initial data set is shown at: when its evidence was published, or when
   * the status took effect if that came later (or no publication date is on record), with a
   * sentence saying which. Both dates come from the sourced seed data.
   */
  private seedDate(r: ChangeRow): { instant: string; says: string } {
    const published = r.evidenceSourcePublishedOn;
    const byEvidence = published !== null && published >= r.effectiveOn;
    return {
      instant: startOfLocalDay(byEvidence ? published : r.effectiveOn, this.env.TRACKER_TIME_ZONE).toISOString(),
      says: byEvidence
        ? `From the tracker's initial data set, dated by its evidence, published ${formatDate(published)}.`
        : `From the tracker's initial data set, dated by when the status took effect (${
            published
              ? `its evidence was published earlier, ${formatDate(published)}`
              : 'its evidence has no publication date on record'
          }).`,
    };
  }

  /** Ids of the recommendations the list filters select (every page of them). */
  /**
   * The latest ATOM_ENTRIES status changes of the items the filters select. When they select few
   * items (one page of ids), those items' changes are read at once. When they select more, the
   * changes are walked newest first, CHANGE_PAGE at a time, keeping those whose item the filters
   * select (asked once per item): the cost follows ATOM_ENTRIES ÷ the share of items selected, not the
   * number selected (collecting every matching id took 7.8 s for status=in_progress and 39 s for
   * q=pursuit at 1,000,000 items).
   */
  private async filteredChanges(
    filters: RecommendationFilters,
    asOf: string | undefined,
    tables: ScopedTables,
  ): Promise<ChangeRow[]> {
    const first = await this.recommendationsRepo.list(await this.recommendations.resolveFilters(filters, this.idPage));
    if (first.length <= this.idPage) {
      return first.length === 0
        ? []
        : this.repo.latestChanges(
            first.map((r) => r.id),
            asOf,
            ATOM_ENTRIES,
            tables,
          );
    }
    const selected = new Map<number, boolean>();
    const kept: ChangeRow[] = [];
    for (let before: ChangeRow | undefined; ;) {
      const page = await this.repo.latestChanges(undefined, asOf, this.changePage, tables, before);
      const unknown = [...new Set(page.map((c) => c.recommendationId))].filter((id) => !selected.has(id));
      if (unknown.length > 0) {
        const among = await this.recommendations.resolveFilters(filters, unknown.length);
        among.ids = unknown;
        const yes = new Set((await this.recommendationsRepo.list(among)).map((r) => r.id));
        for (const id of unknown) selected.set(id, yes.has(id));
      }
      for (const change of page) {
        if (!selected.get(change.recommendationId)) continue;
        kept.push(change);
        if (kept.length === ATOM_ENTRIES) return kept;
      }
      if (page.length < this.changePage) return kept;
      before = page[page.length - 1];
      await nextTurn();
    }
  }
}

/** The filters as a query string with sorted keys: one spelling per filter, for ids and links. */
export function canonicalQuery(filters: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(filters).sort()) {
    const v = filters[key];
    if (v === undefined || v === null) continue;
    params.set(key, Array.isArray(v) ? v.join(',') : String(v));
  }
  return params.toString();
}
