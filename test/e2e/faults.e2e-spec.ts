/**
 * Faults, on the production build in real processes: SIGTERM in the middle of a request and of mail
 * sends (the request is answered, the sends under way are recorded, unstarted claims go back to the
 * outbox, exit 0); kill -9 during an import (the database is exactly as before, and passes its
 * checks); two server processes and an outside writer on one database (every write waits its turn,
 * none fails); and `db:backup` while the server takes writes (the copy passes integrity_check and a
 * server started on it serves the data).
 *
 * The first two run on both engines (under `npm run test:postgres`, each on a fresh PostgreSQL
 * database). The outside writer is SQLite's busy lock on one file, or on PostgreSQL a session holding
 * the writers' advisory lock (what another instance's write transaction holds). `db:backup` is SQLite's
 * (VACUUM INTO of the file); on PostgreSQL backups are pg_dump's (README, Running at scale).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ADVISORY_LOCK } from '../../src/database/postgres/advisory-locks';
import { createThrowawayDatabase } from '../../src/database/postgres/throwaway-database';
import { verifyDatabase } from '../../src/database/sqlite/backup';
import { DbSnapshot, snapshotDb, snapshotFile } from '../support/db-snapshot';
import { onPostgres } from '../support/engine';
import { Answer, cli, ensureBuilt, send, spawnApp, SpawnedApp } from '../support/spawned-app';
import { startSmtp, TestSmtp } from '../support/smtp-server';

jest.setTimeout(180_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An import file of `n` new recommendations (the seed format), `textBytes` of text each. */
function importFile(prefix: string, n: number, textBytes = 200): string {
  return JSON.stringify({
    sources: [{ slug: `${prefix}-source`, title: `${prefix} source`, kind: 'news_report' }],
    recommendations: Array.from({ length: n }, (_, i) => ({
      slug: `${prefix}-${i}`,
      kind: 'recommendation',
      title: `${prefix} ${i}`,
      text: 'x'.repeat(textBytes),
      textIsVerbatim: false,
      source: `${prefix}-source`,
      pinpoint: null,
      topics: [],
      responsible: null,
    })),
  });
}

/** SQLite's backup (VACUUM INTO of the file, checked with integrity_check): no PostgreSQL counterpart in the app. */
const itOnSqlite = onPostgres ? it.skip : it;

/**
 * A test's own empty database, as a first start finds it (the app migrates and seeds it): a new file
 * on SQLite, a new database on the PostgreSQL server under `npm run test:postgres`. Queries take no
 * parameters and are written in the SQL both engines read.
 */
interface Store {
  env: Record<string, string>;
  rows<T>(sql: string): Promise<T[]>;
  /** The fingerprint of every table (db-snapshot.ts), read through a connection of the test's own. */
  snapshot(): Promise<DbSnapshot>;
  drop(): Promise<void>;
}

async function openStore(dir: string): Promise<Store> {
  if (!onPostgres) {
    const path = join(dir, 'tracker.sqlite');
    return {
      env: { DATABASE_PATH: path },
      rows: async <T>(sql: string) => {
        const db = new Database(path, { readonly: true });
        try {
          return db.prepare(sql).all() as T[];
        } finally {
          db.close();
        }
      },
      snapshot: () => snapshotFile(path),
      drop: async () => undefined,
    };
  }
  const database = await createThrowawayDatabase(process.env.DATABASE_URL!, 'tracker_faults');
  const run = async <T>(fn: (client: Client) => Promise<T>) => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    env: { DATABASE_URL: database.url, MAIL_OUTBOX_DIR: join(dir, 'outbox') },
    rows: <T>(sql: string) => run(async (client) => (await client.query(sql)).rows as T[]),
    snapshot: async () => {
      const ds = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
      await ds.initialize();
      try {
        return await snapshotDb({ get: () => ds } as never);
      } finally {
        await ds.destroy();
      }
    },
    drop: () => database.drop(),
  };
}

