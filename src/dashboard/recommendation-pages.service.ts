/**
 * The data behind /recommendations (the filtered list) and /recommendations/{slug} (one item's
 * whole record), read through RecommendationsService so the pages and the API always agree.
 */
import { Injectable } from '@nestjs/common';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { ActorsService } from '../catalog/actors/actors.service';
import { Clock } from '../common/clock';
import type { FieldError } from '../common/problem/problem';
import { ProblemException } from '../common/problem/problem';
import { localDateOf } from '../common/time/local-date';
import type { EvidenceView } from '../common/views';
import { Environment, publicUrl } from '../config/environment';
import { ListRecommendationsQuery } from '../recommendations/dto/list-recommendations.query';
import type { RecommendationDetail, RecommendationListItem } from '../recommendations/dto/recommendation.response';
import { RECOMMENDATION_KINDS } from '../recommendations/recommendation.entity';
import { DEFAULT_PAGE_SIZE, RecommendationsService } from '../recommendations/recommendations.service';
import { STATUS_LABELS, STATUSES } from '../recommendations/rules/status-vocabulary';
import { SourcesService } from '../catalog/sources/sources.service';
import { formatDate, formatInstant, humanize, isWebUrl, queryString, statusLabel } from '../presentation/format';
import { FILTER_KEYS, knownAtOf, listOf, pickParams, QueryParams, RawQuery, validateParams, valueOf } from './dashboard-query';
import { DashboardRepository, SourceLinkRow } from './dashboard.repository';
import { readAt } from './directory-pages.service';
import { buildTimeline, foldContextEvents, TimelineEntry, TimelineGroup } from './timeline';

export const PAGE_SIZES = [25, 50, 100, 200];

export type ListView = 'cards' | 'table';

/** The list page's order when none is chosen and nothing is searched (the API's default stays slug). */
export const DEFAULT_PAGE_SORT = 'title';

