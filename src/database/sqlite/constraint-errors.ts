/**
 * What a failed write's error means, without SQLite's codes leaking out of the adapter: a unique (or
 * primary key) violation, a foreign key violation, or a database another process kept locked for
 * longer than the busy timeout.
 */
import { QueryFailedError } from 'typeorm';

function sqliteCode(error: unknown): string {
  // Through TypeORM, or straight from better-sqlite3 (the synchronous transactions).
  const driverError: unknown =
    error instanceof QueryFailedError
      ? error.driverError
      : (error as { name?: unknown } | null)?.name === 'SqliteError'
        ? error
        : undefined;
  return String((driverError as { code?: unknown } | undefined)?.code ?? '');
}

/** A row with the same unique key (or primary key) exists already. */
export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A foreign key would be broken (a referenced row is missing, or a referencing one remains). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** Another connection held the database's write lock for longer than the busy timeout. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = sqliteCode(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}
