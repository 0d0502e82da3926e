/**
 * Keeps each recommendation's search document true: what a reader may type to find it (its title and
 * text; its source, publisher, responsible actor, topics and slugs; its deadline labels, evidence
 * excerpts and notes, monitor findings and linked events). Called in the same transaction as every
 * write that can change one (through refreshDerived, and the catalog and import writes for the
 * records a document quotes), so search never lags the record. The index itself is the engine
 * adapter's (src/database/sqlite/search.ts, src/database/postgres/search.ts).
 */
import type { EntityManager } from 'typeorm';
import type { RecordKind } from '../common/records/record-specs';
import { sqlDialect } from '../database/sql-dialect';
import type { SearchDocument } from '../database/search-words';

/** Removes the search documents of deleted recommendations. */
export function deleteSearchDocuments(em: EntityManager, ids: number[]): Promise<void> {
  return sqlDialect(em).deleteSearchDocuments(em, ids);
}

type Lines = Map<number, string[]>;

async function linesBy(em: EntityManager, sql: string, ids: number[]): Promise<Lines> {
  const rows: Array<{ rid: number; line: string | null }> = await em.query(sql, ids);
  const out: Lines = new Map();
  for (const r of rows) if (r.line) out.set(r.rid, [...(out.get(r.rid) ?? []), r.line]);
  return out;
}

/** Rebuilds the search documents of these recommendations. */
export async function refreshSearchDocuments(em: EntityManager, recommendationIds: number[]): Promise<void> {
  const ids = [...new Set(recommendationIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const marks = chunk.map(() => '?').join(',');
    const items: Array<{ id: number; title: string; text: string; names: string }> = await em.query(
      `SELECT r.id AS "id", r.title AS "title", r.text AS "text",
         r.slug || ' ' || s.slug || ' ' || s.title || ' ' || COALESCE(s.publisher, '') || ' ' || COALESCE(tv.title, '') || ' '
           || COALESCE(a.slug, '') || ' ' || COALESCE(a.name, '') AS "names"
       FROM recommendation r JOIN source s ON s.id = r.source_id LEFT JOIN source tv ON tv.id = r.text_via_id
         LEFT JOIN actor a ON a.id = r.responsible_id
       WHERE r.id IN (${marks})`,
      chunk,
    );
    // One after another: they share the transaction's connection (pg runs one query at a time on it).
    const lineSets: Lines[] = [];
    for (const query of [
      `SELECT rt.recommendation_id AS "rid", t.slug || ' ' || t.name AS "line" FROM recommendation_topic rt JOIN topic t ON t.id = rt.topic_id
         WHERE rt.recommendation_id IN (${marks})`,
      `SELECT d.recommendation_id AS "rid", d.label || ' ' || COALESCE(d.evidence_excerpt, '') AS "line" FROM deadline d
         WHERE d.recommendation_id IN (${marks})`,
      `SELECT sc.recommendation_id AS "rid", COALESCE(es.title, '') || ' ' || COALESCE(sc.evidence_excerpt, '') || ' ' || COALESCE(sc.note, '') AS "line"
         FROM status_change sc LEFT JOIN source es ON es.id = sc.evidence_source_id
         WHERE sc.recommendation_id IN (${marks}) AND sc.retracted = FALSE`,
      `SELECT rv.recommendation_id AS "rid", COALESCE(rv.evidence_excerpt, '') || ' ' || COALESCE(rv.note, '') AS "line"
         FROM review rv WHERE rv.recommendation_id IN (${marks})`,
      `SELECT f.recommendation_id AS "rid", f.summary AS "line" FROM finding f WHERE f.recommendation_id IN (${marks})`,
      `SELECT er.recommendation_id AS "rid", e.title AS "line" FROM event_recommendation er JOIN event e ON e.id = er.event_id
         WHERE er.recommendation_id IN (${marks})`,
    ])
      lineSets.push(await linesBy(em, query, chunk));
    const [topics, ...context] = lineSets;
    const docs: SearchDocument[] = items.map((r) => ({
      id: r.id,
      title: r.title,
      text: r.text,
      names: [r.names, ...(topics.get(r.id) ?? [])].join('\n'),
      context: context.flatMap((lines) => lines.get(r.id) ?? []).join('\n'),
    }));
    await sqlDialect(em).writeSearchDocuments(em, docs);
  }
}

/** The recommendations whose search documents quote a record of this kind (by id). */
export async function searchDocumentsQuoting(em: EntityManager, kind: RecordKind, id: number): Promise<number[]> {
  const sql: Partial<Record<RecordKind, string>> = {
    recommendations: `SELECT id AS "rid" FROM recommendation WHERE id = ?`,
    sources: `SELECT id AS "rid" FROM recommendation WHERE source_id = ? OR text_via_id = ?
      UNION SELECT recommendation_id FROM status_change WHERE evidence_source_id = ?`,
    actors: `SELECT id AS "rid" FROM recommendation WHERE responsible_id = ?`,
    topics: `SELECT recommendation_id AS "rid" FROM recommendation_topic WHERE topic_id = ?`,
    events: `SELECT recommendation_id AS "rid" FROM event_recommendation WHERE event_id = ?`,
    findings: `SELECT recommendation_id AS "rid" FROM finding WHERE id = ?`,
    statusChanges: `SELECT recommendation_id AS "rid" FROM status_change WHERE id = ?`,
    deadlines: `SELECT recommendation_id AS "rid" FROM deadline WHERE id = ?`,
    reviews: `SELECT recommendation_id AS "rid" FROM review WHERE id = ?`,
  };
  const query = sql[kind];
  if (!query) return [];
  const params = kind === 'sources' ? [id, id, id] : [id];
  const rows: Array<{ rid: number }> = await em.query(query, params);
  return rows.map((r) => r.rid);
}

/** Rebuilds the search documents that quote this record (after it was created or edited). */
export async function refreshSearchDocumentsQuoting(em: EntityManager, kind: RecordKind, id: number): Promise<void> {
  await refreshSearchDocuments(em, await searchDocumentsQuoting(em, kind, id));
}
