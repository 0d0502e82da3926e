/**
 * PostgreSQL's data version, for caches that must notice any change: the one row that a trigger on
 * every table bumps in the writing transaction (migrations/postgres, DataVersion), so it moves
 * exactly when a write commits, in this instance or any other. One indexed read per check.
 */
import type { DataSource } from 'typeorm';
import type { DataVersion } from '../data-version';

export function postgresDataVersion(dataSource: DataSource): DataVersion {
  return {
    // Each read runs on a pooled connection outside any transaction: it sees committed data only.
    inTransaction: false,
    sharedByInstances: true,
    async current() {
      const rows: Array<{ n: number }> = await dataSource.query('SELECT n FROM data_version WHERE id = 1');
      return String(rows[0]?.n ?? '');
    },
  };
}
