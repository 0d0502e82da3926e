import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ReadCache, Reads } from '../common/cache/read-cache';
import { Clock } from '../common/clock';
import { addDays, localDateOf, startOfLocalDay } from '../common/time/local-date';
import { Environment } from '../config/environment';
import { RECOMMENDATION_KINDS } from '../recommendations/recommendation.entity';
import { ListDay } from '../recommendations/list-item';
import { STATUSES } from '../recommendations/rules/status-vocabulary';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { weightedProgress } from './rules/progress';
import { GroupName, GroupStatusWeight, StatsRepository, TallyRow } from './stats.repository';
import { TallyGroup, TallyMirror, TallySnapshot } from './tally-mirror';

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

export class GroupProgressView {
  @ApiProperty() slug: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Items in the group.' }) count: number;
  @ApiProperty({ description: 'Of them, implemented.' }) implemented: number;
  @ApiProperty({ type: ProgressView }) progress: ProgressView;
}

/** Progress of each group (topic or source) from its grouped status counts, by the same rule as the overall figure. */
export function progressByGroup(rows: GroupStatusWeight[]): GroupProgressView[] {
  const groups = new Map<string, GroupStatusWeight[]>();
  for (const r of rows) {
    const list = groups.get(r.slug);
    if (list) list.push(r);
    else groups.set(r.slug, [r]);
  }
  return [...groups.values()].map((list) => {
    const p = weightedProgress(list.map((r) => ({ status: r.status, weight: r.weight })));
    const count = list.reduce((n, r) => n + r.count, 0);
    const implemented = list.filter((r) => r.status === 'implemented').reduce((n, r) => n + r.count, 0);
    return {
      slug: list[0].slug,
      title: list[0].title,
      count,
      implemented,
      progress: { score: p.score, total: p.total, ratio: p.ratio, remaining: count - implemented },
    };
  });
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
  @ApiProperty({ type: [GroupProgressView], description: 'Progress per topic (an item filed under several counts in each).' })
  progressByTopic: GroupProgressView[];
  @ApiProperty({ type: [GroupProgressView], description: 'Progress per source the items come from.' })
  progressBySource: GroupProgressView[];
  @ApiProperty({ description: 'Recommendations whose headline status has not been reviewed in STALE_AFTER_DAYS.' }) stale: number;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'When these figures were computed (ISO instant).' }) generatedAt: string;
}

/** What the stats are computed from (StatsRepository): the tallies, the names of their groups, the deadline index. */
export const STATS_READS: Reads = ['stat_tally', 'topic', 'source', 'actor', 'deadline'];

/** What the figures counted from the item tallies read: a status change recomputes them. */
const STATS_TALLY_READS: Reads = ['stat_tally', 'topic', 'source', 'actor'];

/** What the names of the tallies' groups read. */
const GROUP_NAME_READS: Reads = ['topic', 'source', 'actor'];

/**
 * What the deadline figures (overdue, due within 30 days) read: the deadline table alone. Their
 * tallies (deadline_close; next_close, from each item's next_close_at, which is derived from its open
 * deadlines in the transaction that writes them) move only when a deadline is written, so a status
 * change, which writes stat_tally's other rows, keeps them.
 */
const STATS_DEADLINE_READS: Reads = ['deadline'];

/** The stats counted from the item tallies (everything but the deadline figures and the instant). */
type TallyFigures = Omit<StatsView, 'overdue' | 'dueWithin30' | 'generatedAt'>;

/**
 * Counts over the whole tracker, from the tallies (StatsRepository). They are computed once per data
 * version and local day (ReadCache): the API and the dashboard share them. The figures are cached in
 * two parts by what each reads, so a write recomputes only the part it can change: a status change
 * recomputes the item tallies' part and keeps the deadline part (whose count of items due within 30
 * days reads the deadline index over the window: 9.5 ms at 1,000,000). The item tallies' part is
 * counted in memory from the tally rows (TallyMirror: on SQLite, after a write, only the rows it
 * wrote are read) and the groups' names (cached until a topic, source or actor changes): about a
 * dozen rows read after a status change, at 100,000 items as at 1,000,000.
 */
@Injectable()
export class StatsService {
  private readonly tallies: TallyMirror;
  private readonly topicProgress = new GroupProgress();
  private readonly sourceProgress = new GroupProgress();
  private readonly stale = new StaleCount();
  private day?: ListDay;

