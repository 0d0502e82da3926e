/**
 * Applies the pending migrations of a data source, once even when several instances start
 * together on one PostgreSQL database (they queue on an advisory lock; the later ones find nothing
 * pending). SQLite has one writer anyway.
 */
import type { DataSource, Migration } from 'typeorm';
import { ADVISORY_LOCK, withSessionLock } from './postgres/advisory-locks';

export function migrate(dataSource: DataSource): Promise<Migration[]> {
  const run = () => dataSource.runMigrations({ transaction: 'each' });
  return dataSource.options.type === 'postgres' ? withSessionLock(dataSource, ADVISORY_LOCK.MIGRATIONS, run) : run();
}
