/**
 * Column defaults the entities write in SQLite's SQL, said in PostgreSQL's. Applied to a data
 * source's metadata once it is built, so that inserts and the drift check see PostgreSQL's form
 * (the PostgreSQL migrations create the columns with it).
 */
import type { DataSource } from 'typeorm';

/** "Now" as an ISO-8601 UTC instant with milliseconds, the form every instant column holds. */
const SQLITE_NOW_INSTANT = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
export const POSTGRES_NOW_INSTANT = `to_char((now() AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function adaptColumnDefaults(dataSource: DataSource): void {
  for (const entity of dataSource.entityMetadatas) {
    for (const column of entity.columns) {
      const value: unknown = column.default;
      if (typeof value === 'function' && (value as () => unknown)() === SQLITE_NOW_INSTANT) {
        column.default = () => POSTGRES_NOW_INSTANT;
      }
    }
  }
}
