/**
 * The server's SQLite file is checkpointed by a worker thread (database/sqlite/wal-checkpointer.ts),
 * not by the COMMIT of a write on the event loop: the app's connection checkpoints only past the
 * backstop, and what a write committed reaches the database file itself while the app runs (with
 * automatic checkpoints alone, a few writes stay in the WAL until it passes 1,000 pages).
 */
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { sqliteConnection } from '../../src/database/sqlite/connection';
import { FALLBACK_PAGES } from '../../src/database/sqlite/wal-checkpointer';
import { bearer } from '../support/editors';
import { onPostgres } from '../support/engine';
import { bootSeededApp, SeededApp } from '../support/test-app';

// SQLite only: PostgreSQL has no WAL file of the app's to checkpoint.
(onPostgres ? describe.skip : describe)('WAL checkpoints', () => {
  let s: Required<SeededApp>;

  beforeAll(async () => {
    s = await bootSeededApp(undefined, { keys: 'wal', env: { NOTIFY_INTERVAL_SECONDS: '0' } });
  });
  afterAll(async () => {
    await s.t.close();
  });

  it("are not run by the app connection's commits, and a write reaches the database file while the app runs", async () => {
    const db = sqliteConnection(s.t.app.get(DataSource))!;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_PAGES);

    const slug = (await s.http.get('/api/v1/recommendations?limit=1')).body.items[0].slug as string;
    const source = (await s.http.get('/api/v1/sources?limit=1')).body.items[0].slug as string;
    const marker = `checkpointed ${Date.now()} by the worker`;
    const res = await s.http
      .post(`/api/v1/recommendations/${slug}/status-changes`)
      .set(bearer(s.keys.editor))
      .send({ status: 'in_progress', effectiveOn: '2022-01-01', source, excerpt: marker });
    expect(res.status).toBe(201);
    // Polled until it is there (the test's timeout bounds the wait; no duration is asserted).
    while (!readFileSync(s.t.databasePath).includes(marker)) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(readFileSync(`${s.t.databasePath}-wal`).length).toBeGreaterThan(0);
  });
});
