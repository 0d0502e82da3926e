/**
 * The recommendation search, PostgreSQL side: the same search documents as SQLite's (search-words.ts)
 * in a table whose stored, generated tsvector weights title (A), names (B), text (C) and context (D),
 * over unaccented text with the english stemmer, behind a GIN index (migrations/postgres,
 * SearchDocuments), ranked with ts_rank. Each word of the query must match (any field, any order);
 * a word of several parts is a phrase; every part matches as a prefix, as on SQLite.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { SearchQuery } from '../search-plan';
import { SearchDocument, searchWords } from '../search-words';

export const SEARCH_TABLE = 'recommendation_search';

/** The to_tsquery text for a reader's text (letters and digits only, so never query syntax). */
export function tsQuery(q: string): string | undefined {
  const words = searchWords(q);
  if (words === undefined) return undefined;
  return words.map((parts) => `(${parts.map((p) => `${p}:*`).join(' <-> ')})`).join(' & ');
}

/**
 * A reader's text as the search's SQL (search-plan.ts); undefined when it has no letter or digit.
 * The data source is unused: SQLite's adapter reads its index's vocabulary, PostgreSQL needs none.
 */
export function searchQuery(_dataSource: DataSource, q: string): SearchQuery | undefined {
  const query = tsQuery(q);
  if (query === undefined) return undefined;
  const matches = `to_tsquery('english', f_unaccent(?))`;
  return {
    ranked: {
      sql: `SELECT m.id AS id, -ts_rank(m.document, ${matches}) AS score FROM ${SEARCH_TABLE} m WHERE m.document @@ ${matches}`,
      params: [query, query],
    },
    test: {
      sql: `EXISTS (SELECT 1 FROM ${SEARCH_TABLE} m WHERE m.id = r.id AND m.document @@ ${matches})`,
      params: [query],
    },
    countAbove: (id) => ({
      sql: `SELECT COUNT(*) AS "n" FROM ${SEARCH_TABLE} m WHERE m.id > ? AND m.document @@ ${matches}`,
      params: [id, query],
    }),
  };
}

/** Replaces the indexed documents of these recommendations (in the caller's transaction). */
export async function writeSearchDocuments(em: EntityManager, docs: SearchDocument[]): Promise<void> {
  for (const d of docs) {
    await em.query(
      `INSERT INTO ${SEARCH_TABLE} (id, title, text, names, context) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, text = excluded.text, names = excluded.names, context = excluded.context`,
      [d.id, d.title, d.text, d.names, d.context],
    );
  }
}

/** Removes the documents of deleted recommendations. */
export async function deleteSearchDocuments(em: EntityManager, ids: number[]): Promise<void> {
  for (const id of ids) await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE id = ?`, [id]);
}
