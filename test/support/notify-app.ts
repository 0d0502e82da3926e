/**
 * The real app for notification tests: a fresh SQLite file, a factory dataset, the in-app scheduler
 * off (tests run the scan and the dispatcher themselves) and a clock the test moves by hand, so no
 * test depends on the wall clock.
 */
import request from 'supertest';
import { NotificationDispatcher } from '../../src/notifications/notification-dispatcher.service';
import { NotificationScanner } from '../../src/notifications/notification-scanner.service';
import { Transactions } from '../../src/database/transactions';
import { OutboxRepository } from '../../src/notifications/outbox.repository';
import { SubscriptionsRepository } from '../../src/notifications/subscriptions.repository';
import { SeedService } from '../../src/seed/seed.service';
import { buildSeed, FactoryItem } from './factories';
import { bootApp, TestApp } from './test-app';
import { TestClock, useTestClock } from './test-clock';

export interface NotifyApp extends TestApp {
  http: ReturnType<typeof request>;
  clock: TestClock;
  scanner: NotificationScanner;
  dispatcher: NotificationDispatcher;
  subscriptionRows: SubscriptionsRepository;
  outboxRows: OutboxRepository;
  transactions: Transactions;
  seed(items: FactoryItem[]): Promise<void>;
  /** The outbox rows, oldest first. */
  outbox(): Promise<
    Array<{
      id: number;
      kind: string;
      state: string;
      dedupeKey: string;
      attempts: number;
      lastError: string | null;
      nextAttemptAt: string;
    }>
  >;
}

export const PUBLIC_URL = 'https://tracker.test';

export async function bootNotifyApp(
  items: FactoryItem[],
  env: Record<string, string> = {},
  start = '2030-03-01T18:00:00.000Z',
): Promise<NotifyApp> {
  const t = await bootApp({ SEED_ON_START: 'false', NOTIFY_INTERVAL_SECONDS: '0', PUBLIC_URL, ...env });
  const clock = useTestClock(t.app, start);
  const seedService = t.app.get(SeedService);
  const seed = async (more: FactoryItem[]) => {
    // The tests' later seeds stand for an editor's entries: one notice each, like the API's.
    await seedService.apply(buildSeed(more), { notify: 'each' });
  };
  await seed(items);
  const outboxRows = t.app.get(OutboxRepository);
  return {
    ...t,
    http: request(t.app.getHttpServer()),
    clock,
    scanner: t.app.get(NotificationScanner),
    dispatcher: t.app.get(NotificationDispatcher),
    subscriptionRows: t.app.get(SubscriptionsRepository),
    outboxRows,
    transactions: t.app.get(Transactions),
    seed,
    outbox: async () =>
      (await outboxRows.listNotifications(undefined, undefined, 10_000))
        .map((n) => ({
          id: n.id,
          kind: n.kind,
          state: n.state,
          dedupeKey: n.dedupeKey,
          attempts: n.attempts,
          lastError: n.lastError,
          nextAttemptAt: n.nextAttemptAt,
        }))
        .reverse(),
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
