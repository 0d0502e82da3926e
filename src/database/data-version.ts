/**
 * The database's data version, for caches that must notice any change, by this process or another
 * (common/cache/read-cache.ts): SQLite's (sqlite/data-version.ts) or PostgreSQL's
 * (postgres/data-version.ts).
 */
import type { DataSource } from 'typeorm';
import { postgresDataVersion } from './postgres/data-version';
import { sqliteDataVersion } from './sqlite/data-version';

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
}

/** The data version of a data source; null when the engine has none (nothing can be cached then). */
export function dataVersion(dataSource: DataSource): DataVersion | null {
  if (dataSource.options.type === 'postgres') return postgresDataVersion(dataSource);
  return sqliteDataVersion(dataSource);
}
