/**
 * Unsubscribing and suppression, end to end over SMTP on loopback: a one-click unsubscribe stops every
 * subscription of the address (and can give the others back); bounces and complaints recorded by an
 * admin suppress the mailbox, which the scan skips and the dispatcher refuses; an admin can unsubscribe
 * or erase a subscriber, and the audit keeps no address.
 */
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { suppressionHash } from '../../src/notifications/subscription-rules';
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

  it('sends from MAIL_RETURN_PATH at MAIL FROM (where bounces go), with From unchanged', async () => {
    await t.close();
    t = await bootNotifyApp(items, {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Reform Tracker <alerts@tracker.test>',
      MAIL_RETURN_PATH: 'bounces@tracker.test',
    });
    t.clock.advance(HOUR);
    await subscribeAndConfirm({ email: 'reader@example.org', triggers: ['status_change'] });
    const [change] = await newStatus();
    for (const mail of [smtp.received[0], change]) {
      expect(mail.envelopeFrom).toBe('bounces@tracker.test');
      expect(mail.headers.get('from')).toBe('Reform Tracker <alerts@tracker.test>');
    }
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
