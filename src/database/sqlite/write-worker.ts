/**
 * Write transactions on a connection of their own, in a worker thread, off the event loop. Every
 * statement and COMMIT of the app's one connection runs on the event loop, and a COMMIT waits for the
 * disk to take its pages: during a notification scan of 100,000 subscribers × 5 deadlines (500,000
 * rows, hundreds of MB of WAL) about 40 COMMITs took 15-70 ms each, and every request waited (the p99
 * of `/health` and of the list 5-9× their idle p99). Here the same writes wait in another thread,
 * while the app's connection goes on reading: in WAL mode readers are not blocked by a writer.
 *
 * A transaction is a list of statements a repository built (SqlStatement, raw-statements.ts), run in
 * one BEGIN IMMEDIATE … COMMIT on the worker's connection (all or nothing); the answer is each
 * statement's count of changed rows. It takes its turn in the app's writer queue (enqueueElsewhere in
 * writer-queue.ts): the app's transactions wait for it there, with the event loop free, rather than
 * on SQLite's busy timeout, which sleeps on the event loop; reads do not wait. Other processes on the
 * same file are waited for on the busy timeout, in the worker. The table_version triggers fire on
 * this connection as on any other, and the app's connection sees its commits (PRAGMA data_version),
 * so cached answers (ReadCache) move with them.
 *
 * A SQLite file only (":memory:" is private to its connection), started on first use. If the worker
 * fails, `available` turns false for good and callers write in process, as on ":memory:".
 */
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlStatement } from '../raw-statements';
import { sqliteConnection } from './connection';
import { SqliteThread } from './sqlite-thread';
import { writerQueue } from './writer-queue';

/** A statement the worker's transaction failed on (the transaction was rolled back). */
export { SqliteThreadError as WriteWorkerError } from './sqlite-thread';

/** The thread's body (sqlite-thread.ts): each request a packed list of statements, in one transaction. */
const BODY = `(db) => {
  const prepared = new Map();
  const statement = (sql) => {
    let s = prepared.get(sql);
    if (!s) {
      s = db.prepare(sql);
      prepared.set(sql, s);
      if (prepared.size > 200) prepared.delete(prepared.keys().next().value);
    }
    return s;
  };
  const transaction = db.transaction((sqls, calls) => calls.map(([i, ...params]) => statement(sqls[i]).run(...params).changes));
  return { answer: (m) => transaction.immediate(m.sqls, JSON.parse(m.calls)) };
}`;

/**
 * Statements as the worker takes them, packed at once: each distinct SQL text once, and the calls
 * (its index, then its parameters: numbers, strings, null; booleans as 1/0, as the app's connection
 * binds them) as one JSON string. A batch may wait in the writer queue behind the one the worker is
 * writing: as one string it is one object for the garbage collector to copy meanwhile, not
 * thousands (the scan's young-generation collections on the event loop grew with what they copied).
 */
function packed(statements: SqlStatement[]): { sqls: string[]; calls: string } {
  const index = new Map<string, number>();
  const calls = statements.map(({ sql, params }) => {
    let i = index.get(sql);
    if (i === undefined) index.set(sql, (i = index.size));
    const call: unknown[] = [i];
    for (const p of params) call.push(typeof p === 'boolean' ? (p ? 1 : 0) : p);
    return call;
  });
  return { sqls: [...index.keys()], calls: JSON.stringify(calls) };
}

type Packed = ReturnType<typeof packed>;

@Injectable()
export class WriteWorker implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private thread: Promise<SqliteThread<Packed, number[]>> | undefined;
  private failed = false;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Whether transactions can run in the worker: a SQLite file database, the worker not failed, and
   * not turned off (`enabled`, which a test sets to compare with the in-process path).
   */
  get available(): boolean {
    const connection = sqliteConnection(this.dataSource);
    return this.enabled && !this.failed && connection !== null && connection.open && !connection.memory;
  }

  /** Off: callers write in process (a test compares both paths on the same kind of database). */
  enabled = true;

  /**
   * Runs `statements` in one transaction on the worker's connection, in turn with the app's own
   * transactions; resolves to each statement's count of changed rows. Rejects (nothing written) if a
   * statement fails or the worker dies. Not from inside a transaction of the app's connection. Called
   * through Transactions.runOffThread (transactions.ts, the one transaction mechanism).
   */
  run(statements: SqlStatement[]): Promise<number[]> {
    if (!this.available) return Promise.reject(new Error('no SQLite write worker is available'));
    const message = packed(statements);
    return writerQueue(this.dataSource).enqueueElsewhere(async () => (await this.started()).request(message));
  }

  private started(): Promise<SqliteThread<Packed, number[]>> {
    this.thread ??= SqliteThread.start<Packed, number[]>({
      name: 'the SQLite write worker',
      path: sqliteConnection(this.dataSource)!.name,
      body: BODY,
      // The worker is gone: what waited on it failed, and callers write in process from now on.
      onEnd: (how) => {
        if (this.failed) return;
        this.failed = true;
        this.logger.warn(`The SQLite write worker ${how}; writes stay in process.`);
      },
    }).catch((error: Error) => {
      this.failed = true;
      this.logger.warn(`The SQLite write worker did not start (${error.message}); writes stay in process.`);
      throw error;
    });
    return this.thread;
  }

  async onApplicationShutdown(): Promise<void> {
    const starting = this.thread;
    if (!starting || this.failed) return;
    // Shutting down is not a failure (no warning), and nothing starts the worker again; the
    // transactions already queued run first.
    this.failed = true;
    await writerQueue(this.dataSource).enqueueElsewhere(async () => {
      const thread = await starting.catch(() => undefined);
      await thread?.stop();
    });
  }
}
