/**
 * A worker thread with a better-sqlite3 connection of its own to the app's SQLite file: what the write
 * worker (write-worker.ts) and the WAL checkpointer (wal-checkpointer.ts) are built on. Their work
 * runs there, off the event loop; this class owns the rest: starting the thread, opening its
 * connection as the app opens its own (SQLITE_CONNECTION_PRAGMAS), the "ready" handshake, requests
 * answered by id, the end of the thread (what waited on it fails, `alive` turns false so callers fall
 * back to the app's connection) and stopping it on shutdown (the Nest lifecycle stays in the services).
 *
 * The thread's code is plain JavaScript (eval'd), so it runs the same from dist/ and under ts-jest.
 * A body is the source of a function expression `(db, data, note) => ({ answer(request), stop() })`,
 * called once in the thread with its open connection, the caller's `data` and `note(value)`, which
 * hands a value to the caller's `onNote` outside any request (a timer's failure, say). `answer`
 * runs one request at a time, in the order they were sent: what it returns (or throws) settles the
 * request. `stop` (optional) runs before the connection closes.
 */
import { Worker } from 'node:worker_threads';
import { SQLITE_CONNECTION_PRAGMAS } from './connection';

const THREAD = (body: string) => `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
// A SqliteError reaches the parent's 'error' as a plain object without its message: thrown as an Error.
const plain = (error) => new Error(String(error && error.message) + (error && error.code ? ' (' + error.code + ')' : ''));
let db, body;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  body = (${body})(db, workerData.data, (note) => parentPort.postMessage({ note }));
} catch (error) {
  throw plain(error);
}
parentPort.on('message', (m) => {
  if (m.stop) {
    if (body.stop) body.stop();
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: m.id, answer: body.answer(m.request) });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
parentPort.postMessage({ ready: true });
`;

/** What a request failed on in the thread (SQLite's error, or any other the body threw). */
export class SqliteThreadError extends Error {
  constructor(
    message: string,
    /** SQLite's error code (SQLITE_CONSTRAINT_UNIQUE, SQLITE_BUSY…), when it was SQLite's. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SqliteThreadError';
  }
}

export interface SqliteThreadOptions {
  /** What errors call it ("the SQLite write worker"). */
  name: string;
  /** The database file; it must exist. */
  path: string;
  /** The thread's code (see the file header). */
  body: string;
  /** Handed to the body as its second argument (structured-cloneable). */
  data?: unknown;
  /**
   * Called once if the thread ends other than by stop() (it threw outside a request, exited, was
   * terminated), after the requests that waited on it were rejected: "failed: …", "exited".
   */
  onEnd?: (how: string) => void;
  /** Called with each value the body passes to `note`. */
  onNote?: (note: unknown) => void;
}

type Waiter<A> = { resolve: (answer: A) => void; reject: (error: Error) => void };
type Message<A> = { ready?: true; note?: unknown; id?: number; answer?: A; error?: { message: string; code?: string } };

export class SqliteThread<Request = unknown, Answer = unknown> {
  private readonly waiting = new Map<number, Waiter<Answer>>();
  private nextId = 0;
  private ended = false;
  private stopping = false;

  private constructor(
    private readonly worker: Worker,
    private readonly options: SqliteThreadOptions,
  ) {}

  /**
   * Starts the thread and resolves once its connection is open and the body is ready; rejects if it
   * fails before (the file does not exist, the body threw), with nothing left running.
   */
  static async start<Request = unknown, Answer = unknown>(options: SqliteThreadOptions): Promise<SqliteThread<Request, Answer>> {
    const worker = new Worker(THREAD(options.body), {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        path: options.path,
        pragmas: ['foreign_keys = ON', ...SQLITE_CONNECTION_PRAGMAS],
        data: options.data,
      },
    });
    // The thread never keeps the process alive; stop() (on shutdown) ends it.
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        worker.off('message', ready).off('error', settle).off('exit', exited);
        if (error) reject(error);
        else resolve();
      };
      const ready = () => settle();
      const exited = () => settle(new Error(`${options.name} exited before it was ready`));
      worker.once('message', ready).once('error', settle).once('exit', exited);
    });
    const thread = new SqliteThread<Request, Answer>(worker, options);
    worker.on('message', (m: Message<Answer>) => thread.received(m));
    // (A SqliteError thrown outside a request arrives as { code } alone.)
    worker.on('error', (error: { message?: unknown; code?: unknown }) =>
      thread.end(`failed: ${String(error.message ?? error.code)}`),
    );
    worker.on('exit', () => thread.end('exited'));
    return thread;
  }

  /** Whether requests can be sent: the thread has not ended, and stop() was not called. */
  get alive(): boolean {
    return !this.ended && !this.stopping;
  }

  /**
   * Sends `request` to the body's `answer` and resolves to what it returns; rejects with a
   * SqliteThreadError if it throws, or if the thread ends first. Rejects at once once not alive.
   */
  request(request: Request): Promise<Answer> {
    if (!this.alive) return Promise.reject(new Error(`${this.options.name} is not running`));
    const id = ++this.nextId;
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, request });
    });
  }

  /**
   * Stops the thread and resolves once it has exited. The requests already sent are answered first
   * (the thread takes its messages in order); nothing can be sent from the moment this is called.
   * Not an end for `onEnd`.
   */
  async stop(): Promise<void> {
    if (this.ended) return;
    this.stopping = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage({ stop: true });
    await exited;
  }

  /** Ends the thread at once, as a crash would: waiters rejected, `onEnd` called (tests). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private received(m: Message<Answer>): void {
    if (m.id === undefined) {
      if ('note' in m) this.options.onNote?.(m.note);
      return;
    }
    const waiter = this.waiting.get(m.id);
    if (!waiter) return;
    this.waiting.delete(m.id);
    if (m.error) waiter.reject(new SqliteThreadError(m.error.message, m.error.code));
    else waiter.resolve(m.answer as Answer);
  }

  private end(how: string): void {
    if (this.ended) return;
    this.ended = true;
    for (const waiter of this.waiting.values()) waiter.reject(new Error(`${this.options.name} ${how}`));
    this.waiting.clear();
    if (!this.stopping) this.options.onEnd?.(how);
  }
}
