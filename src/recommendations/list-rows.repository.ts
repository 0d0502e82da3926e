/**
 * Keeps each recommendation's list row true: the JSON text of its list item without the clock
 * fields (list-item.ts), in recommendation_list_row. Called in the same transaction as every write
 * that can change what the list shows of an item: through refreshDerived (status changes,
 * retractions, reviews, deadlines, new items, import and seed), and for edits of the records a row
 * quotes (the item itself, its source, responsible actor, topics, and its open deadline's source,
 * setter and evidence sources). The current list reads these rows (RecommendationsService.listJson).
 */
import type { EntityManager } from 'typeorm';
import type { RecordKind } from '../common/records/record-specs';
import type { DeadlineRow } from '../deadlines/deadline-view';
import { toDeadlineView } from '../deadlines/deadline-view';
import { DEADLINE_COLUMNS, DEADLINE_JOINS } from '../deadlines/deadline.sql';
import { ListRowParts, listRowParts } from './list-item';
import type { RecommendationRow } from './recommendations.repository';

/** What these functions run their SQL on: a transaction's EntityManager, or a migration's runner (`?` placeholders). */
export type SqlRunner = Pick<EntityManager, 'query'>;

/** The columns of a RecommendationRow for the current record (shared with the list's own query). */
export const LIST_ROW_SOURCE_COLUMNS = `r.id AS "id", r.slug AS "slug", r.kind AS "kind", r.title AS "title",
  r.headline_status AS "status", r.status_as_of AS "statusAsOf", r.reviewed_on AS "reviewedOn",
  src.slug AS "sourceSlug", src.title AS "sourceTitle", a.slug AS "responsibleSlug", a.name AS "responsibleName"`;

/** The list-row parts of these recommendations, computed from scratch from their rows. */
export async function computeListRows(em: SqlRunner, ids: number[]): Promise<Map<number, ListRowParts>> {
  const out = new Map<number, ListRowParts>();
  if (ids.length === 0) return out;
  const marks = ids.map(() => '?').join(',');
  // One after another: they share the transaction's connection (pg runs one query at a time on it).
  const rows: RecommendationRow[] = await em.query(
    `SELECT ${LIST_ROW_SOURCE_COLUMNS}
     FROM recommendation r JOIN source src ON src.id = r.source_id LEFT JOIN actor a ON a.id = r.responsible_id
     WHERE r.id IN (${marks})`,
    ids,
  );
  const topicRows: Array<{ rid: number; slug: string }> = await em.query(
    `SELECT rt.recommendation_id AS "rid", t.slug AS "slug" FROM recommendation_topic rt JOIN topic t ON t.id = rt.topic_id
     WHERE rt.recommendation_id IN (${marks}) ORDER BY t.slug`,
    ids,
  );
  const deadlines: DeadlineRow[] = await em.query(
    `SELECT ${DEADLINE_COLUMNS} FROM deadline d ${DEADLINE_JOINS}
     WHERE d.recommendation_id IN (${marks}) AND d.state = 'open'
     ORDER BY d.recommendation_id, d.closes_at, d.id`,
    ids,
  );
  const topics = new Map<number, string[]>();
  for (const t of topicRows) topics.set(t.rid, [...(topics.get(t.rid) ?? []), t.slug]);
  const next = new Map<number, DeadlineRow>();
  for (const d of deadlines) if (!next.has(d.recommendationId)) next.set(d.recommendationId, d);
  // An open deadline's stored members do not depend on the clock (list-item.ts), so any instant will do.
  const at = { now: new Date(0), timeZone: 'UTC' };
  for (const r of rows) {
    const d = next.get(r.id);
    out.set(r.id, listRowParts(r, topics.get(r.id) ?? [], d ? toDeadlineView(d, at) : null));
  }
  return out;
}

/** Rewrites the list rows of these recommendations (those deleted meanwhile lose theirs by cascade). */
export async function refreshListRows(em: SqlRunner, recommendationIds: number[]): Promise<void> {
  const ids = [...new Set(recommendationIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const parts = await computeListRows(em, ids.slice(i, i + 500));
    if (parts.size === 0) continue;
    const values: unknown[] = [];
    for (const [id, p] of parts) values.push(id, p.head, p.closesAt, p.tail);
    await em.query(
      `INSERT INTO recommendation_list_row (recommendation_id, head, closes_at, tail)
       VALUES ${[...parts.keys()].map(() => '(?, ?, ?, ?)').join(', ')}
       ON CONFLICT (recommendation_id) DO UPDATE SET head = excluded.head, closes_at = excluded.closes_at, tail = excluded.tail`,
      values,
    );
  }
}

/** The stored list rows of these recommendations, as they are. */
export async function storedListRows(em: SqlRunner, ids: number[]): Promise<Map<number, ListRowParts>> {
  const out = new Map<number, ListRowParts>();
  if (ids.length === 0) return out;
  const rows: Array<{ id: number; head: string; closesAt: string | null; tail: string | null }> = await em.query(
    `SELECT recommendation_id AS "id", head AS "head", closes_at AS "closesAt", tail AS "tail" FROM recommendation_list_row
     WHERE recommendation_id IN (${ids.map(() => '?').join(',')})`,
    ids,
  );
  for (const r of rows) out.set(Number(r.id), { head: r.head, closesAt: r.closesAt, tail: r.tail });
  return out;
}

/** The recommendations whose list rows show a record of this kind (by id). */
export async function listRowsQuoting(em: EntityManager, kind: RecordKind, id: number): Promise<number[]> {
  const open = `SELECT recommendation_id FROM deadline WHERE state = 'open' AND`;
  const sql: Partial<Record<RecordKind, string>> = {
    recommendations: `SELECT id AS "rid" FROM recommendation WHERE id = ?`,
    sources: `SELECT id AS "rid" FROM recommendation WHERE source_id = ?
      UNION ${open} (source_id = ? OR evidence_source_id = ? OR evidence_via_id = ?)`,
    actors: `SELECT id AS "rid" FROM recommendation WHERE responsible_id = ? UNION ${open} set_by_id = ?`,
    topics: `SELECT recommendation_id AS "rid" FROM recommendation_topic WHERE topic_id = ?`,
  };
  const query = sql[kind];
  if (!query) return [];
  const params = kind === 'sources' ? [id, id, id, id] : kind === 'actors' ? [id, id] : [id];
  const rows: Array<{ rid: number }> = await em.query(query, params);
  return rows.map((r) => Number(r.rid));
}

/** Rewrites the list rows that show this record (after it was created or edited). */
export async function refreshListRowsQuoting(em: EntityManager, kind: RecordKind, id: number): Promise<void> {
  await refreshListRows(em, await listRowsQuoting(em, kind, id));
}

/** Writes the list row of every recommendation, 500 at a time (a migration's backfill, the bench's generator). */
export async function backfillListRows(em: SqlRunner): Promise<number> {
  let after = 0;
  let count = 0;
  for (;;) {
    const rows: Array<{ id: number }> = await em.query(
      `SELECT id AS "id" FROM recommendation WHERE id > ? ORDER BY id LIMIT 500`,
      [after],
    );
    if (rows.length === 0) return count;
    await refreshListRows(
      em,
      rows.map((r) => Number(r.id)),
    );
    count += rows.length;
    after = Number(rows[rows.length - 1].id);
  }
}
