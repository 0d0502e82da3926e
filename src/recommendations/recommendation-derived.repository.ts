/**
 * Keeps the derived columns true: status_change.retracted, recommendation.headline_status,
 * status_as_of, reviewed_on (the later of status_as_of and the last review), next_close_at, the
 * search document and the list row. Called inside the same transaction as every write that can
 * change them (and by the seed), so readers never see a recommendation out of step with its history.
 * The decisions are the pure rules in current-status.ts; this only reads rows and writes results.
 * A function over the transaction's EntityManager rather than a provider, so every write path (API,
 * import, test fixtures) calls it inside its own transaction.
 */
import type { EntityManager } from 'typeorm';
import { HEADLINE_ASSESSOR } from '../catalog/actors/actor.entity';
import { headline, retractedIds } from './rules/current-status';
import type { StatusChangeRow } from './recommendations.repository';
import { refreshListRows } from './list-rows.repository';
import { refreshSearchDocuments } from './search-documents.repository';

export async function refreshDerived(em: EntityManager, recommendationIds: number[]): Promise<void> {
  const ids = [...new Set(recommendationIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    const rows: Array<
      Pick<
        StatusChangeRow,
        'id' | 'recommendationId' | 'status' | 'effectiveOn' | 'recordedAt' | 'assessorSlug' | 'retractsId' | 'retracted'
      >
    > = await em.query(
      `SELECT sc.id AS "id", sc.recommendation_id AS "recommendationId", sc.status AS "status", sc.effective_on AS "effectiveOn",
           sc.recorded_at AS "recordedAt", a.slug AS "assessorSlug", sc.retracts_id AS "retractsId", sc.retracted AS "retracted"
         FROM status_change sc JOIN actor a ON a.id = sc.assessor_id WHERE sc.recommendation_id IN (${marks})`,
      chunk,
    );
    const byRec = new Map<number, typeof rows>();
    for (const r of rows) byRec.set(r.recommendationId, [...(byRec.get(r.recommendationId) ?? []), r]);
    for (const id of chunk) {
      const list = byRec.get(id) ?? [];
      const entries = list.map((r) => ({
        id: r.id,
        status: r.status,
        effectiveOn: r.effectiveOn,
        recordedAt: new Date(r.recordedAt),
        assessor: r.assessorSlug,
        retracts: r.retractsId,
      }));
      const retracted = retractedIds(entries);
      for (const r of list) {
        const should = retracted.has(r.id);
        if (Boolean(r.retracted) !== should) {
          await em.query(`UPDATE status_change SET retracted = ? WHERE id = ?`, [should ? 1 : 0, r.id]);
        }
      }
      const head = headline(entries, HEADLINE_ASSESSOR);
      const statusOn = head.entry?.effectiveOn ?? null;
      await em.query(
        `UPDATE recommendation SET headline_status = ?, status_as_of = ?,
           reviewed_on = (SELECT CASE WHEN MAX(rv.reviewed_on) IS NULL OR MAX(rv.reviewed_on) < ? THEN ? ELSE MAX(rv.reviewed_on) END
             FROM review rv WHERE rv.recommendation_id = recommendation.id),
           next_close_at = (SELECT MIN(d.closes_at) FROM deadline d WHERE d.recommendation_id = recommendation.id AND d.state = 'open')
         WHERE id = ?`,
        [head.status, statusOn, statusOn, statusOn, id],
      );
    }
  }
  await refreshSearchDocuments(em, ids);
  await refreshListRows(em, ids);
}
