/**
 * TypeORM runs pending migrations in the order of the timestamp at the end of their class names,
 * whatever order a list gives them in. Each engine's list is kept in that order, so the list reads as
 * the history a database gets (the multi-instance test compares the applied names with it).
 */
import { POSTGRES_MIGRATIONS } from '../../migrations/postgres';
import { SQLITE_MIGRATIONS } from '../../migrations/sqlite';

const timestampOf = (migration: new () => unknown): number => Number(/(\d{13})$/.exec(migration.name)?.[1]);

describe.each([
  ['SQLite', SQLITE_MIGRATIONS],
  ['PostgreSQL', POSTGRES_MIGRATIONS],
])('the %s migrations', (_engine, migrations) => {
  it('each end their class name with a 13-digit timestamp', () => {
    for (const m of migrations) expect(Number.isFinite(timestampOf(m))).toBe(true);
  });

  it('are listed in the order TypeORM runs them (by timestamp)', () => {
    const names = migrations.map((m) => m.name);
    const byTimestamp = [...migrations].sort((a, b) => timestampOf(a) - timestampOf(b)).map((m) => m.name);
    expect(names).toEqual(byTimestamp);
  });
});
