/**
 * The recommendation search, SQLite side. One search document per recommendation (title, text,
 * names: its source, publisher, responsible actor, topics and slugs; context: deadline labels,
 * evidence excerpts and notes, monitor findings, linked events) in an FTS5 table with the porter
 * stemmer over unicode61 and prefix indexes, ranked with bm25. Everything engine-specific about search
 * is here, behind `searchQuery` (the query) and `writeSearchDocuments` (the index), as
 * postgres/search.ts is for PostgreSQL (tsvector + ts_rank); both take their words from search-words.ts.
 *
 * Prefixes: FTS5 answers a prefix it has no prefix index for ("pursuit" *; there are indexes for 2
 * and 3 characters) by merging the document lists of every term that starts with it, all of them,
 * before it returns one row: a cost that grows with the table, and is paid again for each item a
 * common search tests (search-plan.ts). So each word's prefix is written out as the terms of the
 * index that start with it ("pursuit" OR "pursuits"...), read from the
 * vocabulary table the write path keeps (migrations/sqlite, RecommendationSearchTerms); FTS5 then
 * seeks in each list instead of merging them. A word whose prefix has too many terms, or whose terms
 * the tokenizer would not give back unchanged, stays a prefix query: slower, never different.
 */
import Database from 'better-sqlite3';
import type { Database as Connection, Statement } from 'better-sqlite3';
import type { DataSource, EntityManager } from 'typeorm';
import { SearchDocument, searchWords } from '../search-words';
import { SEARCH_SAMPLE } from '../search-plan';
import type { SearchQuery } from '../search-plan';
import { sqliteConnection } from './connection';
export type { SearchDocument } from '../search-words';

export const SEARCH_TABLE = 'recommendation_search';
/** The tokenizer of the search table (migrations/sqlite, RecommendationSearchDocuments). */
export const SEARCH_TOKENIZER = 'porter unicode61 remove_diacritics 2';
/** A prefix with more terms than this stays a prefix query. */
const MAX_EXPANSION = 64;
/** Search documents written a page at a time (`writeSearchDocuments`). */
const DOCUMENT_PAGE = 500;

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
  return words.map(asPrefix).join(' AND ');
}

/** One word as FTS5 writes it: its parts as a phrase, the last one a prefix. */
const asPrefix = (parts: string[]) => `"${parts.join(' ')}" *`;

/**
 * SQLite's own tokenizer, on a private in-memory database: the terms the search table would index
 * for each text, in order. The query's words go through it to find their terms in the vocabulary.
 */
class Tokenizer {
  private readonly db: Connection;
  private readonly insert: Statement;
  private readonly tokensOf: Statement;
  private readonly clear: Statement;
  private readonly insertDocument: Statement;
  private readonly termsOf: Statement;
  private readonly clearDocument: Statement;

