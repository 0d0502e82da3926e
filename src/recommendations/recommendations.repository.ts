/**
 * The SQL behind the recommendation reads. Lists are keyset-paginated on the unique slug and use
 * the derived columns (headline_status, status_as_of) and indexed sub-selects, so a page costs the
 * same on 100,000 items as on 100. `asOf` views compute the headline from status_change instead.
 */
import { Injectable } from '@nestjs/common';
import { preparedStatement } from '../database/sqlite/prepared-queries';
import { DataSource } from 'typeorm';
import { sqliteConnection } from '../database/sqlite/connection';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import type { Reads } from '../common/cache/read-cache';
import type { EvidenceRow } from '../common/views';
import type { EventRow } from '../events/events.repository';
import { CURRENT_TABLES, ScopedTables } from '../database/known-at';
import { likePattern, sqlDialect } from '../database/sql-dialect';
import { SEARCH_SAMPLE, SearchEstimate, SearchQuery } from '../database/search-plan';
import type { DeadlineRow } from '../deadlines/deadline-view';
import { DEADLINE_COLUMNS, DEADLINE_JOINS, DEADLINE_OPEN_AS_OF, openAsOfParams } from '../deadlines/deadline.sql';
import { STATUSES } from './rules/status-vocabulary';
import type { Status } from './rules/status-vocabulary';
import type { RecommendationKind } from './recommendation.entity';
import type { RecommendationSort } from './recommendation-sort';

export type { RecommendationSort } from './recommendation-sort';

export interface ResolvedFilters {
  statuses?: Status[];
  kind?: RecommendationKind;
  topicId?: number;
  sourceId?: number;
  responsibleId?: number;
  assessorId?: number;
  /** overdue: compare open deadlines' close with this instant (ISO) */
  overdue?: boolean;
  /** the evaluation instant (now, or the end of the asOf day), ISO */
  instant: string;
  /** dueWithin: upper bound (ISO) for closes_at */
  dueBefore?: string;
  /** stale: last reviewed (reviewed_on) before this date (or never assessed) */
  stale?: boolean;
  staleCutoff: string;
  q?: string;
  /**
   * `q` as SQL (undefined when it has no letter or digit: then a substring of title or text), and
   * whether to test item by item in the list's order (a common search, search-plan.ts) instead of
   * reading every match from the index.
   */
  search?: { query: SearchQuery; walk: boolean };
  asOf?: string;
  /** Only officials' promises: commitments, and items with a deadline set as an official promise. */
  promises?: boolean;
  /** The order: by slug (default), relevance to `q`, or a sort key (`-` first: descending). */
  sort?: RecommendationSort;
  afterSlug?: string;
  /** With a sort other than slug: the last row's sort key (with afterSlug). */
  afterKey?: string | number;
  limit: number;
  /** The tables to read: the current record, or the record as known at an instant. */
  tables: ScopedTables;
  /** Only these items (which of them match the other filters). */
  ids?: number[];
  /**
   * The topic is filed on so many of the items (search-plan.ts isCommonShare, from the tallies) that
   * the list in slug order is walked testing each item's topic, instead of gathering the topic's items
   * and sorting them all (0.23 s for a topic of 100,000 items at 1,000,000).
   */
  topicWalk?: boolean;
}

export interface RecommendationRow {
  /** The row's sort key when the list is not ordered by slug (for the next page's cursor). */
  sortKey?: string | number;
  id: number;
  slug: string;
  kind: RecommendationKind;
  title: string;
  status: Status;
  statusAsOf: string | null;
  reviewedOn: string | null;
  sourceSlug: string;
  sourceTitle: string;
  responsibleSlug: string | null;
  responsibleName: string | null;
}

export interface RecommendationDetailRow extends RecommendationRow {
  text: string;
  textIsVerbatim: number | boolean;
  textViaSlug: string | null;
  textViaTitle: string | null;
  issuedOn: string | null;
  issuedPrecision: string;
  pinpoint: string | null;
  weight: number;
  version: number;
}

