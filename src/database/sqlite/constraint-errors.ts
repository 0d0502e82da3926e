/**
 * What a failed write's error means, without SQLite's codes leaking out of the adapter: a unique (or
 * primary key) violation, or a foreign key violation.
 */
import { QueryFailedError } from 'typeorm';

function sqliteCode(error: unknown): string {
  if (!(error instanceof QueryFailedError)) return '';
  return String((error.driverError as { code?: unknown } | undefined)?.code ?? '');
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
