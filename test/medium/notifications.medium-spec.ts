/**
 * Notifications through their services on a real database, with the file mail driver (the .eml and
 * .txt files beside the database) instead of SMTP: SubscriptionsRepository (subscriptions, tokens,
 * suppressions), OutboxRepository (the outbox, claims, cancellations) and ScanCursorsRepository (the
 * scan's candidates and cursors), through SubscriptionsService, NotificationScanner,
 * NotificationDispatcher and SubscribersAdminService. The admin is a real key (ApiKeysService,
 * ApiKeysRepository).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotDb } from '../support/db-snapshot';
import { linkTo } from '../support/smtp-server';
import { bootMedium, EDITOR, MediumApp, problemOf } from '../support/medium-app';
import type { AuthenticatedKey } from '../../src/auth/api-keys.service';
import { ApiKeysService } from '../../src/auth/api-keys.service';
import { DeadlineWritesService } from '../../src/deadlines/deadline-commands.service';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.service';
import { NotificationScanner, ScanReport } from '../../src/notifications/notification-scanner.service';
import { OutboxRepository } from '../../src/notifications/outbox.repository';
import { ScanCursorsRepository } from '../../src/notifications/scan-cursors.repository';
import { SubscribersAdminService } from '../../src/notifications/subscribers-admin.service';
import { SubscriptionsRepository } from '../../src/notifications/subscriptions.repository';
import { SubscriptionsService } from '../../src/notifications/subscriptions.service';
import { settingsKey, canonicalSettings } from '../../src/notifications/subscription-rules';

// Noon in Chicago on 2026-06-15.
const T0 = '2026-06-15T17:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const READER = 'reader@example.org';
const TRAINING = { topics: ['training'] };
/** What a scan did, without the zeros: `{}` when it owed nothing and changed nothing. */
const owed = (report: ScanReport) => Object.fromEntries(Object.entries(report).filter(([, n]) => n !== 0));

