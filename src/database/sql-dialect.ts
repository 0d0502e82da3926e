/**
 * The few fragments of the repositories' raw SQL that SQLite and PostgreSQL write differently
 * (everything else is written once, in the portable subset; postgres/raw-queries.ts runs it).
 * Each fragment takes its values through `?` placeholders, in the order given.
 */
import { type DataSource, EntityManager } from 'typeorm';
import type { SearchQuery } from './search-plan';
import type { SearchDocument } from './search-words';
import * as pgSearch from './postgres/search';
import * as sqliteSearch from './sqlite/search';

export interface SqlDialect {
  /** `column` is one of `values`: one parameter, bind `list(values)`. */
  inList(column: string): string;
  list(values: readonly (number | string)[]): unknown;
  /** After a sub-select's LIMIT: skip the rows another transaction holds (a claim), where the engine has row locks. */
  skipLocked: string;
  /** The same for the rows of one table (its alias) of a join. */
  skipLockedOf(alias: string): string;
  /**
   * Planner hints, SQLite only: a prefix that keeps a column off its indexes (`+col`), and a join that
   * keeps the written order of its tables (CROSS JOIN). PostgreSQL has neither; it plans on its own.
   */
  noIndex: string;
  joinInOrder: string;
  /** A reader's text as the search's SQL (search-plan.ts, search-words.ts); undefined without a letter or digit. */
  searchQuery(dataSource: DataSource, q: string): SearchQuery | undefined;
  /** Replaces the search documents of these recommendations. */
  writeSearchDocuments(em: EntityManager, docs: SearchDocument[]): Promise<void>;
  /** Removes the search documents of deleted recommendations. */
  deleteSearchDocuments(em: EntityManager, ids: number[]): Promise<void>;
}

/** Escapes LIKE wildcards (backslash is the escape character on both engines). */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const SQLITE: SqlDialect = {
  inList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  list: (values) => JSON.stringify(values),
  // One writer at a time: nothing to skip.
  skipLocked: '',
  skipLockedOf: () => '',
  noIndex: '+',
  joinInOrder: 'CROSS JOIN',
  searchQuery: sqliteSearch.searchQuery,
  writeSearchDocuments: sqliteSearch.writeSearchDocuments,
  deleteSearchDocuments: sqliteSearch.deleteSearchDocuments,
};

const POSTGRES: SqlDialect = {
  inList: (column) => `${column} = ANY(?)`,
  list: (values) => [...values],
  skipLocked: 'FOR UPDATE SKIP LOCKED',
  skipLockedOf: (alias) => `FOR UPDATE OF ${alias} SKIP LOCKED`,
  noIndex: '',
  joinInOrder: 'JOIN',
  searchQuery: pgSearch.searchQuery,
  writeSearchDocuments: pgSearch.writeSearchDocuments,
  deleteSearchDocuments: pgSearch.deleteSearchDocuments,
};

/** The dialect of a data source (or of the data source under an EntityManager). */
export function sqlDialect(db: DataSource | EntityManager): SqlDialect {
  const type = db instanceof EntityManager ? db.dataSource.options.type : db.options.type;
  return type === 'postgres' ? POSTGRES : SQLITE;
}
