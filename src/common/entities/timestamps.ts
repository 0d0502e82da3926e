/**
 * Column helpers shared by the entities. Instants are stored as ISO-8601 UTC strings
 * ("2021-06-01T05:00:00.000Z") and calendar dates as "YYYY-MM-DD": both sort correctly as text,
 * read the same in SQLite and PostgreSQL, and need no driver-specific date conversion.
 */
import { ValueTransformer } from 'typeorm';

/** Maps a Date to its ISO string in the database and back. */
export const instantTransformer: ValueTransformer = {
  to: (value: Date | string | null | undefined) =>
    value === null || value === undefined ? value : value instanceof Date ? value.toISOString() : value,
  from: (value: string | null) => (value === null || value === undefined ? value : new Date(value)),
};
