/**
 * Subscriptions and notification emails end to end: the real app on a fresh SQLite file, a real SMTP
 * server on loopback, nodemailer unmocked. The clock is moved by hand; the scan and the dispatcher
 * are run by the test, as the scheduler or `notify:run-once` would run them.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { OutboxPruner } from '../../src/notifications/outbox-pruner.service';
import { linkTo, pathOf, ReceivedMail, startSmtp, TestSmtp } from '../support/smtp-server';
import { bootNotifyApp, DAY, HOUR, NotifyApp, PUBLIC_URL } from '../support/notify-app';
import type { FactoryItem } from '../support/factories';

const items: FactoryItem[] = [
  {
    slug: 'alpha',
    title: 'Adopt a foot pursuit policy',
    topics: ['foot-pursuits'],
    statuses: [{ status: 'in_progress', on: '2030-01-15' }],
    // 7 local days before its last day on 2030-03-01 (Chicago).
    deadlines: [{ due: '2030-03-08' }],
  },
  {
    slug: 'bravo',
    title: 'Train every officer',
    topics: ['training'],
    deadlines: [{ due: '2030-03-08' }, { due: '2030-03-09' }],
  },
];

describe('notifications over SMTP', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;

  beforeEach(async () => {
    smtp = await startSmtp();
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url });
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  /** Subscribes, delivers the confirmation email and follows its link. Returns the confirmation email. */
  async function subscribeAndConfirm(body: Record<string, unknown>): Promise<ReceivedMail> {
    const res = await t.http.post('/api/v1/subscriptions').send(body);
    expect(res.status).toBe(202);
    const before = smtp.received.length;
    await t.dispatcher.dispatch();
    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received[smtp.received.length - 1];
    const link = pathOf(linkTo(mail.text, '/subscriptions/confirm?token='));
    // The link opens a page whose button confirms (POST); opening it confirms nothing.
    expect((await t.http.get(link)).text).toContain('Confirm my subscription');
    const confirmed = await t.http.post(link);
    expect(confirmed.status).toBe(200);
    expect(confirmed.text).toContain('Subscription confirmed');
    return mail;
  }

  const reminders = () => smtp.received.filter((m) => /^Reminder:/.test(m.headers.get('subject') ?? ''));

  it('confirms, then sends a deadline 7 days out exactly one reminder however often the scan runs', async () => {
    const confirmation = await subscribeAndConfirm({
      email: 'reader@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_reminder'],
    });
    expect(confirmation.to).toEqual(['reader@example.org']);
    expect(confirmation.headers.get('subject')).toBe('Confirm your Reform Tracker subscription');
    expect(confirmation.headers.get('from')).toBe('Reform Tracker <tracker@localhost>');
    expect(confirmation.text).toContain('items “Adopt a foot pursuit policy”');
    expect(confirmation.headers.has('list-unsubscribe')).toBe(false);

    const first = await t.scanner.scan();
    expect(first.reminders).toBe(1);
    expect((await t.scanner.scan()).reminders).toBe(0);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1, retried: 0, dead: 0 });
    expect((await t.scanner.scan()).reminders).toBe(0);
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);

    expect(reminders()).toHaveLength(1);
    const mail = reminders()[0];
    expect(mail.headers.get('subject')).toBe('Reminder: “by 2030-03-08” — 8 days left (Adopt a foot pursuit policy)');
    // The same count as the API's daysRemaining for this deadline at this moment.
    const api = await t.http.get('/api/v1/deadlines?state=open').expect(200);
    expect(api.body.items.find((d: { label: string }) => d.label === 'by 2030-03-08').daysRemaining).toBe(8);
    // The item, the original wording, the close time in the tracker's zone, the status with its evidence, links.
    expect(mail.text).toContain('Deadline, in the original words: “by 2030-03-08”');
    expect(mail.text).toContain('12:00 a.m. March 9, 2030 (America/Chicago)');
    expect(mail.text).toContain('Current status:');
    expect(mail.text).toContain('In progress, as of January 15, 2030 (Reform Tracker editors)');
    expect(mail.text).toContain('Evidence for the current status:');
    expect(mail.text).toContain('Report A');
    expect(mail.html).toMatch(new RegExp(`<a href="${PUBLIC_URL}/sources/[^"]+">Report A`));
    expect(mail.text).toContain(`${PUBLIC_URL}/recommendations/alpha`);
    expect(mail.text).toContain('You get this email because you follow items “Adopt a foot pursuit policy” on Reform Tracker.');
    expect(mail.html).toContain(`href="${PUBLIC_URL}/recommendations/alpha"`);
    expect(mail.html).toContain('<html lang="en">');
    // A deterministic Message-ID and RFC 8058 one-click unsubscribe.
    const [row] = (await t.outbox()).filter((n) => n.kind === 'reminder');
    expect(mail.headers.get('message-id')).toMatch(new RegExp(`^<notification-${row.id}\\.[0-9a-f]{12}@tracker\\.test>$`));
    expect(mail.headers.get('list-unsubscribe')).toMatch(
      /^<https:\/\/tracker\.test\/subscriptions\/unsubscribe\?token=[A-Za-z0-9_-]{43}>$/,
    );
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(`${PUBLIC_URL}/subscriptions/manage?token=`);
    expect(row.dedupeKey).toMatch(/^reminder:[0-9a-f]{16}:\d+:7$/);
  });

  it('reads deadlines only for who can be owed them: a later subscriber with a longer reminder day still gets the reminder', async () => {
    // Nobody subscribed: nothing is owed (the scan reads no deadline at all).
    expect(await t.scanner.scan()).toMatchObject({ reminders: 0, missed: 0 });
    // Someone who wants a reminder 1 day before: the deadline 8 days out is not theirs yet.
    await subscribeAndConfirm({
      email: 'short@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_reminder'],
      reminderDays: [1],
    });
    expect((await t.scanner.scan()).reminders).toBe(0);
    // Someone who wants 30 days: the scan must now look that far (the subscription table changed).
    await subscribeAndConfirm({
      email: 'long@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_reminder'],
      reminderDays: [30],
    });
    expect((await t.scanner.scan()).reminders).toBe(1);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1 });
    expect(reminders().map((m) => m.to)).toEqual([['long@example.org']]);
  });

  it('sends nothing but the confirmation to an unconfirmed address', async () => {
    await t.http.post('/api/v1/subscriptions').send({ email: 'nobody@example.org' }).expect(202);
    await t.scanner.scan();
    await t.dispatcher.dispatch();
    expect(smtp.received.map((m) => m.headers.get('subject'))).toEqual(['Confirm your Reform Tracker subscription']);
    expect((await t.outbox()).map((n) => n.kind)).toEqual(['confirm']);
  });

  it('delivers every notification exactly once across an SMTP outage (connection refused)', async () => {
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['deadline_reminder'] });
    expect((await t.scanner.scan()).reminders).toBe(3);

    await smtp.stop();
    const down = await t.dispatcher.dispatch();
    expect(down).toMatchObject({ claimed: 3, sent: 0, retried: 3, dead: 0 });
    for (const n of (await t.outbox()).filter((x) => x.kind === 'reminder')) {
      expect(n.state).toBe('pending');
      expect(n.lastError).toMatch(/^transient .*ECONNREFUSED/);
      expect(n.nextAttemptAt > t.clock.now().toISOString()).toBe(true);
    }
    // Not due again until the backoff has passed.
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);

    await smtp.start();
    t.clock.advance(HOUR);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 3, retried: 0 });
    t.clock.advance(HOUR);
    await t.scanner.scan();
    await t.dispatcher.dispatch();

    const ids = reminders().map((m) => m.headers.get('message-id'));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect((await t.outbox()).filter((n) => n.kind === 'reminder').map((n) => n.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('sends again, with the same Message-ID, an email the server stored but never answered (at least once)', async () => {
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['deadline_reminder'] });
    expect((await t.scanner.scan()).reminders).toBe(3);
    let dropped: string | undefined;
    smtp.dropAfterData = (mail) => {
      if (dropped !== undefined || !/^Reminder:/.test(mail.headers.get('subject') ?? '')) return false;
      dropped = mail.headers.get('message-id');
      return true;
    };
    expect(await t.dispatcher.dispatch()).toMatchObject({ dead: 0 });
    expect(dropped).toBeDefined();
    // Not known to be delivered, so not recorded as sent: the row waits for another attempt.
    const afterDrop = (await t.outbox()).filter((n) => n.kind === 'reminder');
    expect(afterDrop.filter((n) => n.state === 'dead')).toHaveLength(0);
    expect(afterDrop.filter((n) => n.state === 'sent').length).toBeLessThan(3);

    smtp.dropAfterData = () => false;
    t.clock.advance(HOUR);
    await t.dispatcher.dispatch();
    t.clock.advance(HOUR);
    await t.dispatcher.dispatch();
    expect((await t.outbox()).filter((n) => n.kind === 'reminder').map((n) => n.state)).toEqual(['sent', 'sent', 'sent']);
    // The stored copy and the resend: the same Message-ID twice (a mail program shows one); the others once.
    const ids = reminders().map((m) => m.headers.get('message-id'));
    expect(ids.filter((id) => id === dropped)).toHaveLength(2);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(3);
  });

  it('retries a 451 and sends it once the server accepts', async () => {
    await subscribeAndConfirm({
      email: 'reader@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_reminder'],
    });
    await t.scanner.scan();
    smtp.reply = () => 451;
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 0, retried: 1 });
    const [pending] = (await t.outbox()).filter((n) => n.kind === 'reminder');
    expect(pending).toMatchObject({ state: 'pending', attempts: 1 });
    expect(pending.lastError).toMatch(/^transient .*451/);

    smtp.reply = () => undefined;
    t.clock.advance(HOUR);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1 });
    expect(reminders()).toHaveLength(1);
    expect((await t.outbox()).find((n) => n.id === pending.id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('marks a 550 dead at once, never retries it, and lets an admin queue it again', async () => {
    await subscribeAndConfirm({
      email: 'reader@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_reminder'],
    });
    await t.scanner.scan();
    smtp.reply = () => 550;
    const attemptsBefore = smtp.attempts;
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 0, retried: 0, dead: 1 });
    const [dead] = (await t.outbox()).filter((n) => n.kind === 'reminder');
    expect(dead.state).toBe('dead');
    expect(dead.lastError).toMatch(/^permanent .*550/);

    t.clock.advance(3 * DAY);
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);
    expect(smtp.attempts).toBe(attemptsBefore + 1);

    // The admin API lists it and can retry it.
    const { key } = await t.app.get(ApiKeysService).create('ops', 'admin');
    const { key: editorKey } = await t.app.get(ApiKeysService).create('writer', 'editor');
    const listed = await t.http.get('/api/v1/notifications').query({ state: 'dead' }).set('Authorization', `Bearer ${key}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ id: dead.id, kind: 'reminder', state: 'dead', email: 'reader@example.org' });
    expect(listed.body.items[0].lastError).toMatch(/550/);
    await t.http.get('/api/v1/notifications').expect(401);
    await t.http.get('/api/v1/notifications').set('Authorization', `Bearer ${editorKey}`).expect(403);
    const badState = await t.http.get('/api/v1/notifications').query({ state: 'lost' }).set('Authorization', `Bearer ${key}`);
    expect(badState.status).toBe(400);
    expect(badState.body.errors[0].field).toBe('state');

    // Back to the window of the reminder (the retry would be cancelled if it had passed).
    t.clock.advance(-3 * DAY);
    smtp.reply = () => undefined;
    const retried = await t.http.post(`/api/v1/notifications/${dead.id}/retry`).set('Authorization', `Bearer ${key}`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: dead.id, state: 'pending', attempts: 0 });
    const audit = await t.app
      .get(DataSource)
      .query(`SELECT key_name AS "keyName", action FROM audit_entry WHERE entity = 'notification' AND entity_id = ?`, [dead.id]);
    expect(audit).toEqual([{ keyName: 'ops', action: 'retry' }]);
    await t.http.post(`/api/v1/notifications/${dead.id}/retry`).set('Authorization', `Bearer ${key}`).expect(409);
    await t.http.post('/api/v1/notifications/999999/retry').set('Authorization', `Bearer ${key}`).expect(404);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1 });
    expect(reminders()).toHaveLength(1);
  });

  it('sends what a crashed worker claimed once its lease has run out', async () => {
    await subscribeAndConfirm({
      email: 'reader@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_reminder'],
    });
    await t.scanner.scan();
    const now = t.clock.now();
    // A worker claims the reminder and dies before sending it.
    const claimed = await t.transactions.run(() => t.outboxRows.claimDue('crashed-worker', 10, 60_000, now));
    expect(claimed.map((n) => n.kind)).toEqual(['reminder']);
    expect((await t.outbox()).find((n) => n.id === claimed[0].id)?.state).toBe('sending');

    // While the lease holds, nobody else takes it.
    expect((await t.dispatcher.dispatch({ now: new Date(now.getTime() + 59_000) })).claimed).toBe(0);
    expect(reminders()).toHaveLength(0);

    const after = await t.dispatcher.dispatch({ now: new Date(now.getTime() + 61_000) });
    expect(after).toMatchObject({ claimed: 1, sent: 1 });
    expect(reminders()).toHaveLength(1);
    // The dead worker's late outcome is refused: the claim is no longer its own.
    expect(
      await t.transactions.run(() => t.outboxRows.finish(claimed[0].id, 'crashed-worker', { state: 'cancelled', error: 'x' })),
    ).toBe(false);
    expect((await t.outbox()).find((n) => n.id === claimed[0].id)).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it("gives back at once the claims of this host's processes that are gone (a restart), never a live one's", async () => {
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['deadline_reminder'] });
    await subscribeAndConfirm({ email: 'second@example.org', triggers: ['deadline_reminder'] });
    expect((await t.scanner.scan()).reminders).toBe(6);
    const now = t.clock.now();
    const host = hostname();
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    const workers = {
      // This process's own pid under another worker id: the process it replaced (a container's pid 1).
      predecessor: `${host}:${process.pid}:before`,
      exited: `${host}:${exited}:crashed`,
      live: `${host}:${process.ppid}:neighbour`,
      elsewhere: `other-host.example:1:x`,
    };
    // Each claims one reminder, then (but for the live one) is gone.
    for (const worker of Object.values(workers)) await t.transactions.run(() => t.outboxRows.claimDue(worker, 1, 300_000, now));
    expect(await t.dispatcher.releaseClaimsOfGoneProcesses(now)).toBe(2);
    const rows: Array<{ worker: string | null; state: string }> = await t.app
      .get(DataSource)
      .query(`SELECT leased_by AS "worker", state AS "state" FROM notification WHERE kind = 'reminder' ORDER BY id`);
    const byWorker = rows.filter((r) => r.worker !== null).map((r) => [r.worker, r.state]);
    expect(Object.fromEntries(byWorker)).toEqual({
      [workers.predecessor]: 'pending',
      [workers.exited]: 'pending',
      [workers.live]: 'sending',
      [workers.elsewhere]: 'sending',
    });
    // Due now, not in five minutes: the next run sends them with the two never claimed.
    expect(await t.dispatcher.dispatch({ now })).toMatchObject({ claimed: 4, sent: 4 });
  });

  it('claims for NOTIFY_LEASE_SECONDS: a send under way holds its row that long, then it is recorded sent', async () => {
    await t.close();
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url, NOTIFY_LEASE_SECONDS: '90' });
    await subscribeAndConfirm({
      email: 'reader@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_reminder'],
    });
    await t.scanner.scan();
    smtp.delayMs = 1_000;
    const run = t.dispatcher.dispatch();
    let held: Array<{ leaseUntil: string }> = [];
    for (let i = 0; i < 300 && held.length === 0; i++) {
      held = await t.app.get(DataSource).query(`SELECT lease_until AS "leaseUntil" FROM notification WHERE state = 'sending'`);
      if (held.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(held).toEqual([{ leaseUntil: new Date(t.clock.now().getTime() + 90_000).toISOString() }]);
    expect(await run).toMatchObject({ sent: 1 });
    expect((await t.outbox()).find((n) => n.kind === 'reminder')?.state).toBe('sent');
  });

  it('sends nothing more after a one-click unsubscribe', async () => {
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['deadline_reminder', 'status_change'] });
    await t.scanner.scan();
    t.clock.advance(HOUR);
    await t.dispatcher.dispatch({ maxBatches: 1, batchSize: 1 });
    expect(reminders()).toHaveLength(1);
    const unsubscribeUrl = /^<(.+)>$/.exec(reminders()[0].headers.get('list-unsubscribe')!)![1];

    const page = await t.http.get(pathOf(unsubscribeUrl));
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('method="post"');
    expect(page.text).toContain('reader@example.org');

    // RFC 8058: POST to the List-Unsubscribe URL with List-Unsubscribe=One-Click, nothing else.
    const res = await t.http.post(pathOf(unsubscribeUrl)).type('form').send('List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(res.text).toContain('You are unsubscribed');
    expect((await t.http.post(pathOf(unsubscribeUrl)).type('form').send('List-Unsubscribe=One-Click')).text).toContain(
      'Already unsubscribed',
    );

    // What was still queued is dropped, and new events are not queued.
    await t.seed([
      {
        slug: 'charlie',
        title: 'New item',
        statuses: [{ status: 'accepted', on: '2030-03-01' }],
        deadlines: [{ due: '2030-03-08' }],
      },
    ]);
    t.clock.advance(HOUR);
    const scan = await t.scanner.scan();
    expect(scan.reminders + scan.statusChanges).toBe(0);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(2); // the confirmation and the one reminder
    expect((await t.outbox()).filter((n) => n.state === 'pending')).toHaveLength(0);
  });

  it('cancels a reminder when the deadline is met first, and never sends a reminder late', async () => {
    await subscribeAndConfirm({ email: 'reader@example.org', filter: { topics: ['training'] }, triggers: ['deadline_reminder'] });
    expect((await t.scanner.scan()).reminders).toBe(2); // bravo's two deadlines: 7 and 8 days out (windows 7 and 30)
    const dataSource = t.app.get(DataSource);
    await dataSource.query(
      `UPDATE deadline SET state = 'met', met_on = '2030-03-01', settled_on = '2030-03-01' WHERE slug = 'bravo-dl-0'`,
    );

    // The service was down for a week: bravo-dl-1's 30-day window (and the 7-day one) passed unsent, the 1-day one has begun.
    t.clock.advance(7 * DAY);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 0, cancelled: 2 });
    const scan = await t.scanner.scan();
    expect(scan.reminders).toBe(1);
    expect(scan.outcomes).toBe(1); // and a notice that bravo-dl-0 was met
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 2 });
    expect(reminders().map((m) => m.headers.get('subject'))).toEqual([
      'Reminder: “by 2030-03-09” — 2 days left (Train every officer)',
    ]);
    expect(smtp.received.some((m) => m.headers.get('subject')?.startsWith('Deadline met: “by 2030-03-08”'))).toBe(true);
    const states = (await t.outbox()).filter((n) => n.kind === 'reminder');
    expect(states.map((n) => [n.dedupeKey.replace(/^reminder:[0-9a-f]{16}:\d+:/, ''), n.state])).toEqual([
      ['7', 'cancelled'],
      ['30', 'cancelled'],
      ['1', 'sent'],
    ]);
  });

  it('still sends the missed notice of a deadline that closed while the service was down', async () => {
    await subscribeAndConfirm({
      email: 'reader@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['deadline_missed'],
    });
    expect((await t.scanner.scan()).missed).toBe(0);
    t.clock.set('2030-03-12T15:00:00.000Z'); // down from March 1 to March 12; alpha's deadline closed on March 9
    expect((await t.scanner.scan()).missed).toBe(1);
    expect((await t.scanner.scan()).missed).toBe(0);
    await t.dispatcher.dispatch();
    // Still open: it passed unmet, which the email says without calling it missed.
    const missed = smtp.received.filter((m) => /^Passed, not recorded as met:/.test(m.headers.get('subject') ?? ''));
    expect(missed).toHaveLength(1);
    expect(missed[0].headers.get('subject')).toBe(
      'Passed, not recorded as met: “by 2030-03-08” (March 8, 2030) — Adopt a foot pursuit policy',
    );
    expect(missed[0].text).toContain('closed 3 days ago');
  });

  it('emails status changes recorded after confirmation, once each', async () => {
    t.clock.advance(HOUR);
    await subscribeAndConfirm({
      email: 'reader@example.org',
      filter: { recommendations: ['alpha'] },
      triggers: ['status_change'],
    });
    // Recorded before the subscription was confirmed: not sent.
    expect((await t.scanner.scan()).statusChanges).toBe(0);
    t.clock.advance(HOUR);
    await t.seed([
      {
        slug: 'alpha',
        statuses: [
          { status: 'in_progress', on: '2030-01-15' },
          { status: 'implemented', on: '2030-03-01' },
        ],
      },
    ]);
    expect((await t.scanner.scan()).statusChanges).toBe(1);
    expect((await t.scanner.scan()).statusChanges).toBe(0);
    await t.dispatcher.dispatch();
    const mail = smtp.received[smtp.received.length - 1];
    expect(mail.headers.get('subject')).toBe('Adopt a foot pursuit policy: In progress → Implemented');
    expect(mail.text).toContain(
      'Reform Tracker editors assessed the status as “Implemented” as of March 1, 2030; it was “In progress”.',
    );
    expect(mail.text).toMatch(/Previous status: +In progress \(as of January 15, 2030\)/);
    expect(mail.text).toContain('Report A');
  });

  it('sends a mailbox each notice once even when two of its subscriptions match', async () => {
    t.clock.advance(HOUR);
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['status_change'] });
    await subscribeAndConfirm({
      email: 'READER@example.org',
      filter: { topics: ['foot-pursuits'] },
      triggers: ['status_change'],
    });
    t.clock.advance(HOUR);
    await t.seed([
      {
        slug: 'alpha',
        statuses: [
          { status: 'in_progress', on: '2030-01-15' },
          { status: 'implemented', on: '2030-03-01' },
        ],
      },
    ]);
    await t.scanner.scan();
    const before = smtp.received.length;
    await t.dispatcher.dispatch();
    const sent = smtp.received
      .slice(before)
      .filter((m) => m.headers.get('subject') === 'Adopt a foot pursuit policy: In progress → Implemented');
    expect(sent).toHaveLength(1);
    expect(smtp.received.length - before).toBe(1);
  });

  it('combines a day of notifications into one daily digest', async () => {
    // With reminders 30 and 1 days out, the three deadlines stay in the 30-day window over both days.
    await subscribeAndConfirm({
      email: 'reader@example.org',
      triggers: ['deadline_reminder'],
      reminderDays: [30, 1],
      digest: 'daily',
    });
    expect((await t.scanner.scan()).reminders).toBe(3);
    expect((await t.outbox()).filter((n) => n.kind === 'reminder').map((n) => n.state)).toEqual(['held', 'held', 'held']);
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);

    t.clock.set('2030-03-02T12:00:00.000Z'); // the next local day
    const scan = await t.scanner.scan();
    expect(scan.digests).toBe(1);
    expect((await t.scanner.scan()).digests).toBe(0);
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1 });
    const digest = smtp.received[smtp.received.length - 1];
    expect(digest.headers.get('subject')).toBe('Reform Tracker daily digest, March 1, 2030: 3 updates');
    expect(digest.text.match(/Deadline reminder:/g)).toHaveLength(3);
    expect(digest.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect((await t.outbox()).filter((n) => n.kind === 'reminder').map((n) => n.state)).toEqual([
      'digested',
      'digested',
      'digested',
    ]);
  });

  it('sends a notice when a followed deadline is met or extended, once, and none for the deadline an extension creates', async () => {
    await subscribeAndConfirm({ email: 'reader@example.org', filter: { topics: ['training'] }, triggers: ['deadline_missed'] });
    const { key: editorKey } = await t.app.get(ApiKeysService).create('writer', 'editor');
    const open = (await t.http.get('/api/v1/deadlines?state=open').expect(200)).body.items as Array<{ id: number; slug: string }>;
    const id = (slug: string) => open.find((d) => d.slug === slug)!.id;
    t.clock.advance(HOUR);
    await t.http
      .post(`/api/v1/deadlines/${id('bravo-dl-0')}/met`)
      .set('Authorization', `Bearer ${editorKey}`)
      .send({ metOn: '2030-03-01', source: 'report-a', excerpt: 'All officers trained.' })
      .expect(200);
    await t.http
      .post(`/api/v1/deadlines/${id('bravo-dl-1')}/extend`)
      .set('Authorization', `Bearer ${editorKey}`)
      .send({
        due: '2030-04-30',
        precision: 'day',
        label: 'by the end of April',
        settledOn: '2030-03-01',
        url: 'https://example.org/delay',
        excerpt: 'We need more time.',
      })
      .expect(201);

    expect((await t.scanner.scan()).outcomes).toBe(2);
    expect((await t.scanner.scan()).outcomes).toBe(0);
    const before = smtp.received.length;
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 2 });
    const [met, extended] = smtp.received.slice(before);
    expect(met.headers.get('subject')).toBe('Deadline met: “by 2030-03-08” (March 8, 2030) — Train every officer');
    expect(met.text).toMatch(/Outcome: +Met on time, on March 1, 2030/);
    expect(met.text).toContain('All officers trained.');
    expect(extended.headers.get('subject')).toBe('Deadline extended: “by 2030-03-09” (March 9, 2030) — Train every officer');
    expect(extended.text).toContain('it now runs to April 30, 2030');
    expect(extended.text).toMatch(/Replaced by: +by the end of April/);
    expect(extended.text).toMatch(/Evidence of the outcome: +https:\/\/example\.org\/delay/);
    expect(extended.html).toContain('<a href="https://example.org/delay">');
  });

  it('prunes old sent notifications and manage links on retention, and owes nothing again because of it', async () => {
    await subscribeAndConfirm({ email: 'reader@example.org', filter: { recommendations: ['alpha'] } });
    const sends: ReceivedMail[] = [];
    const run = async () => {
      await t.scanner.scan();
      const before = smtp.received.length;
      await t.dispatcher.dispatch();
      sends.push(...smtp.received.slice(before));
    };
    await run(); // alpha's reminder
    t.clock.advance(HOUR);
    await t.seed([{ slug: 'alpha', statuses: [{ status: 'implemented', on: '2030-03-01' }] }]);
    await run(); // the status change
    t.clock.set('2030-03-12T15:00:00.000Z');
    await run(); // alpha's deadline passed unmet
    expect(sends.map((m) => m.headers.get('subject')!.split(':')[0])).toEqual([
      'Reminder',
      'Adopt a foot pursuit policy',
      'Passed, not recorded as met',
    ]);
    const manageLinks = sends.map((m) => pathOf(linkTo(m.text, '/subscriptions/manage?token=')));
    const links = [...new Set(manageLinks)]; // one manage token per dispatch batch and subscription
    expect(links.length).toBeGreaterThanOrEqual(2);

    const pruner = t.app.get(OutboxPruner);
    expect(await pruner.prune()).toEqual({ notifications: 0, manageTokens: 0 }); // nothing is old yet
    t.clock.advance(400 * DAY); // past NOTIFY_RETENTION_DAYS (90) and MANAGE_LINK_DAYS (365)
    const manageTokens = async () =>
      Number((await t.app.get(DataSource).query(`SELECT COUNT(*) AS n FROM subscription_token WHERE purpose = 'manage'`))[0].n);
    const minted = await manageTokens();
    expect(minted).toBeGreaterThanOrEqual(links.length);
    expect(await pruner.prune()).toEqual({ notifications: 3, manageTokens: minted - 1 });
    expect(await manageTokens()).toBe(1);
    // The missed notice stays: it is owed for as long as the deadline is unmet, so its key must stay.
    expect((await t.outbox()).map((n) => [n.kind, n.state])).toEqual([['missed', 'sent']]);
    expect(await t.scanner.scan()).toMatchObject({ reminders: 0, missed: 0, statusChanges: 0 });
    expect((await t.dispatcher.dispatch()).claimed).toBe(0);
    // The newest email's links still work; older ones do not.
    expect((await t.http.get(links[links.length - 1])).status).toBe(200);
    expect((await t.http.get(links[0])).status).not.toBe(200);
    expect(await pruner.prune()).toEqual({ notifications: 0, manageTokens: 0 });
  });

  describe('an import of status changes', () => {
    /** 30 entries from 2019 on alpha, whose current status (in progress since 2030) they do not change. */
    const backfill = (prefix: string, n = 30) => ({
      statusChanges: Array.from({ length: n }, (_, i) => ({
        slug: `${prefix}-${i}`,
        recommendation: 'alpha',
        status: i % 2 ? 'unclear' : 'not_started',
        effectiveOn: `2019-01-${String(i + 1).padStart(2, '0')}`,
        assessor: 'tracker-editors',
        evidence: { source: 'report-a', url: null, excerpt: `Backfilled entry ${i}.`, pinpoint: null },
        note: null,
      })),
    });
    let editorKey: string;

    beforeEach(async () => {
      editorKey = (await t.app.get(ApiKeysService).create('importer', 'editor')).key;
      t.clock.advance(HOUR);
      await subscribeAndConfirm({
        email: 'reader@example.org',
        filter: { recommendations: ['alpha'] },
        triggers: ['status_change'],
      });
      t.clock.advance(HOUR);
    });
    const importFile = (body: object, query: Record<string, string> = {}) =>
      t.http.post('/api/v1/import').query(query).set('Authorization', `Bearer ${editorKey}`).send(body);

    it('goes to a per-event subscriber as one digest the next day, not as 30 emails, each entry told as history', async () => {
      const res = await importFile(backfill('bf'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ notify: 'digest', created: { statusChanges: 30 } });
      const before = smtp.received.length;
      expect((await t.scanner.scan()).statusChanges).toBe(30);
      expect(await t.dispatcher.dispatch()).toMatchObject({ claimed: 0 });
      expect(smtp.received.length).toBe(before);

      t.clock.set('2030-03-02T12:00:00.000Z'); // the next local day
      expect((await t.scanner.scan()).digests).toBe(1);
      expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1 });
      expect(smtp.received.length).toBe(before + 1);
      const digest = smtp.received[smtp.received.length - 1];
      expect(digest.headers.get('subject')).toBe('Reform Tracker daily digest, March 1, 2030: 30 updates');
      expect(digest.text.match(/^Added to the record: Adopt a foot pursuit policy$/gm)).toHaveLength(30);
      expect(digest.text).toContain('(current status: In progress)');
      expect(digest.text).not.toMatch(/^Status change:/m);
    });

    it('sends nothing with notify=none, one email per entry with notify=each, and names a wrong mode', async () => {
      expect((await importFile(backfill('quiet', 3), { notify: 'none' })).body).toMatchObject({ notify: 'none' });
      expect((await t.scanner.scan()).statusChanges).toBe(0);
      t.clock.set('2030-03-02T12:00:00.000Z');
      expect((await t.scanner.scan()).digests).toBe(0);

      expect((await importFile(backfill('loud', 2), { notify: 'each' })).status).toBe(200);
      expect((await t.scanner.scan()).statusChanges).toBe(2);
      expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 2 });

      const wrong = await importFile(backfill('wrong', 1), { notify: 'loudly' });
      expect(wrong.status).toBe(400);
      expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'notify', in: 'query' })]);
      // Nothing was written: the same file imports afterwards.
      expect((await importFile(backfill('wrong', 1), { notify: 'none' })).body.created).toMatchObject({ statusChanges: 1 });
    });
  });
});
