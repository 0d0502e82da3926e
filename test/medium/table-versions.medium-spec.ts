/**
 * The per-table versions the read cache keys its answers by (database/table-versions.sql.ts), on a
 * real database of either engine: every table has its triggers, a statement that changes no row
 * moves nothing (on PostgreSQL too: the dispatcher's empty claim and the pruner's empty delete), and
 * a write moves the versions of exactly the tables it wrote.
 */
import { DataSource } from 'typeorm';
import { dataVersion, DataVersion, TableVersions } from '../../src/database/data-version';
import { VERSIONED_TABLES } from '../../src/database/table-versions.sql';
import { onPostgres } from '../support/engine';
import { bootMedium, MediumApp } from '../support/medium-app';

describe('table versions (kept by triggers on a real database)', () => {
  let t: MediumApp;
  let db: DataSource;
  let version: DataVersion;

  beforeAll(async () => {
    t = await bootMedium({ now: '2030-03-01T18:00:00.000Z' });
    db = t.get(DataSource);
    version = dataVersion(db) as DataVersion;
    await t.seed([
      { slug: 'alpha', statuses: [{ status: 'in_progress', on: '2030-02-01' }], deadlines: [{ due: '2030-04-01' }] },
    ]);
  });
  afterAll(() => t.close());

  /** The tables whose version differs between two readings. */
  const moved = (a: TableVersions, b: TableVersions) => [...b.keys()].filter((k) => a.get(k) !== b.get(k)).sort();

  it('has a version and insert, update and delete triggers for every table of the schema but the derived ones', async () => {
    const tables: Array<{ name: string }> = await db.query(
      onPostgres
        ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`
        : `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'`,
    );
    const derived = /^(migrations|table_version|recommendation_list_row|recommendation_search.*)$/;
    expect(
      tables
        .map((r) => r.name)
        .filter((n) => !derived.test(n))
        .sort(),
    ).toEqual([...VERSIONED_TABLES].sort());
    const triggers: Array<{ name: string }> = await db.query(
      onPostgres
        ? `SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal`
        : `SELECT name FROM sqlite_master WHERE type = 'trigger'`,
    );
    const names = new Set(triggers.map((r) => r.name));
    const missing = VERSIONED_TABLES.flatMap((table) => ['ai', 'au', 'ad'].map((s) => `${table}_version_${s}`)).filter(
      (n) => !names.has(n),
    );
    expect(missing).toEqual([]);
    expect([...(await version.tables()).keys()]).toEqual(expect.arrayContaining([...VERSIONED_TABLES]));
  });

  it('moves nothing for statements that change no row (an empty claim, an empty prune)', async () => {
    const before = await version.tables();
    const any = await version.current();
    await db.query(`UPDATE notification SET state = state WHERE id < 0`);
    await db.query(`DELETE FROM notification WHERE id < 0`);
    await db.query(`UPDATE recommendation SET title = title WHERE slug = 'no-such-item'`);
    expect(moved(before, await version.tables())).toEqual([]);
    if (onPostgres) expect(await version.current()).toBe(any);
  });

  it('moves the versions of exactly the tables a write changed, and the "anything changed" version', async () => {
    const before = await version.tables();
    const any = await version.current();
    await db.query(`UPDATE recommendation SET title = title || '.' WHERE slug = 'alpha'`);
    expect(moved(before, await version.tables())).toEqual(
      ['recommendation', 'recommendation_ref', ...(onPostgres ? ['*'] : [])].sort(),
    );
    expect(await version.current()).not.toBe(any);

    const again = await version.tables();
    await t.recordStatus('alpha', 'implemented', '2030-02-20');
    // A status change: the item, its history, the tallies (triggers) and the audit log.
    expect(moved(again, await version.tables())).toEqual(
      expect.arrayContaining(['audit_entry', 'recommendation', 'stat_tally', 'status_change']),
    );
    expect(moved(again, await version.tables())).not.toContain('notification');
  });

  it("moves 'recommendation_ref' when an item is added or deleted or its slug or title changes, and not on a status change", async () => {
    const ref = async () => (await version.tables()).get('recommendation_ref');
    const triggers: Array<{ name: string }> = await db.query(
      onPostgres
        ? `SELECT tgname AS name FROM pg_trigger WHERE tgname LIKE 'recommendation_ref_version_%'`
        : `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'recommendation_ref_version_%'`,
    );
    expect(triggers.map((r) => r.name).sort()).toEqual(
      ['ad', 'ai', 'au', ...(onPostgres ? ['at'] : [])].map((s) => `recommendation_ref_version_${s}`).sort(),
    );

    let n = await ref();
    expect(n).toBeDefined();
    const movesRef = async (write: () => Promise<unknown>, expected: boolean) => {
      await write();
      const now = await ref();
      if (expected) expect(now).not.toBe(n);
      else expect(now).toBe(n);
      n = now;
    };
    // A status change writes the item's headline columns, not its name.
    await movesRef(() => t.recordStatus('alpha', 'stalled', '2030-02-25'), false);
    await movesRef(() => db.query(`UPDATE recommendation SET weight = weight + 1 WHERE slug = 'alpha'`), false);
    // Assigned but unchanged.
    await movesRef(() => db.query(`UPDATE recommendation SET title = title, slug = slug WHERE slug = 'alpha'`), false);
    await movesRef(() => db.query(`UPDATE recommendation SET title = title || '!' WHERE slug = 'alpha'`), true);
    await movesRef(() => db.query(`UPDATE recommendation SET slug = 'alpha-renamed' WHERE slug = 'alpha'`), true);
    await movesRef(() => db.query(`UPDATE recommendation SET slug = 'alpha' WHERE slug = 'alpha-renamed'`), true);
    await movesRef(() => t.seed([{ slug: 'bravo' }]), true);
    await movesRef(() => db.query(`DELETE FROM recommendation WHERE slug = 'bravo'`), true);
  });
});
