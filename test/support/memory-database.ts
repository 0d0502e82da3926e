/** A fresh in-memory SQLite database with `statements` run on it, for the specs of the database helpers. */
import { DataSource } from 'typeorm';

export async function memoryDatabase(...statements: string[]): Promise<DataSource> {
  const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
  await ds.initialize();
  for (const sql of statements) await ds.query(sql);
  return ds;
}