  constructor(
    private readonly repo: StatsRepository,
    private readonly env: Environment,
    private readonly clock: Clock,
    private readonly cache: ReadCache,
  ) {
    this.tallies = new TallyMirror(repo);
  }

  /** The figures; a cached result is frozen. */
  stats(): Promise<StatsView> {
    return this.cache.value('stats', STATS_READS, () => this.compute());
  }

  private async compute(): Promise<StatsView> {
    const [tallies, deadlines] = await Promise.all([
      this.cache.value('stats: item tallies', STATS_TALLY_READS, () => this.tallyFigures()),
      this.cache.value('stats: deadlines', STATS_DEADLINE_READS, () => this.deadlineFigures()),
    ]);
    const { byStatus, byKind, bySource, byResponsible, progress, progressByTopic, progressBySource, stale, total } = tallies;
    return {
      byStatus,
      byKind,
      bySource,
      byResponsible,
      ...deadlines,
      progress,
      progressByTopic,
      progressBySource,
      stale,
      total,
      generatedAt: this.clock.now().toISOString(),
    };
  }

  /** Overdue and due within 30 local days, from the deadline tallies and index. */
  private async deadlineFigures(): Promise<Pick<StatsView, 'overdue' | 'dueWithin30'>> {
    const now = this.clock.now();
    const nowIso = now.toISOString();
    const in30 = startOfLocalDay(
      addDays(localDateOf(now, this.env.TRACKER_TIME_ZONE), 31),
      this.env.TRACKER_TIME_ZONE,
    ).toISOString();
    const [overdue, dueDeadlines, dueItems] = await Promise.all([
      this.repo.overdueDeadlines(nowIso),
      this.repo.openDeadlinesClosingBetween(nowIso, in30),
      // The one count that grows with the data (a window of the deadline index).
      this.repo.recommendationsClosingBetween(nowIso, in30),
    ]);
    return { overdue, dueWithin30: { deadlines: dueDeadlines, recommendations: dueItems } };
  }

  /** The figures counted from the item tallies: by status, kind, source, topic and actor, progress, stale. */
  private async tallyFigures(): Promise<TallyFigures> {
    // Today's cutoff, worked out once a local day (ListDay: time-zone arithmetic only past midnight).
    this.day = ListDay.at(this.clock.now(), this.env.TRACKER_TIME_ZONE, this.env.STALE_AFTER_DAYS, this.day);
    const cutoff = this.day.staleCutoff;
    const [tally, names] = await Promise.all([
      this.tallies.current(),
      this.cache.value('stats: group names', GROUP_NAME_READS, () => this.repo.groupNames()),
    ]);
    const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    const weighted: Array<{ status: Status; weight: number }> = [];
    for (const r of tally.rows('status')) {
      if (r.n <= 0) continue;
      byStatus[r.status as Status] = r.n;
      weighted.push({ status: r.status as Status, weight: r.w });
    }
    const byKind = Object.fromEntries(RECOMMENDATION_KINDS.map((k) => [k, 0])) as Record<string, number>;
    for (const r of tally.rows('kind')) if (r.n > 0) byKind[r.grp] = r.n;
    const stale = this.stale.of(tally, cutoff);
    // The grouped sums feed the same pure rule the item-level code uses.
    const progress = weightedProgress(weighted);
    const total = STATUSES.reduce((n, s) => n + byStatus[s], 0);
    const progressBySource = this.sourceProgress.of(tally.groups('source'), names.sources);
    // Most first, as the API has always listed them; the counts are the per-source progress's.
    const bySource = progressBySource
      .map((g) => sourceCount(g))
      .sort((a, b) => b.count - a.count || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
    return {
      byStatus,
      byKind,
      bySource,
      byResponsible: countsByActor(tally.rows('responsible'), names.actors),
      progress: {
        score: progress.score,
        total: progress.total,
        ratio: progress.ratio,
        remaining: total - byStatus.implemented,
      },
      progressByTopic: this.topicProgress.of(tally.groups('topic'), names.topics),
      progressBySource,
      stale,
      total,
    };
  }
}

/**
 * How many items are stale: never reviewed ('') or last reviewed before the cutoff (ISO dates
 * compare as text), from the review-date tallies (a few thousand groups of one row). Kept from one
 * count to the next: after a write only the review dates it touched are counted again
 * (TallySnapshot.touchedSince), on a new cutoff or when the mirror cannot say, all of them.
 */
class StaleCount {
  private cutoff: string | null = null;
  private seen = 0;
  private count = 0;
  /** Each review date's stale items (0 for a date not before the cutoff). */
  private byDate = new Map<string, number>();

