/**
 * SQLite's data version, for caches that must notice any change: total_changes() counts every
 * INSERT/UPDATE/DELETE on the app's one connection and PRAGMA data_version moves on commits by any
 * other connection (e.g. the CLI). Read through the driver's connection, outside TypeORM, so that a
 * cache check costs one prepared statement and no query queue.
 */
import type { DataSource } from 'typeorm';
import { sqliteConnection } from './connection';

interface SqliteConnection {
  inTransaction: boolean;
  prepare(sql: string): { raw(): { get(): unknown[] } };
}

export interface DataVersion {
  /** Whether a transaction is open on the app's connection right now. */
  readonly inTransaction: boolean;
  /** `<total changes>:<data version>`: different after any write, by this connection or another. */
  current(): string;
}

/** The data version of a better-sqlite3 data source; null with another driver (nothing can be cached then). */
export function sqliteDataVersion(dataSource: DataSource): DataVersion | null {
  const connection = sqliteConnection(dataSource) as SqliteConnection | null;
  if (!connection) return null;
  const statement = connection.prepare('SELECT total_changes(), data_version FROM pragma_data_version').raw();
  return {
    get inTransaction() {
      return connection.inTransaction;
    },
    current() {
      const [changes, dataVersion] = statement.get();
      return `${String(changes)}:${String(dataVersion)}`;
    },
  };
}
