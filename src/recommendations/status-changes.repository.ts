import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A status change as a retraction needs to know it. */
export interface RetractionTarget {
  id: number;
  slug: string;
  recommendationId: number;
  retracted: number;
  assessor: string;
  effectiveOn: string;
  effectivePrecision: string;
}

/** The SQL of the status-change writes; every method takes the transaction's EntityManager. */
@Injectable()
export class StatusChangesRepository {
  /** The status change with this id, as a retraction names it; undefined when there is none. */
  async retractionTarget(em: EntityManager, id: number): Promise<RetractionTarget | undefined> {
    const rows: RetractionTarget[] = await em.query(
      `SELECT sc.id AS "id", sc.slug AS "slug", sc.recommendation_id AS "recommendationId", sc.retracted AS "retracted", a.slug AS "assessor",
         sc.effective_on AS "effectiveOn", sc.effective_precision AS "effectivePrecision"
       FROM status_change sc JOIN actor a ON a.id = sc.assessor_id WHERE sc.id = ?`,
      [id],
    );
    return rows[0];
  }

  /** The id of the standing (not retracted) change that retracts this one, if any. */
  async retractedBy(em: EntityManager, id: number): Promise<number | undefined> {
    const rows: Array<{ id: number }> = await em.query(
      `SELECT id FROM status_change WHERE retracts_id = ? AND retracted = FALSE ORDER BY id LIMIT 1`,
      [id],
    );
    return rows[0]?.id;
  }
}
