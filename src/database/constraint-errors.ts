/**
 * What a failed write's error means, without either engine's codes leaking out of the database
 * layer: a unique (or primary key) violation, a foreign key violation, or a database another process
 * kept locked for longer than the busy timeout. SQLite names them (SQLITE_CONSTRAINT_*, SQLITE_BUSY),
 * PostgreSQL gives SQLSTATEs (23505, 23503).
 */
import { QueryFailedError } from 'typeorm';

function driverCode(error: unknown): string {
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
  const code = driverCode(error);
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/** A foreign key would be broken (a referenced row is missing, or a referencing one remains). */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = driverCode(error);
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/** Another connection held the database's write lock for longer than the busy timeout. */
export function isDatabaseBusy(error: unknown): boolean {
  const code = driverCode(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}
