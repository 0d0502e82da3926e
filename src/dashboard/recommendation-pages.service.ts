/**
 * The data behind /recommendations (the filtered list) and /recommendations/{slug} (one item's
 * whole record), read through RecommendationsService so the pages and the API always agree.
 */
import { Injectable } from '@nestjs/common';
import { HEADLINE_ASSESSOR } from '../actors/actor.entity';
import { ActorsService } from '../actors/actors.service';
import type { FieldError } from '../common/problem/problem';
import { ProblemException } from '../common/problem/problem';
import { ListRecommendationsQuery } from '../recommendations/dto/list-recommendations.query';
import type { RecommendationDetail, RecommendationListItem } from '../recommendations/dto/recommendation.response';
import { RECOMMENDATION_KINDS } from '../recommendations/recommendation.entity';
import { AsOfQuery } from '../recommendations/recommendations.controller';
import { DEFAULT_PAGE_SIZE, RecommendationsService } from '../recommendations/recommendations.service';
import { STATUS_LABELS, STATUSES } from '../recommendations/status-vocabulary';
import { SourcesService } from '../sources/sources.service';
import { humanize, statusLabel } from './dashboard-format';
import { FILTER_KEYS, listOf, pickParams, queryString, QueryParams, RawQuery, validateParams, valueOf } from './dashboard-query';
import { DashboardRepository } from './dashboard.repository';
import { buildTimeline, TimelineEntry } from './timeline';

export const PAGE_SIZES = [25, 50, 100, 200];

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
  limit: 'Items per page',
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
  links: { next: string | null; first: string | null; csv: string; json: string; atom: string; clear: string };
  summary: Array<{ label: string; value: string }>;
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

export interface DetailPage {
  item: RecommendationDetail;
  asOf: string | null;
  timeline: TimelineEntry[];
  disagreement: boolean;
  topics: Option[];
  links: { atom: string; json: string; subscribe: string; current: string };
}

@Injectable()
export class RecommendationPagesService {
  constructor(
    private readonly recommendations: RecommendationsService,
    private readonly sources: SourcesService,
    private readonly actors: ActorsService,
    private readonly repo: DashboardRepository,
  ) {}

  /**
   * The list page for a raw query string. Parameters the API does not know are ignored; a value the
   * API would refuse is reported next to its field (and the caller answers 400) instead of a list.
   */
  async listPage(raw: RawQuery): Promise<ListPage> {
    const form = pickParams(raw, [...FILTER_KEYS, 'limit', 'cursor', 'page']);
    const { page: _page, ...apiParams } = form;
    const page = /^\d{1,6}$/.test(valueOf(form, 'page')) ? Math.max(1, Number(valueOf(form, 'page'))) : 1;
    let errors: FieldError[] = [];
    let items: RecommendationListItem[] = [];
    let nextCursor: string | null = null;
    const validated = await validateParams(ListRecommendationsQuery, apiParams);
    if (validated.value) {
      try {
        const result = await this.recommendations.list(validated.value);
        items = result.items;
        nextCursor = result.nextCursor;
      } catch (error) {
        if (!(error instanceof ProblemException) || !error.problem.errors) throw error;
        errors = error.problem.errors;
      }
    } else {
      errors = validated.errors;
    }

    const filters: QueryParams = {};
    for (const key of FILTER_KEYS) if (apiParams[key] !== undefined) filters[key] = apiParams[key];
    const limit = valueOf(form, 'limit');
    const keepLimit = limit && limit !== String(DEFAULT_PAGE_SIZE) ? { limit } : {};
    const filterQs = queryString(filters);
    const [topics, sources, actors] = await Promise.all([this.repo.topics(), this.sources.list(), this.actors.list()]);
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
      links: {
        next: nextCursor
          ? `/recommendations${queryString({ ...filters, ...keepLimit, cursor: nextCursor, page: page + 1 })}`
          : null,
        first: valueOf(form, 'cursor') ? `/recommendations${queryString({ ...filters, ...keepLimit })}` : null,
        csv: `/api/v1/export/recommendations.csv${filterQs}`,
        json: `/api/v1/recommendations${filterQs}`,
        atom: `/feeds/changes.atom${filterQs}`,
        clear: '/recommendations',
      },
      summary: errors.length ? [] : this.summarize(filters, options),
      options,
      filtered: Object.keys(filters).length > 0,
    };
  }

  /** One item's page; `asOf` shows it as it stood at the end of that day. */
  async detailPage(slug: string, raw: RawQuery): Promise<DetailPage> {
    const validated = await validateParams(AsOfQuery, pickParams(raw, ['asOf']));
    if (!validated.value) throw ProblemException.validation(validated.errors);
    const asOf = validated.value.asOf;
    const [item, topics] = await Promise.all([this.recommendations.detail(slug, asOf), this.repo.topics()]);
    const names = new Map(topics.map((t) => [t.slug, t.name]));
    const path = `/recommendations/${encodeURIComponent(item.slug)}`;
    return {
      item,
      asOf: asOf ?? null,
      timeline: buildTimeline(item, HEADLINE_ASSESSOR),
      disagreement: item.assessments.some((a) => a.disagreesWithHeadline),
      topics: item.topics.map((t) => ({ value: t, label: names.get(t) ?? t })),
      links: {
        atom: `/feeds/recommendations/${encodeURIComponent(item.slug)}.atom`,
        json: `/api/v1/recommendations/${encodeURIComponent(item.slug)}${queryString({ asOf })}`,
        subscribe: `/subscribe${queryString({ recommendation: item.slug })}`,
        current: path,
      },
    };
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