describe('notifications (services and repositories on a real database)', () => {
  let t: MediumApp;
  let subscriptions: SubscriptionsService;
  let scanner: NotificationScanner;
  let dispatcher: NotificationDispatcher;
  let outbox: OutboxRepository;
  let rows: SubscriptionsRepository;
  let admin: AuthenticatedKey;

  /** The outbox, oldest first, as kind/state pairs. */
  const queue = async () => (await outbox.listNotifications(undefined, undefined, 1000)).reverse().map((n) => [n.kind, n.state]);
  /** The text of every email written so far (the file driver's .txt files), by file name. */
  const mails = () => {
    const folder = join(t.db.dir, 'outbox');
    return readdirSync(folder)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => readFileSync(join(folder, f), 'utf8'));
  };
  const tokenIn = (text: string, path: string) => new URL(linkTo(text, path)).searchParams.get('token')!;
  const subscription = (email: string, filter = TRAINING) =>
    rows.findSubscriptionBySettings(email, settingsKey(canonicalSettings({ filter })));

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    await t.seed([
      // A training item with a deadline 7 local days away (a reminder is owed at 7 days).
      {
        slug: 'train-officers',
        topics: ['training'],
        statuses: [{ status: 'in_progress', on: '2026-06-01' }],
        deadlines: [{ due: '2026-06-22' }],
      },
      { slug: 'other-item', topics: ['foot-pursuits'], deadlines: [{ due: '2026-06-22' }] },
    ]);
    subscriptions = t.get(SubscriptionsService);
    scanner = t.get(NotificationScanner);
    dispatcher = t.get(NotificationDispatcher);
    outbox = t.get(OutboxRepository);
    rows = t.get(SubscriptionsRepository);
    const { apiKey } = await t.get(ApiKeysService).create('medium-admin', 'admin');
    admin = { id: apiKey.id, name: apiKey.name, role: apiKey.role };
  });
  afterAll(() => t.close());

  describe('subscribing', () => {
    it('a request writes a pending subscription and its confirmation email in the outbox', async () => {
      await subscriptions.subscribe({ email: READER, filter: TRAINING });
      expect(await subscription(READER)).toMatchObject({ state: 'pending', filter: expect.objectContaining(TRAINING) });
      expect(await queue()).toEqual([['confirm', 'pending']]);
    });

    it('throttles confirmations per mailbox: a +tag reaches the same inbox and counts with it', async () => {
      await subscriptions.subscribe({ email: READER, filter: TRAINING });
      await subscriptions.subscribe({ email: 'reader+news@example.org', filter: TRAINING });
      const before = await snapshotDb(t.ctx);
      // The fourth in 24 hours writes nothing at all, and answers the same (no error).
      await subscriptions.subscribe({ email: 'Reader@example.org', filter: TRAINING });
      expect(await snapshotDb(t.ctx)).toEqual(before);
      expect(await queue()).toEqual([
        ['confirm', 'pending'],
        ['confirm', 'pending'],
        ['confirm', 'pending'],
      ]);
    });

    it('refuses a filter naming an unknown slug with a 400 naming the field, and writes nothing', async () => {
      const before = await snapshotDb(t.ctx);
      const problem = await problemOf(
        subscriptions.subscribe({ email: 'someone@example.org', filter: { topics: ['no-such-topic'] } }),
      );
      expect(problem.status).toBe(400);
      expect(problem.errors?.[0]).toMatchObject({ field: expect.stringContaining('topics'), in: 'body' });
      expect(await snapshotDb(t.ctx)).toEqual(before);
    });

    it('the dispatcher sends the confirmations; the link confirms the subscription once', async () => {
      // Confirmed after the seed's status changes were recorded: they are owed to nobody.
      t.clock.advance(60_000);
      const report = await dispatcher.dispatch();
      expect(report).toMatchObject({ claimed: 3, sent: 3, dead: 0 });
      expect((await queue()).every(([, state]) => state === 'sent')).toBe(true);
      expect(await dispatcher.dispatch()).toMatchObject({ claimed: 0 });
      const texts = mails();
      expect(texts).toHaveLength(3);
      const token = tokenIn(
        texts.find((m) => m.includes(`To: ${READER}`))!,
        '/subscriptions/confirm?token=',
      );
      expect(await subscriptions.previewConfirmation(token)).toMatchObject({ outcome: 'ready' });
      expect(await subscriptions.confirm(token)).toMatchObject({ outcome: 'confirmed' });
      expect(await subscription(READER)).toMatchObject({
        state: 'confirmed',
        confirmedAt: new Date(Date.parse(T0) + 60_000).toISOString(),
      });
      expect(await subscriptions.confirm(token)).toMatchObject({ outcome: 'already-confirmed' });
      expect(await subscriptions.confirm('not-a-token')).toEqual({ outcome: 'invalid' });
    });
  });

  describe('the scan', () => {
    it('owes a reminder for a followed deadline entering its window, once however often it runs', async () => {
      t.clock.advance(HOUR);
      expect(owed(await scanner.scan())).toEqual({ reminders: 1 });
      expect(owed(await scanner.scan())).toEqual({});
      const [reminder] = (await outbox.listNotifications(undefined, undefined, 1)).filter((n) => n.kind === 'reminder');
      expect(reminder).toMatchObject({ state: 'pending', reminderDays: 7 });
    });

    it('owes a notice for a status change of a followed item, after the cursor, and not for others', async () => {
      const scanReads = t.get(ScanCursorsRepository);
      const before = await scanReads.cursor('status_change');
      t.clock.advance(HOUR);
      const { id } = await t.recordStatus('train-officers', 'implemented', '2026-06-15');
      await t.recordStatus('other-item', 'accepted', '2026-06-15');
      expect(owed(await scanner.scan())).toEqual({ statusChanges: 1 });
      expect(await scanReads.cursor('status_change')).toBe(id + 1);
      expect(await scanReads.cursor('status_change')).toBeGreaterThan(before);
      expect(owed(await scanner.scan())).toEqual({});
    });

    it('cancels a queued reminder whose deadline settled before it was sent', async () => {
      await t
        .get(DeadlineWritesService)
        .settle('train-officers-dl-0', 'met', { metOn: '2026-06-15', source: 'report-a' }, undefined, EDITOR);
      expect(await scanner.scan()).toMatchObject({ cancelled: 1, outcomes: 1 });
      const report = await dispatcher.dispatch();
      expect(report).toMatchObject({ sent: 2 }); // the status change, and the notice that the deadline was met
      expect((await queue()).slice(-3)).toEqual([
        ['reminder', 'cancelled'],
        ['status_change', 'sent'],
        ['deadline_outcome', 'sent'],
      ]);
      expect(mails().some((m) => m.includes('train-officers') || m.includes('Item train-officers'))).toBe(true);
    });

    it('owes nothing for a deadline outside the filter, even when it closes unmet', async () => {
      t.clock.advance(8 * DAY);
      // other-item's deadline closed unmet, but the subscription follows only training. The one thing
      // the scan does: it deletes reader+news's subscription, never confirmed and long expired.
      expect(owed(await scanner.scan())).toEqual({ expiredSubscriptions: 1 });
      expect(await subscription('reader+news@example.org')).toBeUndefined();
    });
  });

  describe('unsubscribing and suppression', () => {
    it('the unsubscribe link in an email stops the subscription; the scan then owes it nothing', async () => {
      const notice = mails().find((m) => m.includes('/subscriptions/unsubscribe?token=') && m.includes(`To: ${READER}`))!;
      const outcome = await subscriptions.unsubscribe(tokenIn(notice, '/subscriptions/unsubscribe?token='));
      expect(outcome).toMatchObject({ outcome: 'unsubscribed' });
      expect(await subscription(READER)).toMatchObject({ state: 'unsubscribed' });
      await t.recordStatus('train-officers', 'partially_implemented', '2026-06-20');
      expect(owed(await scanner.scan())).toEqual({});
    });

    it('a suppressed mailbox gets no confirmation, whatever address form asks', async () => {
      const editor = { keyName: admin.name, role: admin.role, requestId: null };
      const result = await t.get(SubscribersAdminService).suppress({ email: 'victim@example.org', reason: 'complaint' }, editor);
      expect(result).toMatchObject({ suppressed: true, reason: 'complaint', createdBy: 'medium-admin' });
      const before = (await queue()).length;
      await subscriptions.subscribe({ email: 'Victim+x@example.org', filter: TRAINING });
      expect(await queue()).toHaveLength(before);
      expect(await subscription('victim+x@example.org')).toBeUndefined();
      const lifted = await t.get(SubscribersAdminService).lift('victim@example.org', editor);
      expect(lifted.suppressed).toBe(false);
      await subscriptions.subscribe({ email: 'victim@example.org', filter: TRAINING });
      expect(await queue()).toHaveLength(before + 1);
    });
  });
  describe('reading in pages', () => {
    it('pages the deadlines that closed unmet by (close, id), ties on the close included, each once and in order', async () => {
      await t.seed(
        [1, 2, 3, 4, 5].map((i) => ({
          slug: `closed-${i}`,
          topics: ['foot-pursuits'],
          deadlines: [{ due: i <= 3 ? '2026-05-01' : `2026-05-0${i}` }],
        })),
      );
      const reads = t.get(ScanCursorsRepository);
      const whole = await reads.unmetDeadlinesClosedBetween('', T0, null, 1000);
      const paged: typeof whole = [];
      for (let after: (typeof whole)[number] | null = null; ;) {
        const page = await reads.unmetDeadlinesClosedBetween('', T0, after, 2);
        for (const d of page) paged.push(d);
        if (page.length < 2) break;
        after = page[page.length - 1];
      }
      expect(whole.length).toBeGreaterThanOrEqual(5);
      expect(paged.map((d) => d.id)).toEqual(whole.map((d) => d.id));
      // Three of them close at the same instant: a page boundary falls among them.
      const ties = whole.filter((d) => d.closesAt === whole.find((x) => x.recommendation === 'closed-1')!.closesAt);
      expect(ties.length).toBeGreaterThanOrEqual(3);
      // A later lower bound leaves out what closed at or before it.
      const later = await reads.unmetDeadlinesClosedBetween(ties[0].closesAt, T0, null, 1000);
      expect(later.map((d) => d.id)).toEqual(whole.filter((d) => d.closesAt > ties[0].closesAt).map((d) => d.id));
    });
  });
});
