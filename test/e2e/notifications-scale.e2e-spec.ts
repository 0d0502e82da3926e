/**
 * The scan at a size that once broke it: above about 41,600 subscribers with the default reminder
 * days, `Math.max(...days)` overflowed the call stack and nothing was queued for anyone. Subscribers
 * are inserted with one SQL statement (the API would take minutes); the scan and the dispatcher run
 * as the scheduler runs them, against a real SMTP server on loopback.
 */
import { DataSource } from 'typeorm';
import { startSmtp, TestSmtp } from '../support/smtp-server';
import { bootNotifyApp, NotifyApp } from '../support/notify-app';

const SUBSCRIBERS = 42_500;

describe('a scan with more than 41,600 subscribers', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;

  beforeAll(async () => {
    smtp = await startSmtp();
    // One deadline 7 local days before its last day, as in the other notification tests.
    t = await bootNotifyApp([{ slug: 'alpha', title: 'Adopt a foot pursuit policy', deadlines: [{ due: '2030-03-08' }] }], {
      SMTP_URL: smtp.url,
    });
    await t.app.get(DataSource).query(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO subscription (email, email_normalized, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
       SELECT 'reader' || i || '@example.org', 'reader' || i || '@example.org',
              '{"recommendations":[],"topics":[],"responsible":[],"sources":[]}',
              '["deadline_reminder","deadline_missed","status_change","finding"]', '[30,7,1]', 'none',
              'key-0', 'confirmed', '2030-02-01T00:00:00.000Z', '2030-02-01T00:00:00.000Z'
       FROM n`,
      [SUBSCRIBERS],
    );
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('completes and queues a reminder for every subscriber, then sends them', async () => {
    const report = await t.scanner.scan();
    expect(report.reminders).toBe(SUBSCRIBERS);
    expect((await t.scanner.scan()).reminders).toBe(0);
    expect(await t.dispatcher.dispatch({ maxBatches: 2, batchSize: 25 })).toMatchObject({ claimed: 50, sent: 50, dead: 0 });
    expect(smtp.received).toHaveLength(50);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(50);
  }, 120_000);
});
