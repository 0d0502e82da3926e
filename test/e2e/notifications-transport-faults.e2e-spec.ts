/**
 * Whose fault a failed send is. A wrong SMTP password, or a relay refusing MAIL_FROM, is the
 * operator's: nothing may die of it, no attempt is counted, the transport is marked down (once), and
 * once fixed every notification goes out exactly once. Replies to RCPT TO and DATA are about the
 * recipient or the message: a 550 there is dead at once. The admin outbox API lists by kind and error
 * text and retries in bulk. Real SMTP servers on loopback (smtp-server), nodemailer unmocked.
 */
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { MailTransportHealth } from '../../src/notifications/mail/mail-transport-health';
import { SEND_BUDGET_MS } from '../../src/notifications/notification-dispatcher.service';
import { HEALTH_COUNT_LIMIT } from '../../src/notifications/outbox.repository';
import { startSmtp, TestSmtp } from '../support/smtp-server';
import { bootNotifyApp, NotifyApp } from '../support/notify-app';
import type { FactoryItem } from '../support/factories';

const items: FactoryItem[] = [
  // 7 local days before its last day at the test's start (2030-03-01, Chicago).
  { slug: 'alpha', title: 'Adopt a foot pursuit policy', deadlines: [{ due: '2030-03-08' }] },
];
const READERS = 20;
const MINUTE = 60_000;

/** Confirmed subscribers to reminders, written straight into the database. */
async function addReaders(t: NotifyApp, n: number): Promise<void> {
  await t.app.get(DataSource).query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO subscription (email, email_normalized, filter, triggers, reminder_days, digest, settings_key, state, created_at, confirmed_at)
     SELECT 'reader' || i || '@example.org', 'reader' || i || '@example.org',
            '{"recommendations":[],"topics":[],"responsible":[],"sources":[]}', '["deadline_reminder"]', '[7]', 'none',
            'key-' || i, 'confirmed', '2030-02-01T00:00:00.000Z', '2030-02-01T00:00:00.000Z'
     FROM n`,
    [n],
  );
}

const byMessageId = (smtp: TestSmtp) => {
  const counts = new Map<string, number>();
  for (const m of smtp.received) counts.set(m.headers.get('message-id')!, (counts.get(m.headers.get('message-id')!) ?? 0) + 1);
  return counts;
};

describe('a wrong SMTP password', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;

  beforeEach(async () => {
    smtp = await startSmtp(0, { requireAuth: true });
    smtp.login = (_user, pass) => pass === 'right-password';
    t = await bootNotifyApp(items, { SMTP_URL: `smtp://tracker:wrong-password@127.0.0.1:${smtp.port}` });
    await addReaders(t, READERS);
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  it('kills nothing and counts no attempt; once the login works, everything is delivered exactly once', async () => {
    expect((await t.scanner.scan()).reminders).toBe(READERS);
    const health = t.app.get(MailTransportHealth);
    expect(health.status().status).toBe('unknown');

    const down = await t.dispatcher.dispatch();
    expect(down).toMatchObject({ claimed: READERS, sent: 0, dead: 0, retried: READERS, deferred: READERS });
    expect(smtp.refusedLogins).toBeGreaterThan(0);
    const rows = await t.outbox();
    expect(rows.map((n) => [n.state, n.attempts])).toEqual(Array.from({ length: READERS }, () => ['pending', 0]));
    for (const n of rows) {
      expect(n.lastError).toMatch(/EAUTH.*535|Invalid login|not tried/);
      expect(n.nextAttemptAt > t.clock.now().toISOString()).toBe(true);
    }
    expect(health.status()).toMatchObject({ status: 'down', failures: expect.any(Number) });
    expect(health.status().lastError).toMatch(/^transient \(mail transport\) EAUTH 535 at AUTH PLAIN: Invalid login/);

    // Held back for the transport's pause; later tries still kill nothing and still count nothing.
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);
    for (let i = 0; i < 12; i++) {
      t.clock.advance(10 * MINUTE);
      expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 0, dead: 0 });
    }
    expect((await t.outbox()).every((n) => n.state === 'pending' && n.attempts === 0)).toBe(true);
    expect(smtp.received).toHaveLength(0);

    // The password is fixed (here: the server now accepts it).
    smtp.login = () => true;
    t.clock.advance(10 * MINUTE);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: READERS, dead: 0, deferred: 0 });
    expect(health.status().status).toBe('up');
    t.clock.advance(10 * MINUTE);
    await t.scanner.scan();
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);

    const counts = byMessageId(smtp);
    expect(counts.size).toBe(READERS);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(READERS);
    expect((await t.outbox()).map((n) => [n.state, n.attempts])).toEqual(Array.from({ length: READERS }, () => ['sent', 1]));
  });
});

