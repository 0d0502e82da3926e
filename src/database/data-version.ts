/**
 * The database's data version, for caches that must notice a change, by this process or another
 * (common/cache/read-cache.ts): SQLite's (sqlite/data-version.ts) or PostgreSQL's
 * (postgres/data-version.ts). Two readings: `current()`, which moves after any write (cheap, checked
 * on every request), and `tables()`, the version of each table (table-versions.sql.ts), read when
 * `current()` moved to tell which answers the write can have changed.
 */
import type { DataSource } from 'typeorm';
import { postgresDataVersion } from './postgres/data-version';
import { sqliteDataVersion } from './sqlite/data-version';
import type { VersionedTable } from './table-versions.sql';

/** The version of each table, by name (counters as text). */
export type TableVersions = ReadonlyMap<string, string>;

export interface DataVersion {
  /** Whether a transaction is open on the app's connection right now (its reads could see its own writes). */
  readonly inTransaction: boolean;
  /**
   * Whether every instance of the app reads the same version for the same data, across restarts
   * (PostgreSQL's row); SQLite's counts this process's changes from zero.
   */
  readonly sharedByInstances: boolean;
  /** Different after any committed write (SQLite: also after an uncommitted one of this connection). */
  current(): string | Promise<string>;
  /** The version of every table; a table's moves exactly when a write to it commits. */
  tables(): TableVersions | Promise<TableVersions>;
}

export type { VersionedTable };

/** The data version of a data source; null when the engine has none (nothing can be cached then). */
export function dataVersion(dataSource: DataSource): DataVersion | null {
  if (dataSource.options.type === 'postgres') return postgresDataVersion(dataSource);
  return sqliteDataVersion(dataSource);
}

/** Rows of table_version as a map. */
export function tableVersionsOf(rows: Array<[unknown, unknown]>): TableVersions {
  return new Map(rows.map(([name, n]) => [String(name), String(n)]));
}
