/**
 * A fingerprint of the whole database: every table's row count and a SHA-256 over its rows (sorted,
 * since some tables, such as the search index's, have no rowid). Equal fingerprints before and after a request mean the request wrote nothing at all.
 * api_key.last_used_at is left out: authenticating a request records it, by design.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export type DbSnapshot = Record<string, { rows: number; sha256: string }>;

export async function snapshotDb(app: Pick<INestApplicationContext, 'get'>): Promise<DbSnapshot> {
  const ds = app.get(DataSource);
  const tables: Array<{ name: string }> = await ds.query(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const out: DbSnapshot = {};
  for (const { name } of tables) {
    const rows: Array<Record<string, unknown>> = await ds.query(`SELECT * FROM "${name}"`);
    if (name === 'api_key') for (const r of rows) delete r.last_used_at;
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v))).sort();
    out[name] = { rows: rows.length, sha256: createHash('sha256').update(lines.join('\n')).digest('hex') };
  }
  return out;
}