describe('a relay that refuses MAIL FROM, and rejections of one recipient', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;
  let admin: string;

  beforeEach(async () => {
    smtp = await startSmtp();
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url, MAIL_FROM: 'Reform Tracker <tracker@localhost>' });
    await addReaders(t, READERS);
    admin = (await t.app.get(ApiKeysService).create('ops', 'admin')).key;
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  it('keeps every row pending (not dead) while the sender is refused, then sends each once', async () => {
    smtp.mailFrom = () => 550;
    await t.scanner.scan();
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 0, dead: 0, deferred: READERS });
    expect(smtp.refusedSenders).toBeGreaterThan(0);
    expect((await t.outbox()).every((n) => n.state === 'pending' && n.attempts === 0)).toBe(true);
    const [first] = await t.outbox();
    expect(first.lastError).toMatch(/EENVELOPE 550 at MAIL FROM: .*Sender address rejected|not tried/);
    expect(t.app.get(MailTransportHealth).status().lastError).toMatch(/550 at MAIL FROM/);
    // /health says so, though the relay greets and takes a login (what verify() alone checks), with the backlog.
    t.clock.advance(MINUTE);
    const connectionsBefore = smtp.connections;
    const health = await t.http.get('/health');
    expect(health.status).toBe(503);
    // The dispatcher's fault is the answer: /health opened no connection of its own to find it.
    expect(smtp.connections).toBe(connectionsBefore);
    expect(health.body.checks).toEqual({ database: 'up', mail: 'down', outbox: 'up' });
    expect(health.body.details.mail).toMatchObject({ transport: 'smtp', error: 'EENVELOPE', dispatch: { status: 'down' } });
    expect(health.body.details.outbox).toEqual({
      status: 'up',
      pending: READERS,
      sending: 0,
      dead: 0,
      oldestPendingAt: expect.any(String),
      oldestPendingSeconds: 60,
      countedUpTo: HEALTH_COUNT_LIMIT,
    });
    expect(JSON.stringify(health.body)).not.toContain('Sender address rejected');

    // The operator fixes MAIL_FROM and, without waiting for the pause, makes the held rows due now.
    smtp.mailFrom = () => undefined;
    const bulk = await t.http
      .post('/api/v1/notifications/retry')
      .set('Authorization', `Bearer ${admin}`)
      .send({ state: 'pending', error: 'mail transport' });
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({ retried: READERS });
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: READERS, dead: 0 });
    expect([...byMessageId(smtp).values()]).toEqual(Array.from({ length: READERS }, () => 1));
    const connectionsAfterSends = smtp.connections;
    const healthy = await t.http.get('/health');
    expect(healthy.status).toBe(200);
    expect(healthy.body.details.mail.dispatch.status).toBe('up');
    // Messages just accepted say the transport works: no connection to check it again.
    expect(smtp.connections).toBe(connectionsAfterSends);
    expect(healthy.body.details.outbox).toMatchObject({ pending: 0, dead: 0, oldestPendingAt: null, oldestPendingSeconds: null });
  });

  it('still kills a 550 at RCPT TO at once, and an admin can retry the dead in bulk by kind and error text', async () => {
    smtp.rcpt = (address) => (/^reader[1-3]@/.test(address) ? 550 : undefined);
    await t.scanner.scan();
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: READERS - 3, dead: 3, deferred: 0 });
    expect(t.app.get(MailTransportHealth).status().status).toBe('up');
    const dead = (await t.outbox()).filter((n) => n.state === 'dead');
    expect(dead).toHaveLength(3);
    expect((await t.http.get('/health')).body.details.outbox).toMatchObject({ pending: 0, dead: 3 });
    for (const n of dead) expect(n.lastError).toMatch(/^permanent EENVELOPE 550: /);

    const auth = { Authorization: `Bearer ${admin}` };
    // The outbox lists by kind and by error text.
    const listed = await t.http
      .get('/api/v1/notifications')
      .query({ state: 'dead', kind: 'reminder', error: 'eenvelope 550' })
      .set(auth);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((n: { id: number }) => n.id).sort()).toEqual(dead.map((n) => n.id).sort());
    const none = await t.http.get('/api/v1/notifications').query({ state: 'dead', kind: 'confirm' }).set(auth);
    expect(none.body.items).toEqual([]);
    const bad = await t.http.get('/api/v1/notifications').query({ kind: 'gossip' }).set(auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('kind');

    // Bulk retry: filters that match nothing retry nothing; bad filters are refused; only admins may.
    expect((await t.http.post('/api/v1/notifications/retry').set(auth).send({ kind: 'confirm' })).body).toEqual({ retried: 0 });
    expect((await t.http.post('/api/v1/notifications/retry').set(auth).send({ error: 'EAUTH' })).body).toEqual({ retried: 0 });
    const badState = await t.http.post('/api/v1/notifications/retry').set(auth).send({ state: 'sent' });
    expect(badState.status).toBe(400);
    expect(badState.body.errors[0].field).toBe('state');
    await t.http.post('/api/v1/notifications/retry').send({}).expect(401);
    const { key: editor } = await t.app.get(ApiKeysService).create('writer', 'editor');
    await t.http.post('/api/v1/notifications/retry').set('Authorization', `Bearer ${editor}`).send({}).expect(403);

    smtp.rcpt = () => undefined;
    const retried = await t.http
      .post('/api/v1/notifications/retry')
      .set(auth)
      .send({ state: 'dead', kind: 'reminder', error: 'Recipient' });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ retried: 3 });
    const audit = await t.app
      .get(DataSource)
      .query(
        `SELECT key_name AS "keyName", action, entity_id AS "entityId", before, after FROM audit_entry WHERE entity = 'notification'`,
      );
    expect(audit).toHaveLength(3); // the two that retried nothing, and this one
    expect(audit[2]).toMatchObject({ keyName: 'ops', action: 'retry', entityId: null });
    expect(JSON.parse(audit[2].before)).toEqual({ filter: { state: 'dead', kind: 'reminder', error: 'Recipient' } });
    expect(JSON.parse(audit[2].after)).toMatchObject({ retried: 3 });

    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 3, dead: 0 });
    expect(smtp.received).toHaveLength(READERS);
    expect((await t.outbox()).every((n) => n.state === 'sent')).toBe(true);
  });
});