  constructor() {
    this.db = new Database(':memory:');
    // Two tables: one that keeps each token's place (a query's words, in order), and one that only
    // lists a document's distinct terms (detail=none: half the work, for every document written).
    this.db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize='${SEARCH_TOKENIZER}');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);
      CREATE VIRTUAL TABLE d USING fts5(x, tokenize='${SEARCH_TOKENIZER}', detail=none);
      CREATE VIRTUAL TABLE dv USING fts5vocab(d, row)`);
    this.insert = this.db.prepare(`INSERT INTO t (rowid, x) VALUES (?, ?)`);
    this.tokensOf = this.db.prepare(`SELECT doc, term FROM v ORDER BY doc, "offset"`).raw(true);
    this.clear = this.db.prepare(`DELETE FROM t`);
    this.insertDocument = this.db.prepare(`INSERT INTO d (rowid, x) VALUES (1, ?)`);
    this.termsOf = this.db.prepare(`SELECT term FROM dv`).pluck(true);
    this.clearDocument = this.db.prepare(`DELETE FROM d`);
  }

  /** The tokens of each text, in order. */
  tokens(texts: string[]): string[][] {
    const out = texts.map((): string[] => []);
    this.db.transaction(() => {
      texts.forEach((text, i) => this.insert.run(BigInt(i + 1), text));
      for (const [doc, term] of this.tokensOf.all() as Array<[number, string]>) out[doc - 1].push(term);
      this.clear.run();
    })();
    return out;
  }

  /** The distinct terms of these lines together (no token spans a line break). */
  terms(fields: string[]): string[] {
    return this.db.transaction(() => {
      this.insertDocument.run(fields.join('\n'));
      const terms = this.termsOf.all() as string[];
      this.clearDocument.run();
      return terms;
    })();
  }
}

let tokenizer: Tokenizer | undefined;
const tokens = (texts: string[]) => (tokenizer ??= new Tokenizer()).tokens(texts);
const documentTerms = (fields: string[]) => (tokenizer ??= new Tokenizer()).terms(fields);

/** The vocabulary statement of each connection (prepared once). */
const vocabularies = new WeakMap<Connection, Statement>();

/**
 * The index's terms that start with `stem` (from the vocabulary, migrations/sqlite
 * RecommendationSearchTerms), or null when the prefix must stay a prefix query: more than
 * MAX_EXPANSION terms, or a term the tokenizer would not give back unchanged (FTS5 tokenizes the
 * query's terms again: it would look for another term).
 */
function expansion(dataSource: DataSource, stem: string): string[] | null {
  const db = sqliteConnection(dataSource);
  if (!db) return null;
  let vocabulary = vocabularies.get(db);
  if (!vocabulary) {
    vocabulary = db
      .prepare(`SELECT term FROM ${SEARCH_TABLE}_term WHERE term >= ? AND term < ? ORDER BY term LIMIT ${MAX_EXPANSION + 1}`)
      .pluck(true);
    vocabularies.set(db, vocabulary);
  }
  const terms = vocabulary.all(stem, `${stem}\u{10FFFF}`) as string[];
  if (terms.length > MAX_EXPANSION) return null;
  return tokens(terms).every((t, i) => t.length === 1 && t[0] === terms[i]) ? terms : null;
}

/**
 * Each word as FTS5 query text, its prefix written out as the index's terms (see the file's header);
 * together, the same matches as searchExpression. A word that cannot be written out stays as it is there.
 */
function expandedWords(dataSource: DataSource, words: string[][]): string[] {
  const stems = tokens(words.map((parts) => parts.join(' ')));
  return words.map((parts, i) => {
    const stemmed = stems[i];
    // Three letters or fewer: FTS5's own prefix indexes answer these directly.
    if (stemmed.length !== parts.length || stemmed[stemmed.length - 1].length <= 3) return asPrefix(parts);
    const terms = expansion(dataSource, stemmed[stemmed.length - 1]);
    if (terms === null) return asPrefix(parts);
    // No term starts with it: nothing matches (the phrase names no indexed term).
    if (terms.length === 0) return `"${parts.join(' ')}"`;
    // The other parts as the reader wrote them: FTS5 stems them as it stems the original query.
    const lead = parts
      .slice(0, -1)
      .map((p) => `${p} `)
      .join('');
    return `(${terms.map((t) => `"${lead}${t}"`).join(' OR ')})`;
  });
}

/** Below this many documents, every word is scored (the rule below changes nothing worth its queries). */
const SCORING_SAMPLE_MIN = 1000;

/**
 * The words worth scoring. bm25 counts, for each word, every document that holds it (its IDF), a cost
 * that grows with the table; a word in more than half of the documents gets FTS5's floor IDF (1e-6)
 * and adds nothing to the order. So such words only filter, and the others are scored (all of them
 * when every word is that common). Judged on the newest SEARCH_SAMPLE documents, as search-plan.ts does.
 */
function scoredWords(dataSource: DataSource, expressions: string[]): string[] {
  const db = sqliteConnection(dataSource);
  if (!db || expressions.length < 2) return expressions;
  const top = (db.prepare(`SELECT COALESCE(MAX(id), 0) FROM recommendation`).pluck(true).get() as number) ?? 0;
  const from = BigInt(Math.max(0, top - SEARCH_SAMPLE));
  const sampled = db.prepare(`SELECT COUNT(*) FROM recommendation WHERE id > ?`).pluck(true).get(from) as number;
  if (sampled < SCORING_SAMPLE_MIN) return expressions;
  const count = db.prepare(`SELECT COUNT(*) FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ? AND rowid > ?`).pluck(true);
  const scored = expressions.filter((e) => (count.get(e, from) as number) * 2 <= sampled);
  return scored.length > 0 ? scored : expressions;
}

/** A reader's text as the search's SQL (search-plan.ts); undefined when it has no letter or digit. */
export function searchQuery(dataSource: DataSource, q: string): SearchQuery | undefined {
  const words = searchWords(q);
  if (words === undefined) return undefined;
  const expressions = expandedWords(dataSource, words);
  const expression = expressions.join(' AND ');
  const scored = scoredWords(dataSource, expressions).join(' AND ');
  // bm25 weights per column: title, text, names, context.
  const score = `SELECT rowid AS id, bm25(${SEARCH_TABLE}, 10.0, 2.0, 4.0, 1.0) AS score FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?`;
  return {
    ranked:
      scored === expression
        ? { sql: score, params: [expression] }
        : {
            sql: `${score} AND rowid IN (SELECT rowid FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?)`,
            params: [scored, expression],
          },
    test: {
      sql: `EXISTS (SELECT 1 FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ? AND rowid = r.id)`,
      params: [expression],
    },
    // The id as an integer: FTS5 ignores a rowid bound given as a floating-point value beside MATCH.
    countAbove: (id) => ({
      sql: `SELECT COUNT(*) AS "n" FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ? AND rowid > CAST(? AS INTEGER)`,
      params: [expression, id],
    }),
  };
}

/**
 * Replaces the indexed documents of these recommendations (in the caller's transaction), and adds
 * their terms to the vocabulary. A page of documents at a time: their stored versions in one read,
 * and the terms of all their new lines in one tokenization and one vocabulary insert (an import of
 * 2,000 items made 2,000 of each).
 */
export async function writeSearchDocuments(em: EntityManager, docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += DOCUMENT_PAGE) {
    const page = docs.slice(i, i + DOCUMENT_PAGE);
    const stored = new Map<number, string[]>();
    const rows: Array<{ id: number; title: string; text: string; names: string; context: string }> = await em.query(
      `SELECT rowid AS "id", title AS "title", text AS "text", names AS "names", context AS "context" FROM ${SEARCH_TABLE}
       WHERE rowid IN (${page.map(() => '?').join(',')})`,
      page.map((d) => d.id),
    );
    for (const r of rows) stored.set(Number(r.id), [r.title, r.text, r.names, r.context]);
    const changed: SearchDocument[] = [];
    const lines: string[] = [];
    for (const d of page) {
      const fields = [d.title, d.text, d.names, d.context];
      const before = stored.get(d.id);
      if (before && fields.every((f, k) => f === before[k])) continue;
      changed.push(d);
      // The vocabulary only grows, and already holds the terms of every line the stored document has
      // (no token spans a line break), so only the new lines are tokenized: a status change adds one.
      lines.push(...(before ? newLines(fields, before) : fields));
    }
    if (lines.length > 0) {
      await em.query(`INSERT OR IGNORE INTO ${SEARCH_TABLE}_term (term) SELECT value FROM json_each(?)`, [
        JSON.stringify(documentTerms(lines)),
      ]);
    }
    for (const d of changed) {
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
}

/** The lines of `fields` that no field of `before` has. */
function newLines(fields: string[], before: string[]): string[] {
  const known = new Set(before.flatMap((f) => f.split('\n')));
  return fields.flatMap((f) => f.split('\n')).filter((line) => !known.has(line));
}

/** Removes the documents of deleted recommendations. */
export async function deleteSearchDocuments(em: EntityManager, ids: number[]): Promise<void> {
  for (const id of ids) await em.query(`DELETE FROM ${SEARCH_TABLE} WHERE rowid = ?`, [id]);
}
