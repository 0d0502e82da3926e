/**
 * The one transaction mechanism. Every write — the API's commands (Writes.run), the import and the
 * seed (through Writes.run), key creation and revocation, the deadline clock sync, the notification
 * scan, dispatch claims and subscription changes — begins its unit of work here, in the service
 * method (or handler) where the request's work starts, and hands the EntityManager (or, for the
 * synchronous notification statements, nothing: they run on the connection) down to repositories.
 * Nothing else opens a transaction (lint: no `.transaction(` outside src/database/).
 *
 * Why one: TypeORM's better-sqlite3 driver runs every query of the process on one connection and
 * one query runner, so a second top-level transaction started while another is open would not wait,
 * it would become a SAVEPOINT inside the first, and one request's rollback would decide another's
 * writes. So top-level transactions queue, one at a time, in a single writer queue per DataSource.
 * A transaction started from inside another (same async context) runs at once, as a savepoint, so
 * nested calls cannot deadlock.
 *
 * - `run(fn)`: an async TypeORM transaction; `fn` gets the transaction's EntityManager.
 * - `runSync(fn)`: a synchronous transaction (BEGIN IMMEDIATE, so another process's writer makes it
 *   wait on the busy timeout instead of failing) on the raw connection, for repositories that use
 *   prepared statements directly. Nothing can interleave with a synchronous function.
 */
import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { sqliteConnection } from './data-version';

/**
 * Top-level transactions of one DataSource, one at a time. "Nested" means: called from the async
 * context of the transaction that holds the queue right now (a callback scheduled from inside a
 * transaction that has since finished, e.g. a timer, queues like any other).
 */
class WriterQueue {
  private readonly context = new AsyncLocalStorage<object>();
  private holder: object | null = null;
  private tail: Promise<unknown> = Promise.resolve();

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
        }
      }),
    );
    this.tail = run.catch(() => undefined);
    return run;
  }
}

const queues = new WeakMap<DataSource, WriterQueue>();

function writerQueue(dataSource: DataSource): WriterQueue {
  let queue = queues.get(dataSource);
  if (!queue) {
    queue = new WriterQueue();
    queues.set(dataSource, queue);
  }
  return queue;
}

/** Runs `fn` in a transaction of `dataSource`, queued behind the others (see the file header). */
export function inTransaction<T>(dataSource: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  // The only place that opens a TypeORM transaction.
  return writerQueue(dataSource).enqueue(() => dataSource.manager.transaction(fn));
}

/** Runs the synchronous `fn` as one IMMEDIATE transaction on the connection, queued behind the others. */
export function inSyncTransaction<T>(dataSource: DataSource, fn: () => T): Promise<T> {
  const queue = writerQueue(dataSource);
  const nested = queue.active;
  return queue.enqueue(() => {
    const db = sqliteConnection(dataSource);
    if (!db) throw new Error('synchronous transactions need the better-sqlite3 connection to be open');
    if (db.inTransaction && !nested) {
      throw new Error('a transaction was opened on the connection outside the transaction mechanism');
    }
    return db.transaction(fn).immediate();
  });
}

@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `fn` in one transaction; any error rolls everything back. */
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, fn);
  }

  /** Runs the synchronous `fn` as one IMMEDIATE transaction on the connection. */
  runSync<T>(fn: () => T): Promise<T> {
    return inSyncTransaction(this.dataSource, fn);
  }
}
