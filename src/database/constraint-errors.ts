/**
 * What a failed write's error means, without either engine's codes leaking out of the database
 * layer: a unique (or primary key) violation, or a foreign key violation. SQLite names them
 * (SQLITE_CONSTRAINT_*), PostgreSQL gives SQLSTATEs (23505, 23503).
 */
import { QueryFailedError } from 'typeorm';

function driverCode(error: unknown): string {
  if (!(error instanceof QueryFailedError)) return '';
  return String((error.driverError as { code?: unknown } | undefined)?.code ?? '');
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