/** The table's sortable columns (the API's sort keys). */
export const SORT_COLUMNS = ['title', 'status', 'date', 'deadline'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

/** Reader-facing names of the list parameters, for error messages and the filter summary. */
export const PARAM_LABELS: Record<string, string> = {
  q: 'Search',
  status: 'Status',
  kind: 'Kind',
  topic: 'Topic',
  source: 'Source',
  responsible: 'Responsible',
  assessor: 'Assessed by',
  overdue: 'Overdue deadline',
  dueWithin: 'Deadline within (days)',
  stale: 'Stale',
  asOf: 'As of date',
  knownAt: 'As recorded by',
  limit: 'Items per page',
  sort: 'Order',
  cursor: 'Page',
};

export interface Option {
  value: string;
  label: string;
}

export interface ListPage {
  /** The form's values exactly as given (so a mistake can be corrected in place). */
  form: QueryParams;
  errors: Array<FieldError & { label: string }>;
  items: RecommendationListItem[];
  page: number;
  /** Cards (the default) or the compact table (`?view=table`). */
  view: ListView;
  links: {
    next: string | null;
    first: string | null;
    csv: string;
    json: string;
    atom: string;
    clear: string;
    cards: string;
    table: string;
    /** Per sortable column: the link that sorts by it (reversing the current order), and its aria-sort. */
    sort: Record<SortColumn, { href: string; active: 'ascending' | 'descending' | null }>;
  };
  summary: Array<{ label: string; value: string }>;
  /** When the search's words are in too many items to rank (src/database/search-plan.ts): what the reader sees instead. */
  searchNote: string | null;
  options: {
    statuses: Option[];
    kinds: Option[];
    topics: Option[];
    sources: Option[];
    actors: Option[];
    pageSizes: number[];
  };
  filtered: boolean;
}

/** The "Cite this" box: a permanent link to this exact view, and a citation that uses it. */
export interface CitePage {
  /** The date the view shows (asOf, or today's local date). */
  asOf: string;
  /** What the tracker had recorded by (knownAt, or the moment the page was made). */
  knownAt: string;
  /** Absolute permanent link, carrying asOf and knownAt. */
  url: string;
  /** The formatted citation, plain text. */
  text: string;
  /** Archived copies of the sources cited on the page. */
  archived: Array<{ slug: string; title: string; archivedUrl: string }>;
}

export interface DetailPage {
  item: RecommendationDetail;
  asOf: string | null;
  knownAt: string | null;
  timeline: TimelineEntry[];
  /** The timeline with runs of context events folded (the page shows these). */
  timelineGroups: TimelineGroup[];
  disagreement: boolean;
  topics: Option[];
  /** Web address and archived copy of each source cited on the page, by slug. */
  sources: Record<string, { url: string | null; archivedUrl: string | null }>;
  cite: CitePage;
  links: { atom: string; json: string; subscribe: string; current: string };
}

@Injectable()
export class RecommendationPagesService {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly sources: SourcesService,
    private readonly actors: ActorsService,
    private readonly repo: DashboardRepository,
    private readonly env: Environment,
    private readonly clock: Clock,
  ) {}

  /**
   * The list page for a raw query string. Parameters the API does not know are ignored; a value the
   * API would refuse is reported next to its field (and the caller answers 400) instead of a list.
   */
  async listPage(raw: RawQuery): Promise<ListPage> {
    const form = pickParams(raw, [...FILTER_KEYS, 'sort', 'limit', 'cursor', 'page', 'view']);
    const { page: _page, view: _view, ...apiParams } = form;
    const view: ListView = valueOf(form, 'view') === 'table' ? 'table' : 'cards';
    const page = /^\d{1,6}$/.test(valueOf(form, 'page')) ? Math.max(1, Number(valueOf(form, 'page'))) : 1;
    let errors: FieldError[] = [];
    let items: RecommendationListItem[] = [];
    let nextCursor: string | null = null;
    let searchNote: string | null = null;
    // knownAt is checked here, the same way on every page, and handed to the API's filters.
    const { knownAt: _knownAt, ...dtoParams } = apiParams;
    const known = knownAtOf(apiParams);
    const validated = await validateParams(ListRecommendationsQuery, dtoParams);
    if (validated.value && !known.error) {
      try {
        // The page reads best by title (slugs are not shown); a search, best match first.
        const ordered = { ...validated.value, sort: validated.value.sort ?? (validated.value.q ? undefined : DEFAULT_PAGE_SORT) };
        const query: ListRecommendationsQuery = known.value ? { ...ordered, knownAt: known.value } : ordered;
        const result = await this.recommendations.list(query);
        items = result.items;
        nextCursor = result.nextCursor;
        if (result.search?.common) {
          const about = result.search.matchesExact ? '' : 'about ';
          searchNote = `These words are in ${about}${result.search.matches.toLocaleString('en-US')} items, too many to rank by best match: they are listed in their usual order. Add a word to narrow the search.`;
        }
      } catch (error) {
        if (!(error instanceof ProblemException) || !error.problem.errors) throw error;
        errors = error.problem.errors;
      }
    } else {
      errors = [...validated.errors, ...(known.error ? [known.error] : [])];
    }

    const filters: QueryParams = {};
    for (const key of FILTER_KEYS) if (apiParams[key] !== undefined) filters[key] = apiParams[key];
    const limit = valueOf(form, 'limit');
    const sort = valueOf(form, 'sort');
    // What a page link keeps besides the filters: the page size, the order and the view.
    const keep: QueryParams = {
      ...(limit && limit !== String(DEFAULT_PAGE_SIZE) ? { limit } : {}),
      ...(sort ? { sort } : {}),
      ...(view === 'table' ? { view } : {}),
    };
    const filterQs = queryString(filters);
    const here = (extra: QueryParams) => `/recommendations${queryString({ ...filters, ...keep, ...extra })}`;
    const { view: _v, ...keepOrder } = keep;
    const { sort: _s, ...keepView } = keep;
    const sortLink = (column: SortColumn) => {
      const current = sort || (filters.q ? 'relevance' : DEFAULT_PAGE_SORT);
      const next = current === column ? `-${column}` : column;
      return {
        href: `/recommendations${queryString({ ...filters, ...keepView, sort: next })}`,
        active: current === column ? 'ascending' : current === `-${column}` ? 'descending' : null,
      };
    };
    const [topics, sources, actors] = await Promise.all([this.repo.topics(), this.sources.all(), this.actors.all()]);
    const options = {
      statuses: STATUSES.map((st) => ({ value: st, label: STATUS_LABELS[st] })),
      kinds: RECOMMENDATION_KINDS.map((k) => ({ value: k, label: humanize(k) })),
      topics: topics.map((t) => ({ value: t.slug, label: t.name })),
      sources: sources.items.map((s) => ({ value: s.slug, label: s.title })),
      actors: actors.items.map((a) => ({ value: a.slug, label: a.name })),
      pageSizes: PAGE_SIZES,
    };
    return {
      form,
      errors: errors.map((e) => ({ ...e, label: PARAM_LABELS[e.field] ?? e.field })),
      items,
      page,
      view,
      links: {
        next: nextCursor ? here({ cursor: nextCursor, page: String(page + 1) }) : null,
        first: valueOf(form, 'cursor') ? here({}) : null,
        cards: `/recommendations${queryString({ ...filters, ...keepOrder })}`,
        table: `/recommendations${queryString({ ...filters, ...keepOrder, view: 'table' })}`,
        sort: Object.fromEntries(SORT_COLUMNS.map((c) => [c, sortLink(c)])) as ListPage['links']['sort'],
        csv: `/api/v1/recommendations.csv${filterQs}`,
        json: `/api/v1/recommendations${filterQs}`,
        atom: `/feeds/changes.atom${filterQs}`,
        clear: '/recommendations',
      },
      summary: errors.length ? [] : this.summarize(filters, options),
      searchNote,
      options,
      filtered: Object.keys(filters).length > 0,
    };
  }

  /**
   * One item's page; `asOf` shows it as it stood at the end of that day, `knownAt` as the tracker
   * had recorded it by that instant (later entries and corrections left out).
   */
  async detailPage(slug: string, raw: RawQuery): Promise<DetailPage> {
    const { asOf, knownAt } = await readAt(raw);
    const [item, topics] = await Promise.all([this.recommendations.detail(slug, asOf, knownAt), this.repo.topics()]);
    const names = new Map(topics.map((t) => [t.slug, t.name]));
    const path = `/recommendations/${encodeURIComponent(item.slug)}`;
    const sources = await this.repo.sourceLinks(citedSources(item));
    const timeline = buildTimeline(item, HEADLINE_ASSESSOR);
    return {
      item,
      asOf: asOf ?? null,
      knownAt: knownAt ?? null,
      timeline,
      timelineGroups: foldContextEvents(timeline),
      disagreement: item.assessments.some((a) => a.disagreesWithHeadline),
      topics: item.topics.map((t) => ({ value: t, label: names.get(t) ?? t })),
      sources: Object.fromEntries([...sources.values()].map((s) => [s.slug, { url: s.url, archivedUrl: s.archivedUrl }])),
      cite: this.cite(item, path, asOf, knownAt, sources),
      links: {
        atom: `/feeds/recommendations/${encodeURIComponent(item.slug)}.atom`,
        json: `/api/v1/recommendations/${encodeURIComponent(item.slug)}${queryString({ asOf, knownAt })}`,
        subscribe: `/subscribe${queryString({ recommendation: item.slug })}`,
        current: path,
      },
    };
  }

  /** A permanent link to exactly this view (defaults: today, and what is recorded now), and a citation. */
  private cite(
    item: RecommendationDetail,
    path: string,
    asOf: string | undefined,
    knownAt: string | undefined,
    sources: Map<string, SourceLinkRow>,
  ): CitePage {
    const now = this.clock.now();
    const timeZone = this.env.TRACKER_TIME_ZONE;
    const date = asOf ?? localDateOf(now, timeZone);
    const recordedBy = knownAt ?? now.toISOString();
    const url = `${publicUrl(this.env)}${path}${queryString({ asOf: date, knownAt: recordedBy })}`;
    const text = `“${item.title}.” Reform Tracker, ${formatDate(date)} (as recorded by ${formatInstant(recordedBy, timeZone)}, ${timeZone} time). ${url}`;
    const archived = [...sources.values()]
      .filter((s): s is SourceLinkRow & { archivedUrl: string } => isWebUrl(s.archivedUrl))
      .map((s) => ({ slug: s.slug, title: s.title, archivedUrl: s.archivedUrl }));
    return { asOf: date, knownAt: recordedBy, url, text, archived };
  }

  private summarize(filters: QueryParams, options: ListPage['options']): Array<{ label: string; value: string }> {
    const name = (list: Option[], value: string) => list.find((o) => o.value === value)?.label ?? value;
    const out: Array<{ label: string; value: string }> = [];
    for (const key of FILTER_KEYS) {
      const values = listOf(filters, key);
      if (values.length === 0) continue;
      let text: string;
      switch (key) {
        case 'status':
          text = values
            .flatMap((v) => v.split(','))
            .map((v) => statusLabel(v.trim()))
            .join(' or ');
          break;
        case 'kind':
          text = humanize(values[0]);
          break;
        case 'topic':
          text = name(options.topics, values[0]);
          break;
        case 'source':
          text = name(options.sources, values[0]);
          break;
        case 'responsible':
        case 'assessor':
          text = name(options.actors, values[0]);
          break;
        case 'overdue':
        case 'stale':
          text = values[0] === 'true' ? 'yes' : 'no';
          break;
        default:
          text = values.join(', ');
      }
      out.push({ label: PARAM_LABELS[key], value: text });
    }
    return out;
  }
}

/** Every source an item page cites: its own, the evidence (and where it was read), reports, event sources. */
export function citedSources(item: RecommendationDetail): string[] {
  const slugs: string[] = [item.source.slug];
  const evidence = (e: EvidenceView | null | undefined) => {
    if (e?.source) slugs.push(e.source.slug);
    if (e?.via) slugs.push(e.via.slug);
  };
  if (item.textVia) slugs.push(item.textVia.slug);
  for (const c of item.history) evidence(c.evidence);
  for (const d of item.deadlines) {
    if (d.source) slugs.push(d.source.slug);
    evidence(d.evidence);
  }
  for (const r of item.reviews ?? []) evidence(r.evidence);
  for (const f of item.findings) slugs.push(f.report.slug);
  for (const e of item.events) slugs.push(e.source.slug);
  return [...new Set(slugs)];
}
