/**
 * The recommendation search, SQLite side. One search document per recommendation (title, text,
 * names: its source, publisher, responsible actor, topics and slugs; context: deadline labels,
 * evidence excerpts and notes, monitor findings, linked events) in an FTS5 table with the porter
 * stemmer over unicode61 and prefix indexes, ranked with bm25. Everything engine-specific about search
 * is here, behind `searchMatches` (the query) and `writeSearchDocuments` (the index), as
 * postgres/search.ts is for PostgreSQL (tsvector + ts_rank); both take their words from search-words.ts.
 */
import type { EntityManager } from 'typeorm';
import { SearchDocument, searchWords } from '../search-words';
export type { SearchDocument } from '../search-words';

export const SEARCH_TABLE = 'recommendation_search';

/**
 * The FTS5 query for a reader's text, or undefined when it has no letter or digit. Each
 * whitespace-separated word must match somewhere in the document (any field, any order); a word
 * with inner punctuation ("G03-07", "foot-pursuit") matches as a phrase of its parts; the last part
 * of every word matches as a prefix ("pursu" finds "pursuit"), and the stemmer makes "pursuits" find
 * "pursuit". Only letters and digits reach FTS5, so no input can be read as query syntax.
 */
export function searchExpression(q: string): string | undefined {
  const words = searchWords(q);
  if (words === undefined) return undefined;
  return words.map((parts) => `"${parts.join(' ')}" *`).join(' AND ');
}

/**
 * A sub-query of the recommendations matching `q`, as rows (id, score), a lower score ranking
 * higher; undefined when `q` has nothing to search for (no letter or digit).
 */
export function searchMatches(q: string): { sql: string; params: unknown[] } | undefined {
  const expression = searchExpression(q);
  if (expression === undefined) return undefined;
  return {
    // bm25 weights per column: title, text, names, context.
    sql: `SELECT rowid AS id, bm25(${SEARCH_TABLE}, 10.0, 2.0, 4.0, 1.0) AS score FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?`,
    params: [expression],
  };
}

/** Replaces the indexed documents of these recommendations (in the caller's transaction). */
export async function writeSearchDocuments(em: EntityManager, docs: SearchDocument[]): Promise<void> {
  for (const d of docs) {
    await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE rowid = ?`, [d.id]);
    await em.query(`INSERT INTO ${SEARCH_TABLE} (rowid, title, text, names, context) VALUES (?, ?, ?, ?, ?)`, [
      d.id,
      d.title,
      d.text,
      d.names,
      d.context,
    ]);
  }
}

/** Removes the documents of deleted recommendations. */
export async function deleteSearchDocuments(em: EntityManager, ids: number[]): Promise<void> {
  for (const id of ids) await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE rowid = ?`, [id]);
}
