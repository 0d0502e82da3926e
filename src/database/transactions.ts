/**
 * The one transaction mechanism. Every write — the API's commands (Writes.run), the import and the
 * seed (through Writes.run), key creation and revocation, the deadline clock sync, the notification
 * scan, dispatch claims and subscription changes — begins its unit of work here, in the service
 * method (or handler) where the request's work starts, and hands the EntityManager down to
 * repositories (the notifications' raw statements, database/raw-statements.ts, find the caller's
 * transaction themselves through `currentTransaction`).
 * Nothing else opens a transaction (lint: no `.transaction(` outside src/database/).
 *
 * Why one: TypeORM's better-sqlite3 driver runs every query of the process on one connection and
 * one query runner, so a second top-level transaction started while another is open would not wait,
 * it would become a SAVEPOINT inside the first, and one request's rollback would decide another's
 * writes. So top-level transactions queue, one at a time, in a single writer queue per DataSource
 * (sqlite/writer-queue.ts, the SQLite adapter).
 * A transaction started from inside another (same async context) runs at once, as a savepoint, so
 * nested calls cannot deadlock.
 *
 * On a SQLite file, a transaction made of statements built beforehand (SqlStatement: the notification
 * scan's hundreds of thousands of rows) can run off the event loop instead, in the write worker
 * (sqlite/write-worker.ts) on a connection of its own, in turn with the others (runOffThread).
 */
import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { takeWriterLock } from './postgres/advisory-locks';
import type { SqlStatement } from './raw-statements';
import { sqliteConnection } from './sqlite/connection';
import { runQueriesPrepared } from './sqlite/prepared-queries';
import { WriteWorker } from './sqlite/write-worker';
import { takeWriteLock, writerQueue } from './sqlite/writer-queue';

/** The transaction the caller runs in, on PostgreSQL (where each transaction has its own connection). */
const open = new AsyncLocalStorage<EntityManager>();

/**
 * The transaction the caller runs in on this PostgreSQL data source, if any (on SQLite there is one
 * connection, so a statement on it is always in the open transaction).
 */
export function currentTransaction(dataSource: DataSource): EntityManager | undefined {
  const em = open.getStore();
  const runner = em?.queryRunner;
  return em?.dataSource === dataSource && runner && !runner.isReleased && runner.isTransactionActive ? em : undefined;
}

/** Runs `fn` in a transaction of `dataSource`, queued behind the others (see the file header). */
export function inTransaction<T>(dataSource: DataSource, fn: (em: EntityManager) => Promise<T>): Promise<T> {
  // The only place that opens a TypeORM transaction.
  if (dataSource.options.type !== 'postgres') {
    return writerQueue(dataSource).enqueue(() =>
      dataSource.manager.transaction(async (em) => {
        // Its statements prepared, run at once on the connection (sqlite/prepared-queries.ts).
        const db = sqliteConnection(dataSource);
        if (db) runQueriesPrepared(em, db);
        // Another process may write to the same file: hold the write lock from the start (see takeWriteLock).
        await takeWriteLock(dataSource, em);
        return fn(em);
      }),
    );
  }
  // PostgreSQL: a pool, so a nested call must stay on its outer transaction's connection (as a
  // savepoint) rather than wait for a second one; a top-level one takes the writer lock first, which
  // orders writers across instances as SQLite's single writer does (ids commit in order, derived
  // columns are computed from the latest state).
  const outer = currentTransaction(dataSource);
  if (outer) {
    return outer.transaction((em) => open.run(em, () => fn(em)));
  }
  return writerQueue(dataSource).enqueue(() =>
    dataSource.manager.transaction(async (em) => {
      await takeWriterLock(em);
      return open.run(em, () => fn(em));
    }),
  );
}

@Injectable()
export class Transactions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writeWorker?: WriteWorker,
  ) {}

  /** Runs `fn` in one transaction; any error rolls everything back. */
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, fn);
  }

  /** Whether runOffThread can run: a SQLite file, and its write worker not failed. */
  get offThread(): boolean {
    return this.writeWorker?.available ?? false;
  }

  /**
   * Runs `statements` in one transaction off the event loop (the write worker's connection), queued
   * behind the transactions before it; each statement's count of changed rows. Any error rolls
   * everything back. Only where `offThread` says so, and never inside another transaction.
   */
  runOffThread(statements: SqlStatement[]): Promise<number[]> {
    if (!this.writeWorker) return Promise.reject(new Error('no SQLite write worker is available'));
    return this.writeWorker.run(statements);
  }
}
