/**
 * A fingerprint of the whole database: every table's row count and a SHA-256 over its rows (sorted,
 * since some tables, such as the search index's, have no rowid). Equal fingerprints before and after a request mean the request wrote nothing at all.
 * api_key.last_used_at is left out: authenticating a request records it, by design; so is
 * table_version, whose counters move with it (the read cache's versions, database/table-versions.sql.ts).
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';

export type DbSnapshot = Record<string, { rows: number; sha256: string }>;

export async function snapshotDb(app: Pick<INestApplicationContext, 'get'>): Promise<DbSnapshot> {
  const ds = app.get(DataSource);
  return fingerprint(
    (sql) => ds.query(sql),
    ds.options.type === 'postgres'
      ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`
      : SQLITE_TABLES,
  );
}

const SQLITE_TABLES = `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`;

/** The same fingerprint of a database file no process is using (read-only). */
export async function snapshotFile(path: string): Promise<DbSnapshot> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return await fingerprint(async (sql) => db.prepare(sql).all() as Array<Record<string, unknown>>, SQLITE_TABLES);
  } finally {
    db.close();
  }
}

async function fingerprint(
  query: (sql: string) => Promise<Array<Record<string, unknown>>>,
  tablesSql: string,
): Promise<DbSnapshot> {
  const tables = (await query(tablesSql)) as Array<{ name: string }>;
  const out: DbSnapshot = {};
  // table_version counts writes for the read cache, including api_key.last_used_at's.
  for (const { name } of tables.filter((t) => t.name !== 'table_version')) {
    const rows = await query(`SELECT * FROM "${name}"`);
    if (name === 'api_key') for (const r of rows) delete r.last_used_at;
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))).sort();
    out[name] = { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}
