/**
 * Exports in the import's formats: everything (or the recommendations matching the list filters,
 * with everything they refer to) as one JSON document, or one kind of record as CSV. Rows are read
 * a page at a time and streamed out, so an export of 100,000 items never sits in memory whole.
 */
import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { KnownAtTables, ScopedTables } from '../database/known-at';
import { RecommendationFilters } from '../recommendations/dto/list-recommendations.query';
import { RecommendationsRepository } from '../recommendations/recommendations.repository';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { DataRecord, RECORD_KINDS, RecordKind, RecordSpec } from '../common/records/record-specs';
import { ListField, RecordsRepository, StoredRecord } from '../common/records/records.repository';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { csvHeader, toCsvRow } from './csv-format';
import { ExportRepository } from './export.repository';
import { LIST_CSV_COLUMNS, ListCsvContext, toListCsvRow } from './list-csv';

const PAGE = 500;

/** The ids of the rows a set of recommendations refers to, by table. */
interface ScopeRefs {
  source: Set<number>;
  actor: Set<number>;
  topic: Set<number>;
  event: Set<number>;
}

/** A list cut into runs of at most `size` (the ids one statement reads). */
const chunks = <T>(list: T[], size = PAGE): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** What an export covers: everything, or the matching recommendations and what they refer to. */
type Scope =
  | { all: true }
  | {
      all: false;
      /** Matching recommendation ids, in the list's (slug) order. */
      recIds: number[];
      recSet: Set<number>;
      recSlugs: Set<string>;
      refs: ScopeRefs;
      /** The record as known at `knownAt`, or now. */
      tables: ScopedTables;
    };

/** The row source of each kind of record within a scope's tables. */
function fromOf(kind: RecordKind, t: ScopedTables): string | undefined {
  const byKind: Partial<Record<RecordKind, string>> = {
    recommendations: t.recommendation,
    statusChanges: t.statusChange,
    deadlines: t.deadline,
    findings: t.finding,
    links: t.link,
    events: t.event,
    reviews: t.review,
  };
  return byKind[kind];
}

/** The kinds of record kept under a recommendation (their `recommendation`), exported with it. */
const UNDER_RECOMMENDATIONS: RecordKind[] = ['statusChanges', 'deadlines', 'findings', 'reviews'];

export function hasFilters(filters: RecommendationFilters): boolean {
  return Object.values(filters).some((v) => v !== undefined);
}

