/**
 * The database a test runs on, chosen here and nowhere else. Today it is SQLite: a template file
 * migrated once per test run (`prepareTemplate`, from the medium tier's globalSetup) and copied into
 * a fresh temp folder for each test file (`createTestDatabase`), which is faster than migrating each
 * time. Without a template (a config that has no globalSetup) the app migrates the empty file as it
 * opens, as it does in production.
 *
 * Under `npm run test:postgres` (DATABASE_URL names a PostgreSQL server), each test file gets a fresh
 * database of that server instead, copied from the template database test/postgres/run.sh migrated
 * (TRACKER_TEST_TEMPLATE), and dropped at the end; the temp folder still holds the data folder's files
 * (the .eml outbox, the cursor secret). Nothing else in the tests knows which engine runs.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createThrowawayDatabase } from '../../src/database/postgres/throwaway-database';
import { sqliteOptions } from '../../src/database/sqlite/data-source-options';

/** Where the globalSetup left the migrated template (inherited by the Jest workers). */
export const TEMPLATE_VARIABLE = 'TRACKER_TEST_TEMPLATE_DB';

export interface TestDatabase {
  /** The environment variables that point the app at this database. */
  env: Record<string, string>;
  /** A temp folder of this test file's own (the database, the .eml outbox beside it). */
  dir: string;
  /** Deletes the database and the folder. */
  drop(): Promise<void>;
}

/** Builds the migrated template once and returns what to put in the environment (and remove after). */
export async function prepareTemplate(): Promise<{ env: Record<string, string>; dispose(): void }> {
  // On PostgreSQL the runner (test/postgres/run.sh) has migrated the template database already.
  if (process.env.DATABASE_URL) return { env: {}, dispose: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'tracker-template-'));
  const file = join(dir, 'template.sqlite');
  const dataSource = new DataSource(sqliteOptions(file, { migrationsRun: true }));
  await dataSource.initialize();
  // Closing checkpoints the WAL into the file, so copying the one file copies the whole database.
  await dataSource.destroy();
  return { env: { [TEMPLATE_VARIABLE]: file }, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh database for one test file: a copy of the template when there is one, else an empty file.
 * `shareServerDatabase`: the caller names its own PostgreSQL database (several instances on one).
 */
export async function createTestDatabase(prefix = 'tracker-test-', { shareServerDatabase = false } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const databasePath = join(dir, 'tracker.sqlite');
  const server = process.env.DATABASE_URL;
  if (server && !shareServerDatabase) {
    const database = await createThrowawayDatabase(server, 'tracker_test', process.env.TRACKER_TEST_TEMPLATE);
    return {
      env: { DATABASE_PATH: databasePath, DATABASE_URL: database.url, MAIL_OUTBOX_DIR: join(dir, 'outbox') },
      dir,
      drop: async () => {
        await database.drop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const template = process.env[TEMPLATE_VARIABLE];
  if (template && existsSync(template)) copyFileSync(template, databasePath);
  return {
    // PostgreSQL (a database named by the caller) needs the file driver's folder set (mail-transport.provider.ts).
    env: server ? { DATABASE_PATH: databasePath, MAIL_OUTBOX_DIR: join(dir, 'outbox') } : { DATABASE_PATH: databasePath },
    dir,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
