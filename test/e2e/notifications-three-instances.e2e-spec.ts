/**
 * Three app processes (the production build, each on its own port) on one PostgreSQL database, as
 * behind a load balancer, each running the in-app scheduler (a scan every second, dispatch in every
 * instance) against one loopback SMTP server. 250 confirmed subscribers follow status changes, and
 * four status changes are recorded through different instances while other editors write and readers
 * read through all three: 1,000 emails are owed. Each arrives exactly once (by Message-ID), every
 * write answered 2xx is there afterwards, and nothing answers 5xx.
 *
 * PostgreSQL only (several instances on one SQLite file are not a supported deployment): without
 * DATABASE_URL (`npm test`) this file is skipped; `npm run test:postgres` runs it.
 */
import { Client } from 'pg';
import { createThrowawayDatabase } from '../../src/database/postgres/throwaway-database';
import { onPostgres } from '../support/engine';
import { startSmtp, TestSmtp } from '../support/smtp-server';
import { cli, ensureBuilt, send, spawnApp, SpawnedApp } from '../support/spawned-app';

const describeOnPostgres = onPostgres ? describe : describe.skip;

const SUBSCRIBERS = 250;
const STATUS_CHANGES = 4;
const OWED = SUBSCRIBERS * STATUS_CHANGES;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeOnPostgres('three app processes on one PostgreSQL, 1,000 emails owed', () => {
  let database: { url: string; drop: () => Promise<void> };
  let smtp: TestSmtp;
  let apps: SpawnedApp[] = [];
  let db: Client;
  let key: string;

  /** One value of a one-row query. */
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
    Object.values((await db.query(sql, params)).rows[0])[0] as T;
  /** Polls `check` until it is true, or fails after `limitMs` with `what`. */
  const until = async (what: string, check: () => Promise<boolean>, limitMs = 150_000) => {
    const end = Date.now() + limitMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
      await sleep(200);
    }
  };

  beforeAll(async () => {
    ensureBuilt();
    database = await createThrowawayDatabase(process.env.DATABASE_URL!, 'tracker_three');
    smtp = await startSmtp();
    const env = {
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      NOTIFY_INTERVAL_SECONDS: '1',
      PUBLIC_URL: 'https://tracker.test',
    };
    // All three start at once on the empty database (migrations and the seed under the advisory locks).
    apps = await Promise.all([0, 1, 2].map(() => spawnApp(env)));
    key = (await cli(['keys:create', '--name', 'three', '--role', 'admin'], { DATABASE_URL: database.url }))
      .trim()
      .split('\n')
      .pop()!;
    db = new Client({ connectionString: database.url });
    await db.connect();
    // The seeded status changes are scanned (owed to nobody) before anyone subscribes.
    await until('the first scan', async () => {
      const cursor = await one<number | null>(`SELECT MAX(last_id) FROM notification_cursor WHERE name = 'status_change'`);
      return cursor !== null && cursor >= (await one<number>(`SELECT MAX(id) FROM status_change`));
    });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all(apps.map((a) => a.stop()));
    await smtp?.stop();
    await database?.drop();
  }, 60_000);

  it('sends each email exactly once, keeps every write answered 2xx, and answers no 5xx', async () => {
    await db.query(
      `INSERT INTO subscription (email, email_normalized, mailbox, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
       SELECT 'reader' || i || '@example.org', 'reader' || i || '@example.org', 'reader' || i || '@example.org',
              '{"recommendations":[],"topics":[],"responsible":[],"sources":[]}', '["status_change"]', '[]', 'none',
              'key-' || i, 'confirmed', $1, $1
       FROM generate_series(1, $2::int) AS i`,
      [new Date().toISOString(), SUBSCRIBERS],
    );
    const items = JSON.parse((await send(apps[0].base, 'GET', '/api/v1/recommendations?limit=20')).body).items as Array<{
      slug: string;
    }>;
    const source = (JSON.parse((await send(apps[0].base, 'GET', '/api/v1/sources')).body).items as Array<{ slug: string }>)[0]
      .slug;

    const started = Date.now();
    const answers: Array<{ what: string; status: number }> = [];
    const via = (i: number) => apps[i % apps.length].base;
    // Writers: the four status changes that are owed, and editors creating sources, through every instance.
    const statusChanges = Array.from({ length: STATUS_CHANGES }, async (_, i) => {
      const a = await send(via(i), 'POST', `/api/v1/recommendations/${items[i].slug}/status-changes`, {
        key,
        body: JSON.stringify({ status: 'stalled', effectiveOn: '2026-11-20', source, excerpt: `three-instances ${i}` }),
      });
      answers.push({ what: `status change ${i}`, status: a.status });
      return a;
    });
    const sources = Array.from({ length: 30 }, async (_, i) => {
      const a = await send(via(i + 1), 'POST', '/api/v1/sources', {
        key,
        body: JSON.stringify({ slug: `three-source-${i}`, title: `Report ${i}`, kind: 'other' }),
      });
      answers.push({ what: `source ${i}`, status: a.status });
      return { slug: `three-source-${i}`, status: a.status };
    });
    // Readers, meanwhile, through every instance.
    const paths = ['/api/v1/recommendations?limit=50', '/recommendations', '/api/v1/deadlines', '/', '/api/v1/sources'];
    const reads = Array.from({ length: 90 }, async (_, i) => {
      const a = await send(via(i), 'GET', paths[i % paths.length]);
      answers.push({ what: `GET ${paths[i % paths.length]}`, status: a.status });
    });
    const [changed, created] = await Promise.all([Promise.all(statusChanges), Promise.all(sources), Promise.all(reads)]);

    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    expect(changed.map((a) => a.status)).toEqual(Array.from({ length: STATUS_CHANGES }, () => 201));
    // Every write answered 2xx is there, read through another instance.
    for (const [i, s] of created.entries()) {
      if (s.status >= 200 && s.status < 300)
        expect((await send(via(i + 2), 'GET', `/api/v1/sources/${s.slug}`)).status).toBe(200);
    }
    expect(created.filter((s) => s.status === 201).length).toBeGreaterThan(0);
    expect(await one<number>(`SELECT COUNT(*)::int FROM status_change WHERE evidence_excerpt LIKE 'three-instances %'`)).toBe(
      STATUS_CHANGES,
    );

    // Everything owed is sent and recorded by the schedulers of the three instances.
    await until(
      `${OWED} emails sent`,
      async () =>
        (await one<number>(`SELECT COUNT(*)::int FROM notification WHERE state = 'sent' AND kind = 'status_change'`)) >= OWED,
    );
    const sentAt = Date.now();
    // A little longer, so a duplicate sent late would show.
    await sleep(3_000);
    const notices = smtp.received.filter((m) => !/^Confirm/.test(m.headers.get('subject') ?? ''));
    const ids = notices.map((m) => m.headers.get('message-id'));
    expect(new Set(ids).size).toBe(OWED);
    expect(ids).toHaveLength(OWED);
    expect(await one<number>(`SELECT COUNT(*)::int FROM notification WHERE state <> 'sent'`)).toBe(0);
    // The work was shared: more than one instance sent (each worker id names its process).
    const workers = await one<number>(`SELECT COUNT(DISTINCT split_part(leased_by, ':', 2))::int FROM notification`);
    expect(workers).toBeGreaterThan(0);
    process.stdout.write(
      `three instances: ${answers.length} requests (${created.filter((s) => s.status === 201).length}/30 sources created), ` +
        `${OWED} emails owed, ${ids.length} received, ${new Set(ids).size} distinct Message-IDs, sent by ${workers} instance(s), ` +
        `all sent ${((sentAt - started) / 1000).toFixed(1)} s after the first write\n`,
    );
  }, 240_000);
});
