/**
 * On a SQLite file the scan's writes run in the write worker (src/database/sqlite/write-worker.ts), a
 * thread with a connection of its own, off the event loop. Two apps on two files with the same data,
 * one writing through the worker and one in process (the path ":memory:" and a failed worker take),
 * scan the same steps: first scan, a second one with nothing new, a deadline met (its reminders
 * cancelled), a first scan again after the cursor was forgotten (the cancellation walks every queued
 * notification), and must leave the same outbox and cursors. And an app write that meets a worker
 * transaction waits its turn and succeeds, while reads are answered meanwhile.
 */
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { dataVersion } from '../../src/database/data-version';
import type { SqliteThread } from '../../src/database/sqlite/sqlite-thread';
import { WriteWorker } from '../../src/database/sqlite/write-worker';
import { ScanCursorsRepository } from '../../src/notifications/scan-cursors.repository';
import type { ScanReport } from '../../src/notifications/notification-scanner.service';
import { onPostgres } from '../support/engine';
import { FactoryItem } from '../support/factories';
import { bootNotifyApp, DAY, NotifyApp } from '../support/notify-app';

const items: FactoryItem[] = [
  { slug: 'alpha', topics: ['training'], deadlines: [{ due: '2030-03-08' }] },
  { slug: 'bravo', deadlines: [{ due: '2030-03-09' }, { due: '2030-03-25' }] },
  {
    slug: 'charlie',
    deadlines: [{ due: '2030-02-20' }],
    statuses: [
      { status: 'not_started', on: '2029-06-01' },
      { status: 'in_progress', on: '2030-02-25' },
    ],
  },
];

