/**
 * The subscribe form must not be a way to mail-bomb an inbox or to subscribe someone else: the
 * confirmation throttle goes by mailbox (plus tags, Gmail dots and case all reach one inbox), a
 * throttled request writes nothing, only a POST from the confirmation page confirms (link scanners
 * GET and HEAD every link), and unconfirmed subscriptions expire and are deleted. Real SMTP on loopback.
 */
import { DataSource } from 'typeorm';
import { linkTo, pathOf, startSmtp, TestSmtp } from '../support/smtp-server';
import { bootNotifyApp, HOUR, NotifyApp } from '../support/notify-app';
import type { FactoryItem } from '../support/factories';

const items: FactoryItem[] = [{ slug: 'alpha', title: 'Adopt a foot pursuit policy', topics: ['foot-pursuits'] }];

describe('subscription abuse', () => {
  let smtp: TestSmtp;
  let t: NotifyApp;
  const count = async (sql: string): Promise<number> => (await t.app.get(DataSource).query(sql))[0].n;

  beforeEach(async () => {
    smtp = await startSmtp();
  });
  afterEach(async () => {
    await t.close();
    await smtp.stop();
  });

  it('sends 300 plus-addressed requests for one inbox at most 3 confirmation emails, and stores no more rows', async () => {
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url });
    for (let i = 0; i < 300; i++) {
      await t.http
        .post('/api/v1/subscriptions')
        .send({ email: `victim+${i}@example.org`, reminderDays: [1 + (i % 30)] })
        .expect(202);
    }
    await t.dispatcher.dispatch();
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      'victim+0@example.org',
      'victim+1@example.org',
      'victim+2@example.org',
    ]);
    expect(await count(`SELECT COUNT(*) AS n FROM subscription`)).toBe(3);
    expect(await count(`SELECT COUNT(*) AS n FROM notification`)).toBe(3);

    // Another inbox is not affected; the first gets more a day later.
    await t.http.post('/api/v1/subscriptions').send({ email: 'someone.else@example.org' }).expect(202);
    t.clock.advance(25 * HOUR);
    await t.http.post('/api/v1/subscriptions').send({ email: 'victim+later@example.org' }).expect(202);
    await t.dispatcher.dispatch();
    expect(
      smtp.received
        .slice(3)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(['someone.else@example.org', 'victim+later@example.org']);
  });

  it('counts Gmail dots, googlemail.com and case as one inbox, with the cap from CONFIRMATIONS_PER_MAILBOX_PER_DAY', async () => {
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url, CONFIRMATIONS_PER_MAILBOX_PER_DAY: '2' });
    for (const email of ['jane.doe@gmail.com', 'JaneDoe@gmail.com', 'j.a.n.e.d.o.e+x@googlemail.com', 'janedoe@gmail.com']) {
      await t.http.post('/api/v1/subscriptions').send({ email }).expect(202);
    }
    await t.dispatcher.dispatch();
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['JaneDoe@gmail.com', 'jane.doe@gmail.com']);
  });

  it('confirms only by POST from the page the link opens; GET and HEAD confirm nothing', async () => {
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url });
    await t.http.post('/api/v1/subscriptions').send({ email: 'prefetch@example.org' }).expect(202);
    await t.dispatcher.dispatch();
    const link = pathOf(linkTo(smtp.received[0].text, '/subscriptions/confirm?token='));

    expect((await t.http.head(link)).status).toBe(200);
    const page = await t.http.get(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Confirm your subscription');
    expect(page.text).toContain('prefetch@example.org');
    expect(page.text).toMatch(/<form method="post" action="\/subscriptions\/confirm\?token=[A-Za-z0-9_-]{43}"/);
    expect(page.text).not.toContain('/subscriptions/manage?token=');
    expect(await count(`SELECT COUNT(*) AS n FROM subscription WHERE state = 'confirmed'`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM subscription_token WHERE purpose = 'manage'`)).toBe(0);

    const confirmed = await t.http.post(link);
    expect(confirmed.text).toContain('Subscription confirmed');
    expect(await count(`SELECT COUNT(*) AS n FROM subscription WHERE state = 'confirmed'`)).toBe(1);
    // Later visits (a forwarded email) mint no manage link.
    await t.http.get(link);
    await t.http.post(link);
    expect(await count(`SELECT COUNT(*) AS n FROM subscription_token WHERE purpose = 'manage'`)).toBe(1);
  });

  it('deletes unconfirmed subscriptions once their confirmation has expired and the throttle no longer counts it', async () => {
    t = await bootNotifyApp(items, { SMTP_URL: smtp.url });
    await t.http.post('/api/v1/subscriptions').send({ email: 'never@example.org' }).expect(202);
    await t.http.post('/api/v1/subscriptions').send({ email: 'keen@example.org' }).expect(202);
    await t.dispatcher.dispatch();
    const keenLink = pathOf(
      linkTo(smtp.received.find((m) => m.to[0] === 'keen@example.org')!.text, '/subscriptions/confirm?token='),
    );
    const neverLink = pathOf(
      linkTo(smtp.received.find((m) => m.to[0] === 'never@example.org')!.text, '/subscriptions/confirm?token='),
    );
    await t.http.post(keenLink).expect(200);

    t.clock.advance(47 * HOUR);
    expect((await t.scanner.scan()).expiredSubscriptions).toBe(0);
    t.clock.advance(2 * HOUR);
    expect((await t.scanner.scan()).expiredSubscriptions).toBe(1);
    expect(await t.app.get(DataSource).query(`SELECT email, state FROM subscription`)).toEqual([
      { email: 'keen@example.org', state: 'confirmed' },
    ]);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM notification n LEFT JOIN subscription s ON s.id = n.subscription_id WHERE s.id IS NULL`,
      ),
    ).toBe(0);
    expect((await t.http.get(neverLink)).status).toBe(404);
    expect((await t.scanner.scan()).expiredSubscriptions).toBe(0);
  });
});