describe('faults', () => {
  let dir: string;
  let store: Store;
  let apps: SpawnedApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await spawnApp(env);
    apps.push(app);
    return app;
  };
  /** An admin key created with the CLI (which also migrates a new database). */
  const adminKey = async () =>
    (await cli(['keys:create', '--name', 'test-admin', '--role', 'admin'], store.env)).trim().split('\n').pop()!;

  beforeAll(() => {
    ensureBuilt();
  }, 600_000);
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-faults-'));
    store = await openStore(dir);
  });
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    apps = [];
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('SIGTERM', () => {
    let smtp: TestSmtp;
    beforeEach(async () => {
      smtp = await startSmtp();
    });
    afterEach(() => smtp.stop());

    it('answers the request under way, records the sends under way, gives unstarted claims back, and exits 0', async () => {
      const key = await adminKey();
      // A slow relay: each message takes 300 ms, so sends are under way when the signal comes.
      smtp.delayMs = 300;
      const app = await start({ ...store.env, SMTP_URL: smtp.url, NOTIFY_INTERVAL_SECONDS: '3600' });
      const subscribers = 40;
      for (let i = 0; i < subscribers; i++) {
        expect(
          (await send(app.base, 'POST', '/api/v1/subscriptions', { body: JSON.stringify({ email: `reader${i}@example.org` }) }))
            .status,
        ).toBe(202);
      }

      // An import whose body is half sent when SIGTERM arrives; the rest follows after the signal.
      const file = importFile('during-shutdown', 20);
      let refusedAfterSignal: unknown;
      const answer = send(app.base, 'POST', '/api/v1/import', {
        key,
        body: file,
        pauseAfter: Math.floor(file.length / 2),
        onPause: async () => {
          await sleep(200);
          process.kill(app.pid, 'SIGTERM');
          await sleep(500);
          // No new connection is taken once the signal has come.
          refusedAfterSignal = await send(app.base, 'GET', '/api/v1/topics').then(
            (a) => a.status,
            (e: NodeJS.ErrnoException) => e.code,
          );
        },
      });
      const imported = await answer;
      expect(imported.status).toBe(200);
      expect(JSON.parse(imported.body)).toMatchObject({ dryRun: false, created: { recommendations: 20 } });
      expect(['ECONNREFUSED', 'ECONNRESET', 503]).toContain(refusedAfterSignal);
      expect(await app.exited()).toEqual({ code: 0, signal: null });

      const states = Object.fromEntries(
        (
          await store.rows<{ state: string; n: number }>(
            `SELECT state, CAST(COUNT(*) AS INTEGER) AS n FROM notification GROUP BY state`,
          )
        ).map((r) => [r.state, r.n]),
      );
      // Nothing left claimed: every confirmation was either sent (and recorded) or is pending again.
      expect(states.sending).toBeUndefined();
      expect((states.sent ?? 0) + (states.pending ?? 0)).toBe(subscribers);
      expect(states.sent ?? 0).toBe(smtp.received.length);
      // Pending ones were either never claimed, or claimed and given back untried: no attempt counted, no lease.
      const pending = await store.rows<{ attempts: number; lease_until: string | null; last_error: string | null }>(
        `SELECT attempts, lease_until, last_error FROM notification WHERE state = 'pending'`,
      );
      expect(pending.every((n) => n.attempts === 0 && n.lease_until === null)).toBe(true);
      expect(pending.every((n) => n.last_error === null || /shutting down/.test(n.last_error))).toBe(true);
      const released = pending.filter((n) => n.last_error !== null).length;
      process.stdout.write(
        `SIGTERM: ${states.sent ?? 0} sent, ${released} claims released, ${pending.length - released} never claimed\n`,
      );
      expect(
        await store.rows(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM recommendation WHERE slug LIKE 'during-shutdown-%'`),
      ).toEqual([{ n: 20 }]);
    });
  });

  it('kill -9 during an import leaves the database exactly as it was, and sound', async () => {
    const key = await adminKey();
    const app = await start(store.env);
    // Quiesce: the seed is in, nothing else writes. Fingerprint through a second connection.
    await send(app.base, 'GET', '/health');
    const before = await store.snapshot();
    const file = importFile('killed', 3000, 1200); // about 4 MB
    const answer = send(app.base, 'POST', '/api/v1/import', { key, body: file }).catch((e: NodeJS.ErrnoException) => e.code);
    await sleep(300);
    process.kill(app.pid, 'SIGKILL');
    expect(['ECONNRESET', 'EPIPE']).toContain(await answer);
    expect((await app.exited()).signal).toBe('SIGKILL');
    // On PostgreSQL the server rolls the import back when its connection drops, maybe a moment after
    // the kill: the fingerprint is taken until it is back to what it was (or the test times out).
    let after = await store.snapshot();
    for (let i = 0; onPostgres && i < 50 && JSON.stringify(after) !== JSON.stringify(before); i++) {
      await sleep(100);
      after = await store.snapshot();
    }
    expect(after).toEqual(before);
    if (onPostgres) {
      // No statement of the killed connection is left running, and its rows were never visible.
      expect(
        await store.rows(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`),
      ).toEqual([]);
      return;
    }
    const databasePath = store.env.DATABASE_PATH;
    expect(verifyDatabase(databasePath)).toBeGreaterThan(10);
    // The full-text index agrees with its table (this statement fails on a mismatch).
    const db = new Database(databasePath);
    try {
      db.prepare(`INSERT INTO recommendation_search(recommendation_search) VALUES ('integrity-check')`).run();
    } finally {
      db.close();
    }
  });

  it('waits out an outside writer: two server processes and a third writer on one database, every write stored', async () => {
    const key = await adminKey();
    const a = await start(store.env);
    const b = await start({ ...store.env, SEED_ON_START: 'false' });
    const slugs = (
      JSON.parse((await send(a.base, 'GET', '/api/v1/recommendations?limit=10')).body) as { items: Array<{ slug: string }> }
    ).items.map((i) => i.slug);
    const source = (JSON.parse((await send(a.base, 'GET', '/api/v1/sources')).body) as { items: Array<{ slug: string }> })
      .items[0].slug;
    const count = async () => (await store.rows<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM status_change'))[0].n;
    const before = await count();

    // An outside writer (a third process) holds the write lock for 1.5 s in the middle: SQLite's
    // file lock, or on PostgreSQL the writers' advisory lock every write transaction of the app takes.
    const holder = await outsideWriter(store);
    const writes = Array.from({ length: 60 }, (_, i) => async () => {
      const app = i % 2 ? a : b;
      return send(app.base, 'POST', `/api/v1/recommendations/${slugs[i % slugs.length]}/status-changes`, {
        key,
        body: JSON.stringify({
          status: i % 3 ? 'in_progress' : 'stalled',
          effectiveOn: `2024-0${1 + (i % 9)}-1${i % 10}`,
          source,
          excerpt: `Concurrent write ${i}.`,
        }),
      });
    });
    const answers: Answer[] = [];
    const lanes = Array.from({ length: 6 }, async (_, lane) => {
      for (let i = lane; i < writes.length; i += 6) answers.push(await writes[i]());
    });
    await sleep(100);
    await holder.lock();
    await sleep(1500);
    await holder.release();
    await Promise.all(lanes);

    expect(answers.map((x) => x.status).filter((s) => s !== 201)).toEqual([]);
    expect(await count()).toBe(before + 60);
    const ids = new Set(answers.map((x) => (JSON.parse(x.body) as { id: number }).id));
    const audited = await store.rows<{ id: number }>(`SELECT entity_id AS id FROM audit_entry WHERE entity = 'status_change'`);
    expect(new Set(audited.map((r) => r.id).filter((id) => ids.has(id))).size).toBe(60);
  });

  itOnSqlite(
    'db:backup takes a consistent copy while the server takes writes; the copy passes integrity_check and serves',
    async () => {
      const databasePath = store.env.DATABASE_PATH;
      const key = await adminKey();
      const app = await start({ DATABASE_PATH: databasePath });
      const slug = (
        JSON.parse((await send(app.base, 'GET', '/api/v1/recommendations?limit=1')).body) as { items: Array<{ slug: string }> }
      ).items[0].slug;
      const source = (JSON.parse((await send(app.base, 'GET', '/api/v1/sources')).body) as { items: Array<{ slug: string }> })
        .items[0].slug;
      let writing = true;
      const stored: number[] = [];
      const writer = (async () => {
        for (let i = 0; writing; i++) {
          const res = await send(app.base, 'POST', `/api/v1/recommendations/${slug}/status-changes`, {
            key,
            body: JSON.stringify({
              status: i % 2 ? 'in_progress' : 'stalled',
              effectiveOn: '2025-01-01',
              source,
              excerpt: `Write ${i}.`,
            }),
          });
          expect(res.status).toBe(201);
          stored.push((JSON.parse(res.body) as { id: number }).id);
        }
      })();
      await sleep(1000);
      const storedBefore = stored.length;
      const backup = join(dir, 'backup.sqlite');
      const out = await cli(['db:backup', backup], { DATABASE_PATH: databasePath });
      const storedAfter = stored.length;
      await sleep(500);
      writing = false;
      await writer;
      expect(out).toMatch(/integrity and foreign keys checked/);
      expect(storedAfter).toBeGreaterThan(0);
      expect(verifyDatabase(backup)).toBeGreaterThan(10);
      // A backup never overwrites.
      await expect(cli(['db:backup', backup], { DATABASE_PATH: databasePath })).rejects.toThrow(/exists/);

      // Consistent: every write answered before the backup began is in it, none after it ended.
      const db = new Database(backup, { readonly: true });
      const inBackup = new Set((db.prepare('SELECT id FROM status_change').all() as Array<{ id: number }>).map((r) => r.id));
      db.close();
      for (const id of stored.slice(0, storedBefore)) expect(inBackup.has(id)).toBe(true);
      for (const id of stored.slice(storedAfter + 1)) expect(inBackup.has(id)).toBe(false);

      // Restores: a server started on the copy serves the data.
      const restored = await start({ DATABASE_PATH: backup, SEED_ON_START: 'false' });
      const item = await send(restored.base, 'GET', `/api/v1/recommendations/${slug}`);
      expect(item.status).toBe(200);
      expect(JSON.parse(item.body)).toMatchObject({ slug });
      const list = JSON.parse((await send(restored.base, 'GET', '/api/v1/recommendations?limit=100')).body) as {
        items: unknown[];
      };
      expect(list.items.length).toBeGreaterThan(0);
    },
  );
});

/**
 * A writer outside the app that takes the database's write lock and holds it: on SQLite a connection
 * in BEGIN IMMEDIATE, on PostgreSQL a transaction holding the writers' advisory lock.
 */
async function outsideWriter(store: Store): Promise<{ lock(): Promise<void>; release(): Promise<void> }> {
  if (!onPostgres) {
    const holder = new Database(store.env.DATABASE_PATH);
    holder.pragma('busy_timeout = 5000');
    return {
      lock: async () => void holder.exec('BEGIN IMMEDIATE'),
      release: async () => {
        holder.exec('COMMIT');
        holder.close();
      },
    };
  }
  const client = new Client({ connectionString: store.env.DATABASE_URL });
  await client.connect();
  return {
    lock: async () => {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK.WRITER]);
    },
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}
