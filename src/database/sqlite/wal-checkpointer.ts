/**
 * Checkpoints the SQLite WAL in a worker thread, off the event loop. SQLite's own checkpoint runs
 * inside the COMMIT that takes the WAL past 1,000 pages, on the connection that commits: here, the
 * app's one connection, on the event loop. It copies those pages into the database file and fsyncs
 * it, which took 20-200 ms a time during a notification scan of 100,000 subscribers (one COMMIT in
 * ~25; longer when other processes keep the disk busy), and every request waited.
 *
 * So a worker thread with a connection of its own runs a PASSIVE checkpoint every CHECKPOINT_EVERY_MS
 * (it never waits for a lock, and readers and the writer go on meanwhile), and the app's connection
 * checkpoints itself only past FALLBACK_PAGES, should the worker fall behind. If the worker fails, the
 * app's connection goes back to SQLite's default. Other processes on the same file (the CLI) keep the
 * default too; a file database only (":memory:" has no WAL).
 *
 * The thread (SqliteThread, sqlite-thread.ts) opens its connection as the app's, which changes nothing
 * for a PASSIVE checkpoint: it never calls the busy handler, copies WAL frames past the page cache, and
 * syncs the same at synchronous NORMAL and FULL (3 syncs for a 442-page checkpoint under strace, both;
 * only OFF skips them; better-sqlite3's default on a WAL file is NORMAL already).
 */
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqliteConnection } from './connection';
import { SqliteThread } from './sqlite-thread';

export const CHECKPOINT_EVERY_MS = 250;
/** The app's connection checkpoints itself past this many WAL pages (40 MB), as a backstop. */
export const FALLBACK_PAGES = 10_000;
/** SQLite's default wal_autocheckpoint. */
const SQLITE_DEFAULT_PAGES = 1_000;

/** What `PRAGMA wal_checkpoint` answers: whether it was blocked, pages in the WAL, pages copied. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** The thread's body (sqlite-thread.ts): a checkpoint on a timer, and one on each request. */
const BODY = `(db, { everyMs }, note) => {
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const timer = setInterval(() => {
    try { checkpoint.get(); } catch (error) { note(String(error)); }
  }, everyMs);
  return { answer: () => checkpoint.get(), stop: () => clearInterval(timer) };
}`;

@Injectable()
export class WalCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private thread: SqliteThread<void, CheckpointResult> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = sqliteConnection(this.dataSource);
    if (!connection || connection.memory) return;
    this.thread = await SqliteThread.start<void, CheckpointResult>({
      name: 'the WAL checkpoint worker',
      path: connection.name,
      body: BODY,
      data: { everyMs: CHECKPOINT_EVERY_MS },
      onNote: (error) => this.logger.warn(`WAL checkpoint failed in the worker: ${String(error)}`),
      // The worker is gone: the app's connection checkpoints for itself again.
      onEnd: (how) => {
        this.restoreDefault();
        this.logger.warn(`The WAL checkpoint worker ${how}; the database connection checkpoints for itself again.`);
      },
    });
    connection.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  }

  /** Whether the worker is checkpointing (a SQLite file database, started and not failed). */
  get running(): boolean {
    return this.thread?.alive ?? false;
  }

  /** One checkpoint in the worker now (tests, and anyone who wants the WAL copied back at once). */
  checkpointNow(): Promise<CheckpointResult> {
    if (!this.running) return Promise.reject(new Error('no WAL checkpoint worker is running'));
    return this.thread!.request();
  }

  async onApplicationShutdown(): Promise<void> {
    const thread = this.thread;
    if (!thread?.alive) return;
    this.restoreDefault();
    await thread.stop();
  }

  private restoreDefault(): void {
    const connection = sqliteConnection(this.dataSource);
    if (connection?.open) connection.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  }
}
