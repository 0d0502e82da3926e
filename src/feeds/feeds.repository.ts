import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CURRENT_TABLES, ScopedTables } from '../database/known-at';
import { sqlDialect } from '../database/sql-dialect';
import type { Status } from '../recommendations/rules/status-vocabulary';
import { SqlConditions } from '../database/sql-conditions';

export interface ChangeRow {
  id: number;
  recommendationId: number;
  recommendationSlug: string;
  recommendationTitle: string;
  /** null for a pure retraction. */
  status: Status | null;
  effectiveOn: string;
  effectivePrecision: string;
  recordedAt: string;
  /** The API key name that recorded it ('seed' for the initial data set). */
  recordedBy: string;
  assessorName: string;
  evidenceSourceTitle: string | null;
  evidenceSourceUrl: string | null;
  /** When the evidence source was published (YYYY-MM-DD), when known. */
  evidenceSourcePublishedOn: string | null;
  evidenceUrl: string | null;
  evidenceExcerpt: string | null;
  evidencePinpoint: string | null;
  note: string | null;
  retractsId: number | null;
  retracted: number | boolean;
  /** When the latest entry retracting this one was recorded; null when none has. */
  retractedAt: string | null;
}

/** The SQL behind the feeds. */
@Injectable()
export class FeedsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The latest status changes, newest recorded first, of these recommendations (all when undefined),
   * from the given tables (the record as known at an instant, or now).
   */
  latestChanges(
    recommendationIds: number[] | undefined,
    asOf: string | undefined,
    limit: number,
    t: ScopedTables = CURRENT_TABLES,
    before?: { recordedAt: string; id: number },
  ): Promise<ChangeRow[]> {
    const where = new SqlConditions();
    if (recommendationIds) {
      const dialect = sqlDialect(this.dataSource);
      where.add(dialect.inList('sc.recommendation_id'), dialect.list(recommendationIds));
    }
    if (asOf) where.add(`sc.effective_on <= ?`, asOf);
    // Past the key, newest first: (recorded_at, id) < (before), recorded_at bounded on its own so the index is a range.
    if (before) {
      where.add(`sc.recorded_at <= ? AND (sc.recorded_at < ? OR sc.id < ?)`, before.recordedAt, before.recordedAt, before.id);
    }
    return this.dataSource.query(
      `SELECT sc.id AS "id", sc.recommendation_id AS "recommendationId", r.slug AS "recommendationSlug", r.title AS "recommendationTitle", sc.status AS "status",
         sc.effective_on AS "effectiveOn", sc.effective_precision AS "effectivePrecision", sc.recorded_at AS "recordedAt",
         sc.recorded_by AS "recordedBy", a.name AS "assessorName", es.title AS "evidenceSourceTitle", es.url AS "evidenceSourceUrl",
         es.published_on AS "evidenceSourcePublishedOn", sc.evidence_url AS "evidenceUrl",
         sc.evidence_excerpt AS "evidenceExcerpt", sc.evidence_pinpoint AS "evidencePinpoint", sc.note AS "note",
         sc.retracts_id AS "retractsId", sc.retracted AS "retracted",
         (SELECT MAX(x.recorded_at) FROM ${t.statusChange} x WHERE x.retracts_id = sc.id) AS "retractedAt"
       FROM ${t.statusChange} sc JOIN recommendation r ON r.id = sc.recommendation_id JOIN actor a ON a.id = sc.assessor_id
       LEFT JOIN source es ON es.id = sc.evidence_source_id
       ${where.where}
       ORDER BY sc.recorded_at DESC, sc.id DESC LIMIT ?`,
      [...where.params, limit],
    );
  }

  async recommendation(slug: string): Promise<{ id: number; slug: string; title: string } | undefined> {
    const rows: Array<{ id: number; slug: string; title: string }> = await this.dataSource.query(
      `SELECT id AS "id", slug AS "slug", title AS "title" FROM recommendation WHERE slug = ?`,
      [slug],
    );
    return rows[0];
  }

  /** When each deadline was last changed (the VEVENT's DTSTAMP). */
  async deadlineStamps(ids: number[]): Promise<Map<number, Date>> {
    if (ids.length === 0) return new Map();
    const dialect = sqlDialect(this.dataSource);
    const rows: Array<{ id: number; updatedAt: string }> = await this.dataSource.query(
      `SELECT id AS "id", updated_at AS "updatedAt" FROM deadline WHERE ${dialect.inList('id')}`,
      [dialect.list(ids)],
    );
    // TypeORM writes "YYYY-MM-DD HH:MM:SS" (UTC) for its own timestamps, the seed ISO strings: read both.
    return new Map(rows.map((r) => [r.id, new Date(/T/.test(r.updatedAt) ? r.updatedAt : `${r.updatedAt.replace(' ', 'T')}Z`)]));
  }
}