describe('a backlog of many batches', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;

  beforeEach(async () => {
    smtp = await startSmtp();
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url });
    await addReaders(t, 60);
    expect((await t.scanner.scan()).reminders).toBe(60);
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  it('goes out in one run, batch after batch with no cap, each email exactly once at its first attempt', async () => {
    expect(await t.dispatcher.dispatch({ batchSize: 7, concurrency: 4 })).toMatchObject({
      claimed: 60,
      sent: 60,
      retried: 0,
      lost: 0,
    });
    expect(smtp.received).toHaveLength(60);
    expect([...byMessageId(smtp).values()].every((n) => n === 1)).toBe(true);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(60);
    expect((await t.outbox()).every((n) => n.state === 'sent' && n.attempts === 1)).toBe(true);
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);
  });

  it('stops between sends when asked (shutdown): what was claimed but not started goes back with no attempt counted', async () => {
    const report = await t.dispatcher.dispatch({ batchSize: 10, concurrency: 1, shouldStop: () => smtp.received.length >= 3 });
    expect(report).toMatchObject({ claimed: 10, sent: 3, retried: 7, deferred: 0, dead: 0, lost: 0 });
    const rows = await t.outbox();
    expect(rows.filter((n) => n.state === 'sent').map((n) => n.attempts)).toEqual([1, 1, 1]);
    const back = rows.filter((n) => n.lastError === 'not tried: the dispatcher stopped');
    expect(back.map((n) => [n.state, n.attempts])).toEqual(Array.from({ length: 7 }, () => ['pending', 0]));
    expect(rows.filter((n) => n.state === 'pending')).toHaveLength(57);

    // Due at once: the next run sends the rest, nothing twice.
    expect(await t.dispatcher.dispatch()).toMatchObject({ claimed: 57, sent: 57 });
    expect(smtp.received).toHaveLength(60);
    expect([...byMessageId(smtp).values()].every((n) => n === 1)).toBe(true);
  });

  it('does not start an email whose claim is about to run out (another worker could take it over and send it again)', async () => {
    // A lease no longer than one send's budget runs out for every email before it could start.
    const report = await t.dispatcher.dispatch({ leaseMs: SEND_BUDGET_MS });
    expect(report).toMatchObject({ claimed: 60, sent: 0, retried: 60, dead: 0, lost: 0 });
    expect(smtp.received).toHaveLength(0);
    const rows = await t.outbox();
    expect(rows.map((n) => [n.state, n.attempts])).toEqual(Array.from({ length: 60 }, () => ['pending', 0]));
    expect(rows.every((n) => n.lastError === 'not tried: its claim was running out before it could be sent')).toBe(true);
    expect(await t.dispatcher.dispatch()).toMatchObject({ claimed: 60, sent: 60 });
  });
});
