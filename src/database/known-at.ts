/**
 * `knownAt`: reading the record as the tracker had it at an instant. Every table whose rows can be
 * added, settled or retracted later is replaced, for one query, by a sub-select of the same name and
 * columns that holds only what had been recorded by then:
 *
 * - status changes recorded by then, with `retracted` recomputed from the retractions recorded by
 *   then (the pure rule retractedIds decides; SQL only filters by its answer);
 * - deadlines set by then, each in its latest revision recorded by then (deadline_revision);
 * - recommendations, findings, events, links and reviews recorded by then.
 *
 * Queries name their tables through `ScopedTables` (`FROM ${t.statusChange} sc`), so the same SQL
 * answers both "now" and "as known at". The instant is inlined as a literal: it is re-serialised by
 * Date#toISOString, which writes only digits, '-', ':', '.', 'T' and 'Z'.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { retractedIds } from '../recommendations/rules/current-status';

export interface ScopedTables {
  /** The instant (ISO), when the tables are scoped; undefined for the current record. */
  knownAt?: string;
  recommendation: string;
  statusChange: string;
  deadline: string;
  finding: string;
  event: string;
  link: string;
  review: string;
}

/** The record as it stands now: the plain tables. */
export const CURRENT_TABLES: ScopedTables = {
  recommendation: 'recommendation',
  statusChange: 'status_change',
  deadline: 'deadline',
  finding: 'finding',
  event: 'event',
  link: 'link',
  review: 'review',
};

/** Columns of `deadline` that an outcome (a revision) changes; the rest are fixed when it is set. */
const REVISED = [
  'state',
  'met_on',
  'settled_on',
  'fulfilled_on',
  'extended_by_id',
  'evidence_source_id',
  'evidence_via_id',
  'evidence_url',
  'evidence_excerpt',
  'evidence_pinpoint',
  'note',
  'version',
];

@Injectable()
export class KnownAtTables {
  constructor(private readonly dataSource: DataSource) {}

  private columns(table: string): string[] {
    return this.dataSource.getMetadata(table).columns.map((c) => c.databaseName);
  }

  /** The tables as known at `knownAt` (an ISO instant), or the current ones without it. */
  async at(knownAt: string | undefined): Promise<ScopedTables> {
    if (knownAt === undefined) return CURRENT_TABLES;
    const iso = new Date(knownAt).toISOString();
    const t = `'${iso}'`;
    const retracted = await this.retractedAt(iso);
    const scCols = this.columns('status_change')
      .filter((c) => c !== 'retracted')
      .map((c) => `s0.${c}`);
    const retractedExpr = retracted.length ? `CASE WHEN s0.id IN (${retracted.join(',')}) THEN TRUE ELSE FALSE END` : 'FALSE';
    const dCols = this.columns('deadline').map((c) => (REVISED.includes(c) ? `v0.${c} AS ${c}` : `d0.${c}`));
    return {
      knownAt: iso,
      recommendation: `(SELECT * FROM recommendation WHERE created_at <= ${t})`,
      statusChange: `(SELECT ${scCols.join(', ')}, ${retractedExpr} AS retracted FROM status_change s0 WHERE s0.recorded_at <= ${t})`,
      deadline: `(SELECT ${dCols.join(', ')} FROM deadline d0 JOIN deadline_revision v0 ON v0.id = (
          SELECT MAX(v1.id) FROM deadline_revision v1 WHERE v1.deadline_id = d0.id AND v1.recorded_at <= ${t}))`,
      finding: `(SELECT * FROM finding WHERE recorded_at <= ${t})`,
      event: `(SELECT * FROM event WHERE created_at <= ${t})`,
      link: `(SELECT * FROM link WHERE recorded_at <= ${t})`,
      review: `(SELECT * FROM review WHERE recorded_at <= ${t})`,
    };
  }

  /** Ids of the status changes that stood retracted at `iso`, by the retractions recorded by then. */
  private async retractedAt(iso: string): Promise<number[]> {
    const rows: Array<{ id: number; recordedAt: string; retractsId: number | null }> = await this.dataSource.query(
      `SELECT id AS "id", recorded_at AS "recordedAt", retracts_id AS "retractsId" FROM status_change
       WHERE recorded_at <= ? AND (retracts_id IS NOT NULL
         OR id IN (SELECT retracts_id FROM status_change WHERE retracts_id IS NOT NULL AND recorded_at <= ?))`,
      [iso, iso],
    );
    const entries = rows.map((r) => ({
      id: r.id,
      status: null,
      effectiveOn: '',
      recordedAt: new Date(r.recordedAt),
      assessor: '',
      retracts: r.retractsId,
    }));
    return [...retractedIds(entries)];
  }
}
