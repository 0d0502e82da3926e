/**
 * Work that finds nothing to do writes nothing: a notification scan with nothing new leaves the data
 * version alone, so the read cache keeps its answers (before, every scan moved the cursors' updated_at
 * and emptied the cache every NOTIFY_INTERVAL_SECONDS).
 */
import { bootMedium, MediumApp } from '../support/medium-app';
import { NotificationScanner } from '../../src/notifications/notification-scanner.service';
import { StatsService } from '../../src/stats/stats.service';

const T0 = '2026-06-15T17:00:00.000Z';

describe('idle work writes nothing', () => {
  let t: MediumApp;

  beforeAll(async () => {
    t = await bootMedium({ now: T0 });
    await t.seed([
      { slug: 'a', statuses: [{ status: 'in_progress', on: '2026-04-01' }], deadlines: [{ due: '2026-06-30' }] },
      { slug: 'b', deadlines: [{ due: '2026-05-31' }] },
    ]);
  });
  afterAll(() => t.close());

  it('a scan that owes nothing keeps the cached stats (same frozen object)', async () => {
    const scanner = t.get(NotificationScanner);
    await scanner.scan();
    const stats = t.get(StatsService);
    const cached = await stats.stats();
    await scanner.scan();
    expect(await stats.stats()).toBe(cached);
  });

  it('a scan after a status change does move the cursor, and the cache follows the change', async () => {
    const stats = t.get(StatsService);
    const before = await stats.stats();
    await t.recordStatus('b', 'implemented', '2026-06-01');
    await t.get(NotificationScanner).scan();
    const after = await stats.stats();
    expect(after).not.toBe(before);
    expect(after.byStatus.implemented).toBe(before.byStatus.implemented + 1);
  });
});
