import { DataSource } from 'typeorm';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryDatabase } from '../../test/support/memory-database';
import { isDatabaseBusy, isForeignKeyViolation, isUniqueViolation } from './constraint-errors';

describe('constraint errors on SQLite', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await memoryDatabase(
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE p (id INTEGER PRIMARY KEY, slug TEXT UNIQUE)',
      'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER NOT NULL REFERENCES p (id))',
      `INSERT INTO p (id, slug) VALUES (1, 'a')`,
      'INSERT INTO c (p_id) VALUES (1)',
    );
  });
  afterAll(() => ds.destroy());

  const failure = (sql: string) =>
    ds.query(sql).then(
      () => new Error('no failure'),
      (e: unknown) => e,
    );

  it('tells a unique or primary key violation', async () => {
    for (const sql of [`INSERT INTO p (slug) VALUES ('a')`, `INSERT INTO p (id, slug) VALUES (1, 'b')`]) {
      const error = await failure(sql);
      expect(isUniqueViolation(error)).toBe(true);
      expect(isForeignKeyViolation(error)).toBe(false);
    }
  });

  it('tells a foreign key violation', async () => {
    for (const sql of ['DELETE FROM p WHERE id = 1', 'INSERT INTO c (p_id) VALUES (9)']) {
      const error = await failure(sql);
      expect(isForeignKeyViolation(error)).toBe(true);
      expect(isUniqueViolation(error)).toBe(false);
    }
  });

  it('says no for anything else', async () => {
    expect(isUniqueViolation(new Error('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isUniqueViolation(await failure('SELECT * FROM missing'))).toBe(false);
  });

  it('tells a database another connection keeps locked past the busy timeout, raw or through TypeORM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'busy-'));
    const path = join(dir, 'busy.sqlite');
    const holder = new Database(path);
    holder.exec('CREATE TABLE t (x)');
    const other = new Database(path);
    other.pragma('busy_timeout = 10');
    const typeorm = new DataSource({
      type: 'better-sqlite3',
      database: path,
      prepareDatabase: (db) => db.pragma('busy_timeout = 10'),
    });
    await typeorm.initialize();
    try {
      holder.exec('BEGIN IMMEDIATE');
      let raw: unknown;
      try {
        other.exec('INSERT INTO t VALUES (1)');
      } catch (error) {
        raw = error;
      }
      expect(isDatabaseBusy(raw)).toBe(true);
      const viaTypeorm = await typeorm.query('INSERT INTO t VALUES (1)').then(
        () => new Error('no failure'),
        (e: unknown) => e,
      );
      expect(isDatabaseBusy(viaTypeorm)).toBe(true);
      expect(isUniqueViolation(viaTypeorm)).toBe(false);
      expect(isDatabaseBusy(await failure('SELECT * FROM missing'))).toBe(false);
      expect(isDatabaseBusy(new Error('SQLITE_BUSY'))).toBe(false);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      other.close();
      await typeorm.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