/** A status change as STATUS_CHANGE_COLUMNS selects it (its evidence with `via`). */
export interface StatusChangeRow extends Required<EvidenceRow> {
  id: number;
  slug: string;
  recommendationId: number;
  status: Status | null;
  effectiveOn: string;
  effectivePrecision: string;
  dateInferred: string | null;
  recordedAt: string;
  assessorSlug: string;
  assessorName: string;
  note: string | null;
  retractsId: number | null;
  retracted: number | boolean;
}

/** A status change with its item's headline now (RecommendationsRepository.recordedStatusChange). */
export interface RecordedStatusChangeRow extends StatusChangeRow {
  itemSlug: string;
  itemTitle: string;
  itemStatus: Status;
  itemStatusAsOf: string | null;
  retractedBy: number | null;
}

export interface FindingRow {
  id: number;
  slug: string;
  assessor: string;
  assessorName: string;
  reportSlug: string;
  reportTitle: string;
  periodStart: string;
  periodEnd: string;
  level: string | null;
  deadlineMet: number | null;
  summary: string;
  filedOn: string | null;
  reportPublishedOn: string | null;
}

export interface ReviewRow extends Required<EvidenceRow> {
  id: number;
  slug: string;
  reviewedOn: string;
  reviewerSlug: string;
  reviewerName: string;
  note: string | null;
  recordedAt: string;
}

/** The SELECT list that produces a StatusChangeRow from `sc` (with STATUS_CHANGE_JOINS). */
export const STATUS_CHANGE_COLUMNS = `sc.id AS "id", sc.slug AS "slug", sc.recommendation_id AS "recommendationId", sc.status AS "status",
  sc.effective_on AS "effectiveOn", sc.effective_precision AS "effectivePrecision", sc.date_inferred AS "dateInferred",
  sc.recorded_at AS "recordedAt", a.slug AS "assessorSlug", a.name AS "assessorName",
  es.slug AS "evidenceSourceSlug", es.title AS "evidenceSourceTitle", ev.slug AS "evidenceViaSlug", ev.title AS "evidenceViaTitle",
  sc.evidence_url AS "evidenceUrl", sc.evidence_excerpt AS "evidenceExcerpt", sc.evidence_pinpoint AS "evidencePinpoint",
  sc.note AS "note", sc.retracts_id AS "retractsId", sc.retracted AS "retracted"`;

export const STATUS_CHANGE_JOINS = `JOIN actor a ON a.id = sc.assessor_id LEFT JOIN source es ON es.id = sc.evidence_source_id
  LEFT JOIN source ev ON ev.id = sc.evidence_via_id`;
/** The tables STATUS_CHANGE_JOINS reads besides status_change: the assessor's and the evidence's names. */
export const STATUS_CHANGE_JOIN_READS: Reads = ['actor', 'source'];

/** The headline status as of a date (params: headline assessor slug, asOf). */
const headlineAsOf = (statusChange: string) => `
  SELECT recommendation_id, status, effective_on FROM (
    SELECT sc.recommendation_id, sc.status, sc.effective_on,
      ROW_NUMBER() OVER (PARTITION BY sc.recommendation_id ORDER BY sc.effective_on DESC, sc.recorded_at DESC, sc.id DESC) AS rn
    FROM ${statusChange} sc
    WHERE sc.assessor_id = (SELECT id FROM actor WHERE slug = ?) AND sc.retracted = FALSE AND sc.status IS NOT NULL
      AND sc.effective_on <= ?
  ) ranked WHERE rn = 1`;

/**
 * SQL for "the item existed in the world on :asOf" (one parameter): from its issuedOn. An item
 * without one has no known start and is shown on every date (as not assessed until its first
 * status), rather than guessed from when a source about it was published.
 */
export const RECOMMENDATION_EXISTED_AS_OF = `(r.issued_on IS NULL OR r.issued_on <= ?)`;

