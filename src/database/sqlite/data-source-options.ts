/**
 * One place that says how the tracker talks to its database. The app, the CLI and the tests
 * build their DataSource from here, so WAL, foreign keys and the migration list never diverge.
 */
import type { DataSourceOptions } from 'typeorm';
import { SQLITE_MIGRATIONS } from '../../../migrations/sqlite';
import { ENTITIES } from '../entities';
import { NestTypeOrmLogger } from '../typeorm-logger';

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
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
      // Memory outside the JS heap, which the heap cap does not bound (README "Performance", peak RSS):
      // an 8 MB page cache (the OS caches the file too; 32 MB added ~25 MB of RSS at 100k items with no
      // measurable gain), and temporary tables and sorts in files rather than in memory, so a sort or
      // IN-list over a whole table at 1M items spills to the OS cache instead of growing the process.
      db.pragma('cache_size = -8000');
      db.pragma('temp_store = FILE');
    },
    logger: new NestTypeOrmLogger(),
  } as DataSourceOptions;
}
