/**
 * SQLite's data version, for caches that must notice any change: total_changes() counts every
 * INSERT/UPDATE/DELETE on the app's one connection and PRAGMA data_version moves on commits by any
 * other connection (e.g. the CLI). Read through the driver's connection, outside TypeORM, so that a
 * cache check costs one prepared statement and no query queue. The per-table versions are the rows
 * of table_version (table-versions.sql.ts), read only when that moved.
 */
import type { DataSource } from 'typeorm';
import { DataVersion, tableVersionsOf } from '../data-version';
import { SELECT_TABLE_VERSIONS } from '../table-versions.sql';
import { sqliteConnection } from './connection';

interface SqliteConnection {
  inTransaction: boolean;
  prepare(sql: string): { raw(): { get(): unknown[]; all(): unknown[][] } };
}

/**
 * The data version of a better-sqlite3 data source (`<total changes>:<data version>`: different
 * after any write, by this connection or another); null with another driver.
 */
export function sqliteDataVersion(dataSource: DataSource): DataVersion | null {
  const connection = sqliteConnection(dataSource) as SqliteConnection | null;
  if (!connection) return null;
  // Two prepared statements, not one over the pragma_data_version table-valued function, which
  // prepares a PRAGMA statement of its own at every step (a third dearer, and read on every request).
  const changes = connection.prepare('SELECT total_changes()').raw();
  const version = connection.prepare('PRAGMA data_version').raw();
  let tables: ReturnType<SqliteConnection['prepare']> | null = null;
  return {
    sharedByInstances: false,
    get inTransaction() {
      return connection.inTransaction;
    },
    current() {
      return `${String(changes.get()[0])}:${String(version.get()[0])}`;
    },
    tables() {
      // Prepared on first use: the table exists once the migrations ran, after this was made.
      tables ??= connection.prepare(SELECT_TABLE_VERSIONS);
      return tableVersionsOf(tables.raw().all() as Array<[unknown, unknown]>);
    },
  };
}
