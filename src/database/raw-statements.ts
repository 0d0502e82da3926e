/**
 * Raw SQL statements for the repositories that run many small ones (the notifications'
 * subscriptions, outbox and scan cursors), on either engine, written once in the portable subset
 * with `?` placeholders (sql-dialect.ts has the few fragments that differ).
 *
 * A statement runs in the transaction the caller is in (Transactions.run, database/transactions.ts),
 * or on its own when there is none:
 * - SQLite: prepared once per connection and kept (sqlite/prepared-queries.ts), run synchronously
 *   on the raw better-sqlite3 connection. That connection is the one TypeORM's transactions run on,
 *   so inside Transactions.run the statement is part of the open transaction; the writer queue keeps
 *   any other transaction out meanwhile. This keeps the cost of a statement what it was when these
 *   repositories were synchronous.
 * - PostgreSQL: on the connection of the caller's transaction (each transaction has its own
 *   connection of the pool), else on a connection of the pool; `run` answers the affected rows from
 *   the driver's structured result (the plain result of an UPDATE is `[rows, count]`).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DataSource, QueryRunner } from 'typeorm';
import { positionalParameters } from './postgres/raw-queries';
import { sqliteConnection } from './sqlite/connection';
import { preparedStatement } from './sqlite/prepared-queries';
import { sqlDialect, SqlDialect } from './sql-dialect';
import { currentTransaction } from './transactions';

/**
 * A statement built now and run later: here (RawStatements.execute, in the caller's transaction) or,
 * on SQLite, in a transaction of the write worker (sqlite/write-worker.ts) on a connection of its own.
 */
export interface SqlStatement {
  readonly sql: string;
  readonly params: unknown[];
}

export abstract class RawStatements {
  /** Whether the data source is PostgreSQL (for the rare statement that exists on one engine only). */
  protected readonly postgres: boolean;
  /** The SQL fragments of this engine. */
  protected readonly dialect: SqlDialect;

  protected constructor(protected readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
    this.dialect = sqlDialect(dataSource);
  }

  private get db(): Database {
    const db = sqliteConnection(this.dataSource);
    if (!db) throw new Error('these statements need the better-sqlite3 connection to be open');
    return db;
  }

  private stmt(sql: string): Statement {
    return preparedStatement(this.db, sql);
  }

  /** Runs `fn` on the caller's transaction's query runner, or on a pool connection of its own. */
  private async onPostgres<T>(fn: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = currentTransaction(this.dataSource)?.queryRunner;
    if (runner) return fn(runner);
    const own = this.dataSource.createQueryRunner();
    try {
      return await fn(own);
    } finally {
      await own.release();
    }
  }

  /** The rows of a SELECT, or of a statement with RETURNING. */
  protected async all<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    if (!this.postgres) return this.stmt(sql).all(...params) as T[];
    return this.onPostgres(async (runner) => {
      const result = await runner.query(positionalParameters(sql), params, true);
      return (result.records ?? []) as T[];
    });
  }

  /** The first row, or undefined. */
  protected async get<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
    if (!this.postgres) return this.stmt(sql).get(...params) as T | undefined;
    return (await this.all<T>(sql, ...params))[0];
  }

  /** Runs a statement this repository built (see SqlStatement); returns how many rows it changed. */
  async execute(statement: SqlStatement): Promise<number> {
    return this.run(statement.sql, ...statement.params);
  }

  /** Runs an INSERT, UPDATE or DELETE; returns how many rows it changed. */
  protected async run(sql: string, ...params: unknown[]): Promise<number> {
    if (!this.postgres) return this.stmt(sql).run(...params).changes;
    return this.onPostgres(async (runner) => {
      const result = await runner.query(positionalParameters(sql), params, true);
      return result.affected ?? 0;
    });
  }
}
