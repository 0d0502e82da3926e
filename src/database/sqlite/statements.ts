/**
 * Prepared statements on the raw better-sqlite3 connection, cached per repository: the base of the
 * repositories that run synchronous SQL (the notifications' subscriptions, outbox and scan cursors),
 * so that their writes can run whole inside Transactions.runSync (database/transactions.ts).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { sqliteConnection } from './connection';

export abstract class SqliteStatements {
  private readonly statements = new Map<string, Statement>();

  protected constructor(protected readonly dataSource: DataSource) {}

  protected get db(): Database {
    const db = sqliteConnection(this.dataSource);
    if (!db) throw new Error('these statements need the better-sqlite3 connection to be open');
    return db;
  }

  protected stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  protected all<T>(sql: string, ...params: unknown[]): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  protected get<T>(sql: string, ...params: unknown[]): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  protected run(sql: string, ...params: unknown[]): number {
    return this.stmt(sql).run(...params).changes;
  }
}
