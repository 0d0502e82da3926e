/**
 * PostgreSQL advisory locks: how several instances on one database take turns. The keys are fixed
 * numbers of this application (any other user of the database must not reuse them).
 * - MIGRATIONS: a session lock held around the migration run at start (every instance comes up,
 *   the schema is applied once).
 * - WRITER: a transaction lock taken first in every write transaction (database/transactions.ts):
 *   SQLite's single writer, cluster-wide. Readers never take it.
 * - SCAN: a session lock tried around a notification scan: one instance scans at a time, the others
 *   skip their turn (the scan is periodic, and dedupe keys would make a second one add nothing).
 */
import type { DataSource, EntityManager } from 'typeorm';

export const ADVISORY_LOCK = { MIGRATIONS: 7_201_001, WRITER: 7_201_002, SCAN: 7_201_003 } as const;

/**
 * Runs `fn` while this process holds the session lock `key` on a connection of its own: waiting for
 * it (`wait`), or not at all when another session holds it (then answers undefined at once).
 */
async function underSessionLock<T>(
  dataSource: DataSource,
  key: number,
  wait: boolean,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  const runner = dataSource.createQueryRunner();
  try {
    const [{ locked }] = (await runner.query(
      wait ? 'SELECT pg_advisory_lock($1), true AS "locked"' : 'SELECT pg_try_advisory_lock($1) AS "locked"',
      [key],
    )) as Array<{ locked: boolean }>;
    if (!locked) return undefined;
    try {
      return await fn();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}

/** Runs `fn` while this process holds the session lock `key` (waiting for it) on a connection of its own. */
export async function withSessionLock<T>(dataSource: DataSource, key: number, fn: () => Promise<T>): Promise<T> {
  return (await underSessionLock(dataSource, key, true, fn)) as T;
}

/** Waits for the writer lock, held until the transaction of `em` ends. */
export async function takeWriterLock(em: EntityManager): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK.WRITER]);
}

/**
 * Runs `fn` unless another session holds the lock `key` (then answers undefined at once). On SQLite
 * it just runs `fn`: the instances of one SQLite file share its single writer already.
 */
export async function onlyOneInstance<T>(dataSource: DataSource, key: number, fn: () => Promise<T>): Promise<T | undefined> {
  if (dataSource.options.type !== 'postgres') return fn();
  return underSessionLock(dataSource, key, false, fn);
}
