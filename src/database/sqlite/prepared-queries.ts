/**
 * A SQLite transaction's queries as prepared statements on the raw better-sqlite3 connection.
 *
 * Why: TypeORM's `em.query` on better-sqlite3 takes several awaits, a broadcaster and a clock
 * reading per statement around the statement itself (its own cache already keeps it prepared):
 * about 20 µs against 4-5 µs for the prepared statement alone (a trivial SELECT, 50,000 times, on a
 * loaded machine), and a status change runs about 25 statements, an imported row about ten. So
 * inside a transaction (transactions.ts) `em.query` runs the statement on the connection at once,
 * with what TypeORM answers: the rows of a statement that returns rows, else the last inserted
 * rowid; booleans bound as 0/1; a failure as TypeORM's QueryFailedError (constraint-errors.ts reads
 * its driver error), logged as TypeORM logs it. The connection is the one TypeORM's transaction runs on, so the statements are
 * part of it.
 */
import type { Database, Statement } from 'better-sqlite3';
import { QueryFailedError, type EntityManager } from 'typeorm';

/** Statements kept per connection; the oldest is dropped beyond this (as TypeORM's own cache does). */
const KEPT = 500;
const prepared = new WeakMap<Database, Map<string, Statement>>();

/** `sql` prepared once per connection (RawStatements and transactions share them). */
export function preparedStatement(db: Database, sql: string): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
    if (cache.size > KEPT) cache.delete(cache.keys().next().value!);
  }
  return statement;
}

/** Makes `em.query` of this SQLite transaction run prepared statements on `db` (see the file header). */
export function runQueriesPrepared(em: EntityManager, db: Database): void {
  em.query = <T = unknown>(sql: string, parameters: unknown[] = []): Promise<T> => {
    const values = parameters.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));
    try {
      const statement = preparedStatement(db, sql);
      return Promise.resolve((statement.reader ? statement.all(...values) : statement.run(...values).lastInsertRowid) as T);
    } catch (error) {
      // Logged as TypeORM's query runner logs a failure (typeorm-logger.ts: the SQL, not the values).
      em.connection.logger.logQueryError(error as Error, sql, values);
      return Promise.reject(new QueryFailedError(sql, values, error as Error));
    }
  };
}
