/**
 * PostgreSQL's data version, for caches that must notice any change: table_version's rows, which
 * triggers bump in the writing transaction when a statement changed rows (table-versions.sql.ts), so
 * they move exactly when a write commits, in this instance or any other. The row '*' moves on any
 * write: one indexed read per check; every row is read only when it moved.
 */
import type { DataSource } from 'typeorm';
import { DataVersion, tableVersionsOf } from '../data-version';
import { POSTGRES_ANY_TABLE, SELECT_TABLE_VERSIONS } from '../table-versions.sql';

export function postgresDataVersion(dataSource: DataSource): DataVersion {
  return {
    // Each read runs on a pooled connection outside any transaction: it sees committed data only.
    inTransaction: false,
    sharedByInstances: true,
    async current() {
      const rows: Array<{ n: string }> = await dataSource.query(`SELECT n FROM table_version WHERE name = $1`, [
        POSTGRES_ANY_TABLE,
      ]);
      return String(rows[0]?.n ?? '');
    },
    async tables() {
      const rows: Array<{ name: string; n: string }> = await dataSource.query(SELECT_TABLE_VERSIONS);
      return tableVersionsOf(rows.map((r) => [r.name, r.n]));
    },
  };
}
