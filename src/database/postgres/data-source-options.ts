/**
 * How the tracker talks to PostgreSQL (DATABASE_URL). The same entities as on SQLite; the
 * PostgreSQL migrations in migrations/postgres. Every connection's session runs in UTC, and the
 * values node-postgres would otherwise shape by the process's time zone or as strings come back
 * the way the SQLite driver gives them: counts as numbers, timestamps as ISO instants.
 */
import { defaults, types } from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { POSTGRES_MIGRATIONS } from '../../../migrations/postgres';
import { ENTITIES } from '../entities';
import { NestTypeOrmLogger } from '../typeorm-logger';

const INT8 = 20;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** `timestamp` (without time zone) holds UTC wall time here (the session is UTC): read it as that instant. */
function utcInstant(value: string): string {
  const iso = value.replace(' ', 'T');
  return new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(iso) ? iso : `${iso}Z`).toISOString();
}

/** Per-connection type parsers (node-postgres's global ones stay untouched). */
const typeParsers = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === INT8) return (v) => Number(v);
    if (oid === TIMESTAMP || oid === TIMESTAMPTZ) return utcInstant;
    return types.getTypeParser(oid, (format ?? 'text') as 'text') as (value: string) => unknown;
  },
};

// A Date bound as a parameter is sent as UTC, not in the process's time zone: `timestamp` columns hold
// UTC wall time. (node-postgres has this only as a process-wide default.)
defaults.parseInputDatesAsUTC = true;

export function postgresOptions(url: string, opts: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: POSTGRES_MIGRATIONS,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    applicationName: 'reform-tracker',
    extra: { max: opts.poolSize ?? 10, options: '-c TimeZone=UTC', types: typeParsers },
    logger: new NestTypeOrmLogger(),
  };
}