  of(tally: TallySnapshot, cutoff: string): number {
    const dates = tally.groups('reviewed');
    const touched = cutoff === this.cutoff ? tally.touchedSince('reviewed', this.seen) : null;
    if (touched === null) {
      this.byDate = new Map();
      this.count = 0;
      for (const [date, group] of dates) this.recount(date, group, cutoff);
    } else {
      for (const date of touched) this.recount(date, dates.get(date), cutoff);
    }
    this.cutoff = cutoff;
    // A snapshot older than the last one counted (two counts under way) moves nothing back.
    this.seen = touched === null ? tally.change : Math.max(this.seen, tally.change);
    return this.count;
  }

  private recount(date: string, group: TallyGroup | undefined, cutoff: string): void {
    let n = 0;
    if (group && (date === '' || date < cutoff)) for (const r of group.rows.values()) n += r.n;
    this.count += n - (this.byDate.get(date) ?? 0);
    this.byDate.set(date, n);
  }
}

/**
 * Progress per group (topic or source) from its tally rows, each group's view kept while its rows
 * (TallyGroup.version) and name are the same: after a status change only the item's groups are
 * recomputed, and the others, frozen once, are not frozen again by the cache.
 */
class GroupProgress {
  private views = new Map<string, { name: GroupName; version: number; view: GroupProgressView | null }>();

  /** The groups with items, in the order of `names`. */
  of(groups: ReadonlyMap<string, TallyGroup>, names: GroupName[]): GroupProgressView[] {
    const views = new Map<string, { name: GroupName; version: number; view: GroupProgressView | null }>();
    const out: GroupProgressView[] = [];
    for (const name of names) {
      const group = groups.get(name.id);
      if (!group) continue;
      const kept = this.views.get(name.id);
      const entry =
        kept && kept.name === name && kept.version === group.version
          ? kept
          : { name, version: group.version, view: viewOf(name, group) };
      views.set(name.id, entry);
      if (entry.view) out.push(entry.view);
    }
    this.views = views;
    return out;
  }
}

/** A group's progress from its rows with items; null when it has none. */
function viewOf(name: GroupName, group: TallyGroup): GroupProgressView | null {
  const rows: GroupStatusWeight[] = [];
  for (const r of group.rows.values()) {
    if (r.n > 0) rows.push({ slug: name.slug, title: name.title, status: r.status as Status, count: r.n, weight: r.w });
  }
  return rows.length > 0 ? progressByGroup(rows)[0] : null;
}

/** A source's count from its progress view: the same object while the view is the same (one JSON text each, `encodeStats`). */
const sourceCounts = new WeakMap<GroupProgressView, CountBySlug>();
function sourceCount(g: GroupProgressView): CountBySlug {
  let count = sourceCounts.get(g);
  if (!count) sourceCounts.set(g, (count = { slug: g.slug, title: g.title, count: g.count }));
  return count;
}

/** The JSON text of each object in a cached, frozen figure (frozen: never changes), kept while the object is. */
const texts = new WeakMap<object, string>();
function textOf(value: object): string {
  let text = texts.get(value);
  if (text === undefined) texts.set(value, (text = JSON.stringify(value)));
  return text;
}

/**
 * `JSON.stringify(figures)` (the same text: stats.service.spec checks it), with each object of its
 * lists written once for as long as it is kept: after a status change only the item's groups are new
 * objects (GroupProgress), so the per-topic and per-source lists are mostly texts already written.
 * For frozen figures only (StatsService.stats gives nothing else).
 */
export function encodeStats(figures: StatsView): string {
  const members: string[] = [];
  for (const [key, value] of Object.entries(figures)) {
    if (value === undefined) continue;
    const text = Array.isArray(value)
      ? `[${value.map((x: unknown) => (x !== null && typeof x === 'object' ? textOf(x) : JSON.stringify(x))).join(',')}]`
      : JSON.stringify(value);
    members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

/** How many items each actor is responsible for, most first (as many: in the order of `actors`); no one's left out. */
function countsByActor(rows: Iterable<TallyRow>, actors: GroupName[]): Array<{ slug: string; title: string; count: number }> {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.grp !== '' && r.n > 0) counts.set(r.grp, r.n);
  return actors
    .filter((a) => counts.has(a.id))
    .map((a) => ({ slug: a.slug, title: a.title, count: counts.get(a.id)! }))
    .sort((a, b) => b.count - a.count); // stable: ties keep the actors' order
}
