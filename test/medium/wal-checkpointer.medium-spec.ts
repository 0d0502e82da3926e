/**
 * The WAL is checkpointed by a worker thread, not by the COMMITs of the app's connection (which run on
 * the event loop): the app's connection is set to checkpoint only past the backstop, the worker copies
 * the whole WAL back, and if the worker dies the connection checkpoints for itself again.
 */
import { DataSource } from 'typeorm';
import { Transactions } from '../../src/database/transactions';
import { sqliteConnection } from '../../src/database/sqlite/connection';
import type { SqliteThread } from '../../src/database/sqlite/sqlite-thread';
import { FALLBACK_PAGES, WalCheckpointer } from '../../src/database/sqlite/wal-checkpointer';
import { onPostgres } from '../support/engine';
import { bootMedium, MediumApp } from '../support/medium-app';

describe('the WAL checkpoint worker', () => {
  let t: MediumApp;
  beforeEach(async () => {
    t = await bootMedium();
  });
  afterEach(() => t.close());

  it('runs only on SQLite', () => {
    expect(t.get(WalCheckpointer).running).toBe(!onPostgres);
  });

  // PostgreSQL has no WAL of this kind to checkpoint: the test above is its check.
  (onPostgres ? it.skip : it)(
    'copies the WAL back off the event loop; the connection checkpoints itself past the backstop only',
    async () => {
      const checkpointer = t.get(WalCheckpointer);
      const connection = sqliteConnection(t.get(DataSource))!;
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_PAGES);

      // About 1,600 pages (past SQLite's default of 1,000) in 40 transactions.
      const transactions = t.get(Transactions);
      await transactions.run((em) => em.query(`CREATE TABLE scratch (b BLOB)`));
      for (let i = 0; i < 40; i++) {
        await transactions.run((em) =>
          em.query(
            `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) INSERT INTO scratch SELECT randomblob(4000) FROM n`,
          ),
        );
      }
      const done = await checkpointer.checkpointNow();
      expect(done.busy).toBe(0);
      expect(done.log).toBeGreaterThan(1_000);
      expect(done.checkpointed).toBe(done.log);

      // The worker dies: the connection goes back to SQLite's default and checkpoints for itself.
      await (checkpointer as unknown as { thread: SqliteThread }).thread.terminate();
      await new Promise((resolve) => setImmediate(resolve));
      expect(checkpointer.running).toBe(false);
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
      await expect(checkpointer.checkpointNow()).rejects.toThrow(/no WAL checkpoint worker/);
    },
  );
});
