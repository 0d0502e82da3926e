/**
 * The raw better-sqlite3 connection under TypeORM's driver: the one place that reaches into the
 * driver's internals. The writer queue, the data version probe and the notification statements use it.
 * And the pragmas every connection the app opens to the file is set up with.
 */
import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';

/** The raw better-sqlite3 connection of a data source, or null (another driver, or not open). */
export function sqliteConnection(dataSource: DataSource): Database | null {
  if (dataSource.options.type !== 'better-sqlite3') return null;
  return (dataSource.driver as unknown as { databaseConnection?: Database }).databaseConnection ?? null;
}

/**
 * Set on every connection the app opens to the file (TypeORM's, data-source-options.ts, and its
 * worker threads', sqlite-thread.ts). Memory outside the JS heap, which the heap cap does not bound
 * (README "Performance", peak RSS): an 8 MB page cache (the OS caches the file too; 32 MB added ~25 MB of
 * RSS at 100k items with no measurable gain). Temporary tables and sorts stay in memory: in files
 * they made the notification scan 1.4-1.8x slower (notifications-scale e2e); what they hold is
 * bounded by not sorting or IN-listing whole tables on the request path.
 */
export const SQLITE_CONNECTION_PRAGMAS = [
  'busy_timeout = 5000',
  'synchronous = NORMAL',
  'cache_size = -8000',
  'temp_store = MEMORY',
];
