/**
 * Three instances of the app on one PostgreSQL database, as behind a load balancer: they start
 * together on an empty database (migrations and the seed applied once, every instance up), and
 * writes through different instances keep the guarantees one instance gives (If-Match has exactly
 * one winner, the derived headline status follows the latest change). Also what the PostgreSQL
 * adapter promises about values: instants never shifted by the process's time zone.
 *
 * PostgreSQL only: several instances on one SQLite file are not a supported deployment (SQLite is
 * the embedded, one-process database), so without DATABASE_URL (`npm test`) this file is skipped;
 * `npm run test:postgres` runs it.
 */
import request from 'supertest';
import { DataSource } from 'typeorm';
import { POSTGRES_MIGRATIONS } from '../../migrations/postgres';
import { createThrowawayDatabase } from '../../src/database/postgres/throwaway-database';
import { Transactions } from '../../src/database/transactions';
import { SeedService } from '../../src/seed/seed.service';
import { bearer, createTestKeys, TestKeys } from '../support/editors';
import { bootApp, TestApp } from '../support/test-app';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;

onPostgres('three instances on one PostgreSQL database', () => {
  let database: { url: string; drop: () => Promise<void> };
  let instances: TestApp[] = [];
  let keys: TestKeys;
  const http = (i: number) => request(instances[i % instances.length].app.getHttpServer());

  beforeAll(async () => {
    database = await createThrowawayDatabase(process.env.DATABASE_URL!, 'tracker_multi');
    // All three start at once on the empty database: each runs the migrations and the first-start seed.
    const started = await Promise.allSettled(
      [0, 1, 2].map(() => bootApp({ DATABASE_URL: database.url, NOTIFY_INTERVAL_SECONDS: '0' })),
    );
    instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    expect(failures).toEqual([]);
    keys = await createTestKeys(instances[0].app, 'multi');
  });

  afterAll(async () => {
    await Promise.all(instances.map((t) => t.close()));
    await database?.drop();
  });

  it('all come up; the migrations and the seed are applied once', async () => {
    expect(instances).toHaveLength(3);
    const ds = instances[0].app.get(DataSource);
    const applied: Array<{ name: string }> = await ds.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(POSTGRES_MIGRATIONS.map((M) => (new M() as { name: string }).name));
    const seed = instances[0].app.get(SeedService).loadFile();
    const [{ n }] = await ds.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM recommendation');
    expect(n).toBe(seed.recommendations.length);
    for (let i = 0; i < 3; i++) {
      const res = await http(i).get('/api/v1/recommendations').query({ limit: 200 }).expect(200);
      expect(res.body.items).toHaveLength(seed.recommendations.length);
    }
  });

  it('runs write transactions of two instances one after the other (the second waits for the first to commit)', async () => {
    const slug = (await http(0).get('/api/v1/recommendations').query({ limit: 1 }).expect(200)).body.items[0].slug as string;
    const ds = instances[0].app.get(DataSource);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const aStarted = new Promise<void>((resolve) => (started = resolve));
    const a = instances[0].app.get(Transactions).run(async (em) => {
      await em.query(`UPDATE recommendation SET title = 'Written by A' WHERE slug = ?`, [slug]);
      started();
      await gate;
    });
    await aStarted;
    // B reads inside its own write transaction, through another instance: without the writer lock it
    // would read at once, before A commits, and compute from the old state (a lost derived update).
    const b = instances[1].app
      .get(Transactions)
      .run(
        async (em) =>
          (await em.query<Array<{ title: string }>>(`SELECT title FROM recommendation WHERE slug = ?`, [slug]))[0].title,
      );
    let bDone = false;
    const settled = () => (bDone = true);
    b.then(settled, settled);
    // Wait until B is queued on the advisory lock A holds (or, were there no lock, has finished), then let A commit.
    while (!bDone) {
      const [{ n }] = await ds.query<Array<{ n: number }>>(
        `SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
      );
      if (n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    await a;
    expect(await b).toBe('Written by A');
  });

  // test:postgres runs Jest with TZ=America/Chicago: a Date bound or read in the process's zone would be off by 5 hours.
  it('stores and reads instants the same whatever the process time zone', async () => {
    const ds = instances[0].app.get(DataSource);
    const slug = (await http(0).get('/api/v1/recommendations').query({ limit: 1 }).expect(200)).body.items[0].slug as string;
    const read = async () =>
      (await ds.query<Array<{ at: unknown }>>(`SELECT created_at AS "at" FROM recommendation WHERE slug = ?`, [slug]))[0].at;
    await ds.query(`UPDATE recommendation SET created_at = ? WHERE slug = ?`, [new Date('2021-06-01T05:00:00.000Z'), slug]);
    expect(await read()).toBe('2021-06-01T05:00:00.000Z');
    await ds.query(`UPDATE recommendation SET created_at = ? WHERE slug = ?`, ['2021-06-02T05:00:00.000Z', slug]);
    expect(await read()).toBe('2021-06-02T05:00:00.000Z');
  });

  it('gives a cached answer the same ETag on every instance, and a new one everywhere after a write through any', async () => {
    const path = '/api/v1/recommendations?limit=5';
    const first = await http(0).get(path).expect(200);
    const others = await Promise.all([http(1).get(path).expect(200), http(2).get(path).expect(200)]);
    expect(others.map((r) => r.headers.etag)).toEqual([first.headers.etag, first.headers.etag]);
    expect(others.map((r) => r.text)).toEqual([first.text, first.text]);
    await http(1).get(path).set('If-None-Match', first.headers.etag).expect(304);
    const ds = instances[2].app.get(DataSource);
    await ds.query(`UPDATE recommendation SET title = title || '.' WHERE id = (SELECT MIN(id) FROM recommendation)`);
    for (let i = 0; i < 3; i++) {
      const after = await http(i).get(path).set('If-None-Match', first.headers.etag).expect(200);
      expect(after.headers.etag).not.toBe(first.headers.etag);
    }
  });

  it('lets exactly one of two editors racing through two instances win', async () => {
    const created = await http(0)
      .post('/api/v1/sources')
      .set(bearer(keys.editor))
      .send({ slug: 'multi-report', title: 'A report', kind: 'other' });
    expect(created.status).toBe(201);
    const [a, b] = await Promise.all([
      http(1).patch('/api/v1/sources/multi-report').set(bearer(keys.editor)).set('If-Match', '"1"').send({ note: 'editor A' }),
      http(2).patch('/api/v1/sources/multi-report').set(bearer(keys.admin)).set('If-Match', '"1"').send({ note: 'editor B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? 'editor A' : 'editor B';
    expect((await http(0).get('/api/v1/sources/multi-report').expect(200)).body).toMatchObject({ note: winner, version: 2 });
  });

  it('keeps the headline status on the latest change when changes race through three instances', async () => {
    const list = await http(0).get('/api/v1/recommendations').query({ limit: 1 }).expect(200);
    const slug: string = list.body.items[0].slug;
    const source = (await http(0).get('/api/v1/sources').expect(200)).body.items[0].slug as string;
    // Twelve changes, each through the next instance, all at once; the latest effective date is in_progress.
    const changes = Array.from({ length: 12 }, (_, i) => ({
      status: i === 11 ? 'in_progress' : i % 2 ? 'stalled' : 'accepted',
      effectiveOn: `2026-11-${String(i + 1).padStart(2, '0')}`,
    }));
    const answers = await Promise.all(
      changes.map((c, i) =>
        http(i)
          .post(`/api/v1/recommendations/${slug}/status-changes`)
          .set(bearer(keys.editor))
          .send({ ...c, source, excerpt: `change ${i}` }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(changes.map(() => 201));
    for (let i = 0; i < 3; i++) {
      const item = (await http(i).get(`/api/v1/recommendations/${slug}`).expect(200)).body;
      expect(item).toMatchObject({ status: 'in_progress', statusAsOf: '2026-11-12' });
    }
  });
});
