/**
 * The raw better-sqlite3 connection under TypeORM's driver: the one place that reaches into the
 * driver's internals. The writer queue, the data version probe and the notification statements use it.
 */
import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';

/** The raw better-sqlite3 connection of a data source, or null (another driver, or not open). */
export function sqliteConnection(dataSource: DataSource): Database | null {
  if (dataSource.options.type !== 'better-sqlite3') return null;
  return (dataSource.driver as unknown as { databaseConnection?: Database }).databaseConnection ?? null;
}
