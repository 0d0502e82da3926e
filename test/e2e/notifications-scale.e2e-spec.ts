/**
 * The scan at a size that once broke it, and its incremental cursors. Above about 41,600 subscribers
 * with the default reminder days, `Math.max(...days)` overflowed the call stack and nothing was
 * queued for anyone; and every scan rewrote every owed row. Subscribers are inserted with one SQL
 * statement (the API would take minutes); the scan and the dispatcher run as the scheduler runs
 * them, against a real SMTP server on loopback, on a clock the test moves.
 */
import { DataSource } from 'typeorm';
import { onPostgres } from '../support/engine';
import { startSmtp, TestSmtp } from '../support/smtp-server';
import { bootNotifyApp, DAY, NotifyApp } from '../support/notify-app';
import { SubscriptionsService } from '../../src/notifications/subscriptions.service';
import { newToken } from '../../src/notifications/tokens';

const SUBSCRIBERS = 42_500;
const EVERYTHING = '{"recommendations":[],"topics":[],"responsible":[],"sources":[]}';
const ALL_TRIGGERS = '["deadline_reminder","deadline_missed","status_change","finding"]';

/** Confirmed subscribers following everything, reminders [30, 7, 1], confirmed at `confirmedAt`. */
const insertSubscribers = (db: DataSource, n: number, prefix: string, confirmedAt: string) =>
  db.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO subscription (email, email_normalized, mailbox, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
     SELECT ? || i || '@example.org', ? || i || '@example.org', ? || i || '@example.org', ?, ?, '[30,7,1]', 'none',
            '0000000000000000000000000000000000000000000000000000000000000000', 'confirmed', ?, ?
     FROM n`,
    [n, prefix, prefix, prefix, EVERYTHING, ALL_TRIGGERS, confirmedAt, confirmedAt],
  );

describe('a scan with more than 41,600 subscribers', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;
  let db: DataSource;
  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await db.query(sql, params)) as Array<{ n: number }>)[0].n);
  const addSubscribers = (n: number, prefix: string, confirmedAt: string) => insertSubscribers(db, n, prefix, confirmedAt);
  /** What a scan could have written: the outbox's rows, its highest id and AUTOINCREMENT counter, and the connection's row changes. */
  const footprint = async () => ({
    rows: await count(`SELECT COUNT(*) AS n FROM notification`),
    maxId: await count(`SELECT MAX(id) AS n FROM notification`),
    sequence: await count(
      onPostgres
        ? `SELECT last_value AS n FROM notification_id_seq`
        : `SELECT seq AS n FROM sqlite_sequence WHERE name = 'notification'`,
    ),
    // PostgreSQL: the version every write moves (table_version's row '*').
    changes: await count(onPostgres ? `SELECT n FROM table_version WHERE name = '*'` : `SELECT total_changes() AS n`),
  });

  beforeAll(async () => {
    smtp = await startSmtp();
    // One deadline 7 local days before its last day (the clock starts at 2030-03-01 noon in Chicago).
    t = await bootNotifyApp([{ slug: 'alpha', title: 'Adopt a foot pursuit policy', deadlines: [{ due: '2030-03-08' }] }], {
      SMTP_URL: smtp.url,
    });
    db = t.app.get(DataSource);
    await addSubscribers(SUBSCRIBERS, 'reader', '2030-02-01T00:00:00.000Z');
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('completes and queues a reminder for every subscriber, then sends them', async () => {
    const report = await t.scanner.scan();
    expect(report.reminders).toBe(SUBSCRIBERS);
    expect(await t.dispatcher.dispatch({ maxBatches: 2, batchSize: 25 })).toMatchObject({ claimed: 50, sent: 50, dead: 0 });
    expect(smtp.received).toHaveLength(50);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(50);
  }, 60_000);

  it('writes nothing on a second scan with nothing new, later the same day (not even its cursor: see idle-writes)', async () => {
    t.clock.advance(3 * 3_600_000);
    const before = await footprint();
    expect(await t.scanner.scan()).toMatchObject({ reminders: 0, missed: 0, statusChanges: 0, findings: 0, cancelled: 0 });
    const after = await footprint();
    expect(after).toEqual(before);
  }, 60_000);

  it('owes a subscriber confirmed since the last scan the window already open, once', async () => {
    await addSubscribers(1, 'newcomer', t.clock.now().toISOString());
    expect((await t.scanner.scan()).reminders).toBe(1);
    expect((await t.scanner.scan()).reminders).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM notification WHERE dedupe_key LIKE 'reminder:%' AND reminder_days = 7`)).toBe(
      SUBSCRIBERS + 1,
    );
  }, 60_000);

  it('owes everyone a deadline added since the last scan, at once', async () => {
    await t.seed([{ slug: 'beta', title: 'Publish pursuit data', deadlines: [{ due: '2030-03-20' }] }]);
    expect((await t.scanner.scan()).reminders).toBe(SUBSCRIBERS + 1);
    expect((await t.scanner.scan()).reminders).toBe(0);
  }, 60_000);

  it('queues the reminders whose window opens between two scans once, and nothing of the windows that stayed open', async () => {
    // Six days later alpha's last day is tomorrow (the 1-day window opens); beta is 13 days out, still in its 30-day window.
    t.clock.advance(6 * DAY);
    expect(await t.scanner.scan()).toMatchObject({ reminders: SUBSCRIBERS + 1, missed: 0 });
    expect(await count(`SELECT COUNT(*) AS n FROM notification WHERE reminder_days = 1`)).toBe(SUBSCRIBERS + 1);
    const before = await footprint();
    expect((await t.scanner.scan()).reminders).toBe(0);
    expect((await footprint()).rows).toBe(before.rows);
    // Sending some changes nothing for the next scan either.
    await t.dispatcher.dispatch({ maxBatches: 1, batchSize: 20 });
    expect((await t.scanner.scan()).reminders).toBe(0);
  }, 60_000);

  it('owes missed notices once when a deadline closes between scans', async () => {
    // alpha closes at the start of 2030-03-09 local time.
    t.clock.advance(2 * DAY);
    expect((await t.scanner.scan()).missed).toBe(SUBSCRIBERS + 1);
    expect((await t.scanner.scan()).missed).toBe(0);
  }, 60_000);

  it('computes reminders again after a subscriber changes their reminder days', async () => {
    const subscriptionId = await count(`SELECT id AS n FROM subscription WHERE email = 'reader1@example.org'`);
    const { token, hash } = newToken();
    await t.transactions.run(() =>
      t.subscriptionRows.insertToken(subscriptionId, 'manage', hash, t.clock.now().toISOString(), null),
    );
    // beta's last day is 11 days out: with reminders [12] it is owed the 12-day one, which no scan had computed.
    await t.app
      .get(SubscriptionsService)
      .updateSettings(token, { triggers: ['deadline_reminder'], reminderDays: [12], digest: 'none' });
    expect((await t.scanner.scan()).reminders).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM notification WHERE reminder_days = 12`)).toBe(1);
  }, 60_000);
});

/**
 * For the describe block it is called in: the app (alpha: a deadline 7 local days before its last
 * day) with a loopback SMTP server and `subscribers` confirmed subscribers following everything.
 */
function appWithSubscribers(subscribers: number): { t: NotifyApp; smtp: TestSmtp } {
  const ctx = {} as { t: NotifyApp; smtp: TestSmtp };
  beforeAll(async () => {
    ctx.smtp = await startSmtp();
    ctx.t = await bootNotifyApp([{ slug: 'alpha', title: 'Adopt a foot pursuit policy', deadlines: [{ due: '2030-03-08' }] }], {
      SMTP_URL: ctx.smtp.url,
    });
    await insertSubscribers(ctx.t.app.get(DataSource), subscribers, 'reader', '2030-02-01T00:00:00.000Z');
  }, 60_000);
  afterAll(async () => {
    await ctx.t.close();
    await ctx.smtp.stop();
  });
  return ctx;
}

describe('a confirmation email and a backlog', () => {
  const ctx = appWithSubscribers(2_000);

  it('goes out before the reminders queued ahead of it', async () => {
    const { t, smtp } = ctx;
    expect((await t.scanner.scan()).reminders).toBe(2_000);
    t.clock.advance(60_000);
    await t.http.post('/api/v1/subscriptions').send({ email: 'newcomer@example.org' }).expect(202);
    expect(await t.dispatcher.dispatch({ maxBatches: 1, batchSize: 1 })).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received.map((m) => m.to[0])).toEqual(['newcomer@example.org']);
    const sent = (await t.outbox()).find((n) => n.state === 'sent')!;
    expect((await t.outboxRows.findNotification(sent.id))!.kind).toBe('confirm');
  });
});

describe('a reminder window that opens between two scans', () => {
  const ctx = appWithSubscribers(3);

  it('sends each subscriber that reminder once', async () => {
    const { t, smtp } = ctx;
    await t.scanner.scan();
    await t.dispatcher.dispatch();
    expect(smtp.received).toHaveLength(3); // the 7-day reminders
    t.clock.advance(6 * DAY); // the 1-day window opens
    for (let i = 0; i < 3; i++) {
      await t.scanner.scan();
      await t.dispatcher.dispatch();
    }
    expect(smtp.received).toHaveLength(6);
    const perReader = new Map<string, string[]>();
    for (const m of smtp.received) perReader.set(m.to[0], [...(perReader.get(m.to[0]) ?? []), m.headers.get('message-id')!]);
    expect([...perReader.keys()].sort()).toEqual(['reader1@example.org', 'reader2@example.org', 'reader3@example.org']);
    for (const ids of perReader.values()) expect(new Set(ids).size).toBe(2);
    // The second email of each is its 1-day reminder (the rows say which Message-ID each was sent with).
    const oneDay = (await t.app
      .get(DataSource)
      .query(`SELECT message_id AS "messageId" FROM notification WHERE reminder_days = 1 AND state = 'sent'`)) as Array<{
      messageId: string;
    }>;
    expect(oneDay.map((r) => r.messageId).sort()).toEqual([...perReader.values()].map((ids) => ids[1]).sort());
  });
});
