import { DataSource, QueryFailedError } from 'typeorm';
import { memoryDatabase } from '../../test/support/memory-database';
import { RawStatements } from './raw-statements';
import { gateReadsBehindWrites } from './sqlite/writer-queue';
import { Transactions } from './transactions';

describe('the one transaction mechanism', () => {
  let ds: DataSource;
  let tx: Transactions;

  beforeEach(async () => {
    ds = await memoryDatabase(
      'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)',
      // Every tracker database has it (the first migration); a transaction takes the write lock through it.
      'CREATE TABLE tracker_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    );
    tx = new Transactions(ds);
  });
  afterEach(() => ds.destroy());

  const tick = () => new Promise((resolve) => setImmediate(resolve));
  const values = async () => ((await ds.query('SELECT v FROM t ORDER BY id')) as Array<{ v: string }>).map((r) => r.v);

  it('parks a read started while a transaction runs until it ends (the write does not take turns with it)', async () => {
    gateReadsBehindWrites(ds);
    const order: string[] = [];
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const write = tx.run(async (em) => {
      await em.query(`INSERT INTO t (v) VALUES ('a')`);
      entered();
      await tick();
      await tick();
      // The transaction's own reads, through its EntityManager or the data source, run at once.
      expect(await em.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);
      expect(await ds.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 1 }]);
      await em.query(`INSERT INTO t (v) VALUES ('b')`);
      order.push('commit');
    });
    await inside;
    // A reader outside the transaction: it waits, then sees both rows.
    const read = values().then((v) => {
      order.push('read');
      return v;
    });
    await write;
    expect(await read).toEqual(['a', 'b']);
    expect(order).toEqual(['commit', 'read']);
  });

  it("fails a statement inside a transaction as TypeORM would: QueryFailedError, logged by the data source's logger", async () => {
    const logged = jest.spyOn(ds.logger, 'logQueryError');
    try {
      const failure = tx.run((em) => em.query(`INSERT INTO t (id, v) VALUES (1, 'a'), (1, 'b')`));
      await expect(failure).rejects.toBeInstanceOf(QueryFailedError);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0][0])).toMatch(/UNIQUE/);
      expect(logged.mock.calls[0][1]).toContain('INSERT INTO t');
      expect(await values()).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });

  it('runs one transaction at a time, so a rollback never takes another one with it', async () => {
    const order: string[] = [];
    const failing = tx.run(async (em) => {
      order.push('a:start');
      await em.query(`INSERT INTO t (v) VALUES ('a')`);
      await tick();
      order.push('a:fail');
      throw new Error('boom');
    });
    const passing = tx.run(async (em) => {
      order.push('b:start');
      await em.query(`INSERT INTO t (v) VALUES ('b')`);
      order.push('b:end');
    });
    await expect(failing).rejects.toThrow('boom');
    await passing;
    expect(order).toEqual(['a:start', 'a:fail', 'b:start', 'b:end']);
    expect(await values()).toEqual(['b']);
  });

  it('runs a transaction started inside another at once, as a savepoint, without deadlocking', async () => {
    await tx.run(async (em) => {
      await em.query(`INSERT INTO t (v) VALUES ('outer')`);
      await tx.run(async (inner) => {
        await inner.query(`INSERT INTO t (v) VALUES ('inner')`);
      });
    });
    expect(await values()).toEqual(['outer', 'inner']);
  });

  /** A repository of raw statements (the notifications' kind), on the test's table. */
  class Rows extends RawStatements {
    constructor(dataSource: DataSource) {
      super(dataSource);
    }
    add(v: string): Promise<number> {
      return this.run(`INSERT INTO t (v) VALUES (?)`, v);
    }
  }

  it("runs raw statements inside the caller's transaction, queued behind an open one", async () => {
    const rows = new Rows(ds);
    const order: string[] = [];
    const failing = tx.run(async (em) => {
      await em.query(`INSERT INTO t (v) VALUES ('a')`);
      await tick();
      order.push('a:fail');
      throw new Error('boom');
    });
    const raw = tx.run(async () => {
      order.push('raw');
      expect(await rows.add('s')).toBe(1);
    });
    await expect(failing).rejects.toThrow('boom');
    await raw;
    expect(order).toEqual(['a:fail', 'raw']);
    expect(await values()).toEqual(['s']);
  });

  it('rolls raw statements back with the transaction they ran in', async () => {
    const rows = new Rows(ds);
    await expect(
      tx.run(async () => {
        await rows.add('x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await values()).toEqual([]);
  });

  it('does not treat a callback scheduled from a finished transaction as nested', async () => {
    let later: Promise<void> | undefined;
    await tx.run(async (em) => {
      await em.query(`INSERT INTO t (v) VALUES ('first')`);
      later = new Promise<void>((resolve, reject) =>
        setTimeout(() => {
          const second = tx.run(async (inner) => {
            await inner.query(`INSERT INTO t (v) VALUES ('late')`);
            await tick();
            throw new Error('late fails');
          });
          const third = tx.run(async (inner) => {
            await inner.query(`INSERT INTO t (v) VALUES ('third')`);
          });
          second.then(
            () => reject(new Error('should fail')),
            () => third.then(() => resolve(), reject),
          );
        }, 5),
      );
    });
    await later;
    expect(await values()).toEqual(['first', 'third']);
  });

  it('shares one queue among the instances of one data source', async () => {
    const other = new Transactions(ds);
    const order: string[] = [];
    const a = tx.run(async () => {
      order.push('a:start');
      await tick();
      order.push('a:end');
    });
    const b = other.run(async () => {
      order.push('b');
    });
    await Promise.all([a, b]);
    expect(order).toEqual(['a:start', 'a:end', 'b']);
  });
});
