/**
 * Unsubscribing and suppression, end to end over SMTP on loopback: a one-click unsubscribe stops every
 * subscription of the address (and can give the others back), even while a flood of subscribe requests
 * has used up the subscription rate limits; bounces and complaints recorded by an
 * admin suppress the mailbox, which the scan skips and the dispatcher refuses; an admin can unsubscribe
 * or erase a subscriber, and the audit keeps no address.
 */
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { suppressionHash } from '../../src/notifications/subscription-rules';
import { snapshotDb } from '../support/db-snapshot';
import { linkTo, pathOf, startSmtp, TestSmtp } from '../support/smtp-server';
import { bootNotifyApp, HOUR, NotifyApp } from '../support/notify-app';
import type { FactoryItem } from '../support/factories';

const items: FactoryItem[] = [
  {
    slug: 'alpha',
    title: 'Adopt a foot pursuit policy',
    topics: ['foot-pursuits'],
    statuses: [{ status: 'in_progress', on: '2030-01-15' }],
    deadlines: [{ due: '2030-03-08' }],
  },
];

describe('unsubscribing and suppression', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;
  let auth: { Authorization: string };
  let history: NonNullable<FactoryItem['statuses']> = [];
  const next: Array<'implemented' | 'stalled' | 'in_progress'> = [
    'implemented',
    'stalled',
    'in_progress',
    'stalled',
    'implemented',
  ];

  beforeEach(async () => {
    smtp = await startSmtp();
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url });
    auth = { Authorization: `Bearer ${(await t.app.get(ApiKeysService).create('ops', 'admin')).key}` };
    history = [...items[0].statuses!];
    // Subscribers confirm after the seeded status, so it is owed to nobody.
    t.clock.advance(HOUR);
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  /** The app again, on a fresh database, with these settings (and an admin key for it). */
  async function reboot(env: Record<string, string>): Promise<void> {
    await t.close();
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url, ...env });
    auth = { Authorization: `Bearer ${(await t.app.get(ApiKeysService).create('ops', 'admin')).key}` };
    t.clock.advance(HOUR);
  }

  async function subscribeAndConfirm(body: Record<string, unknown>): Promise<void> {
    await t.http.post('/api/v1/subscriptions').send(body).expect(202);
    const before = smtp.received.length;
    await t.dispatcher.dispatch();
    expect(smtp.received.length).toBe(before + 1);
    await t.http.post(pathOf(linkTo(smtp.received[before].text, '/subscriptions/confirm?token='))).expect(200);
  }

  /** Records a new status of alpha an hour later; returns the emails the next scan and dispatch send. */
  async function newStatus() {
    t.clock.advance(HOUR);
    history.push({ status: next[history.length - 1], on: `2030-02-${10 + history.length}` });
    await t.seed([{ slug: 'alpha', statuses: history }]);
    t.clock.advance(HOUR);
    const before = smtp.received.length;
    await t.scanner.scan();
    await t.dispatcher.dispatch();
    return smtp.received.slice(before);
  }

  it('one-click unsubscribe stops every subscription of the address, and the others can be kept', async () => {
    await subscribeAndConfirm({ email: 'dual@example.org', filter: { recommendations: ['alpha'] }, triggers: ['status_change'] });
    await subscribeAndConfirm({ email: 'Dual@example.org', filter: { topics: ['foot-pursuits'] }, triggers: ['status_change'] });
    const [notice] = await newStatus();
    expect(notice).toBeDefined();
    const oneClick = pathOf(/^<(.+)>$/.exec(notice.headers.get('list-unsubscribe')!)![1]);

    const form = await t.http.get(oneClick);
    expect(form.text).toContain('This address has 2 subscriptions; unsubscribing stops all of them.');
    const page = await t.http.post(oneClick).type('form').send('List-Unsubscribe=One-Click');
    expect(page.status).toBe(200);
    expect(page.text).toContain('You are unsubscribed');
    expect(page.text).toContain('No more emails will be sent to');
    expect(page.text).toContain('this subscription and the other one of this address are stopped');
    expect(page.text).toContain('Keep my other subscription');
    expect(await newStatus()).toHaveLength(0);

    // "Keep the others": the subscription whose link it was stays stopped.
    const restore = /action="(\/subscriptions\/restore\?token=[^"]+)"/.exec(page.text)![1];
    const restored = await t.http.post(restore);
    expect(restored.text).toContain('Your other subscriptions are back');
    const again = await newStatus();
    expect(again).toHaveLength(1);
    expect(again[0].text).toContain('topics Foot pursuits');
    expect((await t.http.post(restore)).text).toContain('Nothing to restore');
  });

  it('one-click unsubscribe works and takes effect while a subscribe flood has used up the subscription limits', async () => {
    await reboot({ RATE_LIMIT_SUBSCRIPTIONS_PER_HOUR: '3', RATE_LIMIT_SUBSCRIPTIONS_ALL_PER_HOUR: '6' });
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['status_change'] });
    const [notice] = await newStatus();
    const oneClick = pathOf(/^<(.+)>$/.exec(notice.headers.get('list-unsubscribe')!)![1]);

    // The flood: subscribe requests from other addresses until every client is refused.
    const subscribeFrom = (i: number) =>
      t.http
        .post('/api/v1/subscriptions')
        .set('X-Forwarded-For', `198.51.100.${i}`)
        .send({ email: `flood${i}@example.org` });
    for (let i = 1; i <= 4; i++) expect((await subscribeFrom(i)).status).toBe(202);
    const refused = await subscribeFrom(5);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/from all addresses/);
    // The reader's own client has used up its own limit too (subscribe, confirm, then these).
    const own = await t.http.post('/api/v1/subscriptions').send({ email: 'again@example.org' });
    expect(own.status).toBe(429);

    // The link's form and the one-click POST still work, from the reader's client and from a mailbox
    // provider's server (another client), and the unsubscribe holds.
    expect((await t.http.get(oneClick)).status).toBe(200);
    const page = await t.http
      .post(oneClick)
      .set('X-Forwarded-For', '203.0.113.7')
      .type('form')
      .send('List-Unsubscribe=One-Click');
    expect(page.status).toBe(200);
    expect(page.text).toContain('You are unsubscribed');
    // (What the next dispatch sends is the flood's confirmations.)
    expect((await newStatus()).filter((m) => m.to.includes('reader@example.org'))).toHaveLength(0);
    const [sub] = await t.app.get(DataSource).query(`SELECT state FROM subscription WHERE email = 'reader@example.org'`);
    expect(sub).toEqual({ state: 'unsubscribed' });
    // The limits themselves still hold for everything else.
    expect((await subscribeFrom(6)).status).toBe(429);
  });

  it('sends from MAIL_RETURN_PATH at MAIL FROM (where bounces go), with From unchanged', async () => {
    await reboot({ MAIL_FROM: 'Reform Tracker <alerts@tracker.test>', MAIL_RETURN_PATH: 'bounces@tracker.test' });
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['status_change'] });
    const [change] = await newStatus();
    for (const mail of [smtp.received[0], change]) {
      expect(mail.envelopeFrom).toBe('bounces@tracker.test');
      expect(mail.headers.get('from')).toBe('Reform Tracker <alerts@tracker.test>');
    }
  });

  it('with MAIL_VERP, tags MAIL FROM per email, and a bounce recorded for that address suppresses that subscriber', async () => {
    await reboot({ MAIL_RETURN_PATH: 'bounces@tracker.test', MAIL_VERP: 'true' });
    await subscribeAndConfirm({ email: 'kept@example.org', triggers: ['status_change'] });
    await subscribeAndConfirm({ email: 'gone@example.org', triggers: ['status_change'] });
    const notices = await newStatus();
    expect(notices).toHaveLength(2);
    const senders = new Map([...smtp.received.slice(0, 2), ...notices].map((m) => [m.envelopeFrom, m.to[0]]));
    // Each email its own return path (the confirmations too), all to the bounce mailbox.
    expect(senders.size).toBe(4);
    for (const from of senders.keys()) expect(from).toMatch(/^bounces\+[0-9a-z]+-[0-9a-f]{20}@tracker\.test$/);
    const bounced = notices.find((m) => m.to[0] === 'gone@example.org')!.envelopeFrom!;

    // A made-up or altered tag, and a request with both fields or neither, change nothing.
    const before = await snapshotDb(t.app);
    const forged = bounced.replace(/-([0-9a-f])/, (_m, c: string) => `-${c === '0' ? '1' : '0'}`);
    for (const [body, status, field] of [
      [{ returnPath: forged, reason: 'bounce' }, 404, 'returnPath'],
      [{ returnPath: 'bounces+zz-0123456789abcdef0123@tracker.test', reason: 'bounce' }, 404, 'returnPath'],
      [{ returnPath: 'bounces@tracker.test', reason: 'bounce' }, 400, 'returnPath'],
      [{ returnPath: bounced, email: 'gone@example.org', reason: 'bounce' }, 400, 'returnPath'],
      [{ reason: 'bounce' }, 400, 'email'],
    ] as const) {
      const res = await t.http.post('/api/v1/admin/suppressions').set(auth).send(body);
      expect(res.status).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
    }
    expect(await snapshotDb(t.app)).toEqual(before);

    // What the bounce processor sends: the address the bounce came back to.
    const recorded = await t.http
      .post('/api/v1/admin/suppressions')
      .set(auth)
      .send({ returnPath: bounced.toUpperCase(), reason: 'bounce', note: '550 5.1.1 user unknown' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ suppressed: true, reason: 'bounce', createdBy: 'ops' });
    expect(typeof recorded.body.notificationId).toBe('number');
    const check = (email: string) => t.http.get('/api/v1/admin/suppressions').query({ email }).set(auth);
    expect((await check('gone@example.org')).body).toMatchObject({ suppressed: true, note: '550 5.1.1 user unknown' });
    expect((await check('kept@example.org')).body).toMatchObject({ suppressed: false });
    const after = await newStatus();
    expect(after.map((m) => m.to)).toEqual([['kept@example.org']]);

    // The tag alone does as well.
    const tag = /\+([^@]+)@/.exec(after[0].envelopeFrom!)![1];
    const byTag = await t.http.post('/api/v1/admin/suppressions').set(auth).send({ returnPath: tag, reason: 'complaint' });
    expect(byTag.body).toMatchObject({ suppressed: true, reason: 'complaint' });
    expect(await newStatus()).toHaveLength(0);
  });

  it('without MAIL_RETURN_PATH, sends from the From address at MAIL FROM', async () => {
    await subscribeAndConfirm({ email: 'reader@example.org' });
    expect(smtp.received[0].envelopeFrom).toBe('tracker@localhost');
  });

  it('never mails a suppressed mailbox: the scan skips it, the dispatcher refuses it, subscribing sends nothing', async () => {
    await subscribeAndConfirm({ email: 'bounce@example.org', triggers: ['deadline_reminder', 'status_change'] });
    expect((await t.scanner.scan()).reminders).toBe(1);

    // A hard bounce comes back for a variant of the address: the mailbox is suppressed, its queue cancelled.
    const suppressed = await t.http
      .post('/api/v1/admin/suppressions')
      .set(auth)
      .send({ email: 'Bounce+tracker@example.org', reason: 'bounce', note: '550 5.1.1 user unknown' });
    expect(suppressed.status).toBe(200);
    expect(suppressed.body).toMatchObject({ suppressed: true, reason: 'bounce', cancelled: 1, createdBy: 'ops' });
    expect(await t.dispatcher.dispatch()).toMatchObject({ claimed: 0 });
    expect(await newStatus()).toHaveLength(0);
    expect((await t.outbox()).filter((n) => n.kind === 'status_change')).toHaveLength(0);
    const check = await t.http.get('/api/v1/admin/suppressions').query({ email: 'bounce@example.org' }).set(auth);
    expect(check.body).toMatchObject({ suppressed: true, reason: 'bounce', note: '550 5.1.1 user unknown' });

    // No confirmation for it either (the answer is the same 202).
    const before = (await t.outbox()).length;
    await t.http
      .post('/api/v1/subscriptions')
      .send({ email: 'bounce@example.org', triggers: ['finding'] })
      .expect(202);
    expect(await t.outbox()).toHaveLength(before);

    // Lifted: mailed again.
    const lifted = await t.http.post('/api/v1/admin/suppressions/lift').set(auth).send({ email: 'bounce@example.org' });
    expect(lifted.body).toMatchObject({ suppressed: false });
    expect(await newStatus()).toHaveLength(1);

    // Suppressed by someone else after the scan queued a notice: the dispatcher still refuses it.
    t.clock.advance(HOUR);
    history.push({ status: next[history.length - 1], on: `2030-02-${10 + history.length}` });
    await t.seed([{ slug: 'alpha', statuses: history }]);
    t.clock.advance(HOUR);
    expect((await t.scanner.scan()).statusChanges).toBe(1);
    await t.transactions.run(() =>
      t.subscriptionRows.suppress(suppressionHash('bounce@example.org'), 'complaint', null, 'other', t.clock.now().toISOString()),
    );
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 0, cancelled: 1 });
    expect((await t.outbox()).pop()).toMatchObject({ state: 'cancelled', lastError: 'the address is suppressed' });
  });

  it('lets an admin unsubscribe and erase a subscriber; the audit keeps no address', async () => {
    await subscribeAndConfirm({ email: 'leaving@example.org', triggers: ['deadline_reminder'] });
    await subscribeAndConfirm({ email: 'leaving+news@example.org', triggers: ['status_change'] });
    await subscribeAndConfirm({ email: 'staying@example.org', triggers: ['deadline_reminder'] });
    await t.scanner.scan();

    const bad = await t.http.post('/api/v1/admin/subscribers/unsubscribe').set(auth).send({ email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('email');
    await t.http.post('/api/v1/admin/subscribers/unsubscribe').send({ email: 'leaving@example.org' }).expect(401);
    const { key: editor } = await t.app.get(ApiKeysService).create('writer', 'editor');
    await t.http
      .post('/api/v1/admin/subscribers/erase')
      .set('Authorization', `Bearer ${editor}`)
      .send({ email: 'leaving@example.org' })
      .expect(403);

    const unsubscribed = await t.http
      .post('/api/v1/admin/subscribers/unsubscribe')
      .set(auth)
      .send({ email: 'LEAVING@example.org' });
    expect(unsubscribed.body).toEqual({ unsubscribed: 2 });
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1 }); // staying's reminder only
    expect(smtp.received.pop()!.to).toEqual(['staying@example.org']);

    const erased = await t.http.post('/api/v1/admin/subscribers/erase').set(auth).send({ email: 'leaving@example.org' });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ subscriptions: 2, notifications: 3, suppressed: true }); // 2 confirmations and 1 reminder
    const ds = t.app.get(DataSource);
    expect(await ds.query(`SELECT email FROM subscription`)).toEqual([{ email: 'staying@example.org' }]);
    expect((await t.outbox()).every((n) => !n.dedupeKey.includes('leaving'))).toBe(true);
    const audit: Array<Record<string, unknown>> = await ds.query(
      `SELECT action, entity, entity_slug AS "entitySlug", before, after FROM audit_entry WHERE entity IN ('subscriber', 'suppression')`,
    );
    expect(audit.map((a) => [a.action, a.entity])).toEqual([
      ['unsubscribe', 'subscriber'],
      ['erase', 'subscriber'],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/leaving/i);
    expect(JSON.parse(audit[1].before as string)).toEqual({ subscriptions: 2, notifications: 3 });
    expect(JSON.stringify(await ds.query(`SELECT * FROM suppression`))).not.toMatch(/leaving/i);

    // Erased and suppressed: subscribing the address again sends nothing.
    const before = (await t.outbox()).length;
    await t.http.post('/api/v1/subscriptions').send({ email: 'leaving@example.org' }).expect(202);
    expect(await t.outbox()).toHaveLength(before);
  });
});
