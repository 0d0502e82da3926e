/**
 * SQLite's single writer, in process. TypeORM's better-sqlite3 driver runs every query of the
 * process on one connection and one query runner: a second top-level transaction started while
 * another is open would not wait, it would become a SAVEPOINT inside the first. So the transactions
 * of one DataSource queue here, one at a time. Only database/transactions.ts (the one transaction
 * mechanism) and the write worker (write-worker.ts, its transactions on another connection take
 * their turn here too) use this file. It also parks reads while a transaction of this connection
 * runs (gateReadsBehindWrites, installed as the data source opens).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Top-level transactions of one DataSource, one at a time. "Nested" means: called from the async
 * context of the transaction that holds the queue right now (a callback scheduled from inside a
 * transaction that has since finished, e.g. a timer, queues like any other).
 */
export class WriterQueue {
  private readonly context = new AsyncLocalStorage<object>();
  private holder: object | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  /** Resolves the reads parked while the current transaction runs (see gateReadsBehindWrites). */
  private release: (() => void) | null = null;
  private released: Promise<void> | null = null;

  /**
   * Resolves once no transaction holds the queue (at once when none does). A read outside the
   * transaction waits here, so the transaction's queries do not take turns with it.
   */
  idle(): Promise<void> {
    if (this.holder === null) return Promise.resolve();
    if (!this.released) this.released = new Promise<void>((resolve) => (this.release = resolve));
    return this.released;
  }

  /** Whether the caller is inside the transaction that holds the queue. */
  get active(): boolean {
    const token = this.context.getStore();
    return token !== undefined && token === this.holder;
  }

  /** Runs `fn` once every transaction queued before it has finished (at once when nested). */
  enqueue<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.active) return Promise.resolve().then(fn);
    const token = {};
    const run = this.tail.then(() =>
      this.context.run(token, async () => {
        this.holder = token;
        try {
          return await fn();
        } finally {
          this.holder = null;
          const release = this.release;
          this.release = this.released = null;
          release?.();
        }
      }),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `fn`, a transaction on another connection to the same file (the write worker's,
   * write-worker.ts), once every transaction queued before it has finished; those queued after it
   * wait for it here, with the event loop free, rather than for its lock on SQLite's busy timeout,
   * which sleeps on the event loop. Reads on this connection do not wait for it (WAL: a writer on
   * another connection does not block them). Never from inside a transaction of this queue, which
   * it would wait for.
   */
  enqueueElsewhere<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active) return Promise.reject(new Error('a transaction on another connection cannot wait inside one of this one'));
    const run = this.tail.then(fn);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

const queues = new WeakMap<DataSource, WriterQueue>();

/** The writer queue of a data source (one per DataSource, however many services ask). */
export function writerQueue(dataSource: DataSource): WriterQueue {
  let queue = queues.get(dataSource);
  if (!queue) {
    queue = new WriterQueue();
    queues.set(dataSource, queue);
  }
  return queue;
}

/**
 * Gives writes priority over reads: a read (`dataSource.query` outside a transaction) that starts
 * while a transaction holds the queue waits until it ends. Without this, the ~10 awaits of a write
 * transaction each took turns with every queued read: under 50 uncached readers a status change's
 * transaction took up to 1.8 s and a write 8 s end to end (test/bench/scenarios/writes.js). Reads
 * inside the transaction (its own async context) and through its EntityManager run at once.
 */
export function gateReadsBehindWrites(dataSource: DataSource): void {
  const queue = writerQueue(dataSource);
  const query = dataSource.query.bind(dataSource);
  dataSource.query = async <T = unknown>(...args: Parameters<DataSource['query']>): Promise<T> => {
    if (!queue.active) await queue.idle();
    return query(...args) as Promise<T>;
  };
}

/**
 * Takes the database's write lock at the start of a TypeORM transaction, as BEGIN IMMEDIATE would
 * (TypeORM only issues a deferred BEGIN). A deferred transaction that has read, and then finds that
 * another process wrote meanwhile, fails at once with SQLITE_BUSY ("database is locked"): waiting
 * cannot help it, so the busy timeout is not used. A write that changes nothing, first, takes the lock
 * while no snapshot is held, waiting on the busy timeout like any other writer. (tracker_meta is in
 * every tracker database from the first migration on.)
 */
export async function takeWriteLock(dataSource: DataSource, em: EntityManager): Promise<void> {
  if (dataSource.options.type !== 'better-sqlite3') return;
  await em.query(`UPDATE tracker_meta SET value = value WHERE 0`);
}