interface SqlPart {
  sql: string;
  params: unknown[];
}

/**
 * The SQL of a list's sort key (never NULL, so keyset comparisons hold), or undefined for the slug
 * order. Items without a status date sort as '' and those without an open deadline after all others.
 */
function sortKey(
  sort: RecommendationSort,
  cols: { relevance: string; status: string; date: string; nextClose: SqlPart },
): (SqlPart & { descending: boolean }) | undefined {
  const descending = sort.startsWith('-');
  const name = sort.replace(/^-/, '');
  switch (name) {
    case 'relevance':
      return { sql: cols.relevance, params: [], descending: false };
    case 'status':
      return {
        sql: `CASE ${cols.status} ${STATUSES.map((st, i) => `WHEN '${st}' THEN ${i}`).join(' ')} ELSE ${STATUSES.length} END`,
        params: [],
        descending,
      };
    case 'date':
      return { sql: `COALESCE(${cols.date}, '')`, params: [], descending };
    case 'deadline':
      return { sql: `COALESCE(${cols.nextClose.sql}, '9999')`, params: cols.nextClose.params, descending };
    case 'title':
      return { sql: `LOWER(r.title)`, params: [], descending };
    default:
      return undefined;
  }
}

/** A stored list row as listRows reads it: slug, head, closesAt, tail, reviewedOn, sort key. */
export type ListRowTuple = [string, string | null, string | null, string | null, string | null, string | number | undefined];

