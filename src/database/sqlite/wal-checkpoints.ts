/**
 * WAL checkpoints off the event loop, for the server's SQLite file.
 *
 * Why: with SQLite's default, the COMMIT that takes the WAL past 1,000 pages copies it into the
 * database file and syncs it, on the connection that committed, so on the event loop and inside
 * one write's request. Measured at 100,000 items (400 status changes, statements timed one by one):
 * COMMIT took 0.14 ms at the median, 1.8 ms on average and up to 73 ms, about a third of a status
 * change's SQL time, and every read waited behind it.
 *
 * So the server's connection does not checkpoint on commit (wal_autocheckpoint = 0), and a worker
 * thread with a connection of its own runs PASSIVE checkpoints (they never wait for readers or the
 * writer, and copy what no reader still needs) every INTERVAL_MS while the WAL holds frames. The
 * writer starts the WAL from its beginning again once a checkpoint has copied all of it, so the file
 * stays as bounded as before. Closing the last connection still checkpoints as SQLite always does.
 */
import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { sqliteConnection } from './connection';

/** How often the worker checkpoints. */
const INTERVAL_MS = 250;

/** The worker: a PASSIVE checkpoint every interval (it holds the process open only while asked to). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

@Injectable()
export class WalCheckpoints implements OnApplicationBootstrap, OnModuleDestroy {
  private worker: Worker | null = null;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const db = sqliteConnection(this.dataSource);
    if (!db || db.memory || (db.pragma('journal_mode', { simple: true }) as string) !== 'wal') return;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), path: db.name, intervalMs: INTERVAL_MS },
    });
    worker.unref();
    // A checkpoint that fails (the disk is full, say) leaves the frames in the WAL: the next one tries again.
    worker.on('error', () => this.fallBack());
    this.worker = worker;
    db.pragma('wal_autocheckpoint = 0');
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage('stop');
    await exited;
  }

  /** The worker is gone: the connection checkpoints on commit again, as SQLite does by default. */
  private fallBack(): void {
    this.worker = null;
    sqliteConnection(this.dataSource)?.pragma('wal_autocheckpoint = 1000');
  }
}