@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: RecordsRepository,
    private readonly recommendations: RecommendationsService,
    private readonly recommendationRows: RecommendationsRepository,
    private readonly knownAtTables: KnownAtTables,
    private readonly exportRows: ExportRepository,
  ) {}

  /**
   * Works out what the export covers. Runs before anything is sent, so a bad filter is still a
   * 400 problem rather than a broken download.
   */
  async scope(filters: RecommendationFilters): Promise<Scope> {
    if (!hasFilters(filters)) return { all: true };
    const recIds: number[] = [];
    const recSlugs = new Set<string>();
    let after: string | undefined;
    for (;;) {
      const rows = await this.recommendationRows.list(await this.recommendations.resolveFilters(filters, PAGE, after));
      const page = rows.slice(0, PAGE);
      for (const r of page) {
        recIds.push(r.id);
        recSlugs.add(r.slug);
      }
      if (rows.length <= PAGE) break;
      after = page[page.length - 1].slug;
    }
    const refs = await this.referencesOf(recIds);
    return { all: false, recIds, recSet: new Set(recIds), recSlugs, refs, tables: await this.knownAtTables.at(filters.knownAt) };
  }

  /**
   * What these recommendations and the records kept under them refer to (sources, actors, topics),
   * the events that list them, and the sources of those events: every reference and list of the
   * record descriptions, so a reference added to an entity is followed here too.
   */
  private async referencesOf(recIds: number[]): Promise<ScopeRefs> {
    const em = this.dataSource.manager;
    const refs: ScopeRefs = { source: new Set(), actor: new Set(), topic: new Set(), event: new Set() };
    const follow = async (spec: RecordSpec, by: string, ids: number[]) => {
      for (const f of spec.fields) {
        if ((f.type === 'ref' || f.type === 'list') && f.ref in refs) {
          for (const id of await this.records.idsReferenced(em, spec, f, by, ids)) refs[f.ref as keyof ScopeRefs].add(id);
        }
      }
    };
    const events = this.records.spec('events');
    const eventRecommendations = events.fields.find((f): f is ListField => f.path === 'recommendations')!;
    for (const ids of chunks(recIds)) {
      for (const id of await this.records.idsHolding(em, events, eventRecommendations, ids)) refs.event.add(id);
      await follow(this.records.spec('recommendations'), 'id', ids);
      for (const kind of UNDER_RECOMMENDATIONS) {
        const spec = this.records.spec(kind);
        const by = spec.fields.find((f) => f.path === 'recommendation') as { column: string };
        await follow(spec, by.column, ids);
      }
    }
    for (const ids of chunks([...refs.event])) await follow(events, 'id', ids);
    return refs;
  }

  /** The records of one kind that the scope covers, a page at a time. */
  async *pages(kind: RecordKind, scope: Scope): AsyncGenerator<DataRecord[]> {
    const spec = this.records.spec(kind);
    const em = this.dataSource.manager;
    const plain = (rows: StoredRecord[]) => rows.map((r) => r.record);
    if (scope.all) {
      let after = 0;
      for (;;) {
        const rows = await this.records.page(em, spec, after, PAGE);
        if (rows.length) yield plain(rows);
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1].id;
      }
    }
    const from = fromOf(kind, scope.tables);
    const byIds = async function* (self: ExportService, ids: number[], column: string, restrictLists?: Set<number>) {
      for (const c of chunks(ids)) {
        const rows = await self.records.whereIn(em, spec, column, c, { restrictLists, from });
        if (rows.length) yield rows;
      }
    };
    const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
    switch (kind) {
      case 'sources':
      case 'actors':
      case 'topics': {
        const set = scope.refs[spec.table as 'source' | 'actor' | 'topic'];
        for await (const rows of byIds(this, sorted(set), 'id')) yield plain(rows);
        return;
      }
      case 'recommendations':
        for await (const rows of byIds(this, scope.recIds, 'id')) yield plain(rows);
        return;
      case 'statusChanges':
      case 'deadlines':
      case 'findings':
      case 'reviews':
        for await (const rows of byIds(this, scope.recIds, 'recommendation_id')) yield plain(rows);
        return;
      case 'links':
        for await (const rows of byIds(this, scope.recIds, 'from_id')) {
          const kept = plain(rows).filter((r) => scope.recSlugs.has(r.to as string));
          if (kept.length) yield kept;
        }
        return;
      case 'events':
        for await (const rows of byIds(this, sorted(scope.refs.event), 'id', scope.recSet)) yield plain(rows);
        return;
    }
  }

  /** The JSON export, in the seed/import format, as text chunks. */
  async *json(
    scope: Scope,
    stamp: { generatedAt: string; filters: RecommendationFilters; source: string },
  ): AsyncGenerator<string> {
    const filters = Object.fromEntries(Object.entries(stamp.filters).filter(([, v]) => v !== undefined));
    yield `{\n"generatedAt": ${JSON.stringify(stamp.generatedAt)},\n"meta": ${JSON.stringify({
      title: 'Reform Tracker export',
      compiledFrom: stamp.source,
      note: scope.all
        ? 'Everything the tracker holds.'
        : 'The recommendations matching the filters, with everything they refer to.',
    })},\n"filters": ${JSON.stringify(filters)}`;
    for (const kind of RECORD_KINDS) {
      yield `,\n"${kind}": [`;
      let count = 0;
      for await (const page of this.pages(kind, scope)) {
        yield page.map((r) => `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify(r)}`).join('');
      }
      yield count === 0 ? ']' : '\n]';
    }
    yield '\n}\n';
  }

  /** One kind of record as CSV (header first), as text chunks. */
  /**
   * What the reader's list CSV needs besides the items: the filters checked (a bad one throws the 400
   * problem before anything is sent), the headline assessor's name, the base URL of the item links.
   */
  async listCsvContext(filters: RecommendationFilters, baseUrl: string): Promise<ListCsvContext> {
    await this.recommendations.resolveFilters(filters, 1);
    const headlineAssessor = (await this.exportRows.actorName(HEADLINE_ASSESSOR)) ?? HEADLINE_ASSESSOR;
    return { baseUrl, headlineAssessor, asOf: filters.asOf, knownAt: filters.knownAt };
  }

  /** The reader's list CSV (list-csv.ts): a header row, then every matching item a page at a time. */
  async *listCsv(filters: RecommendationFilters, context: ListCsvContext): AsyncGenerator<string> {
    yield stringify([[...LIST_CSV_COLUMNS]], { record_delimiter: 'windows' });
    for await (const page of this.recommendations.iterate(filters)) {
      yield stringify(
        page.map((item) => toListCsvRow(item, context)),
        { record_delimiter: 'windows' },
      );
    }
  }

  async *csv(kind: RecordKind, scope: Scope): AsyncGenerator<string> {
    const spec = this.records.spec(kind);
    yield stringify([csvHeader(spec)]);
    for await (const page of this.pages(kind, scope)) yield stringify(page.map((r) => toCsvRow(spec, r)));
  }
}
