/**
 * Databases made for one run (the drift check, each e2e test file) on a PostgreSQL server: created
 * with the collation the tracker needs (C: code-unit order, as on SQLite) and dropped after.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Creates a fresh database on the server of `serverUrl`; resolves to its URL and a function that
 * drops it. From `template` when given (a database already migrated, which makes a test boot
 * cheaper; it has the collation), else empty.
 */
export async function createThrowawayDatabase(
  serverUrl: string,
  prefix: string,
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await createDatabase(serverUrl, name, template);
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => dropDatabase(serverUrl, name),
  };
}

/** Drops the database `name` (if it exists), closing its connections. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Creates the database `name` on the server of `serverUrl` (see createThrowawayDatabase for `template`). */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || (template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(template))) {
    throw new Error(`not a plain database name: ${name}${template ? ` / ${template}` : ''}`);
  }
  await onServer(serverUrl, (admin) =>
    admin.query(
      template
        ? `CREATE DATABASE "${name}" TEMPLATE "${template}"`
        : `CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`,
    ),
  );
}

/** The URL of the database `name` on the server of `serverUrl`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer<T>(serverUrl: string, fn: (admin: DataSource) => Promise<T>): Promise<T> {
  const admin = new DataSource({ type: 'postgres', url: serverUrl, extra: { max: 1 } });
  await admin.initialize();
  try {
    return await fn(admin);
  } finally {
    await admin.destroy();
  }
}
