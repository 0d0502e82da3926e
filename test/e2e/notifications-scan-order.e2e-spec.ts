/**
 * The scan's cursor and status changes that commit out of id order (PostgreSQL). A transaction that
 * took a lower id can commit after one that took a higher id: the app's own writers take turns (the
 * writer lock), but an import script or a DBA's session need not. A scan that moved its cursor past
 * the higher id would never see the lower one, and its email would never be owed.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { ADVISORY_LOCK } from '../../src/database/postgres/advisory-locks';
import { ScanCursorsRepository } from '../../src/notifications/scan-cursors.repository';
import { canonicalSettings, mailboxOf, normalizeEmail, settingsKey } from '../../src/notifications/subscription-rules';
import { onPostgres } from '../support/engine';
import { bootNotifyApp, HOUR, NotifyApp } from '../support/notify-app';

// On SQLite one writer at a time holds the file, so ids commit in order: there is no such order to test.
const describeOnPostgres = onPostgres ? describe : describe.skip;

describeOnPostgres('the notification scan on PostgreSQL (several instances)', () => {
  let t: NotifyApp;
  const runners: QueryRunner[] = [];

  beforeAll(async () => {
    t = await bootNotifyApp([
      { slug: 'alpha', title: 'Adopt a foot pursuit policy', statuses: [{ status: 'in_progress', on: '2030-01-15' }] },
    ]);
    t.clock.advance(HOUR);
    const settings = canonicalSettings({ triggers: ['status_change'] });
    const nowIso = t.clock.now().toISOString();
    await t.transactions.run(async () => {
      const id = await t.subscriptionRows.insertSubscription({
        email: 'reader@example.org',
        emailNormalized: normalizeEmail('reader@example.org'),
        mailbox: mailboxOf('reader@example.org'),
        ...settings,
        settingsKey: settingsKey(settings),
        state: 'pending',
        createdAt: nowIso,
      });
      await t.subscriptionRows.confirmSubscription(id, nowIso);
    });
    t.clock.advance(HOUR);
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.release()));
    await t.close();
  });

  const runner = (dataSource: DataSource) => {
    const r = dataSource.createQueryRunner();
    runners.push(r);
    return r;
  };
  /** A copy of alpha's first status change, recorded now, with this id (or the next one), slug and session. */
  async function insertCopy(on: QueryRunner, slug: string, id?: number): Promise<number> {
    const columns = (
      (await on.query(
        `SELECT column_name AS "name" FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = 'status_change' AND column_name NOT IN ('id', 'slug', 'recorded_at')`,
      )) as Array<{ name: string }>
    ).map((c) => `"${c.name}"`);
    const [row] = (await on.query(
      `INSERT INTO status_change (id, ${columns.join(', ')}, slug, recorded_at)
       SELECT COALESCE($1::int, nextval(pg_get_serial_sequence('status_change', 'id'))), ${columns.join(', ')}, $2, $3
       FROM status_change ORDER BY id LIMIT 1 RETURNING id`,
      [id ?? null, slug, t.clock.now().toISOString()],
    )) as Array<{ id: number }>;
    return row.id;
  }

  it('owes a status change whose lower id commits after a higher one was scanned', async () => {
    const dataSource = t.app.get(DataSource);
    const cursors = t.app.get(ScanCursorsRepository);
    // A slow writer's statement has begun (its transaction has an id) and taken the next status change id…
    const slow = runner(dataSource);
    await slow.startTransaction();
    await slow.query(`SELECT pg_current_xact_id()`);
    const [{ id: slowId }] = (await slow.query(
      `SELECT nextval(pg_get_serial_sequence('status_change', 'id'))::int AS id`,
    )) as Array<{
      id: number;
    }>;
    // …when a fast one records the one after it and commits first.
    const fastId = await insertCopy(runner(dataSource), 'late-fast');
    expect(slowId).toBeLessThan(fastId);

    // The slow one is still open: the scan owes what it sees, but leaves the cursor where it was.
    t.scanner.settleMs = 50;
    expect((await t.scanner.scan()).statusChanges).toBe(1);
    expect(await cursors.cursor('status_change')).toBeLessThan(slowId);

    await insertCopy(slow, 'late-slow', slowId);
    await slow.commitTransaction();
    expect((await t.scanner.scan()).statusChanges).toBe(1);
    expect(await cursors.cursor('status_change')).toBe(fastId);
    const owed = (await t.outboxRows.listNotifications({ kind: 'status_change' }, undefined, 100)).map((n) => n.statusChangeId);
    expect(owed.sort((a, b) => a! - b!)).toEqual([slowId, fastId]);
  });

  it('skips its turn while another instance scans (the scan lock), and owes it at the next', async () => {
    const dataSource = t.app.get(DataSource);
    const other = runner(dataSource);
    await other.query(`SELECT pg_advisory_lock($1)`, [ADVISORY_LOCK.SCAN]);
    await insertCopy(runner(dataSource), 'during-another-scan');
    expect((await t.scanner.scan()).statusChanges).toBe(0);
    await other.query(`SELECT pg_advisory_unlock($1)`, [ADVISORY_LOCK.SCAN]);
    expect((await t.scanner.scan()).statusChanges).toBe(1);
  });
});
