import { DataSource } from 'typeorm';
import { serializeTransactions } from './serialized-transactions';

describe('serialized transactions', () => {
  let ds: DataSource;

  beforeEach(async () => {
    ds = serializeTransactions(new DataSource({ type: 'better-sqlite3', database: ':memory:' }));
    await ds.initialize();
    await ds.query('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  });
  afterEach(() => ds.destroy());

  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('runs one transaction at a time, so a rollback never takes another one with it', async () => {
    const order: string[] = [];
    const failing = ds.transaction(async (em) => {
      order.push('a:start');
      await em.query(`INSERT INTO t (v) VALUES ('a')`);
      await tick();
      order.push('a:fail');
      throw new Error('boom');
    });
    const passing = ds.transaction(async (em) => {
      order.push('b:start');
      await em.query(`INSERT INTO t (v) VALUES ('b')`);
      order.push('b:end');
    });
    await expect(failing).rejects.toThrow('boom');
    await passing;
    expect(order).toEqual(['a:start', 'a:fail', 'b:start', 'b:end']);
    expect(await ds.query('SELECT v FROM t')).toEqual([{ v: 'b' }]);
  });

  it('runs a transaction started inside another at once, as a savepoint, without deadlocking', async () => {
    await ds.transaction(async (em) => {
      await em.query(`INSERT INTO t (v) VALUES ('outer')`);
      await ds.transaction(async (inner) => {
        await inner.query(`INSERT INTO t (v) VALUES ('inner')`);
      });
    });
    expect((await ds.query('SELECT v FROM t ORDER BY id')).map((r: { v: string }) => r.v)).toEqual(['outer', 'inner']);
  });

  it('is applied once however often it is called', () => {
    const first = ds.manager.transaction;
    serializeTransactions(ds);
    expect(ds.manager.transaction).toBe(first);
  });
});
