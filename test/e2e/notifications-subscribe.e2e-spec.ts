/**
 * Subscribing as a new user would, with no SMTP server configured: the emails land as .eml files
 * under the data folder, the links in them work, the API never tells whether an address is
 * subscribed, and the HTML pages (subscribe, confirm, manage, unsubscribe) do what the emails promise.
 */
import { NestFactory } from '@nestjs/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { runCli } from '../../src/cli';
import { validateEnvironment } from '../../src/config/environment';
import { NotificationScheduler } from '../../src/notifications/notification-scheduler';
import { canonicalSettings, settingsKey } from '../../src/notifications/subscription-rules';
import { SubscriptionsService } from '../../src/notifications/subscriptions.service';
import { linkTo, parseMail, pathOf } from '../support/smtp-server';
import { bootNotifyApp, HOUR, NotifyApp } from '../support/notify-app';
import type { FactoryItem } from '../support/factories';
import { bootApp } from '../support/test-app';

const items: FactoryItem[] = [
  {
    slug: 'alpha',
    title: 'Adopt a foot pursuit policy <quickly>',
    topics: ['foot-pursuits'],
    deadlines: [{ due: '2030-03-08' }],
  },
  { slug: 'bravo', title: 'Train every officer', topics: ['training'] },
];

describe('subscribing without an SMTP server', () => {
  let t: NotifyApp;
  const outbox = () => join(t.dir, 'outbox');
  const emlFiles = () =>
    existsSync(outbox())
      ? readdirSync(outbox())
          .filter((f) => f.endsWith('.eml'))
          .sort()
      : [];
  const readEml = (file: string) => parseMail(readFileSync(join(outbox(), file), 'utf8'));

  beforeAll(async () => {
    t = await bootNotifyApp(items);
  });
  afterAll(() => t.close());

  it('writes the confirmation as an .eml file in the data folder; its link confirms; the reminder follows', async () => {
    const res = await t.http
      .post('/api/v1/subscriptions')
      .send({ email: 'New.User@Example.org', filter: { topics: ['foot-pursuits'] } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      status: 'accepted',
      detail: 'If this address can receive email, a confirmation link is on its way. Nothing else is sent until it is used.',
    });
    expect(await t.dispatcher.dispatch()).toMatchObject({ sent: 1 });
    const [file] = emlFiles();
    expect(file).toMatch(/^\d{6}-confirm\.eml$/);
    const confirmation = readEml(file);
    expect(confirmation.headers.get('to')?.toLowerCase()).toBe('new.user@example.org');
    expect(confirmation.headers.get('message-id')).toMatch(/^<notification-\d+\.[0-9a-f]{12}@tracker\.test>$/);
    const link = linkTo(confirmation.text, '/subscriptions/confirm?token=');
    expect(confirmation.html).toContain(link);
    // Beside it, the text part decoded, so the link can be copied from a terminal.
    const readable = readFileSync(join(outbox(), file.replace(/\.eml$/, '.txt')), 'utf8');
    expect(readable).toContain('Subject: Confirm your Reform Tracker subscription');
    expect(readable).toContain(`\n${link}\n`);

    // The link opens a page with a button; GET and HEAD (link scanners, prefetchers) confirm nothing.
    const prompt = await t.http.get(pathOf(link));
    expect(prompt.status).toBe(200);
    expect(prompt.headers['content-type']).toMatch(/^text\/html/);
    expect(prompt.headers['cache-control']).toBe('no-store');
    expect(prompt.text).toContain('Confirm your subscription');
    expect(prompt.text).toContain(`method="post" action="${pathOf(link).replace(/&/g, '&amp;')}"`);
    expect((await t.http.head(pathOf(link))).status).toBe(200);
    expect(await t.subscriptionRows.confirmedSubscriptions()).toHaveLength(0);

    const page = await t.http.post(pathOf(link));
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Subscription confirmed');
    expect(page.text).toMatch(/href="\/subscriptions\/manage\?token=[A-Za-z0-9_-]{43}"/);
    // The link keeps working (second clicks), without confirming twice or handing out another manage link.
    for (const again of [await t.http.get(pathOf(link)), await t.http.post(pathOf(link))]) {
      expect(again.text).toContain('Already confirmed');
      expect(again.text).not.toContain('/subscriptions/manage?token=');
    }

    expect((await t.scanner.scan()).reminders).toBe(1);
    await t.dispatcher.dispatch();
    const reminder = readEml(emlFiles().find((f) => f.endsWith('-reminder.eml'))!);
    expect(reminder.headers.get('subject')).toContain('Adopt a foot pursuit policy <quickly>');
    expect(reminder.html).toContain('Adopt a foot pursuit policy &lt;quickly&gt;');
    expect(reminder.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('answers the same 202 for an address that is already subscribed, and sends it nothing', async () => {
    const before = (await t.outbox()).length;
    const res = await t.http
      .post('/api/v1/subscriptions')
      .send({ email: 'new.user@example.org', filter: { topics: ['foot-pursuits'] } });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('accepted');
    expect(await t.outbox()).toHaveLength(before);
  });

  it('sends at most three confirmation emails a day to one address', async () => {
    for (let i = 0; i < 5; i++)
      await t.http
        .post('/api/v1/subscriptions')
        .send({ email: 'target@example.org', triggers: ['finding'] })
        .expect(202);
    const id = (await t.subscriptionRows.findSubscriptionBySettings(
      'target@example.org',
      settingsKey(canonicalSettings({ triggers: ['finding'] })),
    ))!.id;
    const confirmations = async () => (await t.outbox()).filter((n) => n.dedupeKey.startsWith(`confirm:${id}:`));
    expect(await confirmations()).toHaveLength(3);
    t.clock.advance(25 * HOUR);
    await t.http
      .post('/api/v1/subscriptions')
      .send({ email: 'target@example.org', triggers: ['finding'] })
      .expect(202);
    expect(await confirmations()).toHaveLength(4);
  });

  it('refuses bad requests with problem details that name the field', async () => {
    const bad = await t.http
      .post('/api/v1/subscriptions')
      .send({ email: 'not-an-address', triggers: ['gossip'], reminderDays: [400], digest: 'weekly' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'digest',
      'email',
      'reminderDays',
      'triggers',
    ]);
    const unknown = await t.http
      .post('/api/v1/subscriptions')
      .send({ email: 'a@example.org', filter: { topics: ['nope'], recommendations: ['alpha'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'filter.topics', in: 'body', reason: 'no topic has the slug "nope"' }]);
    const extra = await t.http.post('/api/v1/subscriptions').send({ email: 'a@example.org', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.errors[0]).toMatchObject({ field: 'admin', reason: 'is not a known field' });
  });

  it('says so when a confirmation link has expired or is not one', async () => {
    await t.http.post('/api/v1/subscriptions').send({ email: 'late@example.org' }).expect(202);
    await t.dispatcher.dispatch();
    const file = emlFiles()
      .filter((f) => f.endsWith('-confirm.eml'))
      .pop()!;
    const link = linkTo(readEml(file).text, '/subscriptions/confirm?token=');
    t.clock.advance(49 * HOUR);
    const expired = await t.http.get(pathOf(link));
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This link has expired');
    expect((await t.http.post(pathOf(link))).status).toBe(410);
    const invalid = await t.http.get('/subscriptions/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(invalid.status).toBe(404);
    expect((await t.http.get('/subscriptions/confirm')).status).toBe(404);
    expect((await t.http.get('/subscriptions/manage?token=nope')).status).toBe(404);
    expect((await t.http.post('/subscriptions/unsubscribe?token=nope')).status).toBe(404);
  });

  it('has a subscribe page, prefilled for one item, that does what the API does', async () => {
    const form = await t.http.get('/subscribe').query({ recommendation: 'alpha' });
    expect(form.status).toBe(200);
    expect(form.headers['content-type']).toMatch(/^text\/html/);
    expect(form.text).toContain('<html lang="en">');
    expect(form.text).toContain('Adopt a foot pursuit policy &lt;quickly&gt;');
    expect(form.text).toContain('<label for="field-email">');
    expect(form.text).toContain('name="recommendation" value="alpha"');
    expect(form.text).not.toMatch(/<script(?![^>]*src=)/);

    const wrong = await t.http
      .post('/subscribe')
      .type('form')
      .send({ email: 'nope', triggers: 'status_change', recommendation: 'alpha' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Enter an email address');
    expect(wrong.text).toContain('aria-invalid="true"');

    const before = (await t.outbox()).length;
    const ok = await t.http
      .post('/subscribe')
      .type('form')
      .send('email=form%40example.org&recommendation=alpha&triggers=status_change&triggers=deadline_missed&digest=none');
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Check your email');
    expect(await t.outbox()).toHaveLength(before + 1);
    const [latest] = await t.outboxRows.listNotifications(undefined, undefined, 1);
    const sub = (await t.subscriptionRows.findSubscription(latest.subscriptionId))!;
    expect(sub).toMatchObject({ email: 'form@example.org', triggers: ['deadline_missed', 'status_change'], state: 'pending' });
    expect(sub.filter.recommendations).toEqual(['alpha']);
  });

  it('lets a subscriber change what they follow from the manage link', async () => {
    await t.http.post('/api/v1/subscriptions').send({ email: 'manager@example.org' }).expect(202);
    await t.dispatcher.dispatch();
    const confirmLink = linkTo(
      readEml(
        emlFiles()
          .filter((f) => f.endsWith('-confirm.eml'))
          .pop()!,
      ).text,
      '/subscriptions/confirm?token=',
    );
    const confirmed = await t.http.post(pathOf(confirmLink));
    const manage = /href="(\/subscriptions\/manage\?token=[^"]+)"/.exec(confirmed.text)![1];

    const page = await t.http.get(manage);
    expect(page.status).toBe(200);
    expect(page.text).toContain('manager@example.org');
    expect(page.text).toContain('value="30, 7, 1"');

    const bad = await t.http.post(manage).type('form').send({ topics: 'nope', triggers: 'finding' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('no topic has the slug &quot;nope&quot;');

    const saved = await t.http
      .post(manage)
      .type('form')
      .send('topics=training&triggers=status_change&reminderDays=14%2C%202&digest=daily');
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Saved.');
    const token = new URL(manage, 'http://x').searchParams.get('token');
    const sub = (await t.app.get(SubscriptionsService).byManageToken(token))!;
    expect(sub).toMatchObject({ triggers: ['status_change'], reminderDays: [14, 2], digest: 'daily' });
    expect(sub.filter.topics).toEqual(['training']);

    // An item is added by pasting its page address, and is then listed by its title, ticked.
    const added = await t.http
      .post(manage)
      .type('form')
      .send({ recommendations: ['', 'https://tracker.test/recommendations/alpha?asOf=2030-01-01'], triggers: 'status_change' });
    expect(added.status).toBe(200);
    expect(added.text).toContain(
      '<input type="checkbox" name="recommendations" value="alpha" checked> Adopt a foot pursuit policy &lt;quickly&gt;',
    );
    expect((await t.app.get(SubscriptionsService).byManageToken(token))!.filter.recommendations).toEqual(['alpha']);
  });

  it('runs in the server only: not in the CLI context, and not with NOTIFY_INTERVAL_SECONDS=0', async () => {
    expect(t.app.get(NotificationScheduler).active).toBe(false);
    const server = await bootApp({ SEED_ON_START: 'false', NOTIFY_INTERVAL_SECONDS: '3600' });
    try {
      expect(server.app.get(NotificationScheduler).active).toBe(true);
    } finally {
      await server.close();
    }
    const env = validateEnvironment({
      DATABASE_PATH: t.databasePath,
      ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl, MAIL_OUTBOX_DIR: join(dirname(t.databasePath), 'outbox') } : {}),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'silent',
      NOTIFY_INTERVAL_SECONDS: '60',
    });
    const ctx = await NestFactory.createApplicationContext(AppModule.forRoot(env), { logger: false });
    try {
      expect(ctx.get(NotificationScheduler).active).toBe(false);
    } finally {
      await ctx.close();
    }
  });

  /** Runs `notify:run-once` as cron would, on this test's database, without PUBLIC_URL or SMTP_URL: its exit status and output. */
  async function runOnceFromCli(): Promise<{ code: number; out: string; err: string }> {
    const vars: Record<string, string> = {
      DATABASE_PATH: t.databasePath,
      // Under test:postgres, the app's database (never the server's admin database).
      ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl, MAIL_OUTBOX_DIR: join(dirname(t.databasePath), 'outbox') } : {}),
      SEED_ON_START: 'false',
      LOG_LEVEL: 'silent',
      // Not set, as in the README's walkthrough: the links go where the server (PUBLIC_URL
      // https://tracker.test) recorded it runs, not to http://localhost:3000.
      PUBLIC_URL: '',
    };
    const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
    const out: string[] = [];
    const err: string[] = [];
    const capture = (into: string[]) => (chunk: string | Uint8Array) => {
      into.push(String(chunk));
      return true;
    };
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(capture(out));
    const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation(capture(err));
    try {
      Object.assign(process.env, vars);
      return { code: await runCli(['notify:run-once']), out: out.join(''), err: err.join('') };
    } finally {
      write.mockRestore();
      writeErr.mockRestore();
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }

  it('does a whole run from the command line with notify:run-once, linking where the server runs without PUBLIC_URL', async () => {
    // The CLI has its own (real) clock: queue the email at the real time so that it is due there.
    t.clock.set(new Date());
    await t.http.post('/api/v1/subscriptions').send({ email: 'cron@example.org' }).expect(202);
    const { code, out, err } = await runOnceFromCli();
    expect(code).toBe(0);
    expect(out).toMatch(/sent 1, retrying later 0, dead 0/);
    // Without SMTP_URL, said where cron looks (stderr): the email went to a file, not to anyone.
    expect(err).not.toMatch(/PUBLIC_URL/);
    expect(err).toMatch(/^NOT SENT: no SMTP_URL, so the 1 email\(s\) above were written as \.eml files to .*outbox/m);
    expect((await t.outbox()).filter((n) => n.state === 'pending')).toHaveLength(0);
    const sent = readEml(
      emlFiles()
        .filter((f) => f.endsWith('-confirm.eml'))
        .pop()!,
    );
    expect(sent.headers.get('to')).toBe('cron@example.org');
    expect(linkTo(sent.text, '/subscriptions/confirm?token=')).toMatch(
      /^https:\/\/tracker\.test\/subscriptions\/confirm\?token=/,
    );
  });

  it('warns on stderr when neither PUBLIC_URL nor a server that ran on the database says where links go', async () => {
    await t.app.get(DataSource).query(`DELETE FROM tracker_meta WHERE key = 'server_public_url'`);
    const { code, err } = await runOnceFromCli();
    expect(code).toBe(0);
    expect(err).toMatch(
      /^warning: PUBLIC_URL is not set and no server has run on this database: links in these emails point to http:\/\/localhost:\d+/m,
    );
  });

  // Last, because it ends the subscription the tests above share.
  it('unsubscribes with one click sent as multipart/form-data, as mailbox providers send it', async () => {
    const reminder = readEml(emlFiles().find((f) => f.endsWith('-reminder.eml'))!);
    // Mailbox providers send the RFC 8058 one-click POST as multipart/form-data.
    const oneClick = /<(https?:\/\/[^>]+)>/.exec(reminder.headers.get('list-unsubscribe') ?? '')![1];
    const oneClickAnswer = await t.http
      .post(pathOf(oneClick))
      .set('Content-Type', 'multipart/form-data; boundary=x')
      .send('--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n');
    expect(oneClickAnswer.status).toBe(200);
    expect(oneClickAnswer.text).toMatch(/unsubscribed/i);
  });
});
