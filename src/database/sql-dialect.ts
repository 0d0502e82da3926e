/**
 * The few fragments of the repositories' raw SQL that SQLite and PostgreSQL write differently
 * (everything else is written once, in the portable subset; postgres/raw-queries.ts runs it).
 * Each fragment takes its values through `?` placeholders, in the order given.
 */
import { type DataSource, EntityManager } from 'typeorm';
import { ftsPhrase } from './sqlite/fts';

export interface SqlDialect {
  /** `column` is one of `values`: one parameter, bind `list(values)`. */
  inList(column: string): string;
  list(values: readonly (number | string)[]): unknown;
  /**
   * Recommendations (alias `alias`) whose title or text contains `q`, ignoring case and accents:
   * SQLite's FTS5 trigram index, PostgreSQL's trigram indexes over unaccented text. Under three
   * characters (too short for a trigram), a plain scan with the same meaning.
   */
  recommendationText(alias: string, q: string): { sql: string; params: unknown[] };
}

/** Escapes LIKE wildcards (backslash is the escape character on both engines). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SQLITE: SqlDialect = {
  inList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  list: (values) => JSON.stringify(values),
  recommendationText: (alias, q) =>
    [...q].length >= 3
      ? { sql: `${alias}.id IN (SELECT rowid FROM recommendation_fts WHERE recommendation_fts MATCH ?)`, params: [ftsPhrase(q)] }
      : // SQLite's LIKE ignores ASCII case.
        {
          sql: `(${alias}.title LIKE ? ESCAPE '\\' OR ${alias}.text LIKE ? ESCAPE '\\')`,
          params: [likePattern(q), likePattern(q)],
        },
};

const POSTGRES: SqlDialect = {
  inList: (column) => `${column} = ANY(?)`,
  list: (values) => [...values],
  // f_unaccent and the two expression indexes: migrations/postgres (RecommendationSearch).
  recommendationText: (alias, q) => ({
    sql: `(f_unaccent(${alias}.title) ILIKE f_unaccent(?) OR f_unaccent(${alias}.text) ILIKE f_unaccent(?))`,
    params: [likePattern(q), likePattern(q)],
  }),
};

/** The dialect of a data source (or of the data source under an EntityManager). */
export function sqlDialect(db: DataSource | EntityManager): SqlDialect {
  const type = db instanceof EntityManager ? db.dataSource.options.type : db.options.type;
  return type === 'postgres' ? POSTGRES : SQLITE;
}
