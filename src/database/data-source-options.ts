/**
 * The one switch for the database engine: PostgreSQL when DATABASE_URL is set, else the SQLite file
 * at DATABASE_PATH. The app, the CLI and the tests build their DataSource from here.
 */
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Environment } from '../config/environment';
import { migrate } from './migrate';
import { adaptColumnDefaults } from './postgres/column-defaults';
import { postgresOptions } from './postgres/data-source-options';
import { adaptRawQueries } from './postgres/raw-queries';
import { sqliteOptions } from './sqlite/data-source-options';
import { gateReadsBehindWrites } from './sqlite/writer-queue';

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(env: Pick<Environment, 'DATABASE_URL'>): Dialect {
  return env.DATABASE_URL ? 'postgres' : 'sqlite';
}

type DatabaseSettings = Pick<Environment, 'DATABASE_URL' | 'DATABASE_PATH' | 'DATABASE_POOL_SIZE' | 'DB_SKIP_MIGRATIONS'>;

/**
 * The options for the configured database. `migrationsRun` says whether openDataSource migrates
 * (no with DB_SKIP_MIGRATIONS=true: deployments that migrate as a release step, `npm run migration:run`).
 */
export function dataSourceOptions(env: DatabaseSettings): DataSourceOptions {
  const migrationsRun = env.DB_SKIP_MIGRATIONS !== 'true';
  return env.DATABASE_URL
    ? { ...postgresOptions(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE }), migrationsRun }
    : sqliteOptions(env.DATABASE_PATH, { migrationsRun });
}

/**
 * Opens a data source and, when its options say so, applies the pending migrations through
 * migrate() (under a lock on PostgreSQL, so several instances starting together apply them once).
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource({ ...options, migrationsRun: false });
  if (options.type === 'postgres') adaptRawQueries(dataSource);
  else gateReadsBehindWrites(dataSource);
  await dataSource.initialize();
  if (options.type === 'postgres') adaptColumnDefaults(dataSource);
  try {
    if (options.migrationsRun) await migrate(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