@Injectable()
export class RecommendationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of recommendations matching the filters, in the requested order; returns limit+1 rows at most. */
  async list(f: ResolvedFilters): Promise<RecommendationRow[]> {
    const { sql, params } = this.listQuery(f, 'rows');
    return this.dataSource.query(sql, params);
  }

  /**
   * The same page as stored list rows (list-item.ts), for the current record only (no asOf):
   * [slug, head, closesAt, tail, reviewedOn, sortKey] per item, as arrays (no row objects), from a
   * prepared statement on SQLite. `head` is null for an item whose row is missing.
   */
  async listRows(f: ResolvedFilters): Promise<ListRowTuple[]> {
    const { sql, params } = this.listQuery(f, 'stored');
    const db = sqliteConnection(this.dataSource);
    if (db) {
      // The connection's one statement cache (prepared-queries.ts); this SQL is only ever read as arrays.
      return preparedStatement(db, sql)
        .raw(true)
        .all(...params) as ListRowTuple[];
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(sql, params);
    return rows.map((r) => [r.slug, r.head, r.closesAt, r.tail, r.reviewedOn, r.sortKey] as ListRowTuple);
  }

  private listQuery(f: ResolvedFilters, shape: 'rows' | 'stored'): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const where: string[] = [];
    const t = f.tables;
    let from: string;
    let statusCol: string;
    let asOfCol: string;
    let reviewedCol: string;
    if (f.asOf) {
      from = `${t.recommendation} r LEFT JOIN (${headlineAsOf(t.statusChange)}) h ON h.recommendation_id = r.id`;
      params.push(HEADLINE_ASSESSOR, f.asOf);
      statusCol = `COALESCE(h.status, 'not_assessed')`;
      asOfCol = `h.effective_on`;
      // The later of the status date and the last review on or before asOf (max() of SQLite and
      // greatest() of PostgreSQL both ignore a NULL only through COALESCE, hence the spelled-out form).
      const lastReview = `(SELECT MAX(rv.reviewed_on) FROM ${t.review} rv WHERE rv.recommendation_id = r.id AND rv.reviewed_on <= '${f.asOf}')`;
      reviewedCol = `CASE WHEN ${lastReview} IS NULL OR ${lastReview} < h.effective_on THEN h.effective_on ELSE ${lastReview} END`;
    } else {
      from = `${t.recommendation} r`;
      statusCol = `r.headline_status`;
      asOfCol = `r.status_as_of`;
      reviewedCol = `r.reviewed_on`;
    }
    const search = f.search;
    if (search?.walk) {
      where.push(search.query.test.sql);
      params.push(...search.query.test.params);
    } else if (search) {
      from += ` JOIN (${search.query.ranked.sql}) s ON s.id = r.id`;
      params.push(...search.query.ranked.params);
    }
    if (f.asOf) {
      where.push(RECOMMENDATION_EXISTED_AS_OF);
      params.push(f.asOf);
    }
    if (f.statuses?.length) {
      where.push(`${statusCol} IN (${f.statuses.map(() => '?').join(', ')})`);
      params.push(...f.statuses);
    }
    if (f.ids) {
      const dialect = sqlDialect(this.dataSource);
      where.push(dialect.inList('r.id'));
      params.push(dialect.list(f.ids));
    }
    if (f.kind) {
      where.push(`r.kind = ?`);
      params.push(f.kind);
    }
    if (f.promises) {
      where.push(
        // EXISTS per item walked, not IN (every promise deadline in the table), so a page costs its length.
        `(r.kind = 'commitment' OR EXISTS (SELECT 1 FROM ${t.deadline} d WHERE d.recommendation_id = r.id AND d.authority = 'official_promise'))`,
      );
    }
    if (f.sourceId !== undefined) {
      where.push(`r.source_id = ?`);
      params.push(f.sourceId);
    }
    if (f.responsibleId !== undefined) {
      where.push(`r.responsible_id = ?`);
      params.push(f.responsibleId);
    }
    // `r` has a row in `table` (as `alias`) meeting `condition`. As `r.id IN (…)` the sub-query's rows
    // are gathered once per statement, which suits a rare condition; for a few given ids (f.ids), or
    // for a common condition while the list is walked in slug order (`walk`), they would be gathered
    // all the same, so each item is looked up on its own (EXISTS).
    const hasRow = (table: string, alias: string, condition: string, not = false, walk = false) =>
      f.ids || walk
        ? `${not ? 'NOT ' : ''}EXISTS (SELECT 1 FROM ${table} ${alias} WHERE ${condition} AND ${alias}.recommendation_id = r.id)`
        : `r.id ${not ? 'NOT ' : ''}IN (SELECT ${alias}.recommendation_id FROM ${table} ${alias} WHERE ${condition})`;
    if (f.topicId !== undefined) {
      where.push(hasRow('recommendation_topic', 'rt', 'rt.topic_id = ?', false, f.topicWalk && (f.sort ?? 'slug') === 'slug'));
      params.push(f.topicId);
    }
    if (f.assessorId !== undefined) {
      where.push(
        hasRow(
          t.statusChange,
          'sc',
          `sc.assessor_id = ? AND sc.retracted = FALSE AND sc.status IS NOT NULL${f.asOf ? ' AND sc.effective_on <= ?' : ''}`,
        ),
      );
      params.push(f.assessorId, ...(f.asOf ? [f.asOf] : []));
    }
    const openDeadline = f.asOf ? DEADLINE_OPEN_AS_OF : `d.state = 'open'`;
    const openParams = f.asOf ? openAsOfParams(f.asOf, f.instant) : [];
    if (f.overdue !== undefined) {
      where.push(hasRow(t.deadline, 'd', `${openDeadline} AND d.closes_at < ?`, !f.overdue));
      params.push(...openParams, f.instant);
    }
    if (f.dueBefore !== undefined) {
      where.push(hasRow(t.deadline, 'd', `${openDeadline} AND d.closes_at >= ? AND d.closes_at <= ?`));
      params.push(...openParams, f.instant, f.dueBefore);
    }
    if (f.stale !== undefined) {
      where.push(f.stale ? `(${reviewedCol} IS NULL OR ${reviewedCol} < ?)` : `${reviewedCol} >= ?`);
      params.push(f.staleCutoff);
    }
    if (f.q !== undefined && search === undefined) {
      // Nothing to search for with words (no letter or digit): a plain substring of title or text.
      where.push(`(r.title LIKE ? ESCAPE '\\' OR r.text LIKE ? ESCAPE '\\')`);
      params.push(likePattern(f.q), likePattern(f.q));
    }
    const key = sortKey(f.sort ?? 'slug', {
      relevance: search && !search.walk ? `s.score` : `0`,
      status: statusCol,
      date: asOfCol,
      nextClose: f.asOf
        ? {
            sql: `(SELECT MIN(d.closes_at) FROM ${t.deadline} d WHERE d.recommendation_id = r.id AND ${openDeadline})`,
            params: openParams,
          }
        : { sql: `r.next_close_at`, params: [] },
    });
    if (f.afterSlug !== undefined && key === undefined) {
      where.push(`r.slug > ?`);
      params.push(f.afterSlug);
    } else if (f.afterSlug !== undefined && key !== undefined && f.afterKey !== undefined) {
      where.push(`(${key.sql} ${key.descending ? '<' : '>'} ? OR (${key.sql} = ? AND r.slug > ?))`);
      params.push(...key.params, f.afterKey, ...key.params, f.afterKey, f.afterSlug);
    }
    params.push(f.limit + 1);
    const sortKeyColumn = key ? `, ${key.sql} AS "sortKey"` : '';
    const columns =
      shape === 'stored'
        ? `r.slug AS "slug", lr.head AS "head", lr.closes_at AS "closesAt", lr.tail AS "tail", r.reviewed_on AS "reviewedOn"${sortKeyColumn}`
        : `r.id AS "id", r.slug AS "slug", r.kind AS "kind", r.title AS "title",
        ${statusCol} AS "status", ${asOfCol} AS "statusAsOf", ${reviewedCol} AS "reviewedOn",
        src.slug AS "sourceSlug", src.title AS "sourceTitle",
        a.slug AS "responsibleSlug", a.name AS "responsibleName"${sortKeyColumn}`;
    const joins =
      shape === 'stored'
        ? `LEFT JOIN recommendation_list_row lr ON lr.recommendation_id = r.id`
        : `JOIN source src ON src.id = r.source_id
      LEFT JOIN actor a ON a.id = r.responsible_id`;
    const sql = `
      SELECT ${columns}
      FROM ${from}
      ${joins}
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${key ? `"sortKey" ${key.descending ? 'DESC' : 'ASC'}, ` : ''}r.slug
      LIMIT ?`;
    // The sort key's own parameters come first: it is in the select list.
    return { sql, params: [...(key?.params ?? []), ...params] };
  }

  /**
   * A reader's text as SQL, with the estimate of how many items match it (search-plan.ts): the
   * newest SEARCH_SAMPLE items tested, so it costs the same on any size of table. Undefined when
   * the text has no letter or digit.
   */
  async searchPlan(q: string): Promise<{ query: SearchQuery; estimate: SearchEstimate } | undefined> {
    const query = sqlDialect(this.dataSource).searchQuery(this.dataSource, q);
    if (query === undefined) return undefined;
    const [{ top }]: Array<{ top: number | string }> = await this.dataSource.query(
      `SELECT COALESCE(MAX(id), 0) AS "top" FROM recommendation`,
    );
    const total = Number(top);
    const from = Math.max(0, total - SEARCH_SAMPLE);
    const [{ n: sampled }]: Array<{ n: number | string }> = await this.dataSource.query(
      `SELECT COUNT(*) AS "n" FROM recommendation WHERE id > ?`,
      [from],
    );
    return { query, estimate: { sampled: Number(sampled), matched: await this.countMatches(query, from), total } };
  }

  /** How many recommendations with an id above `id` match (all of them with 0: a cost that grows with the matches). */
  async countMatches(query: SearchQuery, id = 0): Promise<number> {
    const count = query.countAbove(id);
    const [{ n }]: Array<{ n: number | string }> = await this.dataSource.query(count.sql, count.params);
    return Number(n);
  }

  /** Topic slugs per recommendation id. */
  async topicsFor(ids: number[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    if (ids.length === 0) return out;
    const rows: Array<{ rid: number; slug: string }> = await this.dataSource.query(
      `SELECT rt.recommendation_id AS rid, t.slug AS slug FROM recommendation_topic rt JOIN topic t ON t.id = rt.topic_id
       WHERE rt.recommendation_id IN (${ids.map(() => '?').join(',')}) ORDER BY t.slug`,
      ids,
    );
    for (const r of rows) out.set(r.rid, [...(out.get(r.rid) ?? []), r.slug]);
    return out;
  }

  /**
   * Open (as of asOf) deadlines of these recommendations, grouped by recommendation, earliest close
   * first within each. Ordering by recommendation first lets SQLite walk ix_deadline_rec_state_close
   * for just these ids instead of every open deadline in ix_deadline_state_close.
   */
  async openDeadlinesFor(
    ids: number[],
    at?: { asOf: string; instant: string },
    t: ScopedTables = CURRENT_TABLES,
  ): Promise<DeadlineRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${DEADLINE_COLUMNS} FROM ${t.deadline} d ${DEADLINE_JOINS}
       WHERE d.recommendation_id IN (${ids.map(() => '?').join(',')}) AND ${at ? DEADLINE_OPEN_AS_OF : `d.state = 'open'`}
       ORDER BY d.recommendation_id, d.closes_at, d.id`,
      [...ids, ...(at ? openAsOfParams(at.asOf, at.instant) : [])],
    );
  }

  async findBySlug(slug: string, t: ScopedTables = CURRENT_TABLES): Promise<RecommendationDetailRow | undefined> {
    const rows: RecommendationDetailRow[] = await this.dataSource.query(
      `SELECT r.id AS "id", r.slug AS "slug", r.kind AS "kind", r.title AS "title", r.text AS "text",
         r.text_is_verbatim AS "textIsVerbatim", tv.slug AS "textViaSlug", tv.title AS "textViaTitle",
         r.issued_on AS "issuedOn", r.issued_precision AS "issuedPrecision",
         r.pinpoint AS "pinpoint", r.weight AS "weight", r.version AS "version",
         r.headline_status AS "status", r.status_as_of AS "statusAsOf", r.reviewed_on AS "reviewedOn",
         src.slug AS "sourceSlug", src.title AS "sourceTitle", a.slug AS "responsibleSlug", a.name AS "responsibleName"
       FROM ${t.recommendation} r JOIN source src ON src.id = r.source_id LEFT JOIN actor a ON a.id = r.responsible_id
         LEFT JOIN source tv ON tv.id = r.text_via_id
       WHERE r.slug = ?`,
      [slug],
    );
    return rows[0];
  }

  /** The recommendation each of these status changes or findings (by id) belongs to; missing ids are left out. */
  async ownersOf(table: 'status_change' | 'finding', ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: number; rid: number }> = await this.dataSource.query(
      `SELECT id AS "id", recommendation_id AS "rid" FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    return new Map(rows.map((o) => [o.id, o.rid]));
  }

  /**
   * What a subscription filter names, by slug: item titles, topic, actor and source names (for emails
   * that say what someone follows). Slugs that name nothing are left out.
   */
  async namesBySlug(
    facet: 'recommendations' | 'topics' | 'responsible' | 'sources',
    slugs: string[],
  ): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const [table, column] = {
      recommendations: ['recommendation', 'title'],
      topics: ['topic', 'name'],
      responsible: ['actor', 'name'],
      sources: ['source', 'title'],
    }[facet];
    const rows: Array<{ slug: string; name: string }> = await this.dataSource.query(
      `SELECT slug AS "slug", ${column} AS "name" FROM ${table} WHERE slug IN (${slugs.map(() => '?').join(',')})`,
      slugs,
    );
    return new Map(rows.map((r) => [r.slug, r.name]));
  }

  /** The slug and title of each recommendation with one of these ids. */
  async titlesOf(ids: number[]): Promise<Array<{ id: number; slug: string; title: string }>> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT id AS "id", slug AS "slug", title AS "title" FROM recommendation WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
  }

  async statusChangesFor(recommendationIds: number[], t: ScopedTables = CURRENT_TABLES): Promise<StatusChangeRow[]> {
    if (recommendationIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${STATUS_CHANGE_COLUMNS}
       FROM ${t.statusChange} sc ${STATUS_CHANGE_JOINS}
       WHERE sc.recommendation_id IN (${recommendationIds.map(() => '?').join(',')})
       ORDER BY sc.effective_on, sc.recorded_at, sc.id`,
      recommendationIds,
    );
  }

  async deadlinesFor(recommendationId: number, t: ScopedTables = CURRENT_TABLES): Promise<DeadlineRow[]> {
    return this.deadlinesOfItems([recommendationId], t);
  }

  /** Every deadline of these recommendations, grouped by recommendation, earliest close first within each: one query. */
  async deadlinesOfItems(ids: readonly number[], t: ScopedTables = CURRENT_TABLES): Promise<DeadlineRow[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT ${DEADLINE_COLUMNS} FROM ${t.deadline} d ${DEADLINE_JOINS}
       WHERE d.recommendation_id IN (${ids.map(() => '?').join(',')}) ORDER BY d.recommendation_id, d.closes_at, d.id`,
      [...ids],
    );
  }

  async findingsFor(recommendationId: number, t: ScopedTables = CURRENT_TABLES): Promise<FindingRow[]> {
    return this.dataSource.query(
      `SELECT f.id AS "id", f.slug AS "slug", a.slug AS "assessor", a.name AS "assessorName", s.slug AS "reportSlug",
         s.title AS "reportTitle", f.period_start AS "periodStart", f.period_end AS "periodEnd", f.level AS "level",
         f.deadline_met AS "deadlineMet", f.summary AS "summary", f.filed_on AS "filedOn", s.published_on AS "reportPublishedOn"
       FROM ${t.finding} f JOIN actor a ON a.id = f.assessor_id JOIN source s ON s.id = f.report_id
       WHERE f.recommendation_id = ? ORDER BY f.period_end, f.period_start, f.id`,
      [recommendationId],
    );
  }

  async linksFor(
    recommendationId: number,
    t: ScopedTables = CURRENT_TABLES,
  ): Promise<
    Array<{ type: string; direction: 'outgoing' | 'incoming'; otherId: number; slug: string; title: string; note: string | null }>
  > {
    return this.dataSource.query(
      `SELECT l.type AS "type", 'outgoing' AS "direction", o.id AS "otherId", o.slug AS "slug", o.title AS "title", l.note AS "note"
         FROM ${t.link} l JOIN ${t.recommendation} o ON o.id = l.to_id WHERE l.from_id = ?
       UNION ALL
       SELECT l.type, 'incoming', o.id, o.slug, o.title, l.note
         FROM ${t.link} l JOIN ${t.recommendation} o ON o.id = l.from_id WHERE l.to_id = ?
       ORDER BY 2 DESC, 1, 4`,
      [recommendationId, recommendationId],
    );
  }

  async eventsFor(recommendationId: number, t: ScopedTables = CURRENT_TABLES): Promise<EventRow[]> {
    return this.dataSource.query(
      `SELECT e.slug AS "slug", e.occurred_on AS "occurredOn", e.title AS "title", e.description AS "description",
         e.date_inferred AS "dateInferred", s.slug AS "sourceSlug", s.title AS "sourceTitle"
       FROM ${t.event} e JOIN event_recommendation er ON er.event_id = e.id JOIN source s ON s.id = e.source_id
       WHERE er.recommendation_id = ? ORDER BY e.occurred_on, e.slug`,
      [recommendationId],
    );
  }

  /** "Reviewed, unchanged" records of one item, oldest first. */
  async reviewsFor(recommendationId: number, t: ScopedTables = CURRENT_TABLES): Promise<ReviewRow[]> {
    return this.dataSource.query(
      `SELECT rv.id AS "id", rv.slug AS "slug", rv.reviewed_on AS "reviewedOn", a.slug AS "reviewerSlug", a.name AS "reviewerName",
         es.slug AS "evidenceSourceSlug", es.title AS "evidenceSourceTitle", ev.slug AS "evidenceViaSlug", ev.title AS "evidenceViaTitle",
         rv.evidence_url AS "evidenceUrl", rv.evidence_excerpt AS "evidenceExcerpt", rv.evidence_pinpoint AS "evidencePinpoint",
         rv.note AS "note", rv.recorded_at AS "recordedAt"
       FROM ${t.review} rv JOIN actor a ON a.id = rv.reviewer_id
         LEFT JOIN source es ON es.id = rv.evidence_source_id LEFT JOIN source ev ON ev.id = rv.evidence_via_id
       WHERE rv.recommendation_id = ? ORDER BY rv.reviewed_on, rv.id`,
      [recommendationId],
    );
  }

  /** Slug → id lookups for filters; undefined when the slug is unknown. */
  /** How many items are filed under the topic, of how many in all: from the tallies, a few rows. */
  async topicShare(topicId: number): Promise<{ matched: number; total: number }> {
    const [row]: Array<{ matched: number | string | null; total: number | string | null }> = await this.dataSource.query(
      `SELECT SUM(CASE WHEN dimension = 'topic' THEN n ELSE 0 END) AS "matched", SUM(CASE WHEN dimension = 'status' THEN n ELSE 0 END) AS "total"
       FROM stat_tally WHERE (dimension = 'topic' AND grp = ?) OR dimension = 'status'`,
      [String(topicId)],
    );
    return { matched: Number(row?.matched ?? 0), total: Number(row?.total ?? 0) };
  }

  async idOf(table: 'recommendation' | 'source' | 'actor' | 'topic', slug: string): Promise<number | undefined> {
    const rows: Array<{ id: number }> = await this.dataSource.query(`SELECT id FROM ${table} WHERE slug = ?`, [slug]);
    return rows[0]?.id;
  }

  /** The slug of the recommendation a status change, deadline or finding (by id) belongs to. */
  async recommendationSlugOf(table: 'status_change' | 'deadline' | 'finding', id: number): Promise<string> {
    const rows: Array<{ slug: string }> = await this.dataSource.query(
      `SELECT r.slug AS "slug" FROM ${table} x JOIN recommendation r ON r.id = x.recommendation_id WHERE x.id = ?`,
      [id],
    );
    return rows[0].slug;
  }

  /**
   * A status change as its item's history shows it, with its item's slug, title and headline now
   * (the derived columns its write just brought up to date); undefined when there is none.
   * `retractedBy` is the change a retracted one is withdrawn by: the last one in history order that
   * names it, as the item's detail has it.
   */
  async recordedStatusChange(id: number): Promise<RecordedStatusChangeRow | undefined> {
    const rows: RecordedStatusChangeRow[] = await this.dataSource.query(
      `SELECT ${STATUS_CHANGE_COLUMNS}, r.slug AS "itemSlug", r.title AS "itemTitle", r.headline_status AS "itemStatus",
         r.status_as_of AS "itemStatusAsOf",
         CASE WHEN sc.retracted = TRUE THEN (SELECT b.id FROM status_change b WHERE b.retracts_id = sc.id
           ORDER BY b.effective_on DESC, b.recorded_at DESC, b.id DESC LIMIT 1) END AS "retractedBy"
       FROM status_change sc ${STATUS_CHANGE_JOINS} JOIN recommendation r ON r.id = sc.recommendation_id
       WHERE sc.id = ?`,
      [id],
    );
    return rows[0];
  }

  /** How many recommendations there are. */
  async count(): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(`SELECT COUNT(*) AS n FROM recommendation`);
    return Number(rows[0].n);
  }
}
