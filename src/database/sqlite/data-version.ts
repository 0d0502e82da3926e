/**
 * SQLite's data version, for caches that must notice any change: total_changes() counts every
 * INSERT/UPDATE/DELETE on the app's one connection and PRAGMA data_version moves on commits by any
 * other connection (e.g. the CLI). Read through the driver's connection, outside TypeORM, so that a
 * cache check costs one prepared statement and no query queue.
 */
import type { DataSource } from 'typeorm';
import type { DataVersion } from '../data-version';
import { sqliteConnection } from './connection';

interface SqliteConnection {
  inTransaction: boolean;
  prepare(sql: string): { raw(): { get(): unknown[] } };
}

/**
 * The data version of a better-sqlite3 data source (`<total changes>:<data version>`: different
 * after any write, by this connection or another); null with another driver.
 */
export function sqliteDataVersion(dataSource: DataSource): DataVersion | null {
  const connection = sqliteConnection(dataSource) as SqliteConnection | null;
  if (!connection) return null;
  const statement = connection.prepare('SELECT total_changes(), data_version FROM pragma_data_version').raw();
  return {
    sharedByInstances: false,
    get inTransaction() {
      return connection.inTransaction;
    },
    current() {
      const [changes, dataVersion] = statement.get();
      return `${String(changes)}:${String(dataVersion)}`;
    },
  };
}
