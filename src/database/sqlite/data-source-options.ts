/**
 * One place that says how the tracker talks to its database. The app, the CLI and the tests
 * build their DataSource from here, so WAL, foreign keys and the migration list never diverge.
 */
import type { DataSourceOptions } from 'typeorm';
import { SQLITE_MIGRATIONS } from '../../../migrations/sqlite';
import { ENTITIES } from '../entities';
import { NestTypeOrmLogger } from '../typeorm-logger';

/**
 * Set on every connection the app opens to the file (TypeORM's, and the write worker's:
 * write-worker.ts). Memory outside the JS heap, which the heap cap does not bound (README
 * "Performance", peak RSS): an 8 MB page cache (the OS caches the file too; 32 MB added ~25 MB of RSS
 * at 100k items with no measurable gain). Temporary tables and sorts stay in memory: in files they
 * made the notification scan 1.4-1.8x slower (notifications-scale e2e); what they hold is bounded by
 * not sorting or IN-listing whole tables on the request path.
 */
export const SQLITE_CONNECTION_PRAGMAS = [
  'busy_timeout = 5000',
  'synchronous = NORMAL',
  'cache_size = -8000',
  'temp_store = MEMORY',
];

export function sqliteOptions(databasePath: string, opts: { migrationsRun?: boolean } = {}): DataSourceOptions {
  return {
    type: 'better-sqlite3',
    database: databasePath,
    entities: ENTITIES,
    migrations: SQLITE_MIGRATIONS,
    migrationsRun: opts.migrationsRun ?? true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: true,
    timeout: 5000,
    statementCacheSize: 200,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      for (const pragma of SQLITE_CONNECTION_PRAGMAS) db.pragma(pragma);
    },
    logger: new NestTypeOrmLogger(),
  } as DataSourceOptions;
}
