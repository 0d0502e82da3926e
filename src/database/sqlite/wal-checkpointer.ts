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
 */
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { sqliteConnection } from './connection';

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

// The worker: plain JavaScript (eval'd), so it runs the same from dist/ and under ts-jest.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const run = () => checkpoint.get();
const timer = setInterval(() => {
  try { run(); } catch (error) { parentPort.postMessage({ error: String(error) }); }
}, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m.op === 'stop') { clearInterval(timer); db.close(); parentPort.close(); return; }
  try { parentPort.postMessage({ id: m.id, result: run() }); } catch (error) { parentPort.postMessage({ id: m.id, error: String(error) }); }
});
parentPort.postMessage({ ready: true });
`;

@Injectable()
export class WalCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = sqliteConnection(this.dataSource);
    if (!connection || connection.memory) return;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), path: connection.name, everyMs: CHECKPOINT_EVERY_MS },
    });
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (m: { id?: number; result?: CheckpointResult; error?: string }) => {
      const waiter = m.id === undefined ? undefined : this.waiting.get(m.id);
      if (waiter) {
        this.waiting.delete(m.id!);
        if (m.result) waiter.resolve(m.result);
        else waiter.reject(new Error(m.error));
      } else if (m.error) this.logger.warn(`WAL checkpoint failed in the worker: ${m.error}`);
    });
    worker.on('error', (error) => this.stopped(`failed: ${error.message}`));
    worker.on('exit', () => this.stopped('exited'));
    this.worker = worker;
    connection.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  }

  /** Whether the worker is checkpointing (a SQLite file database, started and not failed). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** One checkpoint in the worker now (tests, and anyone who wants the WAL copied back at once). */
  checkpointNow(): Promise<CheckpointResult> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('no WAL checkpoint worker is running'));
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, op: 'checkpoint' });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    this.restoreDefault();
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ op: 'stop' });
    await exited;
  }

  /** The worker is gone: the app's connection checkpoints for itself again. */
  private stopped(how: string): void {
    if (!this.worker) return;
    this.worker = undefined;
    this.restoreDefault();
    for (const waiter of this.waiting.values()) waiter.reject(new Error(`the WAL checkpoint worker ${how}`));
    this.waiting.clear();
    this.logger.warn(`The WAL checkpoint worker ${how}; the database connection checkpoints for itself again.`);
  }

  private restoreDefault(): void {
    const connection = sqliteConnection(this.dataSource);
    if (connection?.open) connection.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
  }
}
