/**
 * One transaction at a time per DataSource. TypeORM's better-sqlite3 driver runs every query of
 * the process on one connection and one query runner: a second `dataSource.transaction()` started
 * while another is open does not wait, it becomes a SAVEPOINT inside the first, so one request's
 * commit or rollback would decide the fate of another's writes. Queueing top-level transactions
 * restores the isolation every write path assumes (check the version, then update; validate, then
 * insert). A transaction started from inside another (same async context) runs at once as a
 * savepoint, as before, so nested calls cannot deadlock.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

const SERIALIZED = Symbol('reform-tracker:serialized-transactions');

export function serializeTransactions<T extends DataSource>(dataSource: T): T {
  const manager = dataSource.manager as EntityManager & { [SERIALIZED]?: true };
  if (manager[SERIALIZED]) return dataSource;
  const inside = new AsyncLocalStorage<true>();
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  manager.transaction = ((...args: unknown[]) => {
    if (inside.getStore()) return original(...args);
    const run = tail.then(() => inside.run(true, () => original(...args)));
    tail = run.catch(() => undefined);
    return run;
  }) as EntityManager['transaction'];
  manager[SERIALIZED] = true;
  return dataSource;
}
