import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteThread, SqliteThreadError, SqliteThreadOptions } from './sqlite-thread';

/** A body that does what each request says, on the thread's connection. */
const BODY = `(db, data, note) => ({
  answer(r) {
    switch (r.op) {
      case 'pragmas':
        return ['foreign_keys', 'busy_timeout', 'synchronous', 'cache_size', 'temp_store'].map((p) => db.pragma(p, { simple: true }));
      case 'insert':
        return db.prepare('INSERT INTO t (v) VALUES (?)').run(r.v).changes;
      case 'note':
        note(data.greeting);
        return 'noted';
      case 'spin':
        return db.prepare('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT COUNT(*) AS c FROM n').get(r.n).c;
      case 'exit':
        process.exit(3);
      case 'throw later':
        setImmediate(() => { throw new Error('thrown outside a request'); });
        return 'later';
      case 'sqlite error later':
        setImmediate(() => db.prepare('SELECT * FROM missing'));
        return 'later';
    }
    throw new Error('unknown op ' + r.op);
  },
})`;

type Request = { op: string; v?: string; n?: number };

describe('SqliteThread', () => {
  let dir: string;
  let file: string;
  let ends: string[];
  let notes: unknown[];
  let threads: SqliteThread<Request, unknown>[];

  const start = (more: Partial<SqliteThreadOptions> = {}) =>
    SqliteThread.start<Request, unknown>({
      name: 'the test thread',
      path: file,
      body: BODY,
      data: { greeting: 'hello' },
      onEnd: (how) => ends.push(how),
      onNote: (note) => notes.push(note),
      ...more,
    }).then((thread) => {
      threads.push(thread);
      return thread;
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-thread-'));
    file = join(dir, 'db.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v TEXT NOT NULL)');
    db.close();
    ends = [];
    notes = [];
    threads = [];
  });
  afterEach(async () => {
    for (const thread of threads) await thread.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers requests on a connection of its own, opened with the app's pragmas", async () => {
    const thread = await start();
    expect(thread.alive).toBe(true);
    // foreign_keys on, busy_timeout 5000, synchronous NORMAL, cache_size -8000, temp_store MEMORY.
    expect(await thread.request({ op: 'pragmas' })).toEqual([1, 5000, 1, -8000, 2]);
    expect(await thread.request({ op: 'insert', v: 'from the thread' })).toBe(1);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT v FROM t').pluck().all()).toEqual(['from the thread']);
    db.close();
    // A note reaches onNote, before the answer sent after it.
    expect(await thread.request({ op: 'note' })).toBe('noted');
    expect(notes).toEqual(['hello']);
  });

  it("rejects a request with SQLite's error and code, and goes on answering", async () => {
    const thread = await start();
    const failed = thread.request({ op: 'insert', v: null as unknown as string });
    await expect(failed).rejects.toThrow(SqliteThreadError);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL', message: /NOT NULL constraint failed/ });
    expect(await thread.request({ op: 'spin', n: 10 })).toBe(10);
    expect(ends).toEqual([]);
  });

  it('rejects what waited on a thread that exits, reports it ended, and sends nothing more', async () => {
    const thread = await start();
    const exiting = thread.request({ op: 'exit' });
    const behind = thread.request({ op: 'spin', n: 10 });
    await expect(exiting).rejects.toThrow('the test thread exited');
    await expect(behind).rejects.toThrow('the test thread exited');
    expect(thread.alive).toBe(false);
    expect(ends).toEqual(['exited']);
    await expect(thread.request({ op: 'spin', n: 1 })).rejects.toThrow('the test thread is not running');
    // stop() after the end does nothing (and does not wait for an exit that happened).
    await thread.stop();
    expect(ends).toEqual(['exited']);
  });

  it.each([
    ['an error', 'throw later', 'failed: thrown outside a request'],
    ["SQLite's error (its code alone crosses to the parent)", 'sqlite error later', 'failed: SQLITE_ERROR'],
  ])('reports a thread that threw %s outside a request as failed', async (_what, op, how) => {
    const thread = await start();
    // The answer and the thread's error cross to the parent on separate channels, in no promised order
    // (a loaded machine delivered the error first): the request gets its answer, or fails with the thread.
    const answer = thread.request({ op }).catch((error: Error) => error.message);
    while (thread.alive) await new Promise((resolve) => setImmediate(resolve));
    expect(['later', `the test thread ${how}`]).toContain(await answer);
    expect(ends).toEqual([how]);
  });

  it('reports a terminated thread as ended, as a crash', async () => {
    const thread = await start();
    const pending = thread.request({ op: 'spin', n: 50_000_000 });
    await thread.terminate();
    await expect(pending).rejects.toThrow('the test thread exited');
    expect(thread.alive).toBe(false);
    expect(ends).toEqual(['exited']);
  });

  it('answers the request sent before stop(), then exits with its connection closed', async () => {
    const thread = await start();
    let answered = false;
    // Counting to 2,000,000 keeps the thread busy while stop() is called.
    const pending = thread.request({ op: 'spin', n: 2_000_000 }).then((n) => {
      answered = true;
      return n;
    });
    const stopping = thread.stop();
    expect(thread.alive).toBe(false);
    await expect(thread.request({ op: 'spin', n: 1 })).rejects.toThrow('the test thread is not running');
    await stopping;
    expect(answered).toBe(true);
    expect(await pending).toBe(2_000_000);
    // Stopping is not an end for onEnd.
    expect(ends).toEqual([]);
    // Nobody else has the file open: leaving WAL mode needs the only connection.
    const db = new Database(file);
    expect(db.pragma('journal_mode = DELETE', { simple: true })).toBe('delete');
    db.close();
  });

  it('fails to start on a file that does not exist, leaving nothing running', async () => {
    await expect(start({ path: join(dir, 'missing.sqlite') })).rejects.toThrow('unable to open database file (SQLITE_CANTOPEN)');
    expect(ends).toEqual([]);
  });

  it('fails to start when the body ends the thread before it is ready', async () => {
    await expect(start({ body: '() => process.exit(1)' })).rejects.toThrow('the test thread exited before it was ready');
  });
});