/** Confirmed subscribers following everything, with every trigger and reminders [30, 7, 1]. */
const SUBSCRIBERS = 300;
const addSubscribers = (t: NotifyApp, n = SUBSCRIBERS, prefix = 'reader', confirmedAt = '2030-02-01T00:00:00.000Z') =>
  t.app.get(DataSource).query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO subscription (email, email_normalized, mailbox, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
     SELECT ? || i || '@example.org', ? || i || '@example.org', ? || i || '@example.org',
            '{"recommendations":[],"topics":[],"responsible":[],"sources":[]}',
            '["deadline_reminder","deadline_missed","status_change","finding"]', '[30,7,1]', 'none',
            '0000000000000000000000000000000000000000000000000000000000000000', 'confirmed', ?, ?
     FROM n`,
    [n, prefix, prefix, prefix, confirmedAt, confirmedAt],
  );

/**
 * What a scan leaves: the outbox (without ids: the two paths may insert a batch's kinds in another
 * order; confirmations are the API's, not the scan's) and the cursors.
 */
async function footprint(t: NotifyApp) {
  const db = t.app.get(DataSource);
  const outbox = (await db.query(
    `SELECT n.dedupe_key AS "dedupeKey", n.kind AS "kind", n.state AS "state", n.last_error AS "lastError",
            s.email AS "email", n.deadline_id AS "deadlineId", n.status_change_id AS "statusChangeId",
            n.reminder_days AS "reminderDays", n.created_at AS "createdAt"
     FROM notification n JOIN subscription s ON s.id = n.subscription_id WHERE n.kind <> 'confirm' ORDER BY n.dedupe_key`,
  )) as Array<Record<string, unknown>>;
  const cursors = await db.query(
    `SELECT name, last_id AS "lastId", updated_at AS "updatedAt" FROM notification_cursor ORDER BY name`,
  );
  return { outbox, cursors };
}

const counter = async (t: NotifyApp, sql: string) =>
  Number(((await t.app.get(DataSource).query(sql)) as Array<{ n: number }>)[0].n);
/** Row changes made by the app's own connection (the worker's are not counted). */
const ownChanges = (t: NotifyApp) => counter(t, `SELECT total_changes() AS n`);
const notificationVersion = (t: NotifyApp) => counter(t, `SELECT n FROM table_version WHERE name = 'notification'`);

// PostgreSQL has no write worker: its scan writes through the pool as before (notifications.e2e-spec).
(onPostgres ? describe.skip : describe)('the scan through the write worker', () => {
  let worker: NotifyApp;
  let here: NotifyApp;

  beforeAll(async () => {
    [worker, here] = await Promise.all([bootNotifyApp(items), bootNotifyApp(items)]);
    here.app.get(WriteWorker).enabled = false;
    await Promise.all([addSubscribers(worker), addSubscribers(here)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([worker?.close(), here?.close()]);
  });

  /** The same scan on both apps; returns both reports, and checks they and what they left are equal. */
  const scanBoth = async () => {
    const reports: ScanReport[] = [];
    for (const t of [worker, here]) reports.push(await t.scanner.scan());
    expect(reports[0]).toEqual(reports[1]);
    const [a, b] = [await footprint(worker), await footprint(here)];
    expect(a.outbox).toEqual(b.outbox);
    expect(a.cursors).toEqual(b.cursors);
    return reports[0];
  };

  it('writes in the worker on a file database, in process when turned off', async () => {
    expect(worker.transactions.offThread).toBe(true);
    expect(here.transactions.offThread).toBe(false);
  });

  it('writes what the in-process scan writes, and a second scan adds nothing', async () => {
    const before = { own: await ownChanges(worker), version: await notificationVersion(worker) };
    const cacheVersion = await dataVersion(worker.app.get(DataSource))!.current();

    const first = await scanBoth();
    // alpha (window 7), bravo (7 and 30 days: windows 7 and 30), charlie's missed deadline, its two status changes.
    expect(first).toMatchObject({
      reminders: 3 * SUBSCRIBERS,
      missed: SUBSCRIBERS,
      statusChanges: 2 * SUBSCRIBERS,
      cancelled: 0,
    });
    const written = first.reminders + first.missed + first.statusChanges + first.findings + first.outcomes;
    expect((await footprint(worker)).outbox).toHaveLength(written);
    // Written by the worker's connection, not the app's; the table's version (what cached answers
    // check) moved with every row, and so did the data version the app reads on each request.
    expect((await ownChanges(worker)) - before.own).toBe(0);
    expect((await notificationVersion(worker)) - before.version).toBe(written);
    expect(await dataVersion(worker.app.get(DataSource))!.current()).not.toBe(cacheVersion);

    const again = await scanBoth();
    expect(again).toMatchObject({ reminders: 0, missed: 0, statusChanges: 0, findings: 0, outcomes: 0, cancelled: 0 });
  });

  it('cancels the reminders of a deadline met since, as the in-process scan does', async () => {
    for (const t of [worker, here]) {
      await t.app
        .get(DataSource)
        .query(`UPDATE deadline SET state = 'met', met_on = '2030-03-01', settled_on = '2030-03-01' WHERE slug = 'alpha-dl-0'`);
      t.clock.advance(DAY / 4);
    }
    const report = await scanBoth();
    expect(report).toMatchObject({ cancelled: SUBSCRIBERS, outcomes: SUBSCRIBERS });
  });

  it('cancels over every queued notification on a scan that starts again from nothing, page by page', async () => {
    // Pages of 7 ids (not a divisor of the outbox's size), so rows on either side of every bound count.
    worker.scanner.cancelIds = 7;
    for (const t of [worker, here]) {
      await t.transactions.run(() => t.app.get(ScanCursorsRepository).forgetDeadlineScans());
      await t.app
        .get(DataSource)
        .query(`UPDATE deadline SET state = 'withdrawn', settled_on = '2030-03-01' WHERE slug = 'bravo-dl-1'`);
    }
    const report = await scanBoth();
    // bravo-dl-1's 30-day reminders (and nothing written twice).
    expect(report).toMatchObject({ cancelled: SUBSCRIBERS, reminders: 0, missed: 0 });
  });

  it('lets an app write wait its turn behind a worker transaction, and answers reads meanwhile', async () => {
    const file = (worker.app.get(DataSource).options as { database: string }).database;
    // Another connection, to see whether someone holds the write lock (it never waits).
    const probe = new Database(file, { timeout: 0 });
    const lockHeld = () => {
      try {
        probe.prepare('BEGIN IMMEDIATE').run();
        probe.prepare('ROLLBACK').run();
        return false;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        return true;
      }
    };
    try {
      // A worker transaction that holds the lock for a while (it counts to a few million, and changes nothing).
      let workerDone = false;
      const slow = worker.transactions
        .runOffThread([
          {
            sql: `UPDATE tracker_meta SET value = value
                  WHERE (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000000) SELECT COUNT(*) FROM n) < 0`,
            params: [],
          },
        ])
        .then((changes) => {
          workerDone = true;
          return changes;
        });
      while (!lockHeld()) await new Promise((resolve) => setTimeout(resolve, 2));

      // A subscription: an app write (its transaction inserts the subscription and its confirmation email).
      const write = worker.http.post('/api/v1/subscriptions').send({ email: 'during@example.org' });
      const writing = write.then((res) => ({ status: res.status, workerDoneFirst: workerDone }));
      const health = await worker.http.get('/health');
      expect(health.status).toBe(200);
      // The read was answered while the worker still held the lock, so the write was waiting meanwhile.
      expect(lockHeld()).toBe(true);
      expect(workerDone).toBe(false);

      expect(await slow).toEqual([0]);
      expect(await writing).toEqual({ status: 202, workerDoneFirst: true });
      expect(await counter(worker, `SELECT COUNT(*) AS n FROM subscription WHERE email = 'during@example.org'`)).toBe(1);
    } finally {
      probe.close();
    }
  });

  it('writes in process again if the worker dies', async () => {
    const writeWorker = worker.app.get(WriteWorker);
    const thread = await (writeWorker as unknown as { thread: Promise<SqliteThread> }).thread;
    await thread.terminate();
    await new Promise((resolve) => setImmediate(resolve));
    expect(worker.transactions.offThread).toBe(false);
    await expect(worker.transactions.runOffThread([])).rejects.toThrow(/no SQLite write worker/);

    // A new local day (March 2 in Chicago): bravo-dl-0, due March 9, enters its 7-day window, for
    // everyone, including 20 subscribers confirmed since the last scan.
    const before = await ownChanges(worker);
    for (const t of [worker, here]) {
      t.clock.advance(DAY / 4);
      await addSubscribers(t, 20, 'later', t.clock.now().toISOString());
    }
    const added = (await ownChanges(worker)) - before;
    const report = await scanBoth();
    expect(report).toMatchObject({ reminders: SUBSCRIBERS + 20, cancelled: 0 });
    // Written by the app's own connection this time.
    expect((await ownChanges(worker)) - before - added).toBeGreaterThanOrEqual(SUBSCRIBERS + 20);
  });
});
