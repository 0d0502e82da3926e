/**
 * Databases made for one run (the drift check, each e2e test file) on a PostgreSQL server: created
 * with the collation the tracker needs (C: code-unit order, as on SQLite) and dropped after.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Creates a fresh database on the server of `serverUrl`; resolves to its URL and a function that drops it. */
export async function createThrowawayDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (admin) =>
    admin.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
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
