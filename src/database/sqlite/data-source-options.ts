/**
 * One place that says how the tracker talks to its database. The app, the CLI and the tests
 * build their DataSource from here, so WAL, foreign keys and the migration list never diverge.
 */
import type { DataSourceOptions } from 'typeorm';
import { SQLITE_MIGRATIONS } from '../../../migrations/sqlite';
import { ENTITIES } from '../entities';
import { SQLITE_CONNECTION_PRAGMAS } from './connection';
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
      for (const pragma of SQLITE_CONNECTION_PRAGMAS) db.pragma(pragma);
    },
    logger: new NestTypeOrmLogger(),
  } as DataSourceOptions;
}
