/**
 * Faults, on the production build in real processes: SIGTERM in the middle of a request and of mail
 * sends (the request is answered, the sends under way are recorded, unstarted claims go back to the
 * outbox, exit 0); kill -9 during an import (the database is exactly as before, and passes its
 * checks); two server processes and an outside writer on one SQLite file (every write waits its turn,
 * none fails); and `db:backup` while the server takes writes (the copy passes integrity_check and a
 * server started on it serves the data).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDatabase } from '../../src/database/sqlite/backup';
import { snapshotFile } from '../support/db-snapshot';
import { onPostgres } from '../support/engine';
import { Answer, cli, createAdminKey, ensureBuilt, send, spawnApp, SpawnedApp } from '../support/spawned-app';
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

// Every test here is about one SQLite file (busy locks, VACUUM INTO backups, integrity_check after
// kill -9, the outbox read from the file after SIGTERM), so on PostgreSQL the file does not exist:
// there, the several-instance guarantees are the multi-instance and three-instance specs' subject.
const describeOnSqlite = onPostgres ? describe.skip : describe;

describeOnSqlite('faults', () => {
  let dir: string;
  let apps: SpawnedApp[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await spawnApp(env);
    apps.push(app);
    return app;
  };

  beforeAll(() => {
    ensureBuilt();
  }, 600_000);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-faults-'));
  });
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    apps = [];
    rmSync(dir, { recursive: true, force: true });
  });

  describe('SIGTERM', () => {
    let smtp: TestSmtp;
    beforeEach(async () => {
      smtp = await startSmtp();
    });
    afterEach(() => smtp.stop());

    it('answers the request under way, records the sends under way, gives unstarted claims back, and exits 0', async () => {
      const databasePath = join(dir, 'tracker.sqlite');
      const key = await createAdminKey(databasePath);
      // A slow relay: each message takes 300 ms, so sends are under way when the signal comes.
      smtp.delayMs = 300;
      const app = await start({ DATABASE_PATH: databasePath, SMTP_URL: smtp.url, NOTIFY_INTERVAL_SECONDS: '3600' });
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

      const db = new Database(databasePath, { readonly: true });
      try {
        const states = Object.fromEntries(
          (
            db.prepare(`SELECT state, COUNT(*) AS n FROM notification GROUP BY state`).all() as Array<{
              state: string;
              n: number;
            }>
          ).map((r) => [r.state, r.n]),
        );
        // Nothing left claimed: every confirmation was either sent (and recorded) or is pending again.
        expect(states.sending).toBeUndefined();
        expect((states.sent ?? 0) + (states.pending ?? 0)).toBe(subscribers);
        expect(states.sent ?? 0).toBe(smtp.received.length);
        // Pending ones were either never claimed, or claimed and given back untried: no attempt counted, no lease.
        const pending = db
          .prepare(`SELECT attempts, lease_until, last_error FROM notification WHERE state = 'pending'`)
          .all() as Array<{
          attempts: number;
          lease_until: string | null;
          last_error: string | null;
        }>;
        expect(pending.every((n) => n.attempts === 0 && n.lease_until === null)).toBe(true);
        expect(pending.every((n) => n.last_error === null || /shutting down/.test(n.last_error))).toBe(true);
        const released = pending.filter((n) => n.last_error !== null).length;
        process.stdout.write(
          `SIGTERM: ${states.sent ?? 0} sent, ${released} claims released, ${pending.length - released} never claimed\n`,
        );
        expect(
          (db.prepare(`SELECT COUNT(*) AS n FROM recommendation WHERE slug LIKE 'during-shutdown-%'`).get() as { n: number }).n,
        ).toBe(20);
      } finally {
        db.close();
      }
    });
  });

  it('kill -9 during an import leaves the database exactly as it was, and sound', async () => {
    const databasePath = join(dir, 'tracker.sqlite');
    const key = await createAdminKey(databasePath);
    const app = await start({ DATABASE_PATH: databasePath });
    // Quiesce: the seed is in, nothing else writes. Fingerprint through a second connection.
    await send(app.base, 'GET', '/health');
    const before = await snapshotFile(databasePath);
    const file = importFile('killed', 3000, 1200); // about 4 MB
    const answer = send(app.base, 'POST', '/api/v1/import', { key, body: file }).catch((e: NodeJS.ErrnoException) => e.code);
    await sleep(300);
    process.kill(app.pid, 'SIGKILL');
    expect(['ECONNRESET', 'EPIPE']).toContain(await answer);
    expect((await app.exited()).signal).toBe('SIGKILL');
    expect(await snapshotFile(databasePath)).toEqual(before);
    expect(verifyDatabase(databasePath)).toBeGreaterThan(10);
    // The full-text index agrees with its table (this statement fails on a mismatch).
    const db = new Database(databasePath);
    try {
      db.prepare(`INSERT INTO recommendation_search(recommendation_search) VALUES ('integrity-check')`).run();
    } finally {
      db.close();
    }
  });

  it('waits out SQLITE_BUSY: two server processes and an outside writer on one file, every write stored', async () => {
    const databasePath = join(dir, 'tracker.sqlite');
    const key = await createAdminKey(databasePath);
    const a = await start({ DATABASE_PATH: databasePath });
    const b = await start({ DATABASE_PATH: databasePath, SEED_ON_START: 'false' });
    const slugs = (
      JSON.parse((await send(a.base, 'GET', '/api/v1/recommendations?limit=10')).body) as { items: Array<{ slug: string }> }
    ).items.map((i) => i.slug);
    const source = (JSON.parse((await send(a.base, 'GET', '/api/v1/sources')).body) as { items: Array<{ slug: string }> })
      .items[0].slug;
    const count = () => {
      const db = new Database(databasePath, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM status_change').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const before = count();

    // An outside writer (a third process) holds the write lock for 1.5 s in the middle.
    const holder = new Database(databasePath);
    holder.pragma('busy_timeout = 5000');
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
    holder.exec('BEGIN IMMEDIATE');
    await sleep(1500);
    holder.exec('COMMIT');
    holder.close();
    await Promise.all(lanes);

    expect(answers.map((x) => x.status).filter((s) => s !== 201)).toEqual([]);
    expect(count()).toBe(before + 60);
    const db = new Database(databasePath, { readonly: true });
    try {
      const ids = answers.map((x) => (JSON.parse(x.body) as { id: number }).id);
      const audited = db
        .prepare(
          `SELECT COUNT(DISTINCT entity_id) AS n FROM audit_entry WHERE entity = 'status_change' AND entity_id IN (SELECT value FROM json_each(?))`,
        )
        .get(JSON.stringify(ids)) as { n: number };
      expect(audited.n).toBe(60);
    } finally {
      db.close();
    }
  });

  it('db:backup takes a consistent copy while the server takes writes; the copy passes integrity_check and serves', async () => {
    const databasePath = join(dir, 'tracker.sqlite');
    const key = await createAdminKey(databasePath);
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
    const list = JSON.parse((await send(restored.base, 'GET', '/api/v1/recommendations?limit=100')).body) as { items: unknown[] };
    expect(list.items.length).toBeGreaterThan(0);
  });
});
