/**
 * The overview page (`/`), cached by section. Today's page is kept whole per version of the record
 * and local day (a hit costs one lookup); after a write it is assembled again from its sections, each
 * a value cached by the tables it reads (ReadCache), so a write recomputes only the sections it can
 * change: a status change keeps the overdue and upcoming deadline lists, which show items by name
 * alone ('recommendation_ref'), and recomputes the counts, what is left, the latest changes, the
 * promises and the freshness box. Each section's HTML is kept with the data it was rendered from
 * (compared by value, as the progress rows are kept by content: progress-rows.ts), so a section whose
 * data came out the same, recomputed or not, is not rendered again; a kept fragment is always the one
 * rendering it again would give. A past date's page (`asOf`) is computed and rendered in full, from
 * the same templates (views/overview/*.eta inside views/overview.eta).
 */
import { Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { ReadCache, Reads, RECORD_READS } from '../common/cache/read-cache';
import { Environment } from '../config/environment';
import { DEADLINE_ROW_READS } from '../deadlines/deadline.sql';
import { PageRenderer } from '../presentation/renderer';
import { StatsService } from '../stats/stats.service';
import { Overview, OVERVIEW_LIMITS, OverviewService } from './overview.service';
import { ProgressRows } from './progress-rows';
import { DASHBOARD_VIEWS } from './views';

/** The page's sections, in page order: each a template views/overview/<name>.eta. */
const SECTIONS = ['hero', 'standing', 'left', 'overdue', 'upcoming', 'promises', 'latest', 'freshness'] as const;
type Section = (typeof SECTIONS)[number];

/**
 * What the overview's own lists read. The deadline lists: the deadline rows (DEADLINE_ROW_READS; the
 * overdue and due-within filters read only deadline columns). The others show items' statuses and
 * history with their evidence, or count the whole record: any write to the record recomputes them.
 */
const OVERVIEW_READS = {
  overdue: DEADLINE_ROW_READS,
  upcoming: DEADLINE_ROW_READS,
  left: RECORD_READS,
  latest: RECORD_READS,
  promises: RECORD_READS,
  freshness: RECORD_READS,
} satisfies Record<string, Reads>;

@Injectable()
export class OverviewPage {
  /** The last rendering of each section of today's page, with the data it showed. */
  private readonly rendered = new Map<Section, { shown: Record<string, unknown>; html: string }>();

  constructor(
    private readonly overview: OverviewService,
    private readonly stats: StatsService,
    private readonly cache: ReadCache,
    private readonly pages: PageRenderer,
    private readonly progressRows: ProgressRows,
    private readonly env: Environment,
  ) {}

  /** Today's page, or as things stood at the end of `asOf` (computed and rendered in full: not cached). */
  async html(asOf?: string): Promise<string> {
    if (asOf) return this.render(await this.overview.overview(asOf), false);
    return this.cache.value('overview', RECORD_READS, async () => this.render(await this.today(), true));
  }

  /** Today's overview from its cached sections (each recomputed when a table it reads changed). */
  async today(): Promise<Overview> {
    const section = <T>(name: keyof typeof OVERVIEW_READS, compute: () => Promise<T>) =>
      this.cache.value(`overview: ${name}`, OVERVIEW_READS[name], compute);
    const [stats, left, overdue, upcoming, latest, promises, freshness] = await Promise.all([
      this.stats.stats(),
      // Of the counts by status (stat_tally, one of RECORD_READS: the groups are recomputed when they move).
      section('left', async () => this.overview.whatIsLeft((await this.stats.stats()).byStatus)),
      section('overdue', () => this.overview.overdueDeadlines()),
      section('upcoming', () => this.overview.upcomingDeadlines()),
      section('latest', () => this.overview.latestChanges()),
      section('promises', () => this.overview.promises(OVERVIEW_LIMITS.promises)),
      section('freshness', () => this.overview.freshness()),
    ]);
    return this.overview.assemble(stats, { asOf: null, left, overdue, upcoming, latest, promises, freshness });
  }

  /**
   * The page: each section rendered from the data it shows (today's: unless that data is what its
   * last rendering showed, `keep`), inside the overview's layout with the progress tables.
   */
  render(data: Overview, keep: boolean): string {
    const { asOf, stats: s, freshness } = data;
    const site = { timeZone: this.env.TRACKER_TIME_ZONE, staleAfterDays: this.env.STALE_AFTER_DAYS };
    // What each template reads of `it` (besides `it.h`): nothing else reaches it.
    const shown: Record<Section, Record<string, unknown>> = {
      hero: {
        asOf,
        site,
        generatedAt: data.generatedAt,
        stats: { total: s.total, stale: s.stale },
        freshness: { lastRecordedAt: freshness.lastRecordedAt },
      },
      standing: { asOf, chart: data.chart, stats: { byStatus: s.byStatus, total: s.total, progress: s.progress } },
      left: { asOf, left: data.left, leftStatuses: data.leftStatuses, stats: { progress: { remaining: s.progress.remaining } } },
      overdue: { overdue: data.overdue, stats: { overdue: s.overdue } },
      upcoming: { upcoming: data.upcoming },
      promises: { asOf, promises: data.promises },
      latest: { latest: data.latest },
      freshness: { asOf, site, generatedAt: data.generatedAt, freshness, stats: { total: s.total, stale: s.stale } },
    };
    const sections = Object.fromEntries(SECTIONS.map((name) => [name, this.section(name, shown[name], keep)]));
    const { progressByTopic, progressBySource } = s;
    return this.pages.render(
      'overview',
      {
        title: asOf ? `Overview as of ${asOf}` : 'Overview',
        section: 'overview',
        description: 'What was recommended, what was promised, and what actually happened, with proof.',
        alternates: [{ href: '/feeds/changes.atom', type: 'application/atom+xml', title: 'Status changes (Atom)' }],
        sections,
        // Today's page only (a past date's figures have no per-group progress).
        progressRows:
          progressByTopic && progressBySource
            ? {
                topic: this.progressRows.html('topic', 'Progress by topic', progressByTopic),
                source: this.progressRows.html('source', 'Progress by source', progressBySource),
              }
            : null,
      },
      { views: DASHBOARD_VIEWS },
    );
  }

  private section(name: Section, shown: Record<string, unknown>, keep: boolean): string {
    const render = () => {
      const html = this.pages.fragment(`overview/${name}`, shown, { views: DASHBOARD_VIEWS });
      // Ending its last line, as the section's lines did when the page was one template (Eta drops a
      // template's final newline), but for the page's last line.
      return html.endsWith('\n') || name === SECTIONS[SECTIONS.length - 1] ? html : `${html}\n`;
    };
    if (!keep) return render();
    const last = this.rendered.get(name);
    // Deep equality that stops at the same object: a section value kept in the cache is the same
    // (frozen) object, so comparing it costs nothing; a recomputed one is compared field by field.
    if (last && isDeepStrictEqual(last.shown, shown)) return last.html;
    const html = render();
    this.rendered.set(name, { shown, html });
    return html;
  }
}
